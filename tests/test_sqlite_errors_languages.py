"""SQLite's errors in the user's language (issue 22: "disk I/O error" inside a French
message): its result code is said as the operating-system error it is, through the same
message keys (msg:os_*); English keeps SQLite's own words."""

from __future__ import annotations

import sqlite3

import pytest

from leptodesk.archive.records import human as _human
from leptodesk.errors import os_reason


def _io_error() -> sqlite3.OperationalError:
    exc = sqlite3.OperationalError("disk I/O error")
    exc.sqlite_errorname = "SQLITE_IOERR_WRITE"  # what SQLite sets on a failed write
    exc.sqlite_errorcode = 778
    return exc


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "disk I/O error"),
    ("fr", "erreur de lecture ou d'écriture sur le disque"),
    ("pt", "erro de leitura ou escrita no disco"),
])
def test_a_disk_io_error_in_a_store_message(tmp_path, lang, expected):
    error = _human(_io_error(), tmp_path / "leptodesk.sqlite3", "save_draft")
    text = error.text_in(lang) if lang != "en" else str(error)
    assert expected in text
    if lang != "en":
        assert "disk I/O error" not in text


def test_a_real_sqlite_read_only_error_is_said_in_the_language(tmp_path):
    path = tmp_path / "ro.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    with pytest.raises(sqlite3.OperationalError) as raised:
        conn.execute("INSERT INTO t VALUES (1)")
    conn.close()
    assert raised.value.sqlite_errorname.startswith("SQLITE_READONLY")
    assert os_reason(raised.value, "fr") == "système de fichiers en lecture seule"
    assert os_reason(raised.value, "en") == str(raised.value)  # SQLite's own words


def test_an_unknown_sqlite_code_keeps_sqlites_words():
    exc = sqlite3.DatabaseError("something else")
    exc.sqlite_errorname = "SQLITE_SCHEMA"
    assert os_reason(exc, "fr") == "something else"
