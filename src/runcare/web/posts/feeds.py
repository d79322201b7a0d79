"""Placeholder until the core feed builder lands."""

from typing import Any


def series_feed(request: Any, series: Any, posts: Any) -> str:
    raise NotImplementedError
