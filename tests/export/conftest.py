"""The README's example thesis reported with a fiscal year end of the test's choosing."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from model.cli.main import main

README = Path(__file__).resolve().parents[2] / "README.md"

#: (fiscal year end "MM-DD" or None for December, edit of the text, sub-folder) -> report folder
ReadmeReport = Callable[..., Path]


@pytest.fixture
def readme_report(tmp_path: Path) -> ReadmeReport:
    """Report the README's example (200 paths, no charts) and return the folder written."""

    def report(
        end: str | None = None, edit: Callable[[str], str] | None = None, where: str = "."
    ) -> Path:
        text = README.read_text(encoding="utf-8")
        found = re.search(r"<!-- readme-example: example.yaml -->\n```yaml\n(.*?)```", text, re.S)
        assert found is not None
        body = edit(found.group(1)) if edit else found.group(1)
        if end:
            body = body.replace(
                "as_of: 2025-06-30", f'as_of: 2025-06-30\n  fiscal_year_end: "{end}"'
            )
        folder = tmp_path / where
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "example.yaml"
        path.write_text(body, encoding="utf-8")
        out = folder / "out"
        args = ["--paths", "200", "--seed", "1", "--no-progress", "--no-charts", "-q"]
        assert main(["report", str(path), "--out", str(out), *args]) == 0
        return out

    return report


def _page_text(out: Path) -> str:
    page = (out / "index.html").read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


@pytest.fixture
def page_text() -> Callable[[Path], str]:
    """A report folder's page as text: tags removed, white space collapsed."""
    return _page_text


@pytest.fixture(scope="session")
def alibaba_views() -> tuple[Any, dict[str, Any]]:
    """The Alibaba views of a 200-path comparison (seed 7) and the report's views charts."""
    import warnings
    from types import SimpleNamespace

    import model
    from model.export import job, job_parts
    from model.scenarios import scenario_names

    thesis_path = str(Path(__file__).resolve().parents[2] / "assumptions" / "alibaba.yaml")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the thesis' own price-date warning
        thesis = model.load_thesis(thesis_path)
        comparison = model.compare(
            thesis, scenario_names(thesis_path), n_paths=200, seed=7, progress=False
        )
        views, tags = job._views_of(comparison)
        assert views is not None
        report = SimpleNamespace(
            views=views, view_tags=tags, exit_year=comparison.first.exit_year,
            base=comparison["base"],
        )  # fmt: skip
        return views, job_parts._views(report)
