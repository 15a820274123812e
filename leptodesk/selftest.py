"""``leptodesk --self-test``: prove an installation works, on the spot, without a network.

Every step prints ``PASS <step>`` or ``FAIL <step>: <reason>``; the exit status is 0 only when
all pass. Everything happens in a throwaway data folder (``LEPTODESK_HOME`` points at a temporary
folder for the run and is restored after), so the real store, identities and settings are never
touched. Works from a source checkout and inside the PyInstaller bundle alike.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

PASSPHRASE = b"self-test throwaway passphrase"
_BYTE_RANGE = re.compile(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]")

# For offline use: no accessibility bridge, no session bus (both would open local sockets).
OFFLINE_QT_ENV = {
    "QT_QPA_PLATFORM": "offscreen",
    "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "0",
    "QT_ACCESSIBILITY": "0",
    "DBUS_SESSION_BUS_ADDRESS": "disabled:",
}


class StepFailed(Exception):
    """A step's check did not hold; the message says what was found."""


class SelfTest:
    def __init__(self, out: Callable[[str], None] = print) -> None:
        self.out = out
        self.passed: list[str] = []
        self.failed: list[str] = []

    def step(self, name: str, func: Callable[[], str | None]) -> bool:
        started = time.perf_counter()
        try:
            note = func()
        except Exception as exc:  # noqa: BLE001 - every failure is a FAIL line, never a traceback
            reason = str(exc) or type(exc).__name__
            if not isinstance(exc, StepFailed):
                reason = f"{type(exc).__name__}: {reason}"
            self.failed.append(name)
            self.out(f"FAIL {name}: {reason}")
            return False
        ms = (time.perf_counter() - started) * 1000
        self.passed.append(name)
        self.out(f"PASS {name}" + (f" ({note})" if note else "") + f" [{ms:.0f} ms]")
        return True

    def skip(self, name: str, reason: str) -> None:
        self.failed.append(name)
        self.out(f"FAIL {name}: {reason}")


@contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, old in saved.items():
            if old is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = old


def flip_signed_byte(pdf: bytes) -> bytes:
    """The PDF with one byte changed inside the signed range (in a content stream, so the file
    still parses and only the signature can tell)."""
    match = _BYTE_RANGE.search(pdf)
    if match is None:
        raise StepFailed("the signed PDF has no /ByteRange")
    start, length = int(match.group(1)), int(match.group(2))
    signed_part = pdf[start:start + length]
    stream = signed_part.find(b"stream\n")
    if stream < 0:
        stream = signed_part.find(b"stream\r\n")
    pos = start + (stream + 16 if stream >= 0 else length // 2)
    tampered = bytearray(pdf)
    tampered[pos] ^= 0x01
    return bytes(tampered)


def run_self_test(out: Callable[[str], None] = print) -> int:
    """Run every step; 0 only if all pass."""
    for key, value in OFFLINE_QT_ENV.items():
        os.environ.setdefault(key, value)
    test = SelfTest(out)
    with tempfile.TemporaryDirectory(prefix="leptodesk-selftest-") as tmp:
        work = Path(tmp)
        home = work / "home"
        home.mkdir()
        with _environment({"LEPTODESK_HOME": str(home)}):
            try:
                _run_steps(test, work)
            finally:
                from .service import get_service

                get_service().close()  # its store goes with the folder
    total = len(test.passed) + len(test.failed)
    if test.failed:
        out(f"SELF-TEST FAILED: {len(test.failed)} of {total} steps failed "
            f"({', '.join(test.failed)})")
        return 1
    out(f"SELF-TEST PASSED: all {total} steps")
    return 0


def _run_steps(test: SelfTest, work: Path) -> None:
    from . import __version__
    from .service import examples_dir, get_service, resource_path

    frozen = " (bundle)" if getattr(sys, "frozen", False) else ""
    test.out(f"LeptoDesk {__version__}{frozen}, Python {sys.version.split()[0]}, "
             f"{sys.platform}; throwaway data folder {work / 'home'}")

    def check_resources() -> str:
        needed = [resource_path("fonts", "DejaVuSans.ttf"),
                  resource_path("fonts", "DejaVuSans-Bold.ttf"),
                  resource_path("guideline", "leptomeningeal-spine-treatment.txt"),
                  resource_path("content", "fr.json"), resource_path("content", "pt.json")]
        missing = [str(p) for p in needed if not p.is_file()]
        if missing:
            raise StepFailed("missing " + ", ".join(missing))
        return f"content {get_service().content_version}"

    test.step("resources", check_resources)

    examples = sorted(examples_dir().glob("*.json"))
    if not examples:
        test.skip("examples", f"no example case files in {examples_dir()}")
    for path in examples:
        test.step(f"plan {path.stem}", lambda p=path: _plan_example(p))
    if examples:
        test.step("languages", lambda: _languages(examples[0]))

    identity = work / "self-test.p12"
    root = work / "self-test-root.p12"
    created: list = []

    def make_identity() -> str:
        from .service import get_service

        trust = get_service().trust  # creating them trusts nothing (verified with --trust)
        made_root = trust.create_site_root("Self-test site root", root, PASSPHRASE)
        created.append(trust.create_identity("Self Test", "Self-test", "SELFTEST-0", identity,
                                             PASSPHRASE, ca=root, ca_passphrase=PASSPHRASE))
        return (f"site root {made_root.fingerprint[:16]}, ECDSA identity "
                f"{created[0].fingerprint[:16]}")

    have_identity = test.step("identity create", make_identity)

    pdf = work / "self-test-plan.pdf"
    nurse = work / "self-test-nurse.pdf"
    exported: list = []

    def export() -> str:
        from .service import get_service

        if not examples:
            raise StepFailed("no example case to export")
        from .models import AckOutcome

        service = get_service()
        case = service.cases.load_file(examples[0])
        # The self-test's throwaway signer accepts every STOP and WARNING of the example.
        answers = [service.acks.answer(a.ack_id, AckOutcome.accepted)
                   for a in service.acks.to_answer(service.plan(case))]
        result = service.export(case, identity=identity, passphrase=PASSPHRASE, output=pdf,
                                nurse_summary=nurse, acknowledgements=answers)
        if not pdf.is_file() or pdf.stat().st_size == 0:
            raise StepFailed(f"{pdf} was not written")
        if not nurse.is_file():
            raise StepFailed("the nurse summary was not written")
        exported.append(result)
        return f"{pdf.stat().st_size} bytes, archive #{result.archive_id}"

    if have_identity:
        have_pdf = test.step("export and sign", export)
    else:
        test.skip("export and sign", "no identity (the identity step failed)")
        have_pdf = False

    def verify_good() -> str:
        from .service import get_service

        # Creating a root trusts nothing: the throwaway root is trusted for this check only.
        for path in (pdf, nurse):
            result = get_service().verify(path, [root.with_suffix(".pem")])
            if not result.ok:
                raise StepFailed(f"{path.name}: {result.headline}")
            if result.signer != "Self Test":
                raise StepFailed(f"signer read back as {result.signer!r}")
        return "plan and nurse summary PASS"

    def verify_tampered() -> str:
        from .service import get_service

        tampered = flip_signed_byte(pdf.read_bytes())
        result = get_service().verify(tampered, [root.with_suffix(".pem")])
        if result.intact or result.ok:
            raise StepFailed("a PDF with a flipped byte still verified as intact")
        return f"rejected: {result.reason}"

    if have_pdf:
        test.step("verify signed PDF", verify_good)
        test.step("verify detects a flipped byte", verify_tampered)
    else:
        test.skip("verify signed PDF", "no signed PDF (the export step failed)")
        test.skip("verify detects a flipped byte", "no signed PDF (the export step failed)")

    test.step("store round trip", _store_round_trip)
    test.step("wizard start", _wizard_start)


def _plan_example(path: Path) -> str:
    from .service import get_service

    case = get_service().cases.load_file(path)
    plan = get_service().plan(case)
    if not plan.content_version:
        raise StepFailed("the plan has no content version")
    return f"pathway {plan.pathway.value}"


def _languages(path: Path) -> str:
    """Each catalogue loads and plans an example; Babel's CLDR data is there (a bundle that
    left it out would fail here, not at a ward)."""
    from datetime import date

    from .i18n import LANGUAGES, format_date, review
    from .service import get_service

    case = get_service().cases.load_file(path)
    english = get_service().plan(case, lang="en")
    states = []
    for lang in LANGUAGES[1:]:
        plan = get_service().plan(case, lang=lang)
        if [a.id for a in plan.alerts] != [a.id for a in english.alerts]:
            raise StepFailed(f"the {lang} plan's alerts differ from the English plan's")
        states.append(f"{lang} {review(lang).status}")
    if format_date(date(2026, 12, 2), "fr") != "mer. 2 déc. 2026":
        raise StepFailed("the CLDR date formats (Babel) are missing or wrong")
    return ", ".join(states)


def _store_round_trip() -> str:
    import json

    from .service import get_service

    service = get_service()  # through the one door, as every front end
    case_json = json.dumps({"self_test": True})
    draft_id = service.drafts.save(None, case_json, "Self test")
    if json.loads(service.drafts.load(draft_id)) != {"self_test": True}:
        raise StepFailed("the draft read back differs from the one saved")
    service.drafts.discard(draft_id)
    service.audit.record("case_created", user="Self Test", detail={"self_test": True})
    report = service.audit.verify()
    check = service.local().integrity_check()
    if not report.ok:
        raise StepFailed(f"audit log: {report.reason}")
    if check != "ok":
        raise StepFailed(f"SQLite integrity check: {check}")
    return f"audit log intact, {report.rows} rows"


def _wizard_start() -> str:
    import importlib

    from . import FRONT_END

    try:  # by name, as the command line does: the core never depends on Qt
        front_end = importlib.import_module(FRONT_END)
        window_module = importlib.import_module(FRONT_END.rsplit(".", 1)[0] + ".main_window")
    except ImportError as exc:
        raise StepFailed(f"the wizard is not available ({exc})") from None
    app = front_end.make_app()
    window = window_module.MainWindow()
    try:
        window.show()
        app.processEvents()
        wizard = window.wizard
        page = wizard.currentPage()
        if page is None or wizard.currentId() != wizard.startId():
            raise StepFailed(f"the wizard did not open on its first page "
                             f"(current id {wizard.currentId()})")
        name = page.objectName()
    finally:
        window.hide()  # not close(): a save prompt would block a headless run
        window.deleteLater()
        app.processEvents()
    return f"first page {name}, platform {app.platformName()}"
