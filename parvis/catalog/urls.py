from django.urls import path

from parvis.catalog.views import browse, corrections, publication, resources, schema

app_name = "catalog"

R = "<slug:slug>/<slug:resource>/"
V = R + "v<int:number>/"

urlpatterns = [
    path("", browse.index, name="index"),
    path("nouveau/", browse.create, name="create"),
    path("catalogue.jsonld", publication.catalogue_jsonld, name="dcat_jsonld"),
    path("catalogue.rdf", publication.catalogue_rdf, name="dcat_rdf"),
    path("sitemap.xml", publication.sitemap, name="sitemap"),
    path("<slug:slug>/", browse.dataset, name="dataset"),
    path("<slug:slug>/modifier/", browse.edit, name="edit"),
    path("<slug:slug>/publication/", browse.publish, name="publish"),
    path("<slug:slug>/supprimer/", browse.delete, name="delete"),
    path("<slug:slug>/dcat.jsonld", publication.dataset_jsonld, name="dataset_jsonld"),
    path("<slug:slug>/dcat.rdf", publication.dataset_rdf, name="dataset_rdf"),
    path("<slug:slug>/ressources/nouvelle/", resources.resource_new, name="resource_new"),
    path(R, resources.resource_detail, name="resource"),
    path(R + "importer/", resources.resource_import, name="resource_import"),
    path(R + "schema/", schema.attach, name="schema"),
    path(R + "schema/deduire/", schema.infer, name="schema_infer"),
    path(R + "export.<str:fmt>", publication.export, name="export"),
    path(R + "corrections/", corrections.review_list, name="corrections"),
    path(R + "corrections/<int:pk>/", corrections.review, name="correction"),
    path(V, resources.version_detail, name="version"),
    path(V + "reimporter/", resources.reimport, name="reimport"),
    path(V + "mettre-en-ligne/", resources.make_current, name="make_current"),
    path(V + "rapport.csv", resources.errors_csv, name="errors_csv"),
    path(V + "export.<str:fmt>", publication.export, name="version_export"),
    path(V + "differences/", resources.diff, name="diff"),
    path(V + "lignes/<int:row>/corriger/", corrections.propose, name="correct_row"),
    path(V + "colonnes/", resources.version_columns, name="version_columns"),
]
