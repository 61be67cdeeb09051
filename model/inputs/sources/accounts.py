"""Which item of the accounts a number in a quote is about: "Sales rose to EUR 820 million and
profit to EUR 115 million".

A quote that gives two items of one company's accounts names each with a common noun (sales,
profit, net debt), which the subject check of :mod:`~model.inputs.sources.quotesense` does not
see: it reads proper nouns only. The number of one item then matched the value of the other:
the quote above supported sales of 115. :func:`account_problem` pairs each number with the
item named before it in its sentence (after the number before it, else that number's item)
and, where the quote's numbers of the item's kind name two items or more, accepts only a
number about the item its key or label names; otherwise the source must say which number it
means with ``number:``, as it must for a number written after the nouns of two items
("Sales and profit rose to EUR 820 million and EUR 115 million respectively").

The nouns are English, French and Spanish; German capitalises its nouns, which the subject
check reads.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from model.inputs.sources.quotes import normalize
from model.inputs.sources.quotesense import NumberSense, same_kind
from model.inputs.units import Unit

__all__ = ["account_items", "account_problem"]

#: The items of the accounts and the nouns that name them (lower case, as the normalised quote
#: writes them). "Operating profit" is no profit, nor "earnings per share" earnings: the
#: longest name is read first.
_ITEMS: dict[str, tuple[str, ...]] = {
    "sales": (
        "sales", "net sales", "revenue", "revenues", "net revenue", "turnover", "top line",
        "chiffre d'affaires", "ventes", "ingresos", "ventas", "facturación",
    ),
    "operating profit": (
        "operating profit", "operating income", "ebit", "operating result",
        "résultat opérationnel", "résultat d'exploitation", "beneficio operativo",
        "resultado operativo", "resultado de explotación",
    ),
    "ebitda": ("ebitda", "adjusted ebitda"),
    "ebita": ("ebita", "adjusted ebita"),
    "gross profit": ("gross profit", "bénéfice brut", "beneficio bruto"),
    "pre-tax profit": ("pre-tax profit", "pretax profit", "profit before tax",
                       "pre-tax income", "income before taxes", "résultat avant impôt",
                       "beneficio antes de impuestos"),
    "profit": (
        "profit", "profits", "net profit", "net income", "earnings", "net earnings",
        "bottom line", "bénéfice", "bénéfice net", "résultat net", "beneficio",
        "beneficio neto", "utilidad neta",
    ),
    "earnings per share": ("earnings per share", "eps", "bénéfice par action",
                           "beneficio por acción"),
    "gross margin": ("gross margin", "marge brute", "margen bruto"),
    "operating margin": ("operating margin", "ebit margin", "marge opérationnelle",
                         "margen operativo"),
    "ebitda margin": ("ebitda margin", "marge d'ebitda", "margen ebitda"),
    "net margin": ("net margin", "marge nette", "margen neto"),
    "margin": ("margin", "margins", "profit margin", "marge", "margen"),
    "dividend": ("dividend", "dividends", "dividende", "dividendes", "dividendo", "dividendos"),
    # Net cash is net debt's negative: an item "net_cash" is about the net debt quoted.
    "net debt": ("net debt", "debt", "net cash", "dette nette", "endettement net",
                 "deuda neta", "deuda"),
    "cash flow": ("free cash flow", "cash flow", "fcf", "operating cash flow",
                  "flux de trésorerie", "flujo de caja"),
    "capital spending": ("capex", "capital expenditure", "capital expenditures",
                         "investissements", "inversiones"),
    "orders": ("orders", "order intake", "bookings", "new orders", "commandes", "pedidos"),
    "costs": ("costs", "expenses", "opex", "operating costs", "coûts", "charges", "costes",
              "gastos"),
}  # fmt: skip
_ITEM_OF = {noun: item for item, nouns in _ITEMS.items() for noun in nouns}
_NOUN = re.compile(
    r"(?<![\w'])(?:"
    + "|".join(re.escape(n) for n in sorted(_ITEM_OF, key=len, reverse=True))
    + r")(?![\w'])"
)
#: The item of a number written after the nouns of two items or more: either's.
SEVERAL = "one of several items"
_SENTENCE_END = re.compile(r"[.;!?](?:\s|$)")
#: A noun right after its number: "EUR 820 million in sales", "$5bn of revenue", "$1bn profit".
_AFTER = re.compile(r"\s*(?:(?:in|of|de|d'|en)\s*)?(?P<noun>" + _NOUN.pattern + r")")


def _items_in(text: str) -> list[tuple[int, str]]:
    """Where each noun of the accounts stands in ``text`` (lower case), and its item."""
    return [(m.start(), _ITEM_OF[m.group()]) for m in _NOUN.finditer(text)]


def account_items(quote: str, read: Sequence[NumberSense]) -> list[str | None]:
    """The item of the accounts each number of ``read`` is about, if the quote names one.

    Parameters
    ----------
    quote : str
        The quote as written.
    read : sequence of NumberSense
        Its numbers, in order.

    Returns
    -------
    list of str or None

    Examples
    --------
    >>> from model.inputs.sources.quotes import numbers_in
    >>> from model.inputs.sources.quotesense import senses
    >>> q = "Sales rose to EUR 820 million and profit to EUR 115 million"
    >>> account_items(q, senses(q, numbers_in(q)))
    ['sales', 'profit']
    """
    text = normalize(quote)[0]
    named = _items_in(text)
    out: list[str | None] = []
    current: str | None = None
    previous = 0
    for s in read:
        start, end = s.number.start, s.number.end
        if start < previous:
            out.append(current)  # read inside the number before (a range's end)
            continue
        if _SENTENCE_END.search(text, previous, start):
            current = None  # a new sentence names its own items
        after = _AFTER.match(text, end)
        if after is not None:
            # "EUR 820 million in sales and EUR 115 million in profit": its noun follows it.
            current = _ITEM_OF[after.group("noun")]
        elif here := {item for at, item in named if previous <= at < start}:
            # "Sales and profit rose to EUR 820 million and EUR 115 million respectively":
            # two items before a number leave it about either.
            current = here.pop() if len(here) == 1 else SEVERAL
        out.append(current)
        previous = after.end() if after is not None else max(previous, end)
    return out


def account_problem(
    matched: Sequence[NumberSense],
    read: Sequence[NumberSense],
    unit: Unit | None,
    subject: str,
    quote: str,
) -> str | None:
    """Why the numbers that match an item's value may be another item's; None if they may not.

    Parameters
    ----------
    matched : sequence of NumberSense
        The quote's numbers that state the value (with its sign).
    read : sequence of NumberSense
        All its numbers.
    unit : Unit or None
        The item's unit: only numbers of its kind (amounts, percentages) are compared.
    subject : str
        The item's key and label.
    quote : str
        The quote as written.

    Returns
    -------
    str or None
    """
    if not matched:
        return None
    items = dict(zip((id(s) for s in read), account_items(quote, read), strict=True))
    candidates = [s for s in read if same_kind(s.number, unit) or s in matched]
    named = {items[id(s)] for s in candidates} - {None, SEVERAL}
    several = len(candidates) > 1 and any(items[id(c)] == SEVERAL for c in candidates)
    if len(named) < 2 and not several:
        return None  # the numbers of this kind are about one item of the accounts, or none
    text = re.sub(r"[^\w']+", " ", subject.lower().replace("_", " "))
    about = {item for _, item in _items_in(text)} & named
    if len(about) == 1 and any(items[id(s)] in about for s in matched):
        return None  # the matching number is about the item, the others are not
    s = matched[0]
    own = items[id(s)]
    if len(about) == 1 and own not in (None, SEVERAL):
        (item,) = about
        return (
            f"the quote gives {s.number.text} for {own}, but this item is about {item}; add "
            f'number: "<the number as written>" if that number is really meant'
        )
    listed = ", ".join(f"'{c.number.text}' ({items[id(c)] or 'no item named'})" for c in candidates)
    return (
        f"the quote has numbers about different items of the accounts ({listed}); say which "
        f'one is meant with number: "{s.number.text}" (the number as written in the quote)'
    )
