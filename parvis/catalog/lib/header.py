"""Match the header labels of a file to the fields of a schema.

Two modes:

* **positional** (Frictionless' default): label *i* pairs with field *i*. Used when the
  labels equal the field names, or when a label is blank, duplicated or unknown while the
  column count matches (a renamed column).
* **by name** (a deliberate improvement, see ``docs/validation.md``): when every label is
  distinct and non-blank, at least one is a field name, and columns are missing, added or
  moved. A missing column then gives one ``missing-label`` on the right field instead
  of a cascade of ``incorrect-label`` and type errors on the shifted columns.
"""

from __future__ import annotations

from dataclasses import dataclass

from parvis.catalog.lib.rawtable import unreserved
from parvis.catalog.lib.tableschema import Field, Schema
from parvis.translation import _, gettext_noop


@dataclass
class HeaderError:
    type: str
    field: str | None
    label: str
    position: int  # 1-based column number
    message: str


@dataclass
class HeaderMatch:
    fields: list[Field | None]  # per column of the file: its field, or None (no field)
    errors: list[HeaderError]
    by_name: bool


def _by_name_applies(labels: list[str], names: list[str]) -> bool:
    """By name unless the header is equal, ambiguous, or only has renamed columns in place."""
    if labels == names or any(not label for label in labels) or len(set(labels)) != len(labels):
        return False
    if not set(labels) & set(names):
        return False
    if len(labels) == len(names):
        moved = [label for label, name in zip(labels, names, strict=True) if label != name and label in names]
        return bool(moved)
    return True


def match_header(labels: list[str], schema: Schema) -> HeaderMatch:
    names = schema.field_names
    # The names the columns were imported under (``rowid`` → ``rowid_2``), unless the schema declares that
    # very name: its field is then stored under the renamed name too (see ``typed.typed_columns``).
    labels = [label if label in names else unreserved(label) for label in labels]
    if _by_name_applies(labels, names):
        return _match_by_name(labels, schema)
    return _match_positional(labels, schema)


MESSAGES = {
    "extra-label": gettext_noop(
        "En-tête : la colonne n° {position} « {label} » n'est pas prévue par le schéma."
    ),
    "missing-label": gettext_noop(
        "En-tête : la colonne « {field} » exigée par le schéma est absente du fichier."
    ),
    "moved-label": gettext_noop(
        "En-tête : la colonne n° {position} est « {label} » ; le schéma attend « {field} » "
        "à cette place (ordre des colonnes)."
    ),
    "blank-label": gettext_noop("En-tête : la colonne n° {position} n'a pas de nom (« {field} » attendu)."),
    "duplicate-label": gettext_noop(
        "En-tête : le nom de colonne « {label} » apparaît plusieurs fois (colonne n° {position}, "
        "« {field} » attendu)."
    ),
    "incorrect-label": gettext_noop(
        "En-tête : la colonne n° {position} s'appelle « {label} » au lieu de « {field} »."
    ),
}


def _error(kind: str, field: str | None, label: str, position: int, template: str = "") -> HeaderError:
    message = _(MESSAGES[template or kind]).format(position=position, label=label, field=field)
    return HeaderError(kind, field, label, position, message)


def _match_by_name(labels: list[str], schema: Schema) -> HeaderMatch:
    names = schema.field_names
    fields = [schema.get_field(label) for label in labels]
    errors = [
        _error("extra-label", None, label, position)
        for position, label in enumerate(labels, start=1)
        if label not in names
    ]
    errors += [_error("missing-label", name, "", len(labels) + 1) for name in names if name not in labels]
    in_file = [label for label in labels if label in names]
    in_schema = [name for name in names if name in labels]
    for label, expected in zip(in_file, in_schema, strict=True):
        if label != expected:
            errors.append(_error("incorrect-label", expected, label, labels.index(label) + 1, "moved-label"))
    return HeaderMatch(fields, errors, by_name=True)


def _match_positional(labels: list[str], schema: Schema) -> HeaderMatch:
    fields_ = schema.fields
    errors = [
        _error("extra-label", None, label, position)
        for position, label in enumerate(labels[len(fields_) :], start=len(fields_) + 1)
    ]
    errors += [
        _error("missing-label", field.name, "", position)
        for position, field in enumerate(fields_[len(labels) :], start=len(labels) + 1)
    ]
    for position, (field, label) in enumerate(zip(fields_, labels, strict=False), start=1):
        if not label:
            errors.append(_error("blank-label", field.name, label, position))
        elif label in labels[: position - 1]:
            errors.append(_error("duplicate-label", field.name, label, position))
        elif label != field.name:
            errors.append(_error("incorrect-label", field.name, label, position))
    fields = [fields_[i] if i < len(fields_) else None for i in range(len(labels))]
    return HeaderMatch(fields, errors, by_name=False)
