"""What the charts draw and what they call it, read from the roles of the thesis model.

A thesis names its lines as it likes; its model says what each line *is*
(:mod:`model.valuation.roles`): the revenue line, each segment's market and revenue, the
market-share groups with the company and the rest of the market, the earnings. The charts pick
their lines here, by role, and title them with the thesis' own labels, so a thesis whose revenue
line is ``sales`` or whose segments are ``aws`` and ``retail`` gets the same charts as the
flagship one.

A result without a model description (an engine run, a hand-made result) falls back on the
output names the ``market_segment`` block writes (``market_<segment>``, ``revenue_<segment>``,
``share_<segment>_<player>``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.axis import Axis
from matplotlib.ticker import FuncFormatter, Locator

from model.charts.base.numbers import year_tick
from model.errors import ThesisModelError
from model.valuation.roles import LineInfo, ModelRoles, Role, label_from_name

__all__ = [
    "Player",
    "YearLocator",
    "chart_lines",
    "line_label",
    "players",
    "roles_of",
    "share_segments",
    "year_axis",
]

#: Roles a leg's lines hold; their labels carry the leg's raw name ("Value by pe").
_LEG_ROLES = frozenset(
    {Role.METHOD_VALUE, Role.METHOD_VALUE_PER_SHARE, Role.MULTIPLE, Role.EXIT_MULTIPLE}
)
#: Labels a chart prefers to the model's (the model says "Annual return"; the chart's value
#: axis says over which years, so the word is "annualised").
_ROLE_WORDS: Mapping[Role, str] = {Role.ANNUAL_RETURN: "Annualised return"}

# Built models by thesis identity: a report asks for the roles of one thesis from many charts.
_BUILT: dict[int, tuple[Any, ModelRoles | None]] = {}


def roles_of(result: Any) -> ModelRoles | None:
    """The roles of the model behind ``result``, or None when it has no model description.

    Read from ``result.roles`` (set when the run knows its model, a custom one included), else
    built from the thesis' ``model:`` section.
    """
    roles = getattr(result, "roles", None)
    if isinstance(roles, ModelRoles):
        return roles
    thesis = getattr(result, "thesis", None)
    if not isinstance(getattr(thesis, "model_section", None), Mapping):
        return None
    cached = _BUILT.get(id(thesis))
    if cached is not None and cached[0] is thesis:
        return cached[1]
    from model.valuation import build_model

    try:
        found = getattr(build_model(thesis), "roles", None)
    except (ThesisModelError, AttributeError, TypeError, KeyError, ValueError):
        found = None
    built = found if isinstance(found, ModelRoles) else None
    if len(_BUILT) > 32:
        _BUILT.clear()
    _BUILT[id(thesis)] = (thesis, built)
    return built


def _short(label: str) -> str:
    """A long label without its explanations in brackets ("Cloud ex AI (China cloud ...)
    market" -> "Cloud ex AI market"): they belong in the thesis file, not in every title."""
    if len(label) <= 24:
        return label
    head = re.sub(r"\s*\([^()]*\)", "", label).strip()
    return head or label


def line_label(result: Any, name: str) -> str | None:
    """The thesis' own label of an output, for titles and axes, or None when the model does
    not describe it (the caller then makes one from the name)."""
    from model.charts.text import humanize

    roles = roles_of(result)
    if roles is None or name not in roles:
        return None
    line = roles[name]
    if line.role is not None and line.role in _ROLE_WORDS:
        return _ROLE_WORDS[line.role]
    if line.role is Role.MARKET_SHARE and line.group:
        who = player_label(result, line.group, line)
        return f"{who} share of {segment_title(result, line.group)}"
    label = line.label
    if line.role in _LEG_ROLES and line.group:
        label = re.sub(rf"\b{re.escape(line.group)}\b", humanize(line.group), label)
    elif label == label_from_name(name):
        return humanize(name)
    return _short(label)


def segment_title(result: Any, group: str) -> str:
    """A segment's label: from the thesis' segment, else from its market or revenue line."""
    from model.charts.text import _thesis_segment_attr, humanize

    label = _thesis_segment_attr(result, group, "label")
    if label:
        return _short(str(label))
    roles = roles_of(result)
    if roles is not None:
        for role, suffix in ((Role.SEGMENT_REVENUE, " revenue"), (Role.MARKET, " market")):
            line = roles.in_group(group).get(role)
            if line is not None and line.label != label_from_name(line.name):
                text = _short(line.label)
                return text[: -len(suffix)] if text.endswith(suffix) else text
    return humanize(group)


@dataclass(frozen=True)
class Player:
    """One player of a market-share group: its name, its share output and what it is."""

    name: str
    output: str
    company: bool = False
    rest: bool = False


def share_segments(result: Any) -> list[str]:
    """Segments (groups) with market-share lines, in model order."""
    roles = roles_of(result)
    if roles is not None:
        return [g for g in roles.share_groups() if players(result, g)]
    from model.charts.text import segments_of

    return [s for s in segments_of(result) if _named_players(result, s)]


def players(result: Any, segment: str) -> list[Player]:
    """The players of ``segment``: the company first, its rivals, the rest of the market last.

    Only players whose share is a per-year output of the result are listed (empty when the
    segment has none).
    """
    roles = roles_of(result)
    outputs = result.outputs
    if roles is not None:
        members = roles.share_groups().get(segment, [])
        return [
            Player(m.player or m.name, m.name, m.company, m.rest)
            for m in members
            if np.ndim(outputs.get(m.name)) == 2
        ]
    names = _named_players(result, segment)
    if not names:
        return []
    company = _company_by_size(result, segment, names)
    order = [company] + [p for p in names if p != company]
    return [Player(p, f"share_{segment}_{p}", p == company, p == "rest") for p in order]


def _named_players(result: Any, segment: str) -> list[str]:
    """Players with a ``share_<segment>_<player>`` output, in output order, "rest" last."""
    from model.charts.text import segments_of

    segs = segments_of(result)
    found = []
    for name in result.outputs:
        if not name.startswith(f"share_{segment}_"):
            continue
        # A longer segment name sharing this prefix owns the output (ai vs ai_cloud).
        owner = next((s for s in segs if name.startswith(f"share_{s}_")), segment)
        if owner == segment:
            found.append(name[len(f"share_{segment}_") :])
    return [p for p in found if p != "rest"] + (["rest"] if "rest" in found else [])


def _company_by_size(result: Any, segment: str, names: list[str]) -> str:
    """The company named in the thesis' segment, else the player with the largest first share."""
    from model.charts.text import _thesis_segment_attr

    company = _thesis_segment_attr(result, segment, "company")
    if company in names:
        return str(company)
    candidates = [p for p in names if p != "rest"] or names
    first = {
        p: float(np.nanmedian(np.asarray(result.outputs[f"share_{segment}_{p}"])[:, 0]))
        for p in candidates
    }
    return max(candidates, key=lambda p: (first[p], p))


def player_label(result: Any, segment: str, player: Player | LineInfo) -> str:
    """A player's name for legends: the thesis' words where it has them."""
    from model.charts.text import player_label as named

    if player.rest:
        return "Rest of market"
    name = player.name if isinstance(player, Player) else (player.player or player.name)
    return named(result, segment, name)


def chart_lines(result: Any) -> list[str]:
    """The per-year lines a report draws as fan charts, in this order: the revenue line, each
    segment's market (and gross market) and revenue, the earnings.

    By role when the model describes its lines, else by the ``market_segment`` block's names
    (and any other ``revenue_*`` output as a total).
    """
    outputs = result.outputs
    roles = roles_of(result)
    wanted: list[str] = []
    if roles is not None:
        revenue = roles.get(Role.REVENUE)
        wanted += [revenue.name] if revenue else []
        groups = dict.fromkeys(
            line.group
            for role in (Role.MARKET, Role.SEGMENT_REVENUE)
            for line in roles.all(role)
            if line.group
        )
        for group in sorted(groups, key=lambda g: _first_index(roles, g)):
            members = roles.in_group(group)
            market = members.get(Role.MARKET)
            if market is not None:
                wanted += [market.name, f"{market.name}_gross"]
            seg_revenue = members.get(Role.SEGMENT_REVENUE)
            wanted += [seg_revenue.name] if seg_revenue else []
        earnings = roles.get(Role.EARNINGS)
        wanted += [earnings.name] if earnings else []
    else:
        from model.charts.text import segments_of

        segs = segments_of(result)
        # Without roles, a revenue output that is no segment's is a total (drawn first).
        own = {f"revenue_{seg}" for seg in segs}
        wanted += [
            n for n in outputs if (n == "revenue" or n.startswith("revenue_")) and n not in own
        ]
        for seg in sorted(segs):
            wanted += [f"market_{seg}", f"market_{seg}_gross", f"revenue_{seg}"]
        wanted.append("earnings")
    return [n for n in dict.fromkeys(wanted) if np.ndim(outputs.get(n)) == 2]


def _first_index(roles: ModelRoles, group: str) -> int:
    return next(i for i, line in enumerate(roles) if line.group == group)


def value_line(result: Any) -> str:
    """The headline value-per-share output: the line with that role, else ``value_per_share``."""
    results = getattr(result, "results", None)
    if isinstance(results, Mapping) and results:
        result = next(iter(results.values()))
    roles = roles_of(result)
    line = roles.get(Role.VALUE_PER_SHARE) if roles is not None else None
    return line.name if line is not None else "value_per_share"


def default_line(result: Any) -> str:
    """What a fan chart draws when not told: the revenue line, else the first chart line."""
    roles = roles_of(result)
    line = roles.get(Role.REVENUE) if roles is not None else None
    if line is not None and np.ndim(result.outputs.get(line.name)) == 2:
        return line.name
    drawn = chart_lines(result)
    if drawn:
        return drawn[0]
    from model.errors import ParameterError

    per_year = sorted(k for k, v in result.outputs.items() if np.ndim(v) == 2)
    raise ParameterError(
        "name the output to draw: the model marks no per-year line as revenue; per-year "
        "outputs: " + (", ".join(per_year) or "none")
    )


def floored_note(result: Any, output: str, year: int | None = None) -> str | None:
    """Say how often a value per share sits on its floor of zero, or None when it never does.

    The valuation reports ``max(equity value / shares, 0)``: a loss-making company whose legs
    sum below zero shows a value of exactly 0 there, which a fan or median alone would present
    as a forecast rather than as the floor. With ``year``, in that year (a histogram's); else in
    the year it happens most.
    """
    roles = roles_of(result)
    if roles is None or output not in roles or roles[output].role is not Role.VALUE_PER_SHARE:
        return None
    if not getattr(result, "invalid", {}).get("negative_value"):
        return None
    values = result.paths(output)
    if year is not None and year in values.columns:
        values = values[[year]]
    share = np.mean(values.to_numpy(dtype=float) <= 0.0, axis=0)
    if not share.size or float(share.max()) == 0.0:
        return None
    worst = int(np.argmax(share))
    from model.charts.text import year_words

    when = year_words(result, int(values.columns[worst]))  # FY2033 for a fiscal year
    if year is not None and values.shape[1] == 1:
        return (
            f"Value per share is floored at zero where the equity value is below zero: on "
            f"{share[worst]:.0%} of paths in {when}."
        )
    return (
        f"Value per share is floored at zero where the equity value is below zero: on "
        f"{share[worst]:.0%} of paths in {when}, the most in any year."
    )


# ---------------------------------------------------------------------- the year axis
#
# A fan chart or a share chart marks the model years. Six years fit any axis; fifteen on a
# half-width subplot do not, and every year labelled wrote each one over its neighbour. The
# locator picks, each time the figure is drawn (so after the caller's tight_layout), the
# smallest step of 1, 2, 5 or 10 years whose labels fit the axis' width, counting from the
# first model year, which is always labelled.

#: Steps between labelled years, smallest first.
_STEPS: tuple[int, ...] = (1, 2, 5, 10)
#: Room a year's label needs, in multiples of its font size: four digits and a gap.
_LABEL_EMS = 3.4


class YearLocator(Locator):
    """Ticks at ``years[0]``, ``years[0] + step``, ...: the smallest step whose labels fit."""

    def __init__(self, years: Sequence[int]) -> None:
        self.years = [int(y) for y in years]

    def __call__(self) -> Sequence[float]:
        lo, hi = self.axis.get_view_interval() if self.axis is not None else (0.0, 0.0)
        return self.tick_values(lo, hi)

    def tick_values(self, vmin: float, vmax: float) -> Sequence[float]:
        lo, hi = min(vmin, vmax), max(vmin, vmax)
        step = self.step(hi - lo)
        return [float(y) for y in self.years[::step] if lo <= y <= hi]

    def step(self, span: float) -> int:
        """The step for a view ``span`` years wide on this axis (1 without an axis to measure)."""
        axis = self.axis
        if not isinstance(axis, Axis) or span <= 0 or len(self.years) < 2:
            return 1
        ax: Any = axis.axes
        width_pt = ax.get_window_extent().width * 72.0 / ax.figure.dpi
        ticks = axis.majorTicks  # made lazily: reading it asks this locator nothing
        size = float(ticks[0].label1.get_fontsize()) if len(ticks) else 10.0
        per_year = width_pt / span
        for step in _STEPS:
            if step * per_year >= _LABEL_EMS * size:
                return step
        return _STEPS[-1]


def year_axis(ax: Axes, years: list[int], result: Any) -> None:
    """Mark ``years`` on the x axis (as many as fit) and name it after the fiscal year end."""
    from model.charts.text import _thesis_of, format_date
    from model.valuation.finance.dates import fiscal_year_end

    ax.xaxis.set_major_locator(YearLocator(years))
    ax.xaxis.set_major_formatter(FuncFormatter(year_tick))
    # A year not ending in December says when it ends: "2026" may end on 30 June 2026.
    end = getattr(_thesis_of(result), "fiscal_year_end", None) or "12-31"
    day = format_date(fiscal_year_end(years[0], end)).rsplit(" ", 1)[0]
    ax.set_xlabel("Year" if end == "12-31" else f"Fiscal year (ends {day})")
