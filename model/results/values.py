"""Small result values: a probability with its standard error, a sourced chart mark, the
probability text (``pct``, ``pct_se``) that the console and the notebooks share, and scenario
weights read from a thesis or given by a caller (:func:`check_weights`)."""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import numpy as np

from model.errors import SettingsError, WeightsError
from model.inputs.figures import large_text

if TYPE_CHECKING:
    import pandas as pd

    from model.inputs.assembly.thesis import Thesis


def pct(x: float, *, sign: bool = False) -> str:
    """A fraction as a percentage with one decimal (``"n/a"`` when not finite; scientific from
    :data:`~model.inputs.figures.LARGE` percent on), with ``+`` before a gain when ``sign``."""
    if not math.isfinite(x):
        return "n/a"
    big = large_text(x * 100.0, sign=sign)
    return (f"{x:+.1%}" if sign else f"{x:.1%}") if big is None else f"{big}%"


#: A standard error below this many percentage points is shown as zero (``"0.0%"``).
SE_FLOOR_POINTS = 1e-4


def se_pct(se: float) -> str:
    """A standard error as a percentage with one or two significant digits, at least 1 decimal."""
    if not math.isfinite(se):
        return "n/a"
    points = abs(se) * 100.0
    big = large_text(points)
    if big is not None:
        return f"{big}%"
    if points < SE_FLOOR_POINTS:
        # Paths that all agree leave an error of rounding noise (1e-16): it is zero, and its
        # sixteen decimals would only hide the estimate beside it.
        return "0.0%"
    decimals = max(1, -math.floor(math.log10(points)))
    return f"{points:.{decimals}f}%"


#: Coverage of the one-sided bound shown for a probability counted at exactly 0% or 100%.
BOUND_LEVEL = 0.95


def certainty_bound(n: float | None, level: float = BOUND_LEVEL) -> float:
    """Upper confidence bound on a probability that none of ``n`` independent paths satisfy.

    The exact binomial (Clopper-Pearson) one-sided bound ``1 - (1 - level) ** (1 / n)``: about
    ``3 / n`` at 95% (the rule of three). A count of 0 (or of every path) has a standard error
    of 0, which claims a certainty that ``n`` paths cannot give; this bound is what they do give.

    Parameters
    ----------
    n : float or None
        Paths counted, or the effective sample size of a weighted estimate.
    level : float
        One-sided coverage.

    Returns
    -------
    float
        The bound; NaN when ``n`` is missing, not finite or below 2 (one path gives no error
        either, see :func:`model.results.summary.indicator_se`).
    """
    if n is None or not math.isfinite(n) or n < 2.0:
        return math.nan
    return -math.expm1(math.log1p(-level) / n)


def bound_text(p: float, n: float | None) -> str | None:
    """``"< 0.015%, 95% bound"`` for a probability counted at 0 on ``n`` (effective) paths,
    ``"> 99.985%, 95% bound"`` at 1; None for any other probability or without ``n``."""
    bound = certainty_bound(n)
    if not math.isfinite(bound) or p not in (0.0, 1.0):
        return None
    points = bound * 100.0
    # Two significant digits, rounded away from the estimate so the bound is never understated.
    decimals = max(1, 1 - math.floor(math.log10(points)))
    step = 10.0**decimals
    if p == 0.0:
        return f"< {math.ceil(points * step) / step:.{decimals}f}%, {BOUND_LEVEL:.0%} bound"
    low = math.floor((100.0 - points) * step) / step
    return f"> {low:.{decimals}f}%, {BOUND_LEVEL:.0%} bound"


def pct_se(p: float, se: float, n: float | None = None) -> str:
    """``"57.3% ± 1.1%"``; a small error keeps its size (``"13.4% ± 0.04%"``, not ``± 0.0%``).

    Given the (effective) paths ``n``, a probability counted at 0 or 1 shows its 95% bound
    instead of a zero error: ``"0.0% (< 0.015%, 95% bound)"``.
    """
    bound = bound_text(p, n)
    if bound is not None:
        return f"{pct(p)} ({bound})"
    return f"{pct(p)} ± {se_pct(se)}"


@dataclass(frozen=True)
class Mark:
    """A sourced point to draw on a chart next to a simulated distribution.

    Attributes
    ----------
    output : str
        The output it belongs to, e.g. ``"market_ai_cloud"``.
    year : int
        The year it refers to.
    value : float
        The value, in the output's unit.
    label : str
        What it is, e.g. ``"AI-cloud market 2025 (research card)"``.
    source : str
        Where it comes from (a seed document name, or ``"thesis"`` for the thesis' price).
    """

    output: str
    year: int
    value: float
    label: str
    source: str


@dataclass(frozen=True)
class Probability:
    """A probability estimated from the paths, with its binomial standard error.

    Attributes
    ----------
    statement : str
        The statement whose truth was counted.
    p : float
        Share of paths where it holds.
    se : float
        Its standard error: ``sqrt(p (1 - p) / n)`` for plain Monte Carlo, batch means for Latin
        hypercube and Sobol' runs (see :func:`model.results.summary.probability`).
    n : int
        Number of paths counted: those on which the statement is defined.
    n_undefined : int
        Paths left out because the statement is undefined there (a division by zero, ...).
    df : int or None
        Degrees of freedom of a batch-means ``se`` (independent blocks - 1); None when the
        paths are independent.
    ess : float or None
        Effective sample size of a weighted estimate (evidence-conditioned: Kish's
        ``1 / sum(w**2)`` of the normalised weights); None when every path counts alike.

    Notes
    -----
    A probability counted at exactly 0 or 1 has ``se`` 0: no path disagrees, so the sample
    shows no spread. That is no certainty, and its text shows instead the exact one-sided
    95% bound of :func:`certainty_bound` on :attr:`n_effective` paths (about ``3 / n``).
    For Latin hypercube and Sobol' runs the bound takes the paths as independent, whose
    variance these designs do not exceed in practice.
    """

    statement: str
    p: float
    se: float
    n: int
    n_undefined: int = 0
    df: int | None = None
    ess: float | None = None

    @property
    def n_effective(self) -> float:
        """The effective sample size of a weighted estimate, else the paths counted."""
        return float(self.n) if self.ess is None else float(self.ess)

    @property
    def bound(self) -> float:
        """The 95% one-sided bound on the probability when it is counted at 0 (an upper bound)
        or 1 (a lower bound: ``1 - certainty_bound``); NaN for any other estimate."""
        b = certainty_bound(self.n_effective)
        return b if self.p == 0.0 else 1.0 - b if self.p == 1.0 else math.nan

    def __float__(self) -> float:
        return self.p

    def __round__(self, ndigits: int | None = None) -> float:
        """``round(p, 2)`` rounds the probability as a number."""
        return round(self.p, ndigits)

    # Ordered as its number, against numbers and other probabilities: ``p > 0.5`` reads the
    # estimate (its standard error says how sure that is). ``==`` stays the dataclass's, field
    # by field (equal probabilities hash alike): compare ``p.p == 0.5`` for the number.
    def _number(self, other: object) -> float | None:
        if isinstance(other, Probability):
            return other.p
        if isinstance(other, numbers.Real) and not isinstance(other, bool):
            return float(other)
        return None

    def __lt__(self, other: object) -> bool:
        x = self._number(other)
        return NotImplemented if x is None else self.p < x

    def __le__(self, other: object) -> bool:
        x = self._number(other)
        return NotImplemented if x is None else self.p <= x

    def __gt__(self, other: object) -> bool:
        x = self._number(other)
        return NotImplemented if x is None else self.p > x

    def __ge__(self, other: object) -> bool:
        x = self._number(other)
        return NotImplemented if x is None else self.p >= x

    def __format__(self, spec: str) -> str:
        """``f"{p:.1%}"`` formats the probability as a number (a spec ending in a number's
        type: ``e f g n %`` and their capitals); ``f"{p}"``, ``f"{p:>40}"`` format the text."""
        if spec and spec[-1] in "eEfFgGn%":
            return format(self.p, spec)
        return format(str(self), spec)

    def interval(self, level: float = 0.95) -> tuple[float, float]:
        """Confidence interval ``p -+ c se``, clipped to [0, 1].

        ``c`` is the normal quantile for independent paths and Student's t with ``df``
        degrees of freedom for a batch-means standard error (LHS and Sobol' runs). A
        probability counted at 0 or 1 has no spread to measure, so its interval is the exact
        (Clopper-Pearson) one on :attr:`n_effective` paths, ``[0, 1 - ((1 - level) / 2) **
        (1 / n)]`` at 0 and its mirror at 1, instead of the point.

        Parameters
        ----------
        level : float
            Coverage, strictly between 0 and 1, e.g. 0.95.

        Returns
        -------
        tuple of float
            ``(low, high)``.

        Raises
        ------
        SettingsError
            If ``level`` is not strictly between 0 and 1.
        """
        from model.engine.summaries.stats import critical_value
        from model.errors import SettingsError

        if not 0.0 < level < 1.0:
            raise SettingsError(f"the coverage level must lie in (0, 1) (got {level})")
        if self.p in (0.0, 1.0) and self.se == 0.0:
            # Two-sided: each tail holds (1 - level) / 2, as the normal interval's do.
            reach = certainty_bound(self.n_effective, 1.0 - (1.0 - level) / 2.0)
            if math.isfinite(reach):
                return (0.0, reach) if self.p == 0.0 else (1.0 - reach, 1.0)
        z = critical_value(level, self.df)
        return max(0.0, self.p - z * self.se), min(1.0, self.p + z * self.se)

    def to_frame(self) -> pd.DataFrame:
        """One-row table: statement, probability, probability_se, n, n_undefined."""
        import pandas as pd

        row = {"statement": self.statement, "probability": self.p, "probability_se": self.se}
        row["n"] = self.n
        return pd.DataFrame([{**row, "n_undefined": self.n_undefined}])

    def summary(self) -> pd.DataFrame:
        """The same one-row table as :meth:`to_frame`."""
        return self.to_frame()

    def __repr__(self) -> str:
        from model.results.display.views import probability_repr

        return probability_repr(self)

    def _repr_html_(self) -> str:
        from model.results.display.views import probability_html

        return probability_html(self)

    def __str__(self) -> str:
        left_out = f", {self.n_undefined:,} undefined left out" if self.n_undefined else ""
        shown = pct_se(self.p, self.se, self.n_effective)
        # A weighted estimate is as precise as its effective paths, not as all of them.
        size = f"n={self.n:,}" if self.ess is None else f"ess={self.ess:,.0f} of n={self.n:,}"
        return f"P({self.statement}) = {shown} ({size}{left_out})"


def not_kept_message(name: str, mixed: bool = False) -> str:
    """Why a run has no paths of output ``name``: it was streamed (``keep=``), or it was
    streamed in the run(s) a blend or a resampling picks its paths from, and a streamed summary
    cannot follow the paths picked."""
    if not mixed:
        return (
            f"output {name!r} was streamed, not kept per path; simulate again with "
            f"keep=[..., {name!r}] to use its paths (its summary is in .summary())"
        )
    return (
        f"output {name!r} was streamed, not kept per path, in the run(s) this result picks its "
        "paths from (a blend or a resampling), so it has neither paths nor a summary of it: a "
        "streamed summary cannot follow the paths picked; run again with "
        f"keep=[..., {name!r}] to have it here (each source run's summary of it is in its "
        ".summary())"
    )


def unkept_outputs(result: Any) -> tuple[str, ...]:
    """The outputs ``result`` has no paths of because its run(s) streamed them (``keep=``)."""
    streamed = getattr(result, "streamed", None) or {}
    return (*streamed, *(getattr(result, "not_kept", None) or ()))


def check_kept(result: Any, name: str) -> None:
    """Refuse ``name`` when ``result`` streamed it rather than kept it per path.

    Raises
    ------
    SettingsError
        With :func:`not_kept_message`: the output exists, and ``keep=`` brings its paths back.
    """
    if name in unkept_outputs(result):
        mixed = name in (getattr(result, "not_kept", None) or ())
        raise SettingsError(not_kept_message(name, mixed=mixed))


def weight_value(entry: Any) -> float:
    """A weight from the thesis: a number or an object/mapping with ``value``."""
    if isinstance(entry, Mapping):
        entry = entry.get("value")
    entry = getattr(entry, "value", entry)
    # Text ("0.5") and true/false are no weights: float() would read them as 0.5 and 1.
    if isinstance(entry, str | bytes | bool | np.bool_):
        raise WeightsError(f"weight {entry!r} is not a number")
    try:
        return float(entry)
    except (TypeError, ValueError):
        raise WeightsError(f"weight {entry!r} is not a number") from None


def thesis_weights(thesis: Thesis) -> dict[str, float]:
    """The ``weights:`` of a thesis as plain floats; :class:`WeightsError` when it has none."""
    raw = getattr(thesis, "weights", None) or {}
    if not raw:
        raise WeightsError(
            "the thesis has no `weights:` section: add one to the thesis file (each "
            "scenario's probability, base included, summing to 1), or in Python pass "
            "weights={scenario: weight, ...}"
        )
    return {str(name): weight_value(entry) for name, entry in raw.items()}


def check_weights(weights: Mapping[str, Any], known: Iterable[str]) -> dict[str, float]:
    """Validate scenario weights: known names, each in [0, 1], summing to 1 (within 1e-9).

    Parameters
    ----------
    weights : Mapping[str, float]
        Scenario -> weight.
    known : iterable of str
        The scenarios that exist.

    Returns
    -------
    dict
        The weights as floats, in the given order.

    Raises
    ------
    WeightsError
        With the offending names or the actual sum.
    """
    from model.errors import did_you_mean

    pool = list(known)
    if not isinstance(weights, Mapping):
        # A pandas Series of weights indexed by scenario is a mapping in all but name.
        if not callable(getattr(weights, "items", None)) or isinstance(weights, str):
            raise WeightsError(
                f"scenario weights are a mapping such as {{'base': 0.6, 'bear': 0.4}}, "
                f"got {type(weights).__name__}"
            )
        weights = dict(weights.items())
    if not weights:
        raise WeightsError("no scenario weights given")
    out: dict[str, float] = {}
    for name, entry in weights.items():
        if name not in pool:
            hint = did_you_mean(str(name), pool)
            suffix = f"; {hint}" if hint else ""
            raise WeightsError(f"weight for unknown scenario {name!r}{suffix}")
        value = weight_value(entry)
        if not (math.isfinite(value) and 0.0 <= value <= 1.0):
            raise WeightsError(f"weight of {name!r} must lie in [0, 1] (got {value})")
        out[str(name)] = value
    total = math.fsum(out.values())
    if abs(total - 1.0) > 1e-9:
        raise WeightsError(f"scenario weights must sum to 1 (they sum to {total:.12g})")
    return out


def frozen_arrays(arrays: Mapping[str, Any]) -> Mapping[str, np.ndarray]:
    """Read-only views of the arrays, so a result cannot be changed after the fact."""
    out: dict[str, np.ndarray] = {}
    for name, value in arrays.items():
        view = np.asarray(value).view()
        view.flags.writeable = False
        out[name] = view
    return MappingProxyType(out)
