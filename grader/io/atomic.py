"""Write output files atomically: to a temporary file beside the target, then rename.

A reader (or a crash) never sees a half-written spreadsheet or report: either the
old file or the complete new one is there. Files get the permissions the user's umask
gives any new file (``-rw-r--r--`` under the usual 022), so colleagues on a shared
drive can open them; ``tempfile.mkstemp`` would make them private (0600).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from pathlib import Path


def write_atomic(path: str | Path, write: Callable[[Path], object]) -> Path:
    """Call ``write(tmp_path)`` on a temporary file in ``path``'s folder, then replace ``path``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = write_atomic(target, lambda p: p.write_text("done", encoding="utf-8"))
    >>> target.read_text(encoding="utf-8")
    'done'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    while True:  # a new, unguessable name; "x" creates it with the umask's permissions
        tmp = path.parent / f".{path.name}.{secrets.token_hex(6)}.tmp"
        try:
            with tmp.open("x"):
                break
        except FileExistsError:  # pragma: no cover - 48 random bits
            continue
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def write_text_atomic(path: str | Path, text: str) -> Path:
    """Write UTF-8 text atomically."""
    return write_atomic(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
