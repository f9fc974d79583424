"""Every action written to the audit log has a French label: the keys are read from the code itself."""

import ast
from pathlib import Path

from parvis.accounts import audit_labels
from parvis.participation.models import ModerationDecision

PARVIS = Path(__file__).resolve().parents[2]


def _string_values(node) -> set[str] | None:
    """The strings an `action=` expression can take, or None when they cannot be read statically."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        body, orelse = _string_values(node.body), _string_values(node.orelse)
        return body | orelse if body is not None and orelse is not None else None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _string_values(node.left), _string_values(node.right)
        if left is not None and right is not None:
            return {a + b for a in left for b in right}
    return None


def _audit_calls():
    """(file, line, action expression) of every `audit(...)` call outside tests."""
    for path in PARVIS.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text())
        names = {"audit"} | {  # `from parvis.accounts.services import audit as audit_log`
            alias.asname
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom)
            for alias in node.names
            if alias.name == "audit" and alias.asname
        }
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name not in names:
                continue
            for keyword in node.keywords:
                if keyword.arg == "action":
                    yield f"{path.relative_to(PARVIS)}:{node.lineno}", keyword.value


def test_every_audited_action_of_the_code_has_a_french_label():
    unlabelled, dynamic = [], []
    for where, expression in _audit_calls():
        values = _string_values(expression)
        if values is None:
            dynamic.append(where)
            continue
        unlabelled += [f"{where}: {value}" for value in values if value not in audit_labels.LABELS]
    assert unlabelled == []
    # The one key built at run time: participation.moderation.<decision>, checked below for each decision.
    assert dynamic == ["participation/services/moderation.py:" + dynamic[0].rsplit(":", 1)[1]]


def test_every_moderation_decision_written_to_the_log_has_a_label():
    logged = {
        ModerationDecision.Action.HIDE,
        ModerationDecision.Action.RESTORE,
        ModerationDecision.Action.BAN,
    }
    assert {f"participation.moderation.{action}" for action in logged} <= set(audit_labels.LABELS)


def test_the_scan_finds_the_calls_of_every_app():
    apps = {where.split("/", 1)[0] for where, _expression in _audit_calls()}
    assert {
        "accounts",
        "catalog",
        "territory",
        "observatory",
        "inclusion",
        "footprint",
        "participation",
    } <= apps


def test_an_unknown_key_is_shown_as_it_is():
    assert audit_labels.label("catalog.dataset.publish") == "Jeu de données publié"
    assert audit_labels.label("ancienne.action") == "ancienne.action"
