"""Make the kinds of files teachers export, for tests: .docx, text PDFs and scanned PDFs."""

from __future__ import annotations

import textwrap
from pathlib import Path


def write_docx(path: Path, text: str) -> Path:
    import docx

    document = docx.Document()
    for paragraph in text.split("\n\n"):
        document.add_paragraph(paragraph.strip())
    document.save(path)
    return path


def write_text_pdf(path: Path, text: str) -> Path:
    """A PDF with a real text layer (matplotlib, TrueType fonts), ~45 lines a page."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    lines: list[str] = []
    for paragraph in text.split("\n\n"):
        lines.extend(textwrap.wrap(" ".join(paragraph.split()), 90) + [""])
    with plt.rc_context({"pdf.fonttype": 42}), PdfPages(path) as pdf:
        for first in range(0, len(lines), 45):
            figure = plt.figure(figsize=(8.27, 11.69))
            figure.text(0.06, 0.96, "\n".join(lines[first : first + 45]), va="top", fontsize=9)
            pdf.savefig(figure)
            plt.close(figure)
    return path


def write_scanned_pdf(path: Path) -> Path:
    """An image-only PDF, like a scanner's: a page picture and no text layer."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    rng = np.random.default_rng(0)
    page = np.ones((300, 210)) - (rng.random((300, 210)) > 0.97) * 0.8
    figure = plt.figure(figsize=(8.27, 11.69))
    figure.figimage(page, cmap="gray", resize=False)
    figure.savefig(path, format="pdf")
    plt.close(figure)
    return path
