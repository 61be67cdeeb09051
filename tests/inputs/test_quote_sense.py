"""Provenance: a quoted number must match with its sign and be about the item's subject.

Reproductions of the report: a positive value passed against "fell 5%", and a number about
another company in the same quote (an AWS 100% accepted as an Alibaba 100%).
"""

from __future__ import annotations

import pytest

from model.inputs import load_thesis
from model.inputs.sources.quotes import numbers_in
from model.inputs.sources.quotesense import decline_named, senses

from .conftest import ThesisCopy, assert_at, fail_load, line_of

ARTICLE_EXTRA = """
Quarterly revenue fell 5% from a year earlier, a loss of $2.5 billion on the year.
Operating income was ($1.2 billion) in the quarter, and margins were -3% at the low point.
Its share then slid to 25% from 30% a year earlier.
AWS holds 30% of the market, Alibaba Cloud 35.8% and Huawei Cloud 13%.
In fourth quarter 2021, AWS accounted for more than 100% of the company's operating profit.
"""

ITEM = """  probe:
    unit: "{unit}"
    label: "{label}"
    value: {value}
    source:
      doc: article.txt
      quote: "{quote}"{hint}
"""


@pytest.fixture
def copy(thesis_copy: ThesisCopy) -> ThesisCopy:
    article = thesis_copy.root / "seeds" / "article.txt"
    article.write_text(article.read_text(encoding="utf-8") + ARTICLE_EXTRA, encoding="utf-8")
    return thesis_copy


def _with(copy: ThesisCopy, value: float, quote: str, unit: str = "%", label: str = "A probe",
          hint: str | None = None) -> str:  # fmt: skip
    item = ITEM.format(
        unit=unit,
        label=label,
        value=value,
        quote=quote,
        hint=f'\n      number: "{hint}"' if hint else "",
    )
    return copy.edit("\nassumptions:\n", "\nassumptions:\n" + item)


def _sense(quote: str) -> list[tuple[str, bool, str | None]]:
    return [(s.number.text, s.negative, s.subject) for s in senses(quote, numbers_in(quote))]


# -- reading the sign and the subject ----------------------------------------------------------


@pytest.mark.parametrize(
    ("quote", "negative"),
    [
        ("revenue fell 5% in the year", True),
        ("revenue was down by nearly 5%", True),
        ("a loss of $2.5 billion", True),
        ("a 5% drop in sales", True),
        ("margins were -3% at the low point", True),
        ("margins were \u22123% at the low point", True),  # typographic minus
        ("income was ($1.2 billion)", True),  # accounting parentheses around an amount
        ("Alibaba (35.8%) leads", False),  # parentheses around a percentage are prose
        ("the share fell to 25%", False),  # a level reached, not a change
        ("down from 30% a year earlier", False),
        ("revenue grew 5%", False),
        ("from 2024-2025 onwards", False),  # a range, not a minus
    ],
)
def test_the_sign_of_a_quoted_number(quote: str, negative: bool) -> None:
    assert _sense(quote)[0][1] is negative


def test_subjects_of_the_numbers() -> None:
    got = _sense("AWS holds 30% of the market, Alibaba Cloud 35.8% and Huawei Cloud 13%.")
    assert [s for _, _, s in got] == ["AWS", "Alibaba Cloud", "Huawei Cloud"]
    # A number without its own subject shares the one before it; sentence starts are not names.
    assert [s for _, _, s in _sense("Alibaba grew 5% in Q1 and 7% in Q2")] == ["Alibaba"] * 2
    assert _sense("Trading at 23.5x versus Amazon's 32.1x")[0][2] is None
    assert _sense("In fourth quarter 2021, AWS accounted for more than 100%")[-1][2] == "AWS"


def test_items_named_as_a_decline() -> None:
    assert decline_named("revenue_decline Fall in revenue")
    assert decline_named("alibaba_value_fall_2020_2022")
    assert not decline_named("revenue_growth Revenue growth")
    assert not decline_named("fallback_rate")


# -- the sign in a thesis ----------------------------------------------------------------------


def test_a_positive_value_against_a_fall_is_refused(copy: ThesisCopy) -> None:
    text = _with(copy, 0.05, "Quarterly revenue fell 5% from a year earlier")
    err = fail_load(copy)
    assert_at(
        err,
        "minimal.yaml",
        line_of(text, "Quarterly revenue fell"),
        "assumptions.probe.source.quote",
    )
    assert "negative number ('fell' next to it)" in str(err) and "write -0.05" in str(err)


def test_a_negative_value_against_a_fall_is_accepted(copy: ThesisCopy) -> None:
    _with(copy, -0.05, "Quarterly revenue fell 5% from a year earlier")
    assert load_thesis(copy.path).assumptions["probe"].value == -0.05


def test_a_decline_stated_as_its_size(copy: ThesisCopy) -> None:
    _with(copy, 0.05, "Quarterly revenue fell 5% from a year earlier", label="Fall in revenue")
    assert load_thesis(copy.path).assumptions["probe"].value == 0.05


def test_a_negative_value_against_a_positive_number_is_refused(copy: ThesisCopy) -> None:
    _with(copy, -0.358, "AWS holds 30% of the market, Alibaba Cloud 35.8%", label="Alibaba share")
    msg = str(fail_load(copy))
    assert "as a positive number" in msg and "-0.358" in msg


@pytest.mark.parametrize(
    ("value", "quote", "unit"),
    [
        (-1.2, "Operating income was ($1.2 billion) in the quarter", "USD bn"),
        (-0.03, "margins were -3% at the low point", "%"),
        (-2.5, "a loss of $2.5 billion on the year", "USD bn"),
    ],
)
def test_minus_signs_parentheses_and_losses(
    copy: ThesisCopy, value: float, quote: str, unit: str
) -> None:
    _with(copy, value, quote, unit=unit)
    assert load_thesis(copy.path).assumptions["probe"].value == value
    copy.edit(f"value: {value}", f"value: {-value}")
    assert "negative number" in str(fail_load(copy))


def test_a_level_after_fell_to_is_positive(copy: ThesisCopy) -> None:
    _with(copy, 0.25, "Its share then slid to 25% from 30% a year earlier")
    assert load_thesis(copy.path).assumptions["probe"].value == 0.25


# -- the subject in a thesis -------------------------------------------------------------------


def test_another_company_s_number_is_refused(copy: ThesisCopy) -> None:
    # The reproduction: AWS's 100% accepted as Alibaba's.
    text = _with(
        copy,
        1.0,
        "In fourth quarter 2021, AWS accounted for more than 100% of the company's operating "
        "profit",
        label="Alibaba's cloud share of group operating profit",
    )
    err = fail_load(copy)
    assert_at(err, "minimal.yaml", line_of(text, "AWS accounted"), "assumptions.probe.source.quote")
    assert "gives 100% for AWS, but this item is about Alibaba" in str(err)


def test_the_number_of_the_item_s_subject_is_accepted(copy: ThesisCopy) -> None:
    quote = "AWS holds 30% of the market, Alibaba Cloud 35.8% and Huawei Cloud 13%"
    _with(copy, 0.358, quote, label="Alibaba Cloud share of the market")
    assert load_thesis(copy.path).assumptions["probe"].value == 0.358


def test_a_number_next_to_another_named_subject(copy: ThesisCopy) -> None:
    quote = "AWS holds 30% of the market, Alibaba Cloud 35.8% and Huawei Cloud 13%"
    _with(copy, 0.30, quote, label="Alibaba Cloud share of the market")
    msg = str(fail_load(copy))
    assert "gives 30% for AWS, but this item is about Alibaba Cloud" in msg


def test_an_ambiguous_quote_asks_for_the_number(copy: ThesisCopy) -> None:
    quote = "AWS holds 30% of the market, Alibaba Cloud 35.8% and Huawei Cloud 13%"
    _with(copy, 0.358, quote, label="Leader's share of the market")
    msg = str(fail_load(copy))
    assert "numbers about different subjects" in msg
    assert "'30%' (AWS), '35.8%' (Alibaba Cloud), '13%' (Huawei Cloud)" in msg
    assert 'number: "35.8%"' in msg
    # With the hint it loads.
    copy.edit(f'quote: "{quote}"', f'quote: "{quote}"\n      number: "35.8%"')
    assert load_thesis(copy.path).assumptions["probe"].value == 0.358


def test_the_hint_must_be_in_the_quote_and_match(copy: ThesisCopy) -> None:
    quote = "AWS holds 30% of the market, Alibaba Cloud 35.8% and Huawei Cloud 13%"
    text = _with(copy, 0.358, quote, hint="36%")
    err = fail_load(copy)
    assert_at(
        err, "minimal.yaml", line_of(text, 'number: "36%"'), "assumptions.probe.source.number"
    )
    assert "not written in the quote" in str(err) and "'35.8%'" in str(err)
    copy.edit('number: "36%"', 'number: "13%"')
    assert "the number 0.358" in str(fail_load(copy))


def test_the_hint_goes_with_a_document_only(copy: ThesisCopy) -> None:
    copy.edit(
        'source: {estimate: "Mature businesses grow about as fast as nominal GDP"}',
        'source: {estimate: "Mature businesses grow about as fast as nominal GDP", number: "5%"}',
    )
    assert "'number' only goes with doc" in str(fail_load(copy))


def test_every_alibaba_quote_passes() -> None:
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    thesis = load_thesis(root / "assumptions" / "alibaba.yaml")
    for name in thesis.scenarios:
        thesis.with_scenario(name)
    assert thesis.assumptions["pe_alibaba_2025_restated"].source.quote.startswith(
        "Trading at 23.5x"
    )
