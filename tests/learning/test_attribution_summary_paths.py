"""The summary's vintage line says how many paths each of its runs had, as the page does.

The line "Since <vintage>: median ... a -> b (...; 128 runs)" ends on a median of runs of
``learning_paths`` (2,000 by default), while the line above it gives the report's own median on
all its paths (20,000): the two differ by sampling, and without the path count the reader could
not tell why. The HTML page said "128 runs of 2,000 paths"; the summary now says the same.
"""

from __future__ import annotations

from types import SimpleNamespace

from model.export.learning import Learning, learning_html, learning_summary


def _attribution(n_runs: int, n_paths: int) -> SimpleNamespace:
    return SimpleNamespace(
        groups=("market", "dates and structure"),
        median={"market": -3.0, "dates and structure": 1.5},
        from_="old-vintage",
        to="new-vintage",
        output="value_today",
        unit="HKD/share",
        start={"median": 80.0},
        end={"median": 78.5},
        n_runs=n_runs,
        n_paths=n_paths,
    )


def test_the_summary_line_gives_the_paths_of_each_run():
    att = _attribution(4, 2_000)
    line = "\n".join(learning_summary(Learning(attribution=att)))  # type: ignore[arg-type]
    assert line.startswith("Since old-vintage: median value_today 80.00 -> 78.50 HKD/share")
    assert line.endswith("(market -3.00, dates and structure +1.50; 4 runs of 2,000 paths)")


def test_one_path_a_run_is_singular():
    att = _attribution(4, 1)
    line = "\n".join(learning_summary(Learning(attribution=att)))  # type: ignore[arg-type]
    assert line.endswith("; 4 runs of 1 path)")


def test_the_summary_and_the_page_state_the_same_runs(monkeypatch):
    att = _attribution(128, 2_000)
    # The page's table of the steps is not what this is about: only its heading is read.
    monkeypatch.setattr(Learning, "tables", lambda self: {"attribution": None})
    att.summary = lambda: __import__("pandas").DataFrame()
    att.members = {}
    report = SimpleNamespace(learning=Learning(attribution=att))  # type: ignore[arg-type]
    page = learning_html(report, {})
    line = "\n".join(learning_summary(report.learning))
    assert "128 runs of 2,000 paths" in page
    assert "128 runs of 2,000 paths" in line
