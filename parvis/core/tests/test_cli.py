import subprocess
import sys

from parvis.cli import main


def test_parvis_help_is_in_french(capsys):
    main(["parvis", "--help"])
    out = capsys.readouterr().out
    assert "Usage : parvis <commande>" in out
    for command in ("serve", "migrate", "demo", "createadmin", "validate"):
        assert command in out


def test_parvis_runs_django_commands():
    result = subprocess.run(
        [sys.executable, "-m", "parvis.cli", "check"], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_deploy_check_warns_about_unsafe_production_settings():
    env = {"DEBUG": "true", "PATH": "/usr/bin:/bin"}
    import os

    env.update({k: v for k, v in os.environ.items() if k in ("PARVIS_DATA_DIR", "HOME")})
    result = subprocess.run(
        [sys.executable, "-m", "parvis.cli", "check", "--deploy"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    output = result.stderr + result.stdout
    assert "DEBUG" in output
    assert "parvis.W003" in output and "PARVIS_CONTACT_EMAIL" in output


def test_single_sign_on_is_enabled_by_its_variables():
    import os

    env = {
        **os.environ,
        "PARVIS_OIDC_PROVIDERS": "proconnect",
        "OIDC_PROCONNECT_CLIENT_ID": "parvis",
        "OIDC_PROCONNECT_ACR_VALUES": "eidas1,eidas2",
    }
    code = "from django.conf import settings; print(settings.PARVIS_OIDC_PROVIDERS['proconnect']['acr_values'] == ['eidas1', 'eidas2'])"
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import django, os; os.environ['DJANGO_SETTINGS_MODULE']='parvis.settings'; django.setup(); {code}",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.stdout.strip() == "True", result.stderr


def test_every_parvis_command_explains_itself_with_help(capsys):
    import pytest
    from django.core.management import get_commands

    ours = sorted(name for name, app in get_commands().items() if app.startswith("parvis."))
    assert {"catalog", "inclusion", "participation", "serve", "worker", "territory", "validate"} <= set(ours)
    for name in ours:
        with pytest.raises(SystemExit) as ended:
            main(["parvis", name, "--help"])
        assert ended.value.code == 0, name
        assert "usage:" in capsys.readouterr().out, name


def test_subcommands_explain_themselves_too(capsys):
    import pytest

    for command in (["catalog", "import"], ["inclusion", "import"], ["participation", "import"]):
        with pytest.raises(SystemExit) as ended:
            main(["parvis", *command, "--help"])
        assert ended.value.code == 0
        assert "--json" in capsys.readouterr().out


def test_deploy_check_warns_when_the_network_guard_is_opened(settings):
    from parvis.core.checks import parvis_deploy_checks

    settings.PARVIS_IMPORT_ALLOW_PRIVATE_URLS = False
    settings.PARVIS_FOOTPRINT_ALLOW_PRIVATE = False
    assert not [w for w in parvis_deploy_checks(None) if w.id in ("parvis.W005", "parvis.W006")]
    settings.PARVIS_FOOTPRINT_ALLOW_PRIVATE = True
    settings.PARVIS_NETGUARD_PUBLIC_NETWORKS = ("127.0.0.2/32",)
    warnings = {w.id: w.msg for w in parvis_deploy_checks(None)}
    assert "PARVIS_FOOTPRINT_ALLOW_PRIVATE" in warnings["parvis.W005"]
    assert "parvis.W006" in warnings
