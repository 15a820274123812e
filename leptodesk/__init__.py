"""LeptoDesk core: case model, guideline rules and plan. Pure Python; never imports Qt."""

__version__ = "0.1.0"

# The front end is found by name so that the core never depends on Qt: a core-only install
# (or a headless server) runs every command but the wizard (the command line, the self-test).
FRONT_END = "ui.app"
