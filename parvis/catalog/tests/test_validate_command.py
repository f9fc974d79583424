"""`parvis validate SCHEMA FILE --json`: output contract and exit status."""

from __future__ import annotations

import http.server
import io
import json
import threading
from pathlib import Path

import pytest
from django.core.management import call_command

EXAMPLES = Path(__file__).parent / "data" / "examples"
SCHEMA = EXAMPLES / "fontaine-eau" / "schema.json"
VALID = EXAMPLES / "fontaine-eau" / "exemple-valide.csv"


def run(*args) -> tuple[int | str | None, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(SystemExit) as caught:
        call_command("validate", *map(str, args), stdout=out, stderr=err)
    return caught.value.code, out.getvalue(), err.getvalue()


def invalid_copy(tmp_path) -> Path:
    lines = VALID.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "fontaines.csv"
    path.write_text("\n".join([lines[0], lines[1].replace("2023-10-03", "hier", 1)]) + "\n", encoding="utf-8")
    return path


def test_valid_file_exits_0_with_an_empty_error_list():
    code, out, _ = run(SCHEMA, VALID, "--json")
    assert code == 0
    assert json.loads(out) == {"valid": True, "errors": []}


def test_invalid_file_exits_1_and_lists_type_row_field_message(tmp_path):
    code, out, _ = run(SCHEMA, invalid_copy(tmp_path), "--json")
    assert code == 1
    report = json.loads(out)
    assert report["valid"] is False
    assert report["errors"] == [
        {
            "type": "type-error",
            "row": 2,
            "field": "date_installation",
            "message": "Ligne 2, colonne « date_installation » : « hier » n'est pas une valeur valide "
            "de type date (AAAA-MM-JJ).",
        }
    ]


def test_unusable_file_exits_2_with_a_french_message(tmp_path):
    empty = tmp_path / "vide.csv"
    empty.write_bytes(b"")
    code, out, _ = run(SCHEMA, empty, "--json")
    assert code == 2
    assert json.loads(out)["errors"][0]["message"] == "Le fichier « vide.csv » est vide."


def test_schema_can_be_named_by_its_catalogue_id(tmp_path):
    code, out, _ = run("datagouv/schema-fontaine-eau", invalid_copy(tmp_path), "--json")
    assert code == 1
    assert json.loads(out)["errors"][0]["field"] == "date_installation"


def test_text_output_summarises_by_error_kind(tmp_path):
    code, out, _ = run(SCHEMA, invalid_copy(tmp_path))
    assert code == 1
    assert "Fichier invalide : 1 erreur(s) sur 1 lignes." in out
    assert "Valeur du mauvais type (type-error) : 1" in out


@pytest.fixture
def html_server():
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server API)
            body = b"<!DOCTYPE html><html><body>Page d'accueil</body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/schema.json"
    server.shutdown()


def test_schema_url_answering_html_exits_2(html_server):
    code, out, _ = run(html_server, VALID, "--json")
    assert code == 2
    assert "page HTML" in json.loads(out)["errors"][0]["message"]


def test_parvis_front_door_passes_the_exit_status_through(tmp_path, capsys):
    from parvis.cli import main

    with pytest.raises(SystemExit) as caught:
        main(["parvis", "validate", str(SCHEMA), str(invalid_copy(tmp_path)), "--json"])
    assert caught.value.code == 1
    assert json.loads(capsys.readouterr().out)["valid"] is False


def test_the_shell_command_validates_without_starting_django_and_says_the_same(tmp_path, capsys):
    from parvis.cli import main

    path = invalid_copy(tmp_path)
    with pytest.raises(SystemExit) as caught:
        main(["parvis", "validate", str(SCHEMA), str(path), "--json"])
    shell = capsys.readouterr().out
    code, out, _ = run(SCHEMA, path, "--json")
    assert caught.value.code == code == 1
    assert json.loads(shell) == json.loads(out)
    assert json.loads(shell)["errors"][0]["row"] == 2
