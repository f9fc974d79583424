"""Organisations: the administrator's list and creation form; each organisation's page, where its
gestionnaire edits it, invites and removes members and hands the gestion over."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from parvis.accounts import policy, selectors, services
from parvis.accounts.admin_forms import InvitationForm, OrganisationForm, TransferForm
from parvis.accounts.decorators import require
from parvis.accounts.forms import MemberForm
from parvis.accounts.models import Invitation, Membership, Organisation, User
from parvis.accounts.roles import Role
from parvis.accounts.services import MembershipError, invitations, members
from parvis.accounts.services.organisations import save_organisation
from parvis.core.views.files import stored_file_response


def _organisation(request, slug, **_):
    return get_object_or_404(Organisation, slug=slug)


@require("accounts.manage_instance")
def organisation_list(request):
    organisations = Organisation.objects.annotate(members=Count("memberships")).order_by("name")
    return render(request, "accounts/admin/organisations.html", {"organisations": organisations})


def _save(request, form, organisation=None):
    try:
        return save_organisation(
            values={k: v for k, v in form.cleaned_data.items() if k != "logo"},
            logo=form.cleaned_data.get("logo"),
            organisation=organisation,
            actor=request.user,
            request=request,
        )
    except ValidationError as error:
        form.add_error("logo", error)
        return None


@require("accounts.manage_instance")
def organisation_create(request):
    form = OrganisationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        organisation = _save(request, form)
        if organisation is not None:
            messages.success(request, _("L'organisation %(name)s est créée.") % {"name": organisation.name})
            return redirect("accounts:organisation", slug=organisation.slug)
    return render(request, "accounts/admin/organisation_form.html", {"form": form, "organisation": None})


@require("accounts.manage_organisation", get_object=_organisation)
def organisation_edit(request, slug):
    organisation = request.permission_object
    initial = {field: getattr(organisation, field) for field in ("name", "kind", "siret", "territory_code")}
    form = OrganisationForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid() and _save(request, form, organisation) is not None:
        messages.success(request, _("L'organisation est enregistrée."))
        return redirect("accounts:organisation", slug=organisation.slug)
    return render(
        request, "accounts/admin/organisation_form.html", {"form": form, "organisation": organisation}
    )


@require_safe
def organisation_logo(request, slug):
    return stored_file_response(get_object_or_404(Organisation, slug=slug).logo)


def _page(request, organisation, status=200, **forms):
    can_manage = policy.can(request.user, "accounts.manage_organisation", organisation)
    memberships = organisation.memberships.select_related("user").order_by("user__email")
    is_gestionnaire = policy.has_role(request.user, organisation, Role.GESTIONNAIRE)
    others = memberships.exclude(user=request.user).filter(user__is_active=True)
    context = {
        "organisation": organisation,
        "members": memberships,
        "can_manage": can_manage,
        "form": forms.get("form") or (MemberForm() if can_manage else None),
        "invite_form": forms.get("invite_form") or (InvitationForm(prefix="invite") if can_manage else None),
        "transfer_form": forms.get("transfer_form")
        or (TransferForm(prefix="transfer", memberships=others) if is_gestionnaire and others else None),
        "invitations": selectors.invitations_of(organisation)[:50] if can_manage else [],
    }
    return render(request, "accounts/organisation.html", context, status=status)


@require("accounts.view_organisation", get_object=_organisation)
def organisation_detail(request, slug):
    organisation = request.permission_object
    if request.method != "POST":
        return _page(request, organisation)
    if not policy.can(request.user, "accounts.manage_organisation", organisation):
        return render(request, "core/errors/403.html", status=403)
    form = MemberForm(request.POST)
    if form.is_valid():
        member = User.objects.get(email=form.cleaned_data["email"])
        try:
            services.set_membership(
                user=member,
                organisation=organisation,
                role=form.cleaned_data["role"],
                actor=request.user,
                request=request,
            )
        except MembershipError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Le rôle de %(email)s est enregistré.") % {"email": member.email})
            return redirect("accounts:organisation", slug=slug)
    return _page(request, organisation, status=400, form=form)


@require_POST
@require("accounts.manage_organisation", get_object=_organisation)
def remove_member(request, slug, membership_id):
    membership = get_object_or_404(Membership, pk=membership_id, organisation=request.permission_object)
    try:
        services.remove_membership(membership=membership, actor=request.user, request=request)
    except MembershipError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Le membre a été retiré de l'organisation."))
    return redirect("accounts:organisation", slug=slug)


@require_POST
@require("accounts.manage_organisation", get_object=_organisation)
def invite(request, slug):
    organisation = request.permission_object
    form = InvitationForm(request.POST, prefix="invite")
    if not form.is_valid():
        return _page(request, organisation, status=400, invite_form=form)
    invitations.invite(
        organisation=organisation,
        email=form.cleaned_data["email"],
        role=form.cleaned_data["role"],
        actor=request.user,
        request=request,
    )
    messages.success(
        request,
        _("L'invitation est envoyée à %(email)s ; le lien est valable 7 jours et ne sert qu'une fois.")
        % {"email": form.cleaned_data["email"]},
    )
    return redirect("accounts:organisation", slug=slug)


@require_POST
@require("accounts.manage_organisation", get_object=_organisation)
def revoke_invitation(request, slug, invitation_id):
    invitation = get_object_or_404(Invitation, pk=invitation_id, organisation=request.permission_object)
    invitations.revoke(invitation=invitation, actor=request.user, request=request)
    messages.success(request, _("L'invitation de %(email)s est annulée.") % {"email": invitation.email})
    return redirect("accounts:organisation", slug=slug)


@require_POST
@require("accounts.manage_organisation", get_object=_organisation)
def transfer(request, slug):
    organisation = request.permission_object
    if not policy.has_role(request.user, organisation, Role.GESTIONNAIRE):
        messages.error(
            request, _("Seul un gestionnaire membre de l'organisation peut transférer sa gestion.")
        )
        return redirect("accounts:organisation", slug=slug)
    others = organisation.memberships.select_related("user").exclude(user=request.user)
    form = TransferForm(request.POST, prefix="transfer", memberships=others)
    if not form.is_valid():
        return _page(request, organisation, status=400, transfer_form=form)
    try:
        members.transfer_gestion(
            organisation=organisation,
            from_user=request.user,
            to_membership=form.cleaned_data["membership"],
            request=request,
        )
    except MembershipError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(email)s gère désormais l'organisation ; vous en restez contributeur.")
            % {"email": form.cleaned_data["membership"].user.email},
        )
    return redirect("accounts:organisation", slug=slug)
