"""IFN weighting scenarios: named sets of the five weights, saved by an agent of an organisation.

* ``save_ifn_scenario(*, actor, organisation, name, weights, description="", scenario=None, request=None)``
  creates (or updates ``scenario``) and records it in the audit log; raises ``ScenarioError`` (French).
* ``delete_ifn_scenario(*, actor, scenario, request=None)``.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from parvis.accounts.services import audit
from parvis.core.lib.slugs import unique_slug
from parvis.observatory.lib import ifn
from parvis.observatory.models import IfnScenario

MAX_WEIGHT = 5.0


class ScenarioError(ValueError):
    """A French message explaining why the scenario cannot be saved."""


def clean_weights(weights: dict) -> dict[str, float]:
    """The five weights as numbers from 0 to 5, at least one above zero; anything else is refused."""
    out = {}
    for component in ifn.COMPONENTS:
        try:
            value = float(weights.get(component, 1.0))
        except (TypeError, ValueError):
            raise ScenarioError(_("Chaque poids doit être un nombre de 0 à 5.")) from None
        if not 0 <= value <= MAX_WEIGHT:
            raise ScenarioError(_("Chaque poids doit être un nombre de 0 à 5."))
        out[component] = round(value, 1)
    if not any(out.values()):
        raise ScenarioError(_("Au moins un poids doit être supérieur à zéro."))
    return out


def save_ifn_scenario(
    *, actor, organisation, name: str, weights: dict, description: str = "", scenario=None, request=None
) -> IfnScenario:
    name = (name or "").strip()
    if not name:
        raise ScenarioError(_("Donnez un nom au scénario."))
    created = scenario is None
    scenario = scenario or IfnScenario(organisation=organisation, created_by=actor if actor else None)
    scenario.name = name[:120]
    scenario.description = description or ""
    scenario.weights = clean_weights(weights)
    try:
        with transaction.atomic():
            if not scenario.slug:
                scenario.slug = unique_slug(
                    f"{organisation.slug}-{name}",
                    lambda slug: IfnScenario.objects.filter(slug=slug).exists(),
                    fallback="scenario-ifn",
                )
            scenario.save()
            audit(
                actor=actor,
                action="observatory.ifn_scenario." + ("create" if created else "update"),
                target=scenario,
                organisation=scenario.organisation,
                details={"weights": scenario.weights},
                request=request,
            )
    except IntegrityError:
        raise ScenarioError(
            _("L’organisation a déjà un scénario nommé « %(name)s » : choisissez un autre nom.")
            % {"name": name}
        ) from None
    return scenario


def delete_ifn_scenario(*, actor, scenario: IfnScenario, request=None) -> None:
    with transaction.atomic():
        audit(
            actor=actor,
            action="observatory.ifn_scenario.delete",
            target=scenario,
            organisation=scenario.organisation,
            details={"slug": scenario.slug, "weights": scenario.weights},
            request=request,
        )
        scenario.delete()
