"""A generic 12-mark levels-of-response scheme (no content list), in our own words, for
tests that mark small hand-written answers to a made-up question."""

from __future__ import annotations

GENERIC_LEVELS = """Level 4 (10-12 marks)
Complex explanation of several factors, showing how they are linked.
Level 3 (7-9 marks)
Developed explanation of two or more factors, supported by accurate knowledge.
Level 2 (4-6 marks)
Simple explanation of one or more factors, supported by some knowledge.
Level 1 (1-3 marks)
Basic explanation of one factor, or description of relevant events.
Level 0 (0 marks)
No relevant content.
"""


def generic_scheme(question: str) -> str:
    """The pasted scheme: the question, then the generic levels."""
    return f"{question}\n\n{GENERIC_LEVELS}"
