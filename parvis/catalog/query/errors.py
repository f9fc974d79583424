"""Errors raised by the query layer, each carrying a French message and an HTTP status."""

from django.utils.translation import gettext as _


class QueryError(Exception):
    """A query the user can fix: unknown column, bad value, bad operator (HTTP 400)."""

    status = 400

    def __init__(self, message_fr: str):
        super().__init__(message_fr)
        self.message_fr = message_fr


class QueryTimeout(QueryError):
    """The query ran past the configured time limit and was interrupted (HTTP 503)."""

    status = 503

    def __init__(self, seconds: float):
        super().__init__(
            _(
                "La requête a dépassé la durée maximale autorisée ({seconds:g} s) et a été interrompue. "
                "Ajoutez des filtres ou réduisez le nombre de lignes demandées."
            ).format(seconds=seconds)
        )


class QueryResourceError(QueryError):
    """The query needed more memory than allowed, or the data file is unreadable (HTTP 503)."""

    status = 503
