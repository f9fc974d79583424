"""The demo loads real datasets, one with a deliberately invalid second version, and is idempotent."""

import io

from parvis.catalog import demo
from parvis.catalog.models import Dataset, ResourceVersion


def test_demo_loads_valid_datasets_and_one_invalid_version_idempotently(db):
    from parvis.accounts import demo as accounts_demo

    accounts_demo.load(io.StringIO())
    demo.load(io.StringIO())
    demo.load(io.StringIO())
    assert Dataset.objects.count() == len(demo.DATASETS)
    currents = ResourceVersion.objects.filter(is_current=True)
    assert currents.count() == len(demo.DATASETS)
    assert all(v.valid for v in currents), [(v, v.report_summary) for v in currents if not v.valid]
    invalid = ResourceVersion.objects.get(valid=False)
    assert invalid.number == 2 and not invalid.is_current
    assert set(invalid.report_summary["by_type"]) >= {
        "constraint-error",
        "type-error",
        "primary-key",
        "missing-cell",
    }
