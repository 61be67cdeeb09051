"""A line that holds the company's cash or debt but lost its ``role: net_cash`` leaves the DCF
without any net cash: the value falls by the whole balance without a word. validate warns at
the line, naming the leg that adds none."""

from __future__ import annotations

import warnings
from pathlib import Path

import model
from model.errors import ThesisModelWarning

TEMPLATE = Path(__file__).resolve().parents[2] / "assumptions" / "templates" / "binary-event.yaml"
ROLE = "      start: net_cash_2025\n      role: net_cash\n"


def _messages(tmp_path: Path, text: str) -> tuple[Path, list[str]]:
    path = tmp_path / "thesis.yaml"
    path.write_text(text, encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model.central(model.load_thesis(path))
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
