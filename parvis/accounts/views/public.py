from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from parvis.accounts import policy, services
from parvis.accounts.decorators import require
from parvis.accounts.forms import MemberForm
from parvis.accounts.models import AuditEvent, Membership, Organisation, User
from parvis.accounts.tokens import read_email_token


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


def _organisation(request, slug, **_):
    return get_object_or_404(Organisation, slug=slug)


@require_POST
def logout_view(request):
    logout(request)
    return redirect("core:home")


def verify_email(request, token):
    data = read_email_token(token)
    user = User.objects.filter(pk=data["id"], email=data["email"]).first() if data else None
    if user is None:
        return render(request, "accounts/verify_failed.html", status=400)
    user.email_verified = True
    user.save(update_fields=["email_verified"])
    messages.success(request, _("Votre adresse électronique est confirmée."))
    return redirect("accounts:profile" if request.user.is_authenticated else "accounts:login")


@login_required
def profile(request):
    memberships = request.user.memberships.select_related("organisation").order_by("organisation__name")
    return render(request, "accounts/profile.html", {"memberships": memberships})


@require("accounts.view_organisation", get_object=_organisation)
def organisation_detail(request, slug):
    organisation = request.permission_object
    can_manage = policy.can(request.user, "accounts.manage_organisation", organisation)
    form = MemberForm(request.POST or None) if can_manage else None
    if request.method == "POST":
        if not can_manage:
            return render(request, "core/errors/403.html", status=403)
        if form.is_valid():
            member = User.objects.get(email=form.cleaned_data["email"])
            services.set_membership(
                user=member,
                organisation=organisation,
                role=form.cleaned_data["role"],
                actor=request.user,
                request=request,
            )
            messages.success(request, _("Le rôle de %(email)s est enregistré.") % {"email": member.email})
            return redirect("accounts:organisation", slug=slug)
    members = organisation.memberships.select_related("user").order_by("user__email")
    return render(
        request,
        "accounts/organisation.html",
        {"organisation": organisation, "members": members, "form": form, "can_manage": can_manage},
    )


@require_POST
@require("accounts.manage_organisation", get_object=_organisation)
def remove_member(request, slug, membership_id):
    membership = get_object_or_404(Membership, pk=membership_id, organisation=request.permission_object)
    services.remove_membership(membership=membership, actor=request.user, request=request)
    messages.success(request, _("Le membre a été retiré de l'organisation."))
    return redirect("accounts:organisation", slug=slug)


@require("accounts.view_audit_log", get_object=_organisation)
def organisation_audit_log(request, slug):
    events = AuditEvent.objects.filter(organisation=request.permission_object).select_related("organisation")[
        :500
    ]
    return render(
        request, "accounts/audit_log.html", {"events": events, "organisation": request.permission_object}
    )


@require("accounts.manage_instance")
def audit_log(request):
    events = AuditEvent.objects.select_related("organisation")[:500]
    return render(request, "accounts/audit_log.html", {"events": events})
