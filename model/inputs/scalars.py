"""The scalar field types of the thesis format: numbers, flags, texts, years, dates, lists.

Each is a pydantic type with a *before* validator that takes what YAML read and either returns
the value or raises an error in plain words: numbers must be real numbers (not strings, not
booleans, never NaN or infinity), and a string that YAML 1.1 would have read as a boolean or a
number, or that looks like a percentage, an amount of money or a scaled figure, gets a hint
saying what to write instead. :mod:`model.inputs.schema` builds the file's models from them.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import math
import re
from typing import Annotated, Any

from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

from model.errors import excerpt

_YAML11_BOOL = {
    "yes": "true",
    "no": "false",
    "on": "true",
    "off": "false",
    "y": "true",
    "n": "false",
}
_SEXAGESIMAL = re.compile(r"^[-+]?\d+(?::[0-5]?\d)+(?:\.\d*)?$")
_THOUSANDS_NUMBER = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_UNDERSCORE_NUMBER = re.compile(r"^[-+]?\d[\d_]*(?:\.[\d_]*)?$")
_PERCENT = re.compile(r"^\s*[-+]?\d+(?:\.\d+)?\s*%\s*$")
_MONEY = re.compile(r"^\s*(?:US\$|HK\$|R\$|\$|¥|£|€|₹|Rs\.?|[A-Z]{3}\b)\s*[-+]?\d")
_SCALED = re.compile(
    r"^\s*[-+]?\d+(?:[.,]\d+)?\s*"
    r"(?:k|m|mn|bn|b|tn|million|billion|crores?|cr|lakhs?|mio\.?|mrd\.?|millionen|milliarden)\s*$",
    re.I,
)
#: Separators of the articles a thesis quotes: a decimal comma ("3,4", "1.250,5"), dots
#: grouping thousands ("12.345.678") and India's groups of two ("1,23,456").
_DECIMAL_COMMA = re.compile(r"^[+-]?\d{1,3}(?:\.\d{3})*,\d+$|^[+-]?\d+,\d+$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(?:\.\d{3}){2,}$|^[+-]?\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?$")


def describe_value(v: Any) -> str:
    """Say what a YAML value is, for messages: ``the string 'NO'``, ``the number 3``."""
    if v is None:
        return "nothing (an empty value)"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return f"the number {v:g}" if isinstance(v, float) else f"the number {v}"
    if isinstance(v, str):
        shown = v if len(v) <= 40 else v[:37] + "..."
        return f"the string {shown!r}"
    if isinstance(v, list):
        return "a list"
    if isinstance(v, dict):
        return "a mapping"
    return type(v).__name__


def string_hint(v: str, wanted: str) -> str:
    """Explain a string found where a number or boolean was expected."""
    shown = excerpt(v)
    low = v.strip().lower()
    if low in _YAML11_BOOL:
        return (
            f"got the string {shown!r}; YAML 1.1 would read it as {_YAML11_BOOL[low]}; "
            f"write {'true/false' if wanted == 'bool' else 'a number'}"
        )
    if wanted == "bool":
        return f"expected true or false, got {describe_value(v)}"
    if _SEXAGESIMAL.match(v.strip()):
        return (
            f"got the string {shown!r}; YAML 1.1 would read it as a base-60 number; "
            "write the number itself"
        )
    if "_" in v and _UNDERSCORE_NUMBER.match(v.strip()):
        plain = excerpt(v.replace("_", ""))
        return f"got the string {shown!r}; write the number without underscores ({plain})"
    if _THOUSANDS_NUMBER.match(v.strip()):
        plain = excerpt(v.strip().replace(",", ""))
        if re.fullmatch(r"[+-]?\d+,\d{3}", v.strip()):
            # "1,250" is 1.25 in German and Brazilian articles: say both.
            plain += f"; {float(v.strip().replace(',', '.')):g} if the comma is a decimal one"
        return f"got the string {shown!r}; write the number without thousands separators ({plain})"
    if _GROUPED.match(v.strip()):
        # India's groups of two keep a decimal point; dotted thousands have none.
        plain = excerpt(v.strip().replace("," if "," in v else ".", ""))
        return f"got the string {shown!r}; write the number without thousands separators ({plain})"
    if _DECIMAL_COMMA.match(v.strip()):
        plain = excerpt(v.strip().replace(".", "").replace(",", "."))
        return f"got the string {shown!r}; write numbers with a decimal point ({plain})"
    if _PERCENT.match(v):
        frac = float(v.strip().rstrip("%").strip()) / 100
        return f"got the string {shown!r}; write percentages as fractions ({frac:g}) with unit '%'"
    if _MONEY.match(v):
        return f"got the string {shown!r}; write the plain number and put the currency in 'unit:'"
    if _SCALED.match(v):  # 600m: the scale belongs to the unit ('shares m', 'EUR bn')
        return f"got the string {shown!r}; write the plain number and put the scale in 'unit:'"
    if low in (".inf", "-.inf", "+.inf", ".nan", "inf", "nan", "infinity"):
        return "NaN and infinity are not valid inputs; write a finite number"
    return f"expected a number, got {describe_value(v)}"


def _number(v: Any) -> float:
    if isinstance(v, bool):
        raise PydanticCustomError(
            "number", "expected a number, got {got}", {"got": describe_value(v)}
        )
    if isinstance(v, int | float):
        try:
            f = float(v)
        except OverflowError:
            raise PydanticCustomError("number", "number too large") from None
        if not math.isfinite(f):
            raise PydanticCustomError(
                "number", "NaN and infinity are not valid inputs; write a finite number"
            )
        return f
    if isinstance(v, str):
        raise PydanticCustomError("number", string_hint(v, "number"))
    raise PydanticCustomError("number", "expected a number, got {got}", {"got": describe_value(v)})


def _number_or_none(v: Any) -> float | None:
    return None if v is None else _number(v)


def _number_or_name(v: Any) -> float | str:
    if isinstance(v, str):
        name = v.strip()
        if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name) and name.lower() not in _YAML11_BOOL:
            return name
        raise PydanticCustomError(
            "number_or_name",
            "expected a number or an assumption name; " + string_hint(v, "number"),
        )
    return _number(v)


def _flag(v: Any) -> bool:
    if isinstance(v, bool):
        return v
    if isinstance(v, str):
        raise PydanticCustomError("bool", string_hint(v, "bool"))
    raise PydanticCustomError(
        "bool", "expected true or false, got {got}", {"got": describe_value(v)}
    )


def _text(v: Any) -> str:
    if isinstance(v, str):
        if not v.strip():
            raise PydanticCustomError("text", "must not be empty")
        return v
    raise PydanticCustomError(
        "text", "expected text, got {got} (quote it if it is text)", {"got": describe_value(v)}
    )


#: Longest name or company a thesis may give: they head every table, chart and page.
MAX_TITLE = 200


#: Characters that reorder the text shown around them (embeddings, overrides, isolates): in a
#: heading they can make it read otherwise than it is written.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def one_line_problem(text: str) -> str | None:
    """What keeps ``text`` from being one line of plain text, or None.

    A line break is any character Python splits lines at (``\\n``, ``\\r``, the vertical tab,
    form feed, ``U+0085``, ``U+2028``, ``U+2029``, ...), as consoles, pages and
    ``str.splitlines`` do; a bidirectional control reorders what is shown.
    """
    if len(text.strip().splitlines()) > 1:
        return "got a line break"
    bidi = next((c for c in text if c in _BIDI_CONTROLS), None)
    if bidi is not None:
        return f"got the direction control U+{ord(bidi):04X}, which reorders what is shown"
    return None


def _title(v: Any) -> str:
    # The name and the company head console tables, chart titles and report pages, each on
    # one line: a line break (from a "\n" escape or a '|' block) would split those headings.
    text = _text(v)
    problem = one_line_problem(text)
    if problem is not None:
        raise PydanticCustomError(
            "title",
            "must be one line of text ({problem}); write it on one line",
            {"problem": problem},
        )
    if len(text) > MAX_TITLE:
        raise PydanticCustomError(
            "title",
            "must be at most {limit} characters (got {n}); shorten it",
            {"limit": MAX_TITLE, "n": len(text)},
        )
    return text


def _tag(v: Any) -> str:
    # Short labels such as `view: 2025` are text even when written without quotes.
    if isinstance(v, int) and not isinstance(v, bool):
        return str(v)
    return _text(v)


#: The years a thesis may name (a horizon, an event's years): wide of any model's.
FIRST_YEAR, LAST_YEAR = 1900, 2200


def _year(v: Any) -> int:
    if isinstance(v, bool) or not isinstance(v, int):
        raise PydanticCustomError(
            "year", "expected a year such as 2025, got {got}", {"got": describe_value(v)}
        )
    if not FIRST_YEAR <= v <= LAST_YEAR:
        raise PydanticCustomError(
            "year",
            "expected a year from {first} to {last}, got {got}",
            {"first": FIRST_YEAR, "last": LAST_YEAR, "got": str(v)},
        )
    return v


def _date(v: Any) -> _dt.date:
    if isinstance(v, _dt.date):
        return v
    text = v.strip() if isinstance(v, str) else ""
    try:
        return _dt.date.fromisoformat(text)
    except ValueError:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):  # 2025-02-30, 2025-13-01
            raise PydanticCustomError(
                "date", f"{text} is not a day of the calendar (expected a real date)"
            ) from None
    raise PydanticCustomError(
        "date", "expected a date written as YYYY-MM-DD, got {got}", {"got": describe_value(v)}
    )


def _month_day(v: Any) -> str:
    """A fiscal year end ``"MM-DD"`` (a real day of the month; 29 February falls back to 28)."""
    if isinstance(v, str):
        parts = v.strip().split("-")
        if len(parts) == 2 and all(p.isdigit() and len(p) == 2 for p in parts):
            month, day = int(parts[0]), int(parts[1])
            if 1 <= month <= 12 and 1 <= day <= calendar.monthrange(2024, month)[1]:
                return f"{month:02d}-{day:02d}"
    raise PydanticCustomError(
        "month_day",
        'expected the month and day the fiscal year ends, quoted, e.g. "06-30" or '
        '"03-31", got {got}',
        {"got": describe_value(v)},
    )


def _pair(v: Any) -> list[Any]:
    if not isinstance(v, list) or len(v) != 2:
        got = f"a list of {len(v)}" if isinstance(v, list) else describe_value(v)
        raise PydanticCustomError("pair", "expected a pair [low, high], got {got}", {"got": got})
    return v


def as_year_list(v: Any) -> list[Any]:
    """A year or a list of years, as a list: ``years: 2026`` reads as ``[2026]``."""
    return v if isinstance(v, list) else [v]


def as_list(v: Any) -> list[Any]:
    if not isinstance(v, list):
        raise PydanticCustomError(
            "list", "expected a list ([a, b] or '- ' lines), got {got}", {"got": describe_value(v)}
        )
    return v


Number = Annotated[float, BeforeValidator(_number)]
OptNumber = Annotated[float | None, BeforeValidator(_number_or_none)]
NumberOrName = Annotated[float | str, BeforeValidator(_number_or_name)]
Flag = Annotated[bool, BeforeValidator(_flag)]
Text = Annotated[str, BeforeValidator(_text)]
Title = Annotated[str, BeforeValidator(_title)]
Tag = Annotated[str, BeforeValidator(_tag)]
Year = Annotated[int, BeforeValidator(_year)]
Date = Annotated[_dt.date, BeforeValidator(_date)]
MonthDay = Annotated[str, BeforeValidator(_month_day)]
Pair = Annotated[list[Number], BeforeValidator(_pair)]
Bounds = Annotated[list[OptNumber], BeforeValidator(_pair)]
Numbers = Annotated[list[Number], BeforeValidator(as_list)]
Texts = Annotated[list[Text], BeforeValidator(as_list)]
