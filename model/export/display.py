"""What the full report shows in a notebook: the comparison, the tornado and Sobol' views."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from model.results.display import html_block, html_table
from model.results.display.views import comparison_html
from model.sensitivities.display import sobol_html, tornado_html

__all__ = ["report_html", "report_repr"]


def report_repr(report: Any) -> str:
    comparison = report.comparison
    parts = [f"{len(comparison)} scenarios x {comparison.n_paths:,} paths"]
    if report.blend is not None:
        parts.append("blend")
    if report.view_tags:
        parts.append("views " + "/".join(report.view_tags))
    parts.append("tornado, rank" + (", sobol" if report.sobol is not None else ""))
    return f"Report({'; '.join(parts)})"


def report_html(report: Any) -> str:
    parts = [comparison_html(report.comparison), tornado_html(report.tornado)]
    if report.sobol is not None:
        parts.append(sobol_html(report.sobol))
    notes = "; ".join(report.notes)
    return html_block(report_repr(report), *parts, note=notes)


def mapping_html(title: str, items: Mapping[str, Any]) -> str:
    """A two-column table of names and values."""
    return html_block(title, html_table(["", ""], list(items.items())))
