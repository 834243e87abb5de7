"""Recognise answer keys that are not mark schemes for written answers (MCQ, calculations).

A multiple-choice key lists one letter per question ("1 B", "Q2: D", "3. (C)"); a
calculation scheme gives a numerical answer with marks for working ("= 42 kg (1)",
"Answer: 12.5 m/s"). grader marks written answers, so both are refused with a coded
one-line error (R011) rather than imported as a scheme that would mark nothing.
"""

from __future__ import annotations

import re

from grader.errors import AnswerKeyScheme

MCQ_LINE = re.compile(
    r"^\s*(?:q(?:uestion)?\s?)?\d{1,2}(?:\.\d{1,2})?\s?[.):–-]?\s{0,4}(?:answer\s?[:=]?\s?)?"
    r"\(?[A-Da-d]\)?\s?(?:\(\d\)|\[\d\]|\d\smarks?)?\s*$",
    re.IGNORECASE,
)
ANSWER_LETTER = re.compile(r"^\s*(?:correct )?answer\s?[:=–-]\s?\(?[A-D]\)?\s*[.)]?\s*$", re.I)
OPTION_LINE = re.compile(r"^\s*\(?[A-D][.)]?\s+\S")
RESULT_LINE = re.compile(
    r"(?:=|\banswer\s?[:=])\s?[£$€]?-?\d[\d,]*(?:\.\d+)?\s?[a-zA-Z%/²³]{0,6}\s*"
    r"(?:[(\[]\d[)\]])?\s*$",
    re.IGNORECASE,
)
WORKING = re.compile(r"\bworking\b|\bcorrect (?:answer|calculation)\b|\bsubstitut|\(\d\)", re.I)


def refuse_answer_keys(text: str, *, source: str) -> None:
    """Raise :class:`~grader.errors.AnswerKeyScheme` when the text is an MCQ or calculation key."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    keys = [line for line in lines if MCQ_LINE.match(line)]
    options = sum(bool(OPTION_LINE.match(line)) for line in lines)
    letters = [line for line in lines if ANSWER_LETTER.match(line)]
    if len(keys) >= 2:
        raise AnswerKeyScheme.multiple_choice(source, keys[0], len(keys))
    if letters and options >= 3:
        raise AnswerKeyScheme.multiple_choice(source, letters[0], len(letters))
    results = [line for line in lines if RESULT_LINE.search(line)]
    if results and WORKING.search(text):
        raise AnswerKeyScheme.calculation(source, results[0])
