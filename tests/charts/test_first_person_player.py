"""The company's own player under a first-person key (``us``, as the segments starter writes
it) is named by the company in the market-share chart: "US" read as the United States."""

from __future__ import annotations

import re

import pytest

import model
from model import charts
from model.cli.authoring import init_thesis


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    path = init_thesis("Kestrel Motion Systems", tmp_path_factory.mktemp("us"), "segments")
    return model.simulate(path, n_paths=300, seed=5)


def texts(fig) -> list[str]:
    return [t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text")) if t.get_text()]


def test_the_share_chart_names_the_company_not_a_country(result):
    assert "share_services_us" in result.outputs  # the starter's first-person key
    fig = charts.share_paths(result, "services")
    words = texts(fig)
    assert not [t for t in words if re.search(r"\bUS\b", t)]
    assert any("Kestrel Motion Systems (median)" in t for t in words)
    assert (
        charts.fan_chart(result, "share_services_us")
        .axes[0]
        .get_ylabel()
        .startswith("Kestrel Motion Systems share of")
    )
