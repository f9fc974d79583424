from django.contrib.auth.backends import ModelBackend

from parvis.accounts.models import User


class EmailBackend(ModelBackend):
    """Email (case-insensitive) + password; lock-out is enforced by the login form before this runs."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        email = (username or kwargs.get("email") or "").strip().lower()
        if not email or password is None:
            return None
        try:
            user = User.objects.get(email=email)
        except User.DoesNotExist:
            User().set_password(password)  # same cost as a real check: no timing oracle on emails
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


try:
    from mozilla_django_oidc.auth import OIDCAuthenticationBackend  # lazy: only when OIDC is configured
except ImportError:  # pragma: no cover - the package is a declared dependency
    OIDCAuthenticationBackend = None

if OIDCAuthenticationBackend is not None:

    class OIDCBackend(OIDCAuthenticationBackend):
        """Single sign-on: an OpenID Connect identity maps to the Parvis account with the same email."""

        def filter_users_by_claims(self, claims):
            email = (claims.get("email") or "").lower()
            return User.objects.filter(email=email) if email else User.objects.none()

        def create_user(self, claims):
            return User.objects.create_user(
                email=claims["email"].lower(),
                display_name=claims.get("name", "")[:150],
                email_verified=bool(claims.get("email_verified", True)),
            )
