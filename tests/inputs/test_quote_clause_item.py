"""A number whose own clause names another item, in a sentence whose other clause names the
key's item, does not support the key: "Sales rose 5% while subscriptions rose 35%" is no
sales growth of 35%."""

from __future__ import annotations

import pytest

from model.inputs import load_thesis
from model.inputs.sources.clauses import clause_head

from .conftest import ThesisCopy, assert_at, fail_load, line_of

SENTENCES = [
    "Sales rose 5% while subscriptions rose 35%.",
    "Net income rose to $1.2 billion, or $2.10 per share.",
    "Thanks to strong sales, net income climbed to $1.2 billion from $1.0 billion.",
    "In the year the operating margin rose to 14%.",
    "Revenue grew 8% and profit jumped 20%.",
    "Cloud revenue grew 34% while total revenue rose 5%.",
    "Les ventes ont progressé de 5 % tandis que les abonnements ont progressé de 35 %.",
    "Sales rose 5%. Subscriptions rose 35% on the year.",
]

ITEM = """  {key}:
    unit: "{unit}"
    value: {value}
    source:
      doc: article.txt
      quote: "{quote}"{hint}
"""


@pytest.fixture
def copy(thesis_copy: ThesisCopy) -> ThesisCopy:
    article = thesis_copy.root / "seeds" / "article.txt"
    text = article.read_text(encoding="utf-8") + "\n" + "\n".join(SENTENCES) + "\n"
    article.write_text(text, encoding="utf-8")
    return thesis_copy


def _with(copy: ThesisCopy, key: str, value: float, quote: str, unit: str = "%",
          hint: str | None = None) -> str:  # fmt: skip
    item = ITEM.format(
        key=key,
        unit=unit,
        value=value,
        quote=quote,
        hint=f'\n      number: "{hint}"' if hint else "",
    )
    return copy.edit("\nassumptions:\n", "\nassumptions:\n" + item)


@pytest.mark.parametrize(
    ("key", "value", "quote"),
    [
        ("sales_growth", 0.35, "Sales rose 5% while subscriptions rose 35%"),
        ("profit_growth", 0.08, "Revenue grew 8% and profit jumped 20%"),
        (
            "sales_growth",
            0.35,
            "ventes ont progressé de 5 % tandis que les abonnements ont progressé de 35 %",
        ),
    ],
)
def test_a_number_about_another_item_of_the_sentence_is_refused(
    copy: ThesisCopy, key: str, value: float, quote: str
) -> None:
    # The 35% of subscriptions supported sales growth of 35%.
    text = _with(copy, key, value, quote)
    err = fail_load(copy)
    assert_at(
        err,
        "minimal.yaml",
        line_of(text, quote),
        f"assumptions.{key}.source.quote",
        "this item is about",
    )


@pytest.mark.parametrize(
    ("key", "value", "quote", "unit"),
    [
        ("sales_growth", 0.05, "Sales rose 5% while subscriptions rose 35%", "%"),
        ("subscription_growth", 0.35, "Sales rose 5% while subscriptions rose 35%", "%"),
        ("eps_2025", 2.10, "Net income rose to $1.2 billion, or $2.10 per share", "USD/share"),
        (
            "net_income_2025",
            1.2,
            "Thanks to strong sales, net income climbed to $1.2 billion from $1.0 billion",
            "USD bn",
        ),
        ("margin_2025", 0.14, "the operating margin rose to 14%", "%"),
        ("revenue_growth", 0.08, "Revenue grew 8% and profit jumped 20%", "%"),
        ("net_income_growth", 0.2, "Revenue grew 8% and profit jumped 20%", "%"),
        ("cloud_growth", 0.34, "Cloud revenue grew 34% while total revenue rose 5%", "%"),
        ("revenue_growth", 0.05, "Cloud revenue grew 34% while total revenue rose 5%", "%"),
    ],
)
def test_the_items_own_number_and_the_sentences_above_are_accepted(
    copy: ThesisCopy, key: str, value: float, quote: str, unit: str
) -> None:
    _with(copy, key, value, quote, unit)
    assert load_thesis(copy.path).assumptions[key].value == pytest.approx(value)


def test_number_chooses_the_other_clause(copy: ThesisCopy) -> None:
    _with(copy, "sales_growth", 0.35, "Sales rose 5% while subscriptions rose 35%", hint="35%")
    assert load_thesis(copy.path).assumptions["sales_growth"].value == 0.35


@pytest.mark.parametrize(
    ("text", "figure", "head"),
    [
        ("sales rose 5% while subscriptions rose 35%", "35%", "subscriptions"),
        ("net income rose to $1.2 billion, or $2.10 per share", "$2.10", None),
        ("les ventes ont progressé de 5 %", "5 %", "ventes"),
        ("le chiffre d'affaires a progressé de 5 %", "5 %", "chiffre"),
    ],
)
def test_clause_head(text: str, figure: str, head: str | None) -> None:
    assert clause_head(text, text.index(figure)) == head
