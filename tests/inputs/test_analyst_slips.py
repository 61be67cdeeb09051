"""Small slips of analysts writing a thesis, each said at the number's own line.

* a source document named by a path that leaves the thesis tree (``doc: ../../x.txt``) is
  refused as outside it, as a ``seeds_dir:`` there is, and nothing outside is opened;
* an event's annual probability written as a whole percentage (``annual_prob: 8``, or an
  assumption of 3 it names) suggests the fraction meant, at the number's line;
* a fraction whose words speak of basis points suggests the number over 10,000;
* an assumption named as a process' ``shock_sd`` is refused below zero, as a literal is;
* a price dated late in the first model year is told that the returns credit it that year's
  whole dividend.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import model
from model.inputs import load_thesis
from model.inputs.plausibility import implausible_fractions
from model.inputs.scope import ReadScope

from .conftest import ThesisCopy, assert_at, fail_load, line_of
from .test_fraction_warnings import write

PRICE_SOURCE = 'source: {doc: article.txt, quote: "the stock reached a peak of 129.5 HKD"}'
SECRET = "secret-token-0987654321"


# -- (a) a document path outside the thesis tree ---------------------------------------------


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every document the loader opens, resolved."""
    seen: list[Path] = []
    real = ReadScope.open_document

    def spy(self: ReadScope, path: Path, what: str, limit: int = 0) -> bytes:
        seen.append(Path(path).resolve())
        return real(self, path, what, limit) if limit else real(self, path, what)

    monkeypatch.setattr(ReadScope, "open_document", spy)
    return seen


def test_a_document_path_leaving_the_tree_is_outside_it(
    thesis_copy: ThesisCopy, tmp_path: Path, opened: list[Path]
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "article.txt").write_text(f"{SECRET} the stock reached a peak of 129.5 HKD\n")
    # The thesis lies in tmp_path/thesis: two folders up from its seeds is tmp_path.
    doc = "../../outside/article.txt"
    text = thesis_copy.edit(PRICE_SOURCE, PRICE_SOURCE.replace("article.txt", doc))
    err = fail_load(thesis_copy)
    assert_at(
        err,
        "minimal.yaml",
        line_of(text, doc),
        "thesis.price.source.doc",
        f"seed document {outside / 'article.txt'} is outside the thesis folder tree",
        "a thesis may only read files inside its own tree",
    )
    assert "unknown seed file" not in str(err) and SECRET not in str(err)
    assert not [p for p in opened if not p.is_relative_to(thesis_copy.root.resolve())]


def test_a_path_to_a_system_file_is_outside_the_tree(
    thesis_copy: ThesisCopy, opened: list[Path]
) -> None:
    doc = "../" * len(thesis_copy.root.resolve().parts) + "etc/hostname"
    text = thesis_copy.edit(PRICE_SOURCE, PRICE_SOURCE.replace("article.txt", doc))
    err = fail_load(thesis_copy)
    assert_at(
        err,
        "minimal.yaml",
        line_of(text, "etc/hostname"),
        "thesis.price.source.doc",
        "seed document /etc/hostname is outside the thesis folder tree",
    )
    assert opened == []


def test_a_path_inside_the_tree_is_still_an_unknown_seed_file(thesis_copy: ThesisCopy) -> None:
    # Documents are named by their file name in the seeds folder, not by a path.
    thesis_copy.edit(PRICE_SOURCE, PRICE_SOURCE.replace("article.txt", "../seeds/article.txt"))
    assert "unknown seed file '../seeds/article.txt'" in str(fail_load(thesis_copy))


# -- (b) an event's probability as a whole percentage ----------------------------------------

EVENT_PROB = "    annual_prob: crackdown_prob"
PROB = "  crackdown_prob:\n    unit: share\n    value: 0.05\n"


def test_a_literal_probability_of_8_suggests_0_08(thesis_copy: ThesisCopy) -> None:
    text = thesis_copy.edit(EVENT_PROB, "    annual_prob: 8")
    assert_at(
        fail_load(thesis_copy),
        "minimal.yaml",
        line_of(text, "annual_prob: 8"),
        "events.crackdown.annual_prob",
        "a probability must lie in [0, 1] (got 8); did you mean 0.08?",
    )


def test_a_named_share_of_3_suggests_0_03_at_its_line(thesis_copy: ThesisCopy) -> None:
    text = thesis_copy.edit(PROB, PROB.replace("0.05", "3"))
    line = line_of(text, "crackdown_prob:") + 2
    assert_at(
        fail_load(thesis_copy),
        "minimal.yaml",
        line,
        "assumptions.crackdown_prob.value",
        "did you mean 0.03?",
    )


@pytest.mark.parametrize(
    ("written", "key", "below", "meant"),
    [("value: 8", "value", 2, "0.08"), ("dist: uniform\n    min: 2\n    max: 6", "min", 3, "0.02")],
)
def test_a_named_probability_in_points_is_refused_at_its_own_line(
    thesis_copy: ThesisCopy, written: str, key: str, below: int, meant: str
) -> None:
    new = PROB.replace("unit: share", 'unit: "%"').replace("value: 0.05", written)
    text = thesis_copy.edit(PROB, new)
    err = fail_load(thesis_copy)
    assert_at(
        err,
        "minimal.yaml",
        line_of(text, "  crackdown_prob:") + below,
        f"assumptions.crackdown_prob.{key}",
        "'crackdown_prob' is the annual probability of event 'crackdown' (at ",
        f"minimal.yaml:{line_of(text, EVENT_PROB)})",
        f"did you mean {meant}?",
    )


def test_a_probability_whose_tails_leave_0_1_is_still_told_at_the_event(
    thesis_copy: ThesisCopy,
) -> None:
    # No number written is out of [0, 1]: the normal's range is, so the event's line says so.
    new = PROB.replace("unit: share", 'unit: "%"').replace(
        "value: 0.05", "dist: normal\n    mean: 0.05\n    sd: 0.01"
    )
    text = thesis_copy.edit(PROB, new)
    assert_at(
        fail_load(thesis_copy),
        "minimal.yaml",
        line_of(text, EVENT_PROB),
        "events.crackdown.annual_prob",
        "'crackdown_prob' ranges over [-inf, inf]",
    )


# -- (c) basis points --------------------------------------------------------------------------


def _with(thesis_copy: ThesisCopy, entry: str) -> list[str]:
    """The fraction warnings of the copied thesis with ``entry`` added to its assumptions."""
    thesis_copy.edit(PROB, entry + PROB)
    return [w.message for w in implausible_fractions(load_thesis(thesis_copy.path))]


def _cost_of_risk(label: str, estimate: str, name: str = "cost_of_risk") -> str:
    return (
        f'  {name}:\n    unit: "%"\n    label: "{label}"\n    dist: lognormal\n'
        f'    ci90: [20, 45]\n    source: {{estimate: "{estimate}"}}\n'
    )


@pytest.mark.parametrize(
    ("label", "estimate", "name"),
    [
        ("Credit losses over loans, in basis points", "Through the cycle, as said", "cost_of_risk"),
        ("Credit losses over loans", "The bank loses 20-45bps of its loans a year", "cost_of_risk"),
        ("Credit losses over loans", "Through the cycle, as said", "cost_of_risk_bp"),
    ],
)  # fmt: skip
def test_basis_points_in_its_words_suggest_ten_thousandths(
    thesis_copy: ThesisCopy, label: str, estimate: str, name: str
) -> None:
    (said,) = _with(thesis_copy, _cost_of_risk(label, estimate, name))
    # 20 bp = 20 / 10,000 = 0.002; 45 bp = 0.0045.
    assert "means 4,500%" in said and "did you mean [0.002, 0.0045]?" in said, said


@pytest.mark.parametrize(
    "label", ["Credit losses over loans", "BP's credit losses over loans"]
)  # "BP" alone is a company's name, not basis points
def test_without_basis_points_the_whole_percentage_is_suggested(
    thesis_copy: ThesisCopy, label: str
) -> None:
    (said,) = _with(thesis_copy, _cost_of_risk(label, "Through the cycle, as said"))
    assert "did you mean [0.2, 0.45]?" in said, said


def test_whole_basis_points_under_the_limit_suggest_ten_thousandths(
    thesis_copy: ThesisCopy,
) -> None:
    entry = (
        '  spread_change:\n    unit: "%"\n    dist: uniform\n    ci90: [2, 4]\n'
        '    source: {estimate: "Spreads widen by 2 to 4 basis points a year"}\n'
    )
    (said,) = _with(thesis_copy, entry)
    assert "means 200% to 400%" in said and "did you mean [0.0002, 0.0004]?" in said, said


# -- (d) a named shock_sd below zero -----------------------------------------------------------

PROCESS = "shock_sd: 0.04, reversion"


def _named_shock(thesis_copy: ThesisCopy, body: str) -> str:
    thesis_copy.edit(PROCESS, "shock_sd: growth_shock, reversion")
    source = '    source: {estimate: "Yearly noise of growth"}\n'
    entry = f'  growth_shock:\n    unit: "%"\n{body}{source}'
    return thesis_copy.edit(PROB, entry + PROB)


def test_a_named_shock_sd_below_zero_is_refused_at_its_value(thesis_copy: ThesisCopy) -> None:
    text = _named_shock(thesis_copy, "    value: -1000\n")
    assert_at(
        fail_load(thesis_copy),
        "minimal.yaml",
        line_of(text, "value: -1000"),
        "assumptions.growth_shock.value",
        "'growth_shock' is the shock_sd of process 'growth_path' (at ",
        "which must be >= 0 (got -1000)",
    )


@pytest.mark.parametrize(
    ("body", "why"),
    [
        ("    dist: normal\n    mean: 0.04\n    sd: 0.01\n", "it ranges over [-inf, inf]"),
        (
            "    dist: normal\n    mean: -0.04\n    sd: 0.01\n    bounds: [-1, 1]\n",
            "its central value is -0.04",
        ),
    ],
)
def test_a_named_shock_sd_drawn_below_zero_is_refused_at_its_dist(
    thesis_copy: ThesisCopy, body: str, why: str
) -> None:
    text = _named_shock(thesis_copy, body)
    assert_at(
        fail_load(thesis_copy),
        "minimal.yaml",
        line_of(text, "  growth_shock:") + 2,
        "assumptions.growth_shock.dist",
        f"which must be >= 0, but {why}",
    )


@pytest.mark.parametrize(
    "body",
    [
        "    value: 0.04\n",
        "    dist: normal\n    mean: 0.04\n    sd: 0.01\n    bounds: [0, 1]\n",
        "    dist: lognormal\n    ci90: [0.02, 0.06]\n",
    ],
)
def test_a_named_shock_sd_at_or_above_zero_passes(thesis_copy: ThesisCopy, body: str) -> None:
    _named_shock(thesis_copy, body)
    assert load_thesis(thesis_copy.path).assumptions["growth_path"].process is not None


# -- (e) a price dated late in the first model year --------------------------------------------

#: The test thesis pays a quarter of its earnings: 0.25 * 50 USD bn * 30% * (1 - 20%) = 3 USD bn
#: over 1 bn shares, 3 USD a share in 2025, 1% of its price of 300; half of them, 6 USD, 2%.
AS_OF = ("  as_of: 2025-06-30", "  as_of: 2025-12-04")
PRICED = ("    date: 2025-06-30", "    date: 2025-12-04")
HALF = ("    value: 0.25\n", "    value: 0.5\n")


def _price_date_warnings(path: Path) -> list[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model.load_thesis(path)
    return [str(w.message) for w in caught if "thesis.price.date" in str(w.message)]


def test_a_late_price_is_told_it_is_credited_the_whole_dividend(tmp_path: Path) -> None:
    path = write(tmp_path, AS_OF, PRICED, HALF)
    (said,) = _price_date_warnings(path)
    line = line_of(path.read_text(), "    date: 2025-12-04")
    assert said.startswith(f"{path}:{line}: thesis.price.date: the price is dated 2025-12-04")
    # 2025-12-04 to 2025-12-31 is 27 days.
    assert "the returns credit that year's whole dividend, 6 USD/share (2.0% of the price)" in said
    assert "to a holder who bought 27 days before its end" in said, said


def test_a_small_dividend_or_an_early_price_is_not_told(tmp_path: Path) -> None:
    # 1% of the price, 0.93% of it for the days before the price date: under a point.
    assert _price_date_warnings(write(tmp_path, AS_OF, PRICED)) == []
    # A payout of 5%: 0.6 USD a share, 0.2% of the price.
    small = ("    value: 0.25\n", "    value: 0.05\n")
    assert _price_date_warnings(write(tmp_path, AS_OF, PRICED, small)) == []
    # Priced on 2 January: the dividend is paid for a year held all but a day.
    early = (
        ("  as_of: 2025-06-30", "  as_of: 2025-01-02"),
        ("    date: 2025-06-30", "    date: 2025-01-02"),
    )
    assert _price_date_warnings(write(tmp_path, *early)) == []
