from django.contrib.auth import views as auth_views
from django.urls import path

from parvis.accounts.views import (
    admin_settings,
    admin_users,
    audit,
    invitations,
    notifications,
    organisations,
)
from parvis.accounts.views import public as views

app_name = "accounts"

urlpatterns = [
    path("", views.profile, name="profile"),
    path("connexion/", views.LoginView.as_view(), name="login"),
    path("deconnexion/", views.logout_view, name="logout"),
    path("inscription/", views.signup, name="signup"),
    path("verifier/<str:token>/", views.verify_email, name="verify"),
    path("mes-donnees/", views.export_data, name="export"),
    path("supprimer/", views.erase, name="erase"),
    path("notifications/", notifications.preferences, name="notifications"),
    path("invitation/<str:token>/", invitations.accept, name="invitation"),
    path("journal/", audit.audit_log, name="audit_log"),
    path("journal/export.csv", audit.audit_log_csv, name="audit_log_csv"),
    path("admin/organisations/", organisations.organisation_list, name="admin_organisations"),
    path(
        "admin/organisations/nouvelle/", organisations.organisation_create, name="admin_organisation_create"
    ),
    path("admin/utilisateurs/", admin_users.user_list, name="admin_users"),
    path("admin/utilisateurs/<int:pk>/activation/", admin_users.set_active, name="admin_user_active"),
    path("admin/reglages/", admin_settings.instance_settings, name="admin_settings"),
    path("admin/courriels/", notifications.outbox, name="outbox"),
    path("admin/courriels/<int:pk>/", notifications.outbox_message, name="outbox_message"),
    path("organisations/<slug:slug>/", organisations.organisation_detail, name="organisation"),
    path("organisations/<slug:slug>/modifier/", organisations.organisation_edit, name="organisation_edit"),
    path("organisations/<slug:slug>/logo/", organisations.organisation_logo, name="organisation_logo"),
    path("organisations/<slug:slug>/inviter/", organisations.invite, name="invite"),
    path(
        "organisations/<slug:slug>/invitations/<int:invitation_id>/annuler/",
        organisations.revoke_invitation,
        name="revoke_invitation",
    ),
    path("organisations/<slug:slug>/transferer/", organisations.transfer, name="transfer"),
    path("organisations/<slug:slug>/journal/", audit.organisation_audit_log, name="organisation_audit_log"),
    path(
        "organisations/<slug:slug>/journal/export.csv",
        audit.organisation_audit_log_csv,
        name="organisation_audit_log_csv",
    ),
    path(
        "organisations/<slug:slug>/membres/<int:membership_id>/retirer/",
        organisations.remove_member,
        name="remove_member",
    ),
    path("mot-de-passe/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "mot-de-passe/envoye/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "mot-de-passe/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "mot-de-passe/termine/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password_reset_complete",
    ),
]
