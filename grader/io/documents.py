"""Read scripts from disk (the I/O edge): text, Markdown, Word and PDF files.

Text is UTF-8, or another encoding detected file by file (charset-normalizer);
``--encoding`` forces one, decoded strictly: a wrong encoding is an error naming
the file, never a silent loss of characters. A PDF without a text
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
from grader.settings import DocumentLimits

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
SUPPORTED = ".txt, .md, .docx, .pdf"
DEFAULT_MAX_CHARS = 200_000


def unsupported(source: str, suffix: str) -> UnsupportedFile:
    """The error for a file grader does not read (a file with no extension included)."""
    if not suffix:
        return UnsupportedFile(
            f"{source}: the file name has no extension, so grader cannot tell it is a script. "
            f"If it is one, rename it with its type ({SUPPORTED})."
        )
    return UnsupportedFile(f"{source}: cannot read '{suffix}' files. Supported: {SUPPORTED}.")


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


#: Encodings a non-UTF-8 script is detected among: grader marks English, so the
#: Western single-byte code pages (Windows, ISO, Mac) and UTF-16/32.
DETECTED_ENCODINGS = ("utf_8", "utf_16", "utf_32", "cp1252", "latin_1", "mac_roman")


def detect_encoding(data: bytes) -> str | None:
    """The most plausible encoding of ``data`` among :data:`DETECTED_ENCODINGS`, or None.

    Examples
    --------
    >>> detect_encoding("Lenin’s détente – 1922".encode("cp1252"))
    'cp1252'
    """
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(DETECTED_ENCODINGS)).best()
    return best.encoding if best is not None else None


def decode(data: bytes, *, source: str, encoding: str | None = None) -> str:
    """Decode a text file's bytes; a byte-order mark is removed.

    UTF-8 is tried first; a file that is not UTF-8 has its encoding detected (so a class
    folder can mix UTF-8 and Windows-1252 files). ``encoding`` forces one encoding,
    decoded strictly: a byte it cannot decode is an error, never a dropped character.
    """
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise BinaryFile.for_file(source)
    try:
        text = data.decode(encoding or "utf-8")
    except UnicodeDecodeError as exc:
        guess = None if encoding else detect_encoding(data)
        if guess is None:
            raise EncodingProblem(
                f"{source}: not valid {encoding or 'UTF-8'} text (byte 0x{data[exc.start]:02x} "
                f"at position {exc.start}). "
                + (
                    "Leave out --encoding to detect each file's encoding, or give the right one."
                    if encoding
                    else "Save it as UTF-8, or pass --encoding (e.g. --encoding cp1252)."
                )
            ) from exc
        text = data.decode(guess)
    except LookupError as exc:
        raise EncodingProblem(
            f"Unknown encoding '{encoding}'. Use a Python codec name such "
            f"as utf-8, cp1252 or latin-1."
        ) from exc
    return text.removeprefix("\ufeff")


def docx_text(data: bytes, *, source: str, limits: DocumentLimits | None = None) -> str:
    """The text of a Word document: paragraphs (and table cells) separated by blank lines.

    The zip's directory is checked against ``limits`` first (a .docx bomb is refused
    before any XML is inflated); damaged zips, encrypted parts and malformed XML are
    :class:`CorruptDocx` naming ``source``.
    """
    import docx

    from grader.io.archives import check_archive

    limits = limits or DocumentLimits()

    def damaged(detail: str) -> CorruptDocx:
        return CorruptDocx.for_file(source, detail)

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_archive(archive, source=source, limits=limits, damaged=damaged)
    except zipfile.BadZipFile as exc:
        raise damaged(str(exc) or type(exc).__name__) from exc
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - python-docx, lxml and zipfile raise many kinds
        raise damaged(str(exc) or type(exc).__name__) from exc
    blocks = [p.text.strip() for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            blocks.extend(cell.text.strip() for cell in row.cells)
    return "\n\n".join(block for block in blocks if block)


def pdf_text(data: bytes, *, source: str, limits: DocumentLimits | None = None) -> str:
    """The text layer of a PDF, page by page; a scan (no text layer) is refused.

    A PDF of more than ``limits.max_pdf_pages`` pages is refused before any page is read
    (pypdf itself caps how far one stream may inflate).
    """
    from pypdf import PdfReader

    limits = limits or DocumentLimits()
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadablePdf.encrypted(source)
        if len(reader.pages) > limits.max_pdf_pages:
            raise DocumentTooLarge(
                f"{source}: {len(reader.pages):,} pages, over the limit of "
                f"{limits.max_pdf_pages:,}. Check it is the right file, or split it."
            )
        pages = [page.extract_text() or "" for page in reader.pages]
    except (UnreadablePdf, DocumentTooLarge):
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds on a damaged file
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
        text suffixes (``.txt``, ``.md``) are decoded; a name without a suffix is refused.
    source : str, optional
        How to name the file in errors (defaults to ``name``).
    encoding : str, optional
        Force this encoding for a text file (by default UTF-8, else detected).
    """
    source = source or name
    suffix = Path(name).suffix.lower()
    if suffix == ".docx":
        return docx_text(data, source=source)
    if suffix == ".pdf":
        return pdf_text(data, source=source)
    if suffix not in TEXT_SUFFIXES:
        raise unsupported(source, suffix)
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
        raise unsupported(str(path), suffix)
    text = script_text(path.read_bytes(), name=path.name, source=str(path), encoding=encoding)
    return check_text(text, source=str(path), max_chars=max_chars)
