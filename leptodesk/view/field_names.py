"""A case field's name for people, in any language (``field_label(path, lang)``).

Apart from :mod:`leptodesk.view.labels` so that a front end can name its fields before the
core's models and content are loaded (the wizard's first page names its fields at start-up).
"""

from __future__ import annotations

from ..fields import field_label

__all__ = ["field_label"]
