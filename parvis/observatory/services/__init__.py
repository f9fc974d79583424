"""Write services of the observatory.

* ``compute_indicator(indicator, *, version=None) -> IndicatorRun`` – aggregate the resource's current
  version (or ``version``), store the values and the report (unmatched rows, values that are not
  numbers, duplicated codes); earlier runs stay as history. Raises ``IndicatorError`` (French message).
* ``save_indicator(*, actor, indicator, request=None)`` – validate by computing, then save; on error
  nothing is saved (one transaction).
* ``refresh_if_stale(indicator)`` – recompute when the resource got a new current version;
  ``refresh_for_resource(resource)`` does it for every indicator of a resource (the catalogue may call it
  after a version becomes current; pages also call ``refresh_if_stale`` when they are read).
* ``save_dashboard(*, actor, territory, organisation, indicator_ids, request=None)``.
"""

from __future__ import annotations

import io
import time
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from parvis.accounts.services import audit
from parvis.catalog import selectors as catalog
from parvis.core.lib import lazy, to_polars
from parvis.core.lib.slugs import unique_slug
from parvis.observatory.lib.aggregate import AggregationError, Spec, aggregate
from parvis.observatory.messages import aggregation_message
from parvis.observatory.models import Dashboard, DashboardCard, Indicator, IndicatorRun
from parvis.territory.selectors import group_resolver, resolver

if TYPE_CHECKING:
    import polars as pl
else:
    pl = lazy.module("polars")

KEEP_ROWS = 500


class IndicatorError(ValueError):
    """A French message explaining why the indicator cannot be computed."""


def to_parquet(frame: pl.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.write_parquet(buffer, compression="zstd")
    return buffer.getvalue()


def read_frame(version) -> pl.DataFrame:
    return to_polars.dataframe(catalog.read_rows(version))


def _resolve_for(indicator):
    if indicator.level == "commune":
        return resolver(roll_up_arrondissements=indicator.roll_up_arrondissements)
    return group_resolver(indicator.level)


def check_source_visibility(indicator: Indicator) -> None:
    """A public indicator is fed only by a public dataset: checked on every computation. When the dataset
    stopped being public, the indicator keeps its earlier values, gets a French note saying so and raises."""
    note = ""
    if indicator.is_public and not catalog.is_public_dataset(indicator.resource.dataset):
        note = _("Le jeu de données source n’est plus public : cet indicateur public n’est plus mis à jour.")
    if note != indicator.source_note:
        indicator.source_note = note
        Indicator.objects.filter(pk=indicator.pk).update(source_note=note)
    if note:
        raise IndicatorError(note)


def compute_indicator(
    indicator: Indicator, *, version=None, frame: pl.DataFrame | None = None
) -> IndicatorRun:
    check_source_visibility(indicator)
    version = version or catalog.current_version(indicator.resource)
    if version is None:
        raise IndicatorError(_("La ressource n’a pas encore de version prête : importez un fichier d’abord."))
    started = time.perf_counter()
    frame = read_frame(version) if frame is None else frame
    spec = Spec(
        indicator.code_column,
        indicator.aggregation,
        indicator.value_column,
        indicator.denominator_column,
        indicator.level,
    )
    try:
        result = aggregate(frame, spec, _resolve_for(indicator))
    except AggregationError as error:
        raise IndicatorError(aggregation_message(error)) from error
    with transaction.atomic():
        IndicatorRun.objects.filter(indicator=indicator, is_current=True).update(is_current=False)
        run = IndicatorRun.objects.create(
            indicator=indicator,
            version=version,
            version_number=version.number,
            rows_read=result.rows_read,
            unmatched=result.unmatched[:KEEP_ROWS],
            unmatched_count=len(result.unmatched),
            bad_values=result.bad_values[:KEEP_ROWS],
            bad_value_count=len(result.bad_values),
            duplicated_codes=result.duplicated_codes[:KEEP_ROWS],
            duplicate_count=len(result.duplicated_codes),
        )
        run.values_parquet = to_parquet(result.values)
        run.value_count = result.values.height
        run.seconds = time.perf_counter() - started
        run.save(update_fields=["seconds", "values_parquet", "value_count"])
    return run


def save_indicator(*, actor, indicator: Indicator, request=None) -> Indicator:
    """Save and compute in one transaction: a failing computation leaves nothing behind."""
    created = indicator.pk is None
    with transaction.atomic():
        if not indicator.slug:
            indicator.slug = unique_slug(
                indicator.title,
                lambda slug: Indicator.objects.filter(slug=slug).exclude(pk=indicator.pk).exists(),
                fallback="indicateur",
            )
        indicator.save()
        compute_indicator(indicator)
        audit(
            actor=actor,
            action="observatory.indicator." + ("create" if created else "update"),
            target=indicator,
            organisation=indicator.organisation,
            details={"resource": indicator.resource_id},
            request=request,
        )
    return indicator


def delete_indicator(*, actor, indicator: Indicator, request=None) -> None:
    audit(
        actor=actor,
        action="observatory.indicator.delete",
        target=indicator,
        organisation=indicator.organisation,
        details={"slug": indicator.slug},
        request=request,
    )
    indicator.delete()


def refresh_if_stale(indicator: Indicator) -> IndicatorRun | None:
    """Recompute when the resource's current version is not the one of the current run."""
    version = catalog.current_version(indicator.resource)
    run = indicator.runs.filter(is_current=True).first()
    try:
        check_source_visibility(indicator)
    except IndicatorError:
        return None
    if version is None or (run is not None and run.version_id == version.pk):
        return None
    try:
        return compute_indicator(indicator, version=version)
    except IndicatorError:
        return None


def refresh_for_resource(resource) -> list[IndicatorRun]:
    runs = [refresh_if_stale(indicator) for indicator in Indicator.objects.filter(resource=resource)]
    return [run for run in runs if run is not None]


def refresh_on_new_version(sender, *, resource, version, **kwargs) -> None:
    """Receiver of the catalogue's `version_published`: indicators follow their dataset's new version."""
    refresh_for_resource(resource)


@transaction.atomic
def save_dashboard(*, actor, territory, organisation, indicator_ids: list[int], request=None) -> Dashboard:
    dashboard, _created = Dashboard.objects.get_or_create(
        territory=territory, defaults={"organisation": organisation}
    )
    dashboard.cards.all().delete()
    DashboardCard.objects.bulk_create(
        [
            DashboardCard(dashboard=dashboard, indicator_id=pk, position=i)
            for i, pk in enumerate(indicator_ids)
        ]
    )
    dashboard.save()
    audit(
        actor=actor,
        action="observatory.dashboard.update",
        target=dashboard,
        organisation=dashboard.organisation,
        details={"indicators": indicator_ids},
        request=request,
    )
    return dashboard
