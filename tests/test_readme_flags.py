"""Every flag a run can report (``result.invalid``, printed by ``thesis run``) is listed in the
README with what it means."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import pytest

import model
from model.valuation import build_model
from model.valuation.blocks.segment import FLAGS as SEGMENT_BLOCK_FLAGS
from model.valuation.lines import model as lines_model
from model.valuation.segment_model import _GROUP_FLAGS, _SEGMENT_FLAGS

ROOT = Path(__file__).resolve().parents[1]
README = ROOT.joinpath("README.md").read_text(encoding="utf-8")
#: The list's entries: "- `growth_<block>`: ...", several flags to an entry at most.
LISTED = [
    flag
    for entry in re.findall(r"^- (`[^:]+`): \S", README, re.M)
    for flag in re.findall(r"`([a-z_<>]+)`", entry)
]
THESES = [
    ROOT / "assumptions" / name
    for name in (
        "alibaba.yaml",
        "alibaba-2022.yaml",
        "amazon.yaml",
        "examples/copper-miner.yaml",
        "examples/japan-conglomerate.yaml",
        "examples/regional-bank.yaml",
        "examples/saas-subscription.yaml",
        "templates/binary-event.yaml",
        "templates/growth-company.yaml",
    )
]


def _documented(flag: str) -> bool:
    for listed in LISTED:
        pattern = re.escape(listed).replace(re.escape("<"), "<").replace(re.escape(">"), ">")
        if re.fullmatch(re.sub(r"<[a-z]+>", r"[A-Za-z0-9_]+", pattern), flag):
            return True
    return False


def test_the_flags_of_blocks_legs_and_segments_are_listed():
    lines_model_flags = {f for flags in lines_model._LEG_FLAGS.values() for f in flags}
    wanted = [
        *(f"{f}_<block>" for f in (*SEGMENT_BLOCK_FLAGS, "growth", "shares")),
        *(f"{f}_<leg>" for f in lines_model_flags),
        *(f"{f}_<segment>" for f in _SEGMENT_FLAGS),
        *_GROUP_FLAGS,
    ]
    missing = [f for f in wanted if f not in LISTED]
    assert not missing, missing


@pytest.mark.parametrize("path", THESES, ids=lambda p: p.stem)
def test_every_flag_a_shipped_thesis_can_report_is_listed(path: Path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        thesis = model.load_thesis(path)
    names = [n.removeprefix("_invalid_") for n in build_model(thesis).invalid_names]
    assert names
    missing = [n for n in names if not _documented(n)]
    assert not missing, missing
