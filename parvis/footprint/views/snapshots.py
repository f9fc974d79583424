"""The demo snapshots, served by the instance so that the audit engine measures them without Internet access.
Public (like the ranking that quotes them), and only for a demo site registered as a snapshot."""

from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from parvis.footprint import selectors
from parvis.footprint.lib import snapshot


def _profile(code: str):
    found = selectors.demo_snapshot(code)
    if found is None:
        raise Http404
    return found


def _not_indexed(response):
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_safe
def page(request, code, kind):
    site, profile = _profile(code)
    base = reverse("footprint:snapshot", args=[code])
    return _not_indexed(
        TemplateResponse(
            request,
            "footprint/snapshot.html",
            {
                "site": site,
                "profile": profile,
                "kind": kind,
                "base": base,
                # Like a real site's template, every page carries the same photos, scripts and style sheet;
                # the news page lists every news item and the statement page none.
                "news": snapshot.news(profile.news if kind != "statement" else 0),
                "photos": range(1, profile.images + 1),
                "scripts": range(1, profile.scripts + 1),
            },
        )
    )


@require_safe
def asset(request, code, name, number=0):
    site, profile = _profile(code)
    seed = f"{code}-{name}-{number}"
    if name == "style":
        body, kind = snapshot.stylesheet(seed, profile.css_kb), "text/css; charset=utf-8"
    elif name == "script" and 1 <= number <= profile.scripts:
        body, kind = snapshot.script(seed, profile.script_kb), "text/javascript; charset=utf-8"
    elif name == "photo" and 1 <= number <= profile.images:
        body, kind = snapshot.noise_png(seed, profile.image_kb * 1000), "image/png"
    else:
        raise Http404
    return _not_indexed(HttpResponse(body, content_type=kind))
