"""Where a rubric given by name (not by path) is looked for, in order.

1. folders in the ``GRADER_RUBRICS`` environment variable (``os.pathsep``-separated);
2. ``./rubrics`` in the current folder (a department's shared schemes);
3. your own rubrics folder, where ``grader rubric import --save`` puts imported schemes
   (the platform's user data folder: ``~/.local/share/grader/rubrics`` on Linux,
   ``~/Library/Application Support/grader/rubrics`` on macOS,
   ``%LOCALAPPDATA%\\grader\\rubrics`` on Windows);
4. the rubrics bundled with grader.

The first folder holding ``<name>.yaml`` wins.
"""

from __future__ import annotations

import os
from pathlib import Path

BUNDLED_RUBRICS = Path(__file__).resolve().parents[2] / "rubrics"


def user_data_dir(*parts: str) -> Path:
    """grader's user data folder (or ``<it>/<parts...>``), shared by rubrics and models.

    platformdirs' ``user_data_path("grader")``; the environment variable
    ``GRADER_DATA_DIR`` replaces it (tests, a school's shared install). Not created here.
    """
    base = os.environ.get("GRADER_DATA_DIR")
    if base:
        return Path(base).joinpath(*parts)
    from platformdirs import user_data_path

    return user_data_path("grader", appauthor=False).joinpath(*parts)


def user_rubrics_dir() -> Path:
    """Your own rubrics folder (it may not exist yet)."""
    return user_data_dir("rubrics")


def rubric_places() -> list[tuple[Path, str]]:
    """``(folder, how to name it)`` for each folder searched, in search order."""
    places = [
        (Path(p), f"GRADER_RUBRICS ({p})")
        for p in os.environ.get("GRADER_RUBRICS", "").split(os.pathsep)
        if p
    ]
    places += [
        (Path.cwd() / "rubrics", "./rubrics"),
        (user_rubrics_dir(), f"your rubrics folder ({user_rubrics_dir()})"),
        (BUNDLED_RUBRICS, "bundled"),
    ]
    return places


def found_where(path: Path) -> str:
    """How to name the place a rubric file was found ("bundled", "./rubrics", ...)."""
    folder = path.resolve().parent
    for place, label in rubric_places():
        if place.resolve() == folder:
            return label
    return str(path.parent)


def rubric_names() -> dict[str, Path]:
    """Every rubric name found, with the file that name resolves to (the first place wins)."""
    names: dict[str, Path] = {}
    for folder, _ in rubric_places():
        if folder.is_dir():
            for path in sorted(folder.glob("*.yaml")):
                names.setdefault(path.stem, path)
    return dict(sorted(names.items()))
