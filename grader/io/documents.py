"""Read scripts from disk (the I/O edge): text, Markdown, Word and PDF files.

Text is decoded strictly (UTF-8 unless told otherwise): a wrong encoding is an
error naming the file, never a silent loss of characters. A PDF without a text
layer (a scan) is refused with the reason, never marked as an empty essay.
Collections of scripts (a folder, a zip, a CSV/XLSX export) are read by
:mod:`grader.io.scripts_in`.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from grader.errors import (
    BinaryFile,
    CorruptDocx,
    DocumentTooLarge,
    EmptyDocument,
    EncodingProblem,
    UnreadablePdf,
    UnsupportedFile,
)

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}
SUPPORTED = ".txt, .md, .docx, .pdf"
DEFAULT_MAX_CHARS = 200_000


def check_text(text: str, *, source: str, max_chars: int = DEFAULT_MAX_CHARS) -> str:
    """Refuse empty, wordless or oversized scripts with a message naming ``source``."""
    if not text:
        raise EmptyDocument(
            f"{source}: the script is empty (no text to mark). Check that the "
            f"right file was exported."
        )
    if not any(ch.isalnum() for ch in text):
        raise EmptyDocument(
            f"{source}: the script is empty ({len(text):,} characters but no letters or "
            f"digits: only whitespace, punctuation or invisible characters). Check that the "
            f"right file was exported."
        )
    if len(text) > max_chars:
        raise DocumentTooLarge(
            f"{source}: the script has {len(text):,} characters, over the limit of "
            f"{max_chars:,}. Split it, or raise the limit with --max-chars."
        )
    return text


def decode(data: bytes, *, source: str, encoding: str | None = None) -> str:
    """Decode bytes strictly; a UTF-8 byte-order mark is removed."""
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise BinaryFile.for_file(source)
    try:
        text = data.decode(encoding or "utf-8")
    except UnicodeDecodeError as exc:
        raise EncodingProblem(
            f"{source}: not valid {encoding or 'UTF-8'} text (byte 0x{data[exc.start]:02x} at "
            f"position {exc.start}). Save it as UTF-8, or pass --encoding (e.g. "
            f"--encoding cp1252)."
        ) from exc
    except LookupError as exc:
        raise EncodingProblem(
            f"Unknown encoding '{encoding}'. Use a Python codec name such "
            f"as utf-8, cp1252 or latin-1."
        ) from exc
    return text.removeprefix("\ufeff")


def docx_text(data: bytes, *, source: str) -> str:
    """The text of a Word document: paragraphs (and table cells) separated by blank lines."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise CorruptDocx.for_file(source, str(exc) or type(exc).__name__) from exc
    blocks = [p.text.strip() for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            blocks.extend(cell.text.strip() for cell in row.cells)
    return "\n\n".join(block for block in blocks if block)


def pdf_text(data: bytes, *, source: str) -> str:
    """The text layer of a PDF, page by page; a scan (no text layer) is refused."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadablePdf.encrypted(source)
        pages = [page.extract_text() or "" for page in reader.pages]
    except UnreadablePdf:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        raise UnreadablePdf.damaged(source, str(exc) or type(exc).__name__) from exc
    text = "\n\n".join(page.strip() for page in pages if page.strip())
    if not any(ch.isalnum() for ch in text):
        raise UnreadablePdf.image_only(source)
    return text


def script_text(
    data: bytes, *, name: str, source: str | None = None, encoding: str | None = None
) -> str:
    """The text of one script given its bytes and file name (the suffix picks the reader).

    Parameters
    ----------
    data : bytes
        The file's contents.
    name : str
        Its file name; ``.docx`` and ``.pdf`` have readers of their own, the
        text suffixes (``.txt``, ``.md``, none) are decoded.
    source : str, optional
        How to name the file in errors (defaults to ``name``).
    encoding : str, optional
        Text encoding of a text file (UTF-8 by default).
    """
    source = source or name
    suffix = Path(name).suffix.lower()
    if suffix == ".docx":
        return docx_text(data, source=source)
    if suffix == ".pdf":
        return pdf_text(data, source=source)
    if suffix not in TEXT_SUFFIXES:
        raise UnsupportedFile(f"{source}: cannot read '{suffix}' files. Supported: {SUPPORTED}.")
    return decode(data, source=source, encoding=encoding)


def read_script(
    path: str | Path, *, encoding: str | None = None, max_chars: int = DEFAULT_MAX_CHARS
) -> str:
    """Read one script's text (.txt, .md, .docx or .pdf with a text layer).

    Examples
    --------
    >>> text = read_script("examples/ussr-1920s-model-essay.txt")
    >>> text.startswith("The USSR and Major European Powers")
    True
    """
    path = Path(path)
    if not path.is_file():
        raise UnsupportedFile(f"{path}: no such file. Check the path.")
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES | {".docx", ".pdf"}:
        raise UnsupportedFile(f"{path}: cannot read '{suffix}' files. Supported: {SUPPORTED}.")
    text = script_text(path.read_bytes(), name=path.name, source=str(path), encoding=encoding)
    return check_text(text, source=str(path), max_chars=max_chars)
