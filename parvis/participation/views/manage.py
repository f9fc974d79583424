"""Gestionnaires' pages that set a process up: create/edit the process and its components, meetings."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from parvis.accounts import policy
from parvis.accounts import selectors as accounts
from parvis.accounts.decorators import require
from parvis.accounts.roles import Role
from parvis.participation.models import Meeting, TerritoryKind
from parvis.participation.services import ParticipationError, setup
from parvis.participation.views.public import get_process

MEETING_FIELDS = ("title", "kind", "place", "online_url", "agenda", "capacity", "minutes", "outcomes")


def _date_or_none(value: str):

    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        return None


def _fields(post) -> dict:
    starts_on, ends_on = _date_or_none(post.get("starts_on", "")), _date_or_none(post.get("ends_on", ""))
    if starts_on is None or ends_on is None:
        raise ParticipationError(_("Indiquez les dates de début et de fin (AAAA-MM-JJ)."))
    ceiling = post.get("budget_ceiling", "").replace(" ", "")
    threshold = post.get("support_threshold", "").strip()
    if (ceiling and not ceiling.isdigit()) or (threshold and not threshold.isdigit()):
        raise ParticipationError(_("Le plafond du budget et le seuil de soutiens sont des nombres entiers."))
    return {
        "title": post.get("title", "").strip()[:200],
        "summary": post.get("summary", "").strip()[:10_000],
        "territory_kind": post.get("territory_kind", ""),
        "territory_code": post.get("territory_code", "").strip()[:20],
        "territory_label": post.get("territory_label", "").strip()[:200],
        "postcodes": post.get("postcodes", "").strip()[:500],
        "residents_only": post.get("residents_only") == "on",
        "starts_on": starts_on,
        "ends_on": ends_on,
        "support_threshold": int(threshold or 50),
        "budget_ceiling": int(ceiling) if ceiling else None,
    }


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
    error = None
    if request.method == "POST":
        organisation = (
            process.organisation
            if process
            else organisations.filter(pk=request.POST.get("organisation") or 0).first()
        )
        if organisation is None or not policy.can(request.user, "participation.create_process", organisation):
            raise PermissionDenied
        try:
            saved = setup.save_process(
                organisation=organisation,
                actor=request.user,
                fields=_fields(request.POST),
                process=process,
                questions=request.POST.get("questions", ""),
                phases=request.POST.get("phases", ""),
                projects=request.POST.get("projects", ""),
                request=request,
            )
        except ParticipationError as exc:
            error = str(exc)
        else:
            messages.success(request, _("La démarche est enregistrée."))
            return redirect(saved)
    values = request.POST if request.method == "POST" else _initial(process)
    return render(
        request,
        "participation/process_form.html",
        {
            "process": process,
            "organisations": organisations,
            "values": values,
            "error": error,
            "kinds": TerritoryKind.choices,
        },
        status=400 if error else 200,
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
    error = None
    if request.method == "POST":
        post = request.POST
        capacity = post.get("capacity", "").strip()
        fields = {
            "title": post.get("title", "").strip()[:200],
            "kind": post.get("kind", ""),
            "place": post.get("place", "").strip()[:300],
            "starts_at": setup.parse_datetime(post.get("starts_at", "")),
            "online_url": post.get("online_url", "").strip()[:200],
            "agenda": post.get("agenda", "")[:10_000],
            "capacity": int(capacity) if capacity.isdigit() else 30,
            "minutes": post.get("minutes", "")[:50_000],
            "outcomes": post.get("outcomes", "")[:10_000],
        }
        try:
            meeting = setup.save_meeting(
                process=process, actor=request.user, fields=fields, meeting=meeting, request=request
            )
        except ParticipationError as exc:
            error = str(exc)
        else:
            messages.success(request, _("La réunion est enregistrée."))
            return redirect("participation:meeting", slug=slug, pk=meeting.pk)
    return render(
        request,
        "participation/meeting_form.html",
        {
            "process": process,
            "meeting": meeting,
            "post": request.POST,
            "error": error,
            "kinds": Meeting.Kind.choices,
        },
        status=400 if error else 200,
    )
