"""Pages behave without JavaScript: forms keep what was typed, errors are French, nothing is a 500."""

from datetime import timedelta

import pytest
from django.utils import timezone

from parvis.participation.models import Contribution, Proposal, Visibility

pytestmark = pytest.mark.django_db


def url(process, suffix=""):
    return f"/participation/{process.slug}/{suffix}"


def test_answering_the_questionnaire_redirects_with_thanks(process, questions, client_as):
    client = client_as("citoyen")
    response = client.post(
        url(process, "questionnaire/"),
        {f"q-{questions['ouverte'].pk}": "Des bancs", f"q-{questions['fermee'].pk}": "Oui"},
        follow=True,
    )
    assert "Merci, votre contribution est enregistrée." in response.text
    assert Contribution.objects.get().answers[str(questions["fermee"].pk)] == "Oui"


def test_empty_questionnaire_is_a_400_with_a_french_message(process, client_as):
    response = client_as("citoyen").post(url(process, "questionnaire/"), {})
    assert response.status_code == 400 and "Votre contribution est vide" in response.text


def test_one_megabyte_answer_is_refused_and_the_text_kept(process, questions, client_as):
    text = "é" * 1_000_000
    response = client_as("citoyen").post(
        url(process, "questionnaire/"), {f"q-{questions['ouverte'].pk}": text}
    )
    assert response.status_code == 400
    assert "1000000 caractères" in response.text and text in response.text
    assert not Contribution.objects.exists()


def test_script_tags_are_escaped_everywhere(process, proposal, client_as, users):
    proposal.title = "<script>alert('x')</script>"
    proposal.body = "<img src=x onerror=alert(1)>"
    proposal.save()
    client = client_as("citoyen")
    client.post(url(process, f"propositions/{proposal.pk}/commenter/"), {"body": "<b>gras</b>"})
    for page in (url(process), url(process, "propositions/"), url(process, f"propositions/{proposal.pk}/")):
        body = client.get(page).text
        assert "<script>alert" not in body and "<img src=x" not in body and "<b>gras</b>" not in body
        assert "&lt;script&gt;" in body or page == url(process)


def test_proposal_form_shows_similar_proposals_without_javascript(process, proposal, client_as):
    response = client_as("gestionnaire").post(
        url(process, "propositions/nouvelle/"), {"title": "Pistes cyclables", "body": "", "check": "1"}
    )
    assert response.status_code == 200
    assert proposal.title in response.text and 'value="Pistes cyclables"' in response.text
    assert not Proposal.objects.filter(title="Pistes cyclables").exists()


def test_publishing_a_proposal_redirects_to_it(process, client_as):
    response = client_as("citoyen").post(
        url(process, "propositions/nouvelle/"),
        {"title": "Un banc", "body": "Place du marché", "publish": "1"},
    )
    created = Proposal.objects.get(title="Un banc")
    assert response.status_code == 302 and response["Location"] == created.get_absolute_url()


def test_supporting_twice_says_so_in_french(process, proposal, client_as):
    client = client_as("gestionnaire")
    client.post(url(process, f"propositions/{proposal.pk}/soutenir/"))
    response = client.post(url(process, f"propositions/{proposal.pk}/soutenir/"), follow=True)
    assert "Vous soutenez déjà cette proposition." in response.text
    proposal.refresh_from_db()
    assert proposal.supports_count == 1


def test_three_reports_through_the_page_hide_the_proposal(process, proposal, client, make_citizen):
    for n in range(3):
        client.force_login(make_citizen(n))
        assert (
            client.post(url(process, f"signaler/proposal/{proposal.pk}/"), {"reason": "spam"}).status_code
            == 302
        )
    proposal.refresh_from_db()
    assert proposal.visibility == Visibility.PENDING
    client.logout()
    page = client.get(url(process, f"propositions/{proposal.pk}/"))
    assert "Contenu masqué" in page.text and proposal.body not in page.text
    assert proposal.title not in client.get(url(process, "propositions/")).text
    log = client.get(url(process, "moderation/journal/")).text
    assert "Masqué automatiquement (3 signalements)" in log and "habitant" not in log


def test_report_of_an_unknown_kind_is_a_404(process, client_as):
    assert client_as("citoyen").get(url(process, "signaler/user/1/")).status_code == 404


def test_voting_after_closing_date_shows_a_french_message(process, client_as):
    process.ends_on = timezone.localdate() - timedelta(days=1)
    process.save()
    response = client_as("citoyen").post(
        url(process, "budget/"), {"projects": [process.budget_projects.first().pk]}
    )
    assert response.status_code == 400 and "close depuis le" in response.text


def test_paper_entry_page_records_place_and_date(process, questions, client_as):
    response = client_as("contributeur").post(
        url(process, "saisie-papier/"),
        {
            "channel": "reunion",
            "place": "Réunion publique, Sucy-en-Brie",
            "collected_on": timezone.localdate().isoformat(),
            f"q-{questions['ouverte'].pk}": "Des bus le dimanche",
        },
    )
    assert response.status_code == 302
    c = Contribution.objects.get()
    assert (c.channel, c.place) == ("reunion", "Réunion publique, Sucy-en-Brie")


def test_paper_entry_with_a_bad_date_keeps_the_answers(process, questions, client_as):
    response = client_as("contributeur").post(
        url(process, "saisie-papier/"),
        {
            "place": "Mairie",
            "collected_on": "hier",
            f"q-{questions['ouverte'].pk}": "Texte recopié",
        },
    )
    assert (
        response.status_code == 400
        and "date de recueil" in response.text
        and "Texte recopié" in response.text
    )


def test_public_writes_are_rate_limited_with_a_french_429(process, proposal, client_as):
    client = client_as("citoyen")
    statuses = [
        client.post(url(process, f"propositions/{proposal.pk}/commenter/"), {"body": f"Avis {i}"}).status_code
        for i in range(25)
    ]
    assert statuses[:20] == [302] * 20 and statuses[-1] == 429
    assert (
        "Trop de demandes"
        in client.post(url(process, f"propositions/{proposal.pk}/commenter/"), {"body": "x"}).text
    )


def test_results_count_both_channels(process, questions, client_as):
    qid = str(questions["fermee"].pk)
    Contribution.objects.create(process=process, channel="en_ligne", answers={qid: "Oui"})
    Contribution.objects.create(process=process, channel="papier", answers={qid: "Non"})
    text = client_as("anonyme").get(url(process, "resultats/")).text
    assert "Papier (saisie par un agent)" in text and "50 %" in text


def test_anonymous_vote_is_sent_to_the_login_page_and_nothing_recorded(process, client):
    response = client.post(url(process, "budget/"), {"projects": [process.budget_projects.first().pk]})
    assert response.status_code == 302 and "/compte/connexion/" in response["Location"]
    assert not process.ballots.exists()


def test_proposals_are_listed_thirty_per_page(process, users, client):
    Proposal.objects.bulk_create(
        Proposal(process=process, author=users["citoyen"], title=f"Idée {i:02d}", body="x") for i in range(35)
    )
    first = client.get(url(process, "propositions/")).text
    second = client.get(url(process, "propositions/"), {"page": 2}).text
    assert first.count("<h2>") == 30 and second.count("<h2>") == 5 and "Page 2 sur 2" in second


def test_results_count_every_kind_of_paper_entry_per_channel(process, questions, proposal, users, client_as):
    """Paper proposals, supports and ballots typed in by agents are counted beside online ones."""
    from parvis.participation.models import Ballot, Support

    Contribution.objects.create(process=process, channel="en_ligne", answers={})
    paper = Proposal.objects.create(
        process=process, channel="papier", title="Un banc", body="Place du marché."
    )
    Support.objects.create(proposal=paper, channel="papier")
    Support.objects.create(proposal=paper, channel="papier")
    Support.objects.create(proposal=proposal, user=users["citoyen"])
    Ballot.objects.create(process=process, channel="reunion")
    text = " ".join(client_as("anonyme").get(url(process, "resultats/")).text.split())
    assert "Participations par canal (7 au total, saisies des agents comprises)" in text
    header = '<th scope="col" class="num">Réponses au questionnaire</th><th scope="col" class="num">Propositions</th>'
    assert (
        header
        + '<th scope="col" class="num">Soutiens</th><th scope="col" class="num">Bulletins de vote du budget</th>'
        in text
    )
    cells = lambda *n: "".join(f'<td class="num">{v}</td>' for v in n)  # noqa: E731
    assert '<th scope="row">En ligne</th>' + cells(1, 1, 1, 0, 3) in text
    assert '<th scope="row">Papier (saisie par un agent)</th>' + cells(0, 1, 2, 0, 3) in text
    assert '<th scope="row">Réunion (saisie par un agent)</th>' + cells(0, 0, 0, 1, 1) in text


def test_results_leave_out_kinds_the_process_received_none_of(process, questions, client_as):
    Contribution.objects.create(process=process, channel="papier", answers={})
    text = client_as("anonyme").get(url(process, "resultats/")).text
    assert "Réponses au questionnaire" in text and "Soutiens" not in text and "Bulletins" not in text
