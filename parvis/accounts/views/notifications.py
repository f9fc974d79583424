"""Notification preferences of each person, and the outbox page of the instance administrator."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from parvis.accounts import selectors
from parvis.accounts.decorators import require
from parvis.accounts.forms import NotificationPreferencesForm
from parvis.accounts.services import notifications

# Backends that keep mails on this machine: there, the outbox page is where the administrator reads them.
LOCAL_BACKENDS = ("console.EmailBackend", "filebased.EmailBackend", "locmem.EmailBackend")


@login_required
def preferences(request):
    enabled = selectors.enabled_notification_kinds(request.user)
    form = NotificationPreferencesForm(request.POST or None, initial={"enabled": sorted(enabled)})
    if request.method == "POST" and form.is_valid():
        notifications.set_preferences(request.user, set(form.cleaned_data["enabled"]))
        messages.success(request, _("Vos préférences de notification sont enregistrées."))
        return redirect("accounts:notifications")
    return render(request, "accounts/notifications.html", {"form": form})


def _outbox_mode() -> bool:
    return str(settings.MAILERS["default"]["BACKEND"]).endswith(LOCAL_BACKENDS)


@require("accounts.manage_instance")
def outbox(request):
    page = Paginator(selectors.outbox_messages(), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/admin/outbox.html",
        {"page": page if _outbox_mode() else None, "counts": selectors.outbox_counts()},
    )


@require("accounts.manage_instance")
def outbox_message(request, pk):
    if not _outbox_mode():
        return render(request, "core/errors/404.html", status=404)
    message = get_object_or_404(selectors.outbox_messages(), pk=pk)
    return render(request, "accounts/admin/outbox_message.html", {"message": message})
