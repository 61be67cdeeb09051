"""A loss named as the subject of a level is a negative amount: "its operating loss narrowed to
¥6 billion" states an operating profit of -6 JPY bn, as "a loss of ¥6 billion" does, while a
change of the loss ("narrowed by ¥2 billion") is no level and keeps its sign."""

from __future__ import annotations

import pytest

from tests.inputs.quote_signs import assert_states_with_its_sign, signs


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("Its operating loss narrowed to ¥6 billion in the quarter.", -6, "JPY bn"),
        ("Its operating loss widened to €80 million.", -80, "EUR m"),
        ("The net loss was $1.2 billion.", -1.2, "USD bn"),
        ("The net loss for the quarter stood at $1.2 billion.", -1.2, "USD bn"),
        ("Net loss came in at $1.2 billion, below estimates.", -1.2, "USD bn"),
        ("The operating loss shrank to $300 million.", -300, "USD m"),
        ("The loss narrowed by ¥2 billion to ¥6 billion.", -6, "JPY bn"),
        ("The loss narrowed 20% to $6 billion.", -6, "USD bn"),
        ("Losses widened to $80 million from $50 million.", -50, "USD m"),
        ("Net loss per share was 12 cents.", -0.12, "USD/share"),
        ("Der operative Verlust verringerte sich auf 80 Mio. Euro.", -80, "EUR m"),
        ("Der Verlust betrug 80 Mio. Euro.", -80, "EUR m"),
        ("La perte nette s'est réduite à 80 millions d'euros.", -80, "EUR m"),
        ("La pérdida neta se redujo a 80 millones de euros.", -80, "EUR m"),
        ("La pérdida operativa fue de 80 millones de euros.", -80, "EUR m"),
        ("公司经营亏损收窄至60亿元。", -6, "RMB bn"),
        ("净亏损由8亿元收窄至6亿元。", -0.8, "RMB bn"),
        ("営業損益は60億円の赤字だった。", -6, "JPY bn"),
        ("영업손익은 120억 원 적자를 기록했다.", -12, "KRW bn"),
    ],
)
def test_a_loss_stated_as_a_level_is_negative(quote: str, value: float, unit: str) -> None:
    # The level was read as positive: -6 was refused ("no word of decline next to it") and +6,
    # a profit, accepted.
    assert_states_with_its_sign(quote, value, unit)


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        # A change of the loss is no level.
        ("The operating loss narrowed by ¥2 billion.", [("¥2 billion", False)]),
        ("The loss narrowed 20% to $6 billion.", [("20%", False), ("$6 billion", True)]),
        ("営業損益は60億円の赤字縮小。", [("60億円", False)]),
        # Charges, counts and other nouns after the loss keep their sign.
        ("Credit losses were $80 million.", [("$80 million", False)]),
        ("Job losses were 5,000.", [("5,000", False)]),
        ("The loss ratio was 65%.", [("65%", False)]),
        ("The net loss was 5% of revenue.", [("5%", False)]),
        # Only the loss is the subject: revenue is not.
        (
            "The loss was $80 million, while revenue was $500 million.",
            [("$80 million", True), ("$500 million", False)],
        ),
        (
            "The loss narrowed to $80 million and revenue rose to $500 million.",
            [("$80 million", True), ("$500 million", False)],
        ),
    ],
)
def test_what_is_no_loss_level_keeps_its_sign(quote: str, expected: list[tuple[str, bool]]) -> None:
    assert signs(quote) == expected


@pytest.mark.parametrize(
    "quote",
    [
        "The net loss is expected to narrow to $80 million.",
        "The net loss should narrow to $80 million next year.",
        "Its net loss will widen to $80 million.",
        "The net loss is forecast to be $80 million.",
        "The net loss is projected to reach $80 million.",
        "The net loss will likely narrow to $80 million.",
        "The net loss is expected to narrow by $20 million to $80 million.",
        "The net loss is estimated at $80 million.",
    ],
)
def test_a_loss_forecast_to_reach_a_level_is_negative(quote: str) -> None:
    # A level the loss is to reach is a loss as one it reached is: -80 was refused, +80 taken.
    assert_states_with_its_sign(quote, -80, "USD m")


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        ("The net loss is expected to narrow by $20 million.", [("$20 million", False)]),
        ("The loss should narrow 20% next year.", [("20%", False)]),
        ("Credit losses are expected to rise to $80 million.", [("$80 million", False)]),
        ("The loss ratio is expected to be 65%.", [("65%", False)]),
        ("Revenue is expected to grow to $500 million.", [("$500 million", False)]),
    ],
)
def test_what_is_no_forecast_loss_level_keeps_its_sign(
    quote: str, expected: list[tuple[str, bool]]
) -> None:
    assert signs(quote) == expected


@pytest.mark.parametrize(
    ("quote", "value"),
    [
        ("Its loss widened to $80 million in 2024 from $50 million.", -50),
        ("Its loss widened to $80 million in 2024 from $50 million.", -80),
        ("The loss narrowed to $80 million in the fourth quarter, from $120 million.", -120),
        ("Its net loss widened to $80 million last year, from $50 million.", -50),
        ("Its loss widened from $50 million in 2023 to $80 million in 2024.", -80),
    ],
)
def test_a_level_after_the_period_of_another_is_negative(quote: str, value: float) -> None:
    # The period of the first level stood between it and "from": -50 was refused, +50 taken.
    assert_states_with_its_sign(quote, value, "USD m")


def test_a_change_of_the_loss_in_a_period_keeps_its_sign() -> None:
    quote = "Its loss narrowed by $20 million in 2024 from a year earlier."
    assert signs(quote) == [("$20 million", False), ("2024", False)]


@pytest.mark.parametrize(
    "quote",
    [
        "The company expects its net loss to narrow to $80 million.",
        "Management expects the loss to be $80 million.",
        "The net loss is seen narrowing to $80 million.",
    ],
)
def test_a_loss_expected_to_reach_a_level_is_negative(quote: str) -> None:
    # "expects its net loss to narrow to" names the forecast level as "is expected to" does.
    assert_states_with_its_sign(quote, -80, "USD m")


def test_a_loss_expected_to_change_keeps_its_sign() -> None:
    quote = "The company expects its net loss to narrow by $20 million."
    assert signs(quote) == [("$20 million", False)]
