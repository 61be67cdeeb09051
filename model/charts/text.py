"""Words on the charts: labels, scenario names, footnotes, and (from
:mod:`model.charts.base.numbers`) units and number formats.

Kept apart from :mod:`model.charts.style` (palette, figures, saving) so the rules for what a
chart *says* live in one place: fractions always read as percentages, a scenario keeps one label
everywhere (without the thesis name it repeats), the thesis price is called "Price" (it may be a
reference price, not today's), and every footnote names the thesis file and the run.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from model.charts.base.cells import fit_notes, wrap  # noqa: F401 (fit_notes re-exported)
from model.charts.base.numbers import (
    axis_label,
    decimals_for,
    format_input,
    format_number,
    format_price,
    format_probability,
    format_range,
    format_value,
    format_values,
    is_fraction_unit,
    set_value_axis,
)
from model.inputs.assembly.items import format_date
from model.valuation.roles import humanize

__all__ = [
    "axis_label",
    "decimals_for",
    "footnote_text",
    "format_input",
    "format_number",
    "format_price",
    "format_probability",
    "format_range",
    "format_value",
    "format_values",
    "humanize",
    "is_fraction_unit",
    "output_label",
    "player_label",
    "price_note",
    "price_text",
    "run_text",
    "scenario_display",
    "scenario_name",
    "scenario_view",
    "segment_label",
    "segments_of",
    "set_value_axis",
    "short_source",
    "sobol_notes",
    "source_title",
    "thesis_context",
    "thesis_file",
    "thesis_name",
    "unit_of",
    "value_label",
    "value_words",
    "view_groups",
    "with_view",
    "wrap",
]


# -- units and labels ---------------------------------------------------------------------------


def segment_label(result: Any, segment: str) -> str:
    """Label of a model segment, from the thesis when it has one (see
    :func:`model.charts.lines.segment_title`)."""
    from model.charts.lines import segment_title

    return segment_title(result, segment)


def _thesis_segment_attr(result: Any, segment: str, attr: str) -> Any:
    """Read ``<thesis model section>.segments[segment].<attr>`` when the thesis has it, else None.

    The model section may be a mapping (as in the file) or an object with attributes.
    """
    from model.valuation.roles import segment_sections

    thesis = getattr(result, "thesis", None)
    model = getattr(thesis, "model_section", None) or getattr(thesis, "model", None)
    segments = getattr(model, "segments", None)
    if isinstance(model, Mapping):
        segments = segment_sections(model)
    if not isinstance(segments, Mapping) or segment not in segments:
        return None
    seg = segments[segment]
    return seg.get(attr) if isinstance(seg, Mapping) else getattr(seg, attr, None)


def segments_of(result: Any) -> list[str]:
    """Segment names (longest first, for prefix parsing of output names).

    The groups of the model's market, segment revenue and market-share lines when the model
    describes its lines; else each ``market_<seg>`` output with a matching ``revenue_<seg>``
    (which leaves out other market outputs such as ``market_<seg>_gross``).
    """
    from model.charts.lines import roles_of
    from model.valuation.roles import Role

    roles = roles_of(result)
    if roles is not None:
        wanted = (Role.MARKET, Role.SEGMENT_REVENUE, Role.MARKET_SHARE)
        names = list({line.group for r in wanted for line in roles.all(r) if line.group})
    else:
        outputs = result.outputs
        names = [
            k[len("market_") :]
            for k in outputs
            if k.startswith("market_") and f"revenue_{k[len('market_') :]}" in outputs
        ]
    return sorted(names, key=lambda s: (-len(s), s))


def output_label(result: Any, name: str) -> str:
    """Readable label of an output: the thesis' own label of the line when its model describes
    it, else one made from the name (with segment labels from the thesis when present)."""
    from model.charts.lines import line_label

    if name.startswith("market_") and name.endswith("_gross"):
        seg = name[len("market_") : -len("_gross")]
        if seg in segments_of(result):
            # A segment net of another: its gross market is the two together.
            other = _thesis_segment_attr(result, seg, "net_of")
            if other:
                return f"{segment_label(result, seg)} + {segment_label(result, str(other))} market"
            return f"{segment_label(result, seg)} market (gross)"
    described = line_label(result, name)
    if described:
        return described
    fixed = {
        "value_per_share": "Value per share",
        "return_annual": "Annualised return",
        "fcf": "Free cash flow",
    }
    if name in fixed:
        return fixed[name]
    for prefix, template in (
        ("market_", "{} market"),
        ("revenue_", "{} revenue"),
        ("margin_", "{} operating margin"),
    ):
        if name.startswith(prefix) and name[len(prefix) :] in segments_of(result):
            return template.format(segment_label(result, name[len(prefix) :]))
    if name.startswith("share_"):
        for seg in segments_of(result):
            if name.startswith(f"share_{seg}_"):
                player = name[len(f"share_{seg}_") :]
                who = player_words(result, player)
                return f"{who} share of {in_sentence(segment_label(result, seg))}"
    return humanize(name)


#: The annual return over real dates, from the price's date to a year end.
_DATED_RETURN = "return_dated"


def _holding_period(result: Any, year: int) -> tuple[str, bool]:
    """``("17 Feb 2025 to 31 Dec 2030", False)``: from the price's date to the end of model year
    ``year``, and whether that is under a year (its return then the period's, not annualised)."""
    from model.valuation.finance.dates import holding_dates

    start, end = holding_dates(_thesis_of(result), year)
    begin = format_date(start) if isinstance(start, _dt.date) else str(start)
    short = isinstance(start, _dt.date) and 0 < (end - start).days < 365
    return f"{begin} to {format_date(end)}", short


def _dated_span(result: Any, output: str, year: int) -> tuple[str, bool] | None:
    """The holding period of a return to ``year`` (see :func:`_holding_period`), or ``None``
    for ``return_annual`` of a run without today's value or dates (model years then)."""
    if output == _DATED_RETURN:
        return _holding_period(result, year)
    # A thesis run counts return_annual from the price date, with or without today's value.
    runs = getattr(result, "results", None)
    first = next(iter(runs.values())) if isinstance(runs, Mapping) and runs else result
    if getattr(getattr(first, "thesis", None), "as_of", None) is None:
        return None
    from model.valuation.finance.dates import holding_dates

    start, _ = holding_dates(_thesis_of(result), year)
    return _holding_period(result, year) if isinstance(start, _dt.date) else None


def _pays(result: Any) -> bool:
    """Whether the run (a comparison's first) states the dividends a share receives."""
    runs = getattr(result, "results", None)
    first = next(iter(runs.values())) if isinstance(runs, Mapping) and runs else result
    return "dividends_per_share" in (getattr(first, "units", None) or {})


def value_label(result: Any, output: str, year: int | None) -> str:
    """What a value axis shows, with its year and unit.

    A return to 2030 runs over a holding period, not *in* 2030: ``return_dated`` reads
    "Annualised return, 17 Feb 2025 to 31 Dec 2030 (% a year)" and a thesis run's
    ``return_annual`` (over the same real dates, the price return unless the model states
    dividends, which it counts) "Annualised price return, 17 Feb 2025 to 31 Dec 2030
    (% a year)"; a run without dates counts model years, "Annualised return,
    2025-2030 (% a year)".
    """
    label = output_label(result, output)
    unit = unit_of(result, output)
    if output in ("return_annual", _DATED_RETURN) and year is not None:
        span = _dated_span(result, output, year)
        short = span is not None and span[1]  # the period's own return: not annualised
        return f"{value_words(result, output, year)} ({'%' if short else '% a year'})"
    return axis_label(_at_year(result, output, label, year), unit)


def value_words(result: Any, output: str, year: int | None) -> str:
    """:func:`value_label` without the unit, for titles ("Annualised return, 2025-2030")."""
    label = output_label(result, output)
    if output in ("return_annual", _DATED_RETURN) and year is not None:
        dated = _dated_span(result, output, year)
        if dated is None:  # a run without dates: whole model years
            return f"{label}, {int(result.years[0])}-{year}"
        span, short = dated
        # A thesis run's return_annual counts the dividends a share receives (it is then the
        # dated return): only a run that states none has a price return alone.
        kind = "return" if output == _DATED_RETURN or _pays(result) else "price return"
        if short:  # the period's own return, as the tables report it
            return f"{kind.capitalize()}, {span} (under a year, not annualised)"
        return f"Annualised {kind}, {span}"
    return _at_year(result, output, label, year)


#: The output of today's value of holding to each year end, and its label's last words.
_TODAY_BY_YEAR, _EACH_YEAR_END = "value_today_by_year", " each year end"


def _at_year(result: Any, output: str, label: str, year: int | None) -> str:
    """``label`` of ``output`` in ``year``: "Revenue in 2030", and today's value of holding to a
    year end "Value today of holding to 2030" (not "... to each year end in 2030")."""
    if year is None:
        return label
    if output == _TODAY_BY_YEAR and label.endswith(_EACH_YEAR_END):
        return f"{label.removesuffix(_EACH_YEAR_END)} {year_words(result, year)}"
    return f"{label} in {year_words(result, year)}"


def in_sentence(label: str) -> str:
    """``label`` inside a sentence: its first letter lowered ("Value per share" -> "value per
    share"), the rest as written, so "Group EBIT in FY2030" and "AI cloud" keep their capitals."""
    first = label.split(" ", 1)[0]
    if not first or any(c.isupper() for c in first[1:]):  # "EBIT", "H2", "FY2030", "iPhone"
        return label
    return label[0].lower() + label[1:]


def year_words(result: Any, year: int) -> str:
    """A model year as the rest of the toolkit names it: ``2030``, or ``FY2030`` when the
    thesis' years end on another day than 31 December (a bare 2030 reads as the calendar)."""
    from model.valuation.finance.dates import fiscal_year_text

    end = getattr(_thesis_of(result), "fiscal_year_end", None) or "12-31"
    return fiscal_year_text(int(year), str(end))


def unit_of(result: Any, name: str) -> str:
    """Unit of an output ("" when the result does not say)."""
    units = getattr(result, "units", None) or {}
    return str(units.get(name, ""))


# -- footnotes ----------------------------------------------------------------------------------


def _thesis_of(obj: Any) -> Any:
    """The thesis behind a result or comparison, or ``obj`` itself when it is a thesis."""
    thesis = getattr(obj, "thesis", None)
    if thesis is None:
        results = getattr(obj, "results", None)
        if isinstance(results, Mapping) and results:
            thesis = getattr(next(iter(results.values())), "thesis", None)
    return obj if thesis is None else thesis


def thesis_file(source: Any) -> str:
    """Name of the thesis file for footnotes (best effort, never raises).

    Parameters
    ----------
    source : Thesis, SimulationResult or ComparisonResult
        The thesis, or a result that carries it.

    Returns
    -------
    str
        ``"assumptions/alibaba.yaml"``, else the file name, else the thesis name, else
        ``"thesis"``.
    """
    thesis = _thesis_of(source)
    for attr in ("path", "file", "source_path", "filename"):
        value = getattr(thesis, attr, None)
        if value:
            path = Path(str(value))
            # Show the path from the repository's assumptions folder when there is one: the
            # absolute path of the analyst's checkout means nothing in a deck.
            parts = path.parts
            if "assumptions" in parts:
                return "/".join(parts[parts.index("assumptions") :])
            return path.name
    name = getattr(thesis, "name", None)
    return str(name) if name else "thesis"


def thesis_name(source: Any) -> str:
    """The thesis's own name (``"Alibaba: China cloud and AI re-rating"``), or ``""``."""
    name = getattr(_thesis_of(source), "name", None)
    return str(name) if isinstance(name, str) else ""


def scenario_display(result: Any, name: str | None = None) -> str:
    """A scenario's label for legends and ticks, without the thesis name.

    Labels such as ``"Base case: Alibaba: China cloud and AI re-rating"`` repeat the thesis
    name (and its colon); the footnote names the thesis, so the chart shows ``"Base case"``.
    """
    name = str(result.scenario if name is None else name)
    label = str(getattr(result, "scenario_label", "") or "")
    if name != getattr(result, "scenario", name) or not label:
        info = (getattr(_thesis_of(result), "scenarios", None) or {}).get(name)
        label = str(getattr(info, "label", "") or "") or ("Base case" if name == "base" else "")
    if not label:
        return humanize(name)
    title = thesis_name(result)
    if title and label != title and label.endswith(title):
        label = label[: -len(title)].rstrip(" :-\u2013\u2014|") or label
    return label


def scenario_view(result: Any, name: str) -> str:
    """The article view a scenario belongs to (``"2022"``), or ``""`` when it has none."""
    info = (getattr(_thesis_of(result), "scenarios", None) or {}).get(name)
    view = getattr(info, "view", None)
    return str(view) if view else ""


def price_text(result: Any, *, long: bool = False) -> str:
    """``"Price: 129.5 HKD (17 Feb 2025)"``: the thesis price, with its date when it has one.

    The thesis price is whatever reference price the file quotes (a recent high, a close): it
    is never called the current price. The date is written as the ledger writes it
    (:func:`model.inputs.assembly.items.format_date`). ``long=True`` adds the price's label from the
    thesis (for a footnote; too long for a legend).
    """
    from model.charts.lines import value_line

    unit = unit_of(result, value_line(result)) or str(getattr(result, "currency", ""))
    text = f"Price: {format_price(float(result.price), unit)}"
    info = getattr(_thesis_of(result), "price_info", None)
    date, label = getattr(info, "date", None), getattr(info, "label", None)
    if isinstance(date, _dt.date):
        date = format_date(date)
    text += f" ({date})" if date else ""
    return text + (f" \u2013 {label}" if long and label else "")


def price_note(result: Any) -> str | None:
    """The long price text for a footnote, or None when the thesis gives the price no label."""
    info = getattr(_thesis_of(result), "price_info", None)
    return price_text(result, long=True) if getattr(info, "label", None) else None


def run_text(result: Any) -> str:
    """``"20,000 paths, mc, seed 1234"`` for one result."""
    bits = [f"{int(result.n_paths):,} paths"]
    method = getattr(result, "method", None)
    if method:
        bits.append(str(getattr(method, "value", method)))
    seed = getattr(result, "seed_entropy", None)
    if seed is not None:
        bits.append(f"seed {seed}")
    return ", ".join(bits)


def thesis_context(source: Any, scenario: str | None = None) -> str:
    """``"Thesis: assumptions/alibaba.yaml (its name) | scenario: base (Base case)"``.

    A scenario label longer than a few words is left to the chart (its title or legend) so the
    footnote stays on one line.
    """
    name = thesis_name(source)
    text = f"Thesis: {thesis_file(source)}" + (f" ({name})" if name else "")
    scenario = scenario if scenario is not None else getattr(source, "scenario", None)
    if scenario:
        label = scenario_display(source, scenario) if hasattr(source, "scenario") else ""
        short = label and label != scenario and len(label) <= 40
        text += f"  |  scenario: {scenario}" + (f" ({label})" if short else "")
    return text


def footnote_text(result: Any, extra: str | None = None) -> str:
    """Footnote naming the thesis file, the scenario(s) and the run settings."""
    results = getattr(result, "results", None)
    if isinstance(results, Mapping) and results:
        first = next(iter(results.values()))
        k = len(results)
        text = (
            f"{thesis_context(first, '')}  |  {k} scenario{'s' if k > 1 else ''} x "
            f"{run_text(first)}, common random numbers"
        )
    else:
        text = f"{thesis_context(result)}  |  {run_text(result)}"
    return text + (f"\n{extra}" if extra else "")


def scenario_name(result: Any) -> str:
    """Short scenario name for titles: ``"crackdown_redux"`` -> ``"crackdown redux"``."""
    return humanize(str(result.scenario), capitalize=False)


def short_source(source: Any) -> str:
    """Short text for a source reference (a seed file name, or a source object with ``doc``)."""
    if source is None:
        return ""
    doc = getattr(source, "doc", None)
    if isinstance(source, Mapping):
        doc = source.get("doc")
    text = str(doc if doc else source)
    return text if len(text) <= 40 else text[:37] + "..."


def source_title(result: Any, source: Any) -> str:
    """What a cited document is, for a legend: ``"Bloomberg, early 2022"``.

    Read from the index of the thesis' seeds folder (:mod:`model.inputs.sources.documents`); a file
    the index does not list is shown by :func:`short_source`.
    """
    from model.inputs.sources.documents import documents_of

    if source is None:
        return ""
    doc = source.get("doc") if isinstance(source, Mapping) else getattr(source, "doc", None)
    info = documents_of(result).get(str(doc if doc else source))
    return info.title if info is not None else short_source(source)


def player_label(result: Any, segment: str, player: str) -> str:
    """A market player's name as the thesis writes it (``"Volcano Engine (ByteDance)"``).

    Taken from the label of the player's share assumption in the thesis model ("Huawei Cloud
    share of China's AI-cloud market, 2025" -> "Huawei Cloud"); else made from the name.
    """
    if player == "rest":
        return "Rest of market"
    players = _thesis_segment_attr(result, segment, "players")
    name = players.get(player) if isinstance(players, Mapping) else None
    assumptions = getattr(_thesis_of(result), "assumptions", None)
    if name and isinstance(assumptions, Mapping) and name in assumptions:
        label = str(getattr(assumptions[name], "label", "") or "")
        found = re.match(r"\s*(?P<who>.+?)(?:'s)? (?:market )?share (?:of|in)\b", label, re.I)
        if found and len(found["who"]) <= 36:
            return found["who"]
    return player_words(result, player)


#: Player keys that name the company in the first person: ``us`` would read as a country.
FIRST_PERSON = frozenset({"us", "we", "our", "ours", "self", "company", "the_company"})


def player_words(result: Any, player: str) -> str:
    """A player's key made readable; a first-person key (``us``) names the company."""
    if player.lower() in FIRST_PERSON:
        return str(getattr(_thesis_of(result), "company", None) or "The company")
    return humanize(player)


def view_groups(
    source: Any, names: list[str], by_view: bool | None
) -> list[tuple[str, list[str]]] | None:
    """Scenarios grouped by article view, as ``[(heading, names), ...]``, or None.

    Parameters
    ----------
    source : ComparisonResult or SimulationResult
        Gives the thesis whose scenarios carry ``view`` tags.
    names : list of str
        Scenarios in drawing order.
    by_view : bool or None
        True groups (scenarios without a tag form a "Reference" group), False never does.
        None groups when the scenarios come in blocks of two or more views, as
        :func:`model.views` returns them, and leaves other orders alone.

    Returns
    -------
    list of (str, list of str) or None
        Groups in order of first appearance (None: draw ungrouped).
    """
    if by_view is False:
        return None
    tags = [scenario_view(source, n) for n in names]
    blocks = [t for i, t in enumerate(tags) if i == 0 or t != tags[i - 1]]
    contiguous = len(blocks) == len(set(blocks))
    if by_view is None and (len({t for t in tags if t}) < 2 or not contiguous):
        return None
    groups: dict[str, list[str]] = {}
    for name, tag in zip(names, tags, strict=True):
        groups.setdefault(tag, []).append(name)
    return [(f"{tag} view" if tag else "Reference", members) for tag, members in groups.items()]


def with_view(source: Any, name: str, label: str) -> str:
    """``"2022 view: <label>"`` for a tagged scenario (unless the label already says so)."""
    tag = scenario_view(source, name)
    if not tag or f"{tag} view" in label.lower():
        return label
    return f"{tag} view: {label}"


def sobol_notes(notes: tuple[str, ...], width: int = 150) -> str:
    """What a Sobol' analysis leaves out, in a line or two (the table keeps the full notes)."""
    out = []
    for note in notes:
        if "independently" in note:
            out.append(
                "inputs sampled independently (correlations ignored; the rank method keeps them)"
            )
        elif note.startswith("held at central"):
            out.append("inputs not analysed held at central values")
        elif "one-off event" in note:
            out.append("a one-off event varies through its first year")
        elif len(note) <= 80:
            out.append(note)
    if not out:
        return ""
    out[0] = out[0][:1].upper() + out[0][1:]
    lines = [out[0]]
    for part in out[1:]:
        if len(lines[-1]) + len(part) + 2 > width:
            lines.append(part[:1].upper() + part[1:])
        else:
            lines[-1] += f"; {part}"
    return ".\n".join(lines) + "."
