"""What a resident sees on a phone (360 px), JavaScript on and off: a proposal gathers supports before it is
studied, a support can be withdrawn, budget results wait for the end of the vote, a past meeting takes no
registration. axe-core runs with JavaScript on."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from parvis.participation.models import Ballot, Meeting, Support

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def phone_as(browser_context_factory, live_server):
    def make(user, js=True):
        context = browser_context_factory(java_script_enabled=js, viewport={"width": 360, "height": 740})
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
        )
        return context.new_page()

    return make


def fits_the_screen(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


@pytest.mark.parametrize("js", [True, False], ids=["js", "sans-js"])
def test_supporting_then_withdrawing_on_a_phone(phone_as, axe, users, proposal, js):
    page = phone_as(users["citoyen"], js)
    page.goto(proposal.get_absolute_url())
    assert page.get_by_text("En recherche de soutiens").is_visible()
    assert page.get_by_text("0 soutien sur 3 nécessaires").is_visible()
    fits_the_screen(page)
    if js:
        axe.assert_clean(page)
    page.get_by_role("button", name="Soutenir cette proposition").click()
    assert page.get_by_text("Votre soutien est enregistré.").is_visible()
    withdraw = page.get_by_role("button", name="Retirer mon soutien")
    assert (
        withdraw.is_visible() and page.get_by_role("button", name="Soutenir cette proposition").count() == 0
    )
    assert page.get_by_text("1 soutien sur 3 nécessaires").is_visible()
    if js:
        axe.assert_clean(page)
    withdraw.click()
    assert page.get_by_text("Votre soutien est retiré.").is_visible()
    assert page.get_by_role("button", name="Soutenir cette proposition").is_visible()
    assert not Support.objects.exists()


@pytest.mark.parametrize("js", [True, False], ids=["js", "sans-js"])
def test_voting_the_budget_shows_no_results_before_the_end(phone_as, axe, users, process, js):
    page = phone_as(users["citoyen"], js)
    page.goto(f"/participation/{process.slug}/budget/")
    assert page.get_by_text("Les résultats seront publiés après la clôture du vote").is_visible()
    assert page.get_by_role("table").count() == 0
    page.locator("label", has_text="Jardin partagé").click()
    checkbox = page.locator("input[name=projects]").nth(1).bounding_box()
    assert checkbox["width"] >= 24 and checkbox["height"] >= 24
    fits_the_screen(page)
    if js:
        axe.assert_clean(page)
    page.get_by_role("button", name="Valider mon vote").click()
    assert page.get_by_text("Votre vote est enregistré.").is_visible()
    assert page.get_by_role("table").count() == 0
    assert Ballot.objects.get().projects.get().title == "Jardin partagé"


@pytest.mark.parametrize("js", [True, False], ids=["js", "sans-js"])
def test_a_past_meeting_takes_no_registration_an_upcoming_one_does(phone_as, axe, users, process, js):
    now = timezone.now()
    past, upcoming = (
        Meeting.objects.create(
            process=process, title=title, starts_at=now + delta, place="Maison des associations", capacity=20
        )
        for title, delta in (("Atelier passé", timedelta(days=-3)), ("Atelier à venir", timedelta(days=3)))
    )
    page = phone_as(users["citoyen"], js)
    page.goto(f"/participation/{process.slug}/reunions/{past.pk}/")
    assert page.get_by_text("Cette réunion a déjà eu lieu : les inscriptions sont closes.").is_visible()
    assert page.get_by_role("button", name="M'inscrire").count() == 0
    if js:
        axe.assert_clean(page)
    page.goto(f"/participation/{process.slug}/reunions/{upcoming.pk}/")
    page.get_by_role("button", name="M'inscrire").click()
    assert page.get_by_text("Votre inscription est enregistrée.").is_visible()
    fits_the_screen(page)
