from django.urls import path

from parvis.territory.views import public as views

app_name = "territory"

urlpatterns = [
    path("", views.index, name="index"),
    path("france/communes/", views.france_map, name="france-map"),
    path("personnalise/nouveau/", views.custom_create, name="custom-create"),
    path("personnalise/<slug:code>/modifier/", views.custom_edit, name="custom-edit"),
    path("personnalise/<slug:code>/supprimer/", views.custom_delete, name="custom-delete"),
    path("<slug:kind>/<str:code>/", views.detail, name="detail"),
    path("<slug:kind>/<str:code>/carte.svg", views.map_svg, name="map-svg"),
]
