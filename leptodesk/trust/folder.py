"""The system trust folder: the site roots (anchors) and their revocation lists that an
administrator granted this workstation (DESIGN "Trust").

Layout: ``TRUST/roots/*.pem`` (one site root certificate each) and ``TRUST/crl/*.crl`` (one
revocation list per root, named by the root's fingerprint). ``TRUST`` is
``LEPTODESK_TRUST_DIR`` when set, else ``/etc/leptodesk/trust`` on Linux and the BSDs, else
platformdirs' site config folder plus ``trust``. On Unix the fixed ``/etc`` path is used rather
than platformdirs' answer there, which follows ``XDG_CONFIG_DIRS`` (``/etc/xdg/...``) from the
user's own environment.

Like ssh's StrictModes, nothing in it counts unless the trust folder, ``roots``/``crl`` and
every file in them are owned by root, writable by nobody else and not symbolic links, and
every folder above the trust folder is owned by root and writable by nobody else (a sticky
folder such as ``/tmp`` excepted); otherwise :class:`~leptodesk.fileio.InsecureFile` names the
file and nothing is trusted. Only root writes here (``trust add``, ``trust crl add``,
``trust import-user``): an anchor written by anyone else would not count.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import KeyedMessage
from ..fileio import InsecureFile

if TYPE_CHECKING:
    from cryptography import x509

TRUST_DIR_ENV = "LEPTODESK_TRUST_DIR"
ROOTS = "roots"
CRLS = "crl"
UNIX_TRUST_DIR = Path("/etc/leptodesk/trust")
FOLDER_MODE = 0o755  # every ward user reads it; only root writes it
FILE_MODE = 0o644


class NotAdministrator(KeyedMessage, PermissionError):
    """A change to the trust folder asked for by someone who is not its administrator (root);
    nothing was changed (exit 2)."""


def system_trust_dir() -> Path:
    override = os.environ.get(TRUST_DIR_ENV)
    if override:
        return Path(override)
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return UNIX_TRUST_DIR
    import platformdirs

    return Path(platformdirs.site_config_dir("LeptoDesk", appauthor=False)) / "trust"


def is_administrator() -> bool:
    """Root (the only account whose files in the trust folder count)."""
    return hasattr(os, "geteuid") and os.geteuid() == 0


# -- the strict checks ------------------------------------------------------------------------


def _refuse(key: str, item: Path, **params: object) -> InsecureFile:
    return InsecureFile(key, item=str(item), **params)


def _check_entry(item: Path, folder: bool) -> None:
    """One entry of the trust folder: a real folder or file, root's, written by nobody else."""
    st = item.lstat()
    if stat.S_ISLNK(st.st_mode):
        raise _refuse("err_trust_symlink", item)
    if not (stat.S_ISDIR(st.st_mode) if folder else stat.S_ISREG(st.st_mode)):
        raise _refuse("err_trust_not_regular", item)
    _check_owner_mode(item, st, sticky_ok=False)


def _check_owner_mode(item: Path, st: os.stat_result, sticky_ok: bool) -> None:
    mode = stat.S_IMODE(st.st_mode)
    loose = mode & 0o022
    if sticky_ok and stat.S_ISDIR(st.st_mode) and mode & stat.S_ISVTX:
        loose = 0  # a sticky folder above (like /tmp): nobody can replace our entry in it
    if loose:
        who = "group" if loose == 0o020 else "others" if loose == 0o002 else "both"
        raise _refuse(f"err_insecure_trust_{who}", item, mode=f"{mode:04o}")
    if st.st_uid != 0:
        raise _refuse("err_insecure_trust_owner", item, uid=str(st.st_uid))


def check_folder(trust: Path) -> bool:
    """Refuse (``InsecureFile``) a trust folder whose anchors others could have placed; False
    when there is none (nothing is trusted), True when it may be read."""
    try:
        trust.lstat()
    except FileNotFoundError:
        return False
    if not hasattr(os, "geteuid"):  # no POSIX owners: the platform's ACLs are the guard
        return True
    real_parent = Path(os.path.realpath(trust.parent))
    for above in (real_parent, *real_parent.parents):
        _check_owner_mode(above, above.stat(), sticky_ok=True)
    _check_entry(trust, folder=True)
    for sub in (ROOTS, CRLS):
        if (trust / sub).exists() or (trust / sub).is_symlink():
            _check_entry(trust / sub, folder=True)
            for item in sorted((trust / sub).iterdir()):
                _check_entry(item, folder=False)
    return True


# -- reading ----------------------------------------------------------------------------------


def display_name(name: x509.Name) -> str:
    from cryptography.x509.oid import NameOID

    values = name.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(values[0].value) if values else name.rfc4514_string()


def same_name(a: str, b: str) -> bool:
    """Two names a person would take for the same ("Ward General root", "ward  general ROOT",
    "Ｗａｒｄ General root" in full-width letters, "Ward\u200b General root" with an invisible
    character): compared after Unicode compatibility folding (NFKC), without invisible format
    characters, spaces squeezed, case ignored."""
    import unicodedata

    def norm(s: str) -> str:
        s = "".join(c for c in unicodedata.normalize("NFKC", s)
                    if unicodedata.category(c) != "Cf")
        return re.sub(r"\s+", " ", s).strip().casefold()

    return norm(a) == norm(b)


@dataclass(frozen=True)
class Anchor:
    """A site root this workstation trusts (``path`` None: trusted for one check only)."""

    path: Path | None
    name: str
    fingerprint: str
    not_after: datetime
    cert: x509.Certificate

    @property
    def short_fingerprint(self) -> str:
        return short(self.fingerprint)

    @property
    def for_this_check_only(self) -> bool:
        return self.path is None


def short(fp: str) -> str:
    """The first 16 hex digits in groups of four ("3f1c 0a9b 77e2 41d0"), for screens."""
    return " ".join(fp[i:i + 4] for i in range(0, 16, 4))


def anchor_of(cert: x509.Certificate, path: Path | None) -> Anchor:
    from .identity import fingerprint

    return Anchor(path, display_name(cert.subject), fingerprint(cert),
                  cert.not_valid_after_utc, cert)


def _read_certificates(path: Path) -> list[x509.Certificate]:
    from .identity import read_certificates

    return read_certificates(path)


def anchors(trust: Path | None = None) -> list[Anchor]:
    """The site roots granted here (only CA certificates count; a damaged file trusts
    nothing). ``InsecureFile`` when the folder could have been changed by others."""
    from .identity import is_ca

    trust = trust or system_trust_dir()
    if not check_folder(trust) or not (trust / ROOTS).is_dir():
        return []
    found: dict[str, Anchor] = {}
    for pem in sorted((trust / ROOTS).glob("*.pem")):
        try:
            certs = _read_certificates(pem)
        except (ValueError, OSError):
            continue
        for cert in certs:
            if is_ca(cert):
                anchor = anchor_of(cert, pem)
                found.setdefault(anchor.fingerprint, anchor)
    return list(found.values())


def duplicate_names(found: list[Anchor]) -> set[str]:
    """Fingerprints of anchors that share their name with another anchor."""
    dup: set[str] = set()
    for a in found:
        for b in found:
            if a.fingerprint != b.fingerprint and same_name(a.name, b.name):
                dup.add(a.fingerprint)
    return dup


# -- writing (administrator only) -------------------------------------------------------------


def require_administrator(what: str) -> None:
    if not is_administrator():
        raise NotAdministrator(f"trust_admin_only_{what}")


def prepare(trust: Path, sub: str) -> Path:
    """The trust folder and ``sub`` made (0755, root's) and checked; the folder to write in."""
    require_administrator("add")
    target = trust / sub
    try:
        for folder in (trust, target):
            if not folder.exists() and not folder.is_symlink():
                folder.mkdir(parents=True, mode=FOLDER_MODE)
                os.chmod(folder, FOLDER_MODE)
    except PermissionError:
        raise NotAdministrator("trust_admin_only_add") from None
    check_folder(trust)
    return target


def write_file(path: Path, data: bytes) -> None:
    """Atomically, 0644, never through a link (the name is replaced, not followed)."""
    from ..fileio import write_atomic

    write_atomic(path, data, mode=FILE_MODE)


def file_name(cert: x509.Certificate, fp: str) -> str:
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", display_name(cert.subject)).strip("-")[:40]
    return f"{safe or 'certificate'}-{fp[:16]}.pem"
