"""Hostile files for the limit tests: a .docx bomb, damaged and encrypted zips (issue #20)."""

from __future__ import annotations

import io
import zipfile

BODY_START = b"<w:body>"


def docx_bytes(text: str) -> bytes:
    import docx

    document = docx.Document()
    for paragraph in text.split("\n\n"):
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def with_document_xml(docx: bytes, xml: bytes) -> bytes:
    """The same .docx with ``word/document.xml`` replaced (deflated, as Word does)."""
    source = zipfile.ZipFile(io.BytesIO(docx))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = xml if info.filename == "word/document.xml" else source.read(info)
            out.writestr(info.filename, data)
    return buffer.getvalue()


def docx_bomb(paragraphs: int = 1_600_000) -> bytes:
    """A valid .docx whose document.xml is ``paragraphs`` empty paragraphs (9.6 MB at 1.6 M)."""
    plain = docx_bytes("x")
    xml = zipfile.ZipFile(io.BytesIO(plain)).read("word/document.xml")
    head, _, _ = xml.partition(BODY_START)
    bomb = head + BODY_START + b"<w:p/>" * paragraphs + b"</w:body></w:document>"
    return with_document_xml(plain, bomb)


def malformed_docx() -> bytes:
    """A .docx whose document.xml is not well-formed XML."""
    return with_document_xml(docx_bytes("x"), b"<w:document><w:body><w:p>unclosed")


def zipped(files: dict[str, bytes], compression: int = zipfile.ZIP_STORED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def with_bad_crc(data: bytes, member_text: bytes) -> bytes:
    """A stored zip with one byte of ``member_text`` changed after the CRC was written."""
    at = data.index(member_text)
    return data[:at] + bytes([member_text[0] ^ 0x20]) + data[at + 1 :]


def with_encrypted_flag(data: bytes) -> bytes:
    """Every member marked encrypted (general-purpose flag bit 0), as a password zip is."""
    out = bytearray(data)
    for signature, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (start := out.find(signature, start)) != -1:
            out[start + flag_at] |= 0x01
            start += 4
    return bytes(out)
