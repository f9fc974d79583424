"""API tokens of the signed-in person: list with last use, create (the secret is shown once), revoke."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from parvis.accounts.forms import TokenForm
from parvis.accounts.models import ApiToken
from parvis.accounts.roles import Role
from parvis.accounts.selectors import organisations_for
from parvis.accounts.services import tokens
from parvis.core.ratelimit import ratelimit


def _visible_tokens(user):
    """The person's own tokens, and those of the organisations they manage."""
    managed = organisations_for(user, Role.GESTIONNAIRE)
    return ApiToken.objects.filter(Q(user=user) | Q(organisation__in=managed)).select_related(
        "organisation", "user"
    )


@login_required
@ratelimit("accounts.tokens", limit=20, period=3600)
def token_list(request):
    form = TokenForm(request.POST or None, organisations=organisations_for(request.user, Role.GESTIONNAIRE))
    if request.method == "POST" and form.is_valid():
        try:
            created = tokens.create_token(
                user=request.user,
                name=form.cleaned_data["name"],
                scopes=form.cleaned_data["scopes"],
                days=form.cleaned_data["days"],
                organisation=form.cleaned_data["organisation"],
                request=request,
            )
        except tokens.TokenError as exc:
            form.add_error(None, str(exc))
        else:
            return render(request, "accounts/token_created.html", {"created": created})
    return render(request, "accounts/tokens.html", {"form": form, "tokens": _visible_tokens(request.user)})


@require_POST
@login_required
def revoke(request, token_id):
    token = get_object_or_404(_visible_tokens(request.user), pk=token_id)
    tokens.revoke_token(token=token, actor=request.user, request=request)
    messages.success(request, _("Le jeton « %(name)s » est révoqué.") % {"name": token.name})
    return redirect("accounts:tokens")
