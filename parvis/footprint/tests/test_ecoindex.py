"""Parvis's own EcoIndex equals the reference implementation (ecoindex-compute, test oracle)."""

import asyncio
import random
from concurrent.futures import ThreadPoolExecutor

import pytest
from ecoindex.compute import compute_ecoindex

from parvis.footprint.lib import ecoindex

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def oracle(cases):
    async def run():
        return [await compute_ecoindex(nodes=n, size=s, requests=r) for n, r, s in cases]

    # In a worker thread: a sync Playwright session may own this thread's event loop.
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, run()).result()


def boundary_cases():
    cases = []
    for table_index, table in enumerate(
        (ecoindex.DOM_QUANTILES, ecoindex.REQUEST_QUANTILES, ecoindex.SIZE_QUANTILES)
    ):
        for quantile in table:
            for value in (quantile, quantile * 1.0001, max(quantile - 1, 0), quantile + 1, quantile * 2):
                values = [600, 40, 1024.0]
                values[table_index] = value if table_index == 2 else int(value)
                cases.append(tuple(values))
    return cases


def half_cases():
    """Inputs whose exact score lands on x.5 (rounding of halves)."""
    found = []
    for nodes in range(0, 3000, 7):
        for requests in range(0, 300, 11):
            exact = (
                100
                - 5
                * (
                    3 * ecoindex.position(ecoindex.DOM_QUANTILES, nodes)
                    + 2 * ecoindex.position(ecoindex.REQUEST_QUANTILES, requests)
                )
                / 6
            )
            if abs(exact * 2 - round(exact * 2)) < 1e-9 and round(exact * 2) % 2 == 1:
                found.append((nodes, requests, 0))
    return found


def random_cases(count, seed=20261125):
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        cases.append(
            (
                rng.choice([rng.randint(0, 3000), rng.randint(0, 600_000)]),
                rng.choice([rng.randint(0, 300), rng.randint(0, 4000)]),
                rng.choice([round(rng.uniform(0, 9000), 3), rng.uniform(0, 230_000)]),
            )
        )
    return cases


def test_score_grade_ges_and_water_equal_the_reference_on_10000_random_inputs():
    cases = random_cases(10_000)
    for (nodes, requests, size), expected in zip(cases, oracle(cases), strict=True):
        mine = ecoindex.compute(nodes, requests, size)
        assert (mine.score, mine.grade, mine.ges, mine.water) == (
            expected.score,
            expected.grade.value,
            expected.ges,
            expected.water,
        ), (nodes, requests, size)


def test_quantile_boundaries_equal_the_reference():
    cases = boundary_cases()
    for (nodes, requests, size), expected in zip(cases, oracle(cases), strict=True):
        mine = ecoindex.compute(nodes, requests, size)
        assert (mine.score, mine.grade, mine.ges, mine.water) == (
            expected.score,
            expected.grade.value,
            expected.ges,
            expected.water,
        ), (nodes, requests, size)


def test_exact_halves_round_like_the_reference():
    cases = half_cases()
    assert len(cases) > 5
    for (nodes, requests, size), expected in zip(cases, oracle(cases), strict=True):
        assert ecoindex.score(nodes, requests, size) == expected.score, (nodes, requests)


def test_grade_a_needs_a_score_above_80():
    assert ecoindex.grade(81) == "A"
    assert ecoindex.grade(80) == "B"
    assert [ecoindex.grade(s) for s in (71, 56, 41, 26, 11, 10, 0)] == list("BCDEFGG")


def test_an_empty_page_scores_100_and_an_enormous_one_scores_0():
    assert ecoindex.compute(0, 0, 0) == ecoindex.EcoIndex(100, "A", 1.0, 1.5)
    assert ecoindex.compute(10**7, 10**5, 10**7) == ecoindex.EcoIndex(0, "G", 3.0, 4.5)


def test_negative_measures_are_refused():
    with pytest.raises(ValueError):
        ecoindex.score(-1, 0, 0)
