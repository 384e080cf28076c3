"""Issue 16, sixteenth pass: speaker rules from the blind batch dev_quotes8, each general and
checked on hand-written sentences (no shared-data text)."""

from __future__ import annotations

import polars as pl
import pytest

from clustering.extract.quotes import extract_quotes


def speakers(body: str, ranker: str | None = "default") -> list[str | None]:
    frame = pl.DataFrame({"article_id": ["a0"], "body": ["Lawmakers met on Friday.\n\n" + body]})
    return extract_quotes(frame, speaker_ranker=ranker)["speaker"].to_list()


@pytest.mark.parametrize("ranker", ["default", None])
@pytest.mark.parametrize(
    ("body", "want"),
    [
        # A title word that ends the name after a first name is the surname ("Rep. Steve
        # King (R-Iowa), tweeted" named no one: "King" was read as a title).
        ("Rep. Steve King (R-Iowa), tweeted on Friday: “No fair trying this.”", "Steve King"),
        ("“The vote is close,” said Rep. Peter King, R-N.Y.", "Peter King"),
        ("“We shall overcome,” said Martin Luther King Jr. in a speech.", "Martin Luther King"),
        ("“It is over,” said former Prime Minister John Major.", "John Major"),
        # A title before the name stays a title.
        ("“It is over,” King Charles said.", "Charles"),
    ],
)
def test_a_title_word_after_a_first_name_is_the_surname(
    body: str, want: str, ranker: str | None
) -> None:
    assert speakers(body, ranker) == [want]


def test_a_rank_of_two_title_words_is_no_name() -> None:
    # "Lance" is a first name, "Corporal" no surname: "the Lance Corporal" names no one.
    assert speakers("“We held the line,” the Lance Corporal said.", None) == [None]


@pytest.mark.parametrize("ranker", ["default", None])
@pytest.mark.parametrize(
    ("body", "want"),
    [
        # A sentence adverb and its comma before the organisation or place that opens a
        # fragment's clause: it still speaks for the fragment.
        (
            "Separately, Erie has issued a snow emergency, citing “dangerous and impassable” "
            "roads.",
            "Erie",
        ),
        (
            "Meanwhile, the Harbour Authority has closed the port, citing “unsafe swells”.",
            "Harbour Authority",
        ),
        # An adverb the list lacks is no opener ("Apparently" may be what a name finder takes).
        ("Sadly, nobody came, citing “unsafe swells”.", None),
    ],
)
def test_a_sentence_adverb_before_the_clause_opener(
    body: str, want: str | None, ranker: str | None
) -> None:
    assert speakers(body, ranker) == [want]


def test_a_name_before_day_is_a_holiday() -> None:
    # With "King" read as a surname, "Martin Luther King Jr. Day" named a person who then
    # took the activists' refrain.
    body = (
        "Juneteenth is the first holiday added since Martin Luther King Jr. Day was added in "
        "1983. Activists returned to their refrain: “It is not enough.”"
    )
    assert speakers(body) == [None]
    assert speakers("“We shall overcome,” said Martin Luther King Jr. in a speech.") == [
        "Martin Luther King"
    ]
