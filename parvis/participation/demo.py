"""Demo: a GPSEA consultation with a questionnaire, proposals, meetings, a participatory budget,
a few hundred generated answers (online and on paper), its synthesis, and an imported outside consultation.

The answers are generated from templates (lib/corpus.py): plausible, not real residents' words.
"""

import random
from datetime import datetime, time, timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from parvis.accounts import selectors as accounts
from parvis.accounts.roles import OrganisationKind
from parvis.accounts.services import create_organisation, ensure_resident
from parvis.participation import services
from parvis.participation.lib.corpus import POSTCODES, labelled_answers
from parvis.participation.models import (
    Ballot,
    BudgetProject,
    Comment,
    Contribution,
    Meeting,
    Phase,
    Process,
    Proposal,
    Question,
    Support,
)
from parvis.participation.services import opendata, synthesis

SLUG = "gpsea-demain"
IMPORTED_SLUG = "gpsea-consultation-importee"
DATA = Path(__file__).resolve().parent / "data" / "consultation-grand-debat-exemple.csv"
PLACES = [
    "Mairie de Créteil",
    "Marché de Sucy-en-Brie",
    "Médiathèque d'Alfortville",
    "Centre social de Limeil-Brévannes",
]
PROPOSALS = [
    (
        "Une piste cyclable continue le long de la Marne",
        "Relier Créteil, Bonneuil et Sucy par une voie cyclable séparée des voitures.",
        "retenue",
        "Inscrite au plan vélo 2027 : études en cours, travaux prévus en 2028.",
    ),
    (
        "Des bus plus fréquents le soir",
        "Après 21 h, il faut attendre 30 minutes : une fréquence de 15 minutes serait utile.",
        "etude",
        "",
    ),
    (
        "Planter des arbres dans les cours d'école",
        "Débitumer les cours et planter pour avoir de l'ombre l'été.",
        "realisee",
        "Trois cours d'école ont été végétalisées à Créteil et Villecresnes en 2026.",
    ),
    (
        "Un centre de santé à Boissy-Saint-Léger",
        "Il manque de médecins généralistes : un centre de santé intercommunal aiderait.",
        "etude",
        "",
    ),
    (
        "Des composteurs collectifs dans chaque quartier",
        "Pour réduire les déchets et produire du compost pour les jardins.",
        "retenue",
        "Vingt composteurs seront installés en 2027 avec les associations de quartier.",
    ),
    (
        "Garder un accueil physique à la mairie",
        "Toutes les démarches ne peuvent pas se faire en ligne : gardons des guichets.",
        "non_retenue",
        "L'accueil physique est déjà maintenu dans les 16 communes ; la proposition est satisfaite par l'existant.",
    ),
    (
        "Éclairer le chemin de la gare",
        "Le chemin entre la gare RER et le quartier est trop sombre la nuit.",
        "etude",
        "",
    ),
    (
        "Un jardin partagé à Limeil-Brévannes",
        "Un terrain municipal inutilisé pourrait devenir un jardin partagé.",
        "etude",
        "",
    ),
    (
        "Des ateliers numériques pour les seniors",
        "À la médiathèque, pour apprendre à faire ses démarches en ligne.",
        "etude",
        "",
    ),
    (
        "Un parking vélo sécurisé à la gare de Boissy",
        "Les vélos sont volés : un abri fermé serait utile.",
        "etude",
        "",
    ),
]
BUDGET = [
    ("Abri vélo sécurisé à la gare", 80_000),
    ("Jardin partagé des Bords de Marne", 120_000),
    ("Aire de jeux inclusive", 150_000),
    ("Éclairage solaire du chemin de la gare", 90_000),
    ("Fresque participative au collège", 30_000),
    ("Composteurs collectifs", 40_000),
]


def _residents(n: int) -> list:
    return [
        ensure_resident(
            email=f"habitant{i:02d}@demo.parvis.local",
            display_name=f"Habitant {i}",
            postcode=POSTCODES[i % len(POSTCODES)],
        )
        for i in range(1, n + 1)
    ]


def _organisation():
    return create_organisation(
        name="Grand Paris Sud Est Avenir",
        kind=OrganisationKind.COLLECTIVITE,
        territory_code="ept:200058006",
        siren="200058006",
    )


def _process(org, today) -> Process:
    process = Process.objects.create(
        organisation=org,
        slug=SLUG,
        title="GPSEA demain : mobilités, nature en ville et services de proximité",
        summary="Grand Paris Sud Est Avenir prépare son projet de territoire. Dites-nous ce qui compte pour vous : "
        "déplacements, espaces verts, santé, services publics. Vous pouvez répondre en ligne, sur papier "
        "dans les mairies et médiathèques, ou lors des ateliers.",
        territory_kind="epci",
        territory_code="200058006",
        territory_label="Grand Paris Sud Est Avenir (16 communes)",
        postcodes=", ".join(POSTCODES),
        starts_on=today - timedelta(days=30),
        ends_on=today + timedelta(days=45),
        support_threshold=10,
        budget_ceiling=300_000,
    )
    Phase.objects.bulk_create(
        [
            Phase(
                process=process,
                title="Information",
                starts_on=today - timedelta(days=45),
                ends_on=today - timedelta(days=31),
                description="Réunions publiques de lancement dans les communes.",
            ),
            Phase(
                process=process,
                title="Contributions et vote du budget",
                starts_on=today - timedelta(days=30),
                ends_on=today + timedelta(days=45),
            ),
            Phase(
                process=process,
                title="Synthèse et réponses",
                starts_on=today + timedelta(days=46),
                ends_on=today + timedelta(days=90),
                description="Synthèse publiée, réponse officielle à chaque proposition soutenue.",
            ),
        ]
    )
    return process


def _questions(process) -> tuple[Question, Question, Question]:
    move = Question.objects.create(
        process=process,
        position=1,
        kind="fermee",
        text="Comment vous déplacez-vous le plus souvent ?",
        choices=["Voiture", "Transports en commun", "Vélo", "À pied"],
    )
    Question.objects.create(
        process=process,
        position=2,
        kind="fermee",
        text="Êtes-vous satisfait des espaces verts près de chez vous ?",
        choices=["Oui", "Plutôt oui", "Plutôt non", "Non"],
    )
    open_q = Question.objects.create(
        process=process,
        position=3,
        kind="ouverte",
        text="Quelles devraient être les priorités du territoire pour les dix prochaines années ?",
    )
    return move, process.questions.get(position=2), open_q


def _contributions(process, questions, agent, rng) -> int:
    move, green, open_q = questions
    rows = []
    for i, (_, text) in enumerate(labelled_answers(360, seed=42)):
        channel = "papier" if i % 5 == 0 else "reunion" if i % 17 == 0 else "en_ligne"
        paper = channel != "en_ligne"
        rows.append(
            Contribution(
                process=process,
                channel=channel,
                postcode=rng.choice(POSTCODES),
                entered_by=agent if paper else None,
                place=rng.choice(PLACES) if paper else "",
                collected_on=timezone.localdate() - timedelta(days=rng.randint(1, 25)) if paper else None,
                created_at=timezone.now() - timedelta(days=rng.randint(0, 29), minutes=rng.randint(0, 1440)),
                answers={
                    str(move.pk): rng.choice(move.choices),
                    str(green.pk): rng.choice(green.choices),
                    str(open_q.pk): text,
                },
            )
        )
    Contribution.objects.bulk_create(rows)
    return len(rows)


def _proposals(process, people, rng) -> None:
    now = timezone.now()
    for i, (title, body, status, answer) in enumerate(PROPOSALS):
        proposal = Proposal.objects.create(
            process=process,
            author=people[i],
            title=title,
            body=body,
            status=status,
            official_answer=answer,
            answered_at=now if answer else None,
            postcode=people[i].postcode,
            created_at=now - timedelta(days=25 - i),
        )
        backers = rng.sample(people, k=max(0, len(people) - 2 * i))
        Support.objects.bulk_create([Support(proposal=proposal, user=u) for u in backers])
        Proposal.objects.filter(pk=proposal.pk).update(supports_count=len(backers))
        services.follow_threshold(proposal.pk)
    first = process.proposals.get(title=PROPOSALS[0][0])
    question = Comment.objects.create(
        proposal=first, author=people[3], body="Est-ce que la piste passera par le pont de Bonneuil ?"
    )
    Comment.objects.create(
        proposal=first,
        author=people[0],
        parent=question,
        body="Oui, c'est prévu dans le tracé présenté en atelier.",
    )
    Comment.objects.create(
        proposal=first, author=people[5], body="Très bonne idée, je la prendrais tous les jours."
    )


def _meetings_and_budget(process, people, rng, today) -> None:
    Meeting.objects.create(
        process=process,
        title="Atelier mobilités",
        kind="atelier",
        place="Maison des associations, Créteil",
        starts_at=timezone.make_aware(datetime.combine(today + timedelta(days=10), time(18, 30))),
        capacity=40,
        agenda="1. Présentation du diagnostic\n2. Travail en petits groupes par secteur\n3. Restitution",
    )
    Meeting.objects.create(
        process=process,
        title="Réunion publique de lancement",
        kind="hybride",
        place="Salle des fêtes, Sucy-en-Brie",
        online_url="https://visio.example.org/gpsea",
        capacity=120,
        starts_at=timezone.make_aware(datetime.combine(today - timedelta(days=35), time(19, 0))),
        minutes="85 personnes présentes, 30 à distance. Questions principales : fréquence des bus, pistes cyclables, médecins.",
        outcomes="Douze propositions déposées à l'issue de la réunion ; 140 questionnaires papier remplis.",
    )
    projects = [
        BudgetProject.objects.create(
            process=process, title=t, cost=c, description="Projet proposé par des habitants."
        )
        for t, c in BUDGET
    ]
    for person in people[:12]:
        choice, total = [], 0
        for project in rng.sample(projects, k=len(projects)):
            if total + project.cost <= process.budget_ceiling:
                choice.append(project)
                total += project.cost
        ballot = Ballot.objects.create(process=process, user=person, total=total)
        ballot.projects.set(choice)


def load(stdout) -> None:
    if Process.objects.filter(slug=SLUG).exists():
        stdout.write("  participation : déjà chargée")
        return
    rng = random.Random(2026)
    today = timezone.localdate()
    with transaction.atomic():
        org = _organisation()
        agent = accounts.user_by_email("contributeur@demo.parvis.local")
        people = _residents(16)
        process = _process(org, today)
        count = _contributions(process, _questions(process), agent, rng)
        _proposals(process, people, rng)
        _meetings_and_budget(process, people, rng, today)
    version = synthesis.run(process=process, actor=agent)
    imported = Process.objects.create(
        organisation=org,
        slug=IMPORTED_SLUG,
        title="Consultation extérieure importée (exemple au format du Grand Débat)",
        summary="Fichier d'exemple au format CSV du Grand Débat National, généré pour la démonstration.",
        territory_kind="epci",
        territory_code="200058006",
        territory_label="Grand Paris Sud Est Avenir",
        starts_on=today - timedelta(days=400),
        ends_on=today - timedelta(days=300),
        imported=True,
    )
    report = opendata.import_grand_debat(
        process=imported, data=DATA.read_bytes(), filename=DATA.name, actor=agent
    )
    synthesis.run(process=imported, actor=agent)
    stdout.write(
        f"  participation : {count} contributions, {len(PROPOSALS)} propositions, synthèse de {version.themes.count()} thèmes, "
        f"{report.imported} contributions importées"
    )
