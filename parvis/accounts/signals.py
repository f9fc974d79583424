"""Events of the accounts app; ``tasks.py`` connects the receivers that queue background work."""

from django.dispatch import Signal

# A notification mail was stored in the outbox and must be sent (argument: message).
notification_queued = Signal()

# A security event a person must hear about (arguments: user, kind — a notification kind such as
# "security.two_factor_enabled" — and an optional context); connected in apps.py to the notification mail.
security_event = Signal()
