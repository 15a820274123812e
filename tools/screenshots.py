"""Grab every wizard page beside the live plan, offscreen, into docs/screenshots/.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots.py

Each page is shown with the example that exercises it (the urgent banner with the septic child,
the LP STOP verdict with the unsafe LP, prognosis with the HER2 case).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LEPTODESK_HOME", tempfile.mkdtemp(prefix="leptodesk-shots-"))

from leptodesk.casefile import load_case_file  # noqa: E402
from leptodesk.editing import with_field  # noqa: E402
from ui.app import make_app  # noqa: E402
from ui.pages import PageId  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
SIZE = (1280, 800)


def example(name: str):
    return load_case_file(ROOT / "examples" / f"{name}.json")


def fungal():
    case = example("tuberculous-adult")
    case = with_field(case, "etiology.category", "fungal")
    case = with_field(case, "patient.display_name", "Example A, entered as fungal")
    return with_field(case, "etiology.fungal_organism", "cryptococcus")


SHOTS = [
    (PageId.PATIENT, "patient", lambda: example("malignant-her2-good-prognosis")),
    (PageId.PRESENTATION, "presentation", lambda: example("bacterial-child-sepsis")),
    (PageId.IMAGING_LP, "imaging-lp", lambda: example("lp-contraindicated")),
    (PageId.CSF, "csf", lambda: example("tuberculous-adult")),
    (PageId.ETIOLOGY, "etiology", lambda: example("malignant-her2-good-prognosis")),
    (PageId.FUNGAL_ORGANISM, "fungal-organism", fungal),
    (PageId.PRIMARY_CANCER, "primary-cancer", lambda: example("malignant-her2-good-prognosis")),
    (PageId.PROGNOSIS, "prognosis", lambda: example("malignant-her2-good-prognosis")),
    (PageId.COMPLICATIONS_PLANNED, "complications-planned",
     lambda: example("malignant-her2-good-prognosis")),
    (PageId.REVIEW, "review", lambda: example("bacterial-child-sepsis")),
    (PageId.SIGN, "sign", lambda: example("malignant-her2-good-prognosis")),
]


def main() -> int:
    app = make_app()
    from ui.wizard import MainWindow

    OUT.mkdir(parents=True, exist_ok=True)
    written = []
    for n, (page_id, slug, make_case) in enumerate(SHOTS, 1):
        window = MainWindow()
        window.resize(*SIZE)
        window.load_case(make_case(), Path("/home/ward/cases/bed-12.json"))
        window.show()
        wizard = window.wizard
        while wizard.currentId() != page_id:
            before = wizard.currentId()
            wizard.next()
            if wizard.currentId() == before:
                raise SystemExit(f"cannot reach {page_id.name} (stuck on {PageId(before).name})")
        app.processEvents()
        path = OUT / f"wizard-{n:02d}-{slug}.png"
        window.grab().save(str(path))
        written.append(path)
        window.state.dirty = False
        window.close()
        window.deleteLater()
        app.processEvents()
    for path in written:
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
