"""Site aggregates and population size classes for the ranking."""

from statistics import median

# (key, lower bound inclusive, upper bound exclusive) for communes, in inhabitants.
COMMUNE_CLASSES = (
    ("lt1000", 0, 1_000),
    ("1000-3499", 1_000, 3_500),
    ("3500-9999", 3_500, 10_000),
    ("10000-19999", 10_000, 20_000),
    ("20000-49999", 20_000, 50_000),
    ("50000-99999", 50_000, 100_000),
    ("gte100000", 100_000, None),
)
SEPARATE_KINDS = ("epci", "departement")


def size_class(kind: str, population: int | None) -> str:
    """Ranking class: EPCI and départements apart, communes by population bracket."""
    if kind in SEPARATE_KINDS:
        return kind
    if population is None:
        return "unknown"
    for key, low, high in COMMUNE_CLASSES:
        if population >= low and (high is None or population < high):
            return key
    return "unknown"


def site_summary(pages: list[dict], worst: int = 3) -> dict:
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


def median_int(values) -> int:
    """Median rounded half to even, so a site score is an integer like a page score."""
    return round(median(values))


def rank(values: dict, site_key) -> tuple[int | None, int]:
    """1-based position of site_key when values (key -> score) are sorted best first."""
    ordered = sorted(values.items(), key=lambda item: (-item[1], str(item[0])))
    for index, (key, _score) in enumerate(ordered, start=1):
        if key == site_key:
            return index, len(ordered)
    return None, len(ordered)
