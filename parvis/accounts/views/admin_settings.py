"""The instance settings page: identity, legal pages and audit retention, stored in the database."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from parvis.accounts import services
from parvis.accounts.admin_forms import InstanceSettingsForm
from parvis.accounts.decorators import require
from parvis.core import selectors as core_selectors
from parvis.core.services import update_instance_settings


@require("accounts.manage_instance")
def instance_settings(request):
    stored = core_selectors.stored_values()
    form = InstanceSettingsForm(request.POST or None, request.FILES or None, initial=stored)
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k != "logo"}
        try:
            changes = update_instance_settings(values, logo=form.cleaned_data.get("logo"))
        except ValidationError as error:
            form.add_error("logo", error)
        else:
            if changes:
                services.audit(
                    actor=request.user,
                    action="core.settings.update",
                    details={"champs": sorted(changes)},
                    request=request,
                )
            messages.success(request, _("Les réglages de l'instance sont enregistrés."))
            return redirect("accounts:admin_settings")
    return render(
        request,
        "accounts/admin/settings.html",
        {"form": form, "defaults": core_selectors.instance_settings(), "has_logo": bool(stored.get("logo"))},
    )
