"""The researcher notebook runs from top to bottom on its small sample."""

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow
NOTEBOOK = ROOT / "notebooks" / "researcher.ipynb"


def test_researcher_notebook_executes_and_shows_the_plots():
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(
        notebook,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    ).execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) == 2  # confusion matrix and scatter (the sample has no point labels)
    text = "\n".join(o.get("data", {}).get("text/plain", "") for o in outputs)
    assert "human 1 vs human 2" in text and "develop_min_words" in text
