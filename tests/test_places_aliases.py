"""One owner of the places written other than GeoNames writes them (places.py): the
framing entities' aliases and the speakers' abbreviated-place test read its lists, each as
it read its own copy before (these literals are those copies, as they stood at 99d65b8)."""

from __future__ import annotations

import re

from clustering.extract import framing, places, speakers

# framing._PLACE_ALIASES as it was written in framing.py.
_FRAMING_BEFORE = frozenset(
    """U.S. US USA U.S.A. America UK U.K. Britain Great Britain D.C. Washington D.C. EU
    Calif. Fla. Ky. Ala. Ariz. Ark. Colo. Conn. Ga. Ill. Ind. Kan. Md. Mass. Mich. Minn.
    Miss. Mo. Mont. Neb. Nev. N.J. N.Y. N.C. S.C. N.H. Okla. Ore. Pa. Tenn. Tex. Va. Vt.
    Wash. Wis. Wyo. Gaza Crimea""".split()
) | frozenset(
    {
        "the United States",
        "United States",
        "New York City",
        "South Korea",
        "North Korea",
        "West Bank",
        "Soviet Union",
    }
)
# speakers._ABBREVIATED_PLACE as it was written in speakers.py.
_SPEAKERS_BEFORE = re.compile(
    r"(?:[A-Z]\.)+[A-Z]\.?|(?:Jr|Sr|Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Ky|La"
    r"|Mass|Md|Mich|Minn|Miss|Mo|Mont|Neb|Nev|Okla|Ore|Pa|Tenn|Tex|Va|Vt|Wash|Wis|Wyo)\.?"
)


def test_framing_reads_the_one_alias_list_unchanged():
    assert framing._PLACE_ALIASES is places.PLACE_ALIASES
    assert places.PLACE_ALIASES == _FRAMING_BEFORE
    # Its lower-cased place set holds a state's abbreviation with its stop, but not the
    # delegate's title nor "La." (never framing's places).
    assert {"calif.", "wyo.", "n.y."} <= framing._places()
    assert "del." not in framing._places() and "la." not in framing._places()


def test_speakers_abbreviated_places_read_the_state_list_unchanged():
    assert speakers._ABBREVIATED_PLACE.pattern == _SPEAKERS_BEFORE.pattern
    probes = [
        *places.STATE_ABBREVIATIONS,
        *(f"{s}." for s in places.STATE_ABBREVIATIONS),
        *"Jr Sr. U.S U.S. N.Y D.C Cal Dela Calif.. Obama Pat Mon Del La. Texas".split(),
    ]
    answers = [speakers._ABBREVIATED_PLACE.fullmatch(w) is not None for w in probes]
    assert answers == [_SPEAKERS_BEFORE.fullmatch(w) is not None for w in probes]
    assert answers[: 2 * len(places.STATE_ABBREVIATIONS)] == [True] * (
        2 * len(places.STATE_ABBREVIATIONS)
    )
    assert not speakers._ABBREVIATED_PLACE.fullmatch("Texas")


def test_every_state_abbreviation_is_a_framing_alias_or_a_named_exception():
    with_stop = {f"{s}." for s in places.STATE_ABBREVIATIONS}
    assert with_stop - places.PLACE_ALIASES == {"Del.", "La."}
