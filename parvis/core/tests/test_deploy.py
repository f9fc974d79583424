"""The deployment kit (deploy/) names real commands, options, settings and files, and passes the checks this
machine can run: `nginx -t` and `systemd-analyze verify` (no container engine here: the Containerfile and the
compose file are checked by reading them)."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import get_commands

ROOT = Path(settings.BASE_DIR)
DEPLOY = ROOT / "deploy"
UNITS = sorted((DEPLOY / "systemd").glob("*.service"))
NGINX = DEPLOY / "nginx" / "parvis.conf"
COMPOSE_ONLY = {"POSTGRES_DB", "POSTGRES_USER", "POSTGRES_PASSWORD", "MINIO_ROOT_USER", "MINIO_ROOT_PASSWORD"}


def _parvis_invocations() -> list[list[str]]:
    """Every `parvis …` command line written in the kit (comments aside)."""
    found = []
    pattern = re.compile(r'(?:bin/|[\s"\[])parvis"?,?\s+"?([a-z][a-z_-]*)"?((?:[ ,]+"?--[a-z-]+"?)*)')
    for path in [*UNITS, DEPLOY / "Containerfile", DEPLOY / "compose.yaml"]:
        for line in path.read_text().splitlines():
            if line.strip().startswith("#"):
                continue
            for match in pattern.finditer(line):
                found.append([match.group(1), *re.findall(r"--[a-z-]+", match.group(2))])
    return found


def test_every_parvis_command_in_the_kit_exists_with_its_options(capsys):
    from parvis.cli import main

    invocations = _parvis_invocations()
    assert {"serve", "worker", "migrate", "collectstatic"} <= {inv[0] for inv in invocations}
    for command, *options in invocations:
        assert command in get_commands(), command
        with pytest.raises(SystemExit):
            main(["parvis", command, "--help"])
        usage = capsys.readouterr().out
        for option in options:
            assert option in usage, (command, option)


def test_every_setting_in_the_kit_is_documented():
    documented = (ROOT / "docs" / "configuration.md").read_text()
    names = set(re.findall(r"^([A-Z][A-Z0-9_]+)=", (DEPLOY / "parvis.env.example").read_text(), re.M))
    names |= set(re.findall(r"^\s+([A-Z][A-Z0-9_]+):", (DEPLOY / "compose.yaml").read_text(), re.M))
    names |= set(re.findall(r"\b(PARVIS_[A-Z0-9_]+)=", (DEPLOY / "Containerfile").read_text()))
    assert names - COMPOSE_ONLY
    assert sorted(name for name in names - COMPOSE_ONLY if f"`{name}`" not in documented) == []


def test_the_proxy_passes_the_visitor_address_hsts_and_the_upload_limit():
    conf = NGINX.read_text()
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in conf
    assert "Strict-Transport-Security" in conf
    limit = re.search(r"client_max_body_size (\d+)([kmg]);", conf)
    assert (
        int(limit.group(1)) << {"k": 10, "m": 20, "g": 30}[limit.group(2)] == settings.PARVIS_MAX_UPLOAD_BYTES
    )
    env = (DEPLOY / "parvis.env.example").read_text()
    port = re.search(r"^PARVIS_PORT=(\d+)", env, re.M).group(1)
    assert f"server 127.0.0.1:{port};" in conf
    assert re.search(r"^PARVIS_TRUSTED_PROXIES=127\.0\.0\.1", env, re.M)


def test_the_container_file_copies_files_that_exist():
    for line in (DEPLOY / "Containerfile").read_text().splitlines():
        if line.startswith("COPY ") and "--from" not in line:
            for source in line.split()[1:-1]:
                assert (ROOT / source).exists(), source


def test_the_deployment_guide_covers_every_file_of_the_kit():
    guide = (ROOT / "docs" / "deploy.md").read_text()
    for path in [
        *UNITS,
        NGINX,
        DEPLOY / "Containerfile",
        DEPLOY / "compose.yaml",
        DEPLOY / "parvis.env.example",
    ]:
        assert str(path.relative_to(ROOT)) in guide, path
    for section in ("Mise à jour", "Retour arrière", "English summary"):
        assert section in guide


@pytest.mark.skipif(not shutil.which("nginx"), reason="nginx absent (apt-get install nginx)")
def test_nginx_accepts_the_configuration(tmp_path):
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=parvis.example.fr",
        ]
        + ["-keyout", str(tmp_path / "key.pem"), "-out", str(tmp_path / "cert.pem")],
        check=True,
        capture_output=True,
    )
    site = NGINX.read_text()
    site = site.replace("/etc/letsencrypt/live/parvis.example.fr/fullchain.pem", str(tmp_path / "cert.pem"))
    site = site.replace("/etc/letsencrypt/live/parvis.example.fr/privkey.pem", str(tmp_path / "key.pem"))
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"error_log {tmp_path}/error.log; pid {tmp_path}/nginx.pid; events {{}}\n"
        f"http {{ access_log off; client_body_temp_path {tmp_path}/body; proxy_temp_path {tmp_path}/proxy;\n"
        f"include {tmp_path}/site.conf; }}\n"
    )
    checked = subprocess.run(
        ["nginx", "-t", "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stderr


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze absent")
def test_systemd_accepts_the_units(tmp_path):
    # Installed under /opt/parvis on a server; here the units point at this checkout's virtualenv.
    for unit in UNITS:
        (tmp_path / unit.name).write_text(unit.read_text().replace("/opt/parvis", str(ROOT)))
    verified = subprocess.run(
        ["systemd-analyze", "verify", *[str(tmp_path / unit.name) for unit in UNITS]],
        capture_output=True,
        text=True,
    )
    assert verified.returncode == 0 and verified.stderr.strip() == "", verified.stderr
