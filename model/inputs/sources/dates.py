"""Dates written in a quote, whose numbers state no quantity.

"At September 30, net debt was EUR 24.1 billion", "zum 30. September", "le 1er août", "as of
9/30/2025", "am 30.09.2025", "2025年3月31日", "2025년 3월 31일": the day (and a
numeric or East Asian date's month) is read as a number like any other, and was then taken for
a second figure of the quote, about another subject, or for the figure itself.
:func:`mark_dates` marks them, as calendar years are marked, so that they support
no value and take no part in the subject check.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from model.inputs.sources.readings import QuoteNumber

__all__ = [
    "MONTH_NAMES",
    "dotted_day",
    "dotted_text",
    "german_text",
    "iberian_text",
    "mark_dates",
    "undated",
]

#: Month names as the normalised (lower-cased) text writes them: English with its
#: abbreviations, German, French, Spanish, Italian, Dutch and Portuguese.
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|"
    "januar|februar|märz|maerz|mai|juni|juli|oktober|dezember|"
    "janvier|février|fevrier|mars|avril|juin|juillet|août|aout|septembre|octobre|novembre|"
    "décembre|decembre|"
    "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|"
    "noviembre|diciembre|"
    "gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|"
    "januari|februari|maart|mei|augustus|"
    "janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|novembro|dezembro"
)
#: Every month name and abbreviation above: capitalised, none names a company or a market.
MONTH_NAMES = frozenset(_MONTHS.split("|"))
#: A month right before the day ("September 30", "Sept. 30").
_MONTH_BEFORE = re.compile(r"\b(?:" + _MONTHS + r")\.? $")
#: A month right after the day: "30 September", "30. September" (German), "30th of
#: September", "1er août", "30 de septiembre", "30 di settembre".
_MONTH_AFTER = re.compile(r"(?:\.|st|nd|rd|th|er)? (?:of |de |di )?(?:" + _MONTHS + r")\b")
#: The month after a day's full stop, and a year after the month ("30. September 2025").
_DOTTED_MONTH = re.compile(
    r"\. +(?P<month>" + _MONTHS + r")\b\.?(?P<year>,? +(?:19|20)\d\d\b)?",
    re.IGNORECASE,
)
#: English month names: after "31." they may open the next sentence ("31. March sales").
_ENGLISH_MONTHS = frozenset(_MONTHS.split("|dec|", 1)[0].split("|")) | {"dec"}
#: Words of German and Nordic text, which writes a day with a full stop ("zum 30. September",
#: "den 1. maj"); no English sentence holds them.
_DOTTED_TEXT = re.compile(
    r"\b(?:zum|vom|seit|der|das|und|bei|betrug|beträgt|wurde|für|mio|mrd|til|og|och|ved|fra)\b",
    re.IGNORECASE,
)
#: Words of running German text, which groups thousands with dots ("12.500 Mitarbeiter").
#: Several distinct ones are needed: one may be a name ("Tarun Das", "Van der Berg").
_GERMAN_WORDS = re.compile(
    r"\b(?:zum|vom|seit|der|die|das|und|bei|betrug|beträgt|wurde|für|ist|sind|auf|über|nach|"
    r"eine|einen|rund|etwa|insgesamt|mitarbeiter|beschäftigt|beschäftigte|unternehmen|"
    r"konzern|gruppe|umsatz|gewinn|aktien|kunden|jahres|hat|stieg|lag|lagen)\b",
    re.IGNORECASE,
)
#: English words no German sentence holds: with one, a dot is a decimal point.
_ENGLISH_WORDS = re.compile(
    r"\b(?:the|of|and|was|were|is|are|said|to|its|with|has|have|had|by|from|at|ratio|"
    r"shares)\b",
    re.IGNORECASE,
)
#: Words of running text in the other languages that group thousands with a dot: Dutch,
#: Italian, Spanish, Portuguese, Danish, Norwegian and Indonesian ("La empresa tiene 12.500
#: empleados"). French spaces its thousands, and shares none of them.
_DOTTED_WORDS = re.compile(
    r"\b(?:het|een|heeft|bedraagt|ongeveer|medewerkers|werknemers|il|della|dei|delle|ha|hanno|"
    r"dipendenti|circa|società|el|los|las|tiene|tienen|empleados|trabajadores|empresa|unos|os|"
    r"tem|têm|funcionários|empregados|har|og|medarbejdere|ansatte|koncernen|konsernet|yang|dan|"
    r"memiliki|mencapai|sebanyak|sekitar|orang|karyawan|perseroan|perusahaan|pegawai)\b",
    re.IGNORECASE,
)
#: Words of running Spanish or Portuguese text, whose "mil" is a thousand ("12 mil empleados").
_IBERIAN_WORDS = re.compile(
    r"\b(?:el|los|las|del|una|unos|tiene|tienen|empleados|trabajadores|empresa|según|os|uma|"
    r"tem|têm|funcionários|empregados|são|não|pelo|pela|segundo)\b",
    re.IGNORECASE,
)
#: Words that are English too, telling only right before the day ("am 1. Dezember").
_DOTTED_BEFORE = re.compile(r"\b(?:am|per|den|ab|bis|stand|im)\s+\d{1,2}$", re.IGNORECASE)
#: Dates written in digits alone, with a four-digit year for dots ("30.09.2025"; "12.5." may
#: end a sentence), slashes ("9/30/2025", "30/9/25") or ISO dashes ("2025-09-30").
_NUMERIC = re.compile(
    r"(?<![\w.,/-])(?:\d{1,2}\.\d{1,2}\.(?:19|20)\d\d|\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})"
    r"|(?:19|20)\d\d-\d{1,2}-\d{1,2})(?![\w/]|[.,-]\d)"
)
#: A German day and month in digits without a four-digit year, after a word that dates what
#: follows ("am 31.03.", "zum 31.3.25", "Stand: 31.03."): the closing dot, or a two-digit year,
#: makes it no decimal number ("am 31.03. betrug die Nettoverschuldung 1,2 Mrd. Euro"). Only
#: after such a word may it be spaced ("am 31. 3. 2025"): "fell to 1.5. 2025 will be" is none.
_GERMAN_DAY_MONTH = re.compile(
    r"\b(?:am|zum|vom|bis|per|seit|ab|stand|stichtag|ende)\s*:?\s+"
    r"(?P<date>(?:0?[1-9]|[12]\d|3[01])\.(?:0?[1-9]|1[0-2])\.(?:\d\d(?![\d.,]))?"
    r"|(?:0?[1-9]|[12]\d|3[01])\. (?:0?[1-9]|1[0-2])\. (?:19|20)\d\d)"
    r"(?![\d,]|\.\d)"
)
#: The space after a date's closing dot: a capital after it opens a new sentence ("stieg bis
#: 12.5. Die Aktie legte zu" ends on a number).
_NEXT_WORD = re.compile(r"\s+(?=\w)")

#: A whole written date: "september 30, 2025", "30. september 2025", "30 de septiembre de
#: 2025", or one in digits.
_DATE_TEXT = re.compile(
    r"\b(?:" + _MONTHS + r")\.? \d{1,2}(?:st|nd|rd|th)?\b(?:,? (?:19|20)\d\d\b)?"
    r"|\b\d{1,2}(?:\.|st|nd|rd|th|er)? (?:of |de |di )?(?:" + _MONTHS + r")\b\.?"
    r"(?: (?:de )?(?:19|20)\d\d\b)?|" + _NUMERIC.pattern
)

#: A Chinese, Japanese or Korean month and the day after it: "3月31日", "3월 31일", "3月期"
#: (a month ends the year). "3か月", "3个月" and "3개월" are durations, which this never reads.
_EAST_ASIAN = re.compile(
    r"(?<![\d.,])(?P<month>1[0-2]|0?[1-9])\s?[月월](?:\s?(?P<day>3[01]|[12]\d|0?[1-9])\s?[日일])?"
)


#: A day of the month named alone, as the news writes it: "同社は31日、…发表", "지난 31일".
#: "30日間" and "30일간" (동안) are thirty days, a duration, as are the days a word of
#: bounds or of time passed follows: "30일 이내" (within), "30일 이상" (over), "30일 만에" (in),
#: "30일 후" (after), "30일 연속" (in a row), "30日内" (not "30日内部会议", an internal
#: meeting on the 30th), "30日以内", and those after a word of a run of days: "连续5日" (five
#: days in a row), "연속 5일".
_EAST_ASIAN_DAY = re.compile(
    r"(?<![\d.,])(?<!连续)(?<!連續)(?<!연속 )(?<!연속)(3[01]|[12]\d|0?[1-9])\s?[日일]"
    r"(?!\s?(?:[間간]|동안|이내|이상|이하|미만|초과|안에|내에|내로|만에|만의|째|가량|정도|연속|"
    r"[후뒤](?![\w])|[후뒤][에인]|전(?=$|[.,])|전에|전부터|以内|以上|之内|内(?![部容地需资外])|後|后|左右|连续|連續))"
)
#: Kana: the text is Japanese, where 日 also counts days ("平均28日かかる", "3日以内", "10日後").
_KANA = re.compile(r"[\u3041-\u30ff]")
#: A Japanese day named alone opens a clause, after its subject and before a comma ("同社は31日、")
#: or the news it dates ("31日に…と発表した", "31日付で", "31日発表の"): "3日に" alone or "31日の"
#: may as well count days. A subject that is itself a number of days ("在庫日数は28日、") counts.
_JAPANESE_DAY = re.compile(
    r"(?:^|[、。,，]|(?<!日数)(?<!期間)(?<!日)[はが])\s?(3[01]|[12]\d|0?[1-9])\s?日"
    r"\s?(?:[、,，]|付|に?(?=[^。]*?(?:発表|公表|開示|明らかに))"
    # The day of a meeting, a market's session or a time of day: "31日の取締役会で", "31日の
    # 東京株式市場", "31日午後". A count of days names no such event ("30日の猶予", "過去30日の
    # 取引高", where no clause opens before the day). A word that heads a compound must stand
    # whole: "30日の取引先", "30日の取引条件" and "30日の市場平均" count days.
    r"|の?\s?(?=取締役会|株主総会|臨時総会|総会|記者会見|会見|理事会|閣議|終値|始値|東京|"
    r"ニューヨーク|午前|午後|夕方|未明|決算発表|発表|"
    r"(?:株式市場|外国為替市場|市場|取引|会合|会議|朝|夜)(?![\u3400-\u9fff])))"
)


def _east_asian_spans(text: str) -> set[tuple[int, int]]:
    """Where the digits of East Asian months and days stand in ``text``."""
    days = _JAPANESE_DAY if _KANA.search(text) else _EAST_ASIAN_DAY
    out = {m.span(1) for m in days.finditer(text)}
    for m in _EAST_ASIAN.finditer(text):
        out.add(m.span("month"))
        if m.group("day"):
            out.add(m.span("day"))
    return out


def undated(text: str) -> str:
    """``text`` with each written date replaced by the one word ``date``.

    Words that name a figure reach it across a date as across any other word: "net debt at
    September 30 was EUR 1.2 billion", "die Nettoverschuldung lag zum 30. September bei 1,2
    Mrd. Euro".

    Examples
    --------
    >>> undated("net debt at september 30, 2025 was eur 1.2 billion")
    'net debt at date was eur 1.2 billion'
    """
    return _DATE_TEXT.sub("date", text)


def german_text(text: str) -> bool:
    """Whether ``text`` is running German text, whose dot groups thousands.

    Parameters
    ----------
    text : str
        The normalised quote.

    Returns
    -------
    bool
        True when at least two distinct German words stand in it and no English one.

    Examples
    --------
    >>> german_text("Die Gruppe beschäftigt 12.500 Mitarbeiter")
    True
    >>> german_text("Chief executive Tarun Das said the ratio was 1.125.")
    False
    """
    found = {w.lower() for w in _GERMAN_WORDS.findall(text)}
    return len(found) >= 2 and _ENGLISH_WORDS.search(text) is None


def dotted_text(text: str) -> bool:
    """Whether ``text`` is running text of a language whose dot groups thousands: German (see
    :func:`german_text`), or two distinct words of the others and no English one.

    Examples
    --------
    >>> dotted_text("la empresa tiene 12.500 empleados"), dotted_text("the ratio was 1.125")
    (True, False)
    """
    if german_text(text):
        return True
    found = {w.lower() for w in _DOTTED_WORDS.findall(text)}
    return len(found) >= 2 and _ENGLISH_WORDS.search(text) is None


def iberian_text(text: str) -> bool:
    """Whether ``text`` is running Spanish or Portuguese text: two distinct words of theirs and
    no English one.

    Examples
    --------
    >>> iberian_text("a empresa tem 5 mil funcionários"), iberian_text("5 mil till oslo")
    (True, False)
    """
    found = {w.lower() for w in _IBERIAN_WORDS.findall(text)}
    return len(found) >= 2 and _ENGLISH_WORDS.search(text) is None


def dotted_day(text: str, dot: int) -> bool:
    """Whether the full stop at ``dot``, right after a day's digits, is a date's ordinal dot.

    German and Nordic text write "zum 30. September"; in English a day number never takes a
    full stop, which there ends a sentence, and the next may begin with a month: "Store count
    reached 31. March sales were flat". The stop is a date's where a year follows the month,
    the month is no English one ("März", "Mai") or written in lower case ("den 30. september"),
    or the text is written in one of those languages.

    Parameters
    ----------
    text : str
        The text as written (its case is telling), or its normalised form.
    dot : int
        Index of the full stop.

    Examples
    --------
    >>> dotted_day("Die Schulden lagen zum 30. September bei 1 Mrd.", 25)
    True
    >>> dotted_day("Store count reached 31. March sales were flat", 22)
    False
    """
    m = _DOTTED_MONTH.match(text, dot)
    if m is None:
        return False
    month = m.group("month")
    return bool(
        m.group("year")
        or month.lower() not in _ENGLISH_MONTHS
        or (month.islower() and not text.islower())
        or _DOTTED_TEXT.search(text)
        or _DOTTED_BEFORE.search(text, 0, dot)
    )


def _day_by_month(text: str, q: QuoteNumber, original: str, where: Sequence[int]) -> bool:
    """Whether ``q`` is a day of the month written next to the month's name."""
    if q.scaled or q.percent or q.currency or q.year or q.ambiguous:
        return False
    if not (q.text.isdigit() and len(q.text) <= 2 and 1 <= int(q.text) <= 31):
        return False
    if _MONTH_BEFORE.search(text, 0, q.start):
        return True
    if text.startswith(".", q.end):
        if original and q.end < len(where):
            return dotted_day(original, where[q.end])
        return dotted_day(text, q.end)
    return bool(_MONTH_AFTER.match(text, q.end))


def _ends_sentence(text: str, end: int, original: str, where: Sequence[int]) -> bool:
    """Whether the full stop ending ``text[:end]`` closes a sentence: a capital follows it."""
    gap = _NEXT_WORD.match(text, end)
    if not text[:end].endswith(".") or gap is None or gap.end() >= len(where):
        return False
    return original[where[gap.end()]].isupper()


def mark_dates(
    text: str, numbers: Sequence[QuoteNumber], original: str = "", where: Sequence[int] = ()
) -> list[QuoteNumber]:
    """``numbers`` with the days and months of the dates ``text`` writes marked as ``date``.

    Parameters
    ----------
    text : str
        The normalised quote the numbers were read from (their ``start`` and ``end`` index it).
    numbers : sequence of QuoteNumber
        The quote's numbers, in the order written.
    original, where : str and sequence of int, optional
        The quote as written and, for each character of ``text``, the index of the one it came
        from: the case of a month after a day's full stop tells a date from a sentence's end.

    Returns
    -------
    list of QuoteNumber

    Examples
    --------
    >>> from model.inputs.sources.quotes import numbers_in
    >>> [(n.text, n.date) for n in numbers_in("At September 30, net debt was EUR 24.1 billion")]
    [('30', True), ('eur 24.1 billion', False)]
    """
    spans = [m.span() for m in _NUMERIC.finditer(text)]
    spans += [
        m.span("date")
        for m in _GERMAN_DAY_MONTH.finditer(text)
        if not _ends_sentence(text, m.end("date"), original, where)
    ]
    east = _east_asian_spans(text)
    marked = []
    for q in numbers:
        # A number's match may begin at the space before its digits ("stand: 31.03.2025").
        start = q.start + len(text[q.start : q.end]) - len(text[q.start : q.end].lstrip())
        inside = any(a <= start and q.end <= b for a, b in spans) or (start, q.end) in east
        if not q.year and (inside or _day_by_month(text, q, original, where)):
            q = replace(q, date=True)
        marked.append(q)
    return marked
