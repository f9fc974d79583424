"""Side-by-side comparison of up to five chosen communes on the commune-level indicators (works without
JavaScript: the communes are typed by name, INSEE code or postcode in a plain GET form)."""

from django.shortcuts import render

from parvis.accounts.decorators import require
from parvis.observatory.forms import MAX_COMPARED, CompareForm
from parvis.observatory.selectors import compare_communes, current_run, visible_indicators
from parvis.observatory.views import figures
from parvis.territory import selectors as territories


@require("observatory.view_comparison")
def compare(request):
    indicators = [i for i in visible_indicators(request.user) if i.level == "commune" and current_run(i)]
    form = CompareForm(request.GET or None, indicators=indicators, pick=territories.pick)
    charts, communes = [], []
    if form.is_bound and form.is_valid():
        communes = form.cleaned_data["communes"]
        chosen = set(form.cleaned_data["indicateurs"])
        picked = [i for i in indicators if i.slug in chosen] or indicators
        if communes:
            charts = figures.comparison_charts(compare_communes(picked, communes))
    return render(
        request,
        "observatory/compare.html",
        {"form": form, "charts": charts, "communes": communes, "max": MAX_COMPARED},
    )
