"""Files: written so that a crash never leaves half of one, private whatever the umask, and
refused (like ssh) when a folder or file that decides what LeptoDesk trusts is writable by
others."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from .errors import KeyedMessage


class InsecureFile(KeyedMessage, OSError):
    """A trust folder or site file that other users could change (exit status 1); said in
    every language (:class:`~leptodesk.errors.KeyedMessage`)."""


# What :func:`check_private` guards (the key's part that names it in the message).
GUARDED = ("trust", "site")


def write_atomic(path: str | Path, data: bytes, mode: int | None = None) -> None:
    """Write to a temporary file beside ``path``, fsync, then rename over ``path``.

    The file is 0600 whatever the umask (mkstemp creates it so): PDFs, cases and keys are
    private to the workstation user. ``mode``: another mode, set before the rename (the
    system trust folder's anchors are 0644: every ward user reads them).
    """
    p = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", dir=p.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, p)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def private_dir(path: str | Path) -> Path:
    """Make ``path`` (and missing parents) and leave it 0700 whatever the umask.

    Only a folder this user owns is tightened; another's is left for :func:`check_private`.
    """
    p = Path(path)
    missing = []
    for parent in (p, *p.parents):
        if parent.exists():
            break
        missing.append(parent)
    p.mkdir(parents=True, exist_ok=True, mode=0o700)
    for made in missing:
        _tighten(made, 0o700)
    _tighten(p, 0o700)
    return p


def write_private(path: str | Path, data: bytes, exclusive: bool = False) -> None:
    """A 0600 file; with ``exclusive`` never replacing an existing one (O_EXCL)."""
    p = Path(path)
    if exclusive:
        fd = os.open(p, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        return
    write_atomic(p, data)


def _tighten(path: Path, mode: int) -> None:
    try:
        st = path.stat()
        if st.st_uid == os.getuid() and stat.S_IMODE(st.st_mode) & 0o077:
            os.chmod(path, mode)
    except OSError:
        pass


def check_private(path: str | Path, what: str, up_to: str | Path | None = None) -> None:
    """Refuse ``path`` (and each folder above it up to ``up_to``) when a group or other users
    can write to it, or when it belongs to someone other than this user or root.

    For the trust folder (``what="trust"``: its certificates decide who may sign) and
    ``site-defaults.json`` (``what="site"``: its values change clinical thresholds): like
    ssh, refuse rather than trust them. Folders are checked recursively below ``path`` when
    it is one.
    """
    if what not in GUARDED:
        raise ValueError(f"check_private guards {GUARDED}, not {what!r}")
    p = Path(path)
    above: list[Path] = []
    if up_to is not None:
        top = Path(up_to)
        for parent in p.parents:
            above.append(parent)
            if parent == top:
                break
    chain = [p, *above, *(sorted(p.rglob("*")) if p.is_dir() else [])]
    uid = os.getuid()
    for item in chain:
        try:
            st = item.lstat()
        except FileNotFoundError:
            continue
        if stat.S_ISLNK(st.st_mode):
            continue  # what a link points at is checked by what reads it
        mode = stat.S_IMODE(st.st_mode)
        loose = mode & 0o022
        if item in above and stat.S_ISDIR(st.st_mode) and mode & stat.S_ISVTX:
            loose = 0  # a sticky folder above (like /tmp): nobody can replace our entry
        if loose:
            who = "group" if loose == 0o020 else "others" if loose == 0o002 else "both"
            raise InsecureFile(f"err_insecure_{what}_{who}", item=str(item),
                               mode=f"{mode:04o}")
        if st.st_uid not in (uid, 0):
            raise InsecureFile(f"err_insecure_{what}_owner", item=str(item),
                               uid=str(st.st_uid))


def no_core_dumps() -> None:
    """No core dump of this process (it holds a private key or a passphrase): RLIMIT_CORE 0
    and, on Linux, PR_SET_DUMPABLE 0 (also keeps other processes of this user from reading
    its memory). Once off it stays off for the life of the process."""
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ImportError, ValueError, OSError):
        pass
    try:
        import ctypes
        import sys

        if sys.platform.startswith("linux"):
            libc = ctypes.CDLL(None, use_errno=True)
            PR_SET_DUMPABLE = 4  # noqa: N806 - <sys/prctl.h>
            libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
    except (OSError, AttributeError):
        pass
