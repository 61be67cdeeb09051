"""Seed articles saved in Windows-1252 or UTF-16 are read as written; another encoding is named
in the error when a quote is not found."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from model.cli.main import main
from model.inputs.sources.documents import NotText, decode_text, document_index

README = Path(__file__).resolve().parents[2] / "README.md"
SALES = """  sales_2025:
    unit: EUR m
    value: 820
    source: {estimate: "This year's sales, from guidance (illustrative)"}"""
QUOTE = "Der Umsatz für 2025 beträgt 820 Mio. €"


def _thesis(tmp_path: Path, article: bytes, quote: str = QUOTE) -> Path:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- readme-example: example.yaml -->\n```yaml\n(.*?)```", text, re.S)
    assert found is not None and SALES in found.group(1)
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "bericht.txt").write_bytes(article)
    sourced = SALES.replace(
        '{estimate: "This year\'s sales, from guidance (illustrative)"}',
        f'{{doc: bericht.txt, quote: "{quote}"}}',
    )
    path = tmp_path / "example.yaml"
    path.write_text(found.group(1).replace(SALES, sourced), encoding="utf-8")
    return path


ARTICLE = f"Geschäftsbericht 2025\n{QUOTE}.\n"


@pytest.mark.parametrize(
    "article",
    [
        ARTICLE.encode("cp1252"),  # saved by a Windows editor or browser
        ARTICLE.encode("utf-16"),  # Notepad's "Unicode", with its byte-order mark
        ARTICLE.encode("utf-8-sig"),
        ARTICLE.encode("utf-8"),
    ],
    ids=["windows-1252", "utf-16", "utf-8-bom", "utf-8"],
)
def test_an_article_in_a_common_encoding_is_read(tmp_path: Path, capsys, article: bytes) -> None:
    # A Windows-1252 or UTF-16 file was read as UTF-8 with replacement characters: the quote
    # ("für", "beträgt", "€") was never found in it.
    assert main(["validate", "-q", str(_thesis(tmp_path, article))]) == 0, capsys.readouterr().err


def test_another_encoding_is_named_when_the_quote_is_not_found(tmp_path: Path, capsys) -> None:
    quote = "売上高は820百万ユーロ"
    path = _thesis(tmp_path, f"決算\n{quote}\n".encode("shift_jis"), quote)
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert (
        "assumptions.sales_2025.source.quote: quote not found in bericht.txt (it is not UTF-8"
        in err
    )
    assert "if its text is in another encoding, save it as UTF-8" in err


def test_an_index_saved_in_windows_1252_names_its_publisher(tmp_path: Path) -> None:
    index = "| file | publisher | date |\n| --- | --- | --- |\n| `a.txt` | Süddeutsche | 2025 |\n"
    (tmp_path / "INDEX.md").write_bytes(index.encode("cp1252"))
    assert document_index(tmp_path)["a.txt"].publisher == "Süddeutsche"


def test_decode_text() -> None:
    assert decode_text("für".encode()) == ("für", "")
    assert decode_text(b"a\nb\xfc") == (
        "a\nbü",
        "it is not UTF-8 (byte 0xfc on line 2) and was read as Windows-1252",
    )


@pytest.mark.parametrize(
    ("stray", "quote"),
    [
        (b"junk \x81\n", "Der Umsatz für 2025 lag bei 820 Mio. Euro"),
        (b"\xff", "Revenue was €820 million"),
        (b"\xc3\x28", "2025年营收为8.2亿欧元"),
    ],
    ids=["german", "euro-sign", "chinese"],
)
def test_a_utf8_article_with_a_stray_byte_stays_utf8(
    tmp_path: Path, capsys, stray: bytes, quote: str
) -> None:
    # One bad byte had the whole file read as Windows-1252: "€" became "â‚¬", "ü" "Ã¼", and
    # no quote with a character beyond ASCII was found any more.
    article = stray + f"Bericht\n{quote}.\n".encode()
    assert main(["validate", "-q", str(_thesis(tmp_path, article, quote))]) == 0, (
        capsys.readouterr().err
    )
    text, note = decode_text(article)
    assert quote in text and note.endswith("and its bad bytes were replaced")


def test_a_stray_byte_in_a_quote_not_found_is_named(tmp_path: Path, capsys) -> None:
    article = b"junk \x81\n" + "Der Umsatz für 2025 lag bei 700 Mio. Euro.\n".encode()
    path = _thesis(tmp_path, article, "Der Umsatz für 2025 lag bei 800 Mio. Euro")
    assert main(["validate", str(path)]) == 2
    assert "(it is not UTF-8 (byte 0x81 on line 1) and its bad bytes were replaced" in (
        capsys.readouterr().err
    )


@pytest.mark.parametrize(
    ("good", "bad", "utf8"),
    [("€", 4, True), ("€", 5, False), ("€ü𝄞", 12, True), ("€ü𝄞", 13, False), ("", 1, False)],
)
def test_a_file_stays_utf8_while_it_has_a_multibyte_character_for_four_bad_bytes(
    good: str, bad: int, utf8: bool
) -> None:
    # Characters are counted, not bytes ("𝄞" is four bytes of UTF-8); each "\xfc " is a bad
    # byte of its own.
    raw = b"Bericht " + " ".join(good).encode() + b" " + b"\xfc " * bad
    text, note = decode_text(raw)
    assert note.endswith("its bad bytes were replaced") is utf8
    assert (good in text.replace(" ", "")) is utf8 or not good


def _binary(seed: int, nul: bool = True) -> bytes:
    data = random.Random(seed).randbytes(20_000)
    if not nul:
        data = data.replace(b"\x00", b"")
    return data[:10_000] + QUOTE.encode() + data[10_000:]


@pytest.mark.parametrize(
    ("article", "words"),
    [
        (_binary(3), "are control characters or undecodable bytes (at most 1%"),
        (_binary(4, nul=False), "are control characters or undecodable bytes (at most 1%"),
        (b"\xff\xfe" + ("x\x00" * 40 + QUOTE).encode("utf-16-le"), "are control characters"),
    ],
    ids=["random-bytes", "random-bytes-without-nul", "utf-16-with-nul"],
)
def test_a_binary_seed_document_is_refused(
    tmp_path: Path, capsys, article: bytes, words: str
) -> None:
    # 20 KB of random bytes around the quoted words validated: the quote was "found" in data
    # no article could be.
    assert main(["validate", str(_thesis(tmp_path, article))]) == 2
    err = capsys.readouterr().err
    assert "example.yaml:" in err and "assumptions.sales_2025.source.doc: seed document " in err
    assert "bericht.txt is not text: " in err and words in err
    assert "save the article's text as a UTF-8 text file" in err
    with pytest.raises(NotText):
        decode_text(article)


def test_a_stray_nul_keeps_a_file_text(tmp_path: Path) -> None:
    # A text article with one NUL at its end (a truncated copy) is text, as before.
    raw = ("Bericht.\n" + QUOTE + "\n").encode() + b"\x00"
    assert decode_text(raw)[0].count(QUOTE) == 1
    assert main(["validate", "-q", str(_thesis(tmp_path, raw))]) == 0


def test_a_few_control_characters_keep_a_file_text() -> None:
    # A form feed per page, a stray escape code or bell: text, read as before.
    raw = ("Bericht\f" + QUOTE + "\x1b[0m\x07\n").encode() * 2
    assert decode_text(raw)[0].count(QUOTE) == 2


def test_a_binary_index_is_no_index(tmp_path: Path) -> None:
    (tmp_path / "INDEX.md").write_bytes(b"| file |\n|--|\n| a.txt |\n" + b"\x00" * 50)
    assert document_index(tmp_path) == {}
