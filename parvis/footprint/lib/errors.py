"""Audit failures as stable codes with parameters; the Django layer turns them into French."""


class AuditError(Exception):
    """A page or site could not be audited. `code` is one of CODES, `params` fill the message."""

    CODES = (
        "invalid_url",
        "private_address",
        "unresolvable",
        "timeout",
        "too_heavy",
        "not_html",
        "http_status",
        "redirect_loop",
        "tls",
        "connection",
        "robots_disallowed",
        "browser",
    )

    def __init__(self, code: str, **params):
        if code not in self.CODES:
            raise ValueError(f"unknown audit error code {code!r}")
        super().__init__(f"{code}: {params}")
        self.code = code
        self.params = params
