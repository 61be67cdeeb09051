"""Reading quotes: the numbers a quote states.

Quotes are matched against the seed documents after :func:`normalize` (whitespace, typographic
quote marks and dashes, case; see :mod:`~model.inputs.sources.normalization`).
:func:`numbers_in` reads every number of a quote with its scale words, percent sign, basis
points and currency ("$85 billion" is 85e9 in USD, "35.8%" is 0.358, "50bp" and "a
50-basis-point rise" are 0.005, "0.25 percentage points" is 0.0025), and marks bare whole
numbers from 1900 to 2100 as calendar years, the days of written dates as dates (see
:mod:`~model.inputs.sources.dates`) and the numbers of items ("Plant No. 3") as labels.
Hundredths ("55 cents", "50 Rappen", "50銭") are read as the currency's amount, of the
currencies each word serves (see :mod:`~model.inputs.sources.cents`). :func:`number_problem`
says why a thesis number is not among them, in the assumption's own unit.
"""

from __future__ import annotations

import math
import re
from array import array
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from model.inputs.currencies import canonical_currency
from model.inputs.sources.centres import centre_numbers
from model.inputs.sources.cents import (
    cents_in_unit,
    hundredth,
    hundredth_currency,
    per_quantity,
)
from model.inputs.sources.dates import dotted_text, german_text, iberian_text, mark_dates
from model.inputs.sources.normalization import no_break_spaces, normalize, open_parentheses
from model.inputs.sources.numerals import (
    ALSO_MEANS,
    COMMA_MONEY,
    CONTINENTAL_PERCENT_RE,
    CURRENCY_WORDS,
    FUSED_SCALES,
    LOCAL_SCALES,
    LOCAL_WORDS,
    NUMBER_WORDS,
    REAL_SCALES,
    SCALE_WORDS,
    SPACE_GROUPED,
    Convention,
    number_re,
    read_numeral,
    read_spaced,
)
from model.inputs.sources.readings import (
    LONE_DOT,
    QuoteNumber,
    join_hundredths,
    join_ranges,
    mark_labels,
    per_one,
    subunits,
    thousands_dots,
)
from model.inputs.units import Flavor, Unit, format_quantity

if TYPE_CHECKING:
    from model.inputs.sources.eastasian import EastAsianNumber

__all__ = [
    "YEAR_RANGE",
    "QuoteNumber",
    "centre_numbers",
    "matches",
    "normalize",
    "number_problem",
    "numbers_in",
]


# -- numbers in quotes -------------------------------------------------------------------------


_ONE_RE = re.compile(r"\ban? $")
#: A month right before a number of one or two digits, which is a day ("on March 5 120").
_MONTH_RE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|"
    r"april|june|july|august|september|october|november|december)\.? $"
)
#: A hyphened word right after a number: "100-megawatt" is a compound adjective.
_COMPOUND_RE = re.compile(r"-[^\W\d]")
_CODE_RE = re.compile(r"(?<![A-Za-z])[A-Z]{3}(?![A-Za-z])")


#: The ringgit's sign in capitals spaced from its digits: "RM 4.50", "RM 4.5 bil".
_RM_SPACED = re.compile(r"(?<![A-Za-z])RM\s(?=\d)")


def _codes_in(quote: str) -> frozenset[str]:
    """ISO 4217 codes written in capitals in ``quote``, lower-cased as the normalised text is,
    and "rm" where the ringgit's sign is written so, spaced from its digits."""
    codes = {c.lower() for c in _CODE_RE.findall(quote) if canonical_currency(c) is not None}
    return frozenset(codes | ({"rm"} if _RM_SPACED.search(quote) else set()))


def _room(m: re.Match[str], quote: str, where: Sequence[int]) -> bool:
    """Whether ``m`` read a ringgit's sign spaced from its digits that the quote does not write
    in capitals ("Rm 5", a room, beside a quote's "RM 4.50")."""
    if m.group("ringgit") is None or m.string[m.end("ringgit")].isdigit():
        return False
    return quote[where[m.start("ringgit")] :][:2] != "RM"


_WORD_RE = re.compile(
    r"\b(?:(?P<numword>" + "|".join(NUMBER_WORDS) + r")\b|(?:a|an)\s\"?(?=\w))"
    r"(?:\s?(?P<scale>thousand|million|billion|trillion)\b)?"
)
_BARE_SCALE_RE = re.compile(r"(?<![\w.,])\"?(?P<scale>thousand|million|billion|trillion)\b")
#: Whole numbers in this range written bare read as calendar years ("by 2026", "in 2021").
YEAR_RANGE = (1900, 2100)
#: A base after a percentage, which makes it a ratio a multiple may state: "60% of book".
_OF_BASE = re.compile(r"\s(?:of|de|del|du|des|di|della|do|da|vom)\s")
#: Units a calendar year in a quote may support: a year itself, written as a plain number.
_YEAR_FLAVORS = (Flavor.PLAIN, Flavor.YEARS, Flavor.COUNT)


def _is_year(number: str, value: float) -> bool:
    return len(number) == 4 and number.isdigit() and YEAR_RANGE[0] <= value <= YEAR_RANGE[1]


def _convention(m: re.Match[str], num: str, cur: str | None, power: int) -> Convention:
    """The digit separators a number without a German or Portuguese scale word is read by."""
    pct_word = (m.group("pct") or "").strip()
    if pct_word.startswith("prozent") or re.fullmatch(CONTINENTAL_PERCENT_RE, pct_word):
        return Convention.GERMAN  # a decimal comma ("2,5 procent"), or a German thousands one
    if cur == "r$" and not power and not pct_word:
        return Convention.BRAZILIAN  # the real's sign: "R$ 42,15"
    if (m.group("cur2") or "").strip() in ("euro", "€", "eur") and not power:
        return Convention.MONEY  # "48,20 Euro": German writes the euro after its number
    # "3,4 %", "18,5x", "R$ 3,2 billion", "1.125.000.000": English where it reads so, else
    # German.
    return Convention.EITHER


def _read(m: re.Match[str], typeset: frozenset[int] = frozenset()) -> QuoteNumber:
    """The number a match of :func:`~model.inputs.sources.numerals.number_re` states
    (``typeset``: where in the text a no-break space was written)."""
    local = (m.group("local") or "").strip().rstrip(".")
    neutral = False
    cur = m.group("cur1") or (m.group("cur2") or "").strip() or FUSED_SCALES.get(local)
    code = (CURRENCY_WORDS.get(cur) or canonical_currency(cur.upper())) if cur else None
    # Whose separators an ambiguous numeral's are said to be: a crown or the złoty is written
    # by a Nordic or Polish press ("1,250 mio. kr."), whose decimal comma is no German one.
    press = "continental" if code in COMMA_MONEY else ""
    if re.fullmatch(CONTINENTAL_PERCENT_RE, (m.group("pct") or "").strip()):
        press = "continental"  # "1,250 procent" is Dutch, Nordic or Polish
    # Swiss apostrophes group thousands, before a decimal point: one reading in any case.
    num = m.group("num").replace("'", "")
    if local:
        power, convention = LOCAL_SCALES[local]
    elif abbr := (m.group("abbr") or "").strip():
        power, convention = REAL_SCALES[abbr], Convention.CONTINENTAL
    elif abbr := (m.group("rmabbr") or "").strip():
        power, convention = (9 if abbr == "bil" else 6), Convention.ENGLISH
    elif m.group("mil"):
        power, convention = 3, Convention.CONTINENTAL
    else:
        # A compound ("lakh crore") is worth its words' powers together.
        words = (m.group("word") or m.group("short") or "").lstrip("-").split()
        power = sum(SCALE_WORDS[w] for w in words)
        convention = Convention.ENGLISH
        special = m.group("pct") or m.group("mult") or cur == "r$" or code == "EUR"
        special = special or num.count(".") > 1 or re.fullmatch(r"\d+,\d{1,2}", num)
        if code in COMMA_MONEY and not power and not m.group("pct"):
            convention = Convention.MONEY  # "1.250 kr", "SEK 1,250": öre, no third decimal
        elif words in (["mln"], ["bln"]) and LOCAL_WORDS.search(m.string):
            # Wire style in a continental sentence: "een omzet van 1.250 mln euro". Only the
            # sentence's words settle it, never the currency ("EUR 1.250 bln" is 1.25).
            convention, press = Convention.GERMAN, "continental"
        elif words in (["mln"], ["bln"]) and LONE_DOT.fullmatch(num):
            # "1.250 mln": 1.25 in English, 1,250 on the continent; with a currency written,
            # wire style's decimal point ("EUR 1.250 bln", "$1.250 bln", "SEK 1.250 bln").
            neutral = code is None
        elif special and any(c in num for c in ".,"):
            convention = _convention(m, num, cur, power)
    if " " in num:
        spaces = [m.start("num") + i for i, c in enumerate(num) if c == " "]
        # A currency sign or code right before the digits leaves no room for two numbers.
        grouped = all(i in typeset for i in spaces) or bool(local or m.group("cur1"))
        grouped = grouped or code in SPACE_GROUPED
        # A group starting with 0 stands for no number of its own: "1 000 000 users".
        grouped = grouped or any(g.startswith("0") for g in num.split()[1:])
        reading = read_spaced(num, grouped=grouped)
    else:
        euro = code == "EUR" or code in COMMA_MONEY
        reading = read_numeral(num, convention, euro=euro, press=press)
    value, ambiguous = reading.value, reading.ambiguous
    if neutral:
        dotted = float(num.replace(".", ""))
        ambiguous = (
            f"{dotted:,.10g} with a continental thousands dot, or {value:,.10g} with an English "
            "decimal point"
        )
    if code == "PLN" and (m.group("short") or "").strip() == "bln":
        # Polish "bln" is a bilion, a million millions; English wires write it for billions.
        ambiguous = f"{value:g} billion in English, or {value:g} trillion as Polish writes bln"
    pct = bool(m.group("pct"))
    value = value * 10.0**power
    if pct:
        value /= 100.0
    elif m.group("bp") and not power:
        # Rates move in basis points ("up 50 basis points", "25bp"): 50 bp is 0.005.
        value, pct = value / 10_000.0, True
    if m.group("pence") and cur is None:
        # The London press quotes share prices and dividends in pence ("1,050p", "32.5
        # pence"), while a thesis writes them in pounds: 1,050p states 10.50 GBP.
        value, power, cur, code = value / 100.0, -2, "£", "GBP"
    cents = bool(m.group("cents")) and cur is None and not pct
    word = "cents"
    if cents:
        # A thesis writes them in the currency itself: 55 cents states 0.55 (of the unit's
        # currency, any with cents, unless the quote names the euro or the US dollar).
        value, power = value / 100.0, -2
        named, us = m.group("cents"), (m.group("centcur") or "") in ("us", "u.s.")
        code = "EUR" if "euro" in named else ("USD" if us else None)
        word = hundredth(m.group("hundredth"))
        code = code or hundredth_currency(m.group("hundredth"))
    bare = not (power or pct or cur or m.group("mult"))
    return QuoteNumber(
        m.group(0).strip(),
        value,
        bool(power),
        pct,
        code,
        year=bare and _is_year(m.group("num"), value),
        start=m.start(),
        end=m.start() + len(m.group(0).rstrip()),
        also=ALSO_MEANS.get(cur or "", ()),
        ambiguous=ambiguous,
        factor=value / reading.value if reading.value else 1.0,
        cents=cents,
        hundredth=word,
    )


#: The one mark of an East Asian number written in ASCII: the Korean percentage point ("3%p").
_PERCENT_POINT = re.compile(r"%\s?p")


def _east_asian_numbers(text: str) -> list[EastAsianNumber]:
    """:func:`~model.inputs.sources.eastasian.east_asian_numbers` of normalised ``text``.

    Each number that reading returns is marked by a character outside ASCII (a scale or
    numeral character, a currency written in CJK or Hangul, CJK text beside it, a point
    written as a character) or by a Korean percentage point; ASCII text with no ``%p`` has
    none. Such text (most quotes) skips the module, whose patterns take about 20 ms to compile.
    """
    if text.isascii() and not _PERCENT_POINT.search(text):
        return []
    from model.inputs.sources.eastasian import east_asian_numbers

    return east_asian_numbers(text)


def numbers_in(quote: str) -> list[QuoteNumber]:
    """Every number in a quote, with scale words, percentages and currencies read.

    Parameters
    ----------
    quote : str
        The article's words.

    Returns
    -------
    list of QuoteNumber
        In the order written; bare whole numbers from 1900 to 2100 are marked as years, the
        days and months of written dates ("September 30", "30.09.2025", "3月31日") as dates,
        the numbers of items ("No. 3", "#3", "第3") as labels.

    Examples
    --------
    >>> [n.value for n in numbers_in("will reach $85 billion by 2026")]
    [85000000000.0, 2026.0]
    """
    return list(_numbers_read(quote))


#: Quotes whose numbers are kept: a load reads each quote's numbers twice (whether the
#: value is there, then what it is said of), a report's theses share their quotes.
QUOTES_KEPT = 1024


@lru_cache(maxsize=QUOTES_KEPT)
def _numbers_read(quote: str) -> tuple[QuoteNumber, ...]:
    """:func:`numbers_in`, kept by quote (a pure function of its text; the numbers are frozen)."""
    text, where = normalize(quote)
    opened = open_parentheses(text)
    if opened is not None:
        # "$(241) million" is an amount of $241 million (its sign is read apart): read it
        # without the parentheses, and place each number where the quote writes it.
        read, keep = opened
        numbers = _numbers_of(quote, read, array("q", (where[i] for i in keep)))
        return tuple(replace(q, start=keep[q.start], end=keep[q.end - 1] + 1) for q in numbers)
    return _numbers_of(quote, text, where)


def _numbers_of(quote: str, text: str, where: array[int]) -> tuple[QuoteNumber, ...]:
    """The numbers of ``quote`` read from ``text``, its normalisation (``where``: the index in
    ``quote`` of each character)."""
    typeset = no_break_spaces(quote, text, where)
    # Japanese and Chinese numbers first: "1兆2,000億円" is one number, not 1 and 2,000.
    east = _east_asian_numbers(text)
    found = [
        (
            e.start,
            QuoteNumber(
                text[e.start : e.end],
                e.value,
                e.scaled,
                e.percent,
                e.currency,
                e.year,
                e.start,
                e.end,
                e.also,
                factor=e.factor,
                ambiguous=e.doubt,
            ),
        )
        for e in east
    ]
    covered = [(e.start, e.end) for e in east]
    codes, iberian = _codes_in(quote), iberian_text(text)
    for m in number_re(codes, iberian=iberian).finditer(text):
        if any(a < m.end() and m.start() < b for a, b in covered[: len(east)]):
            continue
        if _room(m, quote, where):
            # One "RM 4.50" in capitals reads no other "Rm 5" as the ringgit: a room.
            m = number_re(codes - {"rm"}, iberian=iberian).match(text, m.start("num")) or m
        q = _read(m, typeset)
        if q.cents:  # the quantity priced is read in the quote's own case ("kWh", "Mt")
            q = replace(q, per=per_quantity(quote, where[m.end() - 1] + 1))
        groups = m.group("num").split(" ")
        day = len(groups[0]) <= 2 and _MONTH_RE.search(text, 0, m.start("num"))
        if q.ambiguous and len(groups) > 1 and (day or _COMPOUND_RE.match(text, m.end())):
            # "5 100-megawatt plants": a hyphened word makes the last group a compound
            # adjective, so the groups are numbers of their own; the joined one is in doubt,
            # and so is a last group of three after an article ("a 2 500-tonne vessel", one
            # vessel). "March 5 120 workers": the day starts no thousands group.
            parts = [
                _read(p, typeset)
                for p in number_re(codes, False, iberian).finditer(text, *m.span())
            ]
            if not day and len(groups[-1]) == 3 and _ONE_RE.search(text, 0, m.start()):
                why = f"{parts[-1].text} on its own, or {q.value:,.10g} with a thousands space"
                parts[-1] = replace(parts[-1], ambiguous=why)
            found.extend((part.start, part) for part in parts)
            if not day:
                found.append((m.end() - 1, q))  # listed after them
        else:
            # Plain spaces before groups of three ("12 500 million", "2 500 people") are
            # thousands or two numbers: neither the joined number nor a group stands alone.
            found.append((m.start(), q))
        covered.append(m.span())
    for m in _WORD_RE.finditer(text):
        if m.group("numword") is None and m.group("scale") is None:
            continue  # "a" or "an" alone is not a number
        base = NUMBER_WORDS.get(m.group("numword") or "", 1)
        power = SCALE_WORDS.get(m.group("scale") or "", 0)
        found.append(
            (
                m.start(),
                QuoteNumber(
                    m.group(0).strip(),
                    base * 10.0**power,
                    bool(power),
                    False,
                    None,
                    start=m.start(),
                    end=m.start() + len(m.group(0).rstrip()),
                ),
            )
        )
        covered.append(m.span())
    for m in _BARE_SCALE_RE.finditer(text):
        if any(a <= m.start("scale") < b for a, b in covered):
            continue
        power = SCALE_WORDS[m.group("scale")]
        q = QuoteNumber(
            m.group("scale"), 10.0**power, True, False, None, start=m.start(), end=m.end()
        )
        found.append((m.start(), q))
    found.sort(key=lambda t: t[0])
    dated = mark_dates(
        text, join_hundredths(text, subunits(text, [q for _, q in found])), quote, where
    )
    labelled = mark_labels(quote, where, dated, german_text(text))
    read = join_ranges(text, quote, where, per_one(text, labelled))
    read = [
        replace(q, of_base=True) if q.percent and _OF_BASE.match(text, q.end) else q for q in read
    ]
    read = thousands_dots(text, read) if dotted_text(text) else read
    return tuple(_as_written(q, text, quote, where) for q in read)


def _as_written(q: QuoteNumber, text: str, quote: str, where: Sequence[int]) -> QuoteNumber:
    """``q`` with its case as the quote writes it ("EUR 480 million", not the folded "eur 480
    million"), where its span in the normalised text is its text; the rest of the
    normalisation (width, dashes, spaces) is kept."""
    if not 0 <= q.start < q.end <= len(text) or text[q.start : q.end] != q.text:
        return q
    chars = [quote[where[i]] for i in range(q.start, q.end)]
    cased = "".join(o if o.lower() == t else t for o, t in zip(chars, q.text, strict=True))
    return replace(q, written=cased)


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-300)


def matches(q: QuoteNumber, value: float, unit: Unit | None) -> bool:
    """Whether the quoted number ``q`` states ``value`` in ``unit``.

    A calendar year ("by 2026") only supports a plain number, a count or a number of years
    (e.g. the year an authorisation ends), never an amount, a fraction or a multiple. A number
    with a currency ("$85 billion") only supports a unit in that currency.

    Parameters
    ----------
    q : QuoteNumber
    value : float
        The thesis' number, in ``unit``.
    unit : Unit or None
        None for plain numbers (probabilities, correlations, effect sizes).

    Returns
    -------
    bool
        True when equal up to float rounding (relative 1e-9), reading a bare quoted number in
        ``unit``'s scale too ("85" supports 85 ``USD bn``).
    """
    if q.ambiguous or q.date or q.label or q.one:
        # A day or month of a date ("September 30"), an item's number ("No. 3") or the one of
        # "per one" ("1株当たり") states no quantity.
        return False
    if q.year and (unit is None or not unit.dimensionless or unit.flavor not in _YEAR_FLAVORS):
        return False
    if q.currency and not q.in_currency_of(unit):
        return False
    if _rate_not_multiple(q, unit):
        return False
    if q.cents:
        # Money of a currency with cents, at the unit's scale and per its quantity: 5 cents a
        # kWh is 0.05 EUR/kWh and 50 EUR/MWh.
        cents = cents_in_unit(abs(q.value), q.per, unit, q.hundredth)
        return cents is not None and _close(cents, abs(value))
    target = abs(value) * (unit.scale if unit is not None else 1.0)
    if _close(abs(q.value), target):
        return True
    # A bare number is read in the assumption's declared scale ("85" with unit "USD bn").
    return not q.scaled and not q.percent and _close(abs(q.value), abs(value))


def _rate_not_multiple(q: QuoteNumber, unit: Unit | None) -> bool:
    """Whether ``q`` is a rate under 100%, no multiple ("Return on equity was 16%"), unlike a
    percentage of a base ("60% of tangible book", 0.6x) or of a whole or more ("cover of 200%")."""
    multiple = unit is not None and unit.flavor is Flavor.MULTIPLE
    return multiple and q.percent and not q.of_base and abs(q.value) < 1


def _fmt(v: float) -> str:
    return f"{v:.10g}"


def _wanted(value: float, unit: Unit | None) -> str:
    """A number the quote should hold, as the thesis states it (and as a percentage)."""
    if unit is None or unit.dimensionless:
        text = _fmt(value)
        return f"{text} ({format_quantity(value, unit)})" if unit and unit.is_fraction else text
    return f"{_fmt(value)} {unit}"


def number_problem(numbers: Sequence[float], unit: Unit | None, quote: str) -> str | None:
    """Why none of ``numbers`` (in ``unit``) is stated by ``quote``; None if one is.

    Parameters
    ----------
    numbers : sequence of float
        The thesis' numbers, of which one must be in the quote.
    unit : Unit or None
        Their unit (None for plain numbers such as probabilities and correlations).
    quote : str
        The article's words.

    Returns
    -------
    str or None
        E.g. ``the number 86 USD bn is not in the quote; the quote has $85 billion
        (= 85 USD bn), 2026 (a year)``, with a hint for common slips.
    """
    found = numbers_in(quote)
    if any(matches(q, v, unit) for q in found for v in numbers):
        return None
    wanted = " or ".join(_wanted(v, unit) for v in numbers)
    listed = ", ".join(q.show(unit) for q in found) if found else "no numbers"
    msg = f"the number {wanted} is not in the quote; the quote has {listed}"
    if any(q.ambiguous for q in found):
        # A number the toolkit will not guess at: the analyst cannot reword the article.
        return msg + (
            "; the toolkit does not guess which: quote a passage that writes the number one "
            "way only, or give it as an estimate that names the article"
        )
    # Common slips: a percentage written as 35.8 instead of 0.358, the wrong currency, a year.
    for q in found:
        for v in numbers:
            if q.percent and _close(abs(q.value) * 100, abs(v)):
                return msg + f"; '%' values are fractions: write {_fmt(v / 100)}"
            if (
                unit is not None
                and q.currency
                and unit.currencies
                and not q.in_currency_of(unit)
                and _close(abs(q.value), abs(v) * unit.scale)
            ):
                # "¥" is RMB or JPY; "francs" are CHF first of many, named alone.
                written = " or ".join((q.currency, *q.also)) if len(q.also) == 1 else q.currency
                return msg + f"; the quote's {q.as_written} is in {written}, the unit is {unit}"
            if _rate_not_multiple(q, unit) and _close(abs(q.value), abs(v)):
                return msg + (
                    f"; {q.as_written} is a percentage, not a multiple (a multiple is written "
                    f"'{_fmt(v)}x' or '{_fmt(v)} times'): write unit: \"%\" for it"
                )
            if q.year and _close(q.value, v):
                return msg + f"; {q.as_written} in the quote is a calendar year, not {_what(unit)}"
            if q.date and _close(q.value, abs(v)):
                return msg + f"; {q.as_written} in the quote is part of a date, not {_what(unit)}"
            if q.one and _close(q.value, abs(v)):
                return (
                    msg
                    + f"; {q.as_written} in the quote is the one of 'per one', not {_what(unit)}"
                )
            if q.label and _close(q.value, abs(v)):
                return msg + (
                    f"; {q.as_written} in the quote is an item's number or part of a name (as "
                    f"in 'No. 3' or 'Tier 2'), not {_what(unit)}: if it is the value (a rank), "
                    f'choose it with number: "{q.as_written}"'
                )
            if (
                unit is not None
                and q.text.endswith(("p", "pence"))
                and q.in_currency_of(unit)
                and _close(abs(q.value) * 100.0, abs(v) * unit.scale)
            ):
                # 1,050p written as 1050 GBP/share: the pence kept, the unit in pounds.
                return msg + f"; {q.as_written} is in pence: write {_fmt(q.value / unit.scale)}"
            cents = cents_in_unit(abs(q.value), q.per, unit, q.hundredth) if q.cents else None
            if cents is not None and _close(cents * 100.0, abs(v)):
                return msg + f"; {q.as_written} is in {q.hundredth}: write {_fmt(cents)}"
    if (
        unit is not None
        and not unit.is_money
        and any(q.currency and not q.in_currency_of(unit) for q in found)
    ):
        money = next(q for q in found if q.currency and not q.in_currency_of(unit))
        return msg + (
            f"; the quote's {money.as_written} is an amount of money, the unit is {unit}: is it "
            "the quote of another number?"
        )
    return msg


def _what(unit: Unit | None) -> str:
    if unit is None:
        return "this number"
    if unit.is_money:
        return "an amount of money"
    if unit.is_fraction:
        return "a fraction"
    return f"a quantity in {unit}"
