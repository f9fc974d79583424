"""The administrator's list of accounts, with search, and switching an account off or back on."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from parvis.accounts import selectors
from parvis.accounts.admin_forms import UserSearchForm
from parvis.accounts.decorators import require
from parvis.accounts.models import User
from parvis.accounts.services import MembershipError, members


@require("accounts.manage_instance")
def user_list(request):
    form = UserSearchForm(request.GET)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    users = selectors.search_users(query).prefetch_related("memberships__organisation")
    page = Paginator(users, 50).get_page(request.GET.get("page"))
    return render(request, "accounts/admin/users.html", {"form": form, "page": page, "query": query})


@require_POST
@require("accounts.manage_instance")
def set_active(request, pk):
    user = get_object_or_404(User, pk=pk)
    active = request.POST.get("active") == "1"
    try:
        members.set_user_active(user=user, active=active, actor=request.user, request=request)
    except MembershipError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            (_("Le compte %(email)s est réactivé.") if active else _("Le compte %(email)s est désactivé."))
            % {"email": user.email},
        )
    return redirect("accounts:admin_users")
