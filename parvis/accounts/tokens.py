from django.core import signing

SALT = "parvis.accounts.verify-email"
MAX_AGE = 3 * 24 * 3600


def make_email_token(user) -> str:
    return signing.dumps({"id": user.pk, "email": user.email}, salt=SALT)


def read_email_token(token: str) -> dict | None:
    try:
        return signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
