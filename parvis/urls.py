from django.urls import include, path
from django.views.generic import RedirectView

from parvis.api import api
from parvis.core.views.api_docs import api_docs

URL_PREFIXES = {
    "accounts": "compte/",
    "catalog": "donnees/",
    "territory": "territoires/",
    "observatory": "observatoire/",
    "inclusion": "aide/",
    "footprint": "sobriete/",
    "participation": "participation/",
}

urlpatterns = [
    path("", include("parvis.core.urls")),
    path("api/docs", api_docs, name="api-docs"),
    path("api/", api.urls),
    # The language switch of the header posts here (Django's set_language: cookie, then back to `next`).
    path("i18n/", include("django.conf.urls.i18n")),
    # Where administrators of other software look first: the administration pages live under /compte/admin/.
    path("admin/", RedirectView.as_view(pattern_name="accounts:admin_organisations")),
    *(path(prefix, include(f"parvis.{app}.urls")) for app, prefix in URL_PREFIXES.items()),
]

handler400 = "parvis.core.views.errors.bad_request"
handler403 = "parvis.core.views.errors.permission_denied"
handler404 = "parvis.core.views.errors.page_not_found"
handler500 = "parvis.core.views.errors.server_error"
