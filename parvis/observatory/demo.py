"""Demo data of the observatory: the official IFN 2023 and the 94/23 indicator table as catalogue
datasets, the IFN sources, a few indicators and the GPSEA dashboard. Idempotent."""

from pathlib import Path

from parvis.accounts import selectors as accounts
from parvis.catalog import selectors as catalog_selectors
from parvis.catalog import services as catalog
from parvis.observatory.models import IfnSource, Indicator
from parvis.observatory.services import IndicatorError, save_dashboard, save_indicator
from parvis.territory.selectors import home_territory

DATA = Path(__file__).resolve().parent / "data"
IFN_TITLE = "Indice de fragilité numérique 2023 (communes du Val-de-Marne et de la Creuse)"
DEMO_TITLE = "Observatoire numérique : indicateurs communaux (Val-de-Marne et Creuse)"
RAW_COLUMNS = {
    "no_thd_coverage_rate": {"column": "arcep2019_pct_locaux_non_thd30", "higher_is_fragile": True},
    "no_4g_coverage_rate": {"column": "dfg_couv_mobile_sites", "higher_is_fragile": False},
    "poverty_rate": {"column": "filosofi2020_taux_pauvrete_60", "higher_is_fragile": True},
    "older_65_rate": {"column": "rp2017_pct_65plus_sur_pop15plus", "higher_is_fragile": True},
    "nscol15p_rate": {"column": "rp2017_pct_peu_diplomes_sur_pop15plus", "higher_is_fragile": True},
}
RAW_NOTE = (
    "Recalcul à partir des données brutes disponibles : ARCEP « Ma connexion internet » 2019 (locaux sans 30 Mbit/s), "
    "présence d'antennes mobiles ANFR 2020 (substitut de la couverture 4G, plus d'antennes = moins fragile), "
    "INSEE Filosofi 2020 (taux de pauvreté, secret statistique pour la plupart des communes de Creuse), "
    "recensement 2017 (65 ans et plus, peu diplômés, rapportés aux 15 ans et plus). Les déciles sont calculés "
    "sur les 303 communes chargées, pas sur la France entière : l'écart avec l'officiel vient de là et de l'âge des données."
)
INDICATORS = [
    (
        "Revenu médian par unité de consommation",
        "filosofi2020_revenu_median_uc",
        "weighted_mean",
        "",
        2020,
        "€",
        "INSEE, Filosofi",
    ),
    (
        "Taux de chômage des 15-64 ans",
        "rp2021_taux_chomage_15_64",
        "weighted_mean",
        "",
        2021,
        "%",
        "INSEE, recensement",
    ),
    (
        "Locaux sans accès à 30 Mbit/s",
        "arcep2019_pct_locaux_non_thd30",
        "weighted_mean",
        "",
        2019,
        "%",
        "ARCEP, Ma connexion internet",
    ),
    (
        "Conseillers numériques validés",
        "nb_conseillers_numeriques_valides_2023",
        "sum",
        "",
        2023,
        "",
        "ANCT, conseillers numériques",
    ),
    ("Score IFN officiel", "ifn_score_total", "weighted_mean", "", 2023, "", "La MedNum / ANCT, IFN"),
]
POPULATION_TITLE = "Population municipale 2015 et 2021 (communes du Val-de-Marne et de la Creuse)"
# The same measure for two census years: one series, so that the indicator pages draw its evolution.
POPULATION = [
    ("Population municipale 2015", "population_2015", 2015),
    ("Population municipale 2021", "population_2021", 2021),
]


def _dataset(organisation, title, path, description):
    existing = catalog_selectors.dataset_titled(title)
    if existing is not None:
        return existing.resources.first()
    dataset, _version = catalog.create_dataset_from_file(
        organisation=organisation, title=title, path=str(path), description=description, published=True
    )
    return dataset.resources.first()


def load(stdout) -> None:
    organisation = accounts.organisation_by_slug("grand-paris-sud-est-avenir")
    if organisation is None:
        stdout.write("Observatoire : organisation de démonstration absente, rien à charger.\n")
        return
    ifn = _dataset(
        organisation,
        IFN_TITLE,
        DATA / "ifn_communes_mednum_2023-08_94_23.csv",
        "Les cinq notes (1 à 10) et le total de l'IFN 2023 de La MedNum / ANCT (fragilite-numerique.fr).",
    )
    demo = _dataset(
        organisation,
        DEMO_TITLE,
        DATA / "demo_observatoire_communes_94_23.csv",
        "Jointure de sources publiques par commune : IFN 2023, Filosofi 2020, ARCEP 2019, recensements.",
    )
    IfnSource.objects.update_or_create(
        kind=IfnSource.Kind.OFFICIAL, defaults={"resource": ifn, "code_column": "code"}
    )
    IfnSource.objects.update_or_create(
        kind=IfnSource.Kind.RAW,
        defaults={"resource": demo, "code_column": "code_insee", "columns": RAW_COLUMNS, "note": RAW_NOTE},
    )
    population = _dataset(
        organisation,
        POPULATION_TITLE,
        DATA / "population_communes_94_23_2015_2021.csv",
        "Population municipale des recensements 2015 et 2021 (INSEE, base comparateur de territoires).",
    )
    specs = [(*spec, demo, "") for spec in INDICATORS] + [
        (title, column, "sum", "", year, "habitants", "INSEE, recensement", population, "population")
        for title, column, year in POPULATION
    ]
    made = []
    for title, column, aggregation, denominator, year, unit, source, resource, series in specs:
        indicator = Indicator.objects.filter(title=title).first()
        if indicator is not None and indicator.aggregation != aggregation:
            # Earlier demos averaged medians and rates without weights: correct them in place.
            indicator.aggregation = aggregation
            try:
                save_indicator(actor=None, indicator=indicator)
            except IndicatorError as error:
                stdout.write(f"Indicateur « {title} » non recalculé : {error}\n")
        if indicator is None:
            indicator = Indicator(
                organisation=organisation,
                title=title,
                resource=resource,
                series=series,
                code_column="code_insee",
                aggregation=aggregation,
                value_column=column,
                denominator_column=denominator,
                year=year,
                unit=unit,
                source=source,
                is_public=True,
            )
            try:
                save_indicator(actor=None, indicator=indicator)
            except IndicatorError as error:
                stdout.write(f"Indicateur « {title} » non calculé : {error}\n")
                continue
        if not series:  # the dashboard keeps one card per measure
            made.append(indicator.pk)
    home = home_territory()
    if home is not None and not hasattr(home, "dashboard"):
        save_dashboard(actor=None, territory=home, organisation=organisation, indicator_ids=made)
    stdout.write(f"Observatoire : {len(specs)} indicateurs, IFN officiel et données brutes chargés.\n")
