from django.urls import path

from parvis.inclusion.views import manage as views_manage
from parvis.inclusion.views import public as views
from parvis.inclusion.views import reports as views_reports

app_name = "inclusion"

urlpatterns = [
    path("", views.search, name="search"),
    path("lieux/<int:pk>/", views.place_detail, name="place"),
    path("lieux/<int:pk>/signaler/", views_reports.report_place, name="report"),
    path("fiche/", views.referral, name="referral"),
    path("export/lieux.<str:fmt>", views.export, name="export"),
    path("export/data-inclusion.json", views.export, {"fmt": "datainclusion"}, name="export-datainclusion"),
    path("gestion/", views_manage.dashboard, name="dashboard"),
    path("gestion/import/", views_manage.import_places, name="import"),
    path("gestion/import/<int:pk>/", views_manage.import_report, name="import-report"),
    path("gestion/moderation/", views_manage.moderation, name="moderation"),
    path("gestion/moderation/<int:pk>/<str:decision>/", views_manage.moderate, name="moderate"),
    path("gestion/signalements/", views_reports.report_list, name="reports"),
    path("gestion/signalements/<int:pk>/", views_reports.report_review, name="report-review"),
    path("gestion/doublons/", views_manage.duplicates, name="duplicates"),
    path("gestion/doublons/<int:pk>/", views_manage.duplicate_review, name="duplicate"),
    path("gestion/carences/", views_manage.gap_analysis, name="gaps"),
    path("mes-lieux/", views_manage.my_places, name="my-places"),
    path("mes-lieux/declarer/", views_manage.declare, name="declare"),
    path("mes-lieux/<int:pk>/modifier/", views_manage.declare, name="propose-update"),
]
