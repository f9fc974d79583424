from django.contrib.auth import views as auth_views
from django.urls import path

from parvis.accounts.views import auth, rgpd, tokens
from parvis.accounts.views import public as views

app_name = "accounts"

urlpatterns = [
    path("", views.profile, name="profile"),
    path("connexion/", auth.LoginView.as_view(), name="login"),
    path("connexion/code/", auth.login_code, name="login_code"),
    path("double-authentification/", auth.two_factor, name="two_factor"),
    path("deconnexion/", views.logout_view, name="logout"),
    path("inscription/", auth.signup, name="signup"),
    path("verifier/<str:token>/", views.verify_email, name="verify"),
    path("mes-donnees/", rgpd.export_data, name="export"),
    path("supprimer/", rgpd.erase, name="erase"),
    path("registre-des-traitements/", rgpd.processing_register, name="processing_register"),
    path("registre-des-traitements.csv", rgpd.processing_register_csv, name="processing_register_csv"),
    path("jetons/", tokens.token_list, name="tokens"),
    path("jetons/<int:token_id>/revoquer/", tokens.revoke, name="revoke_token"),
    path("journal/", views.audit_log, name="audit_log"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation"),
    path("organisations/<slug:slug>/journal/", views.organisation_audit_log, name="organisation_audit_log"),
    path(
        "organisations/<slug:slug>/membres/<int:membership_id>/retirer/",
        views.remove_member,
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
