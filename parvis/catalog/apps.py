from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "parvis.catalog"
    label = "catalog"
    verbose_name = _("Données")
    nav_label = _("Données")
    nav_url = "catalog:index"
    nav_order = 10
    nav_description = _("Jeux de données du territoire : consulter, filtrer, télécharger, publier.")

    def ready(self) -> None:
        # Imported here, not at module level: models and selectors cannot load before the app registry.
        from django.db.models.signals import post_save

        from parvis.catalog import (
            rules,  # noqa: F401  (registers the catalogue permissions)
            tasks,
        )
        from parvis.catalog.selectors import datasets_covering, datasets_version, stored_files
        from parvis.catalog.services import search
        from parvis.catalog.signals import import_requested
        from parvis.core.storage_cache import references_requested
        from parvis.territory.signals import territory_page_requested, territory_page_version

        territory_page_requested.connect(datasets_covering, dispatch_uid="catalog.territory_page")
        territory_page_version.connect(datasets_version, dispatch_uid="catalog.territory_page_version")
        import_requested.connect(tasks.enqueue_import, dispatch_uid="catalog.enqueue_import")
        references_requested.connect(stored_files, dispatch_uid="catalog.stored_files")
        # The search index follows every save of a dataset, and of an organisation (its name is searched).
        post_save.connect(
            search.dataset_saved, sender="catalog.Dataset", dispatch_uid="catalog.search_dataset"
        )
        post_save.connect(
            search.organisation_saved,
            sender="accounts.Organisation",
            dispatch_uid="catalog.search_organisation",
        )
