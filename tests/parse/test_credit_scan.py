"""The credit-word scan: one automaton pass finds what a search per key would find."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from hattip.parse.credits import _KEY_CUES, _KEYS, _key_offsets, _wanted_cues

_WORDS = st.sampled_from([*_KEYS, "the", " ", "İ", "ß", "VIA", "Hat Tip", "thanks", "x"])


def _by_find(text: str) -> set[int]:
    low = text.lower()
    if len(low) != len(text):
        low = text.translate({code: code + 32 for code in range(65, 91)})
    found: set[int] = set()
    for key in _KEYS:
        at = low.find(key)
        while at != -1:
            found.add(at)
            at = low.find(key, at + 1)
    return found


@given(st.lists(_WORDS, max_size=30).map("".join))
def test_key_offsets_equal_a_find_per_key(text: str) -> None:
    """Every offset of every key, overlapping ones too, and no other offset."""
    assert _key_offsets(text) == _by_find(text)


@given(st.lists(_WORDS, max_size=30).map("".join))
def test_wanted_cues_are_the_cues_of_the_keys_held(text: str) -> None:
    """A block tries exactly the cues whose key words it holds."""
    low = text.lower()
    expected = {i for key, cues in _KEY_CUES if key in low for i in cues}
    assert expected <= _wanted_cues(text)
