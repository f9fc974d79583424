"""Keeps the collectivité's chosen colour readable: WCAG 2.1 contrast of at least 4.5:1 against white."""

import re
from functools import cache

HEX = re.compile(r"^#?([0-9a-fA-F]{6})$")
FALLBACK = "#0b5d7a"


def _luminance(rgb: tuple[int, int, int]) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_with_white(rgb: tuple[int, int, int]) -> float:
    return 1.05 / (_luminance(rgb) + 0.05)


def parse(color: str) -> tuple[int, int, int]:
    match = HEX.match(color.strip())
    hex_digits = match.group(1) if match else FALLBACK[1:]
    red, green, blue = (int(hex_digits[i : i + 2], 16) for i in (0, 2, 4))
    return red, green, blue


@cache  # called for every page with the same setting
def accessible_primary(color: str, minimum: float = 4.5) -> str:
    """The colour itself when it contrasts enough with white text, else the same hue darkened until it does."""
    rgb = parse(color)
    while contrast_with_white(rgb) < minimum:
        red, green, blue = rgb
        rgb = int(red * 0.9), int(green * 0.9), int(blue * 0.9)
    return "#{:02x}{:02x}{:02x}".format(*rgb)
