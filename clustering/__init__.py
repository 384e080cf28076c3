"""StoryLens: cluster news articles from many outlets into stories and compare their coverage."""

from __future__ import annotations

__version__ = "0.1.0"
