"""The JSON API: one django-ninja instance that mounts the `router` of every Parvis app's `api.py`."""

from importlib import import_module

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError
from ninja.renderers import JSONRenderer

from parvis.core.lib import jsonsafe

# Loaded by name like the apps' routers below: this root module assembles apps, and core's API docs page
# imports it, so a static import would make core appear to depend on accounts.
apiauth = import_module("parvis.accounts.apiauth")


class FiniteJSONRenderer(JSONRenderer):
    """Every API answer is valid JSON: NaN and ±Infinity become null."""

    def render(self, request, data, *, response_status):
        return jsonsafe.dumps(data, cls=self.encoder_class, **self.json_dumps_params)


# Answers any operation may give, declared on all of them so that clients (and the bounded schemathesis run of
# the tests) find every status code in the OpenAPI: the upload limit (413), the rate limits (429), the query
# time limit (503), the JSON error handlers below.
ERROR_RESPONSES = {
    400: "Requête invalide",
    401: "Authentification requise",
    403: "Accès refusé",
    404: "Ressource introuvable",
    413: "Fichier trop volumineux",
    422: "Paramètres invalides",
    429: "Trop de requêtes",
    503: "Délai ou ressource dépassé",
}
ERROR_SCHEMA = {
    "title": "Erreur",
    "type": "object",
    "properties": {"detail": {"type": "string"}},
}


class ParvisAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        schema.setdefault("components", {}).setdefault("schemas", {})["Erreur"] = ERROR_SCHEMA
        content = {"application/json": {"schema": {"$ref": "#/components/schemas/Erreur"}}}
        for operations in schema["paths"].values():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                for status, description in ERROR_RESPONSES.items():
                    if status not in responses and str(status) not in responses:
                        responses[status] = {"description": description, "content": content}
        return schema


api = ParvisAPI(
    title="API Parvis",
    version="1",
    description="API ouverte de Parvis : données, territoires, observatoire, inclusion, sobriété, participation.",
    urls_namespace="api",
    docs_url=None,  # our own server-rendered, accessible page: parvis.core.views.api_docs
    # Every endpoint: a Bearer token (scoped), the pages' session, or nobody (public reads); all rate-limited.
    auth=apiauth.PUBLIC,
    renderer=FiniteJSONRenderer(),
)


@api.exception_handler(PermissionDenied)
def permission_denied(request, exc):
    return api.create_response(request, {"detail": str(exc) or gettext("Accès refusé.")}, status=403)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": gettext("Ressource introuvable.")}, status=404)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    return api.create_response(request, {"detail": gettext("Authentification requise.")}, status=401)


@api.exception_handler(apiauth.InvalidToken)
def invalid_token(request, exc):
    response = api.create_response(request, {"detail": str(exc)}, status=401)
    response["WWW-Authenticate"] = 'Bearer error="invalid_token"'
    return response


@api.exception_handler(apiauth.TokenInQueryString)
def token_in_query_string(request, exc):
    message = gettext(
        "Ne placez jamais un jeton dans l'adresse (elle est conservée dans les journaux) : "
        "envoyez-le dans l'en-tête « Authorization: Bearer <jeton> ». La requête est refusée."
    )
    return api.create_response(request, {"detail": message}, status=400)


@api.exception_handler(apiauth.RateLimited)
def rate_limited(request, exc):
    message = gettext("Trop de requêtes : réessayez dans {seconds} secondes.").format(
        seconds=exc.window.reset
    )
    response = api.create_response(request, {"detail": message}, status=429)
    response["Retry-After"] = str(exc.window.reset)
    return response


@api.exception_handler(ValidationError)
def invalid_input(request, exc):
    return api.create_response(
        request, {"detail": gettext("Paramètres invalides."), "errors": exc.errors}, status=422
    )


for _app in settings.PARVIS_APPS:
    try:
        _module = import_module(f"parvis.{_app}.api")
    except ModuleNotFoundError as exc:
        if exc.name != f"parvis.{_app}.api":
            raise
        continue
    api.add_router(f"/{_app}/", _module.router)
