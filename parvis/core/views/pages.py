from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
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
        return render(request, "core/pages/edited.html", {"title": title, "text": text, "page": page})
    return render(request, f"core/pages/{page}.html")


@require_safe
def instance_logo(request):
    return stored_file_response(instance_logo_path())


@require_safe
def sitemap(request):
    return render(request, "core/pages/plan-du-site.html", {"sections": _navigation()})


# Crawlers may read the public pages; accounts, management pages, exports and the API are left out.
ROBOTS = """User-agent: *
Disallow: /compte/
Disallow: /api/
Disallow: /aide/fiche/
Disallow: /aide/gestion/
Allow: /api/docs
"""


@require_safe
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    return HttpResponse(ROBOTS, content_type="text/plain; charset=utf-8")


@require_safe
@cache_control(max_age=86400, public=True)
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says: send them to the SVG icon, no 404."""
    return redirect(static("core/favicon.svg"), permanent=True)
