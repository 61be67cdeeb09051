"""A thesis file saved in another encoding than UTF-8 is told where, and how to save it."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from model.errors import ThesisError
from model.inputs.yamlsafe import load_yaml

TEXT = "format: 1\nthesis:\n  name: Café Müller\n  company: Ex\n"


def _error(path: Path) -> ThesisError:
    with pytest.raises(ThesisError) as info:
        load_yaml(path)
    return info.value


def test_a_windows_1252_file_names_the_byte_and_its_place(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_bytes(TEXT.encode("cp1252"))
    err = _error(path)
    assert err.line == 3
    # 'é' is the 12th character of '  name: Café Müller'
    assert "byte 0xE9 at column 12 (in Windows-1252, 'é')" in str(err)
    assert "save the file as UTF-8" in str(err)


@pytest.mark.parametrize("bom", [codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE])
def test_a_utf16_file_is_named_as_such(bom: bytes, tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    codec = "utf-16-le" if bom == codecs.BOM_UTF16_LE else "utf-16-be"
    path.write_bytes(bom + TEXT.encode(codec))
    err = _error(path)
    assert err.line == 1
    assert "the file is UTF-16 text, not UTF-8: save it as UTF-8" in str(err)


def test_utf8_with_or_without_its_mark_reads(tmp_path: Path) -> None:
    for raw in (TEXT.encode("utf-8"), codecs.BOM_UTF8 + TEXT.encode("utf-8")):
        path = tmp_path / "t.yaml"
        path.write_bytes(raw)
        assert load_yaml(path).data["thesis"]["name"] == "Café Müller"


def test_a_stray_byte_after_a_utf8_mark_is_named_at_its_own_place(tmp_path: Path) -> None:
    # The file starts with UTF-8's byte order mark; the Windows-1252 'é' sits at the start of
    # line 2, the 3 bytes of the mark before it in the file but not in the decoded text.
    path = tmp_path / "t.yaml"
    path.write_bytes(codecs.BOM_UTF8 + "format: 1\néthesis: x\n".encode("cp1252"))
    err = _error(path)
    assert err.line == 2
    assert "byte 0xE9 at column 1 (in Windows-1252, 'é')" in str(err)


@pytest.mark.parametrize("codec", ["utf-32-le", "utf-32-be"])
def test_a_utf32_file_is_named_as_such(codec: str, tmp_path: Path) -> None:
    # UTF-32's little-endian mark begins with UTF-16's; the big-endian one with two zero bytes.
    bom = codecs.BOM_UTF32_LE if codec == "utf-32-le" else codecs.BOM_UTF32_BE
    path = tmp_path / "t.yaml"
    path.write_bytes(bom + TEXT.encode(codec))
    err = _error(path)
    assert err.line == 1
    assert "the file is UTF-32 text, not UTF-8: save it as UTF-8" in str(err)


@pytest.mark.parametrize("codec", ["shift_jis", "gbk"])
def test_a_double_byte_file_is_not_read_as_windows_1252(codec: str, tmp_path: Path) -> None:
    # '株式会社' is two bytes a character, all above 0x7F in both code pages: a Windows-1252
    # reading of the first byte would show the author a character the file does not hold.
    path = tmp_path / "t.yaml"
    path.write_bytes("format: 1\nthesis:\n  name: 株式会社\n".encode(codec))
    err = _error(path)
    assert err.line == 3
    assert f"byte 0x{'株'.encode(codec)[0]:02X} at column 9; save the file as UTF-8" in str(err)
    assert "Windows-1252" not in str(err)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_a_utf16_file_without_its_mark_is_named_as_such(codec: str, tmp_path: Path) -> None:
    # Without the mark UTF-8 reads each Latin letter's zero byte as a control character, and
    # the 'é' of 'Café' (0xE9 and a zero) as a Windows-1252 letter.
    path = tmp_path / "t.yaml"
    for text in ("format: 1\nthesis:\n  company: Ex\n", TEXT):
        path.write_bytes(text.encode(codec))
        err = _error(path)
        assert err.line == 1
        assert "the file is UTF-16 text without its byte order mark, not UTF-8" in str(err)
