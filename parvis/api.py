"""The JSON API: one django-ninja instance that mounts the `router` of every Parvis app's `api.py`."""

from importlib import import_module

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError
from ninja.renderers import JSONRenderer

from parvis.core.lib import jsonsafe


class FiniteJSONRenderer(JSONRenderer):
    """Every API answer is valid JSON: NaN and ±Infinity become null."""

    def render(self, request, data, *, response_status):
        return jsonsafe.dumps(data, cls=self.encoder_class, **self.json_dumps_params)


api = NinjaAPI(
    title="API Parvis",
    version="1",
    description="API ouverte de Parvis : données, territoires, observatoire, inclusion, sobriété, participation.",
    urls_namespace="api",
    docs_url=None,  # our own server-rendered, accessible page: parvis.core.views.api_docs
    renderer=FiniteJSONRenderer(),
)


@api.exception_handler(PermissionDenied)
def permission_denied(request, exc):
    return api.create_response(request, {"detail": str(exc) or "Accès refusé."}, status=403)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": "Ressource introuvable."}, status=404)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    return api.create_response(request, {"detail": "Authentification requise."}, status=401)


@api.exception_handler(ValidationError)
def invalid_input(request, exc):
    return api.create_response(request, {"detail": "Paramètres invalides.", "errors": exc.errors}, status=422)


for _app in settings.PARVIS_APPS:
    try:
        _module = import_module(f"parvis.{_app}.api")
    except ModuleNotFoundError as exc:
        if exc.name != f"parvis.{_app}.api":
            raise
        continue
    api.add_router(f"/{_app}/", _module.router)
