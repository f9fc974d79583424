"""Docs that tests keep honest: every environment variable the settings read is documented."""

import re

from django.conf import settings


def test_every_environment_variable_read_by_the_settings_is_documented():
    source = (settings.BASE_DIR / "parvis" / "settings.py").read_text()
    read = set(re.findall(r'env_(?:str|bool|int|float|list)\("([A-Z0-9_]+)"', source)) | {"SECRET_KEY"}
    documented = (settings.BASE_DIR / "docs" / "configuration.md").read_text()
    missing = sorted(name for name in read if f"`{name}`" not in documented)
    assert missing == []


def test_the_readme_gives_the_two_commands():
    readme = (settings.BASE_DIR / "README.md").read_text()
    assert "make run" in readme and "make test" in readme
