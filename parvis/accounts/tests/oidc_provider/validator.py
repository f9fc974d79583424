"""Claims of the test provider: read from a JSON file the test writes, plus the eIDAS level (`acr`).

django-oauth-toolkit does not know `acr_values`; like ProConnect, this provider answers with the first level
asked, unless the claims file sets another `acr` (to test a provider that grants less than asked)."""

import json
import os
from pathlib import Path

from oauth2_provider.oauth2_validators import OAuth2Validator


class ClaimsValidator(OAuth2Validator):
    oidc_claim_scope = None  # every claim of the file, whatever the scopes

    def save_authorization_code(self, client_id, code, request, *args, **kwargs):
        if request.acr_values:  # kept with the grant, which the token endpoint reads back
            request.claims = {**(request.claims or {}), "acr_requested": request.acr_values}
        return super().save_authorization_code(client_id, code, request, *args, **kwargs)

    def get_additional_claims(self, request):
        claims = json.loads(Path(os.environ["OIDC_TEST_CLAIMS"]).read_text())
        requested = (request.claims or {}).get("acr_requested") if isinstance(request.claims, dict) else None
        if "acr" not in claims and requested:
            claims["acr"] = requested.split()[0]
        return claims
