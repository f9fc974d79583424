"""The bad-input corpus sent to every upload and import (tests only): each entry is (name, bytes)."""

import io
import json
import zipfile
from functools import cache


def xlsx_bomb(inflated_mb: int = 200) -> bytes:
    """A valid-looking XLSX whose one sheet inflates to ``inflated_mb`` MB of XML (about 0.5 MB packed)."""
    buf = io.BytesIO()
    row = b'<row><c t="inlineStr"><is><t>bombe</t></is></c></row>' * 1000
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(b"<worksheet><sheetData>")
            for _ in range(inflated_mb * 1024 * 1024 // len(row)):
                sheet.write(row)
            sheet.write(b"</sheetData></worksheet>")
    return buf.getvalue()


def xml_entity_bomb() -> bytes:
    """Billion laughs inside an XLSX sheet."""
    laughs = '<!DOCTYPE lolz [<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i else "&lol;" * 10}">' for i in range(9)
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", laughs + "]><worksheet>&lol8;</worksheet>")
    return buf.getvalue()


def nested_json(depth: int = 100_000) -> bytes:
    return b"[" * depth + b"]" * depth


@cache
def corpus() -> list[tuple[str, bytes]]:
    header = ",".join(f"c{i}" for i in range(10_000))
    return [
        ("garbage.csv", bytes(range(256)) * 64),
        ("nul.csv", b"id,nom\n1,\x00\x00\x00\n"),
        ("colonnes.csv", (header + "\n" + header.replace("c", "") + "\n").encode()),
        ("ligne.csv", b"id,nom\n1," + b"x" * (50 * 1024 * 1024) + b"\n"),
        ("bombe.xlsx", xlsx_bomb()),
        ("entites.xlsx", xml_entity_bomb()),
        ("imbrique.json", nested_json()),
        ("nan.json", json.dumps([{"id": float("nan")}]).encode()),
        ("utf8-invalide.csv", b"id,nom\n1,caf\xc3\xa9\n2,\xff\xfe\xfa\xc3\n"),
    ]
