"""How articles write numbers: scale words, currency words and digit separators.

The vocabulary :func:`~model.inputs.sources.quotes.numbers_in` reads a quote with, the pattern
of a number built from it (:func:`number_re`), and the reading of a numeral's separators by
the conventions of the words written next to it.

English (the default) groups thousands with commas and writes a decimal point: ``1,250.5``.
German writes the reverse, ``1.250,5``, and marks its scales ``Mio.``, ``Mrd.``, ``Tsd.``,
``Millionen``, ``Milliarden`` (and percentages ``Prozent``); a numeral next to such a word is
read by whichever of the two conventions it fits. Before a percentage sign, which both write,
the English reading comes first and the German one is the fallback ("3,4 %"). A numeral that
fits both with different values is ambiguous: ``1,250 Mio.`` is 1.25 million with a German
decimal comma and 1,250 million with an English thousands comma (``1,250 mio. kr.``, Danish or
Norwegian, the same with a continental decimal comma), and ``1.250 Mio.`` is 1,250
million with a German thousands dot and 1.25 million with the decimal point of the Swiss press.
The euro (or a Nordic crown, or the złoty) written with the latter settles it (the Swiss write
francs); otherwise such a numeral is never read as either, and the quote is refused.
Portuguese, Spanish, French, Nordic, Dutch, Italian and Polish scale words (``bilhões``,
``millones``, ``milliards``, ``miljarder``, ``mia.``, ``mld``, ``miliardi``) take the
continental reading, their only one, and ``mln`` (or ``bln``) the German with a Nordic crown,
the złoty or a Dutch, Italian or Polish sentence; otherwise, as wires write it in English,
``1,250 mln`` is English and ``1.250 mln`` both 1.25 and 1,250 million, and refused. After
the real's sign alone ("R$ 1,250") both readings are possible and the numeral is refused. A
numeral English cannot read ("1.048,20") has its continental reading whatever follows it.
India's groups of two ("1,23,456") are English ones.

French, the Nordic languages, Polish and the SI group thousands with a space ("3 400 millions
d'euros", "SEK 12 500 m"), typeset as a no-break or narrow no-break space. Digits spaced in
groups of exactly three after a first group of one to three are one number when the spaces are
no-break ones, or when a scale word or currency of a press that writes such spaces stands with
them; otherwise "rose 12 500 times" may be 12,500 or 12 and 500, and is refused naming both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from model.inputs.sources.cents import HUNDREDTH_RE

__all__ = [
    "ALSO_MEANS",
    "COMMA_MONEY",
    "CONTINENTAL_PERCENT_RE",
    "CURRENCY_WORDS",
    "CUR_AFTER",
    "CUR_BEFORE",
    "FUSED_SCALES",
    "INDIAN_SCALE_RE",
    "KOREAN_PERCENT_RE",
    "LOCAL_SCALES",
    "LOCAL_SCALE_RE",
    "LOCAL_WORDS",
    "NUMBER_WORDS",
    "PERCENT_RE",
    "REAL_SCALES",
    "RINGGIT",
    "RINGGIT_SPACED",
    "SCALE_WORDS",
    "SPACE_GROUPED",
    "Convention",
    "Reading",
    "number_re",
    "read_numeral",
    "read_spaced",
]

SCALE_WORDS = {
    "thousand": 3,
    "million": 6,
    "billion": 9,
    "trillion": 12,
    "k": 3,
    "m": 6,
    "mn": 6,
    "mln": 6,
    "bn": 9,
    "bln": 9,
    "b": 9,
    "tn": 12,
    "t": 12,
    # India's scales: a lakh is a hundred thousand, a crore ten million ("Rs 4,500 crore"); the
    # press compounds them ("Rs 12.5 lakh crore", "45 thousand crore"), each word's powers added.
    "lakh": 5,
    "lakhs": 5,
    "lac": 5,
    "lacs": 5,
    "crore": 7,
    "crores": 7,
    "cr": 7,
}
#: The Indian scale words as written after a number, compounds first.
INDIAN_SCALE_RE = r"(?:(?:thousand|lakhs?|lacs?)\s)?(?:crores?|cr)|lakhs?|lacs?"
CURRENCY_WORDS = {
    "us$": "USD",
    "$": "USD",
    "usd": "USD",
    "dollars": "USD",
    "dollar": "USD",
    "hk$": "HKD",
    "hkd": "HKD",
    "hong kong dollars": "HKD",
    "¥": "RMB",
    "rmb": "RMB",
    "cny": "RMB",
    "yuan": "RMB",
    "renminbi": "RMB",
    "€": "EUR",
    "euro": "EUR",
    "euros": "EUR",
    "£": "GBP",
    "yen": "JPY",
    "swiss francs": "CHF",
    "swiss franc": "CHF",
    "francs": "CHF",
    "franc": "CHF",
    "franken": "CHF",  # the German word, Switzerland's own
    "schweizer franken": "CHF",
    "us-dollar": "USD",
    "pfund": "GBP",
    "sfr": "CHF",  # the Swiss press's own sign ("SFr 210 million", "SFr. 38.40")
    "sfr.": "CHF",
    "₹": "INR",
    "rs": "INR",
    "rs.": "INR",
    "rupees": "INR",
    "rupee": "INR",
    "r$": "BRL",
    "rp": "IDR",  # the rupiah before its digits ("Rp 3.950"); "50 Rp." after them is Rappen
    "rp.": "IDR",
    "rm": "MYR",  # the ringgit: "RM4.50", or "RM 4.50" in capitals ("Rm 5" is a room)
    # Signs of one currency each, written before or after the amount.
    "₩": "KRW",
    "₽": "RUB",
    "₺": "TRY",
    "₱": "PHP",
    "₪": "ILS",
    "₫": "VND",
    "฿": "THB",
    "₦": "NGN",
    # Other dollars carry their country's letters: without them they read as US dollars.
    "a$": "AUD",
    "au$": "AUD",
    "c$": "CAD",
    "ca$": "CAD",
    "nz$": "NZD",
    "s$": "SGD",
    "nt$": "TWD",
    "mx$": "MXN",
    # The Nordic crowns: "kr" is written for the Swedish, Norwegian, Danish and Icelandic ones.
    "kr": "SEK",
    "kr.": "SEK",
    "kronor": "SEK",
    "kroner": "NOK",
    "zł": "PLN",
    "złotych": "PLN",
    "di euro": "EUR",
    "di dollari": "USD",
    "reais": "BRL",
    "de reais": "BRL",
    "de euros": "EUR",
    "de dólares": "USD",
    "d'euros": "EUR",
    "de dollars": "USD",
}
#: Rupees other than India's, written "Rs" too: Pakistan's, Sri Lanka's, Nepal's, Mauritius' and
#: the Seychelles'.
_OTHER_RUPEES = ("PKR", "LKR", "NPR", "MUR", "SCR")
#: Francs other than the Swiss: the CFA and CFP francs, and those of Rwanda, Burundi, Guinea,
#: Congo, Djibouti and the Comoros.
_OTHER_FRANCS = ("XOF", "XAF", "XPF", "RWF", "BIF", "GNF", "CDF", "DJF", "KMF")
#: Signs that stand for more than one currency: "¥" is written for the yen and for the yuan
#: alike, so it supports an amount in either (its first reading above, then these); "francs"
#: alone is read as Swiss in the first place, the franc most quoted in the financial press, and
#: "Rs" as India's rupee ("₹" is India's alone).
ALSO_MEANS = {
    "¥": ("JPY",),
    **dict.fromkeys(("francs", "franc"), _OTHER_FRANCS),
    **dict.fromkeys(("rs", "rs.", "rupees", "rupee"), _OTHER_RUPEES),
    **dict.fromkeys(("kr", "kr."), ("NOK", "DKK", "ISK")),
    "kroner": ("DKK",),
}
NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
}
#: Currency written before a number; ISO 4217 codes beyond these count when written in capitals
#: in the quote ("EUR 18.5 billion", "CHF 3.2 million"), so that English words that happen to be
#: codes ("top 3", "all 5") are not read as currencies.
#: The ringgit's sign against its digits ("RM4.50"); spaced from them ("RM 4.50") it is read
#: only where the quote writes it in capitals (:data:`RINGGIT_SPACED`), as "Rm 5" is a room.
RINGGIT = r"(?P<ringgit>rm)(?=\d)"
RINGGIT_SPACED = r"(?P<ringgit>rm)(?=\s?\d)"
CUR_BEFORE = (
    r"us\$|hk\$|(?P<real>r\$)|au?\$|ca?\$|nz\$|s\$|nt\$|mx\$|\$|¥|€|£|₹|[₩₽₺₱₪₫฿₦]|rmb|hkd|usd|cny|"
    r"sfr\.?|rs\.?|kr\.?|rp\.?(?=\s?\d)|" + RINGGIT
)
CUR_AFTER = (
    r"usd|rmb|hkd|cny|yuan|renminbi|hong kong dollars|dollars?|euros?|yen|swiss francs?|"
    r"francs?|schweizer franken|franken|us-dollar|pfund|rupees?|(?:de\s)?reais|"
    r"de\s(?:euros|dólares|dollars)|d'euros|kr|kronor|kroner|"
    r"zł|złotych|di\s(?:euro|dollari)"
)


class Convention(StrEnum):
    """The digit separators a scale word implies for the numeral written before it."""

    ENGLISH = "english"
    GERMAN = "german"
    #: English when the numeral fits it, German otherwise: a percentage sign is written in
    #: both, and "3,4 %" has no English reading.
    EITHER = "either"
    #: Portuguese, Spanish and French scale words: these write "1.250,5" (French a space for
    #: the dot) and no English way.
    CONTINENTAL = "continental"
    #: An amount in "R$" without a Portuguese word: Brazilian or English separators, and the
    #: numeral that fits both with different values ("R$ 1,250") is ambiguous.
    BRAZILIAN = "brazilian"
    #: An amount of euros written before its currency without a scale word ("3,800 EUR",
    #: "1.350 Euro"): it has cents, never a third decimal, so a lone separator before three
    #: digits groups thousands whichever it is.
    MONEY = "money"


#: Scale words of other languages (normalised, without a trailing dot): power of ten and the
#: convention of the numeral before them.
LOCAL_SCALES: dict[str, tuple[int, Convention]] = {
    "tsd": (3, Convention.GERMAN),
    "tausend": (3, Convention.GERMAN),
    "mio": (6, Convention.GERMAN),
    "millionen": (6, Convention.GERMAN),
    "mrd": (9, Convention.GERMAN),
    "milliarde": (9, Convention.GERMAN),
    "milliarden": (9, Convention.GERMAN),
    "billionen": (12, Convention.GERMAN),  # a German Billion is a million millions
    # Portugal's billion is a thousand millions: "5 mil milhões de euros".
    "mil milhões": (9, Convention.CONTINENTAL),
    "milhão": (6, Convention.CONTINENTAL),
    "milhões": (6, Convention.CONTINENTAL),
    "bilhão": (9, Convention.CONTINENTAL),
    "bilhões": (9, Convention.CONTINENTAL),
    "trilhão": (12, Convention.CONTINENTAL),
    "trilhões": (12, Convention.CONTINENTAL),
    "millones": (6, Convention.CONTINENTAL),  # Spanish: "3.200 millones de euros"
    "mil millones": (9, Convention.CONTINENTAL),  # the Spanish billion: "1,5 mil millones"
    "millions": (6, Convention.CONTINENTAL),  # French: English writes "3 million"
    "milliard": (9, Convention.CONTINENTAL),
    "milliards": (9, Convention.CONTINENTAL),
    # Swedish, Norwegian and Danish: "12,5 miljarder kronor", "3 400 millioner", "4,2 mia. kr."
    "miljon": (6, Convention.CONTINENTAL),
    "miljoner": (6, Convention.CONTINENTAL),
    "miljard": (9, Convention.CONTINENTAL),
    "miljarder": (9, Convention.CONTINENTAL),
    "millioner": (6, Convention.CONTINENTAL),
    "milliarder": (9, Convention.CONTINENTAL),
    "mill": (6, Convention.CONTINENTAL),  # Norwegian "mill. kr", written with its dot only
    "mia": (9, Convention.CONTINENTAL),
    "mdr": (9, Convention.CONTINENTAL),
    # Dutch, Italian and Polish: "1,2 mld euro", "3,5 miliardi di euro", "4,2 mld zł".
    "mld": (9, Convention.CONTINENTAL),
    "tys": (3, Convention.CONTINENTAL),
    "miljoen": (6, Convention.CONTINENTAL),
    "milione": (6, Convention.CONTINENTAL),
    "milioni": (6, Convention.CONTINENTAL),
    "miliardo": (9, Convention.CONTINENTAL),
    "miliardi": (9, Convention.CONTINENTAL),
    "milion": (6, Convention.CONTINENTAL),
    "miliony": (6, Convention.CONTINENTAL),
    "milionów": (6, Convention.CONTINENTAL),
    "miliard": (9, Convention.CONTINENTAL),
    "miliardy": (9, Convention.CONTINENTAL),
    "miliardów": (9, Convention.CONTINENTAL),
    # Indonesian: "Rp 12.500 miliar", "Rp 1,2 triliun", "Rp 350 juta".
    "ribu": (3, Convention.CONTINENTAL),
    "juta": (6, Convention.CONTINENTAL),
    "miliar": (9, Convention.CONTINENTAL),
    "triliun": (12, Convention.CONTINENTAL),
    # A scale fused with the crown: Swedish "mdkr", "Mkr", "tkr", "MSEK", Norwegian "MNOK".
    **dict.fromkeys(("mdkr",), (9, Convention.CONTINENTAL)),
    **dict.fromkeys(("mkr", "mnkr", "msek", "mnok", "mdkk"), (6, Convention.CONTINENTAL)),
    **dict.fromkeys(("tkr", "tsek"), (3, Convention.CONTINENTAL)),
}
#: The currency of a scale fused with it: Sweden's crown for its press's "mdkr", "Mkr", "tkr";
#: Norway's (or Denmark's) for "mnkr".
FUSED_SCALES = {
    **dict.fromkeys(("mdkr", "mkr", "tkr"), "kronor"),
    "mnkr": "kroner",
    **dict.fromkeys(("msek", "tsek"), "sek"),
    "mnok": "nok",
    "mdkk": "dkk",
}
#: Currencies whose amounts have two decimals at most and whose press writes a decimal comma:
#: with no scale word, a lone separator before three digits groups thousands ("1.250 kr",
#: "Rp 3.950", which an English page writes "Rp 3,950": the rupiah has no decimals).
COMMA_MONEY = frozenset({"SEK", "NOK", "DKK", "ISK", "PLN", "IDR"})
#: The Brazilian press's abbreviations, read only after the real's sign ("R$ 3,2 bi"): "mi"
#: alone is as likely miles. "mil" is the Portuguese thousand ("R$ 5 mil" is 5,000 reais).
REAL_SCALES = {"mil": 3, "mi": 6, "bi": 9, "tri": 12}
#: The words of :data:`LOCAL_SCALES` as written: abbreviations with or without their dot.
_ABBREVIATIONS = ("mio", "mrd", "tsd", "mia", "mdr", "mld", "tys")
LOCAL_SCALE_RE = (
    r"(?:"
    + "|".join(_ABBREVIATIONS)
    + r")\b\.?|mill\.|(?:"
    + "|".join(w for w in LOCAL_SCALES if w not in (*_ABBREVIATIONS, "mill"))
    + r")\b"
)

#: Korean percentages and percentage points: "3.5%p", "3.5%포인트", "3.5퍼센트포인트" (a change
#: of a rate, never pence; a particle may follow, "3.5%p로", but not "p.a.", per annum).
KOREAN_PERCENT_RE = r"%\s?p(?![a-z\d_]|\.a\b)|%\s?포인트|퍼센트\s?포인트|퍼센트"
#: "Percent" in languages that write a decimal comma: Dutch, Nordic, Polish and Czech "procent",
#: Norwegian "prosent", Indonesian "persen", Portuguese "por cento", Spanish "por ciento",
#: French "pour cent", Italian "per cento" ("steeg met 2,5 procent" is 0.025).
CONTINENTAL_PERCENT_RE = r"(?:procent|prosent|persen|por cento|por ciento|pour cent|per cento)\b"
#: Percentage signs and words, English, German ("Prozentpunkte": percentage points), Korean
#: and those above.
PERCENT_RE = (
    KOREAN_PERCENT_RE
    + r"|%|percent\b|per cent\b|percentage points?\b|prozent(?:punkte?)?\b|"
    + CONTINENTAL_PERCENT_RE
)

# A group of thousands never follows a lone 0 ("0.380" and "0,380" are decimals).
_ENGLISH = re.compile(
    r"[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?|[1-9]\d?(?:,\d{2})+,\d{3}(?:\.\d+)?|\d*\.?\d+"
)
_LONE_GROUP = re.compile(r"[1-9]\d{0,2}[.,]\d{3}")
_CONTINENTAL = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?")


@dataclass(frozen=True)
class Reading:
    """What a numeral states.

    Attributes
    ----------
    value : float
        Its value (the first reading, when ambiguous).
    ambiguous : str
        Empty when the numeral has one reading; otherwise why it has none the toolkit trusts,
        e.g. ``1,250 with a German thousands dot, or 1.25 with a decimal point``.
    """

    value: float
    ambiguous: str = ""


def _english(digits: str) -> float | None:
    return float(digits.replace(",", "")) if _ENGLISH.fullmatch(digits) else None


def _continental(digits: str) -> float | None:
    if not _CONTINENTAL.fullmatch(digits):
        return None
    return float(digits.replace(".", "").replace(",", "."))


def read_numeral(
    digits: str, convention: Convention, *, euro: bool = False, press: str = ""
) -> Reading:
    """The value of ``digits`` written by ``convention``.

    Parameters
    ----------
    digits : str
        The numeral as written, e.g. ``3,4`` or ``1.250``.
    convention : Convention
        Implied by the scale word written after it.
    euro : bool
        Whether the euro, a Nordic crown or the złoty is written with it (which the Swiss
        press, writing a decimal point before a German scale word, does not use).
    press : str
        Whose separators the decimal comma and thousands dot are, for the message of an
        ambiguous numeral: ``"continental"`` when the words around it are not German ("1,250
        mio. kr." is Danish or Norwegian, "1,250 mln euro" Dutch or Italian); by default the
        convention's own (German, or Brazilian after the real's sign).

    Returns
    -------
    Reading

    Examples
    --------
    >>> read_numeral("3,4", Convention.GERMAN).value
    3.4
    >>> read_numeral("1.250", Convention.GERMAN, euro=True).value
    1250.0
    """
    english = _english(digits)
    if english is not None and convention in (Convention.ENGLISH, Convention.EITHER):
        return Reading(english)
    if convention is Convention.MONEY and _LONE_GROUP.fullmatch(digits):
        return Reading(float(digits.replace(",", "").replace(".", "")))
    # Past here a numeral English cannot read has its continental reading, if any.
    continental = _continental(digits)
    if convention is Convention.CONTINENTAL and continental is not None:
        return Reading(continental)
    if english is None or continental is None or english == continental:
        value = continental if continental is not None else english
        return Reading(value) if value is not None else _unreadable(digits)
    who = press or ("Brazilian" if convention is Convention.BRAZILIAN else "German")
    if "." in digits:
        # A lone dot before three digits: the German thousands dot, or the Swiss decimal point.
        if euro:
            return Reading(continental)
        why = (
            f"{_plain(continental)} with a {who} thousands dot, or {_plain(english)} with "
            + _OTHER_POINT[convention]
        )
        return Reading(continental, why)
    why = (
        f"{_plain(continental)} with a {who} decimal comma, or {_plain(english)} with an "
        "English thousands comma"
    )
    return Reading(continental, why)


#: The other reading of a lone dot before three digits.
_OTHER_POINT = {
    Convention.GERMAN: "a decimal point as the Swiss press writes it",
    Convention.BRAZILIAN: "an English decimal point",
}


#: Words of a Dutch, Italian or Polish sentence, which settle the separators written before the
#: convention-neutral "mln" and "bln" of wire style ("een omzet van 1.250 mln euro", "utile di
#: 1.250 mln di euro"); the euro alone does not ("EUR 1,250 mln" is English wire style). Short
#: words that are also particles of names ("Del Monte", "van Lanschot", "Di Maio") settle
#: nothing.
LOCAL_WORDS = re.compile(
    r"\b(?:een|het|naar|stijgt|omzet|nettoresultaat|nettowinst|winst|verlies|bedroeg|della|ricavi|utile|"
    r"fatturato|perdita|zysk|przychody|wyniósł|wyniosły|wyniosła|strata)\b"
)


#: A label, rank or date right before a number ("Page 3 - $5 billion", "No. 3 - 5 million",
#: "March 3 – $5 billion deal", "from No. 3 to $5 billion"): that number is no low end of a
#: range, whatever joins it to the amount after it.
LABEL_BEFORE = re.compile(
    r"(?i)\b(?:pages?|pp?|fig|figure|no|nr|nos|item|phase|day|vol|volume|section|sec|exhibit|"
    r"tier|chapter|ch|top|rank|ranked|art|article|step|stage|slide|table|note|level|part|round|"
    r"jan|january|feb|february|mar|march|apr|april|may|jun|june|jul|july|aug|august|sep|sept|"
    r"september|oct|october|nov|november|dec|december)\.? $"
)

#: Currencies whose press groups thousands with a space: "1 250 Mio. €", "SEK 12 500 m".
SPACE_GROUPED = frozenset("EUR CHF SEK NOK DKK ISK PLN CZK HUF RUB UAH ZAR".split())


def read_spaced(digits: str, *, grouped: bool) -> Reading:
    """The value of ``digits`` grouped in threes by spaces (``12 500``, ``1 250,5``).

    Parameters
    ----------
    digits : str
        The numeral as written (spaces normalised to one ASCII space), its last group followed
        by a decimal comma or point if any: spaces leave the comma only that meaning.
    grouped : bool
        Whether the spaces are known to group thousands (no-break spaces, or a scale word or
        currency of a press that writes them); otherwise the numeral is ambiguous.

    Returns
    -------
    Reading

    Examples
    --------
    >>> read_spaced("12 500,5", grouped=True).value
    12500.5
    """
    value = float(digits.replace(" ", "").replace(",", "."))
    if grouped:
        return Reading(value)
    parts = " and ".join(digits.split())
    return Reading(value, f"{_plain(value)} with thousands spaces, or {parts} as separate numbers")


def _unreadable(digits: str) -> Reading:
    return Reading(float("nan"), f"'{digits}' is grouped in no convention the toolkit reads")


def _plain(value: float) -> str:
    return f"{value:,.10g}"


@lru_cache(maxsize=64)
def number_re(codes: frozenset[str], spaced: bool = True, iberian: bool = False) -> re.Pattern[str]:
    """The number pattern, reading the lower-cased ISO 4217 ``codes`` as currencies too (and
    thousands grouped by spaces unless not ``spaced``); "rm" among them is the ringgit's sign
    written in capitals, read spaced from its digits too ("RM 4.50"). In ``iberian`` text,
    "mil" is a thousand ("12 mil empleados")."""
    mil = r"\smil\b(?!\s[mb]ilh)" if iberian else r"(?!)"
    extra = "".join(f"|{c}" for c in sorted(codes - {"rm"}))
    before = CUR_BEFORE.replace(RINGGIT, RINGGIT_SPACED) if "rm" in codes else CUR_BEFORE
    spaced_re = r"|[1-9]\d{0,2}(?: \d{3})+(?! ?\d)(?:[.,]\d+)?" if spaced else ""
    return re.compile(
        r"(?<![\w.])(?P<cur1>" + before + extra + r")?\s?"
        # A numeral before a German scale word or a percentage is read by its convention
        # ("3,4 Mrd.", "3,4 %"), as is one next to the euro, the real or the rupiah ("48,20
        # Euro", "R$ 42,15", "Rp 1.250,50").
        r"(?P<num>\d+(?:[.,]\d+)+(?=\s?(?:"
        + LOCAL_SCALE_RE
        + r"|"
        + PERCENT_RE
        + r"|x\b|euro\b|€|eur\b))"
        r"|(?:(?<=r\$)|(?<=r\$\s)|(?<=€)|(?<=€\s)|(?<=eur\s)|(?<=\brp)|(?<=\brp[\s.])|(?<=\brp\.\s))"
        r"\d+(?:[.,]\d+)+"
        # Thousands spaced in threes ("12 500", "1 250,5"): never a fourth digit after a group.
        + spaced_re
        # Indian digits, grouped in twos above the thousands ("1,23,456"), Swiss ones grouped
        # with apostrophes ("1'250.5"), continental ones with two thousands dots or more
        # ("1.125.000.000", which no English number is), then English ones.
        + r"|\d{1,2}(?:,\d{2})+,\d{3}(?!\d)(?:\.\d+)?|\d{1,3}(?:'\d{3})+(?!\d)(?:\.\d+)?"
        r"|\d{1,3}(?:\.\d{3}){2,}(?!\d)(?:,\d+)?"
        # A decimal comma before one or two digits, which no English group is ("18,5").
        r"|(?<!\d,)\d+,\d{1,2}(?![\d,])"
        r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
        # India's compounds first: "45 thousand crore" is not 45 thousand.
        # A hyphen joins them as an adjective: "a Rs 500-crore order", "a $500-million deal".
        r"(?:(?P<word>[\s-]?(?:" + INDIAN_SCALE_RE + r"|thousand|million|billion|trillion)\b)"
        r"|(?P<local>\s?(?:" + LOCAL_SCALE_RE + r"))"
        # ("R$ 5 mil" is 5,000 reais; "mil milhões", a thousand millions, is no thousand).
        r"|(?(real)(?P<abbr>\s?(?:" + "|".join(REAL_SCALES) + r")\b(?!\s[mb]ilh))|(?!))"
        # The Malaysian press's own after the ringgit: "RM4.5bil", "RM450mil".
        r"|(?(ringgit)(?P<rmabbr>\s?(?:bil|mil)\b)|(?!))"
        # Spanish and Portuguese thousands: "12 mil empleados" ("mil milhões" is read above).
        r"|(?P<mil>" + mil + r")"
        # "1.2 bn euros", "EUR 3.4 m": the press often spaces the short scales; a lone "b" or
        # "t" is read only when attached ("3 t" is more likely tonnes than trillions).
        r"|(?P<short>(?:\s?(?:tn|bn|bln|mn|mln|cr|k|m)|b|t)\b))?"
        r"(?P<pct>\s?(?:" + PERCENT_RE + r"))?"
        r"(?P<bp>[\s-]?(?:basis[\s-]points?|bps|bp)\b)?"
        # A percentage is never pence: "5%p.a." is per annum.
        r"(?P<pence>(?<!%)p\b|\spence\b)?"
        # Cents of a dollar or a euro: "a dividend of 55 cents a share", "a 55-cent dividend",
        # "55 Cent je Aktie".
        # Other hundredths serve their own currencies: "50 centimes", "50 Rappen", "50 sen",
        # "55 céntimos", "55 centesimi", "55 centavos".
        r"(?P<cents>[\s-](?:(?P<centcur>euro|us|u\.s\.)\s)?(?:euro)?"
        # "50 Rp." abbreviates Rappen (or names the rupiah); "Rp 5.000" before its digits is
        # the rupiah alone.
        r"(?P<hundredth>" + HUNDREDTH_RE + r")(?:\b|(?<=\.)(?!\s?\d)))?"
        r"(?P<mult>x\b)?"
        r"(?P<cur2>\s(?:" + CUR_AFTER + extra + r")\b|\s?[€$₩₽₺₱₪₫฿₦](?!\s?\d))?"
    )
