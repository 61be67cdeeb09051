"""The segment model as one callable for the Monte Carlo engine.

:class:`SegmentModel` holds a parsed ``model:`` section, the thesis (reference) price and the unit
conversions; calling it with a mapping of sampled inputs (name -> ``(n,)`` or
``(n, n_years)`` array) returns every output as arrays. It is a frozen, picklable value, so the
engine can ship it to worker processes or Dask workers.

Outputs whose name starts with ``_invalid_`` are bool ``(n,)`` masks of paths that broke a model
invariant; the engine counts and reports them. They are always all present, so every chunk of
a run returns the same keys.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from model.errors import ParameterError
from model.valuation import earnings as earn
from model.valuation import valuation as val
from model.valuation.checks import check_thesis
from model.valuation.config import (
    MONEY,
    PRICE,
    SHARE_COUNT,
    Locator,
    ModelConfig,
    output_kinds,
    parse_model_section,
)
from model.valuation.returns import annualised_return, total_return
from model.valuation.revenue import SegmentInputs, growth_rate, project_segments
from model.valuation.shapes import any_by_path, as_paths, grow, n_paths_of
from model.valuation.unitplan import UnitPlan, plan_units, price_per_share_unit, thesis_options

#: Prefix of the invariant masks in the model output.
INVALID = "_invalid_"


# eq=False: identity hashing; the config holds dicts, so a field-based hash would fail.
@dataclass(frozen=True, eq=False)
class SegmentModel:
    """The thesis model: markets, shares, revenue, earnings, value per share and returns.

    Parameters
    ----------
    config : ModelConfig
        The parsed ``model:`` section.
    price : float
        Thesis (reference) share price, in ``price_unit``.
    price_unit : str
        Unit of the price and of every per-share output, e.g. ``HKD/share``.
    years : tuple of int
        Calendar years of the model; ``n_years = len(years)``.
    units : UnitPlan
        Scale factors of money inputs and the per-share conversion.

    Notes
    -----
    Build it with :meth:`from_thesis` (names and units checked against the thesis) or
    :meth:`from_config` (standalone, for plain arrays). Call it with a mapping name -> array;
    see :attr:`output_units` for every output with its unit; shapes are ``(n, n_years)``
    except ``exit_pe`` and ``value_dcf`` (``(n,)``) and the ``_invalid_*`` masks (bool ``(n,)``).
    """

    config: ModelConfig
    price: float
    price_unit: str
    years: tuple[int, ...]
    units: UnitPlan

    # -- construction ---------------------------------------------------------------------------
    @classmethod
    def from_config(
        cls,
        section: Mapping[str, Any] | ModelConfig,
        *,
        price: float,
        years: tuple[int, ...] | int,
        price_unit: str | None = None,
        units: Mapping[str, str] | None = None,
        locate: Locator | None = None,
    ) -> SegmentModel:
        """Build the model from a ``model:`` mapping without a thesis.

        Parameters
        ----------
        section : Mapping or ModelConfig
            The ``model:`` section.
        price : float
            Thesis (reference) share price (> 0).
        years : tuple of int or int
            Model years, or just their number (then numbered 0, 1, ...).
        price_unit : str, optional
            Defaults to the model currency per share, e.g. ``USD/share``.
        units : Mapping[str, str], optional
            Assumption name -> unit. With it every name and unit is checked and scales are
            converted; without it, inputs are taken to be in the model currency's scale and
            the share count in the same scale (per-share factor 1).
        locate : callable, optional
            ``field path -> (file, line)`` for error messages.

        Returns
        -------
        SegmentModel
        """
        config = (
            section if isinstance(section, ModelConfig) else parse_model_section(section, locate)
        )
        if price_unit is None:
            price_unit = f"{config.currency_unit.currency}/share"
        if units is None:
            plan = UnitPlan({}, 1.0, f"shares {_scale_word(config.currency)}".strip())
        else:
            plan = plan_units(config, units, price_unit, locate)
        if not price > 0.0:
            raise ParameterError(f"price must be > 0 (got {price})", field="price")
        year_list = tuple(range(years)) if isinstance(years, int) else tuple(years)
        if not year_list:
            raise ParameterError("the model needs at least one year", field="years")
        return cls(config, float(price), str(price_per_share_unit(price_unit)), year_list, plan)

    @classmethod
    def from_thesis(cls, thesis: Any) -> SegmentModel:
        """Build the model from a loaded thesis (see
        :func:`model.inputs.assembly.thesis.load_thesis`).

        Every role must name an assumption of the thesis with a unit that fits the role; the
        checks of :mod:`model.valuation.checks` (first-year shares summing above 1, a share
        count at or below zero or able to reach it, terminal growth able to reach the discount
        rate, weights not summing to 1) run as well.

        Parameters
        ----------
        thesis : Thesis
            Supplies ``model_section``, ``price``, ``price_info`` (for the price unit),
            ``years``, ``units``, ``locate``, ``error``, ``assumptions`` and ``events``.

        Returns
        -------
        SegmentModel

        Raises
        ------
        ThesisError
            Pointing at the file and line of the offending field of the ``model:`` section.
        """
        section = thesis.model_section
        if section is None:
            raise thesis.error(("model",), "the thesis has no 'model:' section; add one")
        model = cls.from_config(section, **thesis_options(thesis))
        check_thesis(model.config, thesis)
        return model

    # -- description ----------------------------------------------------------------------------
    @property
    def n_years(self) -> int:
        """Number of model years."""
        return len(self.years)

    @property
    def input_names(self) -> tuple[str, ...]:
        """Assumption names the model reads from its inputs."""
        return self.config.input_names()

    @property
    def output_units(self) -> dict[str, str]:
        """Output name -> unit, for every output except the ``_invalid_*`` masks.

        Money is in the model currency (e.g. ``USD bn``), per-share values in the price unit
        (e.g. ``HKD/share``), the share count in the unit of the ``shares`` assumption,
        fractions as ``%`` or ``share`` and multiples as ``x``.
        """
        real = {
            MONEY: self.config.currency,
            PRICE: self.price_unit,
            SHARE_COUNT: self.units.shares_unit,
        }
        return {k: real.get(u, u) for k, u in output_kinds(self.config).items()}

    @property
    def roles(self) -> Any:
        """Every output with its unit, role and label (a ModelRoles)."""
        from model.valuation.roles import LineInfo, ModelRoles, Role

        fixed = {
            "revenue_cloud_total": Role.REVENUE,
            "revenue_growth_cloud": Role.REVENUE_GROWTH,
            "operating_profit_cloud": Role.EBIT,
            "earnings": Role.EARNINGS,
            "capex": Role.CAPEX,
            "depreciation": Role.DEPRECIATION,
            "fcf": Role.FCFF,
            "buyback_spend": Role.BUYBACKS,
            "shares": Role.SHARES,
            "eps": Role.EPS,
            "pe_multiple": Role.MULTIPLE,
            "exit_pe": Role.EXIT_MULTIPLE,
            "equity_value": Role.EQUITY_VALUE,
            "value_per_share": Role.VALUE_PER_SHARE,
            "total_return": Role.TOTAL_RETURN,
            "return_annual": Role.ANNUAL_RETURN,
        }
        methods = {"value_pe": "pe", "value_dcf_path": "dcf", "value_sotp": "sotp"}
        infos = []
        for name, unit in self.output_units.items():
            role, group, player = fixed.get(name), None, None
            if name in methods:
                role, group = Role.METHOD_VALUE, methods[name]
            elif name.startswith("value_per_share_"):
                role, group = Role.METHOD_VALUE_PER_SHARE, name[len("value_per_share_") :]
            for seg, cfg in self.config.segments.items():
                for prefix, kind in (
                    ("market_", Role.MARKET),
                    ("revenue_", Role.SEGMENT_REVENUE),
                    ("margin_", Role.MARGIN),
                    ("segment_profit_", Role.SEGMENT_PROFIT),
                ):
                    if name == prefix + seg:
                        role, group = kind, seg
                for p in (*cfg.players, "rest"):
                    if name == f"share_{seg}_{p}":
                        role, group, player = Role.MARKET_SHARE, seg, p
            company = (
                player is not None
                and group is not None
                and player == self.config.segments[group].company
            )
            infos.append(
                LineInfo(
                    name,
                    unit,
                    role,
                    group=group,
                    company=company,
                    rest=player == "rest",
                    player=player,
                    per_year=name not in ("exit_pe", "value_dcf"),
                )
            )
        return ModelRoles.of(infos)

    @property
    def output_names(self) -> tuple[str, ...]:
        """Names of the outputs (without the ``_invalid_*`` masks)."""
        return tuple(self.output_units)

    @property
    def invalid_names(self) -> tuple[str, ...]:
        """Names of the invariant masks the model returns, each bool ``(n,)``."""
        names = []
        for seg in self.config.segments:
            names += [f"{INVALID}{kind}_{seg}" for kind in _SEGMENT_FLAGS]
        return (*names, *(INVALID + kind for kind in _GROUP_FLAGS))

    # -- evaluation -----------------------------------------------------------------------------
    def __call__(self, inputs: Mapping[str, Any]) -> dict[str, np.ndarray]:
        """Evaluate the model on every path.

        Parameters
        ----------
        inputs : Mapping[str, array_like]
            Every name of :attr:`input_names` -> a scalar, ``(n,)`` or ``(n, n_years)`` array.

        Returns
        -------
        dict[str, ndarray]
            The outputs of :attr:`output_units` plus the masks of :attr:`invalid_names`.

        Raises
        ------
        ParameterError
            A missing input, a bad shape, terminal growth not below the discount rate on some
            path, valuation weights not summing to 1, or a non-positive depreciation life.
        """
        return _evaluate(self, inputs)


_SEGMENT_FLAGS = ("growth", "net_market", "share_sum", "share_input")
_GROUP_FLAGS = (
    "revenue_growth",
    "rest_growth",
    "pe_on_losses",
    "regulatory_discount",
    "shares",
    "negative_value",
)


def _scale_word(currency: str) -> str:
    """Scale word of a money unit (``USD bn`` -> ``bn``), empty if unscaled."""
    parts = currency.split()
    return parts[-1] if len(parts) > 1 else ""


def _evaluate(model: SegmentModel, inputs: Mapping[str, Any]) -> dict[str, np.ndarray]:
    cfg = model.config
    scale = model.units.input_scale
    names = cfg.input_names()
    for name in names:
        if name not in inputs:
            raise ParameterError("model input is missing", field=name)
    n = int(getattr(inputs, "n_paths", 0) or n_paths_of(*(inputs[k] for k in names)))
    n_years = model.n_years

    def get(name: str | None, default: float = 0.0) -> np.ndarray:
        if name is None:
            return np.broadcast_to(default, (n, n_years))
        factor = scale.get(name, 1.0)
        value = as_paths(inputs[name], n, n_years, name)
        return value if factor == 1.0 else value * factor

    out: dict[str, np.ndarray] = {}
    flags: dict[str, np.ndarray] = {}

    # Revenue ---------------------------------------------------------------------------------
    seg_inputs = {
        name: SegmentInputs(
            market=get(seg.market),
            market_growth=get(seg.market_growth),
            shares={p: get(a) for p, a in seg.players.items()},
            company=seg.company,
            share_drift={p: get(a) for p, a in seg.share_drift.items()},
            other_revenue=None if seg.other_revenue is None else get(seg.other_revenue),
            other_revenue_growth=(
                None if seg.other_revenue_growth is None else get(seg.other_revenue_growth)
            ),
        )
        for name, seg in cfg.segments.items()
    }
    projected = project_segments(seg_inputs, cfg.net_of())
    revenue_ext = np.zeros((n, n_years + 1))
    segment_profit = np.zeros((n, n_years))
    for name, seg in cfg.segments.items():
        proj = projected[name]
        out[f"market_{name}"] = proj.market
        if seg.net_of is not None:
            out[f"market_{name}_gross"] = proj.gross
        for player, share in proj.shares.items():
            out[f"share_{name}_{player}"] = share
        out[f"revenue_{name}"] = proj.revenue
        margin = earn.margin_path(
            get(seg.margin_start), get(seg.margin_target), get(seg.margin_years)
        )
        out[f"margin_{name}"] = margin
        out[f"segment_profit_{name}"] = proj.revenue * margin
        segment_profit += proj.revenue * margin
        revenue_ext += proj.revenue_ext
        for kind in _SEGMENT_FLAGS:
            flags[f"{kind}_{name}"] = proj.invalid.get(kind, np.zeros(n, dtype=bool))
    out["revenue_cloud_total"] = revenue_ext[:, 1:]
    out["revenue_growth_cloud"], flags["revenue_growth"] = growth_rate(revenue_ext)

    # Earnings and cash -----------------------------------------------------------------------
    capex = earn.capex_path(get(cfg.capex), get(cfg.capex_years), get(cfg.maintenance_capex))
    if cfg.depreciation_life is None:
        depreciation = np.zeros((n, n_years))
    else:
        depreciation = earn.depreciation_path(capex, get(cfg.depreciation_life))
    cloud_profit = segment_profit - depreciation
    if cfg.rest is None:
        rest, flags["rest_growth"] = np.zeros((n, n_years)), np.zeros(n, dtype=bool)
    else:
        rest, flags["rest_growth"] = grow(get(cfg.rest.earnings), get(cfg.rest.growth))
    earnings = earn.group_earnings(cloud_profit, get(cfg.tax_rate), rest)
    fcf = earn.free_cash_flow(earnings, depreciation, capex)
    out.update(
        operating_profit_cloud=cloud_profit,
        earnings_rest=rest,
        earnings=earnings,
        capex=capex,
        depreciation=depreciation,
        fcf=fcf,
    )

    # Valuation -------------------------------------------------------------------------------
    pe_cfg, dcf_cfg, sotp_cfg, w_cfg = (
        cfg.valuation.pe,
        cfg.valuation.dcf,
        cfg.valuation.sotp,
        cfg.valuation.weights,
    )
    pe = val.pe_multiple(
        get(pe_cfg.multiple_now),
        get(pe_cfg.multiple_peer),
        get(pe_cfg.rerating),
        get(pe_cfg.rerating_fraction),
    )
    value_pe = earnings * pe
    net_cash = get(cfg.net_cash)
    dcf = val.dcf_value(
        fcf,
        get(dcf_cfg.wacc),
        get(dcf_cfg.terminal_growth),
        net_cash,
        names=(dcf_cfg.wacc, dcf_cfg.terminal_growth),
    )
    value_sotp, flags["regulatory_discount"] = val.sotp_value(
        out["revenue_cloud_total"],
        get(sotp_cfg.cloud_multiple),
        rest,
        get(sotp_cfg.rest_multiple),
        net_cash,
        get(sotp_cfg.regulatory_discount),
    )
    vm = val.ValuationMethod
    methods = {vm.PE: value_pe, vm.DCF: dcf.path, vm.SOTP: value_sotp}
    weights = {m: get(getattr(w_cfg, m.value)) for m in vm}
    equity = val.blend(methods, weights, names={m: getattr(w_cfg, m.value) for m in vm})
    flags["pe_on_losses"] = any_by_path((value_pe < 0.0) & (weights[vm.PE] > 0.0))

    # Per share and returns -------------------------------------------------------------------
    fx = get(cfg.fx_to_price, 1.0)
    if cfg.fx_to_price is not None:
        # As a line model's: a rate at or below zero would state every value as nothing.
        val.check_fx(fx, model.years, cfg.fx_to_price)
    k = model.units.per_share_scale
    spend = (
        np.zeros((n, n_years))
        if cfg.buyback is None
        else val.buyback_spend(get(cfg.buyback), get(cfg.buyback_years))
    )
    shares, flags["shares"] = val.share_count(get(cfg.shares), spend, model.price, fx, k)
    vps, flags["negative_value"] = val.per_share(equity, shares, fx, k)
    out.update(
        buyback_spend=spend,
        shares=shares,
        eps=earnings * fx * k / shares,
        pe_multiple=pe,
        exit_pe=pe[:, -1].copy(),
        value_pe=value_pe,
        value_dcf=dcf.value,
        value_dcf_path=dcf.path,
        value_sotp=value_sotp,
        equity_value=equity,
        value_per_share_pe=value_pe * fx * k / shares,
        value_per_share_dcf=dcf.path * fx * k / shares,
        value_per_share_sotp=value_sotp * fx * k / shares,
        value_per_share=vps,
        total_return=total_return(vps, model.price),
        return_annual=annualised_return(vps, model.price),
    )
    out.update({INVALID + key: mask for key, mask in flags.items()})
    return out
