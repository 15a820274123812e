import hashlib
import stat

import pytest

from leptodesk import events
from leptodesk.store import DB_NAME, open_store


def test_record_appends_to_the_audit_log(_isolated_home):
    events.record("case_created", user="dr a", case_sha256="c" * 64)
    events.record("plan_signed", user="dr a", case_sha256="c" * 64, pdf_sha256="p" * 64,
                  detail={"content_version": "lepto-spine-2026.1"})
    with open_store() as store:
        rows = store.list_events()
        assert [r.event for r in rows] == ["case_created", "plan_signed"]
        assert rows[1].detail == {"content_version": "lepto-spine-2026.1"}
        assert store.verify_audit().ok
    assert (_isolated_home / DB_NAME).exists()
    assert stat.S_IMODE((_isolated_home / DB_NAME).stat().st_mode) == 0o600


def test_record_rejects_unknown_events_and_patient_data():
    with pytest.raises(ValueError):
        events.record("plan_deleted")
    with pytest.raises(ValueError):
        events.record("plan_printed", detail={"display_name": "Bed 12"})


def test_archive_signed_plan_returns_an_id_and_keeps_the_bytes():
    pdf = b"%PDF-1.7\nsigned\n%%EOF\n"
    plan_id = events.archive_signed_plan(
        pdf, display_name="Bed 12 / MRN 0042", pathway="tuberculous", signer="Dr A",
        signed_at="2026-11-24T10:00:00+01:00", content_version="lepto-spine-2026.1",
        case_sha256="c" * 64)
    assert isinstance(plan_id, int)
    with open_store() as store:
        assert store.plan_pdf(plan_id) == pdf
        info = store.get_plan(plan_id)
        assert info.pdf_sha256 == hashlib.sha256(pdf).hexdigest()
        assert info.display_name == "Bed 12 / MRN 0042"
        assert [p.id for p in store.list_plans(patient="mrn 0042")] == [plan_id]
