from django.urls import path

from parvis.core.views import health, pages

app_name = "core"

urlpatterns = [
    path("", pages.home, name="home"),
    path("accessibilite/", pages.static_page, {"page": "accessibilite"}, name="accessibilite"),
    path("mentions-legales/", pages.static_page, {"page": "mentions-legales"}, name="mentions-legales"),
    path(
        "donnees-personnelles/",
        pages.static_page,
        {"page": "donnees-personnelles"},
        name="donnees-personnelles",
    ),
    path("plan-du-site/", pages.sitemap, name="plan-du-site"),
    path("logo", pages.instance_logo, name="instance_logo"),
    path("robots.txt", pages.robots_txt, name="robots"),
    path("favicon.ico", pages.favicon, name="favicon"),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
]
