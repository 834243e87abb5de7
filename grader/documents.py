"""Read scripts from disk (the I/O edge): text and Markdown files.

Text is decoded strictly (UTF-8 unless told otherwise): a wrong encoding is an
error naming the file, never a silent loss of characters.
"""

from __future__ import annotations

from pathlib import Path

from grader.errors import (
    BinaryFile,
    DocumentTooLarge,
    EmptyDocument,
    EncodingProblem,
    UnsupportedFile,
)

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}
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


def read_script(
    path: str | Path, *, encoding: str | None = None, max_chars: int = DEFAULT_MAX_CHARS
) -> str:
    """Read one script's text.

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
    if suffix not in TEXT_SUFFIXES:
        raise UnsupportedFile(f"{path}: cannot read '{suffix}' files. Supported: .txt, .md.")
    text = decode(path.read_bytes(), source=str(path), encoding=encoding)
    return check_text(text, source=str(path), max_chars=max_chars)
