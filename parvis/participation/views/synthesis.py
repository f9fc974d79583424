"""Synthesis pages: read a version, run a new one, rename/merge/split themes, export CSV, JSON and A4."""

import csv
import io
import json

from django.contrib import messages
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from parvis.accounts.decorators import require
from parvis.participation import selectors, tasks
from parvis.participation.forms import (
    SynthesisEditForm,
    SynthesisRunForm,
    SynthesisVersionForm,
    error_message,
)
from parvis.participation.models import Channel, Theme
from parvis.participation.services import ParticipationError, synthesis
from parvis.participation.views.public import can_manage, get_process
from parvis.territory import selectors as territory

CHANNEL_LABELS = dict(Channel.choices)
INLINE_SYNTHESIS_LIMIT = 5000


def _version(request, process):
    form = SynthesisVersionForm(request.GET)
    if not form.is_valid():
        raise Http404
    wanted = form.cleaned_data["version"]
    found = selectors.latest_synthesis(process, wanted)
    if wanted is not None and found is None:
        raise Http404
    return found


def _place_names(postcodes) -> dict[str, str]:
    """« 94440 » → « 94440 (Marolles-en-Brie, Santeny, Villecresnes) » from the territory référentiel."""

    names = {}
    for code in postcodes:
        communes = territory.communes_for_postcode(code)
        names[code] = f"{code} ({', '.join(c.name for c in communes)})" if communes else code
    return names


def _themes(version) -> list[dict]:
    themes = list(version.themes.all())
    names = _place_names({code for t in themes for code in list(t.by_postcode)[:8]})
    rows = []
    for theme in themes:
        rows.append(
            {
                "theme": theme,
                "percent": round(100 * theme.size / version.documents) if version.documents else 0,
                "postcodes": [(names.get(k, k), v) for k, v in list(theme.by_postcode.items())[:8]],
                "channels": [(CHANNEL_LABELS.get(k, k), v) for k, v in theme.by_channel.items()],
            }
        )
    return rows


@require("participation.view_process", get_object=get_process)
def synthesis_page(request, slug):
    process = request.permission_object
    version = _version(request, process)
    return render(
        request,
        "participation/synthesis.html",
        {
            "process": process,
            "version": version,
            "themes": _themes(version) if version else [],
            "versions": process.syntheses.select_related("question").only(
                "version", "note", "created_at", "question__text"
            )[:20],
            "run_form": SynthesisRunForm(
                process, initial={"question": version.question_id if version else None}
            ),
            **can_manage(request, process),
        },
    )


@require("participation.view_process", get_object=get_process)
def synthesis_print(request, slug):
    process = request.permission_object
    version = _version(request, process)
    if version is None:
        raise Http404
    return render(
        request,
        "participation/synthesis_print.html",
        {
            "process": process,
            "version": version,
            "themes": _themes(version),
        },
    )


def _export_rows(version):
    for theme in version.themes.all():
        quotes = " | ".join(q["text"] for q in theme.quotes)
        yield [
            version.version,
            theme.position + 1,
            theme.label,
            theme.summary,
            theme.size,
            ", ".join(theme.terms),
            json.dumps(theme.by_postcode, ensure_ascii=False),
            json.dumps(theme.by_channel, ensure_ascii=False),
            quotes,
        ]


@require("participation.view_process", get_object=get_process)
def synthesis_export(request, slug, fmt):
    process = request.permission_object
    version = _version(request, process)
    if version is None or fmt not in ("csv", "json"):
        raise Http404
    name = f"synthese-{process.slug}-v{version.version}"
    if fmt == "json":
        data = {"process": process.title, **selectors.synthesis_dict(version)}
        data["created_at"] = version.created_at.isoformat()
        response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})
    else:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(
            [
                "version",
                "rang",
                "theme",
                "resume",
                "contributions",
                "termes",
                "par_code_postal",
                "par_canal",
                "citations",
            ]
        )
        writer.writerows(_export_rows(version))
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@require_POST
@require("participation.edit_synthesis", get_object=get_process)
def synthesis_edit(request, slug):
    """One form endpoint for « Relancer », « Renommer », « Fusionner » and « Scinder »."""
    process = request.permission_object
    themes = Theme.objects.filter(synthesis__process=process)
    form = SynthesisEditForm(themes, request.POST)
    try:
        if not form.is_valid():
            raise ParticipationError(error_message(form))
        op, theme = form.cleaned_data["op"], form.cleaned_data["theme"]
        if op == "run":
            run_form = SynthesisRunForm(process, request.POST)
            if not run_form.is_valid():
                raise ParticipationError(error_message(run_form))
            n_themes, question = run_form.cleaned_data["theme_count"], run_form.cleaned_data["question"]
        if op == "run" and process.contributions.count() > INLINE_SYNTHESIS_LIMIT:
            tasks.enqueue_synthesis(process, request.user, n_themes, question)
            messages.success(
                request, _("La synthèse est calculée en arrière-plan : rechargez cette page dans une minute.")
            )
            return redirect("participation:synthesis", slug=slug)
        if op in ("rename", "split") and theme is None:
            raise ParticipationError(_("Thème introuvable."))
        if op == "run":
            version = synthesis.run(process=process, actor=request.user, n_themes=n_themes, question=question)
            for notice in version.notices:
                messages.warning(request, notice)
        elif op == "rename":
            version = synthesis.rename(theme=theme, label=form.cleaned_data["label"], actor=request.user)
        elif op == "merge":
            version = synthesis.merge(themes=list(form.cleaned_data["themes"]), actor=request.user)
        else:
            version = synthesis.split(theme=theme, actor=request.user)
    except ParticipationError as exc:
        messages.error(request, str(exc))
        return redirect("participation:synthesis", slug=slug)
    messages.success(
        request,
        _("Version %(v)s de la synthèse créée : %(note)s.") % {"v": version.version, "note": version.note},
    )
    return redirect(f"{process.get_absolute_url()}synthese/?version={version.version}")
