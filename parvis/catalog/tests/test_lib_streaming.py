"""A file validated in many small chunks, with its errors spilled to disk, gives the same report
as when it is read in one piece: chunk boundaries and spilling change nothing a user can see."""

from __future__ import annotations

import pytest

from parvis.catalog.lib import errorlog, stream
from parvis.catalog.lib.validate import validate_table

SCHEMA = {
    "fields": [
        {"name": "id", "type": "integer", "constraints": {"unique": True}},
        {"name": "code", "type": "string", "constraints": {"pattern": "[0-9]{5}"}},
        {"name": "ouvert", "type": "boolean", "trueValues": ["oui"], "falseValues": ["non"]},
        {"name": "siret", "type": "string"},
    ],
    "primaryKey": ["code", "ouvert"],
    "custom_checks": [{"name": "french-siret-value", "params": {"column": "siret"}}],
}


def csv_file(tmp_path):
    lines = ["id,code,ouvert,siret"]
    for i in range(1, 401):
        code = "9A123" if i % 37 == 0 else f"{94000 + i % 150:05d}"
        ouvert = "peut-être" if i % 53 == 0 else ("oui" if i % 2 else "non")
        siret = "21860194600014" if i % 41 == 0 else "21860194600013"
        lines.append(f"{i % 350 or 'x'},{code},{ouvert},{siret}")
    path = tmp_path / "data.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def keyed(report):
    return [(e.type, e.row, e.field, e.message) for e in report.errors]


@pytest.mark.parametrize("block", [256, 1024, 4096])
def test_chunk_boundaries_and_spilled_errors_do_not_change_the_report(tmp_path, monkeypatch, block):
    path = csv_file(tmp_path)
    whole = validate_table(path, SCHEMA)
    assert {"unique-error", "primary-key", "type-error", "constraint-error", "french-siret-value"} <= set(
        whole.summary
    )
    monkeypatch.setattr(stream, "BLOCK_BYTES", block)
    monkeypatch.setattr(errorlog, "SPILL_ROWS", 7)
    chunked = validate_table(path, SCHEMA)
    assert chunked.stored.path is not None  # the errors did go to disk
    assert keyed(chunked) == keyed(whole)
    assert chunked.summary == whole.summary and chunked.row_count == whole.row_count == 400
