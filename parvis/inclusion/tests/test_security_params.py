"""Issue 14, low findings: the referral sheet's parameters never cause a server error."""

import pytest

pytestmark = pytest.mark.django_db
# The referral sheet's query goes through a form on the `ux` branch; strict, so the marks must go once merged.


@pytest.mark.parametrize(
    "lieux",
    [
        "²",
        "99999999999999999999",
        "1" * 5000,
        "abc",
        "-1",
    ],
)
def test_odd_place_ids_on_the_referral_sheet_are_not_a_server_error(client, lieux):
    response = client.get("/aide/fiche/", {"lieux": [lieux, "1"]})
    assert response.status_code in (200, 400)
