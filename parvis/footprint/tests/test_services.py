"""Sites, CSV import, audit requests and refusals, without a browser."""

import pytest
from django.core.exceptions import ValidationError

from parvis.accounts.models import AuditEvent
from parvis.footprint import services
from parvis.footprint.models import Site, SiteAudit


def test_a_site_takes_its_name_and_population_from_the_referentiel(referentiel, users, org):
    site = services.create_site(
        actor=users["gestionnaire"], organisation=org, code="94028", url="www.ville-creteil.fr"
    )
    assert (site.name, site.territory_kind, site.url) == (
        "Créteil",
        "commune",
        "https://www.ville-creteil.fr/",
    )
    assert site.population > 90_000
    assert AuditEvent.objects.filter(action="footprint.site.create", target_id=str(site.pk)).exists()


def test_an_epci_or_ept_is_found_by_its_siren(referentiel, users, org):
    site = services.create_site(
        actor=users["admin"], organisation=org, code="200058006", url="https://sudestavenir.fr/"
    )
    assert site.territory_kind == "ept"


def test_an_unknown_code_is_refused_in_french(referentiel, users, org):
    with pytest.raises(ValidationError, match="ni un code INSEE"):
        services.create_site(actor=users["admin"], organisation=org, code="99999", url="https://a.fr/")


def test_an_invalid_url_is_refused_in_french(referentiel, users, org):
    with pytest.raises(ValidationError, match="n'est pas une adresse web valide"):
        services.create_site(actor=users["admin"], organisation=org, code="94028", url="pas une adresse")


def test_csv_import_creates_good_rows_and_names_row_and_column_of_bad_ones(referentiel, users, org):
    data = "code;url\n94028;https://www.ville-creteil.fr/\n99999;https://x.fr/\n94071;ftp://sucy\n94002;www.alfortville.fr\n"
    created, errors = services.import_sites_csv(
        actor=users["gestionnaire"], organisation=org, data=data.encode("cp1252")
    )
    assert [site.name for site in created] == ["Créteil", "Alfortville"]
    assert errors[0].startswith("Ligne 3, colonne « code »")
    assert errors[1].startswith("Ligne 4, colonne « url »")
    assert Site.objects.count() == 2


def test_csv_import_without_the_expected_columns_is_refused(referentiel, users, org):
    with pytest.raises(ValidationError, match="Colonne"):
        services.import_sites_csv(actor=users["admin"], organisation=org, data=b"insee,adresse\n94028,x\n")


def test_a_duplicate_url_is_reported_not_duplicated(referentiel, users, org):
    data = b"code,url\n94028,https://www.ville-creteil.fr/\n94028,https://www.ville-creteil.fr/\n"
    created, errors = services.import_sites_csv(actor=users["admin"], organisation=org, data=data)
    assert len(created) == 1 and "déjà suivi" in errors[0]


def test_a_private_address_is_refused_in_production_without_any_request(make_site, users, settings, run_now):
    settings.PARVIS_FOOTPRINT_ALLOW_PRIVATE = False
    site = make_site("http://127.0.0.1:9/")
    audit = run_now(site)
    audit.refresh_from_db()
    assert audit.status == SiteAudit.Status.FAILED
    assert "réseau privé ou local" in audit.error_message
    assert audit.pages.count() == 0


def test_localhost_is_refused_too(make_site, settings, run_now):
    settings.PARVIS_FOOTPRINT_ALLOW_PRIVATE = False
    audit = run_now(make_site("http://localhost:9/"))
    audit.refresh_from_db()
    assert audit.error_code == "private_address"


def test_a_pending_audit_is_reused_instead_of_queuing_another(make_site, users):
    site = make_site()
    pending = SiteAudit.objects.create(site=site)
    assert services.request_audit(actor=users["admin"], site=site) == pending


def test_publishing_in_the_ranking_is_audited(make_site, users):
    site = make_site(public=False)
    services.set_ranking_public(actor=users["gestionnaire"], site=site, public=True)
    site.refresh_from_db()
    assert site.ranking_public
    assert AuditEvent.objects.filter(action="footprint.site.ranking").count() == 1


def test_demo_lists_the_gpsea_sites_and_the_instance_with_their_first_audit_queued(referentiel, users):
    from io import StringIO

    from parvis.accounts import demo as accounts_demo
    from parvis.footprint import demo

    accounts_demo.load(StringIO())
    demo.load(StringIO())
    demo.load(StringIO())
    assert Site.objects.count() == 18
    assert Site.objects.filter(is_instance=True).count() == 1
    assert SiteAudit.objects.filter(status="queued").count() == 18  # once, although loaded twice
