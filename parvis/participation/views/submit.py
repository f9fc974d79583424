"""The one way a participation page handles a form: validate, call the service, say what happened.

Public pages (a resident online) and agents' pages (paper entries, moderation, import, set-up) share it,
so that a refusal reads the same everywhere: the first form error, or the service's ``ParticipationError``,
in French; the page then shows it with status 400, or the action redirects with it as a message.
"""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.shortcuts import render

from parvis.participation.forms import error_message
from parvis.participation.services import ParticipationError


@dataclass(frozen=True)
class Outcome:
    """What became of a submission: ``saved`` with the service's ``result``, or refused with ``error``.

    Neither when the form was not submitted (a GET)."""

    saved: bool = False
    result: Any = None
    error: str | None = None


def bound(request, form_class, *args, **kwargs):
    """The form bound to the POST data on a POST, unbound otherwise."""
    return form_class(*args, request.POST if request.method == "POST" else None, **kwargs)


def attempt(form, save) -> Outcome:
    """Validate ``form`` then call ``save(form)``, which may refuse with a ``ParticipationError``."""
    try:
        if not form.is_valid():
            raise ParticipationError(error_message(form))
        return Outcome(saved=True, result=save(form))
    except ParticipationError as exc:
        return Outcome(error=str(exc))


def submit(request, form, save, saved_message: str) -> Outcome:
    """For a form page: nothing when the form is unbound; otherwise :func:`attempt`, and once saved the
    success message is queued for the page the view redirects to."""
    if not form.is_bound:
        return Outcome()
    outcome = attempt(form, save)
    if outcome.saved:
        messages.success(request, saved_message)
    return outcome


def submit_and_flash(request, form, save, saved_message: str) -> None:
    """For a POST-only action that always redirects: the refusal, too, becomes a message."""
    outcome = submit(request, form, save, saved_message)
    if outcome.error is not None:
        messages.error(request, outcome.error)


def form_page(request, template: str, context: dict, error: str | None):
    """Render a form page with its refusal, if any; a refused submission answers 400."""
    return render(request, template, {**context, "error": error}, status=400 if error else 200)
