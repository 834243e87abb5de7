"""Zip containers (a zip of scripts, a .docx) read within limits (the I/O edge).

A 50 kB .docx can inflate to megabytes of XML and a zip of scripts to gigabytes, so the
zip's directory is checked against :class:`~grader.settings.DocumentLimits` before
anything is inflated (member count, total size, inflation ratio, encryption), and each
member is then read as a stream that stops at its limit, in case the directory lies.
A damaged member (bad CRC, truncated, encrypted, unknown compression) is a coded error
naming the file, never a crash.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Callable

from grader.errors import DocumentError, DocumentTooLarge
from grader.settings import DocumentLimits

#: What zipfile raises on a damaged or unreadable member.
MEMBER_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError)
CHUNK = 1 << 16


def check_archive(
    archive: zipfile.ZipFile,
    *,
    source: str,
    limits: DocumentLimits,
    damaged: Callable[[str], DocumentError],
) -> list[zipfile.ZipInfo]:
    """The archive's files, after checking its directory against ``limits``.

    Parameters
    ----------
    archive : zipfile.ZipFile
        An open zip (nothing is inflated here).
    source : str
        How to name the file in errors (the uploaded name, never a server path).
    limits : DocumentLimits
        Member count, total inflated size and inflation ratio allowed.
    damaged : callable
        Makes the coded error for an encrypted member, given the detail.

    Raises
    ------
    DocumentTooLarge
        Too many members, too large inflated, or a member that inflates like a bomb.
    DocumentError
        From ``damaged``, for an encrypted member.
    """
    members = [info for info in archive.infolist() if not info.is_dir()]
    if len(members) > limits.max_members:
        raise DocumentTooLarge(
            f"{source}: {len(members):,} files inside, over the limit of "
            f"{limits.max_members:,}. Check it is the right file, or split it."
        )
    total = sum(info.file_size for info in members)
    if total > limits.max_expanded_bytes:
        raise DocumentTooLarge(
            f"{source}: unpacks to {total:,} bytes, over the limit of "
            f"{limits.max_expanded_bytes:,}. Check it is the right file, or split it."
        )
    for info in members:
        if info.flag_bits & 0x1:
            raise damaged(f"{info.filename} is encrypted (password-protected)")
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limits.ratio_floor_bytes and ratio > limits.max_ratio:
            raise DocumentTooLarge(
                f"{source}: {info.filename} unpacks {ratio:,.0f} times larger "
                f"({info.file_size:,} bytes from {info.compress_size:,}), over the limit of "
                f"{limits.max_ratio:,.0f} (a zip bomb, or padding). Save the document again "
                f"from the original."
            )
    return members


def read_member(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    *,
    source: str,
    limit: int,
    damaged: Callable[[str], DocumentError],
) -> bytes:
    """One member's bytes, read as a stream that stops past ``limit`` bytes."""
    parts: list[bytes] = []
    size = 0
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(CHUNK):
                size += len(chunk)
                if size > limit:
                    raise DocumentTooLarge(
                        f"{source}: {info.filename} unpacks to over {limit:,} bytes, the "
                        f"limit for one file. Check it is the right file."
                    )
                parts.append(chunk)
    except MEMBER_ERRORS as exc:
        raise damaged(f"{info.filename}: {exc or type(exc).__name__}") from exc
    return b"".join(parts)
