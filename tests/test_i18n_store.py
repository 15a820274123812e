"""The last English a French or Portuguese site could still meet (issue 13): the store's own
messages (``StoreError``: damaged, newer, missing, busy, full, read-only...), a broken audit
chain, an operating-system error quoted inside a translated sentence, and the commands that had
no ``--lang`` (``plans list``, ``audit``, ``store``, ``trust``, ``identity``, ``schema``).

Every expected sentence is written here by hand; the English stays the contract's words, byte
for byte (the English cases below are the sentences the earlier tests pinned)."""

from __future__ import annotations

import errno
import json
import os
import sqlite3

import pytest

from leptodesk.archive import DB_NAME, StoreError, open_store
from leptodesk.cli import main

from .test_i18n_refusals import no_english
from .test_pdf_helpers import (  # noqa: F401 - identities: a fixture
    PASS,
    identities,
    service,
    trust,
)

N = "\u00a0"
LANGS = ("en", "fr", "pt")


def _run(argv, capsys) -> tuple[int, list[str], list[str]]:
    status = main(argv)
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return status, captured.out.splitlines(), captured.err.splitlines()


@pytest.fixture
def used(_isolated_home):
    """A store with history: one draft, three audit rows (the history marker beside it)."""
    with open_store() as store:
        store.save_draft("d1", '{"schema_version": 1}', "Bed 1")
        for _ in range(3):
            store.append_event("case_created", user="nurse1")
    return _isolated_home / DB_NAME


# -- 1. the store's own messages ----------------------------------------------------------------


def _newer(db) -> dict[str, str]:
    return {
        "en": f"The store {db} was made by a newer LeptoDesk (schema 9; this version reads up "
              "to 5). Use the newer LeptoDesk; the store is left untouched.",
        "fr": f"La base de données locale {db} a été créée par une version plus récente de "
              f"LeptoDesk (schéma 9{N}; cette version lit jusqu'au schéma 5). Utilisez la "
              f"version plus récente de LeptoDesk{N}; la base n'a pas été modifiée.",
        "pt": f"A base de dados local {db} foi criada por uma versão mais recente do LeptoDesk "
              "(esquema 9; esta versão lê até ao esquema 5). Use a versão mais recente do "
              "LeptoDesk; a base não foi alterada.",
    }


@pytest.mark.parametrize("lang", LANGS)
def test_a_newer_store_is_refused_in_the_language(used, capsys, lang):
    conn = sqlite3.connect(used)
    conn.execute("PRAGMA user_version = 9")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError) as refused:
        open_store()
    assert str(refused.value) == _newer(used)["en"]  # the English, for logs and JSON
    assert refused.value.text_in(lang) == _newer(used)[lang]
    # every command says it in its language, exit 1
    status, _, err = _run(["plans", "list", "--lang", lang], capsys)
    assert status == 1 and err == [f"leptodesk: {_newer(used)[lang]}"]
    if lang != "en":
        no_english(err[0], "LeptoDesk")


def _history(db, state: str) -> dict[str, str]:
    marker = f"{DB_NAME}.history"
    en_state, fr_state, pt_state = {
        "missing": ("missing", "est introuvable", "não existe"),
        "empty": ("empty (0 bytes)", "est vide (0 octet)", "está vazia (0 bytes)")}[state]
    return {
        "en": f"The store {db} is {en_state}, but this data folder had a store with history "
              f"({marker} says so). LeptoDesk will not start a new, empty store in its place: "
              "the store is left as it is. Ask the site administrator to restore it from a "
              "backup (a copy made with 'leptodesk store backup').",
        "fr": f"La base de données locale {db} {fr_state}, alors que ce dossier de données "
              f"contenait une base avec un historique ({marker} l'indique). LeptoDesk ne crée "
              f"pas à sa place une nouvelle base vide{N}: rien n'a été modifié. Demandez à "
              "l'administrateur du site de la restaurer à partir d'une sauvegarde (une copie "
              f"faite avec «{N}leptodesk store backup{N}»).",
        "pt": f"A base de dados local {db} {pt_state}, mas esta pasta de dados tinha uma base "
              f"com histórico ({marker} indica-o). O LeptoDesk não cria uma base nova e vazia "
              "no seu lugar: nada foi alterado. Peça ao administrador do local que a restaure a "
              "partir de uma cópia de segurança (feita com «leptodesk store backup»).",
    }


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("state", ["missing", "empty"])
def test_a_lost_store_is_refused_in_the_language(used, capsys, lang, state):
    for suffix in ("-wal", "-shm"):
        (used.parent / f"{DB_NAME}{suffix}").unlink(missing_ok=True)
    if state == "missing":
        used.unlink()
    else:
        os.truncate(used, 0)
    status, _, err = _run(["audit", "verify", "--lang", lang], capsys)
    assert status == 1 and err == [f"leptodesk: {_history(used, state)[lang]}"]
    if lang != "en":
        no_english(err[0], "LeptoDesk", "leptodesk store backup")


def _corrupt(db) -> dict[str, str]:
    return {
        "en": f"The store {db} is damaged, so LeptoDesk could not open the store; LeptoDesk "
              "has not changed it. Keep the file and ask the site administrator to restore it "
              "from a backup.",
        "fr": f"La base de données locale {db} est endommagée{N}: LeptoDesk n'a donc pas pu "
              f"ouvrir la base de données locale{N}; LeptoDesk ne l'a pas modifiée. Conservez "
              "le fichier et demandez à l'administrateur du site de la restaurer à partir "
              "d'une sauvegarde.",
        "pt": f"A base de dados local {db} está danificada, por isso o LeptoDesk não conseguiu "
              "abrir a base de dados local; o LeptoDesk não a alterou. Guarde o ficheiro e peça "
              "ao administrador do local que a restaure a partir de uma cópia de segurança.",
    }


@pytest.mark.parametrize("lang", LANGS)
def test_a_damaged_store_in_store_check_in_the_language(_isolated_home, capsys, lang):
    db = _isolated_home / DB_NAME
    db.write_bytes(b"this is not a database, it was overwritten" * 200)
    status, out, err = _run(["store", "check", "--lang", lang], capsys)
    assert status == 1 and out == []
    opening = {"en": "FAIL  opening the store: ",
               "fr": f"FAIL  ouverture de la base de données locale{N}: ",
               "pt": "FAIL  abertura da base de dados local: "}[lang]
    assert err == [opening + _corrupt(db)[lang]]
    if lang != "en":
        no_english(err[0], "LeptoDesk")


# SQLite's own words for each failure, and what the user reads (doing: saving the draft).
SQLITE_FAILURES = {
    "database or disk is full": {
        "en": "The disk is full: LeptoDesk could not save the draft in {where}. Everything "
              "saved before is kept. Free some disk space, then try again.",
        "fr": f"Le disque est plein{N}: LeptoDesk n'a pas pu enregistrer le brouillon dans "
              "{where}. Tout ce qui a été enregistré avant est conservé. Libérez de l'espace "
              "sur le disque, puis réessayez.",
        "pt": "O disco está cheio: o LeptoDesk não conseguiu guardar o rascunho em {where}. "
              "Tudo o que foi guardado antes foi mantido. Liberte espaço no disco e tente de "
              "novo."},
    "attempt to write a readonly database": {
        "en": "LeptoDesk cannot write to its data folder {where} (it is read-only or not "
              "allowed), so it could not save the draft. Everything saved before is kept. Ask "
              "the site administrator to make the folder writable.",
        "fr": "LeptoDesk ne peut pas écrire dans son dossier de données {where} (il est en "
              f"lecture seule ou l'accès n'est pas autorisé){N}: il n'a donc pas pu enregistrer "
              "le brouillon. Tout ce qui a été enregistré avant est conservé. Demandez à "
              "l'administrateur du site d'autoriser l'écriture dans ce dossier.",
        "pt": "O LeptoDesk não consegue escrever na sua pasta de dados {where} (é só de "
              "leitura ou o acesso não é permitido), por isso não conseguiu guardar o rascunho. "
              "Tudo o que foi guardado antes foi mantido. Peça ao administrador do local que "
              "permita a escrita nesta pasta."},
    "database is locked": {
        "en": "The store in {where} is busy (another LeptoDesk window or program is using it), "
              "so LeptoDesk could not save the draft. Try again in a moment.",
        "fr": "La base de données locale dans {where} est occupée (une autre fenêtre de "
              f"LeptoDesk ou un autre programme l'utilise){N}: LeptoDesk n'a donc pas pu "
              "enregistrer le brouillon. Réessayez dans un instant.",
        "pt": "A base de dados local em {where} está ocupada (outra janela do LeptoDesk ou "
              "outro programa está a usá-la), por isso o LeptoDesk não conseguiu guardar o "
              "rascunho. Tente de novo daqui a pouco."},
    "too many SQL variables": {  # anything else: SQLite's own words, quoted
        "en": "LeptoDesk could not save the draft in {where}: too many SQL variables.",
        "fr": f"LeptoDesk n'a pas pu enregistrer le brouillon dans {{where}}{N}: too many SQL "
              "variables.",
        "pt": "O LeptoDesk não conseguiu guardar o rascunho em {where}: too many SQL "
              "variables."},
}


class _FailingConnection:
    """A connection whose next statement fails as SQLite would."""

    def __init__(self, real, message: str) -> None:
        self.real, self.message = real, message

    def execute(self, sql, *args):
        if sql.startswith("INSERT INTO drafts"):
            raise sqlite3.OperationalError(self.message)
        return self.real.execute(sql, *args)

    def close(self):
        self.real.close()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("sqlite_says", sorted(SQLITE_FAILURES))
def test_a_failed_write_is_said_in_the_language(_isolated_home, lang, sqlite_says):
    with open_store() as store:
        store._conn = _FailingConnection(store._conn, sqlite_says)
        with pytest.raises(StoreError) as failed:
            store.save_draft(None, '{"schema_version": 1}', "Bed 1")
    expected = SQLITE_FAILURES[sqlite_says]
    assert str(failed.value) == expected["en"].format(where=_isolated_home)
    assert failed.value.text_in(lang) == expected[lang].format(where=_isolated_home)
    if lang != "en" and sqlite_says != "too many SQL variables":
        no_english(failed.value.text_in(lang), "LeptoDesk")


@pytest.mark.parametrize("lang", LANGS)
def test_a_closed_store_in_the_language(_isolated_home, lang):
    store = open_store()
    store.close()
    with pytest.raises(StoreError) as closed:
        store.list_drafts()
    db = _isolated_home / DB_NAME
    assert closed.value.text_in(lang) == {
        "en": f"The store {db} is closed.",
        "fr": f"La base de données locale {db} est fermée.",
        "pt": f"A base de dados local {db} está fechada."}[lang]


@pytest.mark.parametrize("lang", LANGS)
def test_a_data_folder_that_is_not_a_folder_in_the_language(tmp_path, monkeypatch, capsys,
                                                            lang):
    """The operating system's reason (ENOTDIR) is said in the language too."""
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("LEPTODESK_HOME", str(blocker / "sub"))
    status, _, err = _run(["plans", "list", "--lang", lang], capsys)
    where = blocker / "sub"
    assert status == 1 and err == ["leptodesk: " + {
        "en": f"LeptoDesk cannot use its data folder {where} (Not a directory). Ask the site "
              "administrator to make it writable, or set LEPTODESK_HOME to a writable folder.",
        "fr": f"LeptoDesk ne peut pas utiliser son dossier de données {where} (ce n'est pas un "
              "dossier). Demandez à l'administrateur du site d'autoriser l'écriture dans ce "
              "dossier, ou faites pointer LEPTODESK_HOME vers un dossier où l'écriture est "
              "autorisée.",
        "pt": f"O LeptoDesk não consegue usar a sua pasta de dados {where} (não é uma pasta). "
              "Peça ao administrador do local que permita a escrita nesta pasta, ou defina "
              "LEPTODESK_HOME para uma pasta onde se possa escrever."}[lang]]
    if lang != "en":
        no_english(err[0], "LeptoDesk", "LEPTODESK_HOME")


@pytest.mark.parametrize("lang", LANGS)
def test_store_backup_in_the_language(used, tmp_path, capsys, lang):
    copy = tmp_path / "copy.sqlite3"
    status, out, _ = _run(["store", "backup", str(copy), "--lang", lang], capsys)
    assert status == 0 and copy.exists()
    assert out == [{
        "en": f"backed up {used} to {copy} (checked, mode 0600)",
        "fr": f"{used} sauvegardée dans {copy} (contrôlée, mode 0600)",
        "pt": f"cópia de segurança de {used} feita em {copy} (verificada, modo 0600)"}[lang]]
    # never over a file
    status, _, err = _run(["store", "backup", str(copy), "--lang", lang], capsys)
    assert status == 1 and err == ["leptodesk: " + {
        "en": f"{copy} exists; choose a new file name (a backup never overwrites a file)",
        "fr": f"{copy} existe déjà{N}; choisissez un autre nom de fichier (une sauvegarde ne "
              "remplace jamais un fichier)",
        "pt": f"{copy} já existe; escolha outro nome de ficheiro (uma cópia de segurança nunca "
              "substitui um ficheiro)"}[lang]]
    if lang != "en":
        no_english(err[0])


# -- 1b. the audit chain and the store check ----------------------------------------------------

CHECK_OK = {
    "en": ["ok    SQLite integrity check: ok",
           "ok    schema version: 5 (this LeptoDesk: 5)",
           "ok    audit log: rows: 3; outside anchors checked: 1",
           "ok    archived PDFs re-hashed: PDFs checked: 0; each matches its recorded SHA-256",
           "ok    contents: drafts: 1; signed plans: 0; audit log rows: 3"],
    "fr": [f"ok    contrôle d'intégrité SQLite{N}: aucun problème",
           f"ok    version du schéma{N}: 5 (ce LeptoDesk{N}: 5)",
           f"ok    journal d'audit{N}: lignes{N}: 3{N}; ancres extérieures vérifiées{N}: 1",
           f"ok    PDF archivés recalculés{N}: PDF contrôlés{N}: 0{N}; chacun "
           "correspond à son SHA-256 enregistré",
           f"ok    contenu{N}: brouillons{N}: 1{N}; plans signés{N}: 0{N}; lignes du journal "
           f"d'audit{N}: 3"],
    "pt": ["ok    verificação de integridade do SQLite: sem problemas",
           "ok    versão do esquema: 5 (este LeptoDesk: 5)",
           "ok    registo de auditoria: linhas: 3; âncoras externas verificadas: 1",
           "ok    PDF arquivados recalculados: PDF verificados: 0; cada um "
           "corresponde ao seu SHA-256 registado",
           "ok    conteúdo: rascunhos: 1; planos assinados: 0; linhas do registo de "
           "auditoria: 3"],
}
INTACT = {
    "en": "audit log intact: 3 rows, hash chain holds, consistent with 1 anchor outside it "
          "(signed plans, history marker)",
    "fr": f"journal d'audit intact{N}: 3 lignes, la chaîne d'empreintes tient, cohérente avec "
          "1 ancre extérieure (plans signés, marqueur d'historique)",
    "pt": "registo de auditoria intacto: 3 linhas, a cadeia de hashes mantém-se, coerente com "
          "1 âncora externa (planos assinados, marcador de histórico)",
}


@pytest.mark.parametrize("lang", LANGS)
def test_store_check_and_audit_verify_in_the_language(used, capsys, lang):
    status, out, _ = _run(["store", "check", "--lang", lang], capsys)
    head = {"en": "Store", "fr": "Base de données locale", "pt": "Base de dados local"}[lang]
    assert status == 0 and out == [f"{head} {used}", *CHECK_OK[lang]]
    status, out, _ = _run(["audit", "verify", "--lang", lang], capsys)
    assert status == 0 and out == [INTACT[lang]]
    if lang != "en":
        no_english("\n".join(CHECK_OK[lang]), "LeptoDesk", "SQLite")


EDITED = {
    "en": "row 2 was edited (its content no longer matches its hash)",
    "fr": "la ligne 2 a été modifiée (son contenu ne correspond plus à son empreinte)",
    "pt": "a linha 2 foi alterada (o seu conteúdo já não corresponde ao seu hash)",
}


def _tamper(db, *sql) -> None:
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("DROP TRIGGER IF EXISTS audit_no_update")
    conn.execute("DROP TRIGGER IF EXISTS audit_no_delete")
    for statement in sql:
        conn.execute(statement)
    conn.close()


@pytest.mark.parametrize("lang", LANGS)
def test_an_edited_audit_row_in_the_language(used, capsys, lang):
    _tamper(used, "UPDATE audit SET user = 'Dr Mallory' WHERE seq = 2")
    status, _, err = _run(["audit", "verify", "--lang", lang], capsys)
    broken = {"en": "audit log BROKEN at row 2: ", "fr": f"journal d'audit ROMPU à la ligne 2{N}: ",
              "pt": "registo de auditoria QUEBRADO na linha 2: "}[lang]
    assert status == 1 and err == [broken + EDITED[lang]]
    status, out, _ = _run(["store", "check", "--lang", lang], capsys)
    assert status == 1 and out[3] == {
        "en": "FAIL  audit log: BROKEN at row 2: ",
        "fr": f"FAIL  journal d'audit{N}: ROMPU à la ligne 2{N}: ",
        "pt": "FAIL  registo de auditoria: QUEBRADO na linha 2: "}[lang] + EDITED[lang]
    if lang != "en":
        no_english(err[0])
        no_english(out[3])


# Each way the chain breaks, as the report says it (AuditReport.reason_in).
BREAKS = [
    (["DELETE FROM audit WHERE seq = 2"],
     {"en": "row 2 is missing (deleted); the next row is 3",
      "fr": f"la ligne 2 manque (supprimée){N}; la ligne suivante est la 3",
      "pt": "falta a linha 2 (eliminada); a linha seguinte é a 3"}),
    (["DELETE FROM audit WHERE seq = 3"],
     {"en": "row 3 is missing (deleted from the end)",
      "fr": "la ligne 3 manque (supprimée à la fin)",
      "pt": "falta a linha 3 (eliminada no fim)"}),
    (["DELETE FROM audit_head"],
     {"en": "the audit log's head record is missing",
      "fr": "l'enregistrement de tête du journal d'audit manque",
      "pt": "falta a entrada de topo do registo de auditoria"}),
    (["DELETE FROM audit WHERE seq = 3", "UPDATE audit_head SET seq = 2, hash = "
      "(SELECT hash FROM audit WHERE seq = 2)"],
     {"en": "the history marker leptodesk.sqlite3.history was signed when the log had 3 rows; "
            "it has 2 rows now (rows were cut off or the log emptied)",
      "fr": "le marqueur d'historique leptodesk.sqlite3.history a été signé quand le journal "
            f"comptait 3 lignes{N}; il compte 2 lignes maintenant (des lignes ont été coupées ou "
            "le journal vidé)",
      "pt": "o marcador de histórico leptodesk.sqlite3.history foi assinado quando o registo "
            "tinha 3 linhas; agora tem 2 linhas (foram cortadas linhas ou o registo foi "
            "esvaziado)"}),
]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("sql,reason", BREAKS)
def test_every_break_of_the_chain_in_the_language(used, lang, sql, reason):
    _tamper(used, *sql)
    with open_store() as store:
        report = store.verify_audit()
    assert not report.ok
    assert report.reason == reason["en"]  # the English, for logs and JSON
    assert report.reason_in(lang) == reason[lang]
    if lang != "en":
        no_english(reason[lang], "leptodesk.sqlite3.history")


# -- 2. operating-system errors in the language ------------------------------------------------

OS_WORDS = {  # errno: (French, Portuguese), written by hand
    errno.ENOSPC: ("plus d'espace libre sur le disque", "sem espaço livre no disco"),
    errno.EACCES: ("permission refusée", "permissão negada"),
    errno.EPERM: ("opération non autorisée", "operação não permitida"),
    errno.EROFS: ("système de fichiers en lecture seule", "sistema de ficheiros só de leitura"),
    errno.ENOENT: ("fichier ou dossier introuvable", "ficheiro ou pasta inexistente"),
    errno.EEXIST: ("le fichier existe déjà", "o ficheiro já existe"),
    errno.EISDIR: ("c'est un dossier", "é uma pasta"),
    errno.ENOTDIR: ("ce n'est pas un dossier", "não é uma pasta"),
    errno.EBUSY: ("périphérique ou ressource occupé", "dispositivo ou recurso ocupado"),
    errno.EAGAIN: ("ressource momentanément indisponible (verrouillée)",
                   "recurso temporariamente indisponível (bloqueado)"),
    errno.EIO: ("erreur de lecture ou d'écriture sur le disque",
                "erro de leitura ou escrita no disco"),
    errno.ENAMETOOLONG: ("nom de fichier trop long", "nome de ficheiro demasiado longo"),
}


@pytest.mark.parametrize("number", sorted(OS_WORDS))
def test_common_os_errors_in_each_language(number):
    from leptodesk.errors import os_reason

    exc = OSError(number, os.strerror(number))
    assert os_reason(exc, "en") == os.strerror(number)  # English: the system's own words
    assert os_reason(exc, "fr") == OS_WORDS[number][0]
    assert os_reason(exc, "pt") == OS_WORDS[number][1]
    for lang in ("fr", "pt"):
        no_english(os_reason(exc, lang))


def test_another_os_error_keeps_the_systems_words():
    from leptodesk.errors import os_reason

    exc = OSError(errno.ECONNREFUSED, "Connection refused")
    assert os_reason(exc, "fr") == "Connection refused"
    assert os_reason(exc, "pt") == "Connection refused"
    assert os_reason(OSError("no errno at all"), "fr") == "no errno at all"


def test_a_quoted_error_names_its_file_in_the_language():
    from leptodesk.errors import error_text
    from leptodesk.i18n import tr

    exc = PermissionError(errno.EACCES, "Permission denied", "/ward/plan.pdf")
    quoted = error_text(exc)
    assert quoted == "[Errno 13] Permission denied: '/ward/plan.pdf'"  # the English, as before
    assert tr("fr", "msg:verify_note_not_audited", error=quoted) == (
        "cette vérification n'a pas été enregistrée dans le journal d'audit "
        f"(/ward/plan.pdf{N}: permission refusée)")
    assert tr("pt", "msg:verify_note_not_audited", error=quoted) == (
        "esta verificação não ficou anotada no registo de auditoria "
        "(/ward/plan.pdf: permissão negada)")


@pytest.mark.parametrize("lang", LANGS)
def test_a_store_error_quoted_in_a_verdict_note_in_the_language(used, monkeypatch, capsys,
                                                                  identities, tmp_path,  # noqa: F811
                                                                  lang):
    """A verification the audit log could not record: the store's reason in the language."""
    from leptodesk.archive import Store
    from tests.test_pdf_helpers import export

    monkeypatch.setenv("LEPTODESK_PASSPHRASE", PASS.decode())
    trust(identities["root"])
    _, result = export(identities, tmp_path)

    def full(self, *a, **k):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(Store, "_append", staticmethod(full))
    status, out, _ = _run(["verify", str(result.pdf_path), "--lang", lang], capsys)
    assert status == 0
    where = used.parent
    assert out[-1] == {
        "en": "Note: this check was not recorded in the audit log (The disk is full: LeptoDesk "
              f"could not write the audit log in {where}. Everything saved before is kept. "
              "Free some disk space, then try again.)",
        "fr": f"Note{N}: cette vérification n'a pas été enregistrée dans le journal d'audit (Le "
              f"disque est plein{N}: LeptoDesk n'a pas pu écrire dans le journal d'audit dans "
              f"{where}. Tout ce qui a été enregistré avant est conservé. Libérez de l'espace "
              "sur le disque, puis réessayez.)",
        "pt": "Nota: esta verificação não ficou anotada no registo de auditoria (O disco está "
              "cheio: o LeptoDesk não conseguiu escrever no registo de auditoria em "
              f"{where}. Tudo o que foi guardado antes foi mantido. Liberte espaço no disco e "
              "tente de novo.)"}[lang]
    if lang != "en":
        no_english(out[-1], "LeptoDesk")


# -- 3. the commands that had no --lang --------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_empty_listings_in_the_language(_isolated_home, capsys, lang):
    _, out, _ = _run(["plans", "list", "--lang", lang], capsys)
    assert out == [{"en": "no signed plans found", "fr": "aucun plan signé trouvé",
                    "pt": "nenhum plano assinado encontrado"}[lang]]
    _, out, _ = _run(["audit", "list", "--lang", lang], capsys)
    assert out == [{"en": "the audit log is empty", "fr": "le journal d'audit est vide",
                    "pt": "o registo de auditoria está vazio"}[lang]]
    _, out, _ = _run(["trust", "list", "--lang", lang], capsys)
    folder = os.environ["LEPTODESK_TRUST_DIR"]  # the system trust folder (tests/conftest.py)
    assert out[0] == {"en": f"Trust folder: {folder}", "fr": f"Dossier de confiance{N}: {folder}",
                      "pt": f"Pasta de confiança: {folder}"}[lang]
    assert out[1:] == [{
        "en": "no site roots are trusted on this workstation: every plan FAILs verification "
              "until one is added with 'leptodesk trust add ROOT.pem --fingerprint SHA256'",
        "fr": f"aucune racine de site n'est reconnue sur ce poste{N}: tout plan échoue (FAIL) "
              "à la vérification tant qu'aucune n'est ajoutée avec 'leptodesk trust add "
              "ROOT.pem --fingerprint SHA256'",
        "pt": "nenhuma raiz do local é reconhecida neste posto: todos os planos falham (FAIL) "
              "na verificação enquanto não for adicionada uma com 'leptodesk trust add "
              "ROOT.pem --fingerprint SHA256'"}[lang]]
    if lang != "en":
        no_english(out[1], "'leptodesk trust add ROOT.pem --fingerprint SHA256'")


@pytest.mark.parametrize("lang", LANGS)
def test_plans_list_heading_in_the_language_rows_unchanged(_isolated_home, capsys, lang):
    from leptodesk.service import get_service

    get_service().local().archive_plan(
        b"%PDF-1.7 signed", display_name="Lit 4", pathway="tuberculous", signer="Dr A",
        signed_at="2026-11-24T09:30:00+01:00", content_version="lepto-spine-2026.4",
        case_sha256="c" * 64)
    _, out, _ = _run(["plans", "list", "--lang", lang], capsys)
    heading = {
        "en": "   ID  SIGNED                     PATIENT                   PATHWAY"
              "                       SIGNER",
        "fr": "   N°  SIGNÉ LE                   PATIENT                   PARCOURS"
              "                      SIGNATAIRE",
        "pt": "  N.º  ASSINADO EM                DOENTE                    PERCURSO"
              "                      SIGNATÁRIO"}[lang]
    assert out == [heading,
                   "    1  2026-11-24T09:30:00+01:00  Lit 4                     tuberculous"
                   "                   Dr A"]
    # JSON is the same in every language
    _, out_json, _ = _run(["plans", "list", "--format", "json", "--lang", lang], capsys)
    assert json.loads("\n".join(out_json))[0]["display_name"] == "Lit 4"


@pytest.mark.parametrize("lang", ["fr", "pt"])
def test_plans_list_bad_date_in_the_language(_isolated_home, capsys, lang):
    status, _, err = _run(["plans", "list", "--date", "24/11/2026", "--lang", lang], capsys)
    assert status == 2 and err == ["leptodesk: " + {
        "fr": f"--date{N}: une date AAAA-MM-JJ était attendue, reçu '24/11/2026'",
        "pt": "--date: era esperada uma data AAAA-MM-DD, recebido '24/11/2026'"}[lang]]


@pytest.mark.parametrize("lang", LANGS)
def test_trust_add_list_remove_in_the_language(identities, capsys, lang):  # noqa: F811
    root = identities["root"]
    fp = root.fingerprint
    status, out, _ = _run(["trust", "add", str(root.pem_path), "--fingerprint", fp,
                           "--lang", lang], capsys)
    assert status == 0
    kept = service().trust.anchors()[0]
    until = kept.not_after.strftime("%Y-%m-%d")
    assert out == {
        "en": ["Trusted site root Hôpital Site Root",
               f"SHA-256 fingerprint {fp} (matches the one given)",
               f"Valid until {until}; kept as {kept.path}"],
        "fr": [f"Racine de site reconnue{N}: Hôpital Site Root",
               f"Empreinte SHA-256 {fp} (identique à celle donnée)",
               f"Valide jusqu'au {until}{N}; conservée dans {kept.path}"],
        "pt": ["Raiz do local reconhecida: Hôpital Site Root",
               f"Impressão digital SHA-256 {fp} (igual à indicada)",
               f"Válida até {until}; guardada em {kept.path}"]}[lang]
    _, out, _ = _run(["trust", "list", "--lang", lang], capsys)
    until_word = {"en": "until", "fr": "jusqu'au", "pt": "até"}[lang]
    assert out[1:] == [f"{fp}  {until_word} {until}  Hôpital Site Root"]
    # refusals
    status, _, err = _run(["trust", "remove", "abc", "--lang", lang], capsys)
    assert status == 2 and err == ["leptodesk: " + {
        "en": "give at least the first 8 hex digits of the fingerprint",
        "fr": "donnez au moins les 8 premiers chiffres hexadécimaux de l'empreinte",
        "pt": "indique pelo menos os 8 primeiros dígitos hexadecimais da impressão "
              "digital"}[lang]]
    status, _, err = _run(["trust", "remove", "00000000", "--lang", lang], capsys)
    assert status == 2 and err == ["leptodesk: " + {
        "en": "no trusted site root has a fingerprint starting 00000000",
        "fr": "aucune racine de site reconnue n'a d'empreinte commençant par 00000000",
        "pt": "nenhuma raiz do local reconhecida tem uma impressão digital que comece por "
              "00000000"}[lang]]
    status, out, _ = _run(["trust", "remove", fp[:12], "--lang", lang], capsys)
    assert status == 0 and out == [{
        "en": f"No longer trusted: site root Hôpital Site Root ({fp})",
        "fr": f"Plus reconnue{N}: racine de site Hôpital Site Root ({fp})",
        "pt": f"Deixou de ser reconhecida: raiz do local Hôpital Site Root ({fp})"}[lang]]
    if lang != "en":
        no_english(out[0], "Hôpital Site Root")


@pytest.mark.parametrize("lang", LANGS)
def test_trust_add_with_the_wrong_fingerprint_in_the_language(identities, capsys,  # noqa: F811
                                                              lang):
    root = identities["root"]
    wrong = "ab" * 32
    status, _, err = _run(["trust", "add", str(root.pem_path), "--fingerprint", wrong,
                           "--lang", lang], capsys)
    pem, fp = root.pem_path, root.fingerprint
    assert status == 2 and err == ["leptodesk: " + {
        "en": f"{pem}: fingerprint mismatch: the file's SHA-256 fingerprint is {fp}, not "
              f"{wrong}; nothing was trusted",
        "fr": f"{pem}{N}: empreinte différente{N}: l'empreinte SHA-256 du fichier est {fp}, et "
              f"non {wrong}{N}; rien n'a été reconnu",
        "pt": f"{pem}: impressão digital diferente: a impressão digital SHA-256 do ficheiro é "
              f"{fp}, não {wrong}; nada foi reconhecido"}[lang]]
    if lang != "en":
        no_english(err[0], fp, wrong)


@pytest.mark.parametrize("lang", LANGS)
def test_identity_create_in_the_language(_isolated_home, tmp_path, monkeypatch, capsys, lang):
    monkeypatch.setenv("LEPTODESK_PASSPHRASE", PASS.decode())
    out_p12 = tmp_path / "me.p12"
    argv = ["identity", "create", "--name", "Dr Ana Sitoe", "--role", "Clinician",
            "--registration", "OMM 123", "-o", str(out_p12), "--lang", lang]
    # a refused field, before any passphrase is asked for
    status, _, err = _run([*argv[:3], "  ", *argv[4:]], capsys)
    assert status == 2 and err == ["leptodesk: " + {
        "en": "the name must not be empty",
        "fr": f"le champ «{N}nom{N}» ne doit pas être vide",
        "pt": "o campo «nome» não pode ficar vazio"}[lang]]
    status, out, _ = _run(argv, capsys)
    assert status == 0
    pem = out_p12.with_suffix(".pem")
    fp = out[1].split()[-1].rstrip(")")  # the fingerprint printed (a new key each time)
    assert out == {
        "en": [f"Created {out_p12} for Dr Ana Sitoe",
               f"Certificate {pem} (SHA-256 fingerprint {fp})",
               "Self-issued (no --ca): fine for trying LeptoDesk, but its plans FAIL "
               "verification everywhere, here too. Ask your site administrator for an identity "
               "issued by the site root."],
        "fr": [f"{out_p12} créé pour Dr Ana Sitoe",
               f"Certificat {pem} (empreinte SHA-256 {fp})",
               f"Auto-émise (sans --ca){N}: convient pour essayer LeptoDesk, mais ses plans "
               "échouent (FAIL) à la vérification partout, ici aussi. Demandez à "
               "l'administrateur du site une identité émise par la racine de site."],
        "pt": [f"Criado {out_p12} para Dr Ana Sitoe",
               f"Certificado {pem} (impressão digital SHA-256 {fp})",
               "Auto-emitida (sem --ca): serve para experimentar o LeptoDesk, mas os seus "
               "planos falham (FAIL) na verificação em todo o lado, também aqui. Peça ao "
               "administrador do local uma identidade emitida pela raiz do local."]}[lang]
    status, _, err = _run(argv, capsys)  # never overwritten
    assert status == 2 and err == ["leptodesk: " + {
        "en": f"{out_p12} exists; choose another file name (an identity is never overwritten)",
        "fr": f"{out_p12} existe déjà{N}; choisissez un autre nom de fichier (une identité "
              "n'est jamais remplacée)",
        "pt": f"{out_p12} já existe; escolha outro nome de ficheiro (uma identidade nunca é "
              "substituída)"}[lang]]
    if lang != "en":
        no_english("\n".join(out), "Dr Ana Sitoe", "LeptoDesk", fp)


@pytest.mark.parametrize("lang", ["fr", "pt"])
def test_identity_create_refusals_in_the_language(_isolated_home, tmp_path, monkeypatch,
                                                  capsys, lang):
    monkeypatch.setenv("LEPTODESK_PASSPHRASE", "short")
    base = ["identity", "create", "--name", "Dr A", "--role", "Clinician", "--registration",
            "R1", "-o", str(tmp_path / "a.p12"), "--lang", lang]
    status, _, err = _run(base, capsys)  # the passphrase is too short
    assert status == 2 and err == ["leptodesk: " + {
        "fr": f"la phrase secrète a 5 caractères et il en faut au moins 12{N}: plusieurs mots "
              "sans rapport, séparés par des espaces, sont longs et faciles à retenir",
        "pt": "a frase-passe tem 5 caracteres e precisa de pelo menos 12: várias palavras sem "
              "relação, separadas por espaços, são longas e fáceis de lembrar"}[lang]]
    long_role = "x" * 70
    status, _, err = _run([*base[:5], long_role, *base[6:]], capsys)
    assert status == 2 and err == ["leptodesk: " + {
        "fr": f"le champ «{N}fonction{N}» compte au plus 64 caractères{N}; celui-ci en "
              "compte 70",
        "pt": "o campo «função» tem no máximo 64 caracteres; este tem 70"}[lang]]
    status, _, err = _run([*base[:-2], "--ca", str(tmp_path / "none.p12"), *base[-2:]], capsys)
    assert status == 2 and err == ["leptodesk: " + {
        "fr": f"{tmp_path / 'none.p12'}{N}: fichier de racine de site introuvable",
        "pt": f"{tmp_path / 'none.p12'}: ficheiro de raiz do local inexistente"}[lang]]
    no_english(err[0])


@pytest.mark.parametrize("lang", LANGS)
def test_identity_create_site_root_in_the_language(_isolated_home, tmp_path, monkeypatch,
                                                   capsys, lang):
    monkeypatch.setenv("LEPTODESK_PASSPHRASE", PASS.decode())
    out_p12 = tmp_path / "root.p12"
    status, out, _ = _run(["identity", "create-site-root", "--name", "Hôpital Central",
                           "-o", str(out_p12), "--lang", lang], capsys)
    assert status == 0
    pem = out_p12.with_suffix(".pem")
    fp = out[1].split()[-1].rstrip(")")
    assert out == {
        "en": [f"Created site root {out_p12}",
               f"Certificate {pem} (SHA-256 fingerprint {fp})",
               "Not trusted anywhere yet, this workstation included. An administrator grants "
               f"it on each workstation with: leptodesk trust add root.pem --fingerprint {fp}",
               "Its key only issues identities: it cannot sign plans. Keep it offline."],
        "fr": [f"Racine de site {out_p12} créée",
               f"Certificat {pem} (empreinte SHA-256 {fp})",
               "Reconnue nulle part pour l'instant, ce poste compris. Un administrateur la "
               f"reconnaît sur chaque poste avec{N}: leptodesk trust add root.pem --fingerprint "
               f"{fp}",
               f"Sa clé sert uniquement à émettre des identités{N}: elle ne peut pas signer de "
               "plans. Conservez-la hors ligne."],
        "pt": [f"Criada a raiz do local {out_p12}",
               f"Certificado {pem} (impressão digital SHA-256 {fp})",
               "Ainda não é reconhecida em nenhum posto, incluindo este. Um administrador "
               f"reconhece-a em cada posto com: leptodesk trust add root.pem --fingerprint {fp}",
               "A sua chave só emite identidades: não pode assinar planos. Guarde-a fora de "
               "linha."]}[lang]
    if lang != "en":
        no_english("\n".join(out), fp, "leptodesk trust add root.pem --fingerprint")


def test_schema_takes_lang_and_stays_the_same_json(capsys):
    outputs = []
    for lang in LANGS:
        status, out, _ = _run(["schema", "--lang", lang], capsys)
        assert status == 0
        outputs.append("\n".join(out))
    assert outputs[0] == outputs[1] == outputs[2]
    assert json.loads(outputs[0])["title"] == "Case"


@pytest.mark.parametrize("argv", [
    ["plans", "list"], ["audit", "list"], ["audit", "verify"], ["store", "check"],
    ["store", "backup", "x.sqlite3"], ["trust", "list"], ["trust", "remove", "abcdef12"],
    ["trust", "add", "r.pem", "--fingerprint", "ab"], ["schema"],
    ["identity", "create", "--name", "A", "--role", "B", "--registration", "C", "-o", "a.p12"],
    ["identity", "create-site-root", "--name", "A", "-o", "r.p12"],
])
def test_an_unknown_language_is_refused_before_anything(tmp_path, capsys, argv, monkeypatch):
    monkeypatch.chdir(tmp_path)
    status, out, err = _run([*argv, "--lang", "de"], capsys)
    assert status == 2 and out == []
    assert "en, fr, pt" in err[-1] or "en|fr|pt" in err[-1] or "'de'" in err[-1]
    assert list(tmp_path.iterdir()) == []  # nothing created


def test_the_locale_chooses_the_language_without_lang(used, monkeypatch, capsys):
    monkeypatch.setenv("LANG", "pt_MZ.UTF-8")
    _, out, _ = _run(["audit", "verify"], capsys)
    assert out == [INTACT["pt"]]
    monkeypatch.setenv("LC_ALL", "fr_CD.UTF-8")
    _, out, _ = _run(["audit", "verify"], capsys)
    assert out == [INTACT["fr"]]


def test_keyed_fragments_survive_a_copy():
    """A verdict or report holding a phrase or a quoted error can be copied or pickled (a
    worker thread, a test's deepcopy) and still says itself in every language."""
    import copy
    import pickle

    from leptodesk.errors import Phrase, error_text

    phrase = Phrase("audit_what_plan", id=3)
    quoted = error_text(OSError(errno.EROFS, "Read-only file system"))
    for again in (copy.deepcopy(phrase), pickle.loads(pickle.dumps(phrase))):
        assert again == "signed plan #3"
        assert again.in_lang("pt") == "o plano assinado n.º 3"
    for again in (copy.deepcopy(quoted), pickle.loads(pickle.dumps(quoted))):
        assert again == "[Errno 30] Read-only file system"
        assert again.in_lang("fr") == "système de fichiers en lecture seule"



@pytest.mark.parametrize("lang", LANGS)
def test_a_store_that_fails_sqlites_check_in_the_language(_isolated_home, capsys, lang):
    """SQLite's check finds a fault (a NULL where the schema forbids it): refused, with
    SQLite's own words quoted as they are inside the sentence in the language."""
    db = _isolated_home / DB_NAME
    with open_store() as store:
        store.save_draft("d1", '{"schema_version": 1}', None)
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA writable_schema = ON")
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'drafts'").fetchone()[0]
    conn.execute("UPDATE sqlite_master SET sql = ? WHERE name = 'drafts'",
                 (sql.replace("display_name TEXT", "display_name TEXT NOT NULL"),))
    conn.close()
    status, _, err = _run(["plans", "list", "--lang", lang], capsys)
    fault = "NULL value in drafts.display_name"
    assert status == 1 and err == ["leptodesk: " + {
        "en": f"The store {db} is damaged (SQLite's check says: {fault}). LeptoDesk has not "
              "changed it. Keep the file and ask the site administrator to restore it from a "
              "backup (leptodesk store check shows the details).",
        "fr": f"La base de données locale {db} est endommagée (le contrôle de SQLite "
              f"indique{N}: {fault}). LeptoDesk ne l'a pas modifiée. Conservez le fichier et "
              "demandez à l'administrateur du site de la restaurer à partir d'une sauvegarde "
              "(leptodesk store check donne le détail).",
        "pt": f"A base de dados local {db} está danificada (a verificação do SQLite diz: "
              f"{fault}). O LeptoDesk não a alterou. Guarde o ficheiro e peça ao administrador "
              "do local que a restaure a partir de uma cópia de segurança (leptodesk store "
              "check mostra os detalhes)."}[lang]]
    if lang != "en":
        no_english(err[0], fault, "LeptoDesk", "leptodesk store check")


@pytest.mark.parametrize("make", [
    lambda: __import__("leptodesk.archive", fromlist=["StoreError"]).StoreError(
        "store_closed", path="/data/leptodesk.db"),
    lambda: __import__("leptodesk.archive", fromlist=["StoreError"]).StoreError.plain("ENOSPC"),
    lambda: __import__("leptodesk.fileio", fromlist=["InsecureFile"]).InsecureFile(
        "err_insecure_trust_others", item="/trust", mode="0777"),
    lambda: __import__("leptodesk.errors", fromlist=["OutputRefused"]).OutputRefused(
        "out_folder", out="/tmp/x"),
    lambda: __import__("leptodesk.service", fromlist=["NoNurseSummary"]).NoNurseSummary(7),
])
def test_a_keyed_error_survives_copy_and_pickle_as_itself(make):
    """Copied (or sent between processes) an error keeps its key, values and languages: the
    default rebuilt it from its English text, which a constructor taking a key refuses."""
    import copy
    import pickle

    from leptodesk.errors import error_text

    error = make()
    for twin in (copy.copy(error), pickle.loads(pickle.dumps(error))):
        assert type(twin) is type(error) and str(twin) == str(error)
        assert (twin.key, twin.params) == (error.key, error.params)
        assert twin.text_in("fr") == error.text_in("fr")
        assert twin.text_in("pt") == error.text_in("pt")
    quoted = error_text(error)
    again = pickle.loads(pickle.dumps(quoted))
    assert again == quoted and again.in_lang("fr") == quoted.in_lang("fr")


@pytest.mark.parametrize("n,said", [
    (0, {"en": "0 rows", "fr": "0 ligne", "pt": "0 linhas"}),
    (1, {"en": "1 row", "fr": "1 ligne", "pt": "1 linha"}),
    (2, {"en": "2 rows", "fr": "2 lignes", "pt": "2 linhas"}),
])
def test_a_count_takes_the_languages_plural_form(n, said):
    """French counts 0 as one ("0 ligne"), Portuguese (Mozambique, as pt_PT) as many."""
    import copy
    import pickle

    from leptodesk.errors import Count
    from leptodesk.i18n import tr

    count = Count("count_rows", n)
    assert count == said["en"]
    for lang in ("fr", "pt"):
        assert count.in_lang(lang) == said[lang]
        for kept in (copy.copy(count), pickle.loads(pickle.dumps(count))):
            assert kept.in_lang(lang) == said[lang]
    assert tr("fr", "msg:audit_intact", rows=count, anchors=Count("count_anchors", 2)).startswith(
        f"journal d'audit intact\u00a0: {said['fr']}, ")
