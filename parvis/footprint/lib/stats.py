"""Site aggregates (median of pages, worst pages) and positions in a ranking."""

from collections.abc import Iterable
from statistics import median
from typing import Any


def site_summary(pages: list[dict[str, Any]], worst: int = 3) -> dict[str, Any]:
    """Median score/size/requests/nodes over successful pages, and the worst pages by score."""
    measured = [page for page in pages if page.get("score") is not None]
    if not measured:
        return {"pages": 0}
    return {
        "pages": len(measured),
        "score": median_int([p["score"] for p in measured]),
        "size_kb": round(median([p["size_kb"] for p in measured]), 2),
        "requests": median_int([p["requests"] for p in measured]),
        "nodes": median_int([p["nodes"] for p in measured]),
        "violations": sum(p.get("violations", 0) for p in measured),
        "worst": [p["url"] for p in sorted(measured, key=lambda p: (p["score"], p["url"]))[:worst]],
    }


def median_int(values: Iterable[float]) -> int:
    """Median rounded half to even, so a site score is an integer like a page score."""
    return round(median(values))


def rank(values: dict[Any, float], site_key: object) -> tuple[int | None, int]:
    """1-based position of site_key when values (key -> score) are sorted best first."""
    ordered = sorted(values.items(), key=lambda item: (-item[1], str(item[0])))
    for index, (key, _score) in enumerate(ordered, start=1):
        if key == site_key:
            return index, len(ordered)
    return None, len(ordered)
