"""The administrator's legal pages: Markdown turned into a small, safe subset of HTML.

Raw HTML in the text is escaped (shown, never interpreted), links with ``javascript:``, ``vbscript:``,
``file:`` or ``data:`` targets are not made into links, and images are off (the page's CSP would block
remote ones anyway).
"""

from markdown_it import MarkdownIt

_MARKDOWN = MarkdownIt("commonmark", {"html": False}).disable("image")


def markdown_to_html(text: str) -> str:
    html: str = _MARKDOWN.render(text)
    return html
