"""axe-core results grouped by RGAA criterion, and the declarative checks axe cannot make."""

import re
from collections.abc import Iterable
from typing import Any

from parvis.core.lib.links import safe_href

AXE_RGAA_CRITERIA = 33  # RGAA criteria that axe-core's RGAAv4 tags cover, out of 106
RGAA_CRITERIA = 106
IMPACT_ORDER = {"critical": 0, "serious": 1, "moderate": 2, "minor": 3, None: 4}

STATEMENT_LINK = re.compile(r"accessibilit[ée]", re.IGNORECASE)
CONFORMITY = re.compile(
    r"accessibilit[ée]\s*:?\s*(?:du site\s*)?(non|partiellement|totalement)\s+conforme", re.IGNORECASE
)
PLAN = re.compile(r"sch[ée]ma\s+pluri-?annuel", re.IGNORECASE)


def rgaa_criteria(tags: Iterable[str]) -> list[str]:
    return sorted(tag.removeprefix("RGAA-") for tag in tags if tag.startswith("RGAA-"))


def by_criterion(violations: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Violations sorted by impact, each with its RGAA criteria (from axe's RGAA-x.y.z tags)."""
    rows = [
        {
            "rule": v["id"],
            "impact": v.get("impact"),
            "help": v.get("help", ""),
            "criteria": rgaa_criteria(v.get("tags", [])),
            "count": v.get("count", len(v.get("nodes", []))),
            "nodes": v.get("nodes", [])[:5],
        }
        for v in violations
    ]
    return sorted(rows, key=lambda row: (IMPACT_ORDER.get(row["impact"], 4), row["rule"]))


def declarative(page: dict[str, Any]) -> dict[str, Any]:
    """Accessibility statement link, declared conformity level, multi-year plan (schéma)."""
    links = page.get("links", [])
    statement = next((link["href"] for link in links if STATEMENT_LINK.search(link["text"])), "")
    statement = safe_href(statement)  # a crawled page's link: http(s) only, never javascript:
    corpus = " ".join([page.get("text", "")] + [link["text"] for link in links])
    level = CONFORMITY.search(corpus)
    plan = PLAN.search(corpus)
    return {
        "statement_url": statement,
        "conformity": level.group(1).lower() if level else "",
        "multi_year_plan": bool(plan),
    }


def merge_declarative(checks: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Site level: a statement, level or plan found on any audited page counts."""
    merged: dict[str, Any] = {"statement_url": "", "conformity": "", "multi_year_plan": False}
    for check in checks:
        merged["statement_url"] = merged["statement_url"] or check.get("statement_url", "")
        merged["conformity"] = merged["conformity"] or check.get("conformity", "")
        merged["multi_year_plan"] = merged["multi_year_plan"] or check.get("multi_year_plan", False)
    return merged
