"""The rupiah before its digits: "Rp 3.950" (the Indonesian thousands dot; an English page
writes "Rp 3,950"), "Rp. 3.950", "Rp3.950", and the Indonesian scales "ribu", "juta",
"miliar", "triliun" with the decimal comma ("Rp 12.500 miliar", "Rp 1,2 triliun")."""

from __future__ import annotations

import pytest

from model.inputs.sources.quotes import number_problem, numbers_in
from model.inputs.units import parse_unit


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("BRI membagikan dividen Rp 3.950 per saham.", 3_950, "IDR/share"),
        ("BRI membagikan dividen Rp. 3.950 per saham.", 3_950, "IDR/share"),
        ("BRI membagikan dividen Rp3.950 per saham.", 3_950, "IDR/share"),
        ("The bank paid a dividend of Rp 3,950 per share.", 3_950, "IDR/share"),
        ("Laba bersih mencapai Rp 12.500 miliar.", 12_500, "IDR bn"),
        ("Laba bersih mencapai Rp 12.500 miliar.", 12.5, "IDR tn"),
        ("Laba bersih mencapai Rp 1,2 triliun.", 1_200, "IDR bn"),
        ("Pendapatan naik menjadi Rp 45,3 triliun.", 45.3, "IDR tn"),
        ("Gaji rata-rata Rp 350 juta per tahun.", 350, "IDR m"),
        ("Harga tiket Rp 1.250,50.", 1_250.5, "IDR"),
        ("Net profit reached Rp 12.5 trillion.", 12.5, "IDR tn"),
    ],
)
def test_the_rupiah_is_read(quote: str, value: float, unit: str) -> None:
    # The dot was a decimal point ("Rp 3.950" was 3.95, of no currency) and the scales unread.
    assert number_problem([value], parse_unit(unit), quote) is None


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("BRI membagikan dividen Rp 3.950 per saham.", 3.95, "IDR/share"),
        ("BRI membagikan dividen Rp 3.950 per saham.", 3_950, "USD/share"),
        ("Laba bersih mencapai Rp 12.500 miliar.", 12.5, "IDR bn"),
        ("Laba bersih mencapai Rp 1,2 triliun.", 1.2, "IDR bn"),
    ],
)
def test_a_wrong_reading_of_the_rupiah_is_refused(quote: str, value: float, unit: str) -> None:
    assert number_problem([value], parse_unit(unit), quote) is not None


def test_rp_after_its_digits_stays_the_rappen_or_rupiah_and_sharp_no_rupiah() -> None:
    (n,) = numbers_in("a dividend of 50 Rp. per share")
    assert n.cents and n.currency is None
    assert [q.value for q in numbers_in("a sharp 1.250,50 rise")] == [1.25, 50.0]


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("Target harga Rp 3.950-4.100 per saham.", 4_100, "IDR/share"),
        ("Target harga Rp 3.950 - 4.100 per saham.", 4_100, "IDR/share"),
        ("Saham bergerak di kisaran Rp 3.950 hingga 4.100.", 4_100, "IDR/share"),
        ("Target harga Rp 3.950-4.100 per saham.", 3_950, "IDR/share"),
        ("Kursen låg på SEK 1.250-1.300 per aktie.", 1_300, "SEK/share"),
        ("Laba bersih mencapai Rp 10 hingga 12 triliun.", 10, "IDR tn"),
    ],
)
def test_a_ranges_high_end_follows_the_low_ends_thousands_dot(
    quote: str, value: float, unit: str
) -> None:
    # The bare high end was read with a decimal point: 4.100 was 4.1, of no currency, which
    # supported 4.1 IDR a share and refused 4,100.
    assert number_problem([value], parse_unit(unit), quote) is None
    assert number_problem([value / 1_000], parse_unit(unit), quote) is not None
