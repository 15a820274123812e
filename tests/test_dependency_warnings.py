"""A dependency's deprecation notice never reaches the terminal (issue 22: with cryptography
51, one release past the lock, every command printed pyHanko's CryptographyDeprecationWarning),
while LeptoDesk's own warnings stay errors in the tests."""

from __future__ import annotations

import subprocess
import sys
import warnings

import pytest

SCRIPT = """
import warnings
import leptodesk  # installs the filter
from cryptography.utils import CryptographyDeprecationWarning
for module in ("pyhanko.sign.general", "pyhanko_certvalidator.validate", "pyhanko"):
    warnings.warn_explicit(CryptographyDeprecationWarning("DSA support is deprecated"),
                           CryptographyDeprecationWarning, "general.py", 12, module=module)
warnings.warn_explicit(CryptographyDeprecationWarning("from elsewhere"),
                       CryptographyDeprecationWarning, "x.py", 1, module="othermodule")
print("done")
"""


def test_pyhankos_cryptography_deprecation_is_not_printed():
    run = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                         timeout=60)
    assert run.returncode == 0 and run.stdout == "done\n"
    # only the warning that did not come from pyHanko is shown
    assert "DSA support is deprecated" not in run.stderr
    assert "from elsewhere" in run.stderr


def test_leptodesks_own_warnings_stay_errors_in_tests():
    from leptodesk.errors import LeptoDeskWarning

    with pytest.raises(LeptoDeskWarning):
        warnings.warn("a LeptoDesk warning", LeptoDeskWarning, stacklevel=1)
