"""Pure-Python data library of the catalogue: ingest, Table Schema, validation (no Django)."""
