"""LeptoDesk PySide6 front end. Holds no clinical logic: pages read and write the case model
and ask the core (``leptodesk``) for the plan."""
