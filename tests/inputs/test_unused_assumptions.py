"""An assumption nothing uses is warned about, at its line; every kind of use counts as one.

The thesis is the README's example, which uses every assumption it has; each test adds what it
checks. Uses are followed the way a run reads them: the model's expressions, events, processes,
derived values that are themselves used, scenario overrides of what the model reads.
"""

from __future__ import annotations

import re
from pathlib import Path

from model.inputs.assembly.thesis import load_thesis as inner_load
from model.inputs.expressions.usage import unused_assumptions, unused_warning

ROOT = Path(__file__).resolve().parents[2]


def readme_example() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"<!-- readme-example: example.yaml -->\n```yaml\n(.*?)```", text, re.S)
    assert found is not None
    return found.group(1)


def fixed(name: str, unit: str = "%", value: float = 0.05) -> str:
    return (
        f"  {name}:\n    unit: {unit!r}\n    value: {value}\n"
        f'    source: {{estimate: "An illustrative figure for {name} in the tests"}}\n'
    )


def derived(name: str, expression: str, unit: str = "%") -> str:
    return f"  {name}:\n    unit: {unit!r}\n    derived: {expression!r}\n"


def write(tmp_path: Path, *, add: str = "", replace: tuple[tuple[str, str], ...] = ()) -> Path:
    """The README's example with assumptions added and text replaced."""
    text = readme_example().replace("assumptions:\n", "assumptions:\n" + add, 1)
    for old, new in replace:
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / "example.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def unused(path: Path) -> list[str]:
    return unused_assumptions(inner_load(path))


def test_the_readme_example_uses_every_assumption(tmp_path: Path) -> None:
    path = write(tmp_path)
    assert unused(path) == []
    assert unused_warning(inner_load(path)) is None


def test_an_unused_assumption_is_warned_at_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, add=fixed("dps_2025", "EUR/share", 1.2))
    line = path.read_text(encoding="utf-8").splitlines().index("  dps_2025:") + 1
    message = unused_warning(inner_load(path))
    assert message is not None
    assert message.startswith(f"{path}:{line}: assumption 'dps_2025' is not used by the model")
    assert "no effect on any result" in message


def test_many_unused_are_one_warning_with_a_capped_list(tmp_path: Path) -> None:
    names = [f"spare_{i}" for i in range(11)]
    path = write(tmp_path, add="".join(fixed(n) for n in names))
    message = unused_warning(inner_load(path))
    assert message is not None
    line = path.read_text(encoding="utf-8").splitlines().index("  spare_0:") + 1
    assert message.startswith(f"{path}:{line}: 11 assumptions are not used by the model")
    assert "'spare_7'" in message and "'spare_8'" not in message
    assert "and 3 more" in message


def test_a_value_used_by_a_used_derived_value_is_used(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        add=fixed("capex_base", value=0.03) + fixed("capex_extra", value=0.01),
        replace=(
            (
                '    value: 0.04\n    source: {estimate: "Capital spending',
                '    derived: "capex_base + capex_extra"\n    source: {estimate: "Capital spending',
            ),
        ),
    )
    assert unused(path) == []


def test_a_value_used_only_by_an_unused_derived_value_is_unused(tmp_path: Path) -> None:
    add = fixed("dps_2025", "EUR/share", 1.2) + derived("dps_doubled", "dps_2025 * 2", "EUR/share")
    assert unused(write(tmp_path, add=add)) == ["dps_2025", "dps_doubled"]


def test_event_probability_and_effect_are_uses(tmp_path: Path) -> None:
    event = (
        "events:\n  recall:\n    annual_prob: recall_prob\n    repeatable: false\n"
        "    effects:\n      - {target: pe_exit, op: multiply, by: recall_hit}\n"
        '    source: {estimate: "A product recall hits the multiple"}\n\n'
    )
    path = write(
        tmp_path,
        add=fixed("recall_prob", "1", 0.05) + fixed("recall_hit", "1", 0.8),
        replace=(("model:\n", event + "model:\n"),),
    )
    assert unused(path) == []


def test_an_event_on_an_unused_target_does_not_make_it_used(tmp_path: Path) -> None:
    event = (
        "events:\n  payout:\n    annual_prob: 0.1\n    repeatable: false\n"
        "    effects:\n      - {target: dps_2025, op: multiply, by: 1.5}\n"
        '    source: {estimate: "A special dividend is paid once"}\n\n'
    )
    path = write(
        tmp_path,
        add=fixed("dps_2025", "EUR/share", 1.2),
        replace=(("model:\n", event + "model:\n"),),
    )
    assert unused(path) == ["dps_2025"]


def test_process_parameters_are_uses(tmp_path: Path) -> None:
    process = (
        "    process: {start: growth_now, mean: growth_long_run, shock_sd: growth_noise, "
        "reversion: 0.4}\n"
    )
    path = write(
        tmp_path,
        add=fixed("growth_now", value=0.06)
        + fixed("growth_long_run", value=0.08)
        + fixed("growth_noise", value=0.02),
        replace=(("    dist: normal\n    ci90: [0.04, 0.14]\n", process),),
    )
    assert unused(path) == []


def test_leg_parameters_are_uses(tmp_path: Path) -> None:
    # The README's discount rate, long-run growth and DCF weight are read by its DCF leg only.
    leg = "      dcf: {weight: w_dcf, discount_rate: wacc, terminal_growth: long_growth}\n"
    assert unused(write(tmp_path)) == []
    assert unused(write(tmp_path, replace=((leg, ""),))) == ["wacc", "long_growth", "w_dcf"]


def test_a_scenario_override_reads_its_names_where_the_model_reads_it(tmp_path: Path) -> None:
    used_override = (
        "      sales_growth:\n"
        '        unit: "%"\n'
        '        derived: "bull_growth"\n'
        "  bull:\n"
        '    label: "Bull"\n'
        '    rationale: {estimate: "Orders accelerate on new demand"}\n'
        "    overrides:\n"
        "      dps_2025:\n"
        "        unit: EUR/share\n"
        '        derived: "bull_dps"\n'
    )
    path = write(
        tmp_path,
        add=fixed("bull_growth", value=0.2)
        + fixed("dps_2025", "EUR/share", 1.2)
        + fixed("bull_dps", "EUR/share", 2.0),
        replace=(
            (
                '      sales_growth:\n        unit: "%"\n        value: 0.0\n'
                '        source: {estimate: "Sales stay flat through 2030"}\n',
                used_override,
            ),
        ),
    )
    # bull_growth is read through the model's sales_growth in the bear case; dps_2025 is not
    # read by the model, so neither is what its bull override names.
    assert unused(path) == ["dps_2025", "bull_dps"]


def test_a_correlation_alone_is_no_use(tmp_path: Path) -> None:
    noise = (
        "  fx_drift:\n    unit: '%'\n    dist: normal\n    mean: 0.0\n    sd: 0.05\n"
        '    source: {estimate: "Currency drift, a few points a year"}\n'
    )
    correlation = (
        "correlations:\n  - between: [fx_drift, sales_growth]\n    rho: 0.3\n"
        '    source: {estimate: "A weaker euro helps exports"}\n\n'
    )
    path = write(tmp_path, add=noise, replace=(("model:\n", correlation + "model:\n"),))
    assert unused(path) == ["fx_drift"]


def test_a_scorecard_claim_is_a_use(tmp_path: Path) -> None:
    claim = '    statement: "ebit[2028] / sales[2028] > margin_hurdle"\n'
    path = write(
        tmp_path,
        add=fixed("margin_hurdle", value=0.17),
        replace=(('    statement: "ebit[2028] / sales[2028] > 0.17"\n', claim),),
    )
    assert unused(path) == []


def test_the_leg_tolerance_is_read_by_its_name(tmp_path: Path) -> None:
    # No expression names it: the valuation legs' consistency check looks it up by name.
    path = write(tmp_path, add=fixed("leg_tolerance", "1", 0.3))
    assert unused(path) == []


EXAMPLE = ROOT / "assumptions" / "examples" / "copper-miner.yaml"
PROXY = (
    "  china_grid_capex_growth:\n"
    '    unit: "%"\n'
    "    dist: normal\n"
    "    ci90: [0.0, 0.10]\n"
    '    source: {estimate: "Grid investment growth, a proxy for copper demand"}\n'
)
OBSERVED = (
    "\nevidence:\n"
    "  grid_capex_2026:\n"
    '    quantity: "china_grid_capex_growth"\n'
    '    unit: "%"\n'
    "    value: 0.09\n"
    "    sd: 0.01\n"
    '    source: {estimate: "Reported growth of grid investment"}\n'
)


def _proxy(tmp_path: Path, *, rho: str, observed: bool = True) -> Path:
    """The copper miner with a proxy of demand, correlated with the long-run copper price
    (through ``rho``'s chain) and observed in its evidence when ``observed``."""
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace("assumptions:\n", "assumptions:\n" + PROXY, 1)
    assert "\ncorrelations:" not in text and "\nevidence:" not in text
    text += f"\ncorrelations:\n{rho}" + (OBSERVED if observed else "")
    path = tmp_path / "proxy.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _entry(a: str, b: str, rho: float = 0.7) -> str:
    why = "Both follow the demand for copper from the grid"
    return f"  - between: [{a}, {b}]\n    rho: {rho}\n    source: {{estimate: {why!r}}}\n"


def test_an_observed_assumption_correlated_with_a_used_one_is_used(tmp_path: Path) -> None:
    # Conditioning on the observation weighs the paths, and the correlation carries the
    # weight to the copper price: the proxy moves the posterior.
    direct = _proxy(tmp_path, rho=_entry("china_grid_capex_growth", "copper_long_run"))
    assert "china_grid_capex_growth" not in unused(direct)
    assert unused_warning(inner_load(direct)) is None


def test_a_chain_of_correlations_counts(tmp_path: Path) -> None:
    chain = PROXY.replace("china_grid_capex_growth", "grid_orders")
    path = _proxy(
        tmp_path,
        rho=_entry("china_grid_capex_growth", "grid_orders", 0.5)
        + _entry("grid_orders", "copper_long_run", 0.5),
    )
    text = path.read_text(encoding="utf-8").replace("assumptions:\n", "assumptions:\n" + chain, 1)
    path.write_text(text, encoding="utf-8")
    assert "china_grid_capex_growth" not in unused(path)


def test_an_observation_without_a_correlation_or_one_not_observed_is_unused(
    tmp_path: Path,
) -> None:
    alone = _proxy(tmp_path, rho=_entry("copper_long_run", "ev_ebitda_exit"))
    assert unused(alone) == ["china_grid_capex_growth"]
    quiet = _proxy(
        tmp_path, rho=_entry("china_grid_capex_growth", "copper_long_run"), observed=False
    )
    assert unused(quiet) == ["china_grid_capex_growth"]
