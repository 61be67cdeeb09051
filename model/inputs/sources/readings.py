"""A number read from a quote, and the ranges such numbers make.

:class:`QuoteNumber` is what :func:`~model.inputs.sources.quotes.numbers_in` reads: a value with
its scale, percent sign and currency, and where it is written. :func:`join_ranges` gives the
low end of a range written bare ("10-12 billion") its high end's scale and currency, and marks
it as a range's low end, so that a word of decline before or after the range signs both ends
(see :mod:`~model.inputs.sources.quotesense`). The other passes over the numbers read mark or
add what their neighbours tell: hundredths (:func:`subunits`, :func:`join_hundredths`), items'
numbers (:func:`mark_labels`), the 1 of "per one" (:func:`per_one`) and German thousands dots
(:func:`thousands_dots`).
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from model.inputs.sources.cents import HUNDREDTHS, cents_in_unit, why_no_price
from model.inputs.sources.numerals import LABEL_BEFORE
from model.inputs.units import Unit, format_number

__all__ = [
    "LONE_DOT",
    "QuoteNumber",
    "join_hundredths",
    "join_ranges",
    "mark_labels",
    "per_one",
    "subunits",
    "thousands_dots",
]


#: A lone dot before exactly three digits: a thousands dot or a decimal point, before "mln"
#: or "bln" with no currency.
LONE_DOT = re.compile(r"\d{1,3}\.\d{3}")


@dataclass(frozen=True)
class QuoteNumber:
    """A number read from a quote.

    Attributes
    ----------
    text : str
        As written (normalised), e.g. ``$85 billion``.
    value : float
        Its value with scale words and percent applied (``85e9``, ``0.358``).
    scaled : bool
        Whether a scale word or suffix was written.
    percent : bool
        Whether it was written as a percentage.
    currency : str or None
        Currency written next to it, if any.
    year : bool
        Whether it reads as a calendar year: a whole number from 1900 to 2100 written without
        a currency, scale word, percent sign, multiple sign or thousands separator.
    also : tuple of str
        Other currencies the written sign may equally mean ("¥": the yen as well as the yuan).
    ambiguous : str
        Why its digits have no one reading ("1.250 Mio.": German thousands or a Swiss decimal
        point); such a number supports no value. Empty for the others.
    start, end : int
        Where it is written in the normalised quote (see :func:`normalize`).
    factor : float
        What its scale word, percent sign or basis points multiply its digits by (``1e9`` for
        ``12 billion``): the low end of a range written before it shares it ("10-12 billion").
    range_low : bool
        Whether it is the low end of a range whose high end is the next number read
        ("10" in "fell 10-12%"): a word of decline before or after the range signs both.
    cents : bool
        Whether it is written in cents ("55 cents", "55 euro cents", "55 Cent"), its value the
        currency's (0.55): money, of the currency named, else of any with cents.
    per : tuple of (str, int) or None
        For an amount in cents, the quantity the quote prices ("a kWh": ``("Wh", 3)``), if any;
        see :mod:`~model.inputs.sources.cents`.
    hundredth : str
        For an amount in hundredths, their name (``cents``, ``centimes``, ``Rappen``, ``Rp.``,
        ``sen``, ``銭``): each serves its own currencies only (and "Rp." the rupiah whole).
    date : bool
        Whether it is a day or month of a written date ("30" in "September 30" or "30.
        September", "9" and "30" in "9/30/2025"; see :mod:`~model.inputs.sources.dates`):
        like a calendar year, it states no quantity.
    label : bool
        Whether it is the number of an item ("3" in "Plant No. 3", "Werk Nr. 3", "#3", "n° 3";
        see :func:`mark_labels`): it names the item, and states no quantity.
    one : bool
        Whether it is the one of "per one" written in East Asian text ("1" in "1株当たり配当金",
        "1주당", "1人当たり"): it names the quantity priced, and states no quantity.
    of_base : bool
        Whether it is a percentage of a base named after it ("60% of tangible book"): a ratio,
        which a multiple may state (0.6x book), unlike a rate ("Return on equity was 16%").
    written : str
        The quote's own text of it, its case kept (``EUR 480 million`` where ``text`` is
        ``eur 480 million``), for messages; empty where unknown.
    """

    text: str
    value: float
    scaled: bool
    percent: bool
    currency: str | None
    year: bool = False
    start: int = field(default=-1, compare=False)
    end: int = field(default=-1, compare=False)
    also: tuple[str, ...] = field(default=(), compare=False)
    ambiguous: str = field(default="", compare=False)
    factor: float = field(default=1.0, compare=False)
    range_low: bool = field(default=False, compare=False)
    date: bool = field(default=False, compare=False)
    cents: bool = field(default=False, compare=False)
    per: tuple[str, int] | None = field(default=None, compare=False)
    hundredth: str = field(default="cents", compare=False)
    label: bool = field(default=False, compare=False)
    one: bool = field(default=False, compare=False)
    of_base: bool = field(default=False, compare=False)
    written: str = field(default="", compare=False)

    @property
    def as_written(self) -> str:
        """The number as the quote writes it (its case kept), for messages."""
        return self.written or self.text

    def in_currency_of(self, unit: Unit | None) -> bool:
        """Whether the currency written with the number is (or may be) one of ``unit``'s."""
        if self.currency is None or unit is None:
            return False
        return any(c in unit.currencies for c in (self.currency, *self.also))

    def show(self, unit: Unit | None = None) -> str:
        """The number as written, with its value in ``unit`` where that differs.

        Parameters
        ----------
        unit : Unit, optional
            The assumption's unit: scaled amounts are shown in it (``$85 billion (= 85 USD bn)``).

        Returns
        -------
        str
        """
        shown_text = self.as_written
        if self.year:
            return f"{shown_text} (a year)"
        if self.date:
            return f"{shown_text} (part of a date)"
        if self.label:
            return f"{shown_text} (an item's number)"
        if self.one:
            return f"{shown_text} (the one of 'per one')"
        if self.ambiguous:
            return f"{shown_text} (ambiguous: {self.ambiguous})"
        if self.percent:
            return f"{shown_text} (= {format_number(self.value)} as a fraction)"
        if self.cents and unit is not None:
            value = cents_in_unit(self.value, self.per, unit, self.hundredth)
            if value is not None:
                return f"{shown_text} (= {format_number(value, 6)} {unit})"
            if not unit.dimensionless:
                return f"{shown_text} ({why_no_price(self.per, unit, self.hundredth)})"
        if not self.scaled:
            return shown_text
        if unit is not None and not unit.dimensionless:
            shown = unit
            if self.currency and (not unit.is_money or not self.in_currency_of(unit)):
                # Same scale, the quote's own currency (an amount of money is never shown as
                # shares or another quantity): the mismatch is then plain to see.
                shown = Unit(((self.currency, 1),), unit.power)
            return f"{shown_text} (= {format_number(self.value / unit.scale, 6)} {shown})"
        return f"{shown_text} (= {format_number(self.value, 6)})"


#: What joins the ends of a range: a hyphen or en dash with no space around it ("10-12",
#: "10–12"), a spaced one before an amount ("EUR 10 – 12 billion"), or words ("10 to 12", "od
#: 10 do 12", "Rp 10 hingga 12 triliun", "between 10 and 12"). A spaced em dash sets off a
#: clause ("No. 1 — 35.8% of the market"), and a spaced dash before a percentage may ("Page 3
#: - 20% of revenue").
_RANGE_WORDS = re.compile(r" (?:to|bis|à|a|till|til|do|tot|hingga|sampai) ")
_RANGE_DASHES, _CLAUSE_DASHES = frozenset("-\u2010\u2011\u2012\u2013"), frozenset("\u2014\u2015")
#: "from" right before a low end, which " to " joins to its high end.
_FROM_TO = re.compile(r"\bfrom (?:\S*?)?$")
#: The most a range's high end may be of its low end: "from 1 to 85 billion" is growth. A
#: percentage range has no such limit: "1-20%" shares its percent sign whatever its span.
_RANGE_SPAN = 10.0


def _joins_range(text: str, original: str, where: Sequence[int], low: QuoteNumber,
                 high: QuoteNumber) -> bool | None:  # fmt: skip
    """Whether what stands between ``low`` and ``high`` makes them the ends of one range:
    True, False for an unspaced dash that is no range dash, None for no join."""
    if not 0 <= low.end <= high.start:
        return None
    apart = text[low.end : high.start]
    if apart == "-":
        return original[where[low.end]] in _RANGE_DASHES
    if apart.strip() == "-":  # spaced ("10 – 12"), the space maybe read with a number
        dash = low.end + apart.index("-")
        if original[where[dash]] in _CLAUSE_DASHES:
            return None
        if _minus_against(text, low, high):
            return None  # "$5 -$8bn", "5 -8 Mrd. Euro": maybe a minus against its number
        # "EUR 10 – 12 billion" and "3 % – 5 %" are ranges; "Page 3 - 20% of revenue" may be
        # a clause, and the bare number keeps its reading on its own.
        return None if high.percent and not low.percent else True
    if apart == " and " and text[: low.start].endswith("between "):
        return True
    return True if _RANGE_WORDS.fullmatch(apart) else None


def _minus_against(text: str, low: QuoteNumber, high: QuoteNumber) -> bool:
    """Whether ``low`` and ``high`` stand apart by a dash with a space before it and none
    after it ("$5 -$8bn", "EUR 10 -12 billion"): the high end's minus, or a range typed
    loosely."""
    apart = text[low.end : high.start]
    if apart.strip() != "-":
        return False
    dash = low.end + apart.index("-")
    return text[dash - 1] == " " and text[dash + 1 : dash + 2] != " "


def _both_marked(text: str, low: QuoteNumber, high: QuoteNumber) -> bool:
    """Whether ``low`` and ``high``, joined by a dash or "between ... and", each with its own
    percent sign or scale, are the ends of one range: of one kind (both percentages, or
    amounts of one currency), the high end above the low one and, for amounts, at most ten
    times it ("$500m-$1.2bn"; "0%-5%" starts at nought). "5%-3%" is no range, and its dash
    stays a minus sign."""
    if low.year or low.date or low.ambiguous or high.year or high.date or high.ambiguous:
        return False
    apart = text[low.end : high.start]
    if apart.strip() not in ("-", "and"):
        return False  # "fell 3% to 5%" may be a fall to a level: only dashes and "between"
    dash = low.end + apart.find("-")
    if apart.strip() == "-" and text[dash - 1] == " " and text[dash + 1] != " ":
        return False  # "3% -5%": a minus written against its number, after a space
    if low.percent != high.percent or not (low.percent or (low.scaled and high.scaled)):
        return False
    if low.currency and high.currency and low.currency != high.currency:
        return False
    if not 0 <= low.value < high.value:
        return False
    return low.percent or high.value <= low.value * _RANGE_SPAN


def _grouped(numeral: str) -> str | None:
    """The separator that groups ``numeral``'s thousands, if it is written so alone
    ("3.950" or "3,950"; not "3.95")."""
    m = re.fullmatch(r"\d{1,3}([.,])\d{3}(?:\1\d{3})*", numeral)
    return m.group(1) if m else None


def _dots_followed(low: QuoteNumber, high: QuoteNumber) -> float | None:
    """The high end of a range read with the low end's thousands separator: in "Rp
    3.950-4.100" the rupiah's dot groups thousands, and the bare 4.100 is 4,100 too."""
    numeral = re.search(r"\d[\d.,]*\d", low.text)
    if low.currency is None or low.scaled or low.percent or low.ambiguous or numeral is None:
        return None
    sep = _grouped(numeral.group())
    if sep is None or float(re.sub(r"\D", "", numeral.group())) != low.value:
        return None  # the low end's separator is no thousands one
    if high.scaled or high.percent or high.currency or high.year or high.date or high.cents:
        return None
    if high.ambiguous or _grouped(high.text) != sep:
        return None
    value = float(re.sub(r"\D", "", high.text))
    return value if low.value < value <= low.value * _RANGE_SPAN else None


def join_ranges(
    text: str, original: str, where: Sequence[int], numbers: list[QuoteNumber]
) -> list[QuoteNumber]:
    """``numbers`` with the low end of each range given the high end's scale and currency.

    "10-12 billion", "10–12 mld zł", "od 10 do 12 mld zł", "10 to 12%": the low end is
    written bare, and read alone it was 10 of any scale and currency. The ends are of one
    kind (no currency joins a percentage) and, unless a percentage, the high end is above the
    low one by at most ten times. A low end joined so to a high end of its kind without making
    a range ("from 1 to 85 billion", "EUR 10 – 12 billion") is ambiguous.
    """
    for i, (low, high) in enumerate(itertools.pairwise(numbers)):
        bare = not (low.scaled or low.percent or low.year or low.date or low.ambiguous)
        marked = (high.scaled or high.percent or high.currency) and math.isfinite(high.factor)
        joined = _joins_range(text, original, where, low, high)
        followed = _dots_followed(low, high) if joined else None
        if followed is not None:
            numbers[i] = replace(low, range_low=True)
            numbers[i + 1] = replace(high, value=followed, currency=low.currency, also=low.also)
            continue
        if not bare and joined and _both_marked(text, low, high):
            # "3%-5%", "$2bn-$3bn": each end has its own marks, so the range only joins them.
            cur = low.currency or high.currency
            numbers[i] = replace(low, currency=cur, also=low.also or high.also, range_low=True)
            numbers[i + 1] = replace(high, currency=cur, also=high.also or low.also)
            continue
        if bare and marked and _minus_against(text, low, high) and not high.percent:
            # "EUR 10 -12 billion": -12 billion of no currency, or a range of euros; read
            # either way the other is a wrong sign or a wrong currency.
            why = f"-{high.text}, or {high.text} as the high end of a range from {low.text}"
            numbers[i + 1] = replace(high, ambiguous=why)
            continue
        if not (bare and marked) or joined is None or LABEL_BEFORE.search(text, 0, low.start):
            continue  # (a label's number, "Page 3 - $5 billion", starts no range)
        if low.currency and high.currency and low.currency != high.currency:
            continue  # "€10-$12bn" is no range
        if high.percent and (low.currency or high.currency):
            continue  # "$2-15%" joins an amount and a percentage
        value = low.value * high.factor
        ordered = 0 < value < high.value and (high.percent or high.value <= value * _RANGE_SPAN)
        # "from 12 to 10 billion", "from 1 to 85 billion": a change from one amount to
        # another of the same scale, whichever way and however far it goes.
        apart = text[low.end : high.start]
        change = apart == " to " and _FROM_TO.search(text, 0, low.start) is not None
        if not (joined and (ordered or (change and value > 0))):
            marks = re.sub(r"^\D*?\d[\d.,' ]*", "", high.text).strip()
            why = f"{low.text} on its own, or {low.value:.10g} {marks} as the low end of a range"
            numbers[i] = replace(low, ambiguous=why.replace(" %", "%"))
            continue
        cur, also = low.currency or high.currency, low.also or high.also
        numbers[i] = replace(
            low,
            value=value,
            scaled=high.scaled,
            percent=high.percent,
            currency=cur,
            also=also,
            range_low=True,
        )
        numbers[i + 1] = replace(high, currency=cur, also=also)
    return numbers


#: The sign of an item's number right before it, as written (in its case): "No. 3", "NO 3",
#: "no. 3", "Nr. 3", "#3", "n° 3", "Nº 3", "№ 3", and the ordinal 第 of Chinese and Japanese
#: ("第3四半期", the third quarter). A lower-case "no" without its full stop is the word ("no 3
#: plants").
_NUMBER_SIGN = re.compile(r"(?:\b(?:N[Oo]|N[Rr]|nr)\.?|\bno\.|#|\b[Nn] ?[°º]|№|第)\s?$")
_SIGN_REACH = 8  # longer than any sign above with its space
#: A name a small whole number is part of, right before it: a capitalised word joined to it by
#: a space or a hyphen ("Tier 2", "Level 3", "Phase 2", "Stage 3", "Qwen 3", "S&P 500",
#: "Covid-19"), not a sentence's glue ("In 12 ...").
_NAME_BEFORE = re.compile(r"(?<![\w&'\u2019.-])(?P<word>[A-Z][A-Za-z&]*[A-Za-z])[ -]$")
_NOT_NAMES = frozenset(
    """in on at by as of for from to with and or but the an its their his her our these those
    this that about around nearly almost over under after before since some only all top
    first last next another per than while""".split()
)
#: What follows a name's number: a word in lower case ("Tier 2 debt", "Qwen 3 model"), but no
#: count's noun or glue ("China 12 new stores", "EBIT 115 in 2024" state quantities).
_NAME_AFTER = re.compile(r"[ -](?P<word>[a-z][a-z'\u2019-]*)")
#: Words that number what they name ("Tier 2", "Phase 3", "Basel 3", "Covid-19"), and words
#: after a number that make it a name's ("S&P 500 index", "Qwen 3 model"): only these, as a
#: capitalised month, place or company before a count is no name ("In March 300 workers").
_NAME_MAKERS = frozenset(
    """tier level phase stage class series type grade category generation gen version model
    basel pillar round section article chapter part schedule title covid""".split()
)
_NAMED_BY = frozenset("index indices indexes model models series".split())
_NOT_NAMED_AFTER = frozenset(
    """in on at by as of for from to with and or vs versus per a an the is was were are will
    new more other additional further extra times years months weeks days people staff
    employees stores shops plants sites branches units""".split()
)


def mark_labels(
    original: str, where: Sequence[int], numbers: Sequence[QuoteNumber], german: bool = False
) -> list[QuoteNumber]:
    """``numbers`` with those written bare after a number sign marked as ``label``.

    "Plant No. 3 had sales of EUR 820 million": the 3 names the plant, and supported sales of
    3 in the unit's scale. An item's number supports no value unless ``number:`` chooses it:
    a rank is one ("Ranked #3 globally").

    Parameters
    ----------
    original : str
        The quote as written.
    where : sequence of int
        For each character of the normalised quote, the index of the one it came from.
    numbers : sequence of QuoteNumber
        The quote's numbers, indexing the normalised quote.
    german : bool
        Whether the quote is German, whose nouns are all capitalised: no number there is read
        as part of a name by its capital (see :func:`_in_name`).

    Returns
    -------
    list of QuoteNumber

    Examples
    --------
    >>> from model.inputs.sources.quotes import numbers_in
    >>> [(n.text, n.label) for n in numbers_in("Plant No. 3 had sales of EUR 820 million")]
    [('3', True), ('eur 820 million', False)]
    """
    out = []
    for q in numbers:
        bare = not (q.scaled or q.percent or q.currency or q.cents or q.year or q.date)
        at = where[q.start] if 0 <= q.start < len(where) else -1
        # A sign stands a few characters before its number: no need to look further back.
        if bare and at >= 0 and _NUMBER_SIGN.search(original, max(0, at - _SIGN_REACH), at):
            q = replace(q, label=True)
        elif bare and at >= 0 and not german and _in_name(original, at, where[q.end - 1] + 1):
            q = replace(q, label=True)
        out.append(q)
    return out


def _in_name(original: str, at: int, end: int) -> bool:
    """Whether the whole number written at ``original[at:end]`` is part of a name: "£1.6bn of
    Tier 2 debt", "the Phase 3 trial", "Level 3 assets", "its Qwen 3 model".

    German capitalises every noun, so its text is never read so (``mark_labels``); a word that
    may only be capitalised as a sentence's first is a name there in capitals alone ("FTSE 100
    index", but not "Revenue 820 ...").
    """
    if not original[at:end].isdigit() or end - at > 3:
        return False
    before = _NAME_BEFORE.search(original, max(0, at - 40), at)
    if before is None or before.group("word").lower() in _NOT_NAMES:
        return False
    if len(before.group("word")) < 3 and not before.group("word").isupper():
        return False  # an abbreviation, such as a room's "Rm 5", whose number may be counted
    word = before.group("word")
    after = _NAME_AFTER.match(original, end)
    if word.lower() not in _NAME_MAKERS and (after is None or after["word"] not in _NAMED_BY):
        return False  # "In March 300 workers", "Acme to Cut 300 jobs": a count after a capital
    head = original[: before.start()].rstrip(" \"'\u201c\u2018(")
    first = not head or head[-1] in ".!?:"
    if after is None:
        # A name may end its sentence ("de la dette Tier 2."), a figure in capitals ("and EBIT
        # 115.") or a list's ("Alibaba 12, Tencent 15") may not: only a capitalised word after
        # one in lower case.
        closed = re.match(r"[.!?)]?\s*$|[.!?)]\s", original[end:]) is not None
        return closed and re.search(r"[a-z]\s$", head + " ") is not None and not word.isupper()
    return after.group("word") not in _NOT_NAMED_AFTER and first <= word.isupper()


#: The yuan's tenth, 角, after a number ("5角", "5角钱"), but not an angle or a shape ("5角形").
_JIAO = re.compile(r"角(?![形度落])")
#: The Hong Kong dollar's tenth, 毫 ("每股派息5毫"), but not the prefix of a thousandth ("5毫米",
#: five millimetres; "毫升", "毫克", "毫秒").
_HO = re.compile(r"毫(?![米升克秒安瓦伏欧歐法焦巴居微当當西])")
_KANA = re.compile(r"[\u3041-\u30ff]")
#: Hundredths written right after their digits: the yen's 銭 ("50銭"), and 仙, the cent of the
#: Hong Kong dollar ("28仙") and the sen of the ringgit in Chinese ("5仙"), but not an
#: immortal's ("仙人", "仙女", "仙境").
_CJK_HUNDREDTH = re.compile(r"銭|仙(?![人女境丹])")
#: Digits with 元 alone, which the Hong Kong press writes for its dollar too ("1元2毫"), unlike
#: an amount that names the renminbi ("人民币1元").
_BARE_YUAN = re.compile(r"[\d.,]+\s?元")
#: The Hong Kong dollar, which has its 角 (ten cents) too: "每股派息5角港元" is 0.50 HKD.
_HKD = re.compile(r"港元|港币|港幣|hkd|hk\$")


def subunits(text: str, numbers: list[QuoteNumber]) -> list[QuoteNumber]:
    """``numbers`` with those written before 銭 read as hundredths of a yen ("50銭" is 0.50
    yen), before 仙 as cents of the Hong Kong dollar or the ringgit ("28仙"), before 角 as tenths
    of a yuan ("5角" is 0.50 yuan; of the Hong Kong dollar where the quote names it) and before
    毫 as tenths of a Hong Kong dollar ("5毫" is 0.50 HKD), each joined to the amount of its
    currency written right before it ("12円50銭" is 12.50 yen, "1元2角" 1.20 yuan, "3毫2仙"
    0.32 HKD; the 元 before a Hong Kong dollar's tenth is that dollar's, "1元2毫" 1.20 HKD)."""
    out: list[QuoteNumber] = []
    for q in numbers:
        plain = not (q.scaled or q.percent or q.currency or q.cents or q.year)
        hundredth = _CJK_HUNDREDTH.match(text, q.end)
        word = hundredth.group() if hundredth else ""
        ho = bool(_HO.match(text, q.end))
        tenth = ho or bool(_JIAO.match(text, q.end))
        if _KANA.search(text):  # Japanese writes no yuan's or dollar's tenths, nor 仙
            tenth, word = False, "" if word == "仙" else word
        if not (plain and (word or tenth)):
            out.append(q)
            continue
        if word:
            share, codes = 100.0, HUNDREDTHS[word]
        else:
            share = 10.0
            codes = frozenset(("HKD",) if ho or _HKD.search(text) else ("RMB",))
        value, end = q.value / share, q.end + 1
        whole = out[-1] if out else None
        currency = whole.currency if whole is not None else None
        if not word and "HKD" in codes and whole is not None and _BARE_YUAN.fullmatch(whole.text):
            currency = "HKD"  # the 元 alone before a Hong Kong dollar's tenth: "1元2毫"
        if whole is not None and currency in codes and whole.end == q.start and not whole.scaled:
            out[-1] = replace(
                whole,
                text=text[whole.start : end],
                value=whole.value + value,
                end=end,
                currency=currency,
            )
            continue
        part = replace(q, text=text[q.start : end], value=value, end=end, factor=q.factor / share)
        # A tenth is an amount of its currency; 銭 and 仙 are hundredths of the currencies each
        # serves, as the unit says.
        out.append(
            replace(part, cents=True, hundredth=word)
            if word
            else replace(part, currency=next(iter(codes)))
        )
    return out


#: What joins a currency's whole units to its hundredths: "RM4 and 50 sen", "4 Franken 50
#: Rappen", "5 euros et 50 centimes".
_UNITS_AND = re.compile(r"\s*(?:and|et|und|y|e)?\s*")
#: Words after a pair that make it a list of two amounts: "$1 and 50 cents, respectively".
_LIST_AFTER = re.compile(
    r"\b(?:respectively|each|apiece|jeweils|beziehungsweise|bzw|respectivement|"
    r"respectivamente|rispettivamente)\b"
)


def join_hundredths(text: str, numbers: list[QuoteNumber]) -> list[QuoteNumber]:
    """``numbers`` with an amount of whole units and the hundredths of its currency written
    right after it read as one amount too: "RM4 and 50 sen" is 4.50 MYR.

    The two amounts stay readings of their own, as a pair may list two ("dividends of $1 and
    50 cents"); a pair a list's word follows ("respectively", "each") is never joined.
    """
    out: list[QuoteNumber] = []
    for q in numbers:
        whole = out[-1] if out else None
        if (
            whole is not None
            and q.cents
            and 0 < q.value < 1
            and whole.currency in HUNDREDTHS.get(q.hundredth, ())
            and q.currency in (None, whole.currency)
            and not (whole.scaled or whole.percent or whole.cents or whole.ambiguous)
            and _UNITS_AND.fullmatch(text, whole.end, q.start)
            and not _LIST_AFTER.search(text, q.end)
        ):
            value = whole.value + q.value
            out.append(q)
            out.append(replace(whole, text=text[whole.start : q.end], value=value, end=q.end))
            continue
        out.append(q)
    return out


def thousands_dots(text: str, numbers: list[QuoteNumber]) -> list[QuoteNumber]:
    """``numbers`` with a bare number's dot before three digits read as a thousands dot too.

    German text groups thousands with a dot ("12.500 Mitarbeiter" is 12,500), as do Dutch,
    Italian, Spanish, Portuguese, Danish, Norwegian and Indonesian text (see
    :func:`~model.inputs.sources.dates.dotted_text`), yet they write a decimal point as well
    ("Version 2.125"): both readings stay supported.
    """
    out: list[QuoteNumber] = []
    for q in numbers:
        out.append(q)
        bare = not (q.scaled or q.percent or q.currency or q.cents or q.year or q.date)
        if bare and not q.ambiguous and LONE_DOT.fullmatch(q.text):
            out.append(replace(q, value=math.copysign(float(q.text.replace(".", "")), q.value)))
    return out


#: The counter or noun after "1" and the word for "per" that makes it "per one": Japanese
#: "1株当たり", "1人あたり", "1株につき"; Korean "1주당", "1인당"; Chinese "每1股" by its 每.
_PER_ONE = re.compile(
    r"\s?(?:[^\W\d_]{1,3}(?:当たり|当り|あたり|につき)|[가-힣]{1,2}당(?![가-힣]))"
)


def per_one(text: str, numbers: list[QuoteNumber]) -> list[QuoteNumber]:
    """``numbers`` with the bare 1 of an East Asian "per one" marked as ``one``: the 1 of
    "1株当たり配当金は50銭" is the share the dividend is paid on, no amount."""
    return [
        replace(q, one=True)
        if q.value == 1
        and not (q.scaled or q.percent or q.currency or q.cents)
        and (_PER_ONE.match(text, q.end) or text.endswith(("每", "每 "), 0, q.start))
        else q
        for q in numbers
    ]
