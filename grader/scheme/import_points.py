"""Turn a pasted mark-scheme extract into a :class:`Rubric`.

Understands the layout of the seed's "Extracts from Mark Schemes": a question line,
a framing sentence, side headings ("Failures", "Successes", "Arguments for", ...),
bullets marked with ``⭐``, ``-``, ``*``, ``•`` or numbers, and a concluding
paragraph. A compound bullet that lists several events is split into parts that
are credited separately.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from grader.errors import ImportSchemeError
from grader.scheme.default_bands import default_bands, default_bands_warning
from grader.scheme.keywords import extract_keywords, keyword_anchors, tokens
from grader.scheme.paste import collapse_spaces
from grader.scheme.rubric import check_bands
from grader.types import Bullet, LevelBand, Point, Rubric

BULLET = re.compile(r"^\s*(?:⭐|★|☆|\*|-|–|•|·|▪|●|\d{1,2}[.)]|[a-z][.)])\s*(?=\S)")
EXTRACT_HEADING = re.compile(r"^\s*extracts? from mark schemes?\s*$", re.IGNORECASE)
CONCLUSION_START = re.compile(r"^\s*(in conclusion|overall|therefore|to conclude)\b", re.I)
SENTENCE_SPLIT = re.compile(r"(?<=[.;])\s+(?=[A-Z(])")
CLAUSE_SPLIT = re.compile(r",\s+(?:and\s+)?(?=(?:the|a|an)\b)|\s+and\s+(?=(?:the|a|an)\b)|;\s*")
MAX_HEADING_WORDS = 6
# A clause opening with a demonstrative ("These agreements were followed by ...") says more
# about the part before it, so it stays in that part even when it names something new.
REFERS_BACK = re.compile(r"^(?:these|this|those|such)\b", re.IGNORECASE)


@dataclass
class _RawBullet:
    side: str
    lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(line.strip() for line in self.lines).strip()


def side_name(heading: str) -> str:
    """'Successes' -> 'success', 'Arguments against:' -> 'arguments-against'."""
    words = re.sub(r"[^A-Za-z0-9 ]+", " ", heading).lower().split()
    if not words:
        return "main"
    last = words[-1]
    if last.endswith("sses"):
        last = last[:-2]
    elif last.endswith("ies") and len(last) > 4:
        last = last[:-3] + "y"
    elif last.endswith("s") and not last.endswith("ss") and len(last) > 3:
        last = last[:-1]
    return "-".join([*words[:-1], last])


def _is_heading(line: str) -> bool:
    stripped = line.strip().lstrip("#").strip()
    if not stripped or stripped.endswith("?"):
        return False
    if stripped.endswith(":") and len(stripped.split()) <= MAX_HEADING_WORDS + 2:
        return True
    return len(stripped.split()) <= MAX_HEADING_WORDS and not stripped.endswith(".")


def split_clauses(text: str) -> list[str]:
    """Split a bullet into sentences, then coordinated or listed clauses."""
    clauses: list[str] = []
    for sentence in SENTENCE_SPLIT.split(text.strip()):
        for clause in CLAUSE_SPLIT.split(sentence):
            clause = clause.strip().rstrip(".;,").strip()
            if clause:
                clauses.append(clause)
    return clauses


def _slug(text: str, max_words: int = 3) -> str:
    words = [w.lower() for w in tokens(text) if len(w) > 2 or w.isdigit()]
    anchors = [a for a in keyword_anchors(text)]
    chosen = anchors[:2] if anchors else words[:max_words]
    return re.sub(r"[^a-z0-9]+", "-", "-".join(chosen)).strip("-") or "point"


def extract_of(text: str) -> str:
    """The lines after an "Extracts from Mark Schemes" heading (a whole seed document
    holds an essay and a plan before it), else all of ``text``."""
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if EXTRACT_HEADING.match(line):
            return "\n".join(lines[index + 1 :])
    return text


def parse_scheme_lines(text: str) -> tuple[str, str, list[_RawBullet], str]:
    """Return (question, framing, bullets, conclusion) from a pasted extract."""
    lines = extract_of(collapse_spaces(text)).split("\n")
    question = ""
    framing: list[str] = []
    bullets: list[_RawBullet] = []
    trailing: list[str] = []
    side = "main"
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        bullet = BULLET.match(line)
        if bullet:
            if trailing and bullets:
                bullets[-1].lines.extend(trailing)
            trailing = []
            bullets.append(_RawBullet(side, [line[bullet.end() :]]))
        elif not question and line.endswith("?") and not bullets:
            question = line
        elif _is_heading(line):
            if trailing and bullets:
                bullets[-1].lines.extend(trailing)
            trailing = []
            side = side_name(line)
        elif not bullets:
            framing.append(line)
        else:
            trailing.append(line)
    conclusion = ""
    if trailing and (CONCLUSION_START.match(trailing[0]) or len(trailing) >= 1):
        conclusion = " ".join(trailing)
    return question, " ".join(framing), bullets, conclusion


def _match_ids(
    bullet_text: str, ids: Mapping[str, str], exact: Mapping[str, str] | None = None
) -> list[tuple[str, str, bool]]:
    """Ids whose text is this bullet (whole=True) or a fragment of it (whole=False).

    With ``exact`` (lower-cased bullet text -> id), ids name whole bullets by their exact
    text: one dictionary look-up, no fuzzy or fragment match against every id.
    """
    low = bullet_text.lower()
    if exact is not None:
        point_id = exact.get(low.strip())
        return [(point_id, ids[point_id], True)] if point_id is not None else []
    found = []
    for point_id, id_text in ids.items():
        id_low = id_text.strip().lower()
        if not id_low:
            continue
        if fuzz.ratio(id_low, low) >= 90 or (len(id_low) > 40 and low.startswith(id_low[:40])):
            found.append((point_id, id_text, True))
        elif id_low in low:
            found.append((point_id, id_text, False))
    return found


def _parts_for(
    bullet_id: str,
    side: str,
    text: str,
    question: str,
    scheme: str,
    anchors: Sequence[tuple[str, str]],
    names_at_start: bool = False,
) -> tuple[Point, ...] | None:
    """Split a compound bullet into parts, or None when it is one point.

    ``anchors`` are (id, fragment) pairs naming the parts; with none, the bullet is
    compound when its first sentence coordinates two phrases each with its own anchor.
    """
    clauses = split_clauses(text)
    if anchors:
        groups: list[tuple[str, list[str]]] = []
        for clause in clauses:
            owner = next((pid for pid, frag in anchors if frag.lower() in clause.lower()), None)
            if owner is not None and (not groups or groups[-1][0] != owner):
                groups.append((owner, [clause]))
            elif groups:
                groups[-1][1].append(clause)
            else:
                groups.append(("", [clause]))
        if groups and groups[0][0] == "" and len(groups) > 1:
            first = groups.pop(0)
            groups[0] = (groups[0][0], first[1] + groups[0][1])
        return tuple(
            Point(
                pid,
                side,
                ". ".join(cl),
                extract_keywords(
                    " ".join(cl), exclude=[question], context=scheme, names_at_start=names_at_start
                ),
                bullet_id,
            )
            for pid, cl in groups
        )
    first_sentence = SENTENCE_SPLIT.split(text.strip())[0]
    first_clauses = split_clauses(first_sentence)
    if len(first_clauses) < 2 or not all(
        extract_keywords(c, exclude=[question], context=scheme, names_at_start=names_at_start)
        for c in first_clauses
    ):
        return None
    grouped: list[list[str]] = []
    for clause in clauses:
        if not grouped or (
            not REFERS_BACK.match(clause)
            and extract_keywords(
                clause, exclude=[question], context=scheme, names_at_start=names_at_start
            )
        ):
            grouped.append([clause])
        else:
            grouped[-1].append(clause)
    return tuple(
        Point(
            "",
            side,
            ". ".join(cl),
            extract_keywords(
                " ".join(cl), exclude=[question], context=scheme, names_at_start=names_at_start
            ),
            bullet_id,
        )
        for cl in grouped
    )


def import_scheme(
    text: str,
    *,
    rubric_id: str,
    levels: Sequence[LevelBand] = (),
    count_scores: Mapping[int, int] | None = None,
    ids: Mapping[str, str] | None = None,
    question: str | None = None,
    source: str = "<pasted mark scheme>",
    exact_ids: bool = False,
    names_at_start: bool = False,
) -> Rubric:
    """Build a rubric from a mark-scheme extract in the seed's format.

    Parameters
    ----------
    text : str
        The pasted extract: question line, optional framing sentence, side headings,
        bullets, optional concluding paragraph.
    rubric_id : str
        Id of the new rubric, e.g. ``"ussr-1920s"``.
    levels : sequence of LevelBand
        Level bands (the extract itself rarely states them). With neither these nor
        ``count_scores``, grader's default bands
        (:func:`~grader.scheme.default_bands.default_bands`) are used and the rubric's
        ``import_warnings`` says so.
    count_scores : mapping, optional
        Credited-point count -> score, for key-element schemes.
    ids : mapping of str to str, optional
        Point id -> the bullet text (or, for a part of a compound bullet, a fragment of
        it such as ``"Rapallo Pact"``). Unnamed points get ids made from their keywords.
    question : str, optional
        The question, when the extract has no question line.
    exact_ids : bool
        ``ids`` name whole bullets by their exact text (as the levels importer's generated
        ids do): each bullet is one look-up, with no fuzzy or fragment matching, so a
        scheme of thousands of bullets imports in linear time.
    names_at_start : bool
        Also take a name that only ever opens a sentence ("Stresemann ended ...") for a
        keyword (see :func:`~grader.scheme.keywords.extract_keywords`); off for the seed's
        layout, whose shipped rubrics it reproduces.

    Returns
    -------
    Rubric

    Examples
    --------
    >>> r = import_scheme("Why?\\nFor\\n- Cheap coal in 1900\\nAgainst\\n- Strikes by miners",
    ...                   rubric_id="demo", count_scores={1: 1, 2: 2})
    >>> [(p.id, p.side) for p in r.points]
    [('f-cheap-coal', 'for'), ('a-strikes-miners', 'against')]
    """
    text = extract_of(collapse_spaces(text))  # keywords are read in the extract's context
    found_question, _framing, raw_bullets, conclusion = parse_scheme_lines(text)
    question = (question or found_question).strip()
    if not raw_bullets:
        raise ImportSchemeError(
            f"{source}: no mark-scheme bullets found. Put each point on its own line starting "
            f"with ⭐, -, *, • or a number (e.g. '- The Treaty of Rapallo, 1922')."
        )
    if not question:
        raise ImportSchemeError(
            f"{source}: no question found. Start the extract with the "
            f"question (a line ending in '?') or pass --question."
        )
    ids = dict(ids or {})
    exact = {t.strip().lower(): pid for pid, t in ids.items()} if exact_ids else None
    used_ids: set[str] = set()
    bullets: list[Bullet] = []
    sides: list[str] = []
    next_n: dict[str, int] = {}  # next free suffix per candidate: numbering stays linear

    def fresh(candidate: str) -> str:
        base, n = candidate, next_n.get(candidate, 2)
        while candidate in used_ids or candidate in ids:
            candidate = f"{base}-{n}"
            n += 1
        next_n[base] = n
        used_ids.add(candidate)
        return candidate

    for raw in raw_bullets:
        if raw.side not in sides:
            sides.append(raw.side)
        text_ = raw.text
        matched = _match_ids(text_, ids, exact)
        whole = [m for m in matched if m[2]]
        fragments = [(pid, frag) for pid, frag, is_whole in matched if not is_whole]
        prefix = raw.side[:1]
        if whole:
            bullet_id = whole[0][0]
            used_ids.add(bullet_id)
        elif len(fragments) == 1:
            bullet_id = fragments[0][0]
        else:
            bullet_id = fresh(f"{prefix}-{_slug(text_)}")
        parts = _parts_for(
            bullet_id,
            raw.side,
            text_,
            question,
            text,
            fragments if len(fragments) >= 2 else [],
            names_at_start,
        )
        if parts is None or len(fragments) < 2 and (whole or fragments):
            keywords = extract_keywords(
                text_, exclude=[question], context=text, names_at_start=names_at_start
            )
            if not whole and len(fragments) == 1:
                used_ids.discard(bullet_id)
                bullet_id = fragments[0][0]
                used_ids.add(bullet_id)
            parts = (Point(bullet_id, raw.side, text_, keywords, bullet_id),)
        else:
            named = []
            for part in parts:
                part_id = part.id or fresh(f"{prefix}-{_slug(part.text)}")
                used_ids.add(part_id)
                named.append(Point(part_id, part.side, part.text, part.keywords, bullet_id))
            parts = tuple(named)
        bullets.append(Bullet(bullet_id, raw.side, text_, parts))

    missing = sorted(set(ids) - used_ids)
    if missing:
        raise ImportSchemeError(
            f"{source}: point id(s) {', '.join(missing)} were given but their text was not "
            f"found in any bullet. Check the ids file: each id must map to a bullet's text or "
            f"a fragment of it."
        )
    if levels:
        check_bands(levels, source)
    warnings: tuple[str, ...] = ()
    if not levels and not count_scores:  # the extract states no marks: the default bands
        levels = default_bands()
        warnings = (default_bands_warning(source, levels),)
    return Rubric(
        id=rubric_id,
        question=question,
        sides=tuple(sides),
        bullets=tuple(bullets),
        levels=tuple(sorted(levels, key=lambda b: b.level)),
        conclusion=conclusion,
        count_scores=tuple(sorted((count_scores or {}).items())),
        source=source,
        import_warnings=warnings,
    )
