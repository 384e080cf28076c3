from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
SAMPLE = ROOT / "data" / "sample"

needs_shared = pytest.mark.skipif(not SHARED.exists(), reason="../shared/data is absent")


@pytest.fixture(scope="session")
def embedder():
    """The real packaged MiniLM, loaded once per test session."""
    from clustering.config import EmbedConfig
    from clustering.embed import load_embedder

    return load_embedder(EmbedConfig())
