"""Setting a process up: the process, its phases, questionnaire, budget projects and meetings."""

import pytest
from django.utils import timezone

from parvis.participation.models import Ballot, Contribution, Process
from parvis.participation.services import ParticipationError, setup

pytestmark = pytest.mark.django_db

FORM = {
    "title": "Budget participatif 2027",
    "summary": "Vos projets pour la ville",
    "territory_kind": "commune",
    "territory_code": "94028",
    "territory_label": "Créteil",
    "postcodes": "94000",
    "starts_on": "2026-12-01",
    "ends_on": "2027-02-28",
    "support_threshold": "25",
    "budget_ceiling": "500000",
    "phases": "Dépôt des projets | 2026-12-01 | 2027-01-15\nVote | 2027-01-16 | 2027-02-28",
    "questions": "Votre quartier ?\nVenez-vous à vélo ? | Oui ; Non ; Parfois",
    "projects": "Aire de jeux | 150 000",
}


def form(**changes):
    return {**FORM, **changes}


def test_gestionnaire_creates_a_process_with_its_components(client_as, org):
    response = client_as("gestionnaire").post("/participation/nouvelle/", form(organisation=str(org.pk)))
    process = Process.objects.get(title="Budget participatif 2027")
    assert response.status_code == 302 and response["Location"] == process.get_absolute_url()
    assert (
        process.organisation == org and process.budget_ceiling == 500_000 and process.support_threshold == 25
    )
    assert [p.title for p in process.phases.all()] == ["Dépôt des projets", "Vote"]
    assert [(q.kind, q.choices) for q in process.questions.all()] == [
        ("ouverte", []),
        ("fermee", ["Oui", "Non", "Parfois"]),
    ]
    assert [(p.title, p.cost) for p in process.budget_projects.all()] == [("Aire de jeux", 150_000)]


def test_a_gestionnaire_cannot_create_for_another_organisation(client_as, other_org):
    response = client_as("gestionnaire").post(
        "/participation/nouvelle/", form(organisation=str(other_org.pk))
    )
    assert response.status_code == 403 and not Process.objects.exists()


def test_bad_lines_are_reported_with_their_number_and_the_text_kept(client_as, org):
    response = client_as("gestionnaire").post(
        "/participation/nouvelle/", form(organisation=str(org.pk), phases="Vote | demain | 2027-01-01")
    )
    assert response.status_code == 400
    assert "Étapes, ligne 1 : date « demain » illisible" in response.text and "Vote | demain" in response.text


def test_questions_are_frozen_once_answered(process, users):
    Contribution.objects.create(process=process, answers={"1": "x"})
    fields = {name: getattr(process, name) for name in setup.PROCESS_FIELDS}
    with pytest.raises(ParticipationError, match="déjà reçu des réponses"):
        setup.save_process(
            organisation=process.organisation,
            actor=users["gestionnaire"],
            fields=fields,
            process=process,
            questions="Une autre question",
        )


def test_budget_projects_are_frozen_once_voted(process, users):
    ballot = Ballot.objects.create(process=process, user=users["citoyen"], total=20_000)
    ballot.projects.set([process.budget_projects.get(cost=20_000)])
    fields = {name: getattr(process, name) for name in setup.PROCESS_FIELDS}
    with pytest.raises(ParticipationError, match="déjà reçu des votes"):
        setup.save_process(
            organisation=process.organisation,
            actor=users["gestionnaire"],
            fields=fields,
            process=process,
            projects="Autre | 10",
        )


def test_meeting_form_creates_a_meeting_and_then_records_minutes(process, client_as):
    client = client_as("gestionnaire")
    data = {
        "title": "Atelier",
        "kind": "atelier",
        "starts_at": "2027-01-10 18:30",
        "place": "Créteil",
        "capacity": "25",
    }
    response = client.post(f"/participation/{process.slug}/reunions/nouvelle/", data)
    meeting = process.meetings.get()
    assert (
        response.status_code == 302
        and meeting.capacity == 25
        and timezone.localtime(meeting.starts_at).hour == 18
    )
    client.post(
        f"/participation/{process.slug}/reunions/{meeting.pk}/modifier/",
        {**data, "minutes": "Vingt participants."},
    )
    meeting.refresh_from_db()
    assert meeting.minutes == "Vingt participants."


def test_meeting_with_an_unreadable_date_says_so(process, client_as):
    response = client_as("gestionnaire").post(
        f"/participation/{process.slug}/reunions/nouvelle/",
        {"title": "Atelier", "kind": "atelier", "starts_at": "jeudi", "place": "Créteil"},
    )
    assert response.status_code == 400 and "AAAA-MM-JJ HH:MM" in response.text


def test_postcodes_come_from_the_territory_referentiel_when_left_empty(client_as, org):
    from parvis.territory.services.imports import import_files

    import_files()
    client_as("gestionnaire").post(
        "/participation/nouvelle/",
        form(organisation=str(org.pk), territory_kind="epci", territory_code="200058006", postcodes=""),
    )
    process = Process.objects.get(title="Budget participatif 2027")
    assert set(process.postcode_list()) >= {"94000", "94140", "94370", "94440", "94880"}
    assert "94500" not in process.postcode_list()


def test_synthesis_names_the_communes_of_each_postcode(process, questions, client, users):
    from parvis.participation.services import synthesis
    from parvis.territory.services.imports import import_files

    import_files()
    qid = str(questions["ouverte"].pk)
    Contribution.objects.bulk_create(
        Contribution(process=process, postcode="94440", answers={qid: t})
        for t in ("Des bus le soir", "Plus de bus", "Des arbres", "Des parcs et des arbres")
    )
    synthesis.run(process=process, actor=None)
    assert (
        "94440 (Marolles-en-Brie, Santeny, Villecresnes)"
        in client.get(f"/participation/{process.slug}/synthese/").text
    )
