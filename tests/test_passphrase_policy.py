"""The passphrase rules (DESIGN "Passphrases") as properties over any text: nothing shorter
than 12 characters, nothing from the bundled list of common passwords however it is padded or
cased, no run of one repeated piece; and the message always says what would be accepted."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leptodesk.resources import resource_path
from leptodesk.trust.passphrase import WeakPassphrase, check_new_passphrase

COMMON = [line.strip() for line in resource_path("passwords", "common.txt").read_text(
    encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]


def test_the_bundled_list_holds_the_issue_s_examples():
    assert {"password", "qwerty", "iloveyou", "letmein", "admin"} <= set(COMMON)


@given(st.text(max_size=40))
def test_nothing_shorter_than_12_characters_is_accepted(text):
    try:
        check_new_passphrase(text)
    except WeakPassphrase as exc:
        assert "at least 12" in str(exc)
    else:
        assert len(text) >= 12


@given(word=st.sampled_from(COMMON), before=st.from_regex(r"[0-9!@#.]{0,6}", fullmatch=True),
       after=st.from_regex(r"[0-9!@#.]{0,8}", fullmatch=True), upper=st.booleans())
def test_a_common_password_is_refused_however_it_is_padded(word, before, after, upper):
    text = before + (word.upper() if upper else word.capitalize()) + after
    with pytest.raises(WeakPassphrase):
        check_new_passphrase(text)


@given(piece=st.text(min_size=1, max_size=6), times=st.integers(min_value=2, max_value=12))
def test_a_piece_said_again_and_again_is_refused(piece, times):
    with pytest.raises(WeakPassphrase):
        check_new_passphrase(piece * max(times, -(-12 // len(piece))))
