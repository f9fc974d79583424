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
