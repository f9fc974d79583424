from django.shortcuts import render
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
