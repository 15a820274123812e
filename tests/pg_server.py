"""A real PostgreSQL server for the ward-archive tests, started by the tests themselves.

As the ``postgres`` user (PostgreSQL refuses to run as root) in a temporary folder: ``initdb -A
trust``, then ``pg_ctl`` with a private socket folder and port and no TCP listener
(``listen_addresses=''``), stopped at the end. Debian's ``postgresql`` package (installed by
tools/bootstrap.sh) provides the binaries in /usr/lib/postgresql/<version>/bin.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


def binaries() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    if found:
        return Path(found[-1]).parent
    pg_ctl = shutil.which("pg_ctl")
    return Path(pg_ctl).parent if pg_ctl else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgServer:
    def __init__(self) -> None:
        self.bin = binaries()
        if self.bin is None:
            raise RuntimeError("PostgreSQL's binaries are not installed (Debian: postgresql)")
        self.root = Path(tempfile.mkdtemp(prefix="leptodesk-pg-"))
        self.data = self.root / "data"
        self.sock = self.root / "sock"
        self.port = _free_port()
        self._as_user: dict = {}
        if os.geteuid() == 0:
            pw = pwd.getpwnam("postgres")
            self._as_user = {"user": pw.pw_uid, "group": pw.pw_gid}
            os.chown(self.root, pw.pw_uid, pw.pw_gid)
        self.sock.mkdir()
        if self._as_user:
            os.chown(self.sock, self._as_user["user"], self._as_user["group"])
        self.owner = "postgres" if self._as_user else pwd.getpwuid(os.geteuid()).pw_name
        self.databases = 0

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(self.bin / args[0]), *args[1:]], check=True,
                              capture_output=True, text=True, cwd=self.root, timeout=120,
                              **self._as_user)

    def start(self) -> PgServer:
        self._run("initdb", "-A", "trust", "-U", self.owner, "-D", str(self.data),
                  "--no-sync", "-E", "UTF8")
        opts = (f"-k {self.sock} -p {self.port} -c listen_addresses='' -c fsync=off "
                "-c max_connections=60")
        self._run("pg_ctl", "-D", str(self.data), "-o", opts, "-l", str(self.root / "log"),
                  "-w", "start")
        return self

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
        except subprocess.CalledProcessError:
            pass

    def restart(self) -> None:
        opts = (f"-k {self.sock} -p {self.port} -c listen_addresses='' -c fsync=off "
                "-c max_connections=60")
        self._run("pg_ctl", "-D", str(self.data), "-o", opts, "-l", str(self.root / "log"),
                  "-w", "start")

    def cleanup(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{self.owner}@/{database}?host={self.sock}&port={self.port}"

    def new_database(self) -> str:
        """A fresh, empty database on this server; its URL."""
        import psycopg

        self.databases += 1
        name = f"ward{self.databases}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return self.url(name)
