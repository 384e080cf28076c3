"""Number extraction and alignment on every article of the five labelled sets, saved and
compared: the before/after check of a change meant to keep output (or to read what moved).

    .venv/bin/python -m benchmarks.number_frames save DIR      # before the change
    .venv/bin/python -m benchmarks.number_frames compare DIR   # after: equal, or what moved

`save` writes DIR/<set>.parquet (the NUMBERS frame of all the set's articles, titles and
bodies, published_at from the record's date) and DIR/groups.parquet (`align_numbers` over
every story, a cluster_id with 2+ articles, gold events included: the NUMBER_CLAIMS rows
plus a `story` column). `compare` runs both again and asserts each NUMBERS frame equal
to the saved one (it prints the first rows that differ otherwise), then prints how many
groups and flags (conflict / update groups) are the same and every group that moved, with
its claims' words around the figure, to read by eye. It also says whether the
NUMBER_CLAIMS rows of every story are equal to the saved ones in every column.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import polars as pl

from benchmarks.gold_real import LABELLED, article_row
from clustering.compare.number_claims import align_numbers
from clustering.extract.numbers import extract_numbers
from clustering.schema import ARTICLES

SETS = ("gvc", "giveme5w1h", "basil", "neus_allsides", "newswcl50")


def load_set(dataset: str, labelled: Path = LABELLED) -> pl.DataFrame:
    """ARTICLES of one labelled set, as `benchmarks.gold_real.load_real_gold` builds them
    (extra holds {"event": cluster_id})."""
    with (labelled / f"{dataset}.jsonl").open(encoding="utf-8") as fh:
        rows = [article_row(json.loads(line)) for line in fh]
    return pl.DataFrame(rows, schema=ARTICLES)


def run_all() -> tuple[dict[str, pl.DataFrame], pl.DataFrame]:
    """({set: NUMBERS frame}, NUMBER_CLAIMS rows of every story with a `story` column)."""
    frames: dict[str, pl.DataFrame] = {}
    claims = []
    for dataset in SETS:
        articles = load_set(dataset)
        numbers = frames[dataset] = extract_numbers(articles)
        event = pl.col("extra").str.json_path_match("$.event")
        for (name,), story in articles.group_by(event, maintain_order=True):
            if story.height < 2:
                continue
            found = align_numbers(
                numbers.filter(pl.col("article_id").is_in(story["article_id"].implode())), story
            )
            claims.append(found.with_columns(pl.lit(f"{dataset}:{name}").alias("story")))
    return frames, pl.concat(claims)


def _groups(claims: pl.DataFrame) -> dict[tuple[object, ...], list[str]]:
    """Each group keyed by (story, status, its claims), with its claims' words to read."""
    out = {}
    for (story, _), rows in claims.group_by(["story", "group_id"], maintain_order=True):
        claims_key = tuple(
            sorted(zip(rows["article_id"], rows["start"], rows["value"], strict=True))
        )
        words = []
        for r in rows.iter_rows(named=True):
            at = r["start"] - r["sentence_start"]
            words.append(f"{r['article_id'][:10]} ...{r['sentence'][max(0, at - 60) : at + 40]}...")
        out[(story, rows["status"][0], claims_key)] = words
    return out


def compare(saved: Path, extraction_moves: bool = False) -> None:
    """Assert the NUMBERS frames equal `saved`'s; print the groups and flags that moved.
    With `extraction_moves` (a change meant to move the extraction), print every NUMBERS
    row that moved instead of stopping at the first frame that differs."""
    frames, claims = run_all()
    for dataset, frame in frames.items():
        old = pl.read_parquet(saved / f"{dataset}.parquet")
        if not frame.equals(old):
            moved = pl.concat([frame, old]).unique(keep="none", maintain_order=True)
            if extraction_moves:
                print(f"{dataset}: {frame.height} rows, was {old.height}; moved:")
                with pl.Config(tbl_rows=-1, fmt_str_lengths=60):
                    print(moved.select("article_id", "text", "value", "kind", "counted"))
                continue
            print(moved.select("article_id", "text", "value", "kind", "unit").head(20))
            raise AssertionError(
                f"{dataset}: NUMBERS frame differs ({frame.height} rows, was {old.height})"
            )
        print(f"{dataset}: {frame.height} rows, equal")
    saved_claims = pl.read_parquet(saved / "groups.parquet")
    # every column (reasons, quantities, group ids), row for row: a change meant to keep
    # the output keeps this too
    same = "equal" if claims.equals(saved_claims) else "DIFFERENT"
    print(f"NUMBER_CLAIMS rows of every story: {claims.height}, was {saved_claims.height}, {same}")
    before, after = _groups(saved_claims), _groups(claims)
    flags = [{k for k in groups if k[1] in ("conflict", "update")} for groups in (before, after)]
    print(f"groups {len(before)} -> {len(after)}, {len(before.keys() & after.keys())} the same")
    print(f"flags {len(flags[0])} -> {len(flags[1])}, {len(flags[0] & flags[1])} the same")
    for sign, keys, groups in (
        ("-", before.keys() - after.keys(), before),
        ("+", after.keys() - before.keys(), after),
    ):
        for key in sorted(keys, key=str):
            print(sign, key[0], key[1], *groups[key], sep="\n    ")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", choices=("save", "compare"))
    parser.add_argument("folder", type=Path)
    parser.add_argument(
        "--extraction-moves",
        action="store_true",
        help="compare: list every NUMBERS row that moved and go on to the groups",
    )
    args = parser.parse_args()
    if args.mode == "save":
        args.folder.mkdir(parents=True, exist_ok=True)
        frames, claims = run_all()
        for dataset, frame in frames.items():
            frame.write_parquet(args.folder / f"{dataset}.parquet")
        claims.write_parquet(args.folder / "groups.parquet")
        print(f"saved {sum(f.height for f in frames.values())} numbers, {claims.height} claims")
    else:
        compare(args.folder, extraction_moves=args.extraction_moves)
