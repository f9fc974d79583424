"""Signals of the participation app.

`grand_debat_file_stored(sender=ImportReport, report=…, path=…)` is sent by the services once an uploaded
file is checked and stored; ``participation.tasks`` queues the insertion of its rows, so the services never
import the tasks that run them.
"""

from django.dispatch import Signal

grand_debat_file_stored = Signal()
