from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from parvis.core.context_processors import _navigation
from parvis.core.figures import summaries


@require_safe
def home(request):
    return render(request, "core/home.html", {"figures": summaries(request.user)})


@require_safe
def static_page(request, page: str):
    return render(request, f"core/pages/{page}.html")


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
