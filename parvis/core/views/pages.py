from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from parvis.core.context_processors import _navigation
from parvis.core.figures import summaries
from parvis.core.selectors import instance_logo_path, instance_settings
from parvis.core.views.files import stored_file_response


@require_safe
def home(request):
    return render(request, "core/home.html", {"figures": summaries(request.user)})


# Pages whose text the administrator may replace in the instance settings: page → (setting, title).
EDITABLE_PAGES = {
    "mentions-legales": ("legal_notice", _("Mentions légales")),
    "accessibilite": ("accessibility_statement", _("Déclaration d'accessibilité")),
    "donnees-personnelles": ("privacy_page", _("Données personnelles")),
}


@require_safe
def static_page(request, page: str):
    field, title = EDITABLE_PAGES.get(page, ("", ""))
    text = getattr(instance_settings(), field) if field else ""
    if text:
        return render(request, "core/pages/edited.html", {"title": title, "text": text})
    return render(request, f"core/pages/{page}.html")


@require_safe
def instance_logo(request):
    return stored_file_response(instance_logo_path())


@require_safe
def sitemap(request):
    return render(request, "core/pages/plan-du-site.html", {"sections": _navigation()})
