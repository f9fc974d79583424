"""DCAT-AP (with the DCAT-AP FR choices) descriptions of the catalogue, as JSON-LD and RDF/XML.

One small node tree is built (:func:`catalog_graph`, :func:`dataset_node`) and serialised twice,
so both formats always say the same thing. Vocabularies: EU data themes, frequencies, file types
and access rights (publications.europa.eu authority tables).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union
from xml.sax.saxutils import escape, quoteattr

from django.urls import reverse

from parvis.catalog.models import FREQUENCY_URIS, Access, Dataset

EU = "http://publications.europa.eu/resource/authority/"
PREFIXES = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "adms": "http://www.w3.org/ns/adms#",
}
FILE_TYPES = {"csv": "CSV", "json": "JSON", "geojson": "GEOJSON", "parquet": "PARQUET", "xlsx": "XLSX"}
MEDIA_TYPES = {
    "csv": "text/csv",
    "json": "application/json",
    "geojson": "application/geo+json",
    "parquet": "application/vnd.apache.parquet",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
ACCESS_RIGHTS: dict[str, str] = {
    Access.PUBLIC: "PUBLIC",
    Access.RESTRICTED: "RESTRICTED",
    Access.PRIVATE: "NON_PUBLIC",
}


@dataclass
class URI:
    value: str


@dataclass
class Literal:
    value: str
    datatype: str | None = None
    lang: str | None = None


Value = Union["Node", URI, Literal]  # what a property of a node points at


@dataclass
class Node:
    type: str
    id: str | None = None
    props: list[tuple[str, Value]] = field(default_factory=list)

    def add(self, pred: str, value: Value | None) -> None:
        if value is not None and value not in ("", []):
            self.props.append((pred, value))


def _fr(text: str) -> Literal:
    return Literal(text, lang="fr")


def _date(value) -> Literal:
    return Literal(value.isoformat(timespec="seconds"), datatype="xsd:dateTime")


def territory_uri(code: str, absolute) -> str:
    """The URI of a covered territory: INSEE's for a commune or a département, the territory's
    page here for an EPCI (a SIREN)."""
    if len(code) == 9 and code.isdigit():
        return absolute(reverse("territory:detail", args=["epci", code]))
    kind = "commune" if len(code) == 5 else "departement"
    return f"http://id.insee.fr/geo/{kind}/{code}"


def dataset_node(ds: Dataset, absolute, formats=("csv", "json", "parquet")) -> Node:
    """``absolute(path)`` turns a site path into an absolute URL."""
    url = absolute(ds.get_absolute_url())
    node = Node("dcat:Dataset", url)
    node.add("dct:identifier", Literal(url))
    node.add("dct:title", _fr(ds.title))
    node.add("dct:description", _fr(ds.description or ds.title))
    for keyword in ds.keywords:
        node.add("dcat:keyword", _fr(keyword))
    if ds.theme:
        node.add("dcat:theme", URI(f"{EU}data-theme/{ds.theme}"))
    publisher = Node("foaf:Organization", absolute(f"/donnees/?organisation={ds.organisation.slug}"))
    publisher.add("foaf:name", Literal(ds.organisation.name))
    node.add("dct:publisher", publisher)
    for code in ds.coverage:
        place = Node("dct:Location", territory_uri(code, absolute))
        place.add("dct:identifier", Literal(code))
        node.add("dct:spatial", place)
    node.add("dct:accrualPeriodicity", URI(f"{EU}frequency/{FREQUENCY_URIS.get(ds.frequency, 'UNKNOWN')}"))
    node.add("dct:accessRights", URI(f"{EU}access-right/{ACCESS_RIGHTS[ds.access]}"))
    if ds.contact_name or ds.contact_email:
        contact = Node("vcard:Kind")
        contact.add("vcard:fn", Literal(ds.contact_name or ds.organisation.name))
        if ds.contact_email:
            contact.add("vcard:hasEmail", URI(f"mailto:{ds.contact_email}"))
        node.add("dcat:contactPoint", contact)
    node.add("dct:issued", _date(ds.created_at))
    node.add("dct:modified", _date(ds.updated_at))
    node.add("dcat:landingPage", URI(url))
    for resource in ds.resources.all():
        current = next((v for v in resource.versions.all() if v.is_current), None)
        if current is None:
            continue
        for fmt in formats:
            dist_url = absolute(f"{resource.get_absolute_url()}export.{fmt}")
            dist = Node("dcat:Distribution", dist_url)
            dist.add("dct:title", _fr(f"{resource.title} ({fmt.upper()})"))
            dist.add("dcat:accessURL", URI(absolute(resource.get_absolute_url())))
            dist.add("dcat:downloadURL", URI(dist_url))
            dist.add("dct:format", URI(f"{EU}file-type/{FILE_TYPES[fmt]}"))
            dist.add(
                "dcat:mediaType", URI(f"https://www.iana.org/assignments/media-types/{MEDIA_TYPES[fmt]}")
            )
            dist.add(
                "dct:license",
                URI(ds.licence_uri) if ds.licence_uri.startswith("http") else Literal(ds.licence_uri),
            )
            if current.schema_url:
                dist.add("dct:conformsTo", URI(current.schema_url))
            dist.add("dct:modified", _date(current.finished_at or current.created_at))
            node.add("dcat:distribution", dist)
    return node


def catalog_graph(datasets, absolute, *, title: str, description: str) -> Node:
    node = Node("dcat:Catalog", absolute("/donnees/catalogue.jsonld"))
    node.add("dct:title", _fr(title))
    node.add("dct:description", _fr(description))
    node.add("foaf:homepage", URI(absolute("/donnees/")))
    node.add("dct:language", URI(f"{EU}language/FRA"))
    for ds in datasets:
        node.add("dcat:dataset", dataset_node(ds, absolute))
    return node


# --- serialisers ------------------------------------------------------------------------------


def _jsonld_value(value):
    if isinstance(value, Node):
        return to_jsonld(value, context=False)
    if isinstance(value, URI):
        return {"@id": value.value}
    if value.lang:
        return {"@value": value.value, "@language": value.lang}
    if value.datatype:
        return {"@value": value.value, "@type": value.datatype}
    return value.value


def to_jsonld(node: Node, *, context: bool = True) -> dict:
    out: dict = {}
    if context:
        out["@context"] = {k: v for k, v in PREFIXES.items() if k != "rdf"}
    if node.id:
        out["@id"] = node.id
    out["@type"] = node.type
    for pred, value in node.props:
        out.setdefault(pred, []).append(_jsonld_value(value))
    return {k: (v[0] if isinstance(v, list) and len(v) == 1 else v) for k, v in out.items()}


def _expand(curie: str) -> str:
    prefix, _sep, local = curie.partition(":")
    return PREFIXES[prefix] + local


def _xml_node(node: Node, indent: str) -> list[str]:
    about = f" rdf:about={quoteattr(node.id)}" if node.id else ""
    lines = [f"{indent}<{node.type}{about}>"]
    for pred, value in node.props:
        if isinstance(value, Node):
            lines.append(f"{indent}  <{pred}>")
            lines.extend(_xml_node(value, indent + "    "))
            lines.append(f"{indent}  </{pred}>")
        elif isinstance(value, URI):
            lines.append(f"{indent}  <{pred} rdf:resource={quoteattr(value.value)}/>")
        else:
            attrs = f" xml:lang={quoteattr(value.lang)}" if value.lang else ""
            if value.datatype:
                attrs += f" rdf:datatype={quoteattr(_expand(value.datatype))}"
            lines.append(f"{indent}  <{pred}{attrs}>{escape(value.value)}</{pred}>")
    lines.append(f"{indent}</{node.type}>")
    return lines


def to_rdfxml(node: Node) -> str:
    ns = " ".join(f"xmlns:{k}={quoteattr(v)}" for k, v in PREFIXES.items())
    body = "\n".join(_xml_node(node, "  "))
    return f'<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF {ns}>\n{body}\n</rdf:RDF>\n'
