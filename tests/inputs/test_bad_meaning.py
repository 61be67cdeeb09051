"""Bad thesis contents (parameters, sources, units, references, scenarios): located messages."""

from __future__ import annotations

import pytest

from model.inputs import load_thesis

from .conftest import ThesisCopy, assert_at, fail_load, line_of

# -- meaning -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "line_needle", "field", "words"),
    [
        (
            '    sd: 0.04\n    source: {estimate: "Mature',
            '    sd: -0.1\n    source: {estimate: "Mature',
            "sd: -0.1",
            "assumptions.growth.sd",
            "must be > 0",
        ),
        (
            '    sd: 0.04\n    source: {estimate: "Mature',
            '    sd: -0.0\n    source: {estimate: "Mature',
            "sd: -0.0",
            "assumptions.growth.sd",
            "must be > 0",
        ),
        (
            "    mean: 0.05\n    sd: 0.04\n",
            "    ci90: [0.3, 0.1]\n",
            "ci90",
            "assumptions.growth.ci90",
            "low must be < high",
        ),
        (
            "    min: 0.06\n    mode: 0.09\n    max: 0.12\n",
            "    min: 0.12\n    mode: 0.09\n    max: 0.06\n",
            "max: 0.06",
            "assumptions.margin.max",
            "min must be < max",
        ),
        (
            "    dist: normal\n    mean: 0.05\n    sd: 0.04\n",
            "    dist: lognormal\n    ci90: [0, 0.1]\n",
            "ci90",
            "assumptions.growth.ci90",
            "low must be > 0 for a lognormal",
        ),
        (
            "  crackdown_prob:\n    unit: share\n    value: 0.05",
            "  crackdown_prob:\n    unit: share\n    value: 1.05",
            "value: 1.05",
            "assumptions.crackdown_prob.value",
            "unit 'share' needs values in [0, 1]",
        ),
        (
            "  crackdown_prob:\n    unit: share\n    value: 0.05",
            '  crackdown_prob:\n    unit: "1"\n    dist: bernoulli\n    p: 1.5',
            "p: 1.5",
            "assumptions.crackdown_prob.p",
            "must lie in [0, 1]",
        ),
        (
            "    annual_prob: crackdown_prob\n",
            "    annual_prob: 1.2\n",
            "annual_prob: 1.2",
            "events.crackdown.annual_prob",
            "a probability must lie in [0, 1]",
        ),
        (
            "  ai_share:\n    unit: share\n    dist: beta",
            "  ai_share:\n    unit: share\n    dist: normal",
            "dist: normal",
            "assumptions.ai_share.dist",
            "unit 'share' needs values in [0, 1]",
        ),
        (
            "    dist: pert\n",
            "    dist: gamma\n",
            "dist: gamma",
            "assumptions.margin.dist",
            "unknown distribution 'gamma'; known: normal, lognormal, triangular, pert, uniform, "
            "beta, truncnormal, discrete, bernoulli",
        ),
        (
            "    dist: pert\n",
            "    dist: perth\n",
            "dist: perth",
            "assumptions.margin.dist",
            "did you mean 'pert'?",
        ),
        (
            "    dist: pert\n    min: 0.06\n",
            "    dist: pert\n    sd: 0.01\n    min: 0.06\n",
            "sd: 0.01",
            "assumptions.margin.sd",
            "unknown parameter for pert",
        ),
        (
            "    unit: RMB/USD\n",
            "    unit: RMB per USD\n",
            "RMB per USD",
            "assumptions.fx_rmb_per_usd.unit",
            "unknown unit 'RMB per USD'",
        ),
        (
            "    value: 0.8\n",
            "    value: 0.8\n    mean: 1\n",
            "mean: 1",
            "assumptions.pe_multiplier.mean",
            "'mean' is a distribution parameter",
        ),
        (
            "    value: 0.8\n",
            '    value: 0.8\n    derived: "pe * 2"\n',
            "pe_multiplier:",
            "assumptions.pe_multiplier",
            "exactly one of value, dist, derived or process (found value and derived)",
        ),
        (
            "    rho: 0.3\n",
            "    rho: 1.3\n",
            "rho: 1.3",
            "correlations[0].rho",
            "a correlation must lie in [-1, 1]",
        ),
        (
            "process: {mean: growth, shock_sd: 0.04, reversion: 1.0",
            "process: {mean: growth, shock_sd: 0.04, reversion: 1.5",
            "reversion: 1.5",
            "assumptions.growth_path.process.reversion",
            "must lie in [0, 1]",
        ),
        (
            "  market_2021:\n",
            "  Market_2021:\n",
            "Market_2021",
            "assumptions.Market_2021",
            "must be snake_case",
        ),
    ],
)
def test_impossible_values(
    thesis_copy: ThesisCopy, old: str, new: str, line_needle: str, field: str, words: str
) -> None:
    text = thesis_copy.edit(old, new)
    assert_at(fail_load(thesis_copy), "minimal.yaml", line_of(text, line_needle), field, words)


# -- provenance --------------------------------------------------------------------------------


def test_unknown_seed_file(thesis_copy: ThesisCopy) -> None:
    text = thesis_copy.edit(
        '      doc: article.txt\n      quote: "Cloud spending',
        '      doc: articel.txt\n      quote: "Cloud spending',
    )
    assert_at(
        fail_load(thesis_copy),
        "minimal.yaml",
        line_of(text, "articel.txt"),
        "assumptions.market_2021.source.doc",
        "unknown seed file 'articel.txt'; did you mean 'article.txt'? available: "
        "article.txt, other.txt",
    )


def test_quote_not_found_shows_closest_passage(thesis_copy: ThesisCopy) -> None:
    text = thesis_copy.edit('climbed to $27.4 billion in 2021"', 'rose to $27.4 billion in 2021"')
    err = fail_load(thesis_copy)
    assert_at(
        err,
        "minimal.yaml",
        line_of(text, "rose to"),
        "assumptions.market_2021.source.quote",
        "quote not found in article.txt",
        "the closest passage is:",
        "climbed to $27.4 billion in 2021",
    )


def test_quote_matches_up_to_case_whitespace_and_typographic_marks(thesis_copy: ThesisCopy) -> None:
    thesis_copy.edit(
        '"predicts that China\'s cloud market will reach $85 billion by 2026"',
        '"PREDICTS that China’s   cloud market\n        will reach $85 billion by 2026"',
    )
    thesis_copy.edit("versus Amazon's 32.1x\", number", 'versus Amazon’s 32.1x", number')
    thesis = load_thesis(thesis_copy.path)
    assert thesis.assumptions["market_2026"].value == 85


def test_constraint_is_stated_once(thesis_copy: ThesisCopy) -> None:
    text = thesis_copy.edit(
        '    sd: 0.04\n    source: {estimate: "Mature',
        '    sd: -0.1\n    source: {estimate: "Mature',
    )
    err = fail_load(thesis_copy)
    line = line_of(text, "sd: -0.1")
    assert str(err).endswith(f"minimal.yaml:{line}: assumptions.growth.sd: must be > 0 (got -0.1)")


def test_expected_is_kept_when_it_adds_information(thesis_copy: ThesisCopy) -> None:
    thesis_copy.edit(
        "    dist: pert\n    min: 0.06\n", "    dist: pert\n    sd: 0.01\n    min: 0.06\n"
    )
    err = fail_load(thesis_copy)
    assert "unknown parameter for pert (expected one of {min, mode, max})" in str(err)


def test_number_not_in_quote(thesis_copy: ThesisCopy) -> None:
    text = thesis_copy.edit("    value: 85\n", "    value: 86\n")
    err = fail_load(thesis_copy)
    assert_at(
        err,
        "minimal.yaml",
        line_of(text, "will reach $85 billion"),
        "assumptions.market_2026.source.quote",
        "the number 86 USD bn is not in the quote; the quote has $85 billion (= 85 USD bn), "
        "2026 (a year)",
    )


def test_number_not_in_quote_shows_percentages_as_fractions(thesis_copy: ThesisCopy) -> None:
    thesis_copy.edit("    mean: 0.358\n    sd: 0.02\n", "    mean: 0.36\n    sd: 0.02\n")
    err = fail_load(thesis_copy)
    assert "the number 0.36 (36%) is not in the quote; the quote has 35.8% (= 0.358 as a " in str(
        err
    )


def test_a_year_in_the_quote_is_not_an_amount(thesis_copy: ThesisCopy) -> None:
    text = thesis_copy.edit("    value: 85\n", "    value: 2026\n")
    assert_at(
        fail_load(thesis_copy),
        "minimal.yaml",
        line_of(text, "will reach $85 billion"),
        "assumptions.market_2026.source.quote",
        "the number 2026 USD bn is not in the quote",
        "; 2026 in the quote is a calendar year, not an amount of money",
    )


def test_a_year_in_the_quote_is_not_a_fraction_or_a_multiple(thesis_copy: ThesisCopy) -> None:
    thesis_copy.edit(
        "  pe:\n    unit: x\n    value: 23.5\n", "  pe:\n    unit: x\n    value: 2025\n"
    )
    thesis_copy.edit(
        'Trading at 23.5x versus Amazon\'s 32.1x", number: "23.5x"}\n',
        'after repurchasing $241 million in Q3 2025"}\n',
    )
    assert "2025 in the quote is a calendar year, not a quantity in x" in str(
        fail_load(thesis_copy)
    )


def test_a_year_in_the_quote_supports_a_year(thesis_copy: ThesisCopy) -> None:
    thesis_copy.edit(
        "  pe_multiplier:\n",
        '  buyback_year:\n    unit: "1"\n    value: 2025\n'
        '    source: {doc: article.txt, quote: "after repurchasing $241 million in Q3 2025"}\n'
        "  pe_multiplier:\n",
    )
    assert load_thesis(thesis_copy.path).assumptions["buyback_year"].value == 2025


def test_a_dollar_amount_supports_only_a_usd_unit(thesis_copy: ThesisCopy) -> None:
    text = thesis_copy.edit(
        "  models:\n    unit: count\n    value: 180000\n",
        "  models:\n    unit: count\n    value: 241000000\n",
    )
    text = thesis_copy.edit(
        '"Over 180k AI models are built on its open models"',
        '"after repurchasing $241 million in Q3 2025"',
    )
    assert_at(
        fail_load(thesis_copy),
        "minimal.yaml",
        line_of(text, "$241 million in Q3 2025", nth=2),
        "assumptions.models.source.quote",
        "the number 241000000 is not in the quote; the quote has $241 million (= 241,000,000)",
    )


def test_percent_written_as_35_8_gets_a_hint(thesis_copy: ThesisCopy) -> None:
    thesis_copy.edit("    mean: 0.358\n    sd: 0.02\n", "    mean: 35.8\n    sd: 2\n")
    thesis_copy.edit("  ai_share:\n    unit: share", '  ai_share:\n    unit: "%"')
    thesis_copy.edit("    dist: beta\n    mean: 35.8", "    dist: normal\n    mean: 35.8")
    err = fail_load(thesis_copy)
    assert "'%' values are fractions: write 0.358" in str(err)


def test_doc_sourced_distribution_needs_spread(thesis_copy: ThesisCopy) -> None:
    text = thesis_copy.edit(
        '      spread: "Estimate: two points, research houses differ by that much"\n', ""
    )
    assert_at(
        fail_load(thesis_copy),
        "minimal.yaml",
        line_of(text, "ai_share:") + 5,
        "assumptions.ai_share.source",
        "needs spread:",
    )


def test_estimate_needs_a_rationale(thesis_copy: ThesisCopy) -> None:
    text = thesis_copy.edit(
        '{estimate: "A fifth off the multiple after a crackdown"}', '{estimate: "guess"}'
    )
    assert_at(
        fail_load(thesis_copy),
        "minimal.yaml",
        line_of(text, '"guess"'),
        "assumptions.pe_multiplier.source.estimate",
        "at least a few words",
    )


def test_missing_source(thesis_copy: ThesisCopy) -> None:
    text = thesis_copy.edit(
        '    source: {estimate: "A fifth off the multiple after a crackdown"}\n', ""
    )
    assert_at(
        fail_load(thesis_copy),
        "minimal.yaml",
        line_of(text, "pe_multiplier:"),
        "assumptions.pe_multiplier",
        "missing source",
    )


def test_two_kinds_of_source(thesis_copy: ThesisCopy) -> None:
    text = thesis_copy.edit(
        '{estimate: "A fifth off the multiple after a crackdown"}',
        '{estimate: "A fifth off the multiple", doc: other.txt}',
    )
    assert_at(
        fail_load(thesis_copy),
        "minimal.yaml",
        line_of(text, 'A fifth off the multiple"'),
        "assumptions.pe_multiplier.source",
        "exactly one of doc (with quote), estimate",
    )


# -- units and references ----------------------------------------------------------------------


def test_derived_adding_usd_to_rmb(thesis_copy: ThesisCopy) -> None:
    text = thesis_copy.edit(
        'derived: "market_2026 * fx_rmb_per_usd"',
        'derived: "market_2026 + market_2021 * fx_rmb_per_usd"',
    )
    assert_at(
        fail_load(thesis_copy),
        "minimal.yaml",
        line_of(text, "market_2026 + market_2021"),
        "assumptions.market_2026_rmb.derived",
        "cannot add USD bn to RMB bn: convert through an FX assumption: RMB into USD is "
        "multiplying by a USD/RMB rate or dividing by a RMB/USD one; USD into RMB is "
        "multiplying by a RMB/USD rate",
    )


def test_derived_declared_unit_mismatch(thesis_copy: ThesisCopy) -> None:
    text = thesis_copy.edit(
        "  market_2026_rmb:\n    unit: RMB bn\n", "  market_2026_rmb:\n    unit: USD bn\n"
    )
    assert_at(
        fail_load(thesis_copy),
        "minimal.yaml",
        line_of(text, "market_2026 * fx_rmb_per_usd"),
        "assumptions.market_2026_rmb.derived",
        "gives RMB bn but the declared unit is USD bn",
        "convert through an FX assumption",
    )


def test_derived_unknown_name(thesis_copy: ThesisCopy) -> None:
    text = thesis_copy.edit("(market_2026 / market_2021)", "(market_2026 / markt_2021)")
    assert_at(
        fail_load(thesis_copy),
        "minimal.yaml",
        line_of(text, "markt_2021"),
        "assumptions.cagr.derived",
        "unknown name 'markt_2021'",
        "did you mean 'market_2021'?",
    )


def test_circular_derived(thesis_copy: ThesisCopy) -> None:
    text = thesis_copy.edit('derived: "buyback_q3"', 'derived: "ai_market_share_value / 1000"')
    thesis_copy.edit('derived: "market_2026 * ai_share"', 'derived: "buyback_usd_m * ai_share"')
    err = fail_load(thesis_copy)
    assert "circular derived definitions" in str(err)
    assert "buyback_usd_m -> ai_market_share_value -> buyback_usd_m" in str(err)
    assert err.line == line_of(text, "ai_market_share_value / 1000")


def test_event_target_unknown(thesis_copy: ThesisCopy) -> None:
    text = thesis_copy.edit("{target: pe, op: multiply", "{target: p_e, op: multiply")
    assert_at(
        fail_load(thesis_copy),
        "minimal.yaml",
        line_of(text, "target: p_e"),
        "events.crackdown.effects[0].target",
        "unknown assumption 'p_e'",
    )


def test_event_op_unknown(thesis_copy: ThesisCopy) -> None:
    text = thesis_copy.edit("op: multiply", "op: times")
    assert_at(
        fail_load(thesis_copy),
        "minimal.yaml",
        line_of(text, "op: times"),
        "events.crackdown.effects[0].op",
        "expected 'multiply' or 'add'",
    )


def test_correlation_of_a_fixed_value(thesis_copy: ThesisCopy) -> None:
    text = thesis_copy.edit("between: [growth, margin]", "between: [growth, pe]")
    assert_at(
        fail_load(thesis_copy),
        "minimal.yaml",
        line_of(text, "between: [growth, pe]"),
        "correlations[0].between[1]",
        "'pe' is a value assumption; correlations apply to distributions",
    )


def test_process_mean_unit_mismatch(thesis_copy: ThesisCopy) -> None:
    text = thesis_copy.edit("process: {mean: growth,", "process: {mean: market_2021,")
    assert_at(
        fail_load(thesis_copy),
        "minimal.yaml",
        line_of(text, "mean: market_2021"),
        "assumptions.growth_path.process.mean",
        "'market_2021' is in USD bn but the mean",
    )


def test_weights_must_sum_to_one(thesis_copy: ThesisCopy) -> None:
    text = thesis_copy.edit("  bear: {value: 0.2,", "  bear: {value: 0.25,")
    assert_at(
        fail_load(thesis_copy),
        "minimal.yaml",
        line_of(text, "weights:"),
        "weights",
        "weights must sum to 1, they sum to 1.05",
    )


def test_weight_of_unknown_scenario(thesis_copy: ThesisCopy) -> None:
    text = thesis_copy.edit("  bear: {value: 0.2,", "  baer: {value: 0.2,")
    assert_at(
        fail_load(thesis_copy),
        "minimal.yaml",
        line_of(text, "baer:"),
        "weights.baer",
        "unknown scenario 'baer'; did you mean 'bear'?",
    )


def test_price_in_another_currency(thesis_copy: ThesisCopy) -> None:
    text = thesis_copy.edit("    unit: HKD/share\n", "    unit: USD/share\n")
    assert_at(
        fail_load(thesis_copy),
        "minimal.yaml",
        line_of(text, "USD/share"),
        "thesis.price.unit",
        "the price is in USD but the thesis currency is HKD",
    )


_PRICE_LINES = (
    "    value: 129.5\n    unit: HKD/share\n"
    '    source: {doc: article.txt, quote: "the stock reached a peak of 129.5 HKD"}'
)
_ESTIMATE = 'source: {estimate: "a test price"}'


@pytest.mark.parametrize("value", ["1e-300", "1e-7", "2e9"])
def test_price_outside_any_listed_share_is_refused_at_its_line(
    thesis_copy: ThesisCopy, value: str
) -> None:
    # A price of 1e-300 used to load and fail later, in the run, on an infinite return.
    text = thesis_copy.edit(
        _PRICE_LINES, f"    value: {value}\n    unit: HKD/share\n    {_ESTIMATE}"
    )
    assert_at(
        fail_load(thesis_copy),
        "minimal.yaml",
        line_of(text, f"value: {value}"),
        "thesis.price.value",
        "expected a share price from 1e-06 to 1e+09 HKD a share",
    )


@pytest.mark.parametrize("value", ["0.000001", "1000000000"])
def test_prices_at_the_ends_of_the_range_load(thesis_copy: ThesisCopy, value: str) -> None:
    thesis_copy.edit(_PRICE_LINES, f"    value: {value}\n    unit: HKD/share\n    {_ESTIMATE}")
    assert load_thesis(thesis_copy.path).price == float(value)


# -- scenarios ---------------------------------------------------------------------------------


def test_overlay_overrides_unknown_name(thesis_copy: ThesisCopy) -> None:
    head = '    overrides:\n      {}:\n        unit: "%"\n        dist: normal\n        mean: 0.08'
    text = thesis_copy.edit(head.format("growth"), head.format("grwth"))
    assert_at(
        fail_load(thesis_copy),
        "minimal.yaml",
        line_of(text, "grwth:"),
        "scenarios.bull.overrides.grwth",
        "override of unknown assumption 'grwth'; did you mean 'growth'?",
    )


def test_override_in_a_scenario_file_points_at_that_file(thesis_copy: ThesisCopy) -> None:
    text = thesis_copy.edit(
        '      growth:\n        unit: "%"\n        value: 0.01',
        '      growth:\n        unit: "%"\n        value: 0.01x',
        name="scenarios.yaml",
    )
    err = fail_load(thesis_copy)
    assert_at(
        err,
        "scenarios.yaml",
        line_of(text, "0.01x"),
        "scenarios.bear.overrides.growth.value",
        "expected a number",
    )


def test_override_must_keep_the_unit_family(thesis_copy: ThesisCopy) -> None:
    text = thesis_copy.edit("      pe:\n        unit: x\n", "      pe:\n        unit: USD bn\n")
    line = text[: text.index("      pe:\n        unit: USD bn")].count("\n") + 2
    assert_at(
        fail_load(thesis_copy),
        "minimal.yaml",
        line,
        "scenarios.bull_plus.overrides.pe.unit",
        "keep the same kind of unit",
    )


def test_circular_extends(thesis_copy: ThesisCopy) -> None:
    text = thesis_copy.edit(
        '    label: "Bull: faster growth"\n',
        '    label: "Bull: faster growth"\n    extends: bull_plus\n',
    )
    err = fail_load(thesis_copy)
    assert "circular extends: " in str(err)
    assert "bull -> bull_plus -> bull" in str(err) or "bull_plus -> bull -> bull_plus" in str(err)
    lines = [i for i, t in enumerate(text.splitlines(), 1) if t.strip().startswith("extends:")]
    assert err.line in lines and err.file.endswith("minimal.yaml")


def test_extends_unknown_scenario(thesis_copy: ThesisCopy) -> None:
    text = thesis_copy.edit("    extends: bull\n", "    extends: bul\n")
    assert_at(
        fail_load(thesis_copy),
        "minimal.yaml",
        line_of(text, "extends: bul"),
        "scenarios.bull_plus.extends",
        "unknown scenario 'bul'; did you mean 'bull'?",
    )


def test_scenario_defined_twice(thesis_copy: ThesisCopy) -> None:
    text = thesis_copy.edit("  bear:\n", "  bull:\n", name="scenarios.yaml")
    err = fail_load(thesis_copy)
    assert_at(
        err,
        "scenarios.yaml",
        line_of(text, "bull:"),
        "scenarios.bull",
        "scenario 'bull' is defined twice (also in",
    )


def test_missing_scenario_file(thesis_copy: ThesisCopy) -> None:
    text = thesis_copy.edit("scenario_files: [scenarios.yaml]", "scenario_files: [scenario.yaml]")
    assert_at(
        fail_load(thesis_copy),
        "minimal.yaml",
        line_of(text, "scenario_files"),
        "scenario_files[0]",
        "scenario file not found: scenario.yaml",
    )


def test_unknown_scenario_requested(thesis_copy: ThesisCopy) -> None:
    err = fail_load(thesis_copy, scenario="bulll")
    assert "unknown scenario 'bulll'; did you mean 'bull'?" in str(err)
    assert "minimal.yaml" in str(err)


def test_price_quoted_after_the_thesis_date(thesis_copy: ThesisCopy) -> None:
    text = thesis_copy.edit("    unit: HKD/share\n", "    unit: HKD/share\n    date: 2025-12-01\n")
    assert_at(
        fail_load(thesis_copy),
        "minimal.yaml",
        line_of(text, "date: 2025-12-01"),
        "thesis.price.date",
        "the price was quoted on 2025-12-01, after the thesis date as_of 2025-11-27",
    )


def test_price_date_must_be_a_date(thesis_copy: ThesisCopy) -> None:
    text = thesis_copy.edit("    unit: HKD/share\n", "    unit: HKD/share\n    date: 17 Feb 2025\n")
    assert_at(
        fail_load(thesis_copy),
        "minimal.yaml",
        line_of(text, "date: 17 Feb"),
        "thesis.price.date",
        "expected a date written as YYYY-MM-DD",
    )
