"""Public pages: « Trouver de l'aide près de chez moi », place page, referral sheet, open-data exports."""

import json
from functools import lru_cache
from typing import Any, cast
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from parvis.core.templatetags.typography import long_date
from parvis.inclusion import exports
from parvis.inclusion.forms import ReferralForm, SearchForm
from parvis.inclusion.geocoding import Location, locate
from parvis.inclusion.lib import hours_fr
from parvis.inclusion.lib.hours import parse
from parvis.inclusion.lib.needs import BY_KEY, OFFLINE_WAYS
from parvis.inclusion.models import Place, PlaceStatus
from parvis.inclusion.presentation import card, present, search_results
from parvis.inclusion.selectors import Filters, nearest_rows

RESULTS_LIMIT = 12
RESULTS_MORE = 40


def _location(data) -> tuple[Location | None, list]:
    if data.get("lat") is not None and data.get("lon") is not None:
        return Location(_("votre position"), data["lat"], data["lon"]), []
    lookup = locate(data.get("lieu") or "")
    return lookup.location, lookup.choices


def _select(form, name: str) -> str:
    """A <select> rendered directly: Django's widget templates dominated the page's cost."""
    field = form[name]
    value = field.value()
    if value in (None, ""):  # shown as searched: with no radius in the URL the search used 5 km, so say so
        value = field.field.initial
    current = "" if value is None else str(value)
    if current not in _values(name):  # an unknown value selects nothing; keeps the cache bounded
        current = ""
    return _select_html(name, field.id_for_label, current, get_language())


def _choices(name: str) -> Any:
    """The (value, label) pairs of one of the search form's choice fields (``Any``: django-stubs types
    ``choices`` as every input it accepts, mappings and callables included)."""
    return cast(forms.ChoiceField, SearchForm.base_fields[name]).choices


@lru_cache(maxsize=16)
def _values(name: str) -> frozenset[str]:
    return frozenset(str(v) for v, _label in _choices(name))


@lru_cache(maxsize=512)
def _select_html(name: str, field_id: str, current: str, _language: str) -> str:
    """Choices are fixed per language, so each (field, selected value, language) renders once per process."""
    options = format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((str(v), mark_safe(" selected") if str(v) == current else "", label) for v, label in _choices(name)),
    )
    return format_html('<select name="{}" id="{}">{}</select>', name, field_id, options)


@require_GET
def search(request):
    form = SearchForm(request.GET or None)
    selects = {
        n: _select(form, n)
        for n in ("besoin", "rayon", "ouvert", "accessibilite", "public", "accompagnement")
    }
    context = {
        "form": form,
        "selects": selects,
        "offline_ways": [_(w) for w in OFFLINE_WAYS],
        "searched": False,
    }
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        location, choices = _location(data)
        context.update(
            searched=True,
            location=location,
            choices=[
                {"label": c.label, "query": urlencode({**request.GET.dict(), "lieu": c.label.split(" (")[0]})}
                for c in choices
            ],
        )
        need = BY_KEY.get(data["besoin"])
        ouvert = data["ouvert"]
        filters = Filters(
            need=need.key if need else "",
            free=data["gratuit"],
            open_now=ouvert == "maintenant",
            day=int(ouvert) if ouvert.isdigit() else None,
            prise_en_charge=data["accessibilite"],
            public=data["public"],
            accompagnement=data["accompagnement"],
        )
        if location:
            now = timezone.localtime()
            limit = RESULTS_MORE if data["plus"] else RESULTS_LIMIT
            found = nearest_rows(
                location.lat,
                location.lon,
                radius_km=data["rayon"] or 5,
                limit=limit + 1,  # one more tells whether places were left out
                filters=filters,
                now=now,
                fresh_first=True,
            )
            context["results"] = search_results(found[:limit], now)
            context["truncated"] = len(found) > limit
            if context["truncated"] and not data["plus"]:
                context["more_query"] = urlencode({**request.GET.dict(), "plus": "on"})
            context["need"] = need
            context["radius"] = data["rayon"] or 5
    return render(request, "inclusion/search.html", context)


@require_GET
def place_detail(request, pk: int):
    place = get_object_or_404(Place, pk=pk, status=PlaceStatus.PUBLISHED)
    item = present(place, None, timezone.localtime())
    return render(request, "inclusion/place.html", {"item": item | {"html": card(item)}})


def referral_text(items: list[dict], issuer: str, now) -> str:
    lines = [
        _("Fiche d'orientation — lieux d'aide au numérique"),
        _("Remise le %(date)s par %(issuer)s") % {"date": long_date(now.date()), "issuer": issuer},
        "",
    ]
    for item in items:
        p = item["place"]
        lines.append(p.nom)
        lines.append(
            f"{p.adresse}{', ' + p.complement_adresse if p.complement_adresse else ''}, {p.code_postal} {p.commune}"
        )
        if item["phone"]:
            lines.append(_("Téléphone : %(tel)s") % {"tel": item["phone"]})
        hours = hours_fr.plain_text(parse(p.horaires), _)
        lines.append(_("Horaires : %(h)s") % {"h": hours or _("non communiqués par le lieu")})
        if p.services:
            lines.append(_("Aide proposée : %(s)s") % {"s": ", ".join(_(s) for s in p.services)})
        lines.append(
            _("Comment venir : %(w)s")
            % {
                "w": " ".join(item["offline"])
                or _("non précisé par le lieu ; appelez le 3939 pour être orienté.")
            }
        )
        lines.append("")
    return "\n".join(lines).strip() + "\n"


@require_GET
def referral(request):
    """Printable sheet for the chosen places; nothing about the person is asked or stored.

    What is printed must stay true on paper: no « ouvert maintenant » (false by the time it is read), the
    weekly hours instead; the date it was issued and who issued it."""
    form = ReferralForm(request.GET)
    form.is_valid()  # every field is optional; an invalid one is simply left out
    data = form.cleaned_data
    ids = data.get("lieux") or []
    places = Place.objects.filter(pk__in=ids, status=PlaceStatus.PUBLISHED).in_bulk()
    now = timezone.localtime()
    items = [present(places[i], None, now) | {"status": None} for i in ids if i in places]
    items = [item | {"html": card(item)} for item in items]
    issuer = data.get("par") or settings.PARVIS_SITE_NAME
    return render(
        request,
        "inclusion/referral.html",
        {
            "form": form,
            "items": items,
            "text": referral_text(items, issuer, now) if items else "",
            "paper": data.get("format") or "a4",
            "issuer": issuer,
            "issued_on": now.date(),
            "ids_query": urlencode(
                [("lieux", i) for i in ids] + ([("par", data["par"])] if data.get("par") else [])
            ),
            "ids": ids,
            "offline_ways": [_(w) for w in OFFLINE_WAYS],
        },
    )


def _download(content, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def export(request, fmt: str):
    if fmt not in ("csv", "json", "geojson", "datainclusion"):
        raise Http404
    records = exports.records()
    if fmt == "csv":
        return _download(exports.to_csv(records), "text/csv; charset=utf-8", "lieux-mediation-numerique.csv")
    if fmt == "json":
        return _download(exports.to_json(records), "application/json", "lieux-mediation-numerique.json")
    if fmt == "geojson":
        body = json.dumps(exports.to_geojson(records), ensure_ascii=False)
        return _download(body, "application/geo+json", "lieux-mediation-numerique.geojson")
    if fmt == "datainclusion":
        return _download(exports.to_datainclusion(records), "application/json", "data-inclusion-v1.json")
    raise Http404
