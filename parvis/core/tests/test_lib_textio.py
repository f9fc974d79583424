"""The shared encoding detector (no Django)."""

import codecs

import pytest

from parvis.core.lib import textio


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("Créteil".encode(), "utf-8"),
        (codecs.BOM_UTF8 + "Créteil".encode(), "utf-8-sig"),
        ("Créteil".encode("utf-16"), "utf-16"),
        ("Créteil – l’Échat".encode("cp1252"), "cp1252"),
        ("Créteil, Sucy-en-Brie".encode("latin-1"), "latin-1"),
    ],
)
def test_each_usual_french_encoding_is_recognised(data, encoding):
    assert textio.detect(data) == encoding
    assert textio.decode(data)[0].startswith("Créteil")


def test_a_utf8_file_with_a_latin1_line_is_refused_with_that_line():
    data = "nom\nCréteil\n".encode() + "Créteil\n".encode("latin-1")
    with pytest.raises(textio.MixedEncoding) as mixed:
        textio.detect(data)
    assert mixed.value.line == 3


def test_a_character_cut_at_the_end_of_a_sample_is_still_utf8():
    assert textio.detect("abcé".encode()[:-1], sample=True) == "utf-8"
    assert textio.detect("abcé".encode()[:-1]) == "latin-1"
