"""Signals other modules listen to, so the catalogue never imports them.

`version_published(sender=Resource, resource=…, version=…)` is sent once a version has become the current one
of its resource (after a successful import or a rollback), when the transaction has committed.
"""

from django.db import transaction
from django.dispatch import Signal

version_published = Signal()
# Sent by the services with ``job=`` once an import job row exists; ``catalog.tasks`` queues it, so the
# services never import the tasks that run them.
import_requested = Signal()


def announce_current_version(version) -> None:
    transaction.on_commit(
        lambda: version_published.send(
            sender=type(version.resource), resource=version.resource, version=version
        )
    )
