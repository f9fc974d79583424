"""Table Schema (frictionless specs v1) descriptors: loading and checking.

``load_schema`` accepts a dict, a path to a JSON file or JSON text and returns a
:class:`Schema`; anything that is not a Table Schema (an HTML page, a JSON Schema, a field
without name...) raises :class:`SchemaError` with a French message.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parvis.catalog.lib.errors import SchemaError
from parvis.core.lib import fileguard
from parvis.translation import _, gettext_noop

__all__ = ["Field", "Schema", "SchemaError", "load_schema"]

_BOUNDS = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"]
SUPPORTED_CONSTRAINTS = {
    "string": ["required", "minLength", "maxLength", "pattern", "enum"],
    "integer": ["required", *_BOUNDS, "enum"],
    "number": ["required", *_BOUNDS, "enum"],
    "boolean": ["required", "enum"],
    "date": ["required", *_BOUNDS, "enum"],
    "datetime": ["required", *_BOUNDS, "enum"],
    "time": ["required", *_BOUNDS, "enum"],
    "year": ["required", *_BOUNDS, "enum"],
    "yearmonth": ["required", *_BOUNDS, "enum"],
    "duration": ["required", "enum"],
    "geopoint": ["required", "enum"],
    "geojson": ["required", "enum"],
    "object": ["required", "minLength", "maxLength", "enum"],
    "array": ["required", "minLength", "maxLength", "enum"],
    "any": ["required", "enum"],
}
TYPES = tuple(SUPPORTED_CONSTRAINTS)
TYPE_LABELS = {
    "string": gettext_noop("texte"),
    "integer": gettext_noop("nombre entier"),
    "number": gettext_noop("nombre"),
    "boolean": gettext_noop("booléen"),
    "date": gettext_noop("date"),
    "datetime": gettext_noop("date et heure"),
    "time": gettext_noop("heure"),
    "year": gettext_noop("année"),
    "yearmonth": gettext_noop("année-mois"),
    "duration": gettext_noop("durée"),
    "geopoint": gettext_noop("point géographique"),
    "geojson": gettext_noop("géométrie GeoJSON"),
    "object": gettext_noop("objet JSON"),
    "array": gettext_noop("liste JSON"),
    "any": gettext_noop("valeur quelconque"),
}
FORMAT_LABELS = {
    "email": gettext_noop("adresse électronique"),
    "uri": gettext_noop("adresse web (URL commençant par http:// ou https://)"),
    "uuid": gettext_noop("identifiant UUID"),
    "binary": gettext_noop("données en base64"),
    "wkt": gettext_noop("géométrie WKT"),
}
DEFAULT_SHAPES = {
    "date": gettext_noop("AAAA-MM-JJ"),
    "datetime": gettext_noop("AAAA-MM-JJThh:mm:ss"),
    "time": gettext_noop("hh:mm:ss"),
    "year": gettext_noop("AAAA"),
    "yearmonth": gettext_noop("AAAA-MM"),
    "geopoint": gettext_noop("longitude,latitude"),
}
STRPTIME_LABELS = {
    "%Y": gettext_noop("AAAA"),
    "%m": gettext_noop("MM"),
    "%d": gettext_noop("JJ"),
    "%H": gettext_noop("hh"),
    "%M": gettext_noop("mm"),
    "%S": gettext_noop("ss"),
    "%y": gettext_noop("AA"),
}
DEFAULT_TRUE = ["true", "True", "TRUE", "1"]
DEFAULT_FALSE = ["false", "False", "FALSE", "0"]


@dataclass
class Field:
    name: str
    type: str = "string"
    format: str = "default"
    constraints: dict[str, Any] = field(default_factory=dict)
    missing_values: list[str] | None = None
    true_values: list[str] = field(default_factory=lambda: list(DEFAULT_TRUE))
    false_values: list[str] = field(default_factory=lambda: list(DEFAULT_FALSE))
    bare_number: bool = True
    decimal_char: str = "."
    group_char: str = ""
    title: str = ""
    description: str = ""
    descriptor: dict[str, Any] = field(default_factory=dict)

    @property
    def required(self) -> bool:
        return bool(self.constraints.get("required"))

    @property
    def type_label(self) -> str:
        """The expected type in plain French, with the expected shape when useful."""
        if self.type == "string" and self.format in FORMAT_LABELS:
            return _(FORMAT_LABELS[self.format])
        label = _(TYPE_LABELS.get(self.type, self.type))
        shape = (
            _(DEFAULT_SHAPES[self.type])
            if self.format in ("default", "") and self.type in DEFAULT_SHAPES
            else None
        )
        if self.type == "boolean" and self.true_values and self.false_values:
            shape = _("{true} ou {false}").format(true=self.true_values[0], false=self.false_values[0])
        if self.format not in ("default", "", "any") and self.type in ("date", "datetime", "time"):
            shape = self.format.removeprefix("fmt:")
            for code, text in STRPTIME_LABELS.items():
                shape = shape.replace(code, _(text))
        return f"{label} ({shape})" if shape else label


@dataclass
class Schema:
    fields: list[Field]
    missing_values: list[str] = field(default_factory=lambda: [""])
    primary_key: list[str] = field(default_factory=list)
    descriptor: dict[str, Any] = field(default_factory=dict)

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    @property
    def title(self) -> str:
        return str(self.descriptor.get("title") or self.descriptor.get("name") or "")

    @property
    def version(self) -> str:
        return str(self.descriptor.get("version") or "")

    def get_field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.descriptor)


# A schema, its descriptor, a path to its JSON file, or its JSON text.
SchemaSource = Schema | dict[str, Any] | str | bytes | os.PathLike[str]


def _parse_source(source: SchemaSource) -> dict[str, Any]:
    if isinstance(source, Schema):
        return source.descriptor
    if isinstance(source, dict):
        return source
    if isinstance(source, bytes):
        source = source.decode("utf-8-sig", errors="replace")
    if isinstance(source, os.PathLike) or (
        isinstance(source, str)
        and not source.lstrip().startswith(("{", "<", "["))
        and len(source) < 4096
        and "\n" not in source
    ):
        path = Path(source)
        if not path.is_file():
            raise SchemaError(_("Le fichier de schéma « {path} » est introuvable.").format(path=path))
        source = path.read_text(encoding="utf-8-sig", errors="replace")
    if not isinstance(source, str):
        raise SchemaError(_("Le schéma doit être un objet JSON, un chemin de fichier ou un texte JSON."))
    text = source.lstrip()
    if text[:1] == "<":
        raise SchemaError(
            _(
                "Le schéma reçu est une page HTML, pas un Table Schema (JSON). "
                "Vérifiez l'adresse : elle doit pointer vers le fichier schema.json lui-même."
            )
        )
    try:
        data = fileguard.load_json(text, "schema.json", fileguard.Limits())
    except fileguard.FileRefused as refused:
        raise SchemaError(refused.message) from None
    except json.JSONDecodeError as exc:
        raise SchemaError(
            _("Le schéma n'est pas un JSON valide (ligne {line}, colonne {column}).").format(
                line=exc.lineno, column=exc.colno
            )
        ) from exc
    if not isinstance(data, dict):
        raise SchemaError(_("Le schéma doit être un objet JSON contenant une liste « fields »."))
    return data


def _check_constraints(name: str, ftype: str, constraints: dict[str, Any]) -> None:
    if not isinstance(constraints, dict):
        raise SchemaError(_("Champ « {name} » : « constraints » doit être un objet.").format(name=name))
    for key in constraints:
        if key not in SUPPORTED_CONSTRAINTS[ftype] and key != "unique":
            raise SchemaError(
                _(
                    "Champ « {name} » : la contrainte « {constraint} » ne s'applique pas au type « {type} »."
                ).format(name=name, constraint=key, type=ftype)
            )
    if "pattern" in constraints:
        try:
            re.compile(f"^{constraints['pattern']}$")
        except (re.error, TypeError) as exc:
            raise SchemaError(
                _("Champ « {name} » : motif (pattern) invalide ({error}).").format(name=name, error=exc)
            ) from exc
    if "enum" in constraints and not isinstance(constraints["enum"], list):
        raise SchemaError(_("Champ « {name} » : « enum » doit être une liste.").format(name=name))
    for key, kinds in _CONSTRAINT_KINDS.items():
        value = constraints.get(key)
        if value is not None and (
            isinstance(value, bool) != (kinds == (bool,)) or not isinstance(value, kinds)
        ):
            raise SchemaError(
                _("Champ « {name} » : la valeur de la contrainte « {constraint} » n'est pas valide.").format(
                    name=name, constraint=key
                )
            )


_CONSTRAINT_KINDS = {
    "required": (bool,),
    "unique": (bool,),
    "minLength": (int,),
    "maxLength": (int,),
    "pattern": (str,),
    "minimum": (int, float, str),
    "maximum": (int, float, str),
    "exclusiveMinimum": (int, float, str),
    "exclusiveMaximum": (int, float, str),
}
_PROPERTY_KINDS = {
    "format": "text",
    "missingValues": "texts",
    "trueValues": "texts",
    "falseValues": "texts",
    "bareNumber": "flag",
    "floatNumber": "flag",
    "decimalChar": "text",
    "groupChar": "text",
    "arrayItem": "object",
}


def _check_properties(name: str, item: dict[str, Any]) -> None:
    checks = {
        "text": lambda v: isinstance(v, str),
        "texts": lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
        "flag": lambda v: isinstance(v, bool),
        "object": lambda v: isinstance(v, dict),
    }
    for key, kind in _PROPERTY_KINDS.items():
        if key in item and item[key] is not None and not checks[kind](item[key]):
            raise SchemaError(
                _("Champ « {name} » : la propriété « {property} » n'a pas le bon type.").format(
                    name=name, property=key
                )
            )


def _build_field(index: int, item: object) -> Field:
    if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item["name"]:
        raise SchemaError(_("Le champ n° {number} du schéma n'a pas de nom (« name »).").format(number=index))
    name = item["name"]
    ftype = item.get("type", "string") or "string"
    if not isinstance(ftype, str) or ftype not in SUPPORTED_CONSTRAINTS:
        raise SchemaError(_("Champ « {name} » : type « {type} » inconnu.").format(name=name, type=ftype))
    _check_properties(name, item)
    constraints = item.get("constraints") or {}
    _check_constraints(name, ftype, constraints)
    return Field(
        name=name,
        type=ftype,
        format=item.get("format") or "default",
        constraints=constraints,
        missing_values=item.get("missingValues"),
        true_values=list(DEFAULT_TRUE) if item.get("trueValues") is None else item["trueValues"],
        false_values=list(DEFAULT_FALSE) if item.get("falseValues") is None else item["falseValues"],
        bare_number=item.get("bareNumber", True) is not False,
        decimal_char=item.get("decimalChar") or ".",
        group_char=item.get("groupChar") or "",
        title=str(item.get("title") or ""),
        description=str(item.get("description") or ""),
        descriptor=item,
    )


def load_schema(source: SchemaSource) -> Schema:
    """Load a Table Schema from a dict, a file path or JSON text."""
    data = _parse_source(source)
    fields = data.get("fields")
    if not isinstance(fields, list) or not fields:
        if "properties" in data:
            raise SchemaError(
                _(
                    "Ce n'est pas un Table Schema : la liste « fields » est absente (c'est un JSON Schema, pas un Table Schema)."
                )
            )
        raise SchemaError(_("Ce n'est pas un Table Schema : la liste « fields » est absente."))
    built = [_build_field(i, item) for i, item in enumerate(fields, start=1)]
    names = [f.name for f in built]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise SchemaError(
            _("Le schéma déclare plusieurs champs nommés « {name} ».").format(name=duplicates[0])
        )
    primary = data.get("primaryKey") or []
    primary = [primary] if isinstance(primary, str) else primary
    if not isinstance(primary, list) or not all(isinstance(name, str) for name in primary):
        raise SchemaError(_("« primaryKey » doit être un nom de champ ou une liste de noms."))
    for name in primary:
        if name not in names:
            raise SchemaError(
                _("La clé primaire cite le champ « {name} », absent du schéma.").format(name=name)
            )
    missing = data.get("missingValues", [""])
    if not isinstance(missing, list) or not all(isinstance(v, str) for v in missing):
        raise SchemaError("« missingValues » doit être une liste de textes.")
    return Schema(fields=built, missing_values=missing, primary_key=primary, descriptor=data)
