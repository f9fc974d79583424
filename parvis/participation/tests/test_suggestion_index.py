"""The similar-proposal index kept in each process never answers with a stale set of proposals."""

from parvis.participation import selectors
from parvis.participation.models import Proposal, Visibility


def titles(process, text):
    return [p.title for p, _score in selectors.similar_proposals(process, text)]


def test_a_proposal_hidden_while_another_is_restored_is_no_longer_suggested(process, proposal, users):
    other = Proposal.objects.create(
        process=process,
        author=users["citoyen"],
        title="Une piste cyclable avenue de la gare",
        body="Une piste cyclable protégée vers la gare.",
        visibility=Visibility.HIDDEN,
    )
    assert titles(process, "piste cyclable gare") == [proposal.title]  # the index is now warm
    # Another node moderates: one hidden, one restored. Counts are unchanged, the answer must not be.
    Proposal.objects.filter(pk=proposal.pk).update(visibility=Visibility.HIDDEN)
    Proposal.objects.filter(pk=other.pk).update(visibility=Visibility.VISIBLE)
    assert titles(process, "piste cyclable gare") == [other.title]


def test_a_new_proposal_is_suggested_at_once(process, proposal, users):
    assert titles(process, "banc square") == []
    Proposal.objects.create(
        process=process, author=users["citoyen"], title="Un banc au square", body="Un banc au square Dupont."
    )
    assert titles(process, "banc square") == ["Un banc au square"]
