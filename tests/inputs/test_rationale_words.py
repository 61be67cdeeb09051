"""A rationale, spread or quote counts its words, not its punctuation: an estimate "because
. . ." or "- - -" says nothing, and is refused as too short at its line."""

from __future__ import annotations

import pytest

from model.inputs import load_thesis
from tests.inputs.conftest import ThesisCopy, assert_at, fail_load, line_of

_RATIONALE = '{estimate: "A fifth off the multiple after a crackdown"}'


@pytest.mark.parametrize("said", [". . .", "- - -", "? ! ?", "because . . ."])
def test_punctuation_is_no_rationale(thesis_copy: ThesisCopy, said: str) -> None:
    text = thesis_copy.edit(_RATIONALE, f'{{estimate: "{said}"}}')
    assert_at(
        fail_load(thesis_copy),
        "minimal.yaml",
        line_of(text, f'"{said}"'),
        "assumptions.pe_multiplier.source.estimate",
        "at least a few words",
    )


@pytest.mark.parametrize(
    "said", ["Cut by 20% - a guess", "Peers trade at 0.8x book", "减记二成 因监管"]
)
def test_short_rationales_with_words_stand(thesis_copy: ThesisCopy, said: str) -> None:
    thesis_copy.edit(_RATIONALE, f'{{estimate: "{said}"}}')
    assert load_thesis(thesis_copy.path).ledger() is not None
