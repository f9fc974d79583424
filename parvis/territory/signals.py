"""Signals higher apps answer, so the territory app never imports them.

`territory_page_requested(sender=Territory, territory=…, user=…)` is sent when a territory's page gathers what
other apps know about it; each receiver returns a dict merged into the page's ``related`` context (the
observatory adds ``indicators``, the catalogue ``datasets``).

`territory_page_version(sender=Territory)` asks the same receivers for a short text that changes whenever what
they would answer to ``territory_page_requested`` for an anonymous visitor may change (read from the database,
so every node agrees): the page keeps its rendered content in the shared cache under these texts.
"""

from django.dispatch import Signal

territory_page_requested = Signal()
territory_page_version = Signal()
