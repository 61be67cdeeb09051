"""Japanese, Chinese and Korean numerals: scale characters, and the currencies next to them.

Japanese and Chinese count in myriads: 万 (萬) is ten thousand, 億 (亿) a hundred million, 兆 a
million millions, and 千 and 百 a thousand and a hundred. Characters written together multiply
(千万 is ten million, 万亿 a million millions, 百万円 a million yen); groups written one after
the other add, largest first ("1兆2,000億円" is 1.2 million million yen, "1万5000円" fifteen
thousand), but for groups of 万 before 亿, which multiplies them ("一万五千亿" is 15,000 亿).
The digits are Arabic, full-width ones included (NFKC makes them ASCII): "3.5亿元", "１２万台",
"1,234億円", or numeral characters (一 to 九, 〇 and 零 for zero, 两 and 兩 for two, with the
units 十, 百, 千, which may start it: "百二十万", "千億円") right before a scale or a currency:
"三千億円", "二兆円", "五百万", "两千亿元", "一兆二千億円", or the two mixed ("一兆2000億円"),
with decimals after 点, 點 or ・ ("三点五亿元" is 3.5亿 yuan; "二・三億円", one digit and the
next, is two or three 億 and not read). Characters that may be a word are not read: "一部",
"十分", "第三", "千万" and "百万" with no digit before them, "一円" and "一元"
with no unit, digits one by one ("二〇二四"), a last group of bare digits ("三万五", "二千五",
which speech shortens), idioms and names ("十万火急", "四万十川"); and 元 starting a word
("二十元件") is no yuan.

Korean counts so in Hangul (만, 억, 조, 천, 백) and spaces the groups and its won: "1조 2,000억
원" is 1.2 million million won, "7만 2,000원" 72,000; a last group without a scale after a
space belongs to the amount only before a currency ("3조 2024년" is an amount and a year).
Korean writes percentage points "%p", "%포인트" or "퍼센트포인트" ("3.5%p" is 3.5 points, a
percentage) and a percentage "퍼센트" too.

The currency is read from the characters after the amount (円 and 日元 the yen, 元 and 人民币 the
yuan, 美元, 美金 and ドル the US dollar, 港元 the Hong Kong dollar, 欧元 and ユーロ the euro, and
the words of other currencies: ウォン, 韩圆 the won, ポンド the pound, 卢布 the rouble, 台币 the
Taiwan dollar, 澳元, 加元, バーツ, ルピー, 越南盾; "三千億ウォン" is never yen) or from
the sign or word before it (¥, 人民币, 新台币); in Korean 원 (the won), 달러, 엔, 위안, 유로
or ₩. "¥" alone is written for the yen and for the yuan, so it supports an amount in either:
the thesis' unit says which one it means.

Chinese and Japanese text has no spaces, so a number stands between two characters that
are word characters to a regular expression; :func:`east_asian_numbers` reads the numbers
written there, and those with a scale character or currency anywhere.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from model.inputs.sources.numerals import KOREAN_PERCENT_RE

__all__ = ["EastAsianNumber", "east_asian_numbers"]

#: Powers of ten of the scale characters (traditional and simplified forms alike).
_SCALES = {"百": 2, "千": 3, "万": 4, "萬": 4, "亿": 8, "億": 8, "兆": 12}
# Korean counts the same way in Hangul: 백, 천, 만, 억, 조.
_SCALES.update({"백": 2, "천": 3, "만": 4, "억": 8, "조": 12})
#: Currencies written after the amount, longest first where one ends another (日元 before 元).
_AFTER = {
    "日元": "JPY",
    "日圆": "JPY",
    "日圓": "JPY",
    "円": "JPY",
    "美元": "USD",
    "米ドル": "USD",
    "ドル": "USD",
    "港元": "HKD",
    "港币": "HKD",
    "港幣": "HKD",
    "欧元": "EUR",
    "歐元": "EUR",
    "ユーロ": "EUR",
    "英镑": "GBP",
    "英鎊": "GBP",
    "ポンド": "GBP",
    "韩元": "KRW",
    "韓元": "KRW",
    "韩圆": "KRW",
    "韓圓": "KRW",
    "韩币": "KRW",
    "韓幣": "KRW",
    "ウォン": "KRW",
    "美金": "USD",
    "新台币": "TWD",
    "新台幣": "TWD",
    "台币": "TWD",
    "台幣": "TWD",
    "澳元": "AUD",
    "加元": "CAD",
    "卢布": "RUB",
    "盧布": "RUB",
    "ルーブル": "RUB",
    "バーツ": "THB",
    "泰铢": "THB",
    "泰銖": "THB",
    "ルピー": "INR",
    "卢比": "INR",
    "盧比": "INR",
    "越南盾": "VND",
    "元人民币": "RMB",
    "人民币": "RMB",
    "元": "RMB",
    "원": "KRW",
    "달러": "USD",
    "엔": "JPY",
    "위안": "RMB",
    "유로": "EUR",
}
#: Currencies written before the amount. "¥" is the yen's sign and the yuan's.
_BEFORE = {
    "¥": "RMB",
    "人民币": "RMB",
    "人民幣": "RMB",
    "rmb": "RMB",
    "cny": "RMB",
    "jpy": "JPY",
    "新台币": "TWD",
    "新台幣": "TWD",
    "us$": "USD",
    "hk$": "HKD",
    "₩": "KRW",
}
_CJK = r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3"
# A point in characters between digits before a scale is a decimal point: "3点5亿" is 3.5亿.
# Not ・, which horizontal text writes between Arabic digits for "or": "2・3億円" is two or
# three 億, and neither side is read (see :func:`_pointed`).
_NUMERAL = r"\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+[点點]\d+(?=\s?[万萬亿億兆])|\d+(?:\.\d+)?"
#: Numeral characters: digits (两/兩 is Chinese for two) and the units they multiply.
_KANJI_DIGITS = dict(
    zip("〇零一二两兩三四五六七八九", (0, 0, 1, 2, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True)
)
_KANJI_UNITS = {"十": 10, "百": 100, "千": 1000}
# A numeral in characters starts with a digit, 十, 百 or 千 ("百二十万人", "千億円"); 百 and 千
# alone start words or units too ("千万不要", "百万円" as a column's unit), so they are read
# alone only before 億 and a currency (see :func:`_kanji_number`).
_KANJI_WHOLE = "[〇零一二两兩三四五六七八九十百千][〇零一二两兩三四五六七八九十百千]*"
# A decimal point (点, 點, or ・ in Japanese) is followed by digits one by one: "三点五" is 3.5.
_POINTS = "点點・."
_KANJI = rf"{_KANJI_WHOLE}(?:[{_POINTS}][〇零一二三四五六七八九]+)?"
# A run of scale characters, at least one: 千万, 万亿, 百万.
_SCALE_RUN = r"(?=[百千万萬亿億兆백천만억조])[百千백천]?[万萬만]?[亿億억]?[兆조]?"
# A Korean scale follows its digits with no space ("3조"), unless a currency follows it ("3 조
# 원"): "3 조사" is 3 and a survey.
_SCALED = (
    rf"(?:{_SCALE_RUN}|\s(?=[百千万萬亿億兆]){_SCALE_RUN}"
    rf"|\s{_SCALE_RUN}(?=\s?(?:원|달러|엔|위안|유로)))"
)


def _number_re(numeral: str) -> re.Pattern[str]:
    """Amounts whose groups are written with ``numeral``: groups with a scale, then a last one
    with or without ("1兆2,000億", "1万5000", "一兆二千億"); Korean spaces them ("1조 2,000억
    원")."""
    groups = rf"(?:(?:{numeral}){_SCALED}\s?)*(?:{numeral})(?:{_SCALED})?"
    return re.compile(
        # Not inside a Latin word or another numeral, nor after 제, which numbers articles and
        # the like ("제3조", Article 3).
        r"(?<![a-z\d.,제])(?P<cur1>"
        + "|".join(re.escape(k) for k in sorted(_BEFORE, key=len, reverse=True))
        + r")?\s?(?P<groups>"
        + groups
        + r")(?P<pct>"
        + KOREAN_PERCENT_RE
        + r"|%)?(?:\s?(?P<cur2>"
        + "|".join(sorted(_AFTER, key=len, reverse=True))
        + r"))?"
    )


# Numeral characters and Arabic digits may share a run: "一兆2000億円" is 1.2 million million.
_NUMBER_RE, _KANJI_NUMBER_RE = _number_re(_NUMERAL), _number_re(f"{_NUMERAL}|{_KANJI}")
_GROUP_RE = re.compile(rf"(?P<num>{_NUMERAL}|{_KANJI})(?:\s?(?P<scale>{_SCALE_RUN}))?")
_CJK_RE = re.compile(r"[" + _CJK + r"]")
_KANJI_RE = re.compile(_KANJI)
_DIGIT_RE = re.compile(r"[\d〇零一二两兩三四五六七八九十百千]")


@dataclass(frozen=True)
class EastAsianNumber:
    """A number written the Japanese or Chinese way, with where it stands in the text.

    Attributes
    ----------
    start, end : int
        Its span in the normalised quote.
    value : float
        Its value, scale characters and percent applied (``3.5亿`` is ``3.5e8``).
    scaled, percent : bool
        Whether a scale character, or a percentage sign, was written.
    currency : str or None
        The currency written with it.
    also : tuple of str
        Other currencies its sign may mean (``¥``: the yen as well as the yuan).
    year : bool
        A bare whole number from 1900 to 2100, as in "2024年".
    factor : float
        What its scale character and percent sign multiply the digits by (``1e8`` for
        ``12亿``; NaN for groups added, "1兆2,000億", which no one factor states).
    doubt : str
        Why digits written here are no number ("3・5兆円": 3.5, or 3 or 5): such an entry
        supports no value, and keeps the digits from being read bare by other conventions.
    """

    start: int
    end: int
    value: float
    scaled: bool
    percent: bool
    currency: str | None
    also: tuple[str, ...] = ()
    year: bool = False
    factor: float = 1.0
    doubt: str = ""


def east_asian_numbers(text: str) -> list[EastAsianNumber]:
    """The numbers of normalised ``text`` written with scale characters or among CJK text.

    Parameters
    ----------
    text : str
        A quote normalised by :func:`~model.inputs.sources.quotes.normalize`.

    Returns
    -------
    list of EastAsianNumber
        In the order written. A number with neither a scale character nor a currency, and
        with no CJK character next to it, is left to the reading of other conventions.

    Examples
    --------
    >>> [n.value for n in east_asian_numbers("売上高は1兆2,000億円")]
    [1200000000000.0]
    """
    out: list[EastAsianNumber] = []
    runs = [_priced(text, m) for m in _KANJI_NUMBER_RE.finditer(text) if _kanji_groups(m)]
    # A run holding numeral characters is read whole or not at all, its Arabic groups with it
    # ("一兆2000億円" is not 2000億円).
    arabic, doubts, pointed = [], [], []
    for m in _NUMBER_RE.finditer(text):
        if any(_overlap(m, k) for k in runs):
            continue
        if _vague(text, m):
            if _money(m):
                doubts.append((m, "a vague amount, which writes no exact number"))
        elif _pointed(text, m):
            pointed.append(m)
        else:
            arabic.append(_priced(text, m))
    # Digits across a point are in doubt only when they end in a scale or a currency ("3・5兆円":
    # 3.5, or 3 or 5); "1・2号機", "第3・4四半期", "3・11" and "3点30分" are numbers of their own.
    for chain in _chains(text, pointed):
        if any(_money(m) for m in chain):
            doubts += [(m, "digits across a point written as a character: a decimal, or two")
                       for m in chain]  # fmt: skip
        else:
            arabic += [_priced(text, m) for m in chain]
    kanji = []
    for m in runs:
        if _kanji_number(text, m) and not _vague(text, m) and not _name(text, m):
            kanji.append(m)
        elif _ASCII_DIGIT_RE.search(m.group()) and _money(m):
            doubts.append((m, "digits in a run of numeral characters that reads as no one number"))
    # Refused digits are still covered, so that no other reading takes "5" from "3・5兆円".
    out.extend(EastAsianNumber(m.start(), m.end(), math.nan, False, False, None, doubt=why)
               for m, why in doubts)  # fmt: skip
    for m in sorted(arabic + kanji, key=lambda m: m.start()):
        cur1, cur2 = m.group("cur1"), m.group("cur2")
        start = m.start("cur1") if cur1 else m.start("groups")
        near = (text[start - 1] if start else "") + (text[m.end()] if m.end() < len(text) else "")
        pieces = _pieces(m.group("groups"), m.start("groups"), bool(cur2))
        if len(pieces) > 1 and _kanji_groups(m):
            continue  # "一万 五千亿": characters read as one number, else not at all
        # Korean percentage points mark an amount among Latin text too ("3.5%p").
        points = (m.group("pct") or "%") != "%"
        marked = len(pieces) > 1 or pieces[0][3] or cur2 or cur1 in _CJK_BEFORE or points
        if not (marked or _CJK_RE.search(near)):
            continue
        for i, (a, b, value, scaled, factor) in enumerate(pieces):
            first, last = i == 0, i == len(pieces) - 1
            c1, c2 = cur1 if first else None, cur2 if last else None
            currency = _AFTER.get(c2 or "") or _BEFORE.get(c1 or "")
            if c1 in ("新台币", "新台幣"):
                currency = "TWD"  # Taiwan writes its dollar 元 too: "新台幣1,200億元"
            percent = last and bool(m.group("pct"))
            year = not (scaled or percent or currency) and _is_year(text[a:b])
            out.append(
                EastAsianNumber(
                    start if first else a,
                    m.end() if last else b,
                    value / 100.0 if percent else value,
                    scaled,
                    percent,
                    currency,
                    ("JPY",) if c1 == "¥" and not c2 else (),
                    year,
                    factor / 100.0 if percent else factor,
                )
            )
    return sorted(out, key=lambda n: n.start)


_ASCII_DIGIT_RE = re.compile(r"[0-9]")

#: Signs before the amount that mark Chinese or Japanese text on their own.
_CJK_BEFORE = ("人民币", "人民幣", "新台币", "新台幣")


def _pieces(written: str, offset: int, priced: bool) -> list[tuple[int, int, float, bool, float]]:
    """The numbers of a run of groups: one when their scales fall ("1兆2,000億"), else one
    a group ("3万5万", two amounts written without a separator); spans offset by ``offset``.

    A last group without a scale after a space is part of the amount only before a currency
    ("7만 2,000원"): "3조 2024년" is an amount and a year.
    """
    groups = list(_GROUP_RE.finditer(written))
    whole = _groups(written)
    tail = len(groups) > 1 and not groups[-1].group("scale")
    if tail and not priced and written[groups[-2].end() : groups[-1].start()]:
        whole = None
    if whole is not None:
        return [(offset, offset + len(written), *whole)]
    out = []
    for g in groups:
        one = _groups(g.group())
        assert one is not None  # one group always reads
        out.append((offset + g.start(), offset + g.end(), *one))
    return out


def _groups(written: str) -> tuple[float, bool, float] | None:
    """The value of "1兆2,000億": groups added, each with a smaller scale than the one before;
    or "一万五千亿", groups of 万 before 亿, which multiplies them (15,000 亿).

    None when the groups are not so written (then they are not one number): "3万5万". With
    the value, whether a scale was written, and the one group's factor (NaN for several).
    """
    pairs: list[tuple[float, int]] = []
    pos = 0
    for g in _GROUP_RE.finditer(written):
        if written[pos : g.start()].strip():
            return None
        pos = g.end()
        power = sum(_SCALES[c] for c in g.group("scale") or "")
        pairs.append((_numeral(g.group("num")), power))
    total = _total(pairs) if pairs and pos == len(written) else None
    if total is None:
        return None
    scaled = any(power > 0 for _, power in pairs)
    return total, scaled, 10.0 ** pairs[0][1] if len(pairs) == 1 else math.nan


def _total(pairs: list[tuple[float, int]]) -> float | None:
    """The sum of groups (digits, power of ten): the groups before the largest scale are its
    multiple ("一万五千亿", only before 亿 and below it), those after it are less than it."""
    top = max(power for _, power in pairs)
    k = next(i for i, (_, power) in enumerate(pairs) if power == top)
    if top == 0:
        return pairs[0][0] if len(pairs) == 1 else None
    head = _total([*pairs[:k], (pairs[k][0], 0)]) if k else pairs[k][0]
    tail = _total(pairs[k + 1 :]) if k + 1 < len(pairs) else 0.0
    if head is None or tail is None or tail >= 10.0**top:
        return None
    if k and (top != 8 or head >= 10.0**top):
        return None  # "3万5万" is two amounts; "一万五千亿" 15,000 亿
    return head * 10.0**top + tail


def _numeral(written: str) -> float:
    """The value of a group's digits, Arabic ("2,000") or characters ("二千")."""
    if _KANJI_RE.fullmatch(written):
        value = _kanji_value(written)
        return math.nan if value is None else value
    return float(re.sub("[点點・]", ".", written.replace(",", "")))


def _kanji_value(written: str) -> float | None:
    """The value of "三千", "二十五", "二千零五", "三点五"; None where the characters make no one
    number: digits one by one ("二〇二四"), units out of order, or a digit after 百 or 千 alone
    ("二千五", spoken for 2,500 as well as written for 2,005)."""
    whole, *point = re.split(f"[{_POINTS}]", written, maxsplit=1)
    if point:
        # "三点五" is 3.5 and "零点五" 0.5: the digits after the point are read one by one.
        value = 0.0 if whole in ("零", "〇") else _kanji_value(whole)
        fraction = "".join(str(_KANJI_DIGITS[c]) for c in point[0])
        return None if value is None else value + float("0." + fraction)
    total, digit, last_unit, zero = 0, None, 10_000, False
    for c in whole:
        if c in _KANJI_UNITS:
            unit = _KANJI_UNITS[c]
            if unit >= last_unit:
                return None
            total, digit, last_unit, zero = (
                total + (1 if digit is None else digit) * unit,
                None,
                unit,
                False,
            )
        elif _KANJI_DIGITS[c] == 0:
            if digit is not None or last_unit == 10_000:
                return None
            zero = True
        elif digit is not None:
            return None
        else:
            digit = _KANJI_DIGITS[c]
    if digit is not None:
        if last_unit not in (10, 10_000) and not zero:
            return None
        total += digit
    return float(total) if total else None


#: What a numeral in characters may not stand next to: an ordinal's 第 before it, or another
#: numeral or scale character of a number that did not read ("三万五", "二〇二四").
_KANJI_NEXT = "第〇零一二两兩三四五六七八九十百千万萬亿億兆"


def _kanji_number(text: str, m: re.Match[str]) -> bool:
    """Whether a match of :data:`_KANJI_NUMBER_RE` is a number: each group stands right before
    a scale ("三千億", "十二億") or, ending in a unit, before a currency ("五百円", "三千元"),
    or is the last group of a scaled amount ending in a unit, holding a zero or ending in the
    ones after 十 ("三万五千人", "二万零五", "十二万三千四百五十六"). Not "一部", "十分",
    "第三", "一円" (a word as well), nor "三万五" (spoken for 35,000 as well as written for
    30,005)."""
    start = m.start()
    if start and text[start - 1] in _KANJI_NEXT:
        return False
    if start > 1 and text[start - 1] in _POINTS and _DIGIT_RE.match(text, start - 2):
        return False  # the decimals of a number that did not read: "三点五亿" is not 五亿
    if m.end() < len(text) and text[m.end()] in _KANJI_NEXT[1:]:
        return False
    groups = list(_GROUP_RE.finditer(m.group("groups")))
    for i, g in enumerate(groups):
        num, scale = g.group("num"), g.group("scale")
        if not _KANJI_RE.fullmatch(num):
            continue  # Arabic digits ("一兆2000億"): read as they are
        if _kanji_value(num) is None:
            return False
        decimal = any(c in _POINTS for c in num)
        if decimal and (i > 0 or (scale or "")[:1] in ("百", "千")):
            return False  # "二・三千億" may be two or three thousand 億, not 2.3 of them
        if num in ("百", "千") and not _hundreds(m, i, g):
            return False
        if scale:
            continue
        unit = num[-1] in _KANJI_UNITS or any(_KANJI_DIGITS.get(c) == 0 for c in num)
        unit = unit or num[-2:-1] == "十"  # "四百五十六": a digit after 十 is its ones
        last = i == len(groups) - 1
        unit = unit or (decimal and last)
        priced = last and m.group("cur2") and m.start("cur2") == m.start("groups") + g.end()
        if not (last and unit and (i > 0 or priced)):
            return False
    return True


#: Words that make a numeral vague: 数十億 is "some billions", 几十亿 and 何十億 too, and
#: 一万数千 "ten thousand and some thousands".
_VAGUE = "数幾几何"
_VAGUE_RE = re.compile(f"[{_VAGUE}][十百千万萬亿億兆]")


#: 多 or 余 ("more than") between an amount and a larger scale: "两万多亿元" is over 20,000
#: 亿 yuan, "300余亿元" over 300 亿; the digits before it are of no exact amount.
_MORE_RE = re.compile(r"[多余餘]\s?[十百千万萬亿億兆]")
#: One digit, ・ and one more, which may be the next digit: "二・三億円" is two or three 億.
_EITHER_RE = re.compile(
    r"(?<![〇零一二两兩三四五六七八九十百千])([一二三四五六七八])・([二三四五六七八九])(?![〇零一二三四五六七八九])"
)


def _vague(text: str, m: re.Match[str]) -> bool:
    """Whether a vague word stands before the amount's first unit ("数十億円", "几十亿元") or
    after its groups ("一万数千人"): then no exact number is written. 数 before a digit is a
    count's noun ("人数三万人", the number of people) and leaves it. A digit and a comma before
    it make it the high end of a guess: "一、二兆円" is one or two million million yen, and so
    does a digit and ・ before the next one: "二・三億円" (but "三・五兆円" is 3.5)."""
    start = m.start("groups")
    before = start and text[start - 1] in _VAGUE and text[start] in "十百千"
    guess = start > 1 and text[start - 1] in "、，," and text[start - 2] in "一二两兩三四五六七八九"
    either = any(
        _KANJI_DIGITS[o.group(2)] == _KANJI_DIGITS[o.group(1)] + 1
        for o in _EITHER_RE.finditer(m.group("groups"))
    )
    more = _MORE_RE.match(text, m.end("groups"))
    return bool(before or guess or either or more or _VAGUE_RE.match(text, m.end("groups")))


#: What 元 starts besides the yuan: 元件 (a component), 元素 (an element), 一元化 (unifying),
#: 元旦, 元首, 元老, 元宵, 元気. "二十元件" is twenty components. After a number 元年 and 元来
#: are yuan before 年薪 (a year's pay) or 来 and a verb ("三千元来买", 3,000 yuan to buy).
_YUAN_WORDS = "件素化旦首老宵気"


def _priced(text: str, m: re.Match[str]) -> re.Match[str]:
    """``m``, or the amount without its currency where its 元 starts a word ("三十元素")."""
    end = m.end()
    if m.group("cur2") == "元" and end < len(text) and text[end] in _YUAN_WORDS:
        return m.re.match(text, m.start(), m.start("cur2")) or m
    return m


#: Idioms and names written with numeral characters: 十万火急 (most urgent), 十万八千里 (worlds
#: apart), 八百万の神 (the myriad gods), the river and town 四万十, the surname 一万田, the
#: slogans 一億総活躍 and 一億玉砕 (the whole nation), 退一万步 (even at the worst).
_IDIOMS = (
    "十万火急",
    "十万八千里",
    "八百万の神",
    "四万十",
    "一万田",
    "一億総",
    "一億玉砕",
    "退一万步",
)
#: What makes numeral characters before it a place's name or an idiom's: a river (川), a city,
#: town or village (市, 町, 村), a league (里, as in 十万八千里).
_NAMED = ("川", "市", "町", "村", "里", "火急", "の神")


def _name(text: str, m: re.Match[str]) -> bool:
    """Whether numeral characters are part of an idiom or a name ("四万十川", "十万火急")."""
    for idiom in _IDIOMS:
        at = text.find(idiom, max(0, m.start() - len(idiom)))
        if 0 <= at < m.end() and m.start() < at + len(idiom):
            return True
    return text.startswith(_NAMED, m.end("groups"))


def _money(m: re.Match[str]) -> bool:
    """Whether a run writes a scale character or a currency ("5兆円", "1万")."""
    scaled = any(g.group("scale") for g in _GROUP_RE.finditer(m.group("groups")))
    return bool(scaled or m.group("cur1") or m.group("cur2"))


def _chains(text: str, matches: list[re.Match[str]]) -> list[list[re.Match[str]]]:
    """``matches`` in chains of numbers joined by one point character ("3・5兆円")."""
    chains: list[list[re.Match[str]]] = []
    for m in matches:
        if chains and text[chains[-1][-1].end() : m.start()] in ("・", "点", "點"):
            chains[-1].append(m)
        else:
            chains.append([m])
    return chains


def _pointed(text: str, m: re.Match[str]) -> bool:
    """Whether Arabic digits stand across a point written in characters ("3点5亿", "三点5亿",
    "3・5億"): a decimal number not so written, of which neither side is read."""
    start, end = m.start("groups"), m.end("groups")
    before = start > 1 and text[start - 1] in "点點・" and _DIGIT_RE.match(text, start - 2)
    return bool(
        before or (text[end : end + 1] in ("点", "點", "・") and _DIGIT_RE.match(text, end + 1))
    )


def _kanji_groups(m: re.Match[str]) -> bool:
    """Whether a run of groups holds one in numeral characters."""
    return any(_KANJI_RE.fullmatch(g.group("num")) for g in _GROUP_RE.finditer(m.group("groups")))


def _overlap(m: re.Match[str], n: re.Match[str]) -> bool:
    return m.start() < n.end() and n.start() < m.end()


def _hundreds(m: re.Match[str], i: int, g: re.Match[str]) -> bool:
    """Whether 百 or 千 written alone as group ``g`` of run ``m`` is a number: before 億 and,
    first in the run, before a currency ("千億円", a hundred billion yen; "一兆千億円"). "千万"
    and "百万" are a column's unit or a word ("千万不要", by all means), "百亿补贴" a name, and
    上 before makes them an order of size ("上千亿元", up to a thousand 亿)."""
    if g.group("scale") not in ("億", "亿"):
        return False
    if i == 0 and m.string[m.start("groups") - 1 : m.start("groups")] == "上":
        return False
    return i > 0 or m.start("cur2") == m.start("groups") + g.end()


def _is_year(digits: str) -> bool:
    return len(digits) == 4 and digits.isdigit() and 1900 <= int(digits) <= 2100
