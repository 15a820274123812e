"""The check code: derived from the export id, read and typed by people."""

import base64
import hashlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leptodesk.checkcode import BadCheckCode, check_code, normalise

# Worked independently: SHA-256 of the domain string and the id, its first 5 bytes in RFC 4648
# base32, with A-Z2-7 mapped onto 2-9A-HJ-NP-Z.
KNOWN = {
    "00000000-0000-0000-0000-000000000000": "SQ99-QHLJ",
    "3f2b8c1e-9a4d-4e5f-8b6a-1c2d3e4f5a6b": "KDR5-4EF6",
}


@pytest.mark.parametrize("export_id,code", sorted(KNOWN.items()))
def test_known_codes(export_id, code):
    assert check_code(export_id) == code


@given(st.uuids())
def test_same_as_base32_and_never_ambiguous(uid):
    export_id = str(uid)
    digest = hashlib.sha256(b"leptodesk check code v1\x00" + export_id.encode()).digest()[:5]
    b32 = base64.b32encode(digest).decode().translate(
        str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"))
    code = check_code(export_id)
    assert code == b32[:4] + "-" + b32[4:]
    assert not set(code) & set("01OI")


def test_typed_forms_normalised():
    assert normalise(" sq99 qhlj ") == "SQ99-QHLJ"
    assert normalise("sq99-qhlj") == "SQ99-QHLJ"


@pytest.mark.parametrize("typed,says", [
    ("SQ99-QHL", "8 characters"), ("SQ99-QHLJJ", "8 characters"),
    ("SQ99-QHL0", "not 0"), ("SO99-QHLJ", "not O"), ("SQ99-QHL1", "not 1"),
])
def test_bad_codes_refused(typed, says):
    with pytest.raises(BadCheckCode, match=says):
        normalise(typed)
