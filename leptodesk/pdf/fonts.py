"""The bundled Unicode fonts (DejaVu Sans): never system fonts, so >=, x10^9 and micro render."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"


def font_dir() -> Path:
    bundled = getattr(sys, "_MEIPASS", None)  # the PyInstaller bundle keeps resources/ beside it
    if bundled:
        return Path(bundled) / "resources" / "fonts"
    return Path(__file__).resolve().parents[2] / "resources" / "fonts"


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


def stamp_font_path() -> Path:
    """DejaVu Sans without layout tables and hinting, for pyHanko's signature stamp.

    pyHanko subsets the stamp font at every signature; with DejaVu's large layout tables that
    alone took ~100 ms. The stripped copy keeps every glyph (same coverage), is made once per
    installation under the data folder, and is named by the source font's hash.
    """
    import hashlib
    import os

    from ..site import data_dir

    source = font_path(REGULAR)
    made = _STAMP_FONTS.get(source)
    if made is not None and made.is_file():
        return made
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:16]
    dest = data_dir() / "cache" / f"{REGULAR}-stamp-{digest}.ttf"
    if dest.is_file():
        _STAMP_FONTS[source] = dest
        return dest
    import logging

    from fontTools import subset
    from fontTools.ttLib import TTFont

    logging.getLogger("fontTools").setLevel(logging.ERROR)
    options = subset.Options(layout_closure=False, hinting=False, legacy_kern=False,
                             name_IDs=["*"], name_languages=["*"], notdef_outline=True)
    options.drop_tables += ["GPOS", "GDEF", "GSUB", "kern", "FFTM"]
    options.layout_features = []
    font = TTFont(str(source))
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=font.getBestCmap().keys())
    subsetter.subset(font)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_suffix(f".tmp{os.getpid()}")
    font.save(str(tmp))
    os.replace(tmp, dest)
    _STAMP_FONTS[source] = dest
    return dest


_STAMP_FONTS: dict[Path, Path] = {}
