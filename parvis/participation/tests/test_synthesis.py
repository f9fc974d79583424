"""The synthesis of a process: themes with quotes and breakdowns, versions, rename/merge/split, exports."""

import random

import pytest
from django.utils import timezone

from parvis.participation import services
from parvis.participation.lib.corpus import labelled_answers
from parvis.participation.models import Contribution, Synthesis, Visibility
from parvis.participation.services import ParticipationError, synthesis

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(process, questions, users):
    rng = random.Random(1)
    qid = str(questions["ouverte"].pk)
    rows = [
        Contribution(
            process=process,
            channel=rng.choice(["en_ligne", "papier"]),
            postcode=rng.choice(["94000", "94370"]),
            answers={qid: text},
        )
        for _, text in labelled_answers(120, seed=2, subjects=["vélo", "bus", "espaces verts", "propreté"])
    ]
    rows.append(
        Contribution(
            process=process,
            channel="en_ligne",
            answers={qid: "Masqué : injures"},
            visibility=Visibility.HIDDEN,
        )
    )
    Contribution.objects.bulk_create(rows)
    return process


def test_run_creates_version_one_with_themes_quotes_and_breakdowns(answered, users):
    version = synthesis.run(process=answered, actor=users["contributeur"])
    assert version.version == 1 and version.documents == 120
    themes = list(version.themes.all())
    assert len(themes) >= 2 and sum(t.size for t in themes) + version.unclassified == 120
    for t in themes:
        assert t.quotes and t.label
        assert sum(t.by_channel.values()) == t.size == sum(t.by_postcode.values())
    assert not version.items.filter(text__contains="injures").exists()


def test_rename_merge_split_each_create_a_new_version(answered, users):
    v1 = synthesis.run(process=answered, actor=users["contributeur"], n_themes=4)
    first, second = list(v1.themes.all())[:2]
    v2 = synthesis.rename(theme=first, label="Vélo et pistes", actor=users["contributeur"])
    assert v2.version == 2 and v2.themes.filter(label="Vélo et pistes").exists()
    assert v1.themes.get(pk=first.pk).label == first.label  # older version unchanged
    v3 = synthesis.merge(themes=list(v2.themes.all()[:2]), actor=users["contributeur"])
    assert v3.themes.count() == v2.themes.count() - 1
    biggest = v3.themes.first()
    v4 = synthesis.split(theme=biggest, actor=users["contributeur"])
    assert v4.themes.count() == v3.themes.count() + 1
    assert v4.documents == v1.documents and v4.items.count() == v1.items.count()


def test_merge_needs_two_themes(answered, users):
    v1 = synthesis.run(process=answered, actor=None)
    with pytest.raises(ParticipationError, match="au moins deux"):
        synthesis.merge(themes=[v1.themes.first()], actor=None)


def test_synthesis_needs_at_least_two_texts(process, users):
    with pytest.raises(ParticipationError, match="au moins deux"):
        synthesis.run(process=process, actor=None)
    assert not Synthesis.objects.exists()


def test_paper_answers_appear_in_the_channel_breakdown(process, questions, users):
    qid = str(questions["ouverte"].pk)
    for text in ("Plus de bus le soir", "Des bus plus fréquents le soir", "Des arbres dans les parcs"):
        services.enter_paper_contribution(
            process=process,
            agent=users["contributeur"],
            answers={qid: text},
            place="Marché",
            collected_on=timezone.localdate(),
        )
    version = synthesis.run(process=process, actor=None)
    assert sum(t.by_channel.get("papier", 0) for t in version.themes.all()) == 3


def test_background_task_produces_a_version(answered, users):
    from parvis.participation import tasks

    tasks.enqueue_synthesis(answered, users["contributeur"])
    version = Synthesis.objects.get(process=answered)
    assert version.created_by == users["contributeur"] and version.themes.exists()


def test_a_retried_synthesis_task_stores_one_version(answered, users):
    from parvis.participation import tasks

    request_id = tasks.enqueue_synthesis(answered, users["contributeur"], 4)
    first = Synthesis.objects.get(process=answered)
    # The queue retries the same call (a worker died after storing, before reporting success).
    again = tasks.run_synthesis.call(answered.pk, users["contributeur"].pk, 4, request_id)
    assert again == first.version == 1
    assert Synthesis.objects.filter(process=answered).count() == 1
    assert first.themes.count() == 4
    # A new request is a new version.
    tasks.enqueue_synthesis(answered, users["contributeur"], 4)
    assert sorted(Synthesis.objects.filter(process=answered).values_list("version", flat=True)) == [1, 2]
