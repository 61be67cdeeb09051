"""Net debt written in German or Portuguese sources a net cash item as the negative amount."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.cli.main import main
from model.inputs.sources.quotes import numbers_in
from model.inputs.sources.quotesense import senses

from .test_quote_net_debt import _thesis

QUOTES = [
    "Die Nettoverschuldung lag bei 120 Mio. Euro",
    "die Nettofinanzverschuldung betrug zum Jahresende 120 Mio. €",
    "A dívida líquida encerrou o ano em 120 milhões",
]


@pytest.mark.parametrize("quote", QUOTES)
def test_net_debt_is_read_in_german_and_portuguese(quote: str) -> None:
    (read,) = senses(quote, numbers_in(quote))
    assert read.debt and not read.negative


@pytest.mark.parametrize("quote", QUOTES)
def test_it_sources_a_negative_net_cash(tmp_path: Path, capsys, quote: str) -> None:
    # Refused as "a positive number ... but the value is -120": a German or Brazilian company
    # with net debt could not quote its own results.
    assert main(["validate", str(_thesis(tmp_path, "-120", quote))]) == 0, capsys.readouterr().err
