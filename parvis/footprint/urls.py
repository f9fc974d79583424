from django.urls import path

from parvis.footprint.views import public as views
from parvis.footprint.views import snapshots

app_name = "footprint"

urlpatterns = [
    path("", views.index, name="index"),
    path("classement.csv", views.ranking_export, {"fmt": "csv"}, name="ranking-csv"),
    path("classement.json", views.ranking_export, {"fmt": "json"}, name="ranking-json"),
    path("robot/", views.robot, name="robot"),
    path("sites/nouveau/", views.site_create, name="site-create"),
    path("sites/importer/", views.site_import, name="site-import"),
    path("sites/<int:pk>/", views.site_detail, name="site"),
    path("sites/<int:pk>/auditer/", views.site_audit, name="site-audit"),
    path("sites/<int:pk>/classement/", views.site_ranking, name="site-ranking"),
    path("audits/<int:pk>/", views.audit_detail, name="audit"),
    path("pages/<int:pk>/", views.page_report, name="page"),
    # Demo snapshots (generated mock sites, see parvis/footprint/snapshots.py).
    path("maquettes/<str:code>/", snapshots.page, {"kind": "home"}, name="snapshot"),
    path("maquettes/<str:code>/actualites/", snapshots.page, {"kind": "news"}),
    path("maquettes/<str:code>/accessibilite/", snapshots.page, {"kind": "statement"}),
    path("maquettes/<str:code>/style.css", snapshots.asset, {"name": "style"}),
    path("maquettes/<str:code>/script-<int:number>.js", snapshots.asset, {"name": "script"}),
    path("maquettes/<str:code>/photo-<int:number>.png", snapshots.asset, {"name": "photo"}),
]
