"""Speaker rules of issue 16's eleventh pass, found on a batch annotated blind to the output
(dev_quotes4) and on unlabelled articles: hand-written sentences, the rules' speakers
(`speaker_ranker=None`) unless a test says otherwise."""

from __future__ import annotations

import pytest
from speaker_helpers import speakers


def test_a_run_holding_you_or_we_is_no_name() -> None:
    # Newsletter boilerplate between two sentences about Kim: "Sign Up You agree ..." had
    # become a person, and the "He continued" after it his.
    body = (
        "North Korean leader Kim Jong Un spoke on Monday.\n"
        "Sign Up You agree to receive occasional updates and special offers.\n"
        "He continued that theme in his address, promising to focus on “mass producing "
        "nuclear warheads” in the coming year."
    )
    assert speakers(body) == ["Kim Jong Un"]


def test_a_lone_surname_that_takes_his_is_a_person() -> None:
    # The article never writes Kim's full name: "Kim declared his ..." tells he is a person,
    # so "he said" can stand for him (it had no one).
    body = (
        "At the end of November, Kim declared his nuclear force complete.\n"
        "This, Kim said, made it impossible for the United States to start a war.\n"
        "“The entire United States is within range of our nuclear weapons,” he said."
    )
    assert speakers(body) == ["Kim"]


def test_a_lone_name_after_a_preposition_is_not_made_a_person() -> None:
    # "On Twitter on Friday night, he said": Twitter is where, not who.
    body = (
        "Mr. Trump offered no explanation.\n"
        "On Twitter on Friday night, he said: “This was in no way a concession.”"
    )
    assert speakers(body) == ["Trump"]


def test_a_leading_preposition_is_no_part_of_a_name() -> None:
    # "Beyond listing ..., Kim ...": "Beyond" had been a second name in the sentence.
    body = (
        "Beyond listing military gains, Kim also outlined economic gains as part of his "
        "policy.\n“This is reality, not a threat,” he said."
    )
    assert speakers(body) == ["Kim"]


def test_he_after_an_inverted_attribution_is_its_speaker() -> None:
    # "Kim seems likely to ..., said Nam Sung-wook, a North Korea expert": the one who
    # speaks is who "he" is next, not the subject of what he said.
    body = (
        "At the end of November, Kim declared his nuclear force complete.\n"
        "Kim seems likely to tone down his weapons testing, said Nam Sung-wook, a North "
        "Korea expert at Korea University.\n"
        "“What North Korea is most afraid of is being forgotten,” he said."
    )
    assert speakers(body) == ["Nam Sung-wook"]


def test_said_before_a_name_that_goes_on_is_no_inverted_attribution() -> None:
    # "..., said Trump “put forth ...”": Trump is what Romney spoke about; "He tweeted"
    # stays Romney's.
    body = (
        "Sen. Mitt Romney, whose views have fluctuated, said Trump “put forth a reasonable "
        "proposal.”\n\nHe tweeted, “I look forward to voting for it.”"
    )
    assert speakers(body) == ["Mitt Romney", "Mitt Romney"]


def test_a_name_asked_about_in_a_question_list_is_not_the_answer_s_speaker() -> None:
    body = (
        "Asked for quick thoughts about each of the candidates, Mr. Trump played along.\n\n"
        "Governor Christie? “Strong,” he said.\n\n"
        "Retired Lt. Gen. Mike Flynn? “A patriot.”\n\n"
        "And Mr. Gingrich? “Newt is Newt. He’s a good guy.”"
    )
    assert speakers(body) == ["Trump", "Trump", "Trump"]


def test_a_jr_suffix_ends_no_sentence() -> None:
    # "Trump Jr. replied": the suffix's full stop had cut the name from its verb.
    body = (
        "Donald Trump Jr. corresponded with WikiLeaks.\n\n"
        "“Already did that earlier today,” Trump Jr. later replied."
    )
    assert speakers(body) == ["Donald Trump"]


def test_a_lower_case_handle_does_not_make_a_name_a_common_word() -> None:
    # "@wikileaks" in lower case had made "WikiLeaks" read as a capitalised common word.
    body = (
        "In a series of tweets, he posted the messages with @wikileaks.\n\n"
        "“A PAC run anti-Trump site is about to launch,” WikiLeaks wrote."
    )
    assert speakers(body) == ["WikiLeaks"]


@pytest.mark.parametrize(
    "later",
    [
        "“It is time,” said O'Rourke.",  # another apostrophe
        "Rourke demanded Barr “release the full report.”",  # the article lost its "O’"
    ],
)
def test_a_surname_written_another_way_is_the_full_name(later: str) -> None:
    body = f"Former Rep. Beto O’Rourke campaigned in South Carolina.\n\n{later}"
    assert speakers(body) == ["Beto O’Rourke"]


def test_an_editorial_board_speaks_for_its_paper() -> None:
    body = (
        "“They were much better left unsaid,” The Washington Post’s editorial board said Tuesday."
    )
    assert speakers(body) == ["Washington Post"]


@pytest.mark.parametrize(
    "body",
    [
        "Weeks before the election, asked if the campaign was “in cahoots” with WikiLeaks, "
        "Vice President Mike Pence denied it.",
        "When asked whether the plan was “a total disaster,” Tom Smith laughed.",
    ],
)
def test_a_question_put_to_someone_is_not_theirs(body: str) -> None:
    assert speakers(body) == [None]


def test_a_person_who_asked_still_speaks() -> None:
    body = "Tom Smith asked if the plan was “a total disaster.”"
    assert speakers(body) == ["Tom Smith"]


def test_a_product_is_no_speaker() -> None:
    # "the Falcon Heavy rocket": the rocket never speaks, and "it" is no one.
    body = (
        "SpaceX has worked on the Falcon Heavy rocket for years.\n"
        "Falcon Heavy should be ready within weeks, a company official said, calling it "
        "“the most powerful operational rocket in the world.”"
    )
    assert "Falcon Heavy" not in speakers(body)
    assert "Falcon Heavy" not in speakers(body, "default")


def test_an_unnamed_reporter_s_question_is_not_the_congressman_s() -> None:
    # The ranker, which finds the congressman named all around, is not asked: the rules
    # decided the words are an unnamed asker's.
    body = (
        "Rep. Bob Etheridge walked down the street.\n\n"
        "While the reporter asks, “Hi, Congressman. How are you?” Etheridge turns away.\n\n"
        "“Who are you?” Etheridge demanded."
    )
    assert speakers(body, "default") == [None, "Bob Etheridge"]


def test_a_person_asking_after_an_appositive_still_speaks() -> None:
    body = (
        "Representative Allyson Y. Schwartz, Democrat of Pennsylvania, asked whether the "
        "savings — “sometimes referred to as cuts to Medicare” — were in the budget."
    )
    assert speakers(body) == ["Allyson Y. Schwartz"]


def test_a_country_s_president_is_the_president_it_names() -> None:
    body = (
        "President Luis Guillermo Solis flew to the site on Monday.\n"
        "“The authorities are recovering the bodies,” Costa Rica's president said."
    )
    assert speakers(body) == ["Luis Guillermo Solis"]


def test_an_event_s_organiser_speaks_for_the_event() -> None:
    body = (
        "The event organiser for the NYE Terrigal Fireworks Festival said on Facebook that "
        "the evening “was truly amazing”."
    )
    assert speakers(body) == ["NYE Terrigal Fireworks Festival"]


def test_a_name_anywhere_in_an_opening_participle_clause_is_not_he() -> None:
    # The clause runs past its first comma to the "he" it opens for.
    body = (
        "Mr. Yaalon accused the Israeli leadership of scaremongering. Citing the nuclear "
        "agreement with Iran, which Mr. Netanyahu strenuously opposed, and the capabilities "
        "of the military, he said, “There is no existential threat to Israel.”"
    )
    assert speakers(body) == ["Yaalon"]


def test_newsletter_furniture_is_no_antecedent() -> None:
    body = (
        "At the end of November, Kim declared his nuclear force complete.\n"
        "Newsletter Sign Up Continue reading the main story\n"
        "He continued that theme in his address, promising “mass producing nuclear "
        "warheads” in the coming year."
    )
    assert speakers(body) == ["Kim"]


def test_a_child_s_question_after_the_quote_is_not_the_mother_s() -> None:
    body = (
        "Tequila Dillon sat on the front stoop of her home.\n"
        "“Can I wash your car?” the 11-year-old asked.\n"
        "“No, leave it alone,” Dillon told him."
    )
    assert speakers(body, "default") == [None, "Tequila Dillon"]


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        (
            "Uma Thurman spoke out on Friday. Her father, Robert Thurman, is a professor.\n"
            "“I am angry,” Thurman told the Times.",
            "Uma Thurman",
        ),
        (
            "“It is hard,” said Alicia Shannon. Her son, Raheem Shannon, was shot on "
            "Saturday.\n“Some guy came through, shooting,” said Shannon.",
            "Alicia Shannon",
        ),
    ],
)
def test_a_relative_named_after_a_kinship_word_is_not_the_bare_surname(
    body: str, speaker: str
) -> None:
    assert speakers(body)[-1] == speaker


def test_a_relative_still_speaks_when_no_one_else_bears_the_surname() -> None:
    body = "Her father, Robert Thurman, is a professor.\n“I am proud,” Thurman said."
    assert speakers(body) == ["Robert Thurman"]


def test_an_organiser_s_organisation_ends_with_its_sentence() -> None:
    # "an organiser with the Industrial Workers Alliance." had run on into the next
    # sentence's subject, which then lost its own quote.
    body = (
        "“Nobody should die at work,” warned Gina Ortiz, an organiser with the Industrial "
        "Workers Alliance.\n\n"
        "Halvorsen Plastics said it was “cooperating fully with investigators” on Tuesday."
    )
    assert speakers(body) == ["Gina Ortiz", "Halvorsen Plastics"]
