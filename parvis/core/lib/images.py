"""Recognises the raster image formats accepted for logos from their first bytes (no decoding)."""

SIGNATURES = {
    b"\x89PNG\r\n\x1a\n": "png",
    b"\xff\xd8\xff": "jpg",
}


def image_format(head: bytes) -> str | None:
    """'png', 'jpg' or 'webp' for those files, None for anything else (SVG is refused: it may carry script)."""
    for signature, name in SIGNATURES.items():
        if head.startswith(signature):
            return name
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    return None
