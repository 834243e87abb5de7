"""Outputs are replaced whole or not at all."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from grader.io.atomic import write_atomic, write_text_atomic


def test_a_failed_write_leaves_the_old_file_and_no_temp(tmp_path: Path):
    target = write_text_atomic(tmp_path / "marks.csv", "old complete file")

    def half_write(tmp: Path) -> None:
        tmp.write_text("half a fi", encoding="utf-8")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        write_atomic(target, half_write)
    assert target.read_text(encoding="utf-8") == "old complete file"
    assert [p.name for p in tmp_path.iterdir()] == ["marks.csv"]


@pytest.mark.parametrize(
    "umask, mode",
    [
        (0o022, 0o644),  # the usual umask: colleagues can read the marks
        (0o002, 0o664),  # a shared group folder: the group can also edit them
        (0o077, 0o600),  # a user who asked for private files gets private files
    ],
)
def test_outputs_get_the_permissions_of_the_umask(tmp_path: Path, umask: int, mode: int):
    old = os.umask(umask)
    try:
        target = write_text_atomic(tmp_path / "marks.csv", "script,mark\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == mode
