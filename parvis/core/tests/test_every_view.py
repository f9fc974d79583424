"""Every page without URL parameters, for every role: answered, never a server error."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

ROLES = ["anonyme", "citoyen", "partenaire", "contributeur", "gestionnaire", "admin"]


def _parameterless_paths(patterns=None, prefix="") -> list[str]:
    paths = []
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        route = str(entry.pattern)
        if "<" in route or "(?P" in route or route.startswith("^"):
            continue
        if isinstance(entry, URLResolver):
            paths.extend(_parameterless_paths(entry.url_patterns, prefix + route))
        elif isinstance(entry, URLPattern):
            paths.append("/" + prefix + route)
    return sorted(set(paths))


PATHS = _parameterless_paths()


def test_the_url_map_is_discovered():
    assert {"/", "/compte/connexion/", "/healthz", "/api/docs"} <= set(PATHS)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_no_page_answers_a_server_error(client_as, role):
    client = client_as(role)
    failures = {}
    for path in PATHS:
        status = client.get(path).status_code
        if status >= 500:
            failures[path] = status
    assert failures == {}
