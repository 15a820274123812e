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


class NotReadable(KeyedMessage, OSError):
    """A PDF path that is refused before anything is read from it: a FIFO, a device, a folder,
    or a file over :data:`MAX_PDF_BYTES` (exit status 1, the file named)."""


# What :func:`check_private` guards (the key's part that names it in the message).
GUARDED = ("trust", "site")

# The largest PDF LeptoDesk reads (a signed plan with its embedded case is about 100 KiB):
# anything larger is refused unread, so /dev/zero or a huge file never fills the memory.
MAX_PDF_BYTES = 16 * 1024 * 1024

# Temporary files LeptoDesk is writing (whole signed PDFs, backups): each is noted in the data
# folder while it exists, so one left by a kill is removed at the next start.
TEMP_REGISTER = "temp-files"
TEMP_SUFFIX = ".leptodesk-tmp"


class FileRefused(Exception):
    """Not read: ``kind`` is "directory", "fifo", "device", "not_regular" or "too_large"."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


def read_regular(path: str | Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes. A FIFO, device, socket or
    folder is refused without blocking on it (O_NONBLOCK, fstat), a larger file without
    reading it, one that grows past ``limit`` while read as soon as it does (``FileRefused``
    saying which). OSError passes through."""
    fd = os.open(Path(path), os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise FileRefused("directory" if stat.S_ISDIR(st.st_mode) else
                              "fifo" if stat.S_ISFIFO(st.st_mode) else
                              "device" if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode)
                              else "not_regular")
        if st.st_size > limit:
            raise FileRefused("too_large")
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 16, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(fd)
    if size > limit:  # grew while read
        raise FileRefused("too_large")
    return b"".join(chunks)


def read_pdf(path: str | Path, limit: int = MAX_PDF_BYTES) -> bytes:
    """The bytes of a PDF file: a regular file of at most ``limit`` bytes (``read_regular``);
    anything else is ``NotReadable``, unread. OSError passes through."""
    try:
        return read_regular(path, limit)
    except FileRefused as exc:
        if exc.kind == "too_large":
            raise NotReadable("pdf_too_large", path=str(path),
                              max_mib=limit // (1024 * 1024)) from None
        raise NotReadable(f"pdf_is_{exc.kind}", path=str(path)) from None


_register_home: Path | None = None


def keep_temp_register(home: Path) -> None:
    """Note temporary files in ``home`` (the data folder; the service sets it when built)."""
    global _register_home
    _register_home = Path(home)


def _register() -> Path | None:
    if _register_home is None:
        return None
    folder = _register_home / TEMP_REGISTER
    try:
        private_dir(folder)
    except OSError:
        return None
    return folder


def _note_name(tmp: str | Path) -> str:
    import hashlib

    return hashlib.sha256(os.fsencode(os.path.abspath(tmp))).hexdigest()[:32]


def note_temp(tmp: str | Path) -> None:
    """Note a temporary file being written (removed by :func:`clean_temps` after a kill)."""
    folder = _register()
    if folder is None:
        return
    try:
        (folder / _note_name(tmp)).write_text(f"{os.getpid()}\n{os.path.abspath(tmp)}\n",
                                              encoding="utf-8")
    except OSError:
        pass


def forget_temp(tmp: str | Path) -> None:
    folder = _register()
    if folder is not None:
        try:
            (folder / _note_name(tmp)).unlink(missing_ok=True)
        except OSError:
            pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def clean_temps() -> int:
    """Remove the temporary files that a killed LeptoDesk left behind; how many were removed.
    Only files this folder noted, whose writer is gone, with LeptoDesk's suffix."""
    folder = _register()
    if folder is None:
        return 0
    removed = 0
    for note in folder.iterdir():
        try:
            pid_text, path_text = note.read_text(encoding="utf-8").splitlines()[:2]
            if _alive(int(pid_text)) and int(pid_text) != os.getpid():
                continue
            tmp = Path(path_text)
            if tmp.name.endswith(TEMP_SUFFIX) and tmp.is_file() and not tmp.is_symlink():
                tmp.unlink()
                removed += 1
            note.unlink()
        except (OSError, ValueError):
            continue
    return removed


def write_atomic(path: str | Path, data: bytes, mode: int | None = None) -> None:
    """Write to a temporary file beside ``path``, fsync, then rename over ``path``.

    The file is 0600 whatever the umask (mkstemp creates it so): PDFs, cases and keys are
    private to the workstation user. ``mode``: another mode, set before the rename (the
    system trust folder's anchors are 0644: every ward user reads them). A kill leaves the
    temporary file noted for :func:`clean_temps` at the next start.
    """
    p = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=TEMP_SUFFIX, dir=p.parent)
    note_temp(tmp)
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
    finally:
        forget_temp(tmp)


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
