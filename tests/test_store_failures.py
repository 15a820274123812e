"""Each way the archive can fail is said as what it is, in English, French and Portuguese:
"damaged" only when a check found damage; a disk I/O error, a busy, read-only or full store,
and a ward server that is full, busy or gone, each by its name."""

from __future__ import annotations

import sqlite3

import pytest

from leptodesk.archive import StoreError, Unreachable
from leptodesk.archive.records import human
from leptodesk.service import get_service

DAMAGED = {"en": "damaged", "fr": "endommag", "pt": "danificad"}
N = "\u00a0"


NAMES = {522: "SQLITE_IOERR_SHORT_READ", 8: "SQLITE_READONLY", 14: "SQLITE_CANTOPEN",
         5: "SQLITE_BUSY", 6: "SQLITE_LOCKED", 13: "SQLITE_FULL", 26: "SQLITE_NOTADB",
         11: "SQLITE_CORRUPT"}


def _sqlite_error(text: str, code: int, kind=sqlite3.OperationalError) -> sqlite3.Error:
    exc = kind(text)
    exc.sqlite_errorcode = code  # as Python 3.11's sqlite3 sets them
    exc.sqlite_errorname = NAMES[code]
    return exc


def _said(err: StoreError) -> dict[str, str]:
    return {lang: err.text_in(lang) for lang in ("en", "fr", "pt")}


def test_a_disk_io_error_is_said_as_one_not_as_damage(tmp_path):
    # SQLITE_IOERR_SHORT_READ (522): primary code 10, on a disk with room to spare.
    said = _said(human(_sqlite_error("disk I/O error", 522), tmp_path / "x.sqlite3",
                       "save_draft"))
    assert said == {
        "en": f"LeptoDesk could not save the draft in {tmp_path}: disk I/O error.",
        "fr": f"LeptoDesk n'a pas pu enregistrer le brouillon dans {tmp_path}{N}: erreur de "
              "lecture ou d'écriture sur le disque.",
        "pt": f"O LeptoDesk não conseguiu guardar o rascunho em {tmp_path}: erro de leitura ou "
              "escrita no disco.",
    }


@pytest.mark.parametrize(("text", "code", "key"), [
    ("attempt to write a readonly database", 8, "store_readonly"),
    ("unable to open database file", 14, "store_readonly"),
    ("database is locked", 5, "store_busy"),
    ("database table is locked", 6, "store_busy"),
    ("database or disk is full", 13, "store_full"),
    ("file is not a database", 26, "store_corrupt"),  # SQLite's check of the header failed
])
def test_each_sqlite_failure_by_its_code(tmp_path, text, code, key):
    err = human(_sqlite_error(text, code), tmp_path / "x.sqlite3", "archive")
    assert err.key == key
    if key != "store_corrupt":
        assert not any(DAMAGED[lang] in said for lang, said in _said(err).items())


def test_a_busy_store_is_busy_in_every_language(_isolated_home):
    """Another program holds the store's write lock longer than this one waits."""
    store = get_service().local()
    store._conn.execute("PRAGMA busy_timeout = 50")
    other = sqlite3.connect(store.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StoreError) as refused:
            store.append_event("plan_verified", user="nurse")
    finally:
        other.execute("ROLLBACK")
        other.close()
    said = _said(refused.value)
    assert said["en"] == (f"The store in {_isolated_home} is busy (another LeptoDesk window or "
                          "program is using it), so LeptoDesk could not write the audit log. "
                          "Try again in a moment.")
    assert said["fr"].startswith(f"La base de données locale dans {_isolated_home} est "
                                 "occupée")
    assert said["pt"].startswith(f"A base de dados local em {_isolated_home} está ocupada")
    store.append_event("plan_verified", user="nurse")  # free again: written


class _Malformed:
    """SQLite's connection, except that reading the plans fails as on a damaged page."""

    def __init__(self, conn):
        self._conn = conn

    def execute(self, sql, *args):
        if "FROM plans" in sql:
            raise _sqlite_error("database disk image is malformed", 11, sqlite3.DatabaseError)
        return self._conn.execute(sql, *args)


def test_a_read_that_fails_on_a_sound_store_is_not_called_damaged(_isolated_home):
    """The full check runs before anything is called damaged: here it finds none."""
    store = get_service().local()
    real = store._conn
    store._conn = _Malformed(real)
    try:
        with pytest.raises(StoreError) as refused:
            store.list_plans()
    finally:
        store._conn = real
    said = _said(refused.value)
    path = _isolated_home / "leptodesk.sqlite3"
    assert said["en"] == (f"LeptoDesk could not list the signed plans: SQLite reported an "
                          f"error reading the store {path}, but the store's full check finds "
                          "no damage. Nothing was changed. Try again; if it happens again, "
                          "close every LeptoDesk window and run 'leptodesk store check'.")
    assert said["fr"].startswith(f"LeptoDesk n'a pas pu lister les plans signés{N}: SQLite a "
                                 "signalé une erreur")
    assert said["pt"].startswith("O LeptoDesk não conseguiu listar os planos assinados: o "
                                 "SQLite assinalou um erro")
    assert not any(DAMAGED[lang] in text for lang, text in said.items())


def test_a_ward_server_full_busy_or_gone_is_said_so(tmp_path):
    import psycopg

    from leptodesk.archive.postgres import _human

    url = "postgresql://leptodesk:secret@wardserver/ward"
    full = _human(psycopg.errors.DiskFull("could not extend file"), url, "archive")
    assert not isinstance(full, Unreachable) and _said(full) == {
        "en": "The ward archive's server postgresql://leptodesk@wardserver/ward has no disk "
              "space left, so LeptoDesk could not archive the signed plan. Everything the "
              "archive held before is kept. Ask the site administrator to free space on the "
              "server, then try again.",
        "fr": "Le serveur de l'archive du service postgresql://leptodesk@wardserver/ward n'a "
              f"plus d'espace disque{N}: LeptoDesk n'a donc pas pu archiver le plan signé. "
              "Tout ce que l'archive contenait avant est conservé. Demandez à l'administrateur "
              "du site de libérer de l'espace sur le serveur, puis réessayez.",
        "pt": "O servidor do arquivo do serviço postgresql://leptodesk@wardserver/ward não tem "
              "espaço em disco, por isso o LeptoDesk não conseguiu arquivar o plano assinado. "
              "Tudo o que o arquivo guardava antes foi mantido. Peça ao administrador do local "
              "que liberte espaço no servidor e tente de novo.",
    }
    for busy in (psycopg.errors.LockNotAvailable("lock"), psycopg.errors.DeadlockDetected("x"),
                 psycopg.errors.TooManyConnections("too many")):
        err = _human(busy, url, "write_audit")
        assert err.key == "archive_busy" and not isinstance(err, Unreachable)
    assert _said(err)["en"] == ("The ward archive postgresql://leptodesk@wardserver/ward is "
                                "busy (another workstation holds what LeptoDesk needed), so "
                                "LeptoDesk could not write the audit log. Try again in a "
                                "moment.")
    for gone in (psycopg.errors.AdminShutdown("terminating connection"),
                 psycopg.errors.ConnectionFailure("server closed the connection"),
                 psycopg.OperationalError("connection refused")):
        assert isinstance(_human(gone, url, "archive"), Unreachable)
    assert not any(DAMAGED[lang] in text for lang, text in _said(full).items())
