"""The real-article gold set (benchmarks/gold/real/) as the comparison benchmarks score it.

`load_real_gold(split)` returns the annotated articles as one ARTICLES frame whose
`article_id` is the labelled file's `id` and whose `body` is that file's body exactly as
stored (the gold's offsets point into it), and the annotations of the split's events:
{event: {"dataset", "articles", "quotes", "numbers", "groups"}} as in the folder's README.
The article texts are read from ../shared/data/labelled/ at run time; the repository holds
only ids and offsets.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

import polars as pl

from clustering.schema import ARTICLES

ROOT = Path(__file__).resolve().parents[1]
REAL_GOLD = ROOT / "benchmarks" / "gold" / "real"
LABELLED = ROOT.parent / "shared" / "data" / "labelled"

Split = Literal["dev", "test", "all"]


def _published(date: str | None) -> datetime | None:
    return datetime.strptime(date, "%Y-%m-%d").replace(tzinfo=UTC) if date else None


def article_row(record: dict[str, Any]) -> dict[str, Any]:
    """An ARTICLES row of one labelled record, its id kept as article_id and its gold
    event in extra ({"event": cluster_id})."""
    return {column: None for column in ARTICLES} | {
        "article_id": record["id"],
        "outlet": record.get("outlet") or "",
        "url": record.get("url"),
        "title": record.get("title") or "",
        "lead": record.get("lead") or "",
        "body": record.get("body") or "",
        "published_at": _published(record.get("date")),
        "lang": record.get("lang") or "en",
        "extra": json.dumps({"event": record["cluster_id"]}),
    }


def load_real_gold(
    split: Split = "dev", labelled: Path = LABELLED, gold_dir: Path = REAL_GOLD
) -> tuple[pl.DataFrame, dict[str, dict[str, Any]]]:
    """(ARTICLES of the split's events, annotations by event).

    An event's annotations are in `<file>.json` when events.json gives it a `file`
    (more.json: events added later), else in `<dataset>.json`; the articles are always
    read from `<dataset>.jsonl`. Events whose file has not been annotated yet are left out. Raises
    FileNotFoundError when `labelled` (../shared/data/labelled) is absent.
    """
    if split not in ("dev", "test", "all"):
        raise ValueError(f"split should be 'dev', 'test' or 'all'. Got {split!r} instead.")
    events = json.loads((gold_dir / "events.json").read_text(encoding="utf-8"))["events"]
    chosen = [e for e in events if split == "all" or e["split"] == split]
    annotations: dict[str, dict[str, Any]] = {}
    wanted: dict[str, set[str]] = {}
    for event in chosen:
        # An event names its annotation file when it is not its dataset's own ("more").
        path = gold_dir / f"{event.get('file', event['dataset'])}.json"
        if not path.exists():
            continue
        done = json.loads(path.read_text(encoding="utf-8"))["events"]
        if event["event"] not in done:
            continue
        annotations[event["event"]] = {
            "dataset": event["dataset"],
            "split": event["split"],
            "articles": list(event["articles"]),
            "quotes": [],
            "numbers": [],
            "groups": [],
        } | done[event["event"]]
        wanted.setdefault(event["dataset"], set()).update(event["articles"])
    rows = []
    for dataset, ids in sorted(wanted.items()):
        with (labelled / f"{dataset}.jsonl").open(encoding="utf-8") as fh:
            for line in fh:
                record = json.loads(line)
                if record["id"] not in ids:
                    continue
                rows.append(article_row(record))
    return pl.DataFrame(rows, schema=ARTICLES), annotations
