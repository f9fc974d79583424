"""JSON API of the observatory (read-only): indicators the user may see, and their values."""

from django.http import Http404
from ninja import Router, Schema

from parvis.accounts import policy
from parvis.observatory.models import Indicator
from parvis.observatory.selectors import current_run, values_frame, visible_indicators

router = Router(tags=["Observatoire"])


class IndicatorOut(Schema):
    slug: str
    title: str
    year: int
    unit: str
    source: str
    aggregation: str  # sum, mean, weighted_mean, count, rate, none (not aggregable)
    series: str = ""  # same measure, other years
    level: str
    is_public: bool


class ValueOut(Schema):
    code: str
    value: float | None
    numerator: float | None = None
    denominator: float | None = None
    rows: int


class IndicatorValuesOut(IndicatorOut):
    version: int | None
    unmatched_rows: int
    values: list[ValueOut]


@router.get("/indicators", response=list[IndicatorOut], summary="Indicateurs visibles")
def list_indicators(request):
    return list(visible_indicators(request.user))


@router.get(
    "/indicators/{slug}", response=IndicatorValuesOut, summary="Valeurs d'un indicateur par territoire"
)
def indicator_values(request, slug: str):
    indicator = Indicator.objects.filter(slug=slug).first()
    if indicator is None or not policy.can(request.user, "observatory.view_indicator", indicator):
        raise Http404
    run = current_run(indicator)
    return IndicatorValuesOut(
        **IndicatorOut.from_orm(indicator).model_dump(),
        version=run.version_number if run else None,
        unmatched_rows=run.unmatched_count if run else 0,
        values=[ValueOut(**row) for row in values_frame(run).to_dicts()],
    )
