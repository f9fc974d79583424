from django.urls import path

from parvis.observatory.views import compare as views_compare
from parvis.observatory.views import dashboard as views_dashboard
from parvis.observatory.views import public as views
from parvis.observatory.views import scenarios as views_scenarios

app_name = "observatory"

urlpatterns = [
    path("", views.index, name="index"),
    path("ifn/", views_dashboard.ifn, name="ifn"),
    path("ifn/export.<str:fmt>", views_scenarios.weights_export, name="ifn-export"),
    path("ifn/scenarios/nouveau/", views_scenarios.scenario_create, name="ifn-scenario-create"),
    path("ifn/scenarios/<slug:slug>/supprimer/", views_scenarios.scenario_delete, name="ifn-scenario-delete"),
    path(
        "ifn/scenarios/<slug:slug>/export.<str:fmt>",
        views_scenarios.scenario_export,
        name="ifn-scenario-export",
    ),
    path("comparer/", views_compare.compare, name="compare"),
    path("indicateurs/nouveau/", views.indicator_create, name="indicator-create"),
    path("indicateurs/<slug:slug>/", views.indicator_detail, name="indicator"),
    path("indicateurs/<slug:slug>/modifier/", views.indicator_edit, name="indicator-edit"),
    path("indicateurs/<slug:slug>/supprimer/", views.indicator_delete, name="indicator-delete"),
    path("indicateurs/<slug:slug>/export.<str:fmt>", views.indicator_export, name="indicator-export"),
    path("tableau/<slug:kind>/<str:code>/", views_dashboard.dashboard, name="dashboard"),
    path("tableau/<slug:kind>/<str:code>/modifier/", views_dashboard.dashboard_edit, name="dashboard-edit"),
    path("tableau/<slug:kind>/<str:code>/integrer/", views_dashboard.dashboard_embed, name="dashboard-embed"),
]
