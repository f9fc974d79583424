"""The invitation link: the invited person accepts, with their account or by creating it on the spot."""

from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from parvis.accounts.admin_forms import AcceptWithAccountForm
from parvis.accounts.services import MembershipError, invitations
from parvis.core.ratelimit import ratelimit


@ratelimit("accounts.invitation", limit=20, period=3600)
def accept(request, token):
    try:
        invitation = invitations.resolve(token)
    except invitations.InvitationError as error:
        return render(request, "accounts/invitation_invalid.html", {"error": str(error)}, status=400)
    form = None
    if not request.user.is_authenticated:
        form = AcceptWithAccountForm(request.POST or None, email=invitation.email)
    if request.method == "POST":
        try:
            if request.user.is_authenticated:
                invitations.accept(token=token, user=request.user, request=request)
            elif form.is_valid():
                user = invitations.accept_with_new_account(
                    token=token,
                    password=form.cleaned_data["password"],
                    display_name=form.cleaned_data["display_name"],
                    request=request,
                )
                login(request, user, backend="parvis.accounts.backends.EmailBackend")
            else:
                return _page(request, invitation, form, status=400)
        except MembershipError as error:
            return render(request, "accounts/invitation_invalid.html", {"error": str(error)}, status=400)
        messages.success(
            request,
            _("Vous avez rejoint %(organisation)s avec le rôle « %(role)s ».")
            % {"organisation": invitation.organisation.name, "role": invitation.get_role_display()},
        )
        return redirect("accounts:organisation", slug=invitation.organisation.slug)
    return _page(request, invitation, form)


def _page(request, invitation, form, status=200):
    return render(
        request, "accounts/invitation.html", {"invitation": invitation, "form": form}, status=status
    )
