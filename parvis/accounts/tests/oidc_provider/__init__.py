"""A real OpenID Connect provider for the tests: django-oauth-toolkit in OIDC mode, in its own tiny Django
project, started as a separate process by ``parvis/accounts/tests/test_oidc.py`` (no mock of the protocol)."""
