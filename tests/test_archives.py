"""Zip containers within limits (issue #20 findings 3, 5, 7, 9): bombs refused before they
inflate, damaged or encrypted members a coded error, zips read as streams, scripts counted on
parsed rows."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from grader.errors import CorruptDocx, DocumentTooLarge, UnsupportedFile
from grader.io.documents import docx_text
from grader.io.scripts_in import read_scripts
from grader.settings import DocumentLimits
from grader.types import Script, Unmarked
from tests.hostile_files import (
    docx_bomb,
    docx_bytes,
    malformed_docx,
    with_bad_crc,
    with_encrypted_flag,
    zipped,
)

ESSAY = "The Treaty of Rapallo in 1922 ended Soviet isolation."


def test_a_docx_bomb_is_refused_in_under_two_seconds():
    # Finding 3: 50 kB whose document.xml expands to 9.6 MB took 29 s and +480 MB to parse.
    bomb = docx_bomb()
    assert len(bomb) < 60_000
    start = time.perf_counter()
    with pytest.raises(DocumentTooLarge) as info:
        docx_text(bomb, source="essay.docx")
    assert time.perf_counter() - start < 2.0
    assert str(info.value).startswith("[D005] essay.docx: word/document.xml unpacks ")
    assert "(a zip bomb, or padding)" in str(info.value)


def test_an_ordinary_docx_is_still_read():
    assert docx_text(docx_bytes(ESSAY), source="ann.docx") == ESSAY


def test_a_docx_over_the_member_limit_is_refused():
    limits = DocumentLimits(max_members=3)
    with pytest.raises(DocumentTooLarge, match=r"ann.docx: \d+ files inside, over the limit of 3"):
        docx_text(docx_bytes(ESSAY), source="ann.docx", limits=limits)


@pytest.mark.parametrize(
    ("data", "detail"),
    [
        (malformed_docx(), "line 1, column"),  # finding 7: malformed XML was a bare 500
        (with_encrypted_flag(docx_bytes(ESSAY)), "is encrypted (password-protected)"),
        (b"PK\x03\x04 not a zip", "File is not a zip file"),
    ],
)
def test_a_damaged_docx_is_a_coded_error_naming_the_file(data, detail):
    with pytest.raises(CorruptDocx) as info:
        docx_text(data, source="essay.docx")
    assert str(info.value).startswith("[D008] essay.docx: not a readable .docx file (")
    assert detail in str(info.value)


def test_bad_crc_and_encrypted_members_are_unmarked_with_the_reason(tmp_path: Path):
    # Finding 7: a bad CRC or an encrypted member stopped the whole batch with a 500.
    good = zipped({"amy.txt": ESSAY.encode(), "ben.txt": b"Ben wrote this about Locarno."})
    (tmp_path / "crc.zip").write_bytes(with_bad_crc(good, b"Ben wrote"))
    found = read_scripts(tmp_path / "crc.zip", name="class.zip")
    assert isinstance(found[0], Script) and found[0].text == ESSAY
    assert isinstance(found[1], Unmarked) and found[1].code == "D004"
    assert found[1].reason.startswith("[D004] class.zip: ben.txt: Bad CRC-32 for file")
    (tmp_path / "locked.zip").write_bytes(with_encrypted_flag(good))
    with pytest.raises(UnsupportedFile, match=r"class.zip: amy.txt is encrypted"):
        read_scripts(tmp_path / "locked.zip", name="class.zip")


def test_zip_members_are_read_as_streams_within_their_limit(tmp_path: Path):
    # Finding 9: every member was read whole into memory (300 x 20 MB fitted one upload).
    limits = DocumentLimits(max_file_bytes=100_000)
    big = zipped({"amy.txt": ESSAY.encode(), "huge.txt": b"word " * 40_000})
    (tmp_path / "class.zip").write_bytes(big)
    amy, huge = read_scripts(tmp_path / "class.zip", name="class.zip", limits=limits)
    assert isinstance(amy, Script)
    assert isinstance(huge, Unmarked) and huge.code == "D005"
    assert "huge.txt unpacks to over 100,000 bytes" in huge.reason


def test_a_zip_that_unpacks_too_large_is_refused_before_inflating(tmp_path: Path):
    limits = DocumentLimits(max_expanded_bytes=150_000)
    files = {f"s{i}.txt": b"word " * 20_000 for i in range(2)}
    (tmp_path / "class.zip").write_bytes(zipped(files))
    with pytest.raises(DocumentTooLarge, match=r"class.zip: unpacks to 200,000 bytes, over"):
        read_scripts(tmp_path / "class.zip", name="class.zip", limits=limits)


@pytest.mark.parametrize("ending", ["\r", "\n", "\r\n"])
def test_the_script_limit_counts_parsed_rows_whatever_the_line_ending(tmp_path: Path, ending):
    # Finding 5: the web count looked for '\n', so a CSV with CR-only rows passed any limit.
    rows = ["student,text"] + [f"s{i},{ESSAY}" for i in range(5)]
    (tmp_path / "class.csv").write_bytes(ending.join(rows).encode())
    assert len(read_scripts(tmp_path / "class.csv", max_scripts=5)) == 5
    with pytest.raises(DocumentTooLarge, match=r"^\[D005\] class.csv: 5 scripts, over the limit"):
        read_scripts(tmp_path / "class.csv", name="class.csv", max_scripts=4)


def test_table_errors_name_the_uploaded_file_not_the_server_path(tmp_path: Path):
    # Finding 8: '[D009] /.../data/batches/<uuid>/upload.csv: no column named 'text''.
    (tmp_path / "upload.csv").write_text("id,words\n1,hello\n", encoding="utf-8")
    with pytest.raises(Exception) as info:
        read_scripts(tmp_path / "upload.csv", name="class.csv")
    assert str(info.value).startswith("[D009] class.csv: no column named 'text'.")
    assert str(tmp_path) not in str(info.value)
