"""An event named like an assumption is refused at the event's line, before the engine."""

from __future__ import annotations

from .conftest import ThesisCopy, assert_at, fail_load, line_of


def test_event_sharing_an_assumption_name_is_located(thesis_copy: ThesisCopy) -> None:
    text = thesis_copy.edit("events:\n  crackdown:\n", "events:\n  pe_multiplier:\n")
    err = fail_load(thesis_copy)
    assert_at(
        err,
        "minimal.yaml",
        line_of(text, "  pe_multiplier:", nth=2),
        "events.pe_multiplier",
        "'pe_multiplier' is also an assumption",
    )
    assert "engine" not in str(err)
