"""docs/architecture.md says which app may import which, and what each app offers; these tests keep the
document, the import-linter contracts (.importlinter) and the code in step."""

import ast
import configparser
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
DOC = (ROOT / "docs" / "architecture.md").read_text()
CONTRACTS = configparser.ConfigParser()
CONTRACTS.read(ROOT / ".importlinter")


def documented_layers() -> list[set[str]]:
    """Lowest first: [{'core'}, {'accounts'}, …, {'inclusion', 'footprint', 'participation'}]."""
    line = DOC.split("<!-- layers:", 1)[1].splitlines()[1].strip().strip("`")
    return [{app.strip() for app in layer.split("|")} for layer in line.split("<")]


def contract_layers() -> list[set[str]]:
    lines = CONTRACTS["importlinter:contract:layers"]["layers"].strip().splitlines()
    layers = [{m.strip().removeprefix("parvis.") for m in line.split("|")} for line in lines]
    return list(reversed(layers))  # import-linter lists the highest layer first


def test_the_documented_dependencies_are_the_layers_import_linter_enforces():
    assert documented_layers() == contract_layers()


def test_the_top_apps_are_declared_independent_of_each_other():
    top = CONTRACTS["importlinter:contract:layers"]["layers"].strip().splitlines()[0]
    assert "|" in top and ":" not in top  # "|" = independent siblings in import-linter


def test_every_app_models_are_protected_from_the_other_apps():
    apps = set().union(*documented_layers()) - {"core"}
    protected = {
        CONTRACTS[section]["protected_modules"].strip()
        for section in CONTRACTS.sections()
        if CONTRACTS[section].get("type") == "protected"
    }
    assert protected == {f"parvis.{app}.models" for app in apps}


def _public_names(path: Path) -> list[str]:
    tree = ast.parse(path.read_text())
    return [
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef | ast.ClassDef) and not node.name.startswith("_")
    ]


def test_each_app_public_services_and_selectors_are_listed_in_the_document():
    documented = {
        module: set(re.findall(r"`(\w+)`", names))
        for module, names in re.findall(r"^- `(\w+\.(?:services(?:\.\w+)?|selectors))`: (.*)$", DOC, re.M)
    }
    actual = {}
    for app_dir in sorted((ROOT / "parvis").iterdir()):
        services = app_dir / "services"
        for path in sorted(services.glob("*.py")) if services.is_dir() else []:
            module = "services" if path.stem == "__init__" else f"services.{path.stem}"
            actual[f"{app_dir.name}.{module}"] = set(_public_names(path))
        if (app_dir / "selectors.py").exists():
            actual[f"{app_dir.name}.selectors"] = set(_public_names(app_dir / "selectors.py"))
        elif (app_dir / "selectors").is_dir():  # a package split by topic: its modules' names, together
            paths = sorted((app_dir / "selectors").glob("*.py"))
            actual[f"{app_dir.name}.selectors"] = set().union(*(_public_names(path) for path in paths))
    actual = {module: names for module, names in actual.items() if names}
    assert documented == actual
