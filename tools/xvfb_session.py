"""An X server of its own for a real window (Xvfb, no window manager), and its tidy end: used
by tools/screenshots_xvfb.py and tests/ui/atspi_walk.py."""

from __future__ import annotations

import os
import subprocess


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


def stop(app: subprocess.Popen, xvfb: subprocess.Popen) -> None:
    """The app asked to end (killed if it will not within 20 s), then the server."""
    app.terminate()
    try:
        app.wait(20)
    except subprocess.TimeoutExpired:
        app.kill()
    xvfb.terminate()
    xvfb.wait(20)
