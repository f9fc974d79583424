"""Gestionnaires' pages that set a process up: create/edit the process and its components, meetings."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from parvis.accounts import policy
from parvis.accounts import selectors as accounts
from parvis.accounts.decorators import require
from parvis.accounts.roles import Role
from parvis.participation.forms import MeetingForm, ProcessForm
from parvis.participation.models import Meeting, TerritoryKind
from parvis.participation.services import setup
from parvis.participation.views.public import get_process
from parvis.participation.views.submit import bound, form_page, submit


def _initial(process) -> dict:
    if process is None:
        return {"territory_kind": "commune", "support_threshold": 50}
    values = {name: getattr(process, name) for name in setup.PROCESS_FIELDS}
    values.update(starts_on=process.starts_on.isoformat(), ends_on=process.ends_on.isoformat())
    return {
        **values,
        "questions": "\n".join(
            q.text + (" | " + " ; ".join(q.choices) if q.choices else "") for q in process.questions.all()
        ),
        "phases": "\n".join(f"{p.title} | {p.starts_on} | {p.ends_on}" for p in process.phases.all()),
        "projects": "\n".join(f"{p.title} | {p.cost}" for p in process.budget_projects.order_by("pk")),
    }


def _form(request, organisations, process=None):
    data = request.POST if request.method == "POST" else None
    if data is not None and process is not None:
        data = data.copy()
        data["organisation"] = str(process.organisation_id)
    # Every organisation is a valid choice here, so that choosing one you do not manage is refused (403)
    # by the permission policy, not mistaken for a typing error.
    form = ProcessForm(accounts.organisations(), data)
    outcome = submit(
        request, form, lambda f: _save_process(request, f, process), _("La démarche est enregistrée.")
    )
    if outcome.saved:
        return redirect(outcome.result)
    values = form.data if form.is_bound else _initial(process)
    return form_page(
        request,
        "participation/process_form.html",
        {
            "process": process,
            "organisations": organisations,
            "values": values,
            "kinds": TerritoryKind.choices,
        },
        outcome.error,
    )


def _save_process(request, form, process):
    organisation = form.cleaned_data["organisation"]
    if not policy.can(request.user, "participation.create_process", organisation):
        raise PermissionDenied
    return setup.save_process(
        organisation=organisation,
        actor=request.user,
        fields=form.process_fields(),
        process=process,
        questions=form.cleaned_data["questions"],
        phases=form.cleaned_data["phases"],
        projects=form.cleaned_data["projects"],
        request=request,
    )


def process_new(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    organisations = accounts.organisations_for(request.user, Role.GESTIONNAIRE)
    if not organisations.exists():
        raise PermissionDenied
    return _form(request, organisations)


@require("participation.manage_process", get_object=get_process)
def process_edit(request, slug):
    process = request.permission_object
    return _form(request, accounts.organisations().filter(pk=process.organisation_id), process)


@require("participation.manage_process", get_object=get_process)
def meeting_form(request, slug, pk=None):
    process = request.permission_object
    meeting = get_object_or_404(Meeting, process=process, pk=pk) if pk else None
    form = bound(request, MeetingForm, instance=meeting)
    outcome = submit(
        request,
        form,
        lambda f: setup.save_meeting(
            process=process, actor=request.user, fields=f.meeting_fields(), meeting=meeting, request=request
        ),
        _("La réunion est enregistrée."),
    )
    if outcome.saved:
        return redirect("participation:meeting", slug=slug, pk=outcome.result.pk)
    return form_page(
        request,
        "participation/meeting_form.html",
        {
            "process": process,
            "meeting": meeting,
            "values": form.data if form.is_bound else _meeting_initial(meeting),
            "kinds": Meeting.Kind.choices,
        },
        outcome.error,
    )


def _meeting_initial(meeting) -> dict:
    if meeting is None:
        return {"kind": Meeting.Kind.IN_PERSON, "capacity": 30}
    values = {name: getattr(meeting, name) for name in MeetingForm.Meta.fields}
    values["starts_at"] = timezone.localtime(meeting.starts_at).strftime("%Y-%m-%d %H:%M")
    return values
