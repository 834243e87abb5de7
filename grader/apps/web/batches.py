"""Stored class uploads: private folders, deleted after a few days or on request.

Each class upload gets a random folder under ``<data>/batches`` holding the upload (as
``upload.zip`` / ``upload.csv``, never the uploaded name) and the outputs (marks, reports,
a manifest with the essays' text). Folders are 0700 and files 0600: only the account
running the app can read them. A folder older than ``keep_days`` is deleted whenever a
class is marked and when the app starts; a failed batch is deleted at once; the teacher
can delete one from its page.
"""

from __future__ import annotations

import os
import re
import shutil
import time
import uuid
from pathlib import Path

BATCH_ID = re.compile(r"^[0-9a-f]{32}$")
DOWNLOADS = ("marks.xlsx", "marks.csv", "summary.html", "reports.zip")
DAY = 86_400.0


class BatchStore:
    """The folder of stored class uploads and the retention policy that empties it."""

    def __init__(self, root: Path, keep_days: float) -> None:
        self.root = root
        self.keep_days = keep_days
        root.mkdir(parents=True, exist_ok=True, mode=0o700)
        root.chmod(0o700)

    def new(self, data: bytes, suffix: str) -> tuple[str, Path]:
        """A new private folder holding the upload as ``upload<suffix>``: (id, upload path)."""
        batch_id = uuid.uuid4().hex
        folder = self.root / batch_id
        folder.mkdir(mode=0o700)
        source = folder / f"upload{suffix}"
        descriptor = os.open(source, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        return batch_id, source

    def folder(self, batch_id: str) -> Path | None:
        """The folder of a stored batch, or None for an unknown or malformed id."""
        if not BATCH_ID.match(batch_id):
            return None
        folder = self.root / batch_id
        return folder if folder.is_dir() else None

    def download(self, batch_id: str, name: str) -> Path | None:
        folder = self.folder(batch_id)
        if folder is None or name not in DOWNLOADS:
            return None
        path = folder / "out" / name
        return path if path.is_file() else None

    def lock_down(self, batch_id: str) -> None:
        """Make everything the marking wrote private (0700 folders, 0600 files)."""
        folder = self.folder(batch_id)
        if folder is None:
            return
        for place, folders, files in os.walk(folder):
            for name in folders:
                os.chmod(os.path.join(place, name), 0o700)
            for name in files:
                os.chmod(os.path.join(place, name), 0o600)

    def delete(self, batch_id: str) -> bool:
        """Delete a stored batch (upload and outputs); False if there was none."""
        folder = self.folder(batch_id)
        if folder is None:
            return False
        shutil.rmtree(folder, ignore_errors=True)
        return True

    def sweep(self, now: float | None = None) -> list[str]:
        """Delete every batch older than ``keep_days``; the ids deleted."""
        cutoff = (time.time() if now is None else now) - self.keep_days * DAY
        gone = []
        for folder in self.root.iterdir():
            if BATCH_ID.match(folder.name) and folder.stat().st_mtime < cutoff:
                shutil.rmtree(folder, ignore_errors=True)
                gone.append(folder.name)
        return gone
