"""Signals of the inclusion app.

`import_file_stored(sender=ImportBatch, batch=…)` is sent once a large uploaded file has passed the file guard
and is stored; ``inclusion.tasks`` queues its parsing, so the services never import the tasks that run them.
"""

from django.dispatch import Signal

import_file_stored = Signal()
