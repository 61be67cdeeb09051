"""Parsing and validation of the ``model:`` section."""

from __future__ import annotations

import copy
import pickle

import pytest
from segment_data import SECTION

from model.errors import ThesisError
from model.valuation.config import ModelConfig, RoleKind, parse_model_section
from model.valuation.unitplan import plan_units


def lines(path: tuple[str, ...]) -> tuple[str, int]:
    """A fake locator: every field is on a line numbered by its depth."""
    return "thesis.yaml", 10 + len(path)


DELETE = object()


def broken(path: tuple[str, ...], value: object) -> dict:
    """The reference section with one field set (or deleted with ``DELETE``)."""
    section = copy.deepcopy(SECTION)
    node = section
    for key in path[:-1]:
        node = node.setdefault(key, {})
    if value is DELETE:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return section


def test_parses_the_reference_section() -> None:
    config = parse_model_section(SECTION)
    assert isinstance(config, ModelConfig)
    assert list(config.segments) == ["ai_cloud", "cloud"]
    assert config.net_of() == {"ai_cloud": None, "cloud": "ai_cloud"}
    roles = {r.path: r for r in config.roles()}
    assert roles[("segments", "cloud", "market")].kind is RoleKind.MONEY
    assert roles[("segments", "ai_cloud", "players", "alibaba")].name == "ai_share_alibaba"
    assert roles[("valuation", "dcf", "wacc")].kind is RoleKind.FRACTION
    assert roles[("shares",)].kind is RoleKind.SHARES
    assert "wacc" in config.input_names()
    assert pickle.loads(pickle.dumps(config)) == config


CLOUD = ("segments", "cloud")


@pytest.mark.parametrize(
    ("path", "value", "field", "message"),
    [
        (("tax_rat",), "tax_rate", "model.tax_rat", "did you mean 'tax_rate'"),
        (("valuation", "dcf", "wac"), "x", "model.valuation.dcf.wac", "did you mean 'wacc'"),
        (("tax_rate",), 0.2, "model.tax_rate", "must name an assumption"),
        ((*CLOUD, "markt"), "x", "model.segments.cloud.markt", "did you mean 'market'"),
        (("net_cash",), DELETE, "model.net_cash", "missing"),
        (("kind",), "lines", "model.kind", "segments"),
        (("currency",), "%", "model.currency", "money"),
        ((*CLOUD, "company"), "tencent", "model.segments.cloud.company", "not one of"),
        ((*CLOUD, "players", "rest"), "x", "model.segments.cloud.players.rest", "implied"),
        ((*CLOUD, "net_of"), "ai_clod", "model.segments.cloud.net_of", "did you mean 'ai_cloud'"),
        (("segments", "ai_cloud", "net_of"), "cloud", "model.segments", "cycle"),
        ((*CLOUD, "share_drift", "hauwei"), "x", "model.segments.cloud.share_drift.hauwei",
         "did you mean 'huawei'"),
        (("capex_years",), DELETE, "model.capex_years", "together"),
        (("depreciation_life",), DELETE, "model.depreciation_life", "depreciation_life"),
        (("segments", "cloud_total"), SECTION["segments"]["cloud"], "model", "revenue_cloud_total"),
    ],
)  # fmt: skip
def test_structure_errors_point_at_the_field(
    path: tuple[str, ...], value: object, field: str, message: str
) -> None:
    with pytest.raises(ThesisError) as info:
        parse_model_section(broken(path, value), lines)
    err = info.value
    assert err.field.startswith(field), err.field
    assert message in str(err)
    assert err.file == "thesis.yaml" and err.line is not None


def units_for(config: ModelConfig, **changes: str) -> dict[str, str]:
    kind_unit = {
        RoleKind.MONEY: "USD bn", RoleKind.FRACTION: "%", RoleKind.MULTIPLE: "x",
        RoleKind.YEARS: "years", RoleKind.SHARES: "shares bn", RoleKind.FX: "HKD/USD",
    }  # fmt: skip
    units = {r.name: kind_unit[r.kind] for r in config.roles()}
    units.update(changes)
    return units


def test_unit_plan_scales_money_and_per_share() -> None:
    config = parse_model_section(SECTION)
    plan = plan_units(config, units_for(config, buyback="USD m", shares="shares m"), "HKD")
    assert plan.input_scale["buyback"] == pytest.approx(1e-3)
    assert plan.input_scale["net_cash"] == 1.0
    assert plan.per_share_scale == pytest.approx(1e3)
    assert plan.shares_unit == "shares m"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"net_cash": "RMB bn"}, "model.net_cash", "model currency"),
        ({"wacc": "USD bn"}, "model.valuation.dcf.wacc", "pure number"),
        ({"shares": "USD bn"}, "model.shares", "share count"),
        ({"fx": "RMB/USD"}, "model.fx_to_price", "HKD/USD"),
    ],
)
def test_unit_errors(changes: dict, field: str, message: str) -> None:
    config = parse_model_section(SECTION)
    with pytest.raises(ThesisError) as info:
        plan_units(config, units_for(config, **changes), "HKD/share", lines)
    assert info.value.field == field
    assert message in str(info.value)


def test_unknown_assumption_name_suggests_the_closest() -> None:
    config = parse_model_section(broken(("tax_rate",), "tax_rat"))
    units = units_for(parse_model_section(SECTION))
    with pytest.raises(ThesisError, match="did you mean 'tax_rate'") as info:
        plan_units(config, units, "HKD/share", lines)
    assert info.value.field == "model.tax_rate"


def test_fx_is_required_when_currencies_differ() -> None:
    config = parse_model_section(broken(("fx_to_price",), DELETE))
    with pytest.raises(ThesisError, match="fx_to_price"):
        plan_units(config, units_for(config), "HKD/share")
    plan = plan_units(config, units_for(config), "USD/share")
    assert plan.per_share_scale == 1.0
