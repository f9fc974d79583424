"""Validata's custom checks (schema.data.gouv.fr) give Validata's verdicts, in plain French.

Cases follow validata-core's documented behaviour and its test suite on the SCDL schemas
bundled with Parvis (deliberations, subventions) and on the examples' schemas.
"""

from __future__ import annotations

import csv
import random

import polars as pl
import pytest
from stdnum.fr import siren as stdnum_siren
from stdnum.fr import siret as stdnum_siret

from parvis.catalog.lib.french_values import identifier_verdicts
from parvis.catalog.lib.schema_catalog import get_schema
from parvis.catalog.lib.validate import validate_table

DELIBERATION = {
    "COLL_NOM": "Ville de Poitiers",
    "COLL_SIRET": "21860194600013",
    "DELIB_ID": "1DL15494",
    "DELIB_DATE": "2017-10-15",
    "DELIB_MATIERE_CODE": "8.4",
    "DELIB_MATIERE_NOM": "Domaines de compétences par thèmes/Aménagement du territoire",
    "DELIB_OBJET": "Politique montagne",
    "BUDGET_ANNEE": "2017/2018",
    "BUDGET_NOM": "Budget annexe déchets",
    "PREF_ID": "PREF038",
    "PREF_DATE": "2017-10-20",
    "VOTE_EFFECTIF": "43",
    "VOTE_REEL": "40",
    "VOTE_POUR": "25",
    "VOTE_CONTRE": "10",
    "VOTE_ABSTENTION": "5",
    "DELIB_URL": "https://data.maville.fr/deliberations/files/200417_1.pdf",
}
GRANT = {
    "nomAttribuant": "Région Bretagne",
    "idAttribuant": "23350001600040",
    "dateConvention": "2017-06-27",
    "referenceDecision": "2017-03-103",
    "nomBeneficiaire": "Les Petits Débrouillards",
    "idBeneficiaire": "38047555800058",
    "rnaBeneficiaire": "W380475558",
    "objet": "Animations climat",
    "montant": "47800.20",
    "nature": "aide en numéraire",
    "conditionsVersement": "échelonné",
    "datesPeriodeVersement": "2017-03-14/2018-03-14",
    "idRAE": "12345",
    "notificationUE": "non",
    "pourcentageSubvention": "0.45",
    "dispositifAide": "",
}


def write(tmp_path, rows: list[dict], name="data.csv"):
    path = tmp_path / name
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def errors(report):
    return [(e.type, e.row, e.field) for e in report.errors]


def deliberations(tmp_path, **changes):
    return validate_table(
        write(tmp_path, [DELIBERATION, {**DELIBERATION, **changes}]), get_schema("scdl/deliberations")
    )


def test_the_published_deliberation_example_is_valid(tmp_path):
    assert deliberations(tmp_path).valid


def test_a_siret_failing_its_luhn_key_is_refused_in_plain_words(tmp_path):
    report = deliberations(tmp_path, COLL_SIRET="21860194600014")
    assert errors(report) == [("french-siret-value", 3, "COLL_SIRET")]
    assert report.errors[0].message == (
        "Ligne 3, colonne « COLL_SIRET » : le SIRET « 21860194600014 » n'est pas valide (clé de contrôle)."
    )


def test_a_prefecture_date_before_the_deliberation_date_is_refused(tmp_path):
    report = deliberations(tmp_path, PREF_DATE="2017-02-03")
    assert errors(report) == [("compare-columns-value", 3, "PREF_DATE")]
    assert report.errors[0].message == (
        "Ligne 3 : la valeur de « PREF_DATE » (« 2017-02-03 ») devrait être supérieure ou égale à "
        "celle de « DELIB_DATE » (« 2017-10-15 »)."
    )


def test_more_votes_for_than_voters_breaks_the_comparison_and_the_sum(tmp_path):
    report = deliberations(tmp_path, VOTE_POUR="45")
    assert errors(report) == [
        ("compare-columns-value", 3, "VOTE_REEL"),
        ("sum-columns-value", 3, "VOTE_REEL"),
    ]
    assert "devrait être supérieure ou égale à celle de « VOTE_POUR » (« 45 »)" in report.errors[0].message
    assert report.errors[1].message == (
        "Ligne 3 : « VOTE_REEL » vaut « 40 », mais la somme de « VOTE_POUR », « VOTE_CONTRE », "
        "« VOTE_ABSTENTION » fait 60."
    )


def test_numbers_are_compared_as_numbers_not_as_text(tmp_path):
    # "9" > "40" as text; Validata compares integers numerically.
    report = deliberations(
        tmp_path, VOTE_EFFECTIF="100", VOTE_REEL="9", VOTE_POUR="4", VOTE_CONTRE="3", VOTE_ABSTENTION="2"
    )
    assert report.valid


def test_comparisons_and_sums_skip_rows_with_an_empty_cell(tmp_path):
    report = deliberations(
        tmp_path, VOTE_EFFECTIF="", VOTE_REEL="", VOTE_POUR="", VOTE_CONTRE="", VOTE_ABSTENTION=""
    )
    assert report.valid


def test_vote_columns_must_be_filled_together(tmp_path):
    report = deliberations(tmp_path, VOTE_CONTRE="", VOTE_ABSTENTION="")
    assert ("cohesive-columns-value", 3, "VOTE_EFFECTIF") in errors(report)
    message = next(e.message for e in report.errors if e.type == "cohesive-columns-value")
    assert "toutes remplies ou toutes vides" in message
    assert "« VOTE_CONTRE » vide" in message


def test_a_budget_year_interval_must_go_forward(tmp_path):
    assert errors(deliberations(tmp_path, BUDGET_ANNEE="2018/2017")) == [
        ("year-interval-value", 3, "BUDGET_ANNEE")
    ]
    assert errors(deliberations(tmp_path, BUDGET_ANNEE="2017/2017")) == [
        ("year-interval-value", 3, "BUDGET_ANNEE")
    ]
    assert deliberations(tmp_path, BUDGET_ANNEE="2017").valid  # allow-year-only: yes


def test_the_actes_nomenclature_ignores_case_and_accents_but_not_unknown_subjects(tmp_path):
    assert deliberations(tmp_path, DELIB_MATIERE_NOM="FINANCES LOCALES/Subventions").valid
    assert deliberations(tmp_path, DELIB_MATIERE_NOM="libertes publiques et pouvoirs de police/Police").valid
    report = deliberations(tmp_path, DELIB_MATIERE_NOM="Sport/Piscine")
    assert errors(report) == [("nomenclature-actes-value", 3, "DELIB_MATIERE_NOM")]
    assert "la matière « Sport » n'en fait pas partie" in report.errors[0].message
    report = deliberations(tmp_path, DELIB_MATIERE_NOM="Urbanisme")
    assert "la barre oblique « / »" in report.errors[0].message


def test_a_grant_needs_a_siret_or_an_rna_number(tmp_path):
    report = validate_table(
        write(tmp_path, [GRANT, {**GRANT, "idBeneficiaire": "", "rnaBeneficiaire": ""}]),
        get_schema("scdl/subventions"),
    )
    assert errors(report) == [("one-of-required", 3, "idBeneficiaire")]
    assert report.errors[0].message == (
        "Ligne 3 : au moins l'une des colonnes « idBeneficiaire » ou « rnaBeneficiaire » doit être remplie."
    )
    only_rna = validate_table(
        write(tmp_path, [{**GRANT, "idBeneficiaire": ""}]), get_schema("scdl/subventions")
    )
    assert only_rna.valid


def test_a_pattern_error_describes_the_expected_shape_instead_of_quoting_the_regex(tmp_path):
    report = validate_table(
        write(tmp_path, [{**GRANT, "idAttribuant": "2335000160004"}]), get_schema("scdl/subventions")
    )
    messages = [e.message for e in report.errors]
    assert (
        "Ligne 2, colonne « idAttribuant » : « 2335000160004 » ne respecte pas le format attendu (14 chiffres)."
        in messages
    )
    assert not any("\\d" in m or "^" in m for m in messages)


SINGLE = {
    "fields": [
        {"name": "id", "type": "integer"},
        {"name": "siren", "type": "string"},
        {"name": "telephone", "type": "string"},
        {"name": "horaires", "type": "string"},
        {"name": "position", "type": "geopoint"},
    ],
    "custom_checks": [
        {"name": "french-siren-value", "params": {"column": "siren"}},
        {"name": "phone-number-value", "params": {"column": "telephone"}},
        {"name": "opening-hours-value", "params": {"column": "horaires"}},
        {"name": "french_gps_coordinates", "params": {"column": "position"}},
    ],
}


def single(tmp_path, **changes):
    base = {
        "id": "1",
        "siren": "732829320",
        "telephone": "01 45 67 89 10",
        "horaires": "Mo-Fr 09:00-12:00",
        "position": "2.35,48.85",
    }
    return validate_table(write(tmp_path, [base, {**base, **changes}]), SINGLE)


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, []),
        ({"siren": "732829321"}, [("french-siren-value", 3, "siren")]),
        ({"siren": "73282932"}, [("french-siren-value", 3, "siren")]),
        ({"siren": "732 829 320"}, []),  # stdnum's compact form, as Validata accepts it
        ({"telephone": "3949"}, []),
        ({"telephone": "+44 20 7946 0958"}, []),
        ({"telephone": "12"}, [("phone-number-value", 3, "telephone")]),
        ({"horaires": "24/7"}, []),
        ({"horaires": "Lu-Ve"}, [("opening-hours-value", 3, "horaires")]),
        ({"position": "55.45,-20.88"}, []),  # La Réunion
        ({"position": "48.85,2.35"}, [("reversed-french-gps-coordinates", 3, "position")]),
        ({"position": "-73.98,40.75"}, [("french-gps-coordinates", 3, "position")]),
        ({"siren": "", "telephone": "", "horaires": "", "position": ""}, []),
    ],
)
def test_single_column_checks_follow_validata(tmp_path, changes, expected):
    assert errors(single(tmp_path, **changes)) == expected


def test_a_cell_of_the_wrong_type_is_not_checked_again_by_a_custom_check(tmp_path):
    assert errors(single(tmp_path, position="nulle part")) == [("type-error", 3, "position")]


def test_a_check_on_a_column_the_schema_lacks_gives_a_french_message_not_a_crash(tmp_path):
    schema = {**SINGLE, "custom_checks": [{"name": "french-siret-value", "params": {"column": "siret"}}]}
    report = validate_table(
        write(tmp_path, [{"id": "1", "siren": "", "telephone": "", "horaires": "", "position": ""}]), schema
    )
    assert errors(report) == [("check-error", None, None)]
    assert report.errors[0].message == (
        "Schéma : le contrôle « numéro SIRET » porte sur la colonne « siret », que le schéma ne déclare pas ; "
        "ce contrôle n'a pas pu être appliqué."
    )


def test_unknown_checks_and_bad_parameters_are_reported_not_raised(tmp_path):
    schema = {
        **SINGLE,
        "custom_checks": [
            {"name": "frobnicate", "params": {"column": "id"}},
            {"name": "compare-columns-value", "params": {"column": "id", "column2": "siren", "op": "=>"}},
        ],
    }
    report = validate_table(
        write(tmp_path, [{"id": "1", "siren": "", "telephone": "", "horaires": "", "position": ""}]), schema
    )
    assert [e.type for e in report.errors] == ["check-error", "check-error"]
    assert "« frobnicate » n'est pas connu" in report.errors[0].message
    assert "opérateur « => » inconnu" in report.errors[1].message


def test_a_schema_column_missing_from_the_file_reads_as_empty(tmp_path):
    row = {k: v for k, v in GRANT.items() if k != "rnaBeneficiaire"}
    report = validate_table(
        write(tmp_path, [row, {**row, "idBeneficiaire": ""}]), get_schema("scdl/subventions")
    )
    assert ("missing-label", 1, "rnaBeneficiaire") in errors(report)
    assert ("one-of-required", 3, "idBeneficiaire") in errors(report)


def test_siret_and_siren_keys_agree_with_python_stdnum_on_random_and_la_poste_numbers():
    generator = random.Random(16)
    sirets = [f"{generator.randrange(10**14):014d}" for _ in range(3000)]
    sirets += [f"356000000{generator.randrange(10**5):05d}" for _ in range(500)] + ["35600000000048"]
    sirens = [s[:9] for s in sirets]
    for values, length, reference in ((sirets, 14, stdnum_siret), (sirens, 9, stdnum_siren)):
        bad_shape, bad_key = identifier_verdicts(pl.Series(values), length)
        mine = [not (shape or key) for shape, key in zip(bad_shape, bad_key, strict=True)]
        assert mine == [reference.is_valid(v) for v in values]
        assert any(mine) and not all(mine)
