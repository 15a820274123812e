"""An X server of its own for a real window (Xvfb), with a window manager (openbox: a title
bar on every window, and a panel's worth of screen kept free), and its tidy end: used by
tools/screenshots_xvfb.py, tests/ui/atspi_walk.py and tests/ui/test_real_window.py."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

# A desktop panel's height: openbox keeps this much of the screen's bottom free (its work
# area, which Qt reports as the screen's availableGeometry), as a taskbar would.
PANEL_PX = 32


def start_xvfb(size: str = "1366x768") -> tuple[subprocess.Popen, str]:
    """Xvfb on a free display; the server and its DISPLAY value (":N")."""
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0",
                             f"{size}x24", "-nolisten", "tcp"], pass_fds=(write_fd,))
    os.close(write_fd)
    number = b""
    while not number.endswith(b"\n"):
        chunk = os.read(read_fd, 16)
        if not chunk:
            raise SystemExit("Xvfb did not start")
        number += chunk
    os.close(read_fd)
    return xvfb, ":" + number.decode().strip()


def start_openbox(display: str, panel_px: int = PANEL_PX) -> subprocess.Popen:
    """openbox on ``display`` with ``panel_px`` kept free at the bottom (rc.xml's margins, as
    a panel's strut would), once it manages the screen (the root window names it)."""
    rc = Path("/etc/xdg/openbox/rc.xml").read_text(encoding="utf-8")
    rc = re.sub(r"<margins>.*?</margins>", f"<margins><top>0</top><bottom>{panel_px}</bottom>"
                "<left>0</left><right>0</right></margins>", rc, count=1, flags=re.S)
    folder = Path(tempfile.mkdtemp(prefix="leptodesk-openbox-"))
    try:
        (folder / "rc.xml").write_text(rc, encoding="utf-8")
        env = dict(os.environ, DISPLAY=display)
        wm = subprocess.Popen(["openbox", "--config-file", str(folder / "rc.xml")], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(200):
            probe = subprocess.run(["xprop", "-root", "_NET_WORKAREA"], env=env,
                                   capture_output=True, text=True, timeout=10)
            if "=" in probe.stdout:
                return wm
            time.sleep(0.05)
        wm.kill()
        raise SystemExit("openbox did not start")
    finally:
        # Read once openbox manages the screen (the work area set): nothing left in /tmp.
        shutil.rmtree(folder, ignore_errors=True)


def stop(app: subprocess.Popen, xvfb: subprocess.Popen,
         wm: subprocess.Popen | None = None) -> None:
    """The app asked to end (killed if it will not within 20 s), then the window manager and
    the server."""
    app.terminate()
    try:
        app.wait(20)
    except subprocess.TimeoutExpired:
        app.kill()
    for server in (wm, xvfb):
        if server is not None:
            server.terminate()
            server.wait(20)
