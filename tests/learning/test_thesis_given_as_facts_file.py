"""A thesis file given where an evidence file (or a file of realised values) is expected is
recognised as a thesis, and the message says what such a file holds instead of listing the keys
the thesis has too many of."""

from __future__ import annotations

import pytest

from model import load_thesis
from model.cli.main import main
from model.errors import ThesisModelError
from model.inputs.assembly.evidence import load_evidence, load_realised


@pytest.mark.parametrize(
    ("command", "flag", "section"),
    [("update", "--evidence", "evidence:"), ("backtest", "--realised", "realised:")],
)
def test_thesis_given_as_facts_file_is_named_a_thesis(
    vintage_pair, capsys, command, flag, section
) -> None:
    old, new = vintage_pair
    assert main([command, str(new), flag, str(old)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    assert old.name in err, err
    assert "is a thesis file" in err and section in err, err
    assert "unknown key" not in err, err
    assert "Theses that learn" in err, err


def test_api_loaders_name_the_thesis(vintage_pair) -> None:
    old, new = vintage_pair
    thesis = load_thesis(new)
    for load in (load_evidence, load_realised):
        with pytest.raises(ThesisModelError, match="is a thesis file") as info:
            load(old, thesis)
        assert "unknown key" not in str(info.value)


def test_evidence_file_with_a_wrong_key_still_lists_the_allowed_keys(tmp_path, vintage_pair):
    _, new = vintage_pair
    wrong = tmp_path / "facts.yaml"
    wrong.write_text("format: 1\nobservations: {}\n", encoding="utf-8")
    with pytest.raises(ThesisModelError, match="unknown key 'observations'"):
        load_evidence(wrong, load_thesis(new))
