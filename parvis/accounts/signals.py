"""Events of the accounts app; ``tasks.py`` connects the receivers that queue background work."""

from django.dispatch import Signal

# A notification mail was stored in the outbox and must be sent (argument: message).
notification_queued = Signal()
