"""LeptoDesk core: case model, guideline rules and plan. Pure Python; never imports Qt."""

__version__ = "0.1.0"
