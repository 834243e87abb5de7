"""The web app's limits: upload sizes, time per request, hosts accepted, how long uploads stay."""

from __future__ import annotations

from dataclasses import dataclass, field

from grader.settings import DocumentLimits

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")


@dataclass(frozen=True)
class WebLimits:
    """Everything the web app refuses past; each refusal is a coded message saying what to do.

    Attributes
    ----------
    max_essay_bytes, max_batch_bytes : int
        Largest essay file and class upload (a .zip of scripts or a .csv).
    max_batch_files : int
        Most scripts in one class upload (counted on the zip's files or the parsed rows).
    max_text_chars : int
        Longest pasted essay or mark scheme.
    max_form_bytes : int
        Largest form field (a pasted text).
    work_seconds : float
        Time allowed to read an uploaded file, import a scheme or mark one essay; past it
        the request gets a W003 message (reading and importing are stopped).
    batch_seconds : float
        Time allowed to mark a class upload.
    keep_days : float
        Stored class uploads and their outputs are deleted this long after marking.
    hosts : tuple of str
        ``Host`` header values accepted (ports ignored): loopback names, plus the address
        ``grader serve --host`` binds to. Any other is refused (DNS rebinding).
    documents : DocumentLimits
        Size, member and inflation limits of uploaded .docx, .pdf and .zip files.
    """

    max_essay_bytes: int = 2_000_000
    max_batch_bytes: int = 20_000_000
    max_batch_files: int = 300
    max_text_chars: int = 200_000
    max_form_bytes: int = 1_000_000
    work_seconds: float = 60.0
    batch_seconds: float = 900.0
    keep_days: float = 3.0
    hosts: tuple[str, ...] = LOOPBACK_HOSTS
    documents: DocumentLimits = field(default_factory=DocumentLimits)

    def request_cap(self, path: str) -> int:
        """Largest request body accepted on ``path`` (the batch page takes more)."""
        file_cap = self.max_batch_bytes if path.startswith("/teacher") else self.max_essay_bytes
        return file_cap + self.max_form_bytes + 64_000


def megabytes(size: int) -> str:
    """A size as people read it: '2.0 MB', or '50 kB' under a megabyte."""
    return f"{size / 1_000_000:.1f} MB" if size >= 1_000_000 else f"{size / 1000:.0f} kB"
