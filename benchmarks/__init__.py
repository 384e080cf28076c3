"""StoryLens benchmarks: quality on the labelled sets with baselines, scale on synthetic
corpora, embedding rates. `python -m benchmarks.run` regenerates benchmarks/RESULTS.md."""
