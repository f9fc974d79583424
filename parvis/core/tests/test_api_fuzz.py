"""A bounded schemathesis run over the whole OpenAPI, anonymously and with the session (and CSRF token) of each
role: no server error, and every status code answered is declared in the OpenAPI.

Path parameters that name objects (dataset, resource, version, process, proposal, place) are pinned to real
ones, so the generated cases reach the code behind the 404 and fuzz the query strings and bodies there. The
run is bounded by ``FUZZ_EXAMPLES`` examples per operation (each sent once per role).
"""

import copy
import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import status_code_conformance

from parvis.api import api
from parvis.core.tests.scenes import open_process
from parvis.wsgi import application

FUZZ_EXAMPLES = int(os.environ.get("PARVIS_FUZZ_EXAMPLES", "6"))
ROLES = ("anonyme", "citoyen", "partenaire", "contributeur", "gestionnaire", "admin")
CSRF_SECRET = "a" * 32  # a valid secret: the cookie and the header carry the same one
PINNED = {  # (path prefix, parameter) -> value of the objects made by the `scene` fixture
    ("/api/catalog/", "slug"): "mesures",
    ("/api/catalog/", "resource"): "mesures",
    ("/api/catalog/", "number"): 1,
    ("/api/participation/processes/", "slug"): "mobilites",
}


def _pinned_schema() -> dict:
    raw = copy.deepcopy(api.get_openapi_schema())
    for path, operations in raw["paths"].items():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                for (prefix, name), value in PINNED.items():
                    if path.startswith(prefix) and parameter["name"] == name and parameter["in"] == "path":
                        parameter["schema"] = {"enum": [value]}
    return raw


schema = schemathesis.openapi.from_dict(_pinned_schema())


@pytest.fixture
def scene(users, org, tmp_path, settings):
    """A public dataset with NaN and Infinity in it, a process open to proposals, one proposal."""
    from parvis.catalog import services as catalog
    from parvis.participation.models import Proposal

    settings.PARVIS_DATA_DIR = tmp_path / "data"
    source = tmp_path / "mesures.csv"
    source.write_text("code,valeur,rowid\n94028,1.5,1\n94002,NaN,2\n94071,inf,3\n", encoding="utf-8")
    catalog.create_dataset_from_file(organisation=org, title="Mesures", path=str(source), published=True)
    process = open_process(org, "mobilites")
    Proposal.objects.create(process=process, author=users["citoyen"], title="Une piste", body="Une piste.")


@pytest.fixture
def keep_connections():
    """The WSGI app is called directly: like Django's test client, keep the test's database connection open
    across requests (on PostgreSQL, closing it would end the test's transaction)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def role_headers(users):
    """Headers of each role: the session cookie and a CSRF token (none for the anonymous visitor)."""
    headers = {"anonyme": {}}
    for role in ROLES[1:]:
        client = Client()
        client.force_login(users[role])
        cookie = f"sessionid={client.cookies['sessionid'].value}; csrftoken={CSRF_SECRET}"
        headers[role] = {"Cookie": cookie, "X-CSRFToken": CSRF_SECRET}
    return headers


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_the_api_never_answers_a_server_error_nor_an_undeclared_status(
    case, scene, role_headers, keep_connections
):
    for role in ROLES:
        case.call_and_validate(
            app=application,
            headers=role_headers[role],
            checks=[not_a_server_error, status_code_conformance],
        )
