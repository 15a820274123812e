"""A plan signed while the ward server is down is printed from the Sign page at once: its
nurse summary from the workstation's outbox, verified first, the print's audit row kept with
the export until it is sent (so the ward's chain has it after the signing)."""

from __future__ import annotations

import pytest

from leptodesk.service import get_service
from tests.test_pdf_helpers import identities  # noqa: F401 - a fixture
from tests.ui.test_trust_ui import _sign, sign_page  # noqa: F401 - a fixture


@pytest.fixture
def ward_down(tmp_path, monkeypatch):
    """A ward archive configured, its server not there (nothing listens on the socket)."""
    monkeypatch.setenv("LEPTODESK_ARCHIVE_URL",
                       f"postgresql://leptodesk@/ward?host={tmp_path}&port=1")


@pytest.fixture
def printed(monkeypatch):
    """What was sent to the printer (nothing reaches a real one)."""
    import ui.printing

    sent = []
    monkeypatch.setattr(ui.printing, "print_pdf",
                        lambda parent, data, title, preview=True: sent.append(data))
    return sent


def test_a_plan_in_the_outbox_prints_from_the_sign_page(ward_down, sign_page, qtbot,  # noqa: F811
                                                         printed):
    _sign(sign_page, qtbot)
    result = sign_page.result
    assert result is not None and result.queued and result.archive_id is None
    sign_page.print_button.click()
    assert printed == [result.nurse_path.read_bytes()]
    assert "Not printed" not in sign_page.status.text()
    [item] = get_service().local().outbox()
    # In the order the ward's chain will take them when the export is sent.
    assert [e["event"] for e in item.events] == ["plan_signed", "plan_exported",
                                                 "plan_printed"]
    row = item.events[-1]
    assert row["event"] == "plan_printed" and row["pdf_sha256"] == result.nurse_sha256
    assert row["detail"]["from"] == "wizard" and row["detail"]["document"] == "nurse" and \
        row["detail"]["export_id"] == result.export_id and "archive_id" not in row["detail"]


def test_a_changed_copy_in_the_outbox_is_not_printed(ward_down, sign_page, qtbot,  # noqa: F811
                                                     printed):
    _sign(sign_page, qtbot)
    local = get_service().local()
    [item] = local.outbox()
    flipped = bytearray(item.nurse_pdf)
    flipped[len(flipped) // 3] ^= 0x01
    with local._write("archive") as conn:
        conn.execute("UPDATE outbox SET nurse_pdf = ? WHERE id = ?", (bytes(flipped), item.id))
    sign_page.print_button.click()
    assert printed == []
    assert sign_page.status.text().startswith("Not printed: ")
