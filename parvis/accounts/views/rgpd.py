"""RGPD pages: download everything (ZIP), erase the account, the register of processing activities."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from parvis.accounts.rgpd import declarations
from parvis.accounts.services import rgpd
from parvis.core.ratelimit import ratelimit


@login_required
@ratelimit("accounts.export", limit=10, period=3600, methods=("GET",))
def export_data(request):
    response = HttpResponse(rgpd.export_zip(request.user), content_type="application/zip")
    name = f"mes-donnees-parvis-{timezone.localdate():%Y-%m-%d}.zip"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def erase(request):
    if request.method == "POST":
        if request.POST.get("confirm") == "SUPPRIMER":
            rgpd.erase_account(user=request.user, request=request)
            logout(request)
            messages.success(request, _("Votre compte et vos données personnelles ont été supprimés."))
            return redirect("core:home")
        messages.error(request, _("Tapez SUPPRIMER en majuscules pour confirmer."))
    return render(request, "accounts/erase.html")


def processing_register(request):
    """Public on purpose: the register is the instance's own transparency page about personal data."""
    columns = rgpd.REGISTER_COLUMNS.items()
    return render(
        request,
        "accounts/processing_register.html",
        {
            "processings": [
                {
                    "name": row["name"],
                    "fields": [(label, row[key]) for key, label in columns if key != "name"],
                }
                for row in rgpd.register_rows()
            ],
            "apps": len(declarations()),
        },
    )


def processing_register_csv(request):
    response = HttpResponse(rgpd.register_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="registre-des-traitements.csv"'
    return response
