"""``parvis messages``: regenerate the translation catalogues; ``--check`` fails when they are stale.

The catalogues (``parvis/locale/<lang>/LC_MESSAGES/django.po`` and their compiled ``.mo``) are committed.
``--check`` (run by ``make lint``) extracts the strings again into a temporary copy of the sources and
compares: a marked string missing from a catalogue, a catalogue string no longer in the code, or a ``.mo``
older than its ``.po``, or a translation marked « fuzzy » (to review) all fail with a French message.
msgmerge runs without fuzzy matching: a new or changed French text arrives untranslated. Neither locations (``--no-location``) nor
``POT-Creation-Date`` are written, so moving code around never counts as drift nor conflicts in a merge.
"""

import gettext
import os
import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.core.management.commands import makemessages

import parvis

# The sources makemessages reads (templates, Python, text templates) and the catalogues themselves.
SOURCE_SUFFIXES = (".py", ".html", ".txt")


class _MakeMessages(makemessages.Command):
    """Django's makemessages without msgmerge's fuzzy matching: a new or changed French text arrives
    untranslated instead of borrowing the translation of a look-alike (« Signalement » ≠ « Signaler »)."""

    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]


def _makemessages(languages: list[str]) -> None:
    """Extract into ./locale: no locations and no obsolete entries, so only string changes show."""
    call_command(
        _MakeMessages(),
        locale=languages,
        no_location=True,
        no_obsolete=True,
        ignore_patterns=["tests", "migrations", "static"],
        verbosity=0,
    )


class Command(BaseCommand):
    help = (
        "Régénère les catalogues de traduction (parvis/locale) et les compile ; avec --check, échoue s'ils "
        "ne sont plus à jour au lieu de les modifier."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="vérifier seulement (make lint) : rien n'est modifié"
        )
        parser.add_argument(
            "--root",
            default=str(Path(parvis.__file__).parent),
            help="dossier des sources, qui contient locale/ (par défaut : le paquet parvis)",
        )

    def handle(self, *args, check=False, root="", **options):
        root_path = Path(root).resolve()
        languages = [code for code, _name in settings.LANGUAGES]
        if not (root_path / "locale").is_dir():
            raise CommandError(f"Aucun dossier locale/ dans {root_path} : rien à vérifier ni à régénérer.")
        if not check:
            regenerate(root_path, languages)
            self.stdout.write(f"Catalogues régénérés et compilés : {', '.join(languages)}.")
            return
        problems = stale_catalogues(root_path, languages)
        if problems:
            raise CommandError(
                "Les catalogues de traduction ne sont plus à jour :\n  - "
                + "\n  - ".join(problems)
                + "\nLancez « make messages » (ou « parvis messages »), traduisez les nouvelles chaînes "
                "dans parvis/locale/en/LC_MESSAGES/django.po si elles sont publiques, puis commitez "
                "les fichiers .po et .mo."
            )
        self.stdout.write(f"Catalogues de traduction à jour : {', '.join(languages)}.")


def regenerate(root: Path, languages: list[str]) -> None:
    with _inside(root):
        _makemessages(languages)
    for language in languages:
        po = _po(root, language)
        # Without its creation date a catalogue changes only when its strings do (fewer merge conflicts).
        po.write_text("\n".join(_comparable(po)) + "\n", encoding="utf-8")
        compile_catalogue(po, po.with_suffix(".mo"))


def stale_catalogues(root: Path, languages: list[str]) -> list[str]:
    """French descriptions of what is out of date; empty when the committed catalogues are current."""
    problems = []
    with tempfile.TemporaryDirectory(prefix="parvis-messages-") as scratch:
        copy = Path(scratch) / "src"
        shutil.copytree(root, copy, ignore=_not_a_source)
        with _inside(copy):
            _makemessages(languages)
        for language in languages:
            committed, fresh = _po(root, language), _po(copy, language)
            if not committed.exists():
                problems.append(f"{committed.relative_to(root.parent)} est absent.")
                continue
            if _comparable(committed) != _comparable(fresh):
                problems.append(
                    f"{committed.relative_to(root.parent)} ne correspond plus aux chaînes marquées du code "
                    "(chaînes ajoutées, modifiées ou retirées)."
                )
            fuzzy = _fuzzy_count(committed)
            if fuzzy:
                problems.append(
                    f"{committed.relative_to(root.parent)} : {fuzzy} traduction(s) à revoir (marquée(s) "
                    "« #, fuzzy » après un changement du texte français ; corrigez-la(es) et retirez la marque)."
                )
            compiled = committed.with_suffix(".mo")
            expected = Path(scratch) / f"{language}.mo"
            compile_catalogue(committed, expected)
            if not compiled.exists() or _messages(compiled) != _messages(expected):
                problems.append(
                    f"{compiled.relative_to(root.parent)} n'est pas la compilation du .po actuel."
                )
    return problems


def compile_catalogue(po: Path, mo: Path) -> None:
    """msgfmt, as Django's compilemessages runs it; its output depends only on the .po."""
    try:
        subprocess.run(  # noqa: S603 - fixed program, our own file paths
            ["msgfmt", "--check-format", "-o", str(mo), str(po)], check=True, capture_output=True, text=True
        )
    except FileNotFoundError as error:
        raise CommandError(
            "msgfmt est absent : installez le paquet Debian gettext (make i18n-tools)."
        ) from error
    except subprocess.CalledProcessError as error:
        raise CommandError(f"{po.name} ne se compile pas :\n{error.stderr}") from error


def _po(root: Path, language: str) -> Path:
    return root / "locale" / language / "LC_MESSAGES" / "django.po"


def _messages(mo: Path) -> dict:
    """The translations a .mo holds, whatever the version of msgfmt that wrote it."""
    with mo.open("rb") as handle:
        # The parsed catalogue, a private attribute typeshed leaves out.
        return dict(gettext.GNUTranslations(handle)._catalog)  # type: ignore[attr-defined]


def _fuzzy_count(po: Path) -> int:
    """Entries marked for review: not compiled, so the page would silently fall back to French."""
    entries = po.read_text(encoding="utf-8").split("\n\n")
    return sum(
        1
        for entry in entries
        if 'msgid ""\nmsgstr ""'
        not in entry  # the header (fuzzy in a brand-new catalogue) is not a translation
        and any(line.startswith("#,") and "fuzzy" in line for line in entry.splitlines())
    )


def _comparable(po: Path) -> list[str]:
    return [line for line in po.read_text(encoding="utf-8").splitlines() if "POT-Creation-Date:" not in line]


def _not_a_source(directory: str, names: list[str]) -> set[str]:
    keep_all = "locale" in Path(directory).parts
    return {
        name
        for name in names
        if name == "__pycache__"
        or (
            not keep_all
            and not name.endswith(SOURCE_SUFFIXES)
            and name != "locale"
            and not (Path(directory) / name).is_dir()
        )
    }


@contextmanager
def _inside(directory: Path):
    """makemessages reads the current directory and writes into its locale/ folder."""
    previous = Path.cwd()
    os.chdir(directory)
    try:
        yield
    finally:
        os.chdir(previous)
