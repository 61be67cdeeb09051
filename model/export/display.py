"""What the full report shows in a notebook: the comparison, the tornado and Sobol' views."""

from __future__ import annotations

from typing import Any

from model.export.console import scenarios_text
from model.inputs.units import plural
from model.results.display import html_block
from model.results.display.views import comparison_html
from model.sensitivities.display import sobol_html, tornado_html

__all__ = ["report_html", "report_repr"]


def report_repr(report: Any) -> str:
    comparison = report.comparison
    parts = [f"{scenarios_text(len(comparison))} x {plural(comparison.n_paths, 'path')}"]
    if report.blend is not None:
        parts.append("blend")
    if report.view_tags:
        parts.append("views " + "/".join(report.view_tags))
    if report.tornado is not None:
        parts.append("tornado, rank" + (", sobol" if report.sobol is not None else ""))
    return f"Report({'; '.join(parts)})"


def report_html(report: Any) -> str:
    parts = [comparison_html(report.comparison)]
    if report.tornado is not None:
        parts.append(tornado_html(report.tornado))
    if report.sobol is not None:
        parts.append(sobol_html(report.sobol))
    notes = "; ".join(report.notes)
    return html_block(report_repr(report), *parts, note=notes)
