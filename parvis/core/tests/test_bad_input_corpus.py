"""The bad-input corpus (garbage, NUL bytes, 10,000 columns, one 50 MB line, zip and XML bombs, nested JSON,
NaN, invalid UTF-8) sent to every upload and import of a real server: `parvis serve` (granian, its web
worker and the task worker that parses large files) started on a fresh data directory. Never a server
error, a French refusal where the file cannot be used, a peak resident memory (VmHWM) under 500 MB for
every process of the server, and no temporary file left behind. Then invalid UTF-8 in the path and the
parameters of every route, in uploaded file names and in form fields: never a server error either."""

import os
import re
import secrets
import socket
import sys
import time
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest
import requests

from parvis.core.tests.corpus import corpus
from parvis.core.tests.processes import Instance, wait_for

# The server does not depend on the database engine here: the SQLite pass is enough (about 40 s of uploads).
pytestmark = pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="run on the SQLite pass only"
)

MAX_PEAK_MB = 500
FRENCH_REFUSAL = (
    "fichier",
    "colonne",
    "JSON",
    "lisible",
    "encod",
    "ligne",
    "octets",
    "classeur",
    "image",
    "CSV",
    "format",
)
# Files every import must refuse (the others may be imported with row-level remarks).
REFUSED = {
    "garbage.csv",
    "nul.csv",
    "colonnes.csv",
    "ligne.csv",
    "bombe.xlsx",
    "entites.xlsx",
    "imbrique.json",
}
SCENE = """
from pathlib import Path
from django.test import Client
from parvis.accounts.models import Membership, Organisation, User
from parvis.accounts.roles import OrganisationKind, Role
from parvis.catalog import services as catalog
from parvis.core.tests.scenes import open_process

org = Organisation.objects.create(
    name="Grand Paris Sud Est Avenir", slug="gpsea", kind=OrganisationKind.COLLECTIVITE,
    territory_code="ept:200058006",
)
users = {}
for role in ("admin", "gestionnaire"):
    users[role] = User.objects.create_user(
        email=f"{role}@test.parvis.local", password=None, email_verified=True, postcode="94000",
    )
users["admin"].is_superuser = users["admin"].is_staff = True
users["admin"].save()
Membership.objects.create(user=users["gestionnaire"], organisation=org, role=Role.GESTIONNAIRE)
source = Path(os.environ["PARVIS_DATA_DIR"]) / "communes.csv"
source.write_text("code,nom\\n94028,Créteil\\n", encoding="utf-8")
dataset, _ = catalog.create_dataset_from_file(
    organisation=org, title="Communes", path=str(source), published=True, actor=users["gestionnaire"]
)
resources = {"formulaire": dataset.resources.get().slug}
for title in ("API", "Schéma"):
    resources[title] = catalog.create_resource(dataset=dataset, title=title).slug
source.unlink()
process = open_process(org, "concertation")
sessions = {}
for role, user in users.items():
    client = Client()
    client.force_login(user)
    sessions[role] = client.cookies["sessionid"].value
print(json.dumps({
    "dataset": dataset.slug, "resources": resources, "process": process.slug, "org": org.pk,
    "org_slug": org.slug, "sessions": sessions,
}))
"""

OUTCOMES = """
from parvis.catalog.models import ResourceVersion, VersionStatus
from parvis.catalog.services import expire_stale_imports
from parvis.inclusion.models import ImportBatch
from parvis.participation.models import ImportReport

busy = [VersionStatus.PENDING, VersionStatus.PROCESSING]
deadline = time.monotonic() + float(os.environ["WAIT"])
while (
    ResourceVersion.objects.filter(status__in=busy).exists()
    or ImportBatch.objects.filter(pending=True).exists()
    or ImportReport.objects.filter(status="pending").exists()
) and time.monotonic() < deadline:
    time.sleep(0.5)
    expire_stale_imports()
outcomes = {}
for v in ResourceVersion.objects.select_related("resource"):
    key = "catalog-new" if v.resource.title in NAMES else ("catalog:" + v.resource.slug)
    name = v.resource.title if v.resource.title in NAMES else v.source_name
    outcomes.setdefault(key, {})[name] = [v.status, v.failure]
for b in ImportBatch.objects.all():
    outcomes.setdefault("inclusion", {})[b.filename] = ["pending" if b.pending else "done", b.error]
for r in ImportReport.objects.all():
    outcomes.setdefault("participation", {})[r.filename] = [r.status, r.failure]
print(json.dumps(outcomes))
"""


class _Notices(HTMLParser):
    """The text of a page's notices: form errors (role="alert", errorlist) and import outcomes (role="status")."""

    def __init__(self):
        super().__init__()
        self.depth, self.parts = 0, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.depth:
            self.depth += 1
        elif attrs.get("role") in ("alert", "status") or "errorlist" in (attrs.get("class") or ""):
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)


def notices(response) -> str:
    if "json" in response.headers.get("Content-Type", ""):
        return str(response.json().get("detail", ""))
    parser = _Notices()
    parser.feed(response.text)
    return re.sub(r"\s+", " ", " ".join(parser.parts)).strip()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _descendants(pid: int) -> set[int]:
    found, todo = set(), [pid]
    while todo:
        for task in Path(f"/proc/{todo.pop()}/task").glob("*"):
            try:
                children = set(map(int, (task / "children").read_text().split()))
            except FileNotFoundError:  # a thread or process that just ended
                continue
            found |= children
            todo.extend(children)
    return found


def _peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise AssertionError(f"no VmHWM for process {pid}")


def _command(pid: int) -> str:
    return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()[-80:]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus")
    scratch = root / "scratch"  # TMPDIR of every server process: Python's and DuckDB's temporary files
    scratch.mkdir()
    inst = Instance(root / "data", "corpus", TMPDIR=str(scratch), PARVIS_WEB_WORKERS="1")
    migrated = inst.parvis("migrate", "--no-input", "-v0")
    assert migrated.returncode == 0, migrated.stderr
    scene = inst.python(SCENE)
    port = _free_port()
    serve = inst.start(sys.executable, "-m", "parvis.cli", "serve", "--port", str(port))
    base = f"http://127.0.0.1:{port}"

    def answers():
        try:
            return urllib.request.urlopen(base + "/healthz", timeout=5).status == 200
        except OSError:
            return False

    wait_for(answers, timeout=120)
    processes = wait_for(lambda: _descendants(serve.pid) if len(_descendants(serve.pid)) >= 3 else None, 60)
    yield {
        "inst": inst,
        "base": base,
        "scene": scene,
        "scratch": scratch,
        "serve": serve,
        "processes": processes,
    }
    inst.close()


def _endpoints(scene):
    """(name, role, path, file field, other fields) of every upload and import of Parvis."""
    ds, res = scene["dataset"], scene["resources"]
    return [
        ("catalog-new", "gestionnaire", f"/donnees/{ds}/ressources/nouvelle/", "file", {"title": "{name}"}),
        (
            "catalog:" + res["formulaire"],
            "gestionnaire",
            f"/donnees/{ds}/{res['formulaire']}/importer/",
            "file",
            {},
        ),
        (
            "catalog:" + res["API"],
            "gestionnaire",
            f"/api/catalog/datasets/{ds}/resources/{res['API']}/versions",
            "file",
            {},
        ),
        ("catalog-schema", "gestionnaire", f"/donnees/{ds}/{res['Schéma']}/schema/", "file", {}),
        ("inclusion", "gestionnaire", "/aide/gestion/import/", "fichier", {}),
        ("participation", "gestionnaire", f"/participation/{scene['process']}/import/", "file", {}),
        (
            "footprint",
            "gestionnaire",
            "/sobriete/sites/importer/",
            "file",
            {"organisation": str(scene["org"])},
        ),
        (
            "organisation-logo",
            "admin",
            f"/compte/organisations/{scene['org_slug']}/modifier/",
            "logo",
            {"name": "Grand Paris Sud Est Avenir", "kind": "collectivite"},
        ),
        ("instance-logo", "admin", "/compte/admin/reglages/", "logo", {}),
    ]


def _send_corpus(server, token: str) -> tuple[dict, dict]:
    """Every corpus file to every upload: the status and the French notices of each answer."""
    scene = server["scene"]
    answers, statuses = {}, {}
    for endpoint, role, path, field, fields in _endpoints(scene):
        cookies = f"sessionid={scene['sessions'][role]}; csrftoken={token}"
        for name, data in corpus():
            form = {k: v.format(name=name) for k, v in fields.items()} | {"csrfmiddlewaretoken": token}
            response = requests.post(
                server["base"] + path,
                data=form,
                files={field: (name, data)},
                headers={"Cookie": cookies, "X-CSRFToken": token},
                timeout=120,
            )
            statuses[endpoint, name] = response.status_code
            answers[endpoint, name] = notices(response)
    return statuses, answers


BAD_UTF8 = "%FF%FEcaf%C3%28%80"  # bytes that are not UTF-8, percent-encoded as a client may send them


def _routes() -> list[str]:
    """Every route of the URL configuration, its text parameters filled with invalid UTF-8."""
    from django.urls import URLResolver, get_resolver

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                yield prefix + str(pattern.pattern)

    filled = {
        re.sub(r"<(?:int:)[^>]+>", "1", re.sub(r"<(?:str:|slug:|path:)?[a-z_]+>", BAD_UTF8, route))
        for route in walk(get_resolver().url_patterns)
    }
    return sorted(route for route in filled if "deconnexion" not in route)  # the session must stay open


def _multipart(fields: dict[str, bytes], field: str, filename: bytes, data: bytes) -> tuple[bytes, str]:
    """A multipart body written by hand: clients are free to send bytes that are not UTF-8 in it."""
    boundary = secrets.token_hex(12)
    parts = [
        b'--%s\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s\r\n'
        % (boundary.encode(), k.encode(), v)
        for k, v in fields.items()
    ]
    parts.append(
        b'--%s\r\nContent-Disposition: form-data; name="%s"; filename="%s"\r\nContent-Type: text/csv\r\n\r\n%s\r\n'
        % (boundary.encode(), field.encode(), filename, data)
    )
    return b"".join(parts) + b"--%s--\r\n" % boundary.encode(), f"multipart/form-data; boundary={boundary}"


def _send_invalid_utf8(server, token: str) -> list[tuple[str, int]]:
    """Invalid UTF-8 in the path and parameters of every route, then in the file names and form fields of
    every upload: the requests answered with a server error."""
    scene, base = server["scene"], server["base"]
    cookies = {role: f"sessionid={scene['sessions'][role]}; csrftoken={token}" for role in scene["sessions"]}
    api = f"/api/catalog/datasets/{scene['dataset']}/resources/{scene['resources']['formulaire']}"
    query = f"?q={BAD_UTF8}&lieu={BAD_UTF8}&page={BAD_UTF8}&version={BAD_UTF8}&_sort={BAD_UTF8}&{BAD_UTF8}=1"
    urls = [route + query for route in _routes()] + [
        f"{api}/rows?nom={BAD_UTF8}",
        f"{api}/rows?_col={BAD_UTF8}&_cursor={BAD_UTF8}",
        f"{api}/facets?_facet={BAD_UTF8}",
        f"{api}/aggregate?_group={BAD_UTF8}&_agg=sum:{BAD_UTF8}",
    ]
    failures = []
    for url in urls:
        response = requests.get(
            base + "/" + url.lstrip("/"),
            headers={"Cookie": cookies["gestionnaire"]},
            timeout=60,
            allow_redirects=False,
        )
        if response.status_code >= 500:
            failures.append((url, response.status_code))
    for endpoint, role, path, field, fields in _endpoints(scene):
        form = {k: b"\xff\xfe caf\xe9 " + v.encode() for k, v in fields.items()}
        form["csrfmiddlewaretoken"] = token.encode()
        body, content_type = _multipart(form, field, b"caf\xe9-\xff\xfe.csv", b"code,nom\n94028,Cr\xe9teil\n")
        response = requests.post(
            base + path,
            data=body,
            headers={"Cookie": cookies[role], "X-CSRFToken": token, "Content-Type": content_type},
            timeout=60,
        )
        if response.status_code >= 500:
            failures.append((endpoint, response.status_code))
    return failures


def test_a_real_server_refuses_bad_files_in_french_and_survives_invalid_utf8_within_500_mb_leaving_no_temp_file(
    server,
):
    started = time.monotonic()
    token = secrets.token_hex(16)  # a CSRF secret of our own, sent as the cookie and as the form field
    statuses, answers = _send_corpus(server, token)
    utf8_failures = _send_invalid_utf8(server, token)
    sending = time.monotonic() - started
    outcomes = server["inst"].python(OUTCOMES.replace("NAMES", repr({n for n, _ in corpus()})), WAIT="120")
    waited = time.monotonic() - started - sending
    peaks = {pid: _peak_mb(pid) for pid in server["processes"]}
    report = {f"{pid} {_command(pid)}": round(mb) for pid, mb in peaks.items()}
    print(f"sent in {sending:.0f} s, worker done {waited:.0f} s later; peak MB {report}")

    assert [k for k, status in statuses.items() if status >= 500] == [], statuses
    assert utf8_failures == []
    assert _descendants(server["serve"].pid) == server["processes"], "a server process died and was restarted"
    assert max(peaks.values()) < MAX_PEAK_MB, report
    unanswered = []
    for (endpoint, name), answer in answers.items():
        stored = outcomes.get(endpoint, {}).get(name, ["", ""])
        assert stored[0] not in ("pending", "processing"), (endpoint, name, stored)
        if name in REFUSED:
            said = answer + " " + stored[1]
            if not any(word in said for word in FRENCH_REFUSAL):
                unanswered.append((endpoint, name, statuses[endpoint, name], said[:200]))
    assert unanswered == []
    assert [p for p in server["scratch"].rglob("*")] == []
    data_tmp = server["inst"].data_dir / "tmp"
    assert [p for p in data_tmp.rglob("*") if p.is_file()] == []
