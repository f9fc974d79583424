"""Demo snapshots: generated stand-ins for collectivités' websites, served by the instance itself so that the
real audit engine has something to measure on a machine without Internet access.

A profile says how heavy a mock site is (news items, images, scripts, style sheet) and which accessibility
faults it carries. Everything here is deterministic: the same profile always gives the same bytes, so a
snapshot audited twice gives the same figures. Nothing here pretends to be a measure of the real site.
"""

from __future__ import annotations

import random
import struct
import zlib
from dataclasses import dataclass

PNG_WIDTH = 128


@dataclass(frozen=True)
class Profile:
    news: int  # news items on the home page (each one a few DOM elements)
    images: int  # photos on the home page
    image_kb: int  # weight of each photo
    scripts: int  # script files
    script_kb: int  # weight of each script file
    css_kb: int  # weight of the style sheet
    missing_alt: bool = False  # photos without a text alternative (RGAA 1.1)
    unlabelled_search: bool = False  # a search field without a label (RGAA 11.1)
    statement: str = ""  # "", "non", "partiellement", "totalement" (accessibility statement)
    multiyear_plan: bool = False  # « schéma pluriannuel » published


def _noise(seed: str, size: int) -> bytes:
    return random.Random(seed).randbytes(max(size, 0))


def noise_png(seed: str, size: int) -> bytes:
    """A valid PNG of about `size` bytes whose pixels are noise (it does not compress, like a photo)."""
    row = 1 + 3 * PNG_WIDTH
    height = max(1, size // row)
    pixels = _noise(seed, height * (row - 1))
    raw = b"".join(b"\x00" + pixels[y * (row - 1) : (y + 1) * (row - 1)] for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", PNG_WIDTH, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 1))
        + chunk(b"IEND", b"")
    )


def _filler(seed: str, size: int) -> str:
    """Hexadecimal noise: text that compresses only about twofold, like minified code."""
    return _noise(seed, size // 2).hex()


def script(seed: str, size_kb: int) -> str:
    """A script that does nothing visible, as heavy as a typical bundle of its size."""
    return f'/* Maquette de démonstration Parvis */\nwindow.parvisDemo = "{_filler(seed, size_kb * 1000)}";\n'


STYLE = """body{font-family:system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fff;line-height:1.5}
.bandeau{background:#fff3cd;border-bottom:2px solid #8a6d00;padding:.5rem 1rem}
header,main,footer{padding:1rem;max-width:60rem;margin:auto}
nav ul{display:flex;flex-wrap:wrap;gap:1rem;list-style:none;padding:0}
a{color:#0a4b8c}
.actus{display:grid;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr));gap:1rem;padding:0;list-style:none}
.actus img,.photos img{max-width:100%;height:auto}
.photos{display:flex;flex-wrap:wrap;gap:.5rem}
.pale{color:#b8b8b8}
"""


def stylesheet(seed: str, size_kb: int) -> str:
    """The mock site's style sheet, padded to its profile's weight with unused rules."""
    padding = max(0, size_kb * 1000 - len(STYLE))
    unused = _filler(seed, padding)
    rules = "".join(f".u{unused[i : i + 12]}{{margin:0}}\n" for i in range(0, len(unused), 12))
    return STYLE + rules


NEWS_TOPICS = (
    "Travaux de voirie",
    "Conseil municipal",
    "Inscriptions scolaires",
    "Marché de producteurs",
    "Collecte des déchets",
    "Fête de quartier",
    "Médiathèque",
    "Plan local d'urbanisme",
    "Centre communal d'action sociale",
    "Stationnement",
)


def news(count: int) -> list[dict[str, object]]:
    """Mock news items of the home page, numbered so that they read as placeholders."""
    return [{"number": n, "topic": NEWS_TOPICS[n % len(NEWS_TOPICS)]} for n in range(1, count + 1)]
