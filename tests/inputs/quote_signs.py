"""What a quote's numbers say with their signs: the two questions the quote-sign tests ask."""

from __future__ import annotations

from model.inputs.sources.quotes import matches, numbers_in
from model.inputs.sources.quotesense import senses
from model.inputs.units import parse_unit


def signs(quote: str) -> list[tuple[str, bool]]:
    """Each number of ``quote`` as written, and whether it reads as negative."""
    return [(s.number.text, s.negative) for s in senses(quote, numbers_in(quote))]


def states(quote: str, value: float, unit: str) -> bool:
    """Whether the quote states ``value`` (in ``unit``) with its sign."""
    u = parse_unit(unit)
    return any(
        matches(s.number, value, u) and s.negative == (value < 0)
        for s in senses(quote, numbers_in(quote))
    )


def assert_states_with_its_sign(quote: str, value: float, unit: str) -> None:
    """The quote states ``value`` (in ``unit``) with its sign, and not with the other."""
    assert states(quote, value, unit), f"{quote!r} does not state {value} {unit}"
    assert not states(quote, -value, unit), f"{quote!r} also states {-value} {unit}"
