"""Permissions of the participation app, registered in parvis.accounts.policy."""

from parvis.accounts import policy
from parvis.accounts.roles import EDITOR_ROLES, Role


def _org(obj):
    return getattr(obj, "organisation_id", None) or getattr(
        getattr(obj, "process", None), "organisation_id", None
    )


@policy.rule("participation.view_process")
def view_process(user, process) -> bool:
    return True  # processes, their results and moderation logs are public


@policy.rule("participation.contribute")
def contribute(user, process) -> bool:
    """Answer, propose, support, comment, report, register, vote: a signed-in person with a verified email."""
    return bool(user and user.is_authenticated and user.is_active and user.email_verified)


@policy.rule("participation.create_process")
def create_process(user, organisation) -> bool:
    return policy.has_role(user, organisation, Role.GESTIONNAIRE)


@policy.rule("participation.manage_process")
def manage_process(user, process) -> bool:
    """Edit the process, answer proposals officially, moderate, import files, publish open data."""
    return process is not None and policy.has_role(user, _org(process), Role.GESTIONNAIRE)


@policy.rule("participation.enter_paper")
def enter_paper(user, process) -> bool:
    """Agents of the organisation enter contributions collected on paper or at a meeting."""
    return process is not None and policy.has_role(user, _org(process), *EDITOR_ROLES)


@policy.rule("participation.edit_synthesis")
def edit_synthesis(user, process) -> bool:
    """Run the synthesis again, rename, merge and split its themes."""
    return process is not None and policy.has_role(user, _org(process), *EDITOR_ROLES)
