"""A real CUPS spooler for one test session, with a cups-pdf queue (DESIGN "Real parts in tests").

Its own cupsd.conf and cups-files.conf in a temporary folder, listening only on a Unix socket
there; ``CUPS_SERVER`` points at it. Jobs are submitted under a user name that does not exist
on this computer, so cups-pdf writes them to its anonymous folder (``AnonDirName`` of
/etc/cups/cups-pdf.conf, which cups-pdf reads from there whatever the server root).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

PPD = Path("/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd")
BACKEND = Path("/usr/lib/cups/backend/cups-pdf")
QUEUE = "leptodesk_test_pdf"
JOB_USER = "leptodesk-print-test"  # not a user here: cups-pdf's anonymous folder


def missing() -> str | None:
    """Why a real spooler cannot run here, or None."""
    if shutil.which("cupsd") is None or shutil.which("lpadmin") is None:
        return "CUPS is not installed (Debian packages cups, cups-client; tools/bootstrap.sh)"
    if not PPD.is_file() or not BACKEND.is_file():
        return "cups-pdf is not installed (Debian package printer-driver-cups-pdf)"
    if os.geteuid() != 0:
        return "cups-pdf's backend runs only under a spooler started as root"
    return None


def anonymous_folder() -> Path:
    folder = Path("/var/spool/cups-pdf/ANONYMOUS")
    conf = Path("/etc/cups/cups-pdf.conf")
    if conf.is_file():
        for line in conf.read_text(errors="replace").splitlines():
            parts = line.split(None, 1)
            if len(parts) == 2 and parts[0] == "AnonDirName":
                folder = Path(parts[1].strip())
    return folder


class Spooler:
    def __init__(self) -> None:
        # Not under pytest's 0700 tmp folders: the filters run as CUPS's "lp" user.
        self.root = Path(tempfile.mkdtemp(prefix="lpcups-"))
        self.socket = self.root / "cups.sock"
        self.process: subprocess.Popen | None = None

    def env(self) -> dict[str, str]:
        return dict(os.environ, CUPS_SERVER=str(self.socket), CUPS_USER=JOB_USER)

    def start(self) -> None:
        r = self.root
        for sub in ("etc", "spool", "tmp", "cache", "state", "log"):
            (r / sub).mkdir()
        for path in (r, *r.iterdir()):
            path.chmod(0o755)
        (r / "tmp").chmod(0o1777)
        (r / "etc" / "cupsd.conf").write_text(
            f"Listen {self.socket}\nLogLevel debug\nBrowsing No\nWebInterface No\n"
            "DefaultAuthType None\n<Location />\n  Order allow,deny\n  Allow all\n"
            "</Location>\n<Location /admin>\n  Order allow,deny\n  Allow all\n</Location>\n"
            "<Policy default>\n  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>\n")
        (r / "etc" / "cups-files.conf").write_text(
            f"ServerRoot {r}/etc\nRequestRoot {r}/spool\nTempDir {r}/tmp\nCacheDir {r}/cache\n"
            f"StateDir {r}/state\nServerBin /usr/lib/cups\nDataDir /usr/share/cups\n"
            f"AccessLog {r}/log/access_log\nErrorLog {r}/log/error_log\n"
            # (Printcap with no value: refused by CUPS 2.4.2-3+deb12u11, "Missing value")
            f"PageLog {r}/log/page_log\nPrintcap {r}/printcap\nSystemGroup root\n")
        self.process = subprocess.Popen(
            ["cupsd", "-f", "-c", str(r / "etc" / "cupsd.conf"), "-s",
             str(r / "etc" / "cups-files.conf")], stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while not self.socket.exists():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"cupsd did not start: {self.error_log()}")
            time.sleep(0.05)
        subprocess.run(["lpadmin", "-p", QUEUE, "-v", "cups-pdf:/", "-P", str(PPD), "-E"],
                       env=self.env(), check=True, capture_output=True, timeout=60)

    def error_log(self) -> str:
        log = self.root / "log" / "error_log"
        return log.read_text(errors="replace")[-3000:] if log.exists() else "(no log)"

    def jobs(self, which: str = "all") -> list[str]:
        out = subprocess.run(["lpstat", "-W", which, "-o", QUEUE], env=self.env(),
                             capture_output=True, text=True, timeout=60)
        return [line for line in out.stdout.splitlines() if line.strip()]

    def wait_for_output(self, title: str, timeout: float = 120) -> Path:
        """The PDF cups-pdf wrote for the job titled ``title`` (once the job has completed)."""
        folder = anonymous_folder()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            done = not self.jobs("not-completed")
            found = sorted(folder.glob(f"{title}*.pdf")) if folder.is_dir() else []
            if done and found:
                return found[0]
            time.sleep(0.2)
        raise AssertionError(f"nothing printed for {title}; CUPS log:\n{self.error_log()}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
        shutil.rmtree(self.root, ignore_errors=True)


# -- comparing what was printed with its source ----------------------------------------------

def render_gray(pdf: Path, width: int) -> list:
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(pdf))
    try:
        doc.init_forms()  # the signature's visible appearance, as ui.printing renders it
        return [doc[i].render(scale=width / doc[i].get_width(), may_draw_forms=True)
                .to_pil().convert("L") for i in range(len(doc))]
    finally:
        doc.close()


def likeness(a, b) -> float:
    """Pixel correlation of two grey page images (1 identical, about 0 unrelated), after a
    little blur on both: printing resamples and anti-aliases differently. Measured here:
    a page and its print 0.94 to 0.99; two different pages of one plan 0.3 to 0.45."""
    from PIL import ImageFilter

    b = b.resize(a.size)
    xs, ys = (bytes(x.filter(ImageFilter.GaussianBlur(2)).tobytes()) for x in (a, b))
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    cov = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    vx = sum((x - mx) ** 2 for x in xs)
    vy = sum((y - my) ** 2 for y in ys)
    return cov / (vx * vy) ** 0.5 if vx and vy else 0.0
