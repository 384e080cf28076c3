"""Import page: upload article files, build a corpus from them with the pipeline."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import streamlit as st

from clustering.config import EmbedConfig
from clustering.corpus import Corpus
from clustering.embed import Embedder, load_embedder
from clustering.ingest import FORMATS, IngestError
from clustering.pipeline import RunResult, add, corpus_config, run
from clustering.views import import_page, safe, stories_page

# A rough share of the progress bar per stage: embedding and comparing dominate a run.
_STAGES = {
    "embed": (0.0, 0.6),
    "link": (0.6, 0.65),
    "cluster": (0.65, 0.7),
    "compare": (0.7, 1.0),
}


@st.cache_resource(show_spinner="Loading the embedding model...")
def embedder(config: EmbedConfig) -> Embedder:
    """The embedding model `config` names (the corpus's own [embed] section), loaded once
    per server process and configuration."""
    return load_embedder(config)


def import_form() -> tuple[list, str, str | None]:
    """The upload widgets; returns (uploaded files, target directory, action): "build" a
    new corpus, "add" to the existing one, "replace" it (confirmed), or None (not yet)."""
    files = st.file_uploader(
        "Article files",
        accept_multiple_files=True,
        help="Formats: " + ", ".join(FORMATS) + ". The format is detected from the content.",
    )
    target = st.text_input(
        "Corpus directory to write", value=str(st.session_state.get("corpus", "data/corpus"))
    )
    if not Corpus(Path(target)).exists():
        return list(files or []), target, "build"
    st.warning(f"A corpus already exists at {safe.escape_markdown(target)}.")
    action = st.radio(
        "What to do with it",
        ["add", "replace"],
        format_func={
            "add": "Add the files to it (existing story ids are kept)",
            "replace": "Replace it with a corpus of these files only",
        }.get,
    )
    if action == "replace" and not st.checkbox(
        "Yes, overwrite its stories, comparisons and history"
    ):
        return list(files or []), target, None
    return list(files or []), target, str(action)


def save_uploads(files: list, folder: Path) -> list[Path]:
    """Write the uploads into `folder` under their own base names (never a path the
    browser chose: `../x` stays in the folder); a name already there (an earlier upload,
    or a repeat in this one) gets a numeric prefix, so no earlier upload is overwritten."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, upload in enumerate(files):
        name = Path(upload.name).name or f"upload-{i}"
        path, n = folder / name, 1
        while path.exists():
            path, n = folder / f"{n}-{name}", n + 1
        path.write_bytes(upload.getvalue())
        paths.append(path)
    return paths


def build(paths: list[Path], target: str, action: str) -> RunResult:
    bar = st.progress(0.0, text="Reading files...")

    def progress(stage: str, done: int, total: int) -> None:
        lo, hi = _STAGES.get(stage, (0.0, 1.0))
        share = lo + (hi - lo) * (done / total if total else 1.0)
        unit = " million pairs" if stage == "link" else ""
        bar.progress(min(share, 1.0), text=f"{stage}: {done:,}/{total:,}{unit}")

    config = corpus_config(Corpus(Path(target)))  # the defaults for a new corpus
    if action == "add":
        result = add(
            paths, Path(target), config, embedder=embedder(config.embed), progress=progress
        )
    else:  # "build" (no corpus there) or "replace", which the user confirmed
        result = run(
            paths,
            Path(target),
            config,
            embedder=embedder(config.embed),
            progress=progress,
            overwrite=True,
        )
    bar.progress(1.0, text="Done.")
    return result


def show_result(result: RunResult) -> None:
    ing = result.ingest
    cols = st.columns(5)
    cols[0].metric("read", ing.n_read)
    cols[1].metric("accepted", ing.n_accepted)
    cols[2].metric("duplicates", ing.n_duplicates)
    cols[3].metric("rejected", ing.n_rejected)
    cols[4].metric("stories", result.n_stories)
    for note in result.notes:  # what the add changed in the stored corpus (outlets renamed)
        st.info(safe.escape_markdown(note))
    if ing.n_rejected:
        st.subheader("Rejected records")
        st.dataframe(import_page.rejects_table(ing.rejects), hide_index=True)
    # Kept and listed in their stories, but no coverage of any event: said by file and line.
    pages = ing.articles.filter(pl.col("no_article_reason").is_not_null())
    if pages.height:
        st.subheader("Pages with no article of their own")
        st.caption("Kept in the corpus and listed in their stories; left out of the comparisons.")
        st.dataframe(
            pages.select("source_file", "source_line", "title", "no_article_reason"),
            hide_index=True,
            column_config={"source_line": "line", "no_article_reason": "why"},
        )
    # Parts that raised on one article or story: said here too, not only on the overview.
    failures = result.corpus.failures()
    if (summary := stories_page.failure_summary(failures)) is not None:
        st.subheader("Failed parts")
        st.warning(safe.escape_markdown(summary))
        st.dataframe(stories_page.failure_table(failures), hide_index=True)


def use_corpus(path: str) -> None:
    st.session_state["corpus"] = path


st.title("Import")
st.caption(
    "Upload files in any format StoryLens reads; they are clustered into stories and "
    "compared, and the corpus is written to the directory below."
)
files, target, action = import_form()
if st.button(
    "Build corpus" if action != "add" else "Add to corpus",
    type="primary",
    disabled=not (files and action),
):
    # The uploads are kept in the corpus, so rejects and the manifest name files that
    # exist (not a deleted temporary folder) and nothing the user gave is lost.
    saved = save_uploads(files, Corpus(Path(target)).uploads)
    try:
        result = build(saved, target, str(action))
    except (IngestError, FileNotFoundError, ValueError) as exc:
        st.error(safe.escape_markdown(str(exc)))
        st.stop()
    st.success(f"Corpus written to {safe.escape_markdown(target)}.")
    show_result(result)
    if target != st.session_state.get("corpus"):
        st.button("Browse this corpus", on_click=use_corpus, args=(target,))
