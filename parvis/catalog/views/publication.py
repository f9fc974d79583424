"""Exports of a resource, DCAT-AP catalogue (JSON-LD, RDF/XML), per-dataset metadata, sitemap."""

from __future__ import annotations

import json
from xml.sax.saxutils import escape

from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _

from parvis.catalog import dcat, downloads, selectors
from parvis.catalog.models import ResourceVersion
from parvis.catalog.views.common import resource_of, version_of, visible_dataset


def export(request, slug, resource, fmt, number=None):
    ds = visible_dataset(request, slug)
    res = resource_of(ds, resource)
    version = version_of(res, number) if number else selectors.current_version(res)
    if version is None or not version.is_ready:
        raise Http404
    name = f"{ds.slug}-{res.slug}-v{version.number}"
    return downloads.export_response(version, request.GET, fmt, name)


def _published(request):
    """DCAT feeds and the sitemap are open data: public datasets only, whoever asks (a member's session
    changes nothing)."""
    versions = Prefetch("resources__versions", queryset=ResourceVersion.objects.filter(is_current=True))
    return (
        selectors.visible_datasets(None)
        .filter(published=True)
        .prefetch_related("resources", versions)
        .order_by("title")
    )


def _graph(request, datasets):
    return dcat.catalog_graph(
        datasets,
        request.build_absolute_uri,
        title=_("Catalogue de données — {site}").format(site=settings.PARVIS_SITE_NAME),
        description=_("Jeux de données publiés par {site} avec Parvis.").format(
            site=settings.PARVIS_SITE_NAME
        ),
    )


def catalogue_jsonld(request):
    body = json.dumps(dcat.to_jsonld(_graph(request, _published(request))), ensure_ascii=False, indent=1)
    return HttpResponse(body, content_type="application/ld+json; charset=utf-8")


def catalogue_rdf(request):
    return HttpResponse(
        dcat.to_rdfxml(_graph(request, _published(request))),
        content_type="application/rdf+xml; charset=utf-8",
    )


def _public_dataset(request, slug):
    ds = visible_dataset(request, slug)
    if not selectors.is_public_dataset(ds):
        raise Http404
    return ds


def dataset_jsonld(request, slug):
    ds = _public_dataset(request, slug)
    body = json.dumps(
        dcat.to_jsonld(dcat.dataset_node(ds, request.build_absolute_uri)), ensure_ascii=False, indent=1
    )
    return HttpResponse(body, content_type="application/ld+json; charset=utf-8")


def dataset_rdf(request, slug):
    ds = _public_dataset(request, slug)
    return HttpResponse(
        dcat.to_rdfxml(dcat.dataset_node(ds, request.build_absolute_uri)),
        content_type="application/rdf+xml; charset=utf-8",
    )


def sitemap(request):

    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    lines.append(f"<url><loc>{escape(request.build_absolute_uri('/donnees/'))}</loc></url>")
    for ds in _published(request):
        loc = escape(request.build_absolute_uri(ds.get_absolute_url()))
        lines.append(f"<url><loc>{loc}</loc><lastmod>{ds.updated_at.date().isoformat()}</lastmod></url>")
        for res in ds.resources.all():
            lines.append(
                f"<url><loc>{escape(request.build_absolute_uri(res.get_absolute_url()))}</loc></url>"
            )
    lines.append("</urlset>")
    return HttpResponse("\n".join(lines), content_type="application/xml; charset=utf-8")
