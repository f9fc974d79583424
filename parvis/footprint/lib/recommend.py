"""Recommendations ordered by expected gain in EcoIndex points, then bytes saved.

Each finding's byte and request savings are replayed through the EcoIndex method to estimate
the points it would bring; accessibility items follow, most severe first.
"""

from collections.abc import Iterable
from typing import Any

from parvis.footprint.lib import ecoindex
from parvis.footprint.lib.accessibility import by_criterion

TARGET_NODES, TARGET_REQUESTS, TARGET_SIZE_KB = 600, 40, 1024  # EcoIndex targets

# RGESN 2022 criterion numbers (référentiel général d'écoconception de services numériques).
REFERENCES = {
    "compression": ["RGESN 6.4", "RGESN 7.2"],
    "image_format": ["RGESN 5.1"],
    "image_oversize": ["RGESN 6.5"],
    "cache": ["RGESN 6.3"],
    "trackers": ["RGESN 2 (services tiers)", "CNIL (traceurs)"],
    "third_party": ["RGESN 2 (services tiers)"],
    "web_fonts": ["RGESN 4.10"],
    "dom": ["RGESN 6.1"],
    "requests": ["RGESN 6.2"],
    "weight": ["RGESN 6.1"],
    "statement": ["Loi 2005-102 art. 47", "RGAA 4.1"],
    "conformity": ["Décret 2019-768 art. 3", "RGAA 4.1"],
    "multi_year_plan": ["Décret 2019-768 art. 2", "RGAA 4.1"],
}


def gain_points(
    nodes: int,
    requests: int,
    size_kb: float,
    *,
    less_nodes: int = 0,
    less_requests: int = 0,
    less_kb: float = 0.0,
) -> int:
    before = ecoindex.score(nodes, requests, size_kb)
    after = ecoindex.score(
        max(nodes - less_nodes, 0), max(requests - less_requests, 0), max(size_kb - less_kb, 0)
    )
    return after - before


def recommendations(
    *,
    nodes: int,
    requests: int,
    size_kb: float,
    findings: Iterable[dict[str, Any]],
    violations: Iterable[dict[str, Any]],
    declarative: dict[str, Any],
) -> list[dict[str, Any]]:
    items = []
    for finding in findings:
        points = gain_points(
            nodes,
            requests,
            size_kb,
            less_requests=finding["gain_requests"],
            less_kb=finding["gain_bytes"] / 1000,
        )
        items.append(
            _item(
                finding["code"],
                "sobriete",
                points,
                finding["gain_bytes"],
                finding["gain_requests"],
                finding["items"],
                finding["count"],
            )
        )
    budgets = (
        ("dom", nodes > TARGET_NODES, {"less_nodes": nodes - TARGET_NODES}),
        ("requests", requests > TARGET_REQUESTS, {"less_requests": requests - TARGET_REQUESTS}),
        ("weight", size_kb > TARGET_SIZE_KB, {"less_kb": size_kb - TARGET_SIZE_KB}),
    )
    for code, exceeded, reduction in budgets:
        if exceeded:
            points = gain_points(nodes, requests, size_kb, **reduction)
            gain_bytes = reduction.get("less_kb", 0) * 1000
            items.append(_item(code, "sobriete", points, gain_bytes, int(reduction.get("less_requests", 0))))
    items.sort(key=lambda item: (-item["points"], -item["gain_bytes"], item["code"]))

    for row in by_criterion(violations):
        items.append(
            _item(
                "axe",
                "accessibilite",
                0,
                0,
                0,
                [n["target"] for n in row["nodes"]],
                row["count"],
                rule=row["rule"],
                impact=row["impact"],
                help=row["help"],
                references=[f"RGAA {c}" for c in row["criteria"]],
            )
        )
    for code, missing in (
        ("statement", not declarative.get("statement_url")),
        ("conformity", not declarative.get("conformity")),
        ("multi_year_plan", not declarative.get("multi_year_plan")),
    ):
        if missing:
            items.append(_item(code, "accessibilite", 0, 0, 0))
    return items


def _item(
    code: str,
    theme: str,
    points: int,
    gain_bytes: float,
    gain_requests: int,
    examples: Iterable[str] = (),
    count: int = 0,
    **extra: Any,
) -> dict[str, Any]:
    item = {
        "code": code,
        "theme": theme,
        "points": points,
        "gain_bytes": int(gain_bytes),
        "gain_requests": gain_requests,
        "examples": list(examples)[:5],
        "count": count,
        "references": REFERENCES.get(code, []),
    }
    item.update(extra)
    return item
