"""The bundled Unicode fonts (DejaVu Sans): never system fonts, so >=, x10^9 and micro render."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from ..resources import resource_path

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"


def font_dir() -> Path:
    return resource_path("fonts")


def font_path(name: str = REGULAR) -> Path:
    return font_dir() / f"{name}.ttf"


@cache
def register_reportlab_fonts() -> None:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(REGULAR, str(font_path(REGULAR))))
    pdfmetrics.registerFont(TTFont(BOLD, str(font_path(BOLD))))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, REGULAR)
    addMapping(REGULAR, 1, 1, BOLD)

