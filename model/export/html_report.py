"""``index.html``: the whole report on one self-contained page that can be mailed.

The page holds everything a reader needs without the folder around it: the run's settings, the
headline table per scenario, every chart (PNG embedded as a ``data:`` URI, the same bytes as the
chart files), the scorecard with each claim's source, the sensitivity tables, and every number
of the thesis with the article passage (or the reasoning) it rests on and the document it comes
from. It loads nothing: no scripts, no fonts, no style sheets or images from elsewhere, and a
content-security policy that forbids them, so it renders the same offline, in a mail client
or in a browser years later. Every text from the thesis is escaped.

Like the rest of the folder it holds no time stamp or host name: the same thesis, settings and
seed give the same bytes. The dates shown are the thesis' own (its "as of" date and the price's).

Written here rather than with a template engine: the page is a handful of tables and images,
and :func:`html.escape` plus :meth:`pandas.DataFrame.to_html` (which escapes cells) cover it
without another dependency.
"""

from __future__ import annotations

import base64
import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import pandas as pd

from model.export.text.html_blocks import (
    _date,
    _e,
    _is_missing,
    _kv,
    _money,
    _pct,
    _Raw,
    _table,
    _two_se,
)
from model.results.analysis import TODAY, value_basis
from model.results.values import bound_text, pct

if TYPE_CHECKING:
    from model.export.job import Report

__all__ = ["INDEX_HTML", "report_html"]

#: File name of the page inside a report folder.
INDEX_HTML = "index.html"

_CSS = """
body{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;color:#222;margin:0;background:#fff}
main{max-width:1180px;margin:0 auto;padding:24px 28px 48px}
h1{font-size:26px;margin:0 0 4px}
h2{font-size:20px;margin:36px 0 8px;border-bottom:2px solid #0072B2;padding-bottom:4px}
h3{font-size:16px;margin:22px 0 6px}
p.lead{color:#555;margin:0 0 16px}
nav{margin:12px 0 8px;font-size:14px}nav a{margin-right:14px;color:#0072B2}
table{border-collapse:collapse;margin:8px 0 16px;font-size:13px}
th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top;max-width:460px}
.wide{overflow-x:auto;max-width:100%}
th{background:#f2f2f2}td.num{text-align:right;white-space:nowrap}
table.kv th{width:220px}
figure{margin:18px 0 28px}figure img{max-width:100%;height:auto;border:1px solid #eee}
figcaption{font-size:13px;color:#555;margin-top:4px}
blockquote{margin:0;font-style:italic}
.small{font-size:12px;color:#555}
"""

_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"


# ---------------------------------------------------------------------- sections


def _fiscal_end(report: Report, year: int) -> str | None:
    """The end of fiscal ``year`` (``31 Mar 2030``), None for a year ending in December."""
    from model.inputs.assembly.items import format_date
    from model.valuation.finance.dates import fiscal_year_end

    end = getattr(report.thesis, "fiscal_year_end", None) or "12-31"
    return None if end == "12-31" else format_date(fiscal_year_end(year, end))


def _horizon(report: Report) -> str:
    """The model years and the year values are reported at, with a fiscal year's end."""
    first, last, exit_year = report.base.years[0], report.base.years[-1], report.exit_year
    day = _fiscal_end(report, exit_year)
    if day is None:
        return f"{first}-{last} (values and returns at {exit_year})"
    ends = day.rsplit(" ", 1)[0]
    at = f"values and returns at FY{exit_year}, {day}"
    return f"{first}-{last} (fiscal years ending {ends}; {at})"


def _exit_text(report: Report) -> str:
    """``2030``, or ``FY2030 (31 Mar 2030)`` for a year that does not end in December."""
    day = _fiscal_end(report, report.exit_year)
    return str(report.exit_year) if day is None else f"FY{report.exit_year} ({day})"


def _lead_measure(report: Report) -> str:
    """What the page's tables measure: today's value of holding to the exit year when the
    run states it (a value per share at 2030 would misname it), else the year-end value."""
    from model.results.analysis import today_basis

    if today_basis(report.base):
        return f"Value today of holding to {_exit_text(report)}, and the returns to it"
    return f"Value per share and returns at {_exit_text(report)}"


def _settings(report: Report) -> str:
    import model
    from model.charts.text import price_text, thesis_file

    base = report.base
    thesis = report.thesis
    backend = getattr(report.settings.run, "backend", "")
    method = getattr(base.method, "value", base.method)
    pairs = [
        ("Thesis", f"{thesis.name} ({thesis_file(base)})"),
        ("Company", thesis.company + (f" ({thesis.ticker})" if thesis.ticker else "")),
        ("Thesis as of", _date(thesis.as_of)),
        ("Price", price_text(base, long=True).removeprefix("Price: ")),
        ("Horizon", _horizon(report)),
        ("Scenarios", f"{len(report.comparison)} ({', '.join(report.comparison.scenarios)})"),
        ("Paths per scenario", f"{base.n_paths:,}"),
        ("Sampling method", str(method)),
        ("Seed", f"{base.seed_entropy} (common random numbers across scenarios)"),
        ("Backend", str(getattr(backend, "value", backend))),
        ("thesis-model version", model.__version__),
        ("Thesis file sha256", getattr(thesis, "file_hash", "")),
    ]
    if report.sobol is not None:
        pairs.append(("Sobol' base sample", f"{report.sobol.n_base:,}"))
    return _kv(pairs, "settings")


def _scenarios(report: Report) -> str:
    from model.results.analysis import (
        UNANNUALISED,
        ReturnsView,
        is_unannualised,
        today_basis,
        upside_leaves_out_dividends,
    )

    table = report.scenario_table()
    # Under a year the return is the period's own, not annualised: not "a year".
    ahead = float(ReturnsView(report.base).table([report.exit_year]).iloc[0]["years_ahead"])
    per = f"({UNANNUALISED})" if is_unannualised(ahead) else "a year"
    unit = report.base.units.get("value_per_share", report.base.currency)
    # One basis for every row, the blend included: today's value when the run states it. A
    # fiscal year names its end (FY2030, 30 Jun 2030): a bare 2030 reads as 31 December.
    day = _fiscal_end(report, report.exit_year)
    held = str(report.exit_year) if day is None else f"FY{report.exit_year}, {day}"
    measure = f"Value today (held to {held})" if today_basis(report.base) else f"Value {held}"
    header = [
        "Scenario",
        "View",
        "Weight",
        f"{measure} p5",
        "Median",
        "p95",
        # The year-end value alone, while the expected return beside it counts the dividends.
        "P(value > price, dividends not counted) ± 2 s.e."
        if upside_leaves_out_dividends(report.base)
        else "P(value > price) ± 2 s.e.",
        f"Expected return {per} ± 2 s.e.",
    ]

    def cells(row: pd.Series) -> list[str]:
        return [
            _money(row.get("value_p5"), unit),
            _money(row.get("value_p50"), unit),
            _money(row.get("value_p95"), unit),
            _pct(row.get("p_upside"), row.get("p_upside_se"), row.get("n")),
            _pct(row.get("expected_return"), row.get("expected_return_se")),
        ]

    rows = []
    for name, row in table.iterrows():
        weight = "" if _is_missing(row.get("weight")) else f"{float(row['weight']):.0%}"
        rows.append([f"{row.get('label') or name} ({name})", row.get("view") or "", weight,
                     *cells(row)])  # fmt: skip
    if report.blend is not None:
        weights = ", ".join(f"{n} {w:.0%}" for n, w in report.weights.items() if w > 0)
        blended = ReturnsView(report.blend).table([report.exit_year]).iloc[0]
        rows.append([f"Blend ({weights})", "", "", *cells(blended)])
    if not any(row[1] for row in rows):  # no scenario has a view: no empty column
        header.pop(1)
        rows = [[row[0], *row[2:]] for row in rows]
        return _table(rows, header, numeric=range(1, 7), table_id="scenarios")
    return _table(rows, header, numeric=range(2, 8), table_id="scenarios")


def _flagged(report: Report) -> str:
    """The paths each scenario's checks flagged (kept in every figure), as the summary lists
    them; nothing when none was flagged."""
    from model.results.display import fmt_probability
    from model.valuation.checking.flag_words import flag_words

    rows = [  # one path in 20,000 is 0.005%, not a "0.0%" that reads as none
        [
            name,
            check,
            f"{int(n):,}",
            fmt_probability(int(n) / result.n_paths),
            flag_words(getattr(result, "thesis", None), check) or "",
        ]
        for name, result in report.comparison.results.items()
        for check, n in result.invalid.items()
        if n
    ]
    if not rows:
        return ""
    note = (
        '<p class="small">Paths flagged by the model\'s checks in any model year (a path counts '
        "once, whichever years broke the check). They are included in every figure above and "
        "below: the counts say how far to trust them.</p>"
    )
    return note + _table(
        rows,
        ["Scenario", "Check", "Paths", "Share of paths", "What it found"],
        numeric=(2, 3),
        table_id="flagged",
    )


def _classic_view(report: Report) -> str:
    """The classic bull/base/bear view of the summary (nothing without those three cases)."""
    from model.export.console import CASES, money, price_text
    from model.results.analysis import has_returns
    from model.valuation.returns import reward_to_risk_text

    comparison = report.comparison
    first = comparison.first
    if not (has_returns(first) and set(CASES) <= set(comparison.scenarios)):
        return ""
    view = comparison.classic_view()
    weights = "/".join(f"{w:.0%}" for w in view.table["weight"])
    value = money(view.expected_value, price=first.price)
    pairs = [
        ("Cases", f"bull/base/bear {view.statistic.value}s weighted {weights} "
                  f"({view.weights_basis})"),
        ("Weighted value", f"{value} {first.currency} ({pct(view.expected_return, sign=True)} "
                           f"vs the {price_text(first)})"),
        ("Reward-to-risk", f"{reward_to_risk_text(view.reward_to_risk)}: probability-weighted "
                           "upside over probability-weighted downside, against the price"),
    ]  # fmt: skip
    return "<h3>Classic view</h3>" + _kv(pairs, "classic_view")


def _scorecard(report: Report) -> str:
    from model.charts.scorecard import scorecard_table
    from model.charts.text import format_probability

    card = scorecard_table(report.comparison)
    if not len(card):
        return "<p>The thesis has no scorecard.</p>"
    names = list(report.comparison.scenarios)
    items = report.thesis.scorecard
    header = ["Claim (and its source)", *(f"{n} ± 2 s.e." for n in names)]
    # Paths each claim is counted on, for the bound of one counted at 0 or 1 of them.
    results = report.comparison.results
    counted = {n: results[n].n_paths - results[n].scorecard().set_index("claim")["n_undefined"]
               for n in names}  # fmt: skip
    rows = []
    for claim, group in card.groupby("claim", sort=False):
        by = group.set_index("scenario")
        item = items.get(claim)
        label = str(group["label"].iloc[0] or claim)
        view = getattr(item, "view", None)
        if view:
            label = f"[{view} view] {label}"
        source = _source_cell(report, getattr(item, "source", None))
        cells: list[Any] = [
            _Raw(
                f"<b>{_e(label)}</b><br><code>{_e(claim)}</code>"
                + (f'<div class="small">{source}</div>' if source else "")
            )
        ]
        for n in names:
            if n in by.index:
                p, se = float(by.loc[n, "probability"]), float(by.loc[n, "probability_se"])
                bound = bound_text(p, float(counted[n].get(claim, math.nan)))
                cells.append(
                    f"{format_probability(p)} ({bound})"
                    if bound is not None
                    else f"{format_probability(p)} ± {_two_se(se)}"
                )
            else:
                cells.append("")
        rows.append(cells)
    return _table(rows, header, numeric=range(1, 1 + len(names)), table_id="scorecard")


def _source_cell(report: Report, source: Any) -> str:
    """Document title and quote, or the estimate's reasoning, as escaped markup."""
    from model.inputs.sources.documents import document_title

    if source is None:
        return ""
    doc = getattr(source, "doc", None)
    quote = getattr(source, "quote", None)
    why = getattr(source, "rationale", None) or getattr(source, "spread", None)
    parts = []
    if doc:
        title = document_title(report.thesis, doc)
        parts.append(f'{_e(title)} <span class="small">({_e(doc)})</span>')
    if quote:
        parts.append(f"<blockquote>\u201c{_e(quote)}\u201d</blockquote>")
    if why:
        parts.append(_e(why))
    return "<br>".join(parts)


def _assumptions(report: Report) -> str:
    from model.inputs.assembly.ledger import human_value
    from model.inputs.sources.documents import document_title

    ledger = report.ledger()
    header = [
        "Applies to",
        "Name",
        "What",
        "Value",
        "Unit",
        "Source",
        "Document",
        "Quote or reasoning",
    ]
    rows = []
    for rec in ledger.to_dict("records"):
        doc = rec.get("document")
        doc_text = "" if _is_missing(doc) else f"{document_title(report.thesis, doc)} ({doc})"
        quote = rec.get("quote")
        why = rec.get("rationale")
        words = (
            f"\u201c{quote}\u201d"
            if not _is_missing(quote) and str(quote)
            else ("" if _is_missing(why) else str(why))
        )
        item = rec.get("item")
        name = str(rec.get("name", ""))
        if not _is_missing(item) and str(item) not in ("value", "", name):
            name = f"{name} ({item})"
        rows.append(
            [
                rec.get("applies_to", ""),
                name,
                "" if _is_missing(rec.get("label")) else rec["label"],
                "" if _is_missing(rec.get("value")) else human_value(rec),  # 0.27 -> 27%
                "" if _is_missing(rec.get("unit")) else rec["unit"],
                "" if _is_missing(rec.get("source")) else rec["source"],
                doc_text,
                words,
            ]
        )
    return _table(rows, header, table_id="assumptions")


def _documents(report: Report) -> str:
    from model.inputs.sources.documents import documents_of

    # The documents the thesis quotes: the seeds folder it finds may index other theses' too.
    cited = {str(d) for d in report.ledger()["document"].dropna() if str(d)}
    if not cited:
        return "<p>The thesis quotes no document: every number in it is an estimate.</p>"
    docs = documents_of(report.thesis)
    rows = [[d.file, d.publisher, d.date, d.subject] for n, d in docs.items() if n in cited]
    rows += [[n, "", "", ""] for n in sorted(cited - set(docs))]
    return _table(rows, ["File", "Publisher", "Date", "Subject"], table_id="documents")


def _sensitivity(report: Report) -> str:
    from model.charts.text import format_input, format_value

    unit = report.base.units.get("value_per_share", report.base.currency)
    if report.tornado is None or report.ranks is None:
        return "<p>No sensitivity: the base case has no distribution or event to swing.</p>"
    frame = report.tornado.to_frame()
    rows = []
    for rec in frame.head(12).to_dict("records"):
        event = str(rec.get("kind", "")) == "event"
        low = "never" if event else format_input(rec["low_value"], rec["unit"])
        year = rec.get("event_year")
        high = (
            f"from {int(year)}" if event and not _is_missing(year) else
            "happens" if event else format_input(rec["high_value"], rec["unit"])
        )  # fmt: skip
        rows.append(
            [
                rec.get("label") or rec["input"],
                low,
                high,
                format_value(rec["output_at_low"], unit),
                format_value(rec["output_at_high"], unit),
                format_value(rec["output_at_high"] - rec["output_at_low"], unit),
            ]
        )
    central = format_value(report.tornado.central_value, unit)
    # On the scenario table's basis, named: today's value, or a year end's, undiscounted.
    what = f"value per share at the end of {_exit_text(report)}, not discounted"
    if report.tornado.output == TODAY:
        what = value_basis(report.base, report.exit_year)
    out = [
        f"<h3>Tornado of {_e(what)} (deterministic central case {_e(central)})</h3>",
        _table(
            rows,
            ["Input", "Low", "High", "Value at low", "Value at high", "Swing"],
            numeric=(3, 4, 5),
            table_id="tornado",
        ),
    ]
    ranks = report.ranks.to_frame()
    rank_rows = [
        [
            rec.get("label") or rec["input"],
            f"{rec['rho']:+.2f}",
            f"{rec['rho_low']:+.2f} to {rec['rho_high']:+.2f}",
            f"{rec['contribution']:.0%}",
        ]
        for rec in ranks.head(12).to_dict("records")
    ]
    out += [
        f"<h3>Rank correlation over {report.ranks.n_paths:,} paths</h3>",
        _table(
            rank_rows,
            ["Input", "Spearman rho", "95% interval", "Share of rho\u00b2"],
            numeric=(1, 2, 3),
            table_id="rank_correlation",
        ),
    ]
    if report.sobol is not None:
        sob = report.sobol.to_frame()
        sob = sob.sort_values("ST", ascending=False, kind="stable")
        sob_rows = [
            [
                rec.get("label") or rec["input"],
                f"{rec['S1']:.1%} ± {rec['S1_conf']:.1%}",
                f"{rec['ST']:.1%} ± {rec['ST_conf']:.1%}",
            ]
            for rec in sob.head(12).to_dict("records")
        ]
        out += [
            "<h3>Sobol' indices</h3>",
            _table(
                sob_rows,
                ["Input", "S1 (alone)", "ST (with interactions)"],
                numeric=(1, 2),
                table_id="sobol",
            ),
        ]
    return "\n".join(out)


def _figure(report: Report, relative: str, png: bytes) -> str:
    from model.export.job_text import caption

    data = base64.b64encode(png).decode("ascii")
    text = caption(report, relative)
    return (
        f'<figure id="{_e(relative)}"><img alt="{_e(text)}" '
        f'src="data:image/png;base64,{data}"><figcaption>{_e(text)} '
        f'<span class="small">({_e(relative)})</span></figcaption></figure>'
    )


_CHART_SECTIONS: tuple[tuple[str, str], ...] = (
    ("comparison", "Scenarios side by side"),
    ("blend", "The probability-weighted blend"),
    ("views", "The views"),
    ("base", "The base case"),
    ("sensitivity", "What drives the value"),
)


def report_html(report: Report, charts: Mapping[str, bytes]) -> str:
    """The report as one self-contained HTML page.

    Parameters
    ----------
    report : Report
        From :func:`model.export.job.build_report`.
    charts : Mapping of str to bytes
        PNG bytes of each chart by its path in the report folder (``"base/charts/x.png"``),
        in the order they are shown within their section.

    Returns
    -------
    str
        The page (UTF-8 text).
    """
    from model.export.console import scenarios_text
    from model.export.learning import learning_html

    thesis = report.thesis
    title = f"{thesis.name} \u2013 report"
    body = [
        f"<h1>{_e(thesis.name)}</h1>",
        f'<p class="lead">{_e(thesis.company)}: {scenarios_text(len(report.comparison))} x '
        f"{report.base.n_paths:,} paths, seed {_e(report.base.seed_entropy)}. "
        f"{_e(_lead_measure(report))}.</p>",
    ]
    links = [
        ("settings-section", "Run"),
        ("scenarios-section", "Scenarios"),
        ("scorecard-section", "Scorecard"),
    ]
    sections = [(k, t) for k, t in _CHART_SECTIONS if any(p.startswith(k + "/") for p in charts)]
    links += [(f"charts-{k}", t) for k, t in sections]
    learned = learning_html(report, charts)
    if learned:
        links.append(("learning-section", "What the thesis learns"))
    links += [
        ("sensitivity-section", "Sensitivity tables"),
        ("assumptions-section", "Assumptions and sources"),
        ("documents-section", "Documents"),
    ]
    body.append("<nav>" + "".join(f'<a href="#{a}">{_e(t)}</a>' for a, t in links) + "</nav>")
    body += ['<h2 id="settings-section">The run</h2>', _settings(report)]
    body += [
        '<h2 id="scenarios-section">Scenarios</h2>',
        _scenarios(report),
        '<p class="small">Standard errors are Monte Carlo standard errors of the estimate; '
        "the scenarios share their random draws, so their differences are paired.</p>",
        _flagged(report),
        _classic_view(report),
    ]
    body += ['<h2 id="scorecard-section">Scorecard</h2>', _scorecard(report)]
    for key, heading in sections:
        body.append(f'<h2 id="charts-{key}">{_e(heading)}</h2>')
        for relative, png in charts.items():
            if relative.startswith(key + "/"):
                body.append(_figure(report, relative, png))
    if learned:
        body += ['<h2 id="learning-section">What the thesis learns</h2>', learned]
    body += ['<h2 id="sensitivity-section">Sensitivity of the value</h2>',
             _sensitivity(report)]  # fmt: skip
    body += [
        '<h2 id="assumptions-section">Assumptions and their sources</h2>',
        '<p class="small">Every number of the thesis: the base case first, then what each '
        "scenario sets differently. A sourced number quotes its article; an estimate gives its "
        "reasoning.</p>",
        _assumptions(report),
    ]
    body += ['<h2 id="documents-section">Source documents</h2>', _documents(report)]
    if report.notes:
        body.append(
            "<h2>Notes</h2><ul>" + "".join(f"<li>{_e(n)}</li>" for n in report.notes) + "</ul>"
        )
    body.append(
        '<p class="small">Written by thesis-model. The same thesis, settings and seed give '
        "the same page; it loads nothing from elsewhere.</p>"
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_e(_CSP)}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{_CSS}</style></head>\n"
        "<body><main>\n" + "\n".join(body) + "\n</main></body></html>\n"
    )
