"""JSON API of the catalogue, mounted at ``/api/catalog/`` (OpenAPI at ``/api/docs``).

Rows, facets and aggregates accept the filters of :mod:`parvis.catalog.query.spec`
(``col=v``, ``col__ne``, ``__lt``, ``__lte``, ``__gt``, ``__gte``, ``__in=a,b``, ``__like``,
``__isnull=1``, ``__notnull=1``) and ``_sort``, ``_col``, ``_q``, ``_size`` (≤ 10,000),
``_cursor``, ``_offset``, ``_facet``, ``_facet_size``, ``_group``, ``_agg``; ``_version=N`` reads an older version.
Restricted and private datasets answer 404 to whoever may not see them.
"""

from __future__ import annotations

from datetime import datetime

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Schema, Status, UploadedFile

from parvis.accounts import policy
from parvis.accounts.apiauth import SIGNED_IN
from parvis.catalog import downloads, exports, query, selectors, services
from parvis.catalog.models import Dataset, Resource, ResourceVersion
from parvis.core import uploads
from parvis.core.lib import jsonsafe
from parvis.core.ratelimit import hit

router = Router(tags=["Données"])
MAX_OFFSET = 1_000_000_000  # far past any catalogue; keeps the SQL OFFSET a 64-bit integer

# Shown on /api/docs, so written for the people who call the API (the module docstring is for developers).
QUERY_FILTERS_DOC = (
    "Filtres, ajoutés à l'adresse : col=valeur (égal), col__ne=valeur (différent), col__lt, col__lte, "
    "col__gt, col__gte (comparaisons), col__in=a,b,c (parmi une liste), col__like=%motif% (texte qui "
    "correspond au motif, % pour n'importe quels caractères), col__isnull=1 et col__notnull=1 (cellule vide "
    "ou remplie). Les filtres se cumulent."
)
ROWS_DOC = (
    QUERY_FILTERS_DOC
    + " Autres paramètres : _sort=col ou _sort=-col (tri, décroissant avec « - », répétable), _col=a,b "
    "(colonnes à renvoyer), _q=mots (recherche dans les colonnes de texte, sans tenir compte des accents ni "
    "des majuscules), _size=N (lignes par page, "
    "10 000 au plus), _cursor (page suivante : suivez le lien « next » de la réponse), _offset=N, "
    "_version=N (lire une version plus ancienne). Un jeu de données restreint ou privé répond 404 à qui ne "
    "peut pas le voir."
)


class VersionOut(Schema):
    number: int
    status: str
    progress: int
    rows_processed: int
    row_count: int | None
    valid: bool | None
    error_count: int
    is_current: bool
    source_name: str
    source_format: str
    content_hash: str
    failure: str
    created_at: datetime
    finished_at: datetime | None
    report_summary: dict
    columns: list


class ResourceOut(Schema):
    slug: str
    title: str
    description: str
    schema_source: str
    current_version: int | None = None


class DatasetOut(Schema):
    slug: str
    title: str
    description: str
    organisation: str
    licence: str
    theme: str
    keywords: list
    coverage: list
    frequency: str
    access: str
    published: bool
    updated_at: datetime


class DatasetDetailOut(DatasetOut):
    resources: list[ResourceOut]


class FacetValueOut(Schema):
    value: str
    label: str
    count: int


class FacetOut(Schema):
    name: str
    values: list[FacetValueOut]
    distinct: int
    truncated: bool


class DatasetList(Schema):
    count: int
    results: list[DatasetOut]
    facets: list[FacetOut]


class RowsOut(Schema):
    version: int
    total: int
    columns: list[dict]
    rows: list[dict]
    next_cursor: str | None
    next: str | None


def _dataset_out(ds: Dataset) -> dict:
    return {
        **{f: getattr(ds, f) for f in DatasetOut.model_fields if f != "organisation"},
        "organisation": ds.organisation.slug,
    }


def _dataset(request, slug: str) -> Dataset:
    ds = get_object_or_404(Dataset.objects.select_related("organisation"), slug=slug)
    if not policy.can(request.user, "catalog.view_dataset", ds):
        raise Http404
    return ds


def _version(request, slug: str, resource: str, number: int | None = None) -> ResourceVersion:
    res = get_object_or_404(Resource, dataset=_dataset(request, slug), slug=resource)
    raw = number if number is not None else request.GET.get("_version")
    if raw not in (None, ""):
        try:
            return get_object_or_404(ResourceVersion, resource=res, number=int(raw))
        except ValueError:
            raise Http404 from None
    version = selectors.current_version(res)
    if version is None:
        raise Http404
    return version


def _ready(version: ResourceVersion) -> None:
    if not version.is_ready:
        raise Http404


def _json(payload, status: int = 200) -> HttpResponse:
    return HttpResponse(
        jsonsafe.dumps(payload, ensure_ascii=False, default=exports.jsonable, separators=(",", ":")),
        status=status,
        content_type="application/json",
    )


KEYWORD_PARAM = Query(None, max_length=5)  # up to five repeated ``keyword`` values (a list: a shared default)


@router.get(
    "/datasets",
    response=DatasetList,
    summary="Lister et rechercher les jeux de données",
    description="q=mots : recherche dans les titres, mots-clés, organisations et descriptions, sans tenir compte "
    "des accents ni des majuscules (le dernier mot peut être un début de mot), les meilleurs résultats "
    "d'abord. keyword (répétable), licence, organisation, theme : filtres par valeur de facette. La réponse "
    "donne les facettes (mots-clés, licences, organisations, thèmes) des résultats avec leur nombre.",
)
def list_datasets(
    request,
    q: str = Query("", max_length=500),
    keyword: list[str] | None = KEYWORD_PARAM,
    licence: str = Query("", max_length=20),
    organisation: str = Query("", max_length=200),
    theme: str = Query("", max_length=200),
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
    facet_size: int = Query(20, ge=1, le=200),
):
    query = selectors.DatasetQuery(
        q=q,
        keywords=tuple(k[:200] for k in keyword or ()),
        licence=licence,
        organisation=organisation,
        theme=theme,
    )
    qs = selectors.search_datasets(request.user, query)
    return {
        "count": qs.count(),
        "results": [_dataset_out(d) for d in qs[offset : offset + limit]],
        "facets": selectors.dataset_facets(qs, keyword_limit=facet_size),
    }


@router.get("/datasets/{slug}", response=DatasetDetailOut, summary="Détail d'un jeu de données")
def get_dataset(request, slug: str):
    ds = _dataset(request, slug)
    resources = []
    for res in ds.resources.all():
        current = selectors.current_version(res)
        resources.append(
            {
                "slug": res.slug,
                "title": res.title,
                "description": res.description,
                "schema_source": res.schema_source,
                "current_version": current.number if current else None,
            }
        )
    return {**_dataset_out(ds), "resources": resources}


@router.get(
    "/datasets/{slug}/resources/{resource}/versions",
    response=list[VersionOut],
    summary="Versions d'une ressource",
)
def list_versions(request, slug: str, resource: str):
    res = get_object_or_404(Resource, dataset=_dataset(request, slug), slug=resource)
    return list(res.versions.all())


@router.get(
    "/datasets/{slug}/resources/{resource}/versions/{number}",
    response=VersionOut,
    summary="État d'une version (progression de l'import, validation)",
)
def get_version(request, slug: str, resource: str, number: int):
    version = _version(request, slug, resource, number)
    if services.expire_stale_imports(resource=version.resource):
        version.refresh_from_db()
    return version


@router.post(
    "/datasets/{slug}/resources/{resource}/versions",
    response={202: VersionOut, 400: dict, 413: dict, 429: dict},
    auth=SIGNED_IN,
    summary="Importer une nouvelle version (fichier envoyé ou adresse web)",
)
def create_version(
    request,
    slug: str,
    resource: str,
    file: File[UploadedFile | None] = None,
    url: Form[str] = "",
    publish_invalid: Form[bool] = False,
    sheet: Form[str] = "",
):
    ds = _dataset(request, slug)
    policy.ensure(request.user, "catalog.change_dataset", ds)
    if not hit(request, "catalog-import", 60, 3600):
        return Status(429, {"detail": _("Trop d'imports en peu de temps : réessayez dans une heure.")})
    if uploads.too_large(request) or (file is not None and (file.size or 0) > uploads.max_upload_bytes()):
        return Status(413, {"detail": uploads.too_large_message()})
    if file is None and not url:
        return Status(
            400, {"detail": _("Envoyez un fichier (champ « file ») ou une adresse (champ « url »).")}
        )
    res = get_object_or_404(Resource, dataset=ds, slug=resource)
    options = {k: v for k, v in (("publish_invalid", publish_invalid), ("sheet", sheet)) if v}
    version = services.start_import(
        resource=res, actor=request.user, upload=file, url=url, options=options, request=request
    )
    return Status(202, version)


@router.get(
    "/datasets/{slug}/resources/{resource}/rows",
    response=RowsOut,
    summary="Lignes d'une ressource",
    description=ROWS_DOC,
)
def rows(request, slug: str, resource: str):
    version = _version(request, slug, resource)
    _ready(version)
    path = selectors.version_path(version)
    try:
        schema = query.schema_of(path)
        spec = query.parse(request.GET, schema)
        page = query.rows(path, spec, selectors.limits())
    except query.QueryError as exc:
        return _json({"detail": exc.message_fr}, exc.status)
    columns = [{"name": f.name, "type": query.type_label(f.type)} for f in page.table.schema]
    next_url = None
    if page.next_cursor:
        params = request.GET.copy()
        params["_cursor"] = page.next_cursor
        params.pop("_offset", None)
        next_url = f"{request.path}?{params.urlencode()}"
    return _json(
        {
            "version": version.number,
            "total": page.total,
            "columns": columns,
            "rows": page.table.to_pylist(),
            "next_cursor": page.next_cursor,
            "next": next_url,
        }
    )


@router.get(
    "/datasets/{slug}/resources/{resource}/facets",
    summary="Nombre de lignes par valeur (facettes)",
    description="_facet=col : nombre de lignes par valeur de la colonne (répétable, 10 colonnes au plus), "
    "les plus fréquentes d'abord ; _facet_size=N : nombre de valeurs par colonne (30 par défaut, de 1 à 1 000). "
    "facets_info dit pour chaque colonne si la liste est coupée (truncated) et combien de valeurs distinctes "
    "elle compte (distinct). " + QUERY_FILTERS_DOC,
)
def facets(request, slug: str, resource: str):
    version = _version(request, slug, resource)
    _ready(version)
    path = selectors.version_path(version)
    try:
        spec = query.parse(request.GET, query.schema_of(path))
        result = query.facets(path, spec, selectors.limits())
    except query.QueryError as exc:
        return _json({"detail": exc.message_fr}, exc.status)
    return _json(
        {
            "version": version.number,
            "facets": {
                col: [{"value": v, "count": n} for v, n in facet.values] for col, facet in result.items()
            },
            # Beside the values, so « facets » keeps its shape: whether each list was cut (as Datasette's
            # ``truncated``), how many distinct values the column has under these filters, the size asked.
            "facets_info": {
                col: {"truncated": facet.truncated, "distinct": facet.distinct, "size": spec.facet_size}
                for col, facet in result.items()
            },
        }
    )


@router.get(
    "/datasets/{slug}/resources/{resource}/aggregate",
    summary="Agrégats groupés par une colonne",
    description="_group=col (regrouper par cette colonne) et _agg=count, _agg=sum:col, avg:col, min:col, "
    "max:col (répétables). " + QUERY_FILTERS_DOC,
)
def aggregate(request, slug: str, resource: str):
    version = _version(request, slug, resource)
    _ready(version)
    path = selectors.version_path(version)
    try:
        spec = query.parse(request.GET, query.schema_of(path))
        table = query.aggregate(path, spec, selectors.limits())
    except query.QueryError as exc:
        return _json({"detail": exc.message_fr}, exc.status)
    return _json({"version": version.number, "rows": table.to_pylist()})


@router.get(
    "/datasets/{slug}/resources/{resource}/export/{fmt}",
    summary="Exporter (csv, json, geojson, parquet, xlsx)",
)
def export(request, slug: str, resource: str, fmt: str):
    version = _version(request, slug, resource)
    _ready(version)
    return downloads.export_response(
        version, request.GET, fmt, f"{slug}-{resource}-v{version.number}", as_json_errors=True
    )
