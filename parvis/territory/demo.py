"""Demo data of the territory app: the vendored référentiel extract (94, 23) and a custom territory."""

from parvis.accounts import selectors as accounts
from parvis.territory.models import Kind, Territory
from parvis.territory.services import parse_commune_list, save_custom_territory
from parvis.territory.services.imports import import_files

PLATEAU_BRIARD = (
    "94047\n94048\n94056\n94070\n94075\n94060"  # Mandres, Marolles, Périgny, Santeny, Villecresnes, La Queue
)


def load(stdout) -> None:
    import_files(stdout=stdout)
    stdout.write("\n")
    organisation = accounts.organisation_by_slug("grand-paris-sud-est-avenir")
    if organisation is None or Territory.objects.filter(kind=Kind.CUSTOM, name="Plateau briard").exists():
        return
    communes, _problems = parse_commune_list(PLATEAU_BRIARD)
    save_custom_territory(
        actor=None,
        organisation=organisation,
        name="Plateau briard",
        communes=communes,
        description="Communes rurales et périurbaines du sud-est de GPSEA (zone de concertation).",
    )
    stdout.write("Territoire personnalisé « Plateau briard » créé.\n")
