"""What a model line *means*: the role vocabulary that charts, reports and valuation legs read.

A thesis names its lines as it likes (``revenue_cloud``, ``umsatz``, ``aws_sales``); a line may
also declare a :class:`Role` saying what it is, so that every consumer finds what it needs
without knowing the names: the revenue chart draws the ``revenue`` line, the market-share chart
draws each ``market_share`` group, an EV/EBITDA leg values the ``ebitda`` line, the headline reads
the ``value_per_share`` line. Each line also carries its unit and a human label (the user's, or
one made from its name), so charts are titled in the thesis' own words.

Conventions
-----------
* **One line per role** for the group-level roles (``revenue``, ``ebitda``, ``earnings``,
  ``fcff``, ``net_cash``, ``shares``, ``value_per_share``, ...): :meth:`ModelRoles.one` returns it.
  Two lines claiming one of these roles is an error when the model is built.
* **Many lines per role** for the per-segment roles (``segment_revenue``, ``market``,
  ``segment_profit``, ``margin``) and the per-leg ones (``method_value``, ``multiple``,
  ``exit_multiple``: every multiple leg states its own): :meth:`ModelRoles.all` returns them in
  declaration order, each tagged with its ``group`` (the segment's or the leg's name).
* **Market-share groups**: the lines of one ``group`` with role ``market_share`` sum to 1 on every
  path and year (the company, its named rivals and the rest of the market); exactly one of them is
  flagged ``company=True``, and the rest of the market, if modelled, is flagged ``rest=True``.
  :meth:`ModelRoles.share_groups` returns them.
* Money lines are in the model currency (``USD bn``), per-share lines in the price unit
  (``HKD/share``), fractions in ``%`` or ``share``; :attr:`LineInfo.unit` says which.

This module is the contract between the thesis model (which assigns roles) and everything that
reads results (charts, reports, exports, valuation legs). It has no dependencies beyond the
standard library so that any stage can import it.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

__all__ = [
    "GROUP_ROLES",
    "PER_GROUP_ROLES",
    "LineInfo",
    "ModelRoles",
    "Role",
    "RoleError",
    "humanize",
    "label_from_name",
]


class Role(StrEnum):
    """What a model line is (a closed vocabulary; see the module notes).

    Money roles are flows of one year or stocks at the end of it, in the model currency.
    """

    # -- revenue side --------------------------------------------------------------------------
    REVENUE = "revenue"  #: total revenue of what the thesis values (one line)
    SEGMENT_REVENUE = "segment_revenue"  #: revenue of one segment (``group`` = segment)
    MARKET = "market"  #: size of a segment's market (``group`` = segment)
    MARKET_SHARE = "market_share"  #: one player's share; a group sums to 1 (see module notes)
    REVENUE_GROWTH = "revenue_growth"  #: year-on-year growth of ``revenue`` (fraction)
    # -- profit and loss -----------------------------------------------------------------------
    GROSS_PROFIT = "gross_profit"
    SEGMENT_PROFIT = "segment_profit"  #: operating profit of one segment (``group``)
    MARGIN = "margin"  #: a margin (fraction); ``group`` names the segment if it is one's
    EBITDA = "ebitda"
    DEPRECIATION = "depreciation"  #: depreciation and amortisation (a positive amount)
    EBIT = "ebit"  #: operating profit after depreciation
    STOCK_PAY = "stock_pay"  #: stock-based compensation, a non-cash expense (a positive amount)
    TAX = "tax"  #: income tax paid (a positive amount)
    EARNINGS = "earnings"  #: net income to equity holders
    EPS = "eps"  #: earnings per share, price unit
    # -- cash ----------------------------------------------------------------------------------
    CAPEX = "capex"  #: capital spending (a positive amount)
    FCFF = "fcff"  #: free cash flow to the firm (before financing)
    FCFE = "fcfe"  #: free cash flow to equity
    DIVIDENDS = "dividends"  #: cash paid as dividends (a positive amount)
    BUYBACKS = "buybacks"  #: cash spent on share buybacks (a positive amount)
    NET_CASH = "net_cash"  #: cash less debt at the end of the year (negative = net debt)
    INVESTMENTS = "investments"  #: stakes valued apart from the operations (e.g. listed holdings)
    # -- equity and value ----------------------------------------------------------------------
    SHARES = "shares"  #: shares outstanding at the end of the year
    MULTIPLE = "multiple"  #: a valuation multiple applied in a year (x)
    EXIT_MULTIPLE = "exit_multiple"  #: one leg's multiple in the last year, ``(n,)`` (``group``)
    METHOD_VALUE = "method_value"  #: equity value by one valuation method (``group`` = method)
    METHOD_VALUE_PER_SHARE = "method_value_per_share"  #: per share, by method (``group``)
    EQUITY_VALUE = "equity_value"  #: the blended equity value
    VALUE_PER_SHARE = "value_per_share"  #: the headline value per share, price unit
    TOTAL_RETURN = "total_return"  #: held from the price, the dividends received counted
    ANNUAL_RETURN = "annual_return"  #: annualised return from the price


#: Roles at most one line may hold.
GROUP_ROLES: frozenset[Role] = frozenset(
    {
        Role.REVENUE,
        Role.REVENUE_GROWTH,
        Role.GROSS_PROFIT,
        Role.EBITDA,
        Role.DEPRECIATION,
        Role.EBIT,
        Role.STOCK_PAY,
        Role.TAX,
        Role.EARNINGS,
        Role.EPS,
        Role.CAPEX,
        Role.FCFF,
        Role.FCFE,
        Role.DIVIDENDS,
        Role.BUYBACKS,
        Role.NET_CASH,
        Role.INVESTMENTS,
        Role.SHARES,
        Role.EQUITY_VALUE,
        Role.VALUE_PER_SHARE,
        Role.TOTAL_RETURN,
        Role.ANNUAL_RETURN,
    }
)
#: Roles whose lines belong to a ``group`` (a segment, a method), several per model.
PER_GROUP_ROLES: frozenset[Role] = frozenset(
    {
        Role.SEGMENT_REVENUE,
        Role.MARKET,
        Role.MARKET_SHARE,
        Role.SEGMENT_PROFIT,
        Role.METHOD_VALUE,
        Role.METHOD_VALUE_PER_SHARE,
        Role.EXIT_MULTIPLE,
    }
)


class RoleError(ValueError):
    """A role cannot be found, or the roles of a model contradict each other."""


def label_from_name(name: str) -> str:
    """A readable label made from a line name: ``ebit_cloud`` -> ``EBIT cloud``.

    Parameters
    ----------
    name : str

    Returns
    -------
    str
    """
    return humanize(name)


# Words that read better upper-cased when names are turned into labels for people.
_ACRONYMS = {
    "ai": "AI",
    "pe": "P/E",
    "dcf": "DCF",
    "sotp": "SOTP",
    "fcf": "FCF",
    "fcff": "FCFF",
    "fcfe": "FCFE",
    "ddm": "DDM",
    "ev": "EV",
    "ebit": "EBIT",
    "ebitda": "EBITDA",
    "eps": "EPS",
    "us": "US",
    # Beyond the first thesis: the words of banks, utilities, software and the rest.
    "dps": "DPS",
    "ebt": "EBT",
    "nopat": "NOPAT",
    "wacc": "WACC",
    "roe": "ROE",
    "roic": "ROIC",
    "roa": "ROA",
    "nim": "NIM",
    "nav": "NAV",
    "noi": "NOI",
    "pb": "P/B",
    "aum": "AUM",
    "arr": "ARR",
    "arpu": "ARPU",
    "sbc": "SBC",
    "rcv": "RCV",
    "rab": "RAB",
    "cpi": "CPI",
    "gdp": "GDP",
    "uk": "UK",
    "eu": "EU",
    "fx": "FX",
    "ipo": "IPO",
    "gmv": "GMV",
    "tam": "TAM",
    "kpi": "KPI",
    "ltv": "LTV",
    "cac": "CAC",
    "nrr": "NRR",
    "irr": "IRR",
    "npv": "NPV",
    "gaap": "GAAP",
    "ifrs": "IFRS",
    "adr": "ADR",
    "adrs": "ADRs",
}
# Currency codes as names write them (``usd_per_eur``): the codes a thesis prices in, not all of
# ISO 4217, whose ALL, TOP and TRY are also words.
_ACRONYMS |= {
    code: code.upper()
    for code in (
        "usd eur jpy gbp cny rmb hkd chf cad aud nzd sek nok dkk krw inr brl mxn twd sgd zar "
        "pln czk huf ils thb idr myr php vnd sar aed clp ars rub"
    ).split()
}
#: Words next to which "ads" is the depositary share, not advertising (``shares_per_ads``).
_ADS_NEIGHBOURS = frozenset({"per", "share", "shares", "ordinary", "price", *_ACRONYMS.values()})


def _word(words: list[str], i: int) -> str:
    """Word ``i`` of a name as a label writes it: an acronym or currency code upper-cased."""
    word = words[i]
    if word == "ads":
        near = {_ACRONYMS.get(w, w) for w in words[max(i - 1, 0) : i + 2]} - {"ads"}
        return "ADS" if near & _ADS_NEIGHBOURS else word
    return _ACRONYMS.get(word, word)


def humanize(name: str, *, capitalize: bool = True) -> str:
    """``"ai_cloud"`` -> ``"AI cloud"``: a name made readable, with the usual acronyms and
    currency codes (``"usd_per_eur"`` -> ``"USD per EUR"``; charts and tables use it where the
    thesis gives no label).

    Parameters
    ----------
    name : str
    capitalize : bool, default True
        Upper-case the first letter (``False`` for words inside a sentence).

    Returns
    -------
    str
    """
    parts = [w for w in name.split("_") if w]
    words = [_word(parts, i) for i in range(len(parts))]
    if not words or not capitalize:
        return " ".join(words) if words else name
    first = words[0]
    words[0] = first if first.isupper() or "/" in first else first[:1].upper() + first[1:]
    return " ".join(words)


@dataclass(frozen=True)
class LineInfo:
    """One output of a model: its name, unit, role and label.

    Attributes
    ----------
    name : str
        The output name (the user's line name).
    unit : str
        Its unit as text, e.g. ``USD bn``, ``HKD/share``, ``%``, ``share``, ``x``.
    role : Role or None
        What the line is, if declared.
    label : str
        A human label for charts and tables.
    group : str or None
        The segment (or method) a per-group line belongs to.
    company : bool
        For a ``market_share`` line: the company's own share.
    rest : bool
        For a ``market_share`` line: the rest of the market (everybody not named).
    player : str or None
        For a ``market_share`` line: the player's name (``alibaba``, ``huawei``, ``rest``).
    per_year : bool
        ``(n, n_years)`` when true, one value per path ``(n,)`` when false.
    """

    name: str
    unit: str
    role: Role | None = None
    label: str = ""
    group: str | None = None
    company: bool = False
    rest: bool = False
    player: str | None = None
    per_year: bool = True

    def __post_init__(self) -> None:
        if self.role is not None and not isinstance(self.role, Role):
            object.__setattr__(self, "role", Role(self.role))
        if not self.label:
            object.__setattr__(self, "label", label_from_name(self.name))


@dataclass(frozen=True)
class ModelRoles:
    """Every output of a model with its role, unit and label, and look-ups by role.

    Parameters
    ----------
    lines : tuple of LineInfo
        In the model's order (the order outputs are computed).

    Raises
    ------
    RoleError
        If two lines share a name, two lines claim a one-per-model role, or a market-share
        group does not have exactly one company line.
    """

    lines: tuple[LineInfo, ...] = ()
    _by_name: dict[str, LineInfo] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_name: dict[str, LineInfo] = {}
        holders: dict[Role, str] = {}
        for line in self.lines:
            if line.name in by_name:
                raise RoleError(f"two outputs are called {line.name!r}")
            by_name[line.name] = line
            if line.role in GROUP_ROLES:
                if line.role in holders:
                    raise RoleError(
                        f"role {line.role.value!r} is held by both {holders[line.role]!r} and "
                        f"{line.name!r}; a model has one {line.role.value} line"
                    )
                holders[line.role] = line.name
        object.__setattr__(self, "_by_name", by_name)
        for group, members in self.share_groups().items():
            company = [m for m in members if m.company]
            if len(company) != 1:
                raise RoleError(
                    f"market-share group {group!r} needs exactly one company line "
                    f"(has {len(company)}: {[m.name for m in company]})"
                )

    @classmethod
    def of(cls, lines: Iterable[LineInfo]) -> ModelRoles:
        """Build from any iterable of :class:`LineInfo`."""
        return cls(tuple(lines))

    # -- look-ups ------------------------------------------------------------------------------
    def __iter__(self) -> Iterator[LineInfo]:
        return iter(self.lines)

    def __len__(self) -> int:
        return len(self.lines)

    def __contains__(self, name: object) -> bool:
        return name in self._by_name

    def __getitem__(self, name: str) -> LineInfo:
        try:
            return self._by_name[name]
        except KeyError:
            raise RoleError(_unknown(name, self._by_name)) from None

    @property
    def names(self) -> tuple[str, ...]:
        """Every output name, in model order."""
        return tuple(line.name for line in self.lines)

    @property
    def units(self) -> dict[str, str]:
        """Output name -> unit."""
        return {line.name: line.unit for line in self.lines}

    @property
    def labels(self) -> dict[str, str]:
        """Output name -> label."""
        return {line.name: line.label for line in self.lines}

    def get(self, role: Role | str) -> LineInfo | None:
        """The one line holding ``role``, or None (see :meth:`one`)."""
        found = self.all(role)
        return found[0] if found else None

    def one(self, role: Role | str) -> LineInfo:
        """The line holding a one-per-model ``role``.

        Raises
        ------
        RoleError
            If no line holds it (the message lists the roles the model has).
        """
        found = self.get(role)
        if found is None:
            have = sorted({str(line.role.value) for line in self.lines if line.role})
            raise RoleError(
                f"the model has no line with role {Role(role).value!r}; its roles: "
                + (", ".join(have) or "none")
            )
        return found

    def all(self, role: Role | str) -> list[LineInfo]:
        """Every line holding ``role``, in model order."""
        want = Role(role)
        return [line for line in self.lines if line.role is want]

    def groups(self, role: Role | str) -> dict[str, list[LineInfo]]:
        """Lines of a per-group ``role`` by group, in model order."""
        out: dict[str, list[LineInfo]] = {}
        for line in self.all(role):
            out.setdefault(line.group or line.name, []).append(line)
        return out

    def share_groups(self) -> dict[str, list[LineInfo]]:
        """Market-share groups: group -> its lines (company first, the rest last)."""
        groups = self.groups(Role.MARKET_SHARE)
        return {
            g: sorted(members, key=lambda m: (not m.company, m.rest))
            for g, members in groups.items()
        }

    def segments(self) -> list[str]:
        """Names of the groups that have a ``segment_revenue`` line, in model order."""
        return list(self.groups(Role.SEGMENT_REVENUE))

    def in_group(self, group: str) -> dict[Role, LineInfo]:
        """The lines of one group, by role (one per role: the first)."""
        out: dict[Role, LineInfo] = {}
        for line in self.lines:
            if line.group == group and line.role is not None and line.role not in out:
                out[line.role] = line
        return out

    def table(self) -> list[dict[str, object]]:
        """One row per output (name, unit, role, label, group), for listings and exports."""
        return [
            {
                "output": line.name,
                "unit": line.unit,
                "role": line.role.value if line.role else "",
                "label": line.label,
                "group": line.group or "",
                "per_year": line.per_year,
            }
            for line in self.lines
        ]


def _unknown(name: str, known: Mapping[str, object] | Iterable[str]) -> str:
    names = list(known)
    close = difflib.get_close_matches(name, names, n=3)
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    return f"no output called {name!r}{hint}"


def segment_sections(section: object) -> dict[str, Mapping[str, object]]:
    """The market segments of a ``model:`` section, whatever its kind, as plain mappings.

    For kind ``segments`` these are the ``segments:`` entries; for kind ``lines`` the blocks of
    type ``market_segment``, each with ``margin_start`` taken from a ``margin_glide`` block that
    names it as its ``group``. Readers that annotate charts (labels, sourced points) use this
    instead of reading the section's layout.

    Parameters
    ----------
    section : Mapping or None
        The raw ``model:`` section.

    Returns
    -------
    dict[str, Mapping]
        Segment name -> its keys (``label``, ``market``, ``players``, ``margin_start``, ...).
    """
    if not isinstance(section, Mapping):
        return {}
    segments = section.get("segments")
    if isinstance(segments, Mapping):
        return {str(k): v for k, v in segments.items() if isinstance(v, Mapping)}
    blocks = section.get("blocks")
    if not isinstance(blocks, Mapping):
        return {}
    out: dict[str, dict[str, object]] = {}
    for name, spec in blocks.items():
        if isinstance(spec, Mapping) and spec.get("type") == "market_segment":
            out[str(name)] = dict(spec)
    for spec in blocks.values():
        if isinstance(spec, Mapping) and spec.get("type") == "margin_glide":
            group = spec.get("group")
            if isinstance(group, str) and group in out:
                out[group].setdefault("margin_start", spec.get("start"))
    return dict(out)
