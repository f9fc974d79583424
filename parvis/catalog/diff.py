"""Differences between two versions of a resource: rows added, removed and changed.

Rows are matched by the schema's primary key when both versions have one (a changed row keeps its
key but differs in another common column); otherwise whole rows are compared as multisets
(``EXCEPT ALL``), so only additions and removals are reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from parvis.catalog.query import bounded
from parvis.catalog.query.sql import ident
from parvis.catalog.selectors import limits, version_path

SAMPLE = 20


@dataclass
class Diff:
    key: list[str]
    added: int = 0
    removed: int = 0
    changed: int = 0
    samples: dict[str, list[dict]] = field(default_factory=dict)
    columns_added: list[str] = field(default_factory=list)
    columns_removed: list[str] = field(default_factory=list)


def _key(version) -> list[str]:
    pk = (version.schema or {}).get("primaryKey") or []
    return [pk] if isinstance(pk, str) else list(pk)


def _fetch(con, sql: str, params: list) -> list[dict]:
    cur = con.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def compare(old, new) -> Diff:
    """Raises QueryError (French) when the comparison runs past the query time or memory limit."""
    with bounded(limits()) as con:
        # Views cannot take bound parameters; the paths are ours (never user input), quoted as literals.
        for name, version in (("a", old), ("b", new)):
            literal = "'" + version_path(version).replace("'", "''") + "'"
            con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet({literal})")
        cols_a = [r[0] for r in con.execute("DESCRIBE a").fetchall()]
        cols_b = [r[0] for r in con.execute("DESCRIBE b").fetchall()]
        common = [c for c in cols_b if c in cols_a]
        key = _key(new) if _key(new) == _key(old) and all(k in common for k in _key(new)) else []
        result = Diff(
            key=key,
            columns_added=[c for c in cols_b if c not in cols_a],
            columns_removed=[c for c in cols_a if c not in cols_b],
        )
        sel = ", ".join(ident(c) for c in common)
        if key:
            on = " AND ".join(f"a.{ident(k)} IS NOT DISTINCT FROM b.{ident(k)}" for k in key)
            differs = (
                " OR ".join(f"a.{ident(c)} IS DISTINCT FROM b.{ident(c)}" for c in common if c not in key)
                or "FALSE"
            )
            queries = {
                "added": f"SELECT b.* FROM b ANTI JOIN a ON {on}",
                "removed": f"SELECT a.* FROM a ANTI JOIN b ON {on}",
                "changed": f"SELECT b.* FROM b JOIN a ON {on} WHERE {differs}",
            }
        else:
            queries = {
                "added": f"SELECT {sel} FROM b EXCEPT ALL SELECT {sel} FROM a",
                "removed": f"SELECT {sel} FROM a EXCEPT ALL SELECT {sel} FROM b",
            }
        for name, sql in queries.items():
            (count,) = con.execute(f"SELECT count(*) FROM ({sql})").fetchone() or (0,)
            setattr(result, name, count)
            result.samples[name] = _fetch(con, f"SELECT * FROM ({sql}) LIMIT ?", [SAMPLE])
        return result
