"""Which user-provided addresses become links."""

import pytest

from parvis.core.lib.links import safe_href


@pytest.mark.parametrize(
    "value",
    [
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>",
        "vbscript:msgbox",
        "//evil.example/",
        "http:///nohost",
        "",
        None,
        "mailto:a@b.fr",
    ],
)
def test_anything_but_an_http_url_is_refused(value):
    assert safe_href(value) == ""


def test_http_urls_pass_and_mailto_tel_only_when_meant():
    assert safe_href("https://visio.example.org/gpsea") == "https://visio.example.org/gpsea"
    assert safe_href("tel:+33143990000", schemes=("http", "https", "tel")) == "tel:+33143990000"


def test_the_template_filter_empties_a_javascript_meeting_link():
    from django.template import engines

    template = engines["django"].from_string('<a href="{{ url|http_url }}">x</a>')
    assert template.render({"url": "javascript:alert(1)"}) == '<a href="">x</a>'
