"""Records of a student's text: a :class:`Script` as read, a :class:`Document` as segmented."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Sentence:
    """A sentence of an essay with its character offsets in ``Document.text``."""

    index: int
    paragraph: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    """A paragraph (or, for an essay with no breaks, a run of sentences)."""

    index: int
    start: int
    end: int
    sentences: tuple[Sentence, ...]

    @property
    def text_span(self) -> tuple[int, int]:
        return self.start, self.end


@dataclass(frozen=True)
class Document:
    """A student's script, split into paragraphs and sentences."""

    id: str
    text: str
    paragraphs: tuple[Paragraph, ...]

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        return tuple(s for p in self.paragraphs for s in p.sentences)

    @property
    def word_count(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class Script:
    """One student's script as read from a folder, zip or spreadsheet, before marking.

    Attributes
    ----------
    essay_id : str
        Unique within the batch: the file's path inside the folder or zip, or the
        student column's value of a CSV/XLSX row.
    student : str
        Who wrote it (file name without suffix, or the student column).
    source : str
        Where it came from, for messages (``"class.zip:7A/ann.docx"``, ``"export.csv row 4"``).
    text : str
        The script's text.
    """

    essay_id: str
    student: str
    source: str
    text: str
