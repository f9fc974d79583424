"""Models of the participation app."""

from parvis.participation.models.moderation import Ban, ModerationDecision, Report
from parvis.participation.models.process import (
    Ballot,
    BudgetProject,
    Channel,
    Comment,
    Contribution,
    Meeting,
    Moderated,
    Phase,
    Process,
    Proposal,
    Question,
    Registration,
    Resident,
    Support,
    TerritoryKind,
    Visibility,
)
from parvis.participation.models.synthesis import ImportReport, Synthesis, SynthesisItem, Theme

__all__ = [
    "Ballot",
    "Ban",
    "BudgetProject",
    "Channel",
    "Comment",
    "Contribution",
    "ImportReport",
    "Meeting",
    "Moderated",
    "ModerationDecision",
    "Phase",
    "Process",
    "Proposal",
    "Question",
    "Registration",
    "Report",
    "Resident",
    "Support",
    "Synthesis",
    "SynthesisItem",
    "TerritoryKind",
    "Theme",
    "Visibility",
]
