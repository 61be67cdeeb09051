"""Plain words for the slips a thesis file's author makes in YAML and its encoding.

PyYAML reports where its reading fails, which is often not where the slip is; these helpers find
the slip and say it, so the error names the line to fix.
"""

from __future__ import annotations

import codecs
import re
from typing import Any

import yaml

__all__ = ["missing_colon", "not_utf8", "unclosed_quote", "utf16_unmarked"]


#: A line that reads as a mapping key (``  unit: ...``): quoted text holding one has swallowed it.
_KEY_LINE = re.compile(r"\n[ \t]*(?:- )?[A-Za-z_][\w-]*:(?:[ \t]|$)", re.MULTILINE)


def unclosed_quote(exc: yaml.MarkedYAMLError, text: str) -> tuple[str, int] | None:
    """The message and line for a quote left open, or None.

    PyYAML reads an open quote on through the following lines to the next quote mark and fails
    there, often lines later and in words about what it met (indentation, a ``%``), so the
    error is told at the line where the quote opened instead. An apostrophe inside single
    quotes (``'This year's'``) closes the text early, and is named as such.
    """
    if "end of stream" in (exc.problem or "") and exc.context_mark is not None:
        opened = exc.context_mark.line + 1
        said = f"invalid YAML: the file ends inside an unclosed quote opened on line {opened}"
        return (said, opened) if "quoted" in (exc.context or "") else None
    mark = exc.problem_mark or exc.context_mark
    end = mark.index if mark is not None else len(text)
    last: Any = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.index >= end:
                break
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'"):
                last = token
    except yaml.YAMLError:
        pass  # the tokens before the error are what counts
    if last is None:
        return None
    # An apostrophe sits inside a word ("year's"); a quote with a space or ':' before it opens
    # a later text (``c: 'x'``), which an open quote above has run on to.
    before = text[last.end_mark.index - 2 : last.end_mark.index - 1]
    after = text[last.end_mark.index : last.end_mark.index + 1]
    if last.style == "'" and before.isalnum() and after.isalnum() and mark is not None:
        if mark.line == last.end_mark.line:
            # 'This year's sales': the apostrophe closed the text and YAML met what follows.
            head = text[last.start_mark.index : last.end_mark.index]
            return (
                f"invalid YAML: an apostrophe ends the single-quoted text {head} early; inside "
                "single quotes write it twice ('') or quote the text with double quotes",
                last.end_mark.line + 1,  # the apostrophe's line, the last of the text
            )
    # The error comes where the runaway text ends; one further away is another mistake.
    if last.start_mark.line == last.end_mark.line:
        return None
    if end - last.end_mark.index > 400:
        return None
    # Quoted text may span lines on purpose, even lines that read 'word: ...' (indented under its
    # key); text that holds a 'key:' line no deeper than its own key took that line by mistake.
    if not _swallows_a_key(text, last.start_mark.index, last.end_mark.index):
        return None
    opened, closed = last.start_mark.line + 1, last.end_mark.line + 1
    return (
        f"invalid YAML: the quote opened on line {opened} is not closed on its line, so it runs "
        f"on to the next {last.style!r} on line {closed}; close it where the text ends",
        opened,
    )


def _swallows_a_key(text: str, start: int, end: int) -> bool:
    """Whether the text between ``start`` and ``end`` holds a key line as far left as its key."""
    opening = text[text.rfind("\n", 0, start) + 1 : start]
    column = len(opening) - len(opening.lstrip(" -"))  # where the opening line's key starts
    for found in _KEY_LINE.finditer(text, start, end):
        line = found.group(0)[1:]
        if len(line) - len(line.lstrip(" \t")) <= column:
            return True
    return False


def utf16_unmarked(raw: bytes) -> bool:
    """Whether ``raw`` starts as UTF-16 text saved without its byte order mark.

    Such a file's Latin letters are each one byte and one zero byte, which UTF-8 reads as
    letters and control characters; the zeros sit on every other byte, all odd or all even.
    """
    head = raw[: min(len(raw), 64) // 2 * 2]
    if not head:
        return False
    even, odd = head[0::2], head[1::2]
    return (not odd.strip(b"\x00") and b"\x00" not in even) or (
        not even.strip(b"\x00") and b"\x00" not in odd
    )


#: What every message about a file's encoding says was expected.
EXPECTED = "(expected YAML text in UTF-8)"


def not_utf8(raw: bytes, at: int) -> tuple[str, int]:
    """The message and line for a file that is not UTF-8, its first bad byte at ``at``.

    Editors on Windows save text as UTF-16 ("Unicode") or in the Windows-1252 code page
    ("ANSI"); the message says which it looks like and to save the file as UTF-8.
    """
    # UTF-32's little-endian mark starts with UTF-16's, so it is told first.
    if raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return f"the file is UTF-32 text, not UTF-8: save it as UTF-8 {EXPECTED}", 1
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return f"the file is UTF-16 text, not UTF-8: save it as UTF-8 {EXPECTED}", 1
    line = raw[:at].count(b"\n") + 1
    # Everything before the first bad byte is UTF-8, so its characters can be counted.
    column = len(raw[raw.rfind(b"\n", 0, at) + 1 : at].decode("utf-8-sig")) + 1
    byte = raw[at]
    seen = bytes([byte]).decode("cp1252", errors="replace")
    # A Western letter in Windows-1252 is one byte among ASCII ones; a run of high bytes is more
    # likely a double-byte code page (Shift-JIS, GBK), where that reading is a wrong character.
    lone = raw[at + 1 : at + 2] < b"\x80"
    shown = lone and seen.isprintable() and seen != "\ufffd"
    looks = f" (in Windows-1252, {seen!r})" if shown else ""
    return (
        f"the file is not valid UTF-8 text {EXPECTED}: byte 0x{byte:02X} at column {column}"
        f"{looks}; save the file as UTF-8",
        line,
    )


#: PyYAML's words when a line without its ':' runs on into the next key.
_COLON_SLIPS = ("mapping values are not allowed", "could not find expected ':'", "<block end>")


def missing_colon(exc: yaml.MarkedYAMLError, text: str) -> tuple[str, int] | None:
    """The message and line for a key written without its ':', or None.

    ``unit EUR m`` above ``value: 820`` reads as text running on into the next line, and PyYAML
    fails at that line's ':'; the slip is the line above, so it is named there.
    """
    mark = exc.problem_mark
    if mark is None or not any(w in (exc.problem or "") for w in _COLON_SLIPS):
        return None
    lines = text.splitlines()
    if mark.line >= len(lines):
        return None
    row = mark.line - 1
    while row >= 0 and lines[row].split("#", 1)[0].strip() == "":
        row -= 1  # blank and comment lines between them
    if row < 0:
        return None
    above, here = lines[row].split(" #", 1)[0].rstrip(), lines[mark.line]
    indent = len(above) - len(above.lstrip())
    if indent != len(here) - len(here.lstrip()) or ":" in above or above.lstrip()[:1] in "-[{'\"":
        return None
    # The line may end text quoted over lines (``  more"``) or a list or mapping written over
    # lines in brackets (``  0.14]``), which is no key at all.
    start = sum(len(line) for line in text.splitlines(keepends=True)[:row]) + indent
    if _continues(text, start):
        return None
    return (
        f"invalid YAML: line {row + 1} ({above.strip()!r}) has no ':' after its key "
        "(expected 'key: value')",
        row + 1,
    )


def _continues(text: str, at: int) -> bool:
    """Whether the character at ``at`` lies in a scalar or a ``[...]``/``{...}`` begun before it."""
    depth = 0
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.index >= at:
                break
            if isinstance(token, (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)):
                depth += 1
            elif isinstance(token, (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)):
                depth -= 1
            elif isinstance(token, yaml.ScalarToken) and token.end_mark.index > at:
                return True
    except yaml.YAMLError:
        pass  # the tokens before the error are what counts
    return depth > 0
