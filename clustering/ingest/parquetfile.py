"""Parquet files: one record per row, read in row batches so memory stays bounded."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from clustering.ingest.records import CHUNK_RECORDS, Chunk, Source, record_raw


def read_parquet(path: Path, source: Source) -> Iterator[Chunk]:
    """Records of a Parquet file, `CHUNK_RECORDS` rows at a time; source_line is the row index.

    A file pyarrow cannot read (corrupt, truncated) gives one reject at the row
    where reading stopped.
    """
    index = 0
    try:
        parquet = pq.ParquetFile(path)
        for batch in parquet.iter_batches(batch_size=CHUNK_RECORDS):
            chunk = Chunk()
            for row in batch.to_pylist():
                index += 1
                chunk.add(row, source, index, partial(record_raw, row))
            yield chunk
    except pa.ArrowException as error:
        chunk = Chunk()
        chunk.reject(
            source,
            index + 1,
            "",
            f"Parquet file cannot be read past row {index}: {error}",
            f"[Parquet file of {path.stat().st_size:,} bytes]",
        )
        yield chunk
