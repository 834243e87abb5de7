from pathlib import Path

import pytest

from grader.errors import DocumentTooLarge, EmptyDocument, EncodingProblem, UnsupportedFile
from grader.io.documents import read_script


def test_reads_utf8_and_strips_bom(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffRapallo — 1922".encode())
    assert read_script(path) == "Rapallo — 1922"


def test_a_windows_1252_file_is_detected_and_encoding_only_forces(tmp_path: Path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Café Genoa – Lenin’s “breakthrough”".encode("cp1252"))
    assert read_script(path) == "Café Genoa – Lenin’s “breakthrough”"
    with pytest.raises(EncodingProblem) as info:
        read_script(path, encoding="utf-8")  # forced: decoded strictly, never guessed
    assert info.value.message == (
        f"{path}: not valid utf-8 text (byte 0xe9 at position 3). Leave out --encoding to "
        f"detect each file's encoding, or give the right one."
    )


def test_undecodable_bytes_name_the_file_and_the_option(tmp_path: Path):
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(128, 256)) * 3)  # no encoding makes text of this
    with pytest.raises(EncodingProblem) as info:
        read_script(path)
    assert info.value.message == (
        f"{path}: not valid UTF-8 text (byte 0x80 at position 0). Save it as UTF-8, or pass "
        f"--encoding (e.g. --encoding cp1252)."
    )


def test_a_file_without_an_extension_is_not_a_script(tmp_path: Path):
    path = tmp_path / "notes"
    path.write_text("hi", encoding="utf-8")
    with pytest.raises(UnsupportedFile) as info:
        read_script(path)
    assert info.value.message == (
        f"{path}: the file name has no extension, so grader cannot tell it is a script. If it "
        f"is one, rename it with its type (.txt, .md, .docx, .pdf)."
    )


def test_empty_and_whitespace_files_are_refused(tmp_path: Path):
    path = tmp_path / "blank.txt"
    path.write_text("  \n\t\n", encoding="utf-8")
    with pytest.raises(EmptyDocument, match="the script is empty"):
        read_script(path)


def test_binary_file_is_refused(tmp_path: Path):
    path = tmp_path / "x.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    with pytest.raises(UnsupportedFile, match="binary file"):
        read_script(path)


def test_oversized_script_says_the_limit(tmp_path: Path):
    path = tmp_path / "big.txt"
    path.write_text("word " * 30, encoding="utf-8")
    with pytest.raises(DocumentTooLarge) as info:
        read_script(path, max_chars=100)
    assert "150 characters, over the limit of 100" in str(info.value)
