"""Read a mark scheme's text from a .txt/.md, .docx or .pdf (with a text layer) file."""

from __future__ import annotations

from pathlib import Path

from grader.errors import CorruptDocx, UnsupportedFile


def read_scheme_text(path: str | Path) -> str:
    """The text of a mark scheme in a .txt/.md, .docx or .pdf (with a text layer) file.

    Word list paragraphs become ``-`` bullets; a table row becomes one line of its short
    cells ("Level 3 9–12") followed by its longer cells, so a levels table imports like
    headings with descriptors.
    """
    from grader.io.documents import decode, pdf_text

    path = Path(path)
    if not path.is_file():
        raise UnsupportedFile(f"{path}: no such file. Check the path.")
    suffix = path.suffix.lower()
    if suffix in {".txt", ".md", ".markdown", ".text", ""}:
        return decode(path.read_bytes(), source=str(path))
    if suffix == ".docx":
        return _docx_text(path)
    if suffix == ".pdf":
        return pdf_text(path.read_bytes(), source=str(path))
    raise UnsupportedFile(
        f"{path}: cannot read '{suffix}' mark schemes. Supported: .txt, .md, .docx, .pdf "
        f"(with a text layer)."
    )


def _docx_text(path: Path) -> str:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # noqa: BLE001 - python-docx raises several kinds
        raise CorruptDocx.for_file(path, str(exc) or type(exc).__name__) from exc
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            style = (block.style.name if block.style is not None else "") or ""
            text = block.text.strip()
            if text:
                lines.append(f"- {text}" if "list" in style.lower() else text)
        elif isinstance(block, Table):
            for row in block.rows:
                seen: set[int] = set()  # a merged cell is repeated in row.cells: keep it once
                unique = []
                for cell_ in row.cells:
                    if id(cell_._tc) not in seen and cell_.text.strip():
                        unique.append(cell_.text.strip())
                    seen.add(id(cell_._tc))
                short = [c for c in unique if len(c.split()) <= 4 and "\n" not in c]
                lines.append(" | ".join(short))
                for cell in unique:
                    if cell not in short:
                        lines.extend(cell.splitlines())
    return "\n".join(lines)
