"""The public pages in English: chosen with the switch (no JavaScript), remembered, and fully translated.

French stays the language of anyone who did not choose (the browser's Accept-Language is not followed,
decision 0002); the place names, process titles and other data stay as the collectivité wrote them.
"""

import io
import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone, translation

from parvis.core.tests.scenes import open_process
from parvis.territory.testing import referentiel  # noqa: F401

# Words of the French interface that no English page should still show (data never uses them alone).
FRENCH_WORDS = (
    "Trouver",
    "lieux",
    "Rechercher",
    "Chercher",
    "aide",
    "Accueil",
    "Mentions légales",
    "Données personnelles",
    "Plan du site",
    "Se connecter",
    "Aller au contenu",
    "Propositions",
    "Participer",
    "Horaires",
    "Téléphone",
    "Ouvert",
    "Fermé",
    "obligatoire",
    "propulsé",
    "Erreur",
    "introuvable",
    "Mot de passe",
    "Adresse électronique",
)


class _VisibleText(HTMLParser):
    """Text a reader sees or hears: text nodes outside script/style/template, plus aria-label and alt."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self._hidden += 1
        for name, value in attrs:
            if name in ("aria-label", "alt", "placeholder") and value:
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template"):
            self._hidden = max(0, self._hidden - 1)

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.parts.append(data.strip())


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    return " | ".join(parser.parts)


def french_left(html: str, data: tuple[str, ...] = ()) -> list[str]:
    """French interface words still in the page once the data's own text is taken out."""
    text = visible_text(html)
    for value in sorted(
        data, key=len, reverse=True
    ):  # « Accueil de la mairie de Créteil » before « Créteil »
        text = text.replace(value, "")
    return [word for word in FRENCH_WORDS if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text)]


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def english_citizen(client_as):
    """A signed-in resident (the questionnaire asks for an account) who chose English."""
    client = client_as("citoyen")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def scene(db, org, users, referentiel):  # noqa: F811
    """The demo help places and an open participation process with a question, a proposal and a project."""
    from parvis.inclusion import demo
    from parvis.inclusion.models import Place, PlaceStatus
    from parvis.participation.models import BudgetProject, Meeting, Proposal, Question

    demo.load(io.StringIO())
    process = open_process(org, "mobilites")
    process.budget_ceiling = 100_000
    process.support_threshold = 3
    process.save()
    Question.objects.create(process=process, position=1, kind="ouverte", text="Que faudrait-il améliorer ?")
    BudgetProject.objects.create(process=process, title="Abris vélos", cost=20_000)
    proposal = Proposal.objects.create(
        process=process, author=users["citoyen"], title="Une piste cyclable", body="Relier la gare au centre."
    )
    meeting = Meeting.objects.create(
        process=process, title="Atelier vélo", starts_at=timezone.now() + timedelta(days=3), place="Maison"
    )
    place = Place.objects.filter(status=PlaceStatus.PUBLISHED).exclude(horaires="").order_by("pk").first()
    names = tuple(Place.objects.values_list("nom", flat=True))
    return {
        "place": place,
        "place_names": names,
        "process": process,
        "proposal": proposal,
        "meeting": meeting,
    }


def _public_pages(scene) -> dict[str, tuple[str, ...]]:
    """Path → the data shown on it (names written by the collectivité, left as they are)."""
    place, process, proposal = scene["place"], scene["process"], scene["proposal"]
    slug = process.slug
    place_data = (place.nom, place.adresse, place.commune, *place.services, *place.modalites_acces)
    return {
        "/": (),
        "/aide/": (),
        "/aide/?lieu=94000&rayon=10": ("Créteil", *scene["place_names"]),
        f"/aide/lieux/{place.pk}/": place_data,
        f"/aide/fiche/?lieux={place.pk}&par=Mairie": place_data,
        f"/aide/lieux/{place.pk}/signaler/": place_data,
        "/participation/": (process.title,),
        f"/participation/{slug}/": (process.title, proposal.title, scene["meeting"].title),
        f"/participation/{slug}/propositions/": (process.title, proposal.title),
        f"/participation/{slug}/propositions/{proposal.pk}/": (process.title, proposal.title, proposal.body),
        f"/participation/{slug}/questionnaire/": (process.title, "Que faudrait-il améliorer ?"),
        f"/participation/{slug}/budget/": (process.title, "Abris vélos"),
        f"/participation/{slug}/reunions/{scene['meeting'].pk}/": (process.title, "Atelier vélo", "Maison"),
        f"/participation/{slug}/moderation/journal/": (process.title,),
        f"/participation/{slug}/resultats/": (process.title, "Que faudrait-il améliorer ?", "Abris vélos"),
        f"/participation/{slug}/synthese/": (process.title,),
        "/mentions-legales/": (),
        "/accessibilite/": (),
        "/donnees-personnelles/": (),
        "/plan-du-site/": (),
        "/compte/connexion/": (),
        "/une-page-qui-n-existe-pas/": (),
    }


@pytest.mark.django_db
def test_every_listed_public_page_is_in_english_once_chosen(english, english_citizen, scene):
    untranslated = {}
    for path, data in _public_pages(scene).items():
        response = (english_citizen if "/questionnaire/" in path else english).get(path)
        assert response.status_code in (200, 404), path
        html = response.content.decode()
        assert '<html lang="en"' in html, path
        left = french_left(html, data)
        if left:
            untranslated[path] = left
            print(path, "\n", visible_text(html))
    assert untranslated == {}


@pytest.mark.django_db
def test_the_error_pages_are_in_english_once_chosen():
    request = RequestFactory().get("/")
    with translation.override("en"):
        for template, context in (
            ("core/errors/500.html", {}),
            ("core/errors/403.html", {}),
            ("core/errors/403_csrf.html", {}),
            ("core/errors/400.html", {}),
            ("core/429.html", {"period": 60}),
        ):
            html = render_to_string(template, context, request=request)
            assert french_left(html) == [], template
            assert '<html lang="en"' in html, template


@pytest.mark.django_db
def test_the_word_list_catches_a_french_page(client, scene):
    """The check above can fail: the same pages without the choice are French and are caught."""
    html = client.get("/aide/").content.decode()
    assert {"Trouver", "Chercher"} <= set(french_left(html))
    assert '<html lang="fr"' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role", ["anonyme", "citoyen", "partenaire", "contributeur", "gestionnaire", "admin"]
)
def test_every_role_switches_language_with_a_plain_form_post(client_as, role):
    client = client_as(role)
    page = client.get("/aide/")
    assert 'name="language" value="en" lang="en"' in page.content.decode()
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/aide/?lieu=94000"})
    assert response.status_code == 302
    assert response["Location"] == "/aide/?lieu=94000"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    english_page = client.get("/aide/").content.decode()
    assert '<html lang="en"' in english_page
    assert 'name="language" value="fr" lang="fr"' in english_page
    client.post("/i18n/setlang/", {"language": "fr", "next": "/aide/"})
    assert '<html lang="fr"' in client.get("/aide/").content.decode()


@pytest.mark.django_db
def test_the_switch_needs_the_csrf_token_and_refuses_a_foreign_next(db):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/i18n/setlang/", {"language": "en", "next": "/"}).status_code == 403
    page = strict.get("/aide/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    response = strict.post(
        "/i18n/setlang/", {"language": "en", "next": "https://evil.example/", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    assert not response["Location"].startswith("https://evil.example")


@pytest.mark.django_db
def test_the_browser_language_alone_does_not_change_the_interface(client):
    page = client.get("/aide/", headers={"accept-language": "en-GB,en;q=0.9"})
    assert '<html lang="fr"' in page.content.decode()
    assert page["Content-Language"] == "fr"


@pytest.mark.django_db
def test_an_unknown_language_cookie_falls_back_to_french(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
    assert '<html lang="fr"' in client.get("/").content.decode()


@pytest.mark.django_db
def test_opening_hours_are_said_the_english_way(english, scene):
    html = english.get(f"/aide/lieux/{scene['place'].pk}/").content.decode()
    assert re.search(r"\d{1,2}:\d{2}", visible_text(html))
    assert not re.search(r"\d h \d{2}|\d h(?!\w)", visible_text(html))


@pytest.mark.django_db
def test_the_cached_home_figures_follow_the_language(english, scene):
    """Anonymous visitors share the figures for a minute: a French visitor first, then an English one."""
    from django.test import Client

    assert "aide au numérique" in Client().get("/").content.decode()
    english_home = english.get("/").content.decode()
    assert "places offering digital help" in english_home and "aide au numérique" not in english_home
    assert "aide au numérique" in Client().get("/").content.decode()
