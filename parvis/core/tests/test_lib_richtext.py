from parvis.core.lib.richtext import markdown_to_html


def test_headings_lists_emphasis_and_links_are_rendered():
    html = markdown_to_html("## Éditeur\n\n- **Mairie** de Noiseau\n- [site](https://noiseau.fr)")
    assert "<h2>Éditeur</h2>" in html
    assert "<strong>Mairie</strong>" in html
    assert '<a href="https://noiseau.fr">site</a>' in html


def test_raw_html_is_shown_escaped_never_interpreted():
    html = markdown_to_html('<script>alert(1)</script>\n\n<img src=x onerror="alert(1)">')
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


def test_script_links_are_not_made_into_links():
    html = markdown_to_html("[clic](javascript:alert(1)) [b](data:text/html,x) [c](vbscript:x)")
    assert "href" not in html


def test_images_are_not_loaded():
    assert "<img" not in markdown_to_html("![pixel](https://tracker.example/p.gif)")
