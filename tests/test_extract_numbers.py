from __future__ import annotations

import polars as pl
import pytest

from clustering.extract.numbers import NUMBERS, extract_numbers, find_numbers, lemma
from clustering.schema import ARTICLES, SchemaError

NULL = None

# (sentence, span text, value, value_high, qualifier, unit, kind, counted)
CASES = [
    # digits, commas, decimals, qualifiers, participles after the noun
    ("At least 1,119 civilians have been killed, the UN said.", "At least 1,119 civilians",
     1119, NULL, "at_least", "", "count", "civilian killed"),
    ("Officials said 1,119 civilians killed in the war were counted.", "1,119 civilians killed",
     1119, NULL, "exact", "", "count", "civilian killed"),
    ("Over 4 million refugees have fled the country.", "Over 4 million refugees",
     4e6, NULL, "more_than", "", "count", "refugee fled"),
    ("More than 4m refugees have fled.", "More than 4m refugees",
     4e6, NULL, "more_than", "", "count", "refugee fled"),
    ("Almost 4.2m displaced remain in camps.", "Almost 4.2m displaced",
     4.2e6, NULL, "nearly", "", "count", "displaced"),
    ("Three soldiers were wounded.", "Three soldiers", 3, NULL, "exact", "", "count",
     "soldier wounded"),
    ("Twenty-five people died overnight.", "Twenty-five people died", 25, NULL, "exact", "",
     "count", "people died"),
    ("Two hundred and fifty thousand children are missing.",
     "Two hundred and fifty thousand children", 250_000, NULL, "exact", "", "count",
     "child missing"),
    ("Police found a dozen bodies.", "a dozen bodies", 12, NULL, "exact", "", "count", "body"),
    ("Hundreds of people fled the town.", "Hundreds of people fled", 100, 1000, "range", "",
     "count", "people fled"),
    ("Tens of thousands of people marched.", "Tens of thousands of people marched", 1e4, 1e5,
     "range", "", "count", "people marched"),
    ("About 300 homes were destroyed.", "About 300 homes", 300, NULL, "about", "", "count",
     "home destroyed"),
    ("Around 300 homes were destroyed.", "Around 300 homes", 300, NULL, "about", "", "count",
     "home destroyed"),
    ("Roughly 2,000 people attended.", "Roughly 2,000 people attended", 2000, NULL, "about", "",
     "count", "people attended"),
    ("Some 2,000 people attended.", "Some 2,000 people attended", 2000, NULL, "about", "",
     "count", "people attended"),
    ("An estimated 3 million people lack water.", "An estimated 3 million people", 3e6, NULL,
     "about", "", "count", "people"),
    ("Nearly 1,200 people were killed.", "Nearly 1,200 people", 1200, NULL, "nearly", "",
     "count", "people killed"),
    ("Up to 300 homes were destroyed.", "Up to 300 homes", 300, NULL, "up_to", "", "count",
     "home destroyed"),
    ("Fewer than 50 students came.", "Fewer than 50 students", 50, NULL, "less_than", "",
     "count", "student"),
    ("Less than 50 students came.", "Less than 50 students", 50, NULL, "less_than", "", "count",
     "student"),
    ("No more than 20 ships sailed.", "No more than 20 ships sailed", 20, NULL, "at_most", "",
     "count", "ship sailed"),
    ("The rally drew 500 or more supporters.", "500 or more supporters", 500, NULL, "at_least",
     "", "count", "supporter"),
    # ranges
    ("Between 200 and 300 people gathered.", "Between 200 and 300 people gathered", 200, 300,
     "range", "", "count", "people gathered"),
    ("200-300 protesters marched.", "200-300 protesters marched", 200, 300, "range", "",
     "count", "protester marched"),
    ("We saw 200 to 300 protesters.", "200 to 300 protesters", 200, 300, "range", "", "count",
     "protester"),
    ("Two or three officers were hurt.", "Two or three officers", 2, 3, "range", "", "count",
     "officer hurt"),
    ("The plan costs $2-3bn.", "$2-3bn", 2e9, 3e9, "range", "USD", "money", ""),
    ("It costs between $200 and $300 million.", "between $200 and $300 million", 2e8, 3e8,
     "range", "USD", "money", ""),
    ("Two to three million people fled.", "Two to three million people fled", 2e6, 3e6,
     "range", "", "count", "people fled"),
    ("The boom lasted between 2010 and 2015.", "between 2010 and 2015", 2010, 2015, "range",
     "", "year", ""),
    # money
    ("The US pledged $2.5bn in military aid.", "$2.5bn in military aid", 2.5e9, NULL, "exact",
     "USD", "money", "military aid"),
    ("The EU offered €40 million to Kyiv.", "€40 million", 4e7, NULL, "exact", "EUR", "money",
     ""),
    ("Britain spent £3 billion on it.", "£3 billion", 3e9, NULL, "exact", "GBP", "money", ""),
    ("A $5,300 donation was returned.", "$5,300 donation", 5300, NULL, "exact", "USD", "money",
     "donation returned"),
    ("They paid 40 million euros for it.", "40 million euros", 4e7, NULL, "exact", "EUR",
     "money", ""),
    ("The fund holds more than $1.2 trillion.", "more than $1.2 trillion", 1.2e12, NULL,
     "more_than", "USD", "money", ""),
    # percentages
    ("Turnout was 40% in the capital.", "40%", 40, NULL, "exact", "%", "percent", "turnout"),
    ("Some 40 per cent of voters backed him.", "Some 40 per cent of voters backed", 40, NULL,
     "about", "%", "percent", "voter backed"),
    ("Inflation fell to 4.5 percent in June.", "4.5 percent", 4.5, NULL, "exact", "%",
     "percent", "inflation"),
    ("Support rose 2 percentage points.", "2 percentage points", 2, NULL, "exact", "pp",
     "percent", "support"),
    ("She won two-thirds of the vote.", "two-thirds of the vote", 66.67, NULL, "about", "%",
     "percent", "vote"),
    ("One in three adults is obese.", "One in three adults", 33.33, NULL, "about", "%",
     "percent", "adult"),
    # measures and durations
    ("The quake struck 10km deep.", "10km deep", 10, NULL, "exact", "km", "measure", "deep"),
    ("The town lies 40 miles from the border.", "40 miles", 40, NULL, "exact", "mi", "measure",
     ""),
    ("He was sentenced to 10 years in prison.", "10 years", 10, NULL, "exact", "year",
     "measure", ""),
    ("The strike lasted 10 to 12 days.", "10 to 12 days", 10, 12, "range", "day", "measure",
     ""),
    ("They reached 50km/h.", "50km/h", 50, NULL, "exact", "km/h", "measure", ""),
    # the counted thing from before the number
    ("The death toll from the attack rose to 1,119 on Tuesday.", "1,119", 1119, NULL, "exact",
     "", "count", "death toll"),
    ("The attack killed 12 people.", "12 people", 12, NULL, "exact", "", "count",
     "people killed"),
    ("The blast killed 12.", "12", 12, NULL, "exact", "", "count", "killed"),
    # dates, times, ages, years, ordinals, others
    ("It began on 29 March 2022.", "29 March 2022", 20220329, NULL, "exact", "", "date", ""),
    ("It began on March 29, 2022.", "March 29, 2022", 20220329, NULL, "exact", "", "date", ""),
    ("It began on March 29.", "March 29", 329, NULL, "exact", "", "date", ""),
    ("It began in March 2022.", "March 2022", 20220300, NULL, "exact", "", "date", ""),
    ("Fifteen of the 19 Sept. 11 hijackers were Saudi.", "Sept. 11", 911, NULL, "exact", "",
     "date", ""),
    ("The talks began at 10:30.", "10:30", 10.5, NULL, "exact", "", "time", ""),
    ("The talks began at 3pm.", "3pm", 15, NULL, "exact", "", "time", ""),
    ("The talks began at 7:19 p.m. local time.", "7:19 p.m.", 19 + 19 / 60, NULL, "exact", "",
     "time", ""),
    # An age's `counted` is whose age it is: a role, or a name when one is given.
    ("A 34-year-old man was arrested.", "34-year-old", 34, NULL, "exact", "year", "age", "man"),
    # (the role before it, between commas, is whose age it is: round 12)
    ("The man, aged 34, was arrested.", "aged 34", 34, NULL, "exact", "year", "age", "man"),
    ("John Smith, 34, was arrested.", "34", 34, NULL, "exact", "year", "age", "john smith"),
    ("It was founded in 2019.", "2019", 2019, NULL, "exact", "", "year", ""),
    ("It grew in the 1990s.", "1990s", 1990, NULL, "exact", "", "year", ""),
    ("It was the third round of talks.", "third round", 3, NULL, "exact", "", "ordinal",
     "round"),
    ("It was his 21st birthday.", "21st birthday", 21, NULL, "exact", "", "ordinal",
     "birthday"),
    ("Estimates range from 500,000 to 1.6 million.", "from 500,000 to 1.6 million", 5e5, 1.6e6,
     "range", "", "count", ""),
    ("Eight of the nine members voted for it.", "Eight", 8, NULL, "exact", "", "count",
     "member voted"),
    ("Eight of the nine members voted for it.", "nine members voted", 9, NULL, "exact", "",
     "count", "member voted"),
    ("They agreed a fee of €40 million.", "€40 million", 4e7, NULL, "exact", "EUR", "money",
     "fee"),
    ("Militants handed over 21 schoolgirls.", "21 schoolgirls", 21, NULL, "exact", "", "count",
     "schoolgirl"),
    ("The loan is paid back over five years.", "five years", 5, NULL, "exact", "year",
     "measure", ""),
    ("The Bank raised rates by 10 basis points.", "10 basis points", 10, NULL, "exact", "bp",
     "measure", ""),
    ("2,400 drivers, train operators and mechanics walked out.", "2,400 drivers", 2400, NULL,
     "exact", "", "count", "driver walked"),
    ("The Senate voted 52-48.", "52-48", 52, 48, "exact", "", "other", ""),
    ("Crowds lined Route 91 all day.", "91", 91, NULL, "exact", "", "other", ""),
    ("They invoked Article 5 again.", "5", 5, NULL, "exact", "", "other", ""),
    # Whose age: a name before or after it, a role with its possessor, a role's apposition.
    ("Javon Wilson, 15, U.S. Rep. Danny Davis' grandson, was shot.", "15", 15, NULL, "exact",
     "year", "age", "javon wilson"),
    ("The fatal shooting of 15-year-old Javon Wilson.", "15-year-old", 15, NULL, "exact",
     "year", "age", "javon wilson"),
    ("She said Powell's 3-year-old son led her inside.", "3-year-old", 3, NULL, "exact",
     "year", "age", "son of powell"),
    ("Her 10-year-old sister, Betzida Castillo, is stable.", "10-year-old", 10, NULL, "exact",
     "year", "age", "betzida castillo"),
    ("A 9-year-old Vista boy died.", "9-year-old", 9, NULL, "exact", "year", "age", "boy"),
    ("It could cost them between $1 billion to $3 billion.", "between $1 billion to $3 billion",
     1e9, 3e9, "range", "USD", "money", ""),
    # A street address is a place, not a count: what it names is its street.
    ("It happened in the 5600 block of South Princeton.", "5600 block of", 5600, NULL,
     "exact", "block", "address", "princeton"),
    ("He lives at 1200 Main Street in Perris.", "1200 Main Street", 1200, NULL, "exact", "",
     "address", "main"),
    # "metric tons" is a unit, not a count of "metric ton"
    ("It can lift nearly 64 metric tons into orbit.", "nearly 64 metric tons", 64, NULL,
     "nearly", "t", "measure", ""),
]  # fmt: skip


@pytest.mark.parametrize(
    ("sentence", "span", "value", "high", "qualifier", "unit", "kind", "counted"), CASES
)
def test_find_numbers_reads_each_pattern(
    sentence, span, value, high, qualifier, unit, kind, counted
) -> None:
    found = {sentence[m.start : m.end]: m for m in find_numbers(sentence)}
    assert span in found, f"{span!r} not in {list(found)}"
    m = found[span]
    assert m.value == pytest.approx(value, rel=1e-3)
    assert (m.value_high is None) if high is None else m.value_high == pytest.approx(high)
    assert (m.qualifier, m.unit, m.kind, m.counted) == (qualifier, unit, kind, counted)


@pytest.mark.parametrize(
    "sentence",
    [
        "Covid-19 cases and F-16 jets and G7 leaders.",
        "One of the victims was named; no one else was hurt.",
        "The 9/11 attacks changed everything.",
    ],
)
def test_find_numbers_ignores_names_and_pronouns(sentence: str) -> None:
    assert find_numbers(sentence) == []


def test_a_change_from_one_value_to_another_is_two_numbers() -> None:
    text = "The toll rose from 200 to 300."
    assert [(text[m.start : m.end], m.value, m.value_high) for m in find_numbers(text)] == [
        ("200", 200.0, None),
        ("300", 300.0, None),
    ]


def test_four_million_is_the_same_value_however_written() -> None:
    values = {
        find_numbers(text)[0].value
        for text in ("4m refugees", "4 million refugees", "four million refugees",
                     "4,000,000 refugees", "4.0 million refugees")
    }  # fmt: skip
    assert values == {4_000_000.0}


def test_every_mention_of_a_sentence_in_order() -> None:
    text = "On 29 March 2022, 1,119 civilians were killed and 1,790 wounded, a 40% rise."
    mentions = find_numbers(text)
    assert [text[m.start : m.end] for m in mentions] == [
        "29 March 2022", "1,119 civilians", "1,790 wounded", "40% rise",
    ]  # fmt: skip
    assert [m.counted for m in mentions] == ["", "civilian killed", "wounded", "rise"]


def test_lemma_singularises_nouns_only() -> None:
    assert [lemma(w) for w in ("civilians", "casualties", "children", "Lives", "killed",
                               "crisis", "churches", "news")] == [
        "civilian", "casualty", "child", "life", "killed", "crisis", "church", "news",
    ]  # fmt: skip


def _articles(*rows: dict) -> pl.DataFrame:
    return pl.DataFrame([{c: None for c in ARTICLES} | r for r in rows], schema=ARTICLES)


def test_extract_numbers_returns_one_row_per_number_with_offsets_into_the_body() -> None:
    body = "The toll rose to 1,119.\n\nMore than 4m people have fled since 2022."
    frame = extract_numbers(
        _articles(
            {"article_id": "a", "title": "Three killed", "body": body},
            {"article_id": "b", "title": "", "body": None},
        )
    )
    assert frame.schema == NUMBERS
    assert frame.select("sentence_index", "text", "value", "kind").rows() == [
        (-1, "Three killed", 3.0, "count"),
        (0, "1,119", 1119.0, "count"),
        (1, "More than 4m people", 4e6, "count"),
        (1, "2022", 2022.0, "year"),
    ]
    for row in frame.filter(pl.col("sentence_index") >= 0).iter_rows(named=True):
        assert body[row["start"] : row["end"]] == row["text"]
    title = frame.row(0, named=True)
    assert title["sentence"] == "Three killed" and (title["start"], title["end"]) == (0, 12)
    assert frame["counted"].to_list() == ["killed", "toll", "people fled", ""]


def test_extract_numbers_of_no_articles_is_empty_with_the_schema() -> None:
    frame = extract_numbers(_articles())
    assert frame.height == 0 and frame.schema == NUMBERS


def test_extract_numbers_checks_its_input() -> None:
    with pytest.raises(SchemaError, match="body"):
        extract_numbers(pl.DataFrame({"article_id": ["a"], "title": ["t"], "body": [1]}))


@pytest.mark.parametrize(
    "sentence",
    [
        "Anyone with information should call (713) 555-0199 or 1-800-222-8477.",
        "Tram derailment 8 show all Tram derailment",
        "Image 2 of 8",
    ],
)
def test_phone_numbers_and_gallery_counters_are_not_quantities(sentence: str) -> None:
    assert find_numbers(sentence) == []


def test_page_furniture_gives_no_numbers_and_sentences_keep_their_offsets() -> None:
    body = (
        "Copyright 2018 The Daily Ledger.\n\n12:47 a.m. Nov. 3, 2016.\n\n"
        "Image caption Rescuers searched for over 100 hours\n\n"
        "Nov. 2, 2016 The team celebrates after the final.\n\n"
        "Xinhua | Updated: 2017-09-15 21:45\n\nUpdated at 9:50 p.m. ET Thursday\n\n"
        "Police said  three people were hurt."
    )
    frame = extract_numbers(_articles({"article_id": "a", "title": "", "body": body}))
    # Only the reported count is left: copyright years, timestamps, "Updated" stamps,
    # captions and a caption's dateline are no claims.
    assert frame["text"].to_list() == ["three people"]
    row = frame.row(0, named=True)
    assert body[row["start"] : row["end"]] == "three people"
    assert body[row["sentence_start"] :].startswith(row["sentence"])


@pytest.mark.parametrize(
    ("sentence", "value", "person"),
    [
        # a middle initial is part of the name (and dropped from the anchor)
        ("35-year-old Herbert N. Lattin, of Edmonton, was found in the woods.", 35.0,
         "herbert lattin"),
        # a sentence's capitalised first word is not part of the name
        ("But Black, 47, was at work at the time.", 47.0, "black"),
        # a dateline's wire credit is no photo credit: the sentence's numbers are claims
        ("ST. LOUIS (KMOX/AP) \u2014 A 14-year-old girl has been fatally shot.", 14.0, "girl"),
    ],
)  # fmt: skip
def test_an_age_is_anchored_to_its_person(sentence: str, value: float, person: str) -> None:
    numbers = extract_numbers(_articles({"article_id": "a", "title": "", "body": sentence}))
    ages = numbers.filter(pl.col("kind") == "age")
    assert ages.select("value", "counted").rows() == [(value, person)]


def test_a_photo_credit_still_marks_a_caption() -> None:
    body = "The girl's family at the vigil. Jane Doe/AP Photo 3 candles were lit."
    numbers = extract_numbers(_articles({"article_id": "a", "title": "", "body": body}))
    assert numbers.height == 0


def test_a_price_per_unit_counts_the_unit() -> None:
    numbers = extract_numbers(
        _articles({"article_id": "a", "title": "", "body": "Broadcom bid $70 a share and oil "
                   "sold at $60 per barrel."})
    )  # fmt: skip
    assert numbers.select("text", "value", "counted").rows() == [
        ("$70", 70.0, "per share"), ("$60", 60.0, "per barrel"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("sentence", "ages"),
    [
        ("Neighbors say two children, ages 4 and 7, lived at the home.", [4.0, 7.0]),
        ("The victims were as young as 13 and as old as 17.", [13.0, 17.0]),
        ("Four of the injured were men between the ages of 24 and 30.", [24.0, 30.0]),
        ("The vaccine was safe in children aged 5 to 11, the drugmaker said.", [5.0, 11.0]),
        ("Three men, ages 25, 34 and 23, were struck.", [25.0, 34.0, 23.0]),
        ("His sons, aged six and nine, survived.", [6.0, 9.0]),
        ("He died at the age of 16.", [16.0]),
        ("Eight people ranging in age from 2 to 86 died.", [2.0, 86.0]),
    ],
)
def test_ages_told_by_the_word_age_are_ages_not_counts(sentence: str, ages: list[float]) -> None:
    # read as counts, "ages 8 and 14" would be set against the story's "three siblings"
    found = find_numbers(sentence)
    assert [m.value for m in found if m.kind == "age"] == ages
    assert all(m.kind != "count" or m.value not in ages for m in found)


def test_under_the_age_of_bounds_an_age_it_does_not_give() -> None:
    # "the victim is under the age of 18" is no one's age of 18 (set against another
    # outlet's "17-year-old" it would be a false conflict)
    found = find_numbers(
        "Police say the victim is under the age of 18; those over the age of 65 wait."
    )
    assert [(m.kind, m.value, m.qualifier) for m in found] == [
        ("age", 18.0, "less_than"),
        ("age", 65.0, "more_than"),
    ]


def test_the_word_age_before_a_share_or_a_sum_is_no_age() -> None:
    found = find_numbers("The average age of 40 percent of voters rose; ages 18 million.")
    assert [(m.kind, m.value) for m in found if m.kind == "age"] == []


def test_a_spelled_number_in_a_name_is_no_count():
    # "Ground Zero", "Air Force One", "Formula One": a capitalised number word right after
    # another capitalised word, in a sentence that is not a Title Case line, is a name's.
    def read(text):
        return [(text[m.start : m.end], m.value) for m in find_numbers(text)]

    assert read("Crowds gathered near Ground Zero on the anniversary.") == []
    assert read("The Big Three automakers agreed to the deal.") == []
    assert read("He flew on Air Force One, where two aides were waiting.") == [("two aides", 2.0)]
    # Counts stay counts: at a sentence's start, in a Title Case headline, after a quote mark.
    assert read("Zero people died.") == [("Zero people died", 0.0)]
    assert read("Police Say Three Killed In Shooting") == [("Three Killed", 3.0)]
    assert read('He said: "Three people died there."') == [("Three people died", 3.0)]
