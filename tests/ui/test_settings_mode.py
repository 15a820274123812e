"""settings.ini is 0600 whatever the umask (issue 22: it was 0644 while README says the data
folder's files are 0600; it names recent case files and the last open draft)."""

from __future__ import annotations

import os
import stat

import pytest


@pytest.mark.parametrize("umask", [0o022, 0o000])
def test_settings_ini_is_private_whatever_the_umask(qapp, umask):
    from ui import settings

    old = os.umask(umask)
    try:
        settings.put(settings.LAST_FOLDER, "/ward/cases")
        path = settings.store().fileName()
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
        settings.put(settings.RECENT_FILES, ["/ward/cases/bed-12.json"])  # written again
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
        assert settings.get(settings.LAST_FOLDER) == "/ward/cases"
    finally:
        os.umask(old)
