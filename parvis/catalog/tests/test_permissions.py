"""Who sees and edits what: a partner sees a restricted dataset shared with its organisation and
no other; anonymous users see no restricted data through any route (pages, API, exports, DCAT,
sitemap, search counts); editors of the owning organisation edit; gestionnaires publish."""

import pytest

from parvis.catalog.models import Access

ROLES = ("anonyme", "citoyen", "partenaire", "contributeur", "gestionnaire", "admin")


@pytest.fixture
def catalogue(make_dataset, partner_org, other_org):
    """An open dataset, one restricted to the partner, one restricted to another organisation, a private one."""
    make_dataset(title="Ouvert")
    make_dataset(title="Partage partenaire", access=Access.RESTRICTED, shared_with=[partner_org])
    make_dataset(title="Partage autre", access=Access.RESTRICTED, shared_with=[other_org])
    make_dataset(title="Interne", access=Access.PRIVATE)


SEES = {
    "anonyme": {"ouvert"},
    "citoyen": {"ouvert"},
    "partenaire": {"ouvert", "partage-partenaire"},
    "contributeur": {"ouvert", "partage-partenaire", "partage-autre", "interne"},
    "gestionnaire": {"ouvert", "partage-partenaire", "partage-autre", "interne"},
    "admin": {"ouvert", "partage-partenaire", "partage-autre", "interne"},
}
ALL = ("ouvert", "partage-partenaire", "partage-autre", "interne")


@pytest.mark.parametrize("role", ROLES)
def test_api_list_and_count_show_only_visible_datasets(catalogue, client_as, role):
    body = client_as(role).get("/api/catalog/datasets").json()
    assert {d["slug"] for d in body["results"]} == SEES[role]
    assert body["count"] == len(SEES[role])


@pytest.mark.parametrize("role", ROLES)
def test_every_route_of_a_hidden_dataset_answers_404(catalogue, client_as, role):
    client = client_as(role)
    for slug in ALL:
        base = f"/api/catalog/datasets/{slug}/resources/{slug}"
        urls = [
            f"/donnees/{slug}/",
            f"/donnees/{slug}/{slug}/",
            f"/donnees/{slug}/{slug}/export.csv",
            f"/donnees/{slug}/{slug}/v1/",
            f"/donnees/{slug}/{slug}/v1/rapport.csv",
            f"/api/catalog/datasets/{slug}",
            f"{base}/rows",
            f"{base}/facets?_facet=nom",
            f"{base}/aggregate",
            f"{base}/versions",
            f"{base}/versions/1",
            f"{base}/export/csv",
        ]
        expected = 200 if slug in SEES[role] else 404
        for url in urls:
            assert client.get(url).status_code == expected, (role, url)


@pytest.mark.parametrize("role", ROLES)
def test_search_page_and_its_counts_show_only_visible_datasets(catalogue, client_as, role):
    html = client_as(role).get("/donnees/").content.decode()
    for slug in ALL:
        assert (f'href="/donnees/{slug}/"' in html) == (slug in SEES[role])
    n = len(SEES[role])
    assert f"{n} jeu{'x' if n > 1 else ''} de données" in html
    assert f"Grand Paris Sud Est Avenir ({n})" in html


@pytest.mark.parametrize("role", ROLES)
def test_dcat_feeds_and_sitemap_list_public_datasets_only_even_to_members(catalogue, client_as, role):
    client = client_as(role)
    for url in ("/donnees/catalogue.jsonld", "/donnees/catalogue.rdf", "/donnees/sitemap.xml"):
        body = client.get(url).content.decode()
        assert "/donnees/ouvert/" in body
        assert not any(f"/donnees/{slug}/" in body for slug in ALL if slug != "ouvert"), (role, url)
    for slug in ALL:
        for feed in ("dcat.jsonld", "dcat.rdf"):
            expected = 200 if slug == "ouvert" else 404
            assert client.get(f"/donnees/{slug}/{feed}").status_code == expected, (role, slug)


def test_unpublished_public_dataset_is_hidden_from_outsiders(make_dataset, client_as):
    make_dataset(title="Brouillon", published=False)
    assert client_as("anonyme").get("/donnees/brouillon/").status_code == 404
    assert client_as("partenaire").get("/api/catalog/datasets/brouillon").status_code == 404
    assert client_as("contributeur").get("/donnees/brouillon/").status_code == 200


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonyme", 302),
        ("citoyen", 403),
        ("partenaire", 403),
        ("contributeur", 200),
        ("gestionnaire", 200),
        ("admin", 200),
    ],
)
def test_editors_of_the_owning_organisation_edit(catalogue, client_as, role, status):
    assert client_as(role).get("/donnees/ouvert/modifier/").status_code == status
    assert client_as(role).get("/donnees/ouvert/ouvert/importer/").status_code == status


@pytest.mark.parametrize(
    ("role", "status"), [("contributeur", 403), ("gestionnaire", 302), ("partenaire", 403)]
)
def test_only_gestionnaires_publish(catalogue, client_as, role, status):
    assert client_as(role).post("/donnees/ouvert/publication/", {"published": "0"}).status_code == status


@pytest.mark.parametrize(("role", "status"), [("anonyme", 401), ("partenaire", 403), ("contributeur", 202)])
def test_api_import_requires_an_editor(catalogue, client_as, role, status):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client_as(role).post(
        "/api/catalog/datasets/ouvert/resources/ouvert/versions",
        {"file": SimpleUploadedFile("v2.csv", b"a,b\n1,2\n")},
    )
    assert response.status_code == status


def test_create_page_is_for_editors_only(client_as, users):
    assert client_as("citoyen").get("/donnees/nouveau/").status_code == 403
    assert client_as("gestionnaire").get("/donnees/nouveau/").status_code == 200


def test_home_page_figure_counts_only_what_the_visitor_may_see(catalogue, users):
    from django.contrib.auth.models import AnonymousUser

    from parvis.catalog.home import summary

    assert summary(AnonymousUser())["value"] == 1
    assert summary(users["partenaire"])["value"] == 2
