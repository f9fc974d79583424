"""The API reference as a plain, accessible HTML page built from the OpenAPI schema (no CDN, no script)."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

METHODS = ("get", "post", "put", "patch", "delete")


def _schema_name(schema: dict) -> str:
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if schema.get("type") == "array":
        return f"liste de {_schema_name(schema.get('items', {}))}"
    if "anyOf" in schema:
        return " ou ".join(_schema_name(option) for option in schema["anyOf"])
    return schema.get("type", "objet")


def _operations(schema: dict) -> dict[str, list[dict]]:
    by_tag: dict[str, list[dict]] = {}
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            operation = item.get(method)
            if not operation:
                continue
            responses = {
                code: _schema_name(body.get("content", {}).get("application/json", {}).get("schema", {}))
                for code, body in operation.get("responses", {}).items()
            }
            by_tag.setdefault((operation.get("tags") or ["Autres"])[0], []).append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary") or operation.get("operationId", ""),
                    "description": operation.get("description", ""),
                    "parameters": [
                        {
                            "name": p["name"],
                            "where": {"query": "requête", "path": "chemin", "header": "en-tête"}.get(
                                p["in"], p["in"]
                            ),
                            "required": p.get("required", False),
                            "type": _schema_name(p.get("schema", {})),
                            "description": p.get("description", ""),
                        }
                        for p in operation.get("parameters", [])
                    ],
                    "body": bool(operation.get("requestBody")),
                    "responses": responses,
                }
            )
    return dict(sorted(by_tag.items()))


@require_safe
def api_docs(request):
    from parvis.api import api  # the API imports every app's views: a cycle at URL loading

    schema = api.get_openapi_schema()
    return render(
        request, "core/api_docs.html", {"tags": _operations(schema), "info": schema.get("info", {})}
    )
