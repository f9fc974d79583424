"""Signals higher apps answer, so the territory app never imports them.

`territory_page_requested(sender=Territory, territory=…, user=…)` is sent when a territory's page gathers what
other apps know about it; each receiver returns a dict merged into the page's ``related`` context (the
observatory adds ``indicators``, the catalogue ``datasets``).
"""

from django.dispatch import Signal

territory_page_requested = Signal()
