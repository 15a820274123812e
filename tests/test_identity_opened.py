"""A key file is opened once per process (two PBKDF2 runs of 600,000 iterations: most of an
export's time), and the passphrase is still checked at every opening."""

from __future__ import annotations

import shutil

import pytest
from cryptography.hazmat.primitives.serialization import pkcs12

from leptodesk.trust import identity as identity_module
from leptodesk.trust.identity import (
    WrongPassphrase,
    forget_opened_keys,
    load_identity,
    rekey,
)
from tests.test_pdf_helpers import PASS, identities  # noqa: F401 - a fixture


@pytest.fixture
def opened(monkeypatch):
    """How many times a key file was really decrypted."""
    forget_opened_keys()
    calls = []
    real = pkcs12.load_key_and_certificates

    def counted(data, passphrase, *args, **kwargs):
        calls.append(passphrase)
        return real(data, passphrase, *args, **kwargs)

    monkeypatch.setattr(identity_module.pkcs12, "load_key_and_certificates", counted)
    yield calls
    forget_opened_keys()


def test_a_key_file_is_decrypted_once_and_the_passphrase_checked_each_time(
        identities, opened, tmp_path):  # noqa: F811
    path = tmp_path / "issued.p12"
    shutil.copy(identities["issued"].p12_path, path)
    first = load_identity(path, PASS)
    second = load_identity(path, PASS)
    assert len(opened) == 1 and second.key is first.key
    assert second.details.name == first.details.name
    for wrong in (b"not the passphrase", PASS + b" ", b""):
        with pytest.raises(WrongPassphrase):
            load_identity(path, wrong)
    assert len(opened) == 4  # each wrong one tried on the file itself, and refused
    load_identity(path, PASS)
    assert len(opened) == 4


def test_a_changed_key_file_is_opened_afresh(identities, opened, tmp_path):  # noqa: F811
    path = tmp_path / "issued.p12"
    shutil.copy(identities["issued"].p12_path, path)
    load_identity(path, PASS)
    new = b"a different long passphrase 7"
    rekey(path, PASS, new)  # the same key under another passphrase: other bytes
    with pytest.raises(WrongPassphrase):
        load_identity(path, PASS)  # the old passphrase does not open the new file
    assert load_identity(path, new).details.name == load_identity(
        identities["issued"].p12_path, PASS).details.name


def test_an_expired_certificate_is_refused_even_once_opened(identities, opened):  # noqa: F811
    from datetime import UTC, datetime

    from leptodesk.trust.identity import IdentityError

    issued = identities["issued"].p12_path
    loaded = load_identity(issued, PASS)
    later = loaded.cert.not_valid_after_utc
    with pytest.raises(IdentityError, match="expired"):
        load_identity(issued, PASS, at=later.replace(year=later.year + 1))
    assert load_identity(issued, PASS, at=datetime.now(UTC)).key is loaded.key


def test_a_key_left_unused_past_the_time_out_is_let_go(
        identities, opened, monkeypatch, tmp_path):  # noqa: F811
    """15 minutes without use and the decrypted key goes: the timer drops it, and a lookup
    after the time-out decrypts the file again (one second before, it does not)."""
    assert identity_module.OPENED_IDLE_SECONDS == 900
    clock = [1000.0]
    monkeypatch.setattr(identity_module.time, "monotonic", lambda: clock[0])
    path = tmp_path / "issued.p12"
    shutil.copy(identities["issued"].p12_path, path)
    load_identity(path, PASS)
    clock[0] += 899
    load_identity(path, PASS)  # used again within the time-out: kept, and its clock restarts
    assert len(opened) == 1
    assert identity_module.forget_idle_keys(clock[0] + 899) == 0
    assert identity_module.forget_idle_keys(clock[0] + 900) == 1
    assert identity_module._OPENED == {}
    load_identity(path, PASS)
    assert len(opened) == 2
    clock[0] += 900  # past the time-out with the timer not yet run: decrypted afresh
    load_identity(path, PASS)
    assert len(opened) == 3


def test_a_timer_is_armed_only_while_a_key_is_kept(identities, opened):  # noqa: F811
    assert identity_module._opened_timer is None
    load_identity(identities["issued"].p12_path, PASS)
    timer = identity_module._opened_timer
    assert timer is not None and timer.daemon and timer.is_alive()
    assert 900 <= timer.interval <= 901
    forget_opened_keys()
    assert identity_module._opened_timer is None and timer.finished.is_set()  # cancelled
