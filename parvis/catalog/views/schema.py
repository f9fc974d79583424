"""Attach a Table Schema to a resource (bundled catalogue, URL or upload), or infer one from the
last imported file and save it after editing the types and constraints."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from parvis.catalog import schemas
from parvis.catalog.forms import SchemaForm
from parvis.catalog.lib.errors import IngestError, SchemaError
from parvis.catalog.lib.fetch import FetchError
from parvis.catalog.lib.tableschema import TYPE_LABELS
from parvis.catalog.models import ImportJob
from parvis.catalog.services import attach_schema, imports
from parvis.catalog.views.common import editable_dataset, resource_of


@login_required
def attach(request, slug, resource):
    ds = editable_dataset(request, slug)
    res = resource_of(ds, resource)
    choices = schemas.catalogue_choices()
    if request.method == "POST":
        form = SchemaForm(request.POST, request.FILES, choices=choices)
        if form.is_valid():
            data = form.cleaned_data
            try:
                if data.get("remove"):
                    schema, source = None, ""
                elif data.get("catalogue"):
                    schema, source = schemas.from_catalogue(data["catalogue"]), data["catalogue"]
                elif data.get("url"):
                    schema, source = schemas.from_url(data["url"]), data["url"]
                else:
                    schema, source = schemas.from_upload(data["file"]), "upload:" + data["file"].name[:200]
            except (SchemaError, FetchError) as exc:
                form.add_error(None, exc.message_fr)
            else:
                attach_schema(resource=res, schema=schema, source=source, actor=request.user, request=request)
                messages.success(
                    request,
                    _("Schéma enregistré. Réimportez le fichier pour le valider avec ce schéma.")
                    if schema
                    else _("Schéma retiré."),
                )
                return redirect(res)
    else:
        form = SchemaForm(
            choices=choices,
            initial={"catalogue": res.schema_source if res.schema_source in dict(choices) else ""},
        )
    return render(request, "catalog/schema_form.html", {"form": form, "dataset": ds, "resource": res})


@login_required
def infer(request, slug, resource):
    ds = editable_dataset(request, slug)
    res = resource_of(ds, resource)
    job = (
        ImportJob.objects.filter(version__resource=res)
        .exclude(stored_file="")
        .select_related("version")
        .first()
    )
    if job is None:
        messages.error(request, _("Importez d'abord un fichier : le schéma est déduit de son contenu."))
        return redirect(res)
    try:
        inferred = imports.infer_from_job(job)
    except (IngestError, SchemaError) as exc:
        messages.error(request, exc.message_fr)
        return redirect(res)
    if request.method == "POST":
        schema, errors = schemas.edited(inferred, request.POST)
        if not errors:
            attach_schema(
                resource=res, schema=schema, source="inferred-edited", actor=request.user, request=request
            )
            messages.success(
                request, _("Schéma enregistré. Réimportez le fichier pour le valider avec ce schéma.")
            )
            return redirect(res)
    else:
        schema, errors = inferred, []
    return render(
        request,
        "catalog/schema_infer.html",
        {
            "dataset": ds,
            "resource": res,
            "fields": schema["fields"],
            "errors": errors,
            "types": sorted(TYPE_LABELS.items()),
            "job": job,
        },
    )
