"""Formats of ``string`` fields (email, uri, uuid, binary, wkt), with Frictionless' rules.

``uri`` needs a scheme as ``rfc3986`` parses it; ``email`` follows ``validators.email`` (the
library Frictionless uses) without its dependency.
"""

from __future__ import annotations

import base64
import re
import uuid

_URI = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
# validators.email: the user part, then the domain as validators.domain() checks it.
_EMAIL_USER = re.compile(
    r"(^[\u0100-\u017F\u0180-\u024F\u00A0-\u00FF]"
    r"|[\u0100-\u017F\u0180-\u024F\u00A0-\u00FF0-9a-z!#$%&'*+/=?^_`{}|~\-]+"
    r"(\.[\u0100-\u017F\u0180-\u024F\u00A0-\u00FF0-9a-z!#$%&'*+/=?^_`{}|~\-]+)*$"
    r'|^"('
    r"[\u0100-\u017F\u0180-\u024F\u00A0-\u00FF\001-\010\013\014\016-\037"
    r"!#-\[\]-\177]|\\[\011.]"
    r')*")$',
    re.IGNORECASE,
)
_DOMAIN = re.compile(
    r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9][a-z0-9-]{0,61}[a-z]$", re.IGNORECASE
)
_SPACE_OR_UNDERSCORES = re.compile(r"\s|__+")


def _is_domain(value: str) -> bool:
    try:
        encoded = value.encode("idna").decode("utf-8")
    except UnicodeError:
        return False
    if len(encoded.rstrip(".")) > 253:
        return False
    return not _SPACE_OR_UNDERSCORES.search(value) and bool(_DOMAIN.match(encoded))


def is_email(value: str) -> bool:
    if not value or value.count("@") != 1:
        return False
    user, domain = value.rsplit("@", 1)
    if len(user) > 64 or len(domain) > 253:
        return False
    return bool(_EMAIL_USER.match(user)) and _is_domain(domain)


def is_uri(cell: str) -> bool:
    return bool(_URI.match(cell))


def is_uuid(cell: str) -> bool:
    try:
        uuid.UUID(cell)
    except ValueError:
        return False
    return True


def is_base64(cell: str) -> bool:
    try:
        base64.b64decode(cell)
    except ValueError:
        return False
    return True


def is_wkt(cell: str) -> bool:
    import shapely  # lazy: heavy, only for WKT values

    try:
        shapely.from_wkt(cell)
    except shapely.errors.GEOSException:
        return False
    return True
