"""A line that holds the company's cash or debt but lost its ``role: net_cash`` leaves the DCF
without any net cash: the value falls by the whole balance without a word. validate warns at
the line, naming the leg that adds none."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import model
from model.errors import ThesisModelWarning
from model.inputs.assembly.thesis import load_thesis as inner_load

TEMPLATE = Path(__file__).resolve().parents[2] / "assumptions" / "templates" / "binary-event.yaml"
ROLE = "      start: net_cash_2025\n      role: net_cash\n"


def _messages(tmp_path: Path, text: str) -> tuple[Path, list[str]]:
    path = tmp_path / "thesis.yaml"
    path.write_text(text, encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        # Read as written: a scorecard naming the balance removed is refused by a load.
        model.central(inner_load(path))
    found = [str(w.message) for w in caught if issubclass(w.category, ThesisModelWarning)]
    return path, [m for m in found if "no net cash to the value" in m]


def test_a_cash_line_without_its_role_is_warned_at_the_line(tmp_path):
    text = TEMPLATE.read_text(encoding="utf-8")
    assert ROLE in text
    path, messages = _messages(tmp_path, text.replace(ROLE, "      start: net_cash_2025\n"))
    line = next(n for n, s in enumerate(text.splitlines(), 1) if s.startswith("    cash:"))
    assert len(messages) == 1, messages
    assert messages[0].startswith(f"{path}:{line}: model.lines.cash: "), messages[0]
    assert (
        "leg 'dcf' adds no net cash to the value" in messages[0] and "role: net_cash" in messages[0]
    )


def test_a_cash_line_with_its_role_is_not_warned(tmp_path):
    _, messages = _messages(tmp_path, TEMPLATE.read_text(encoding="utf-8"))
    assert messages == []


README = Path(__file__).resolve().parents[2] / "README.md"
EXAMPLE = Path(__file__).resolve().parents[2] / "assumptions" / "examples" / "copper-miner.yaml"
NET_CASH = (
    "    net_cash:\n"
    "      # interest after tax: cash earns the deposit rate, net debt costs the debt rate\n"
    '      value: "net_cash[t-1] + (max(net_cash[t-1], 0) * deposit_rate'
    ' + min(net_cash[t-1], 0) * debt_rate) * (1 - tax_rate) + fcf"\n'
    "      start: net_debt_2026\n      role: net_cash\n"
)


def test_the_readme_example_without_its_net_cash_role_is_warned(tmp_path):
    found = re.search(
        r"<!-- readme-example: example.yaml -->\n```yaml\n(.*?)```",
        README.read_text(encoding="utf-8"),
        re.S,
    )
    assert found is not None
    role = "      start: net_cash_2025\n      role: net_cash\n"
    assert role in found.group(1)
    _, messages = _messages(tmp_path, found.group(1).replace(role, "      start: net_cash_2025\n"))
    assert len(messages) == 1, messages
    assert "if 'cash' is the balance of cash less debt, give it role: net_cash" in messages[0]


def test_a_balance_read_from_its_previous_year_without_a_start_is_warned(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8")
    assert NET_CASH in text
    rolled = "    net_debt:\n      value: net_debt[t-1] - fcf\n      prior: -net_debt_2026\n"
    _, messages = _messages(tmp_path, text.replace(NET_CASH, rolled))
    assert len(messages) == 1 and "model.lines.net_debt:" in messages[0], messages


def _flow_named_as_cash(tmp_path, old, new):
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace(NET_CASH, "").replace('"net_cash[2028] > 0"', '"fcf[2028] > 0"')
    for a, b in zip(old, new, strict=True):
        assert a in text, a
        text = text.replace(a, b)
    return _messages(tmp_path, text)[1]


def test_a_flow_named_with_cash_is_not_a_balance(tmp_path):
    # Cash costs and cash taxes are flows of a year, not the company's cash: neither is warned.
    costs = _flow_named_as_cash(
        tmp_path, ("    costs:\n", "revenue - costs"), ("    cash_costs:\n", "revenue - cash_costs")
    )
    assert costs == []
    taxes = _flow_named_as_cash(
        tmp_path,
        ("    fcf:\n",),
        ("    cash_taxes:\n      value: max(ebit, 0) * tax_rate\n    fcf:\n",),
    )
    assert taxes == []
