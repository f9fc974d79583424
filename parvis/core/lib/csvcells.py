"""CSV cells a spreadsheet will not run: text starting like a formula gets an apostrophe in front."""

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text
