"""Safe YAML loading with line numbers, duplicate-key detection and YAML 1.2 core scalars.

Thesis files are written by hand and read by people checking an investment case, so the loader
is deliberately narrow:

* it never constructs Python objects from tags: PyYAML only *composes* the node graph and this
  module builds plain ``dict`` / ``list`` / ``str`` / ``int`` / ``float`` / ``bool`` / ``None``
  values itself; any tag other than the standard scalar and collection tags is an error;
* plain scalars follow the YAML 1.2 *core* schema rather than PyYAML's YAML 1.1 rules, so ``NO``,
  ``yes`` and ``on`` stay strings, ``1e3`` is a float and an ambiguous ``017`` is an error;
* it remembers the line of every field so that every later check can point at it;
* it refuses files that are too large, too deep or that expand aliases into too many nodes
  (the "billion laughs" attack).
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass
from typing import Any

import yaml

from model.errors import ThesisError
from model.inputs.locations import (
    FieldPath,
    LoadedYaml,
    Locator,
    display_path,
    dotted,
    parse_dotted,
)
from model.inputs.yamlslips import (
    EXPECTED,
    missing_colon,
    not_utf8,
    unclosed_quote,
    utf16_unmarked,
)

__all__ = [
    "FieldPath",
    "Limits",
    "LoadedYaml",
    "Locator",
    "display_path",
    "dotted",
    "load_yaml",
    "parse_dotted",
    "parse_yaml",
]


_TAG = "tag:yaml.org,2002:"
# A private tag for plain (unquoted, untagged) scalars, so that this module - not PyYAML's YAML 1.1
# resolvers - decides what they mean.
_PLAIN = "tag:thesis-model,2025:plain"
_STANDARD_SCALAR_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null")}

# YAML 1.2 core schema, section 10.3.2 (plus the leading-zero rule below).
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = re.compile(r"^(?:true|false)$", re.IGNORECASE)
_INT = re.compile(r"^[-+]?[0-9]+$")
_OCT = re.compile(r"^0o[0-7]+$")
_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")
# Characters YAML does not allow in a stream (PyYAML's reader rejects them too, without a line).
_CONTROL = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# What a double-quoted escape can make that the reader would refuse in the file itself.
_ESCAPED_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
#: Most digits of an integer literal: the largest float has 309.
_MAX_DIGITS = 400


@dataclass(frozen=True)
class Limits:
    """Resource limits applied while loading one file.

    Parameters
    ----------
    max_bytes : int
        Largest accepted file size.
    max_depth : int
        Deepest accepted nesting of mappings and lists.
    max_aliases : int
        Most ``*alias`` references in one file.
    max_nodes : int
        Most values after expanding aliases (guards against exponential alias expansion).
    """

    max_bytes: int = 2 * 1024 * 1024
    max_depth: int = 64
    max_aliases: int = 1000
    max_nodes: int = 100_000


DEFAULT_LIMITS = Limits()


class _Abort(Exception):
    """Internal: a limit was hit while composing; carries the message and the mark."""

    def __init__(self, message: str, mark: yaml.Mark | None) -> None:
        super().__init__(message)
        self.message = message
        self.mark = mark


class _Limited(yaml.composer.Composer):
    """Composing with the limits on nesting and aliases (a mixin of both loaders)."""

    _limits: Limits
    _depth: int
    _aliases: int

    def _start(self, limits: Limits) -> None:
        self._limits = limits
        self._depth = 0
        self._aliases = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > self._limits.max_aliases:
                raise _Abort(
                    f"too many aliases (more than {self._limits.max_aliases}); "
                    "write the values out instead of aliasing them",
                    self.peek_event().start_mark,
                )
            return super().compose_node(parent, index)
        self._depth += 1
        try:
            if self._depth > self._limits.max_depth:
                raise _Abort(
                    f"nesting deeper than {self._limits.max_depth} levels",
                    self.peek_event().start_mark,
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode and implicit[0]:
            return _PLAIN
        return super().resolve(kind, value, implicit)  # type: ignore[misc]  # (the Resolver's)


class _Loader(_Limited, yaml.SafeLoader):
    """PyYAML's safe parser, used only to compose nodes; the values are built by this module."""

    def __init__(self, stream: str, limits: Limits) -> None:
        yaml.SafeLoader.__init__(self, stream)
        self._start(limits)


try:  # libyaml's parser, when PyYAML was built with it (the wheels are)
    from yaml._yaml import CParser as _CParser
except ImportError:  # pragma: no cover - a PyYAML without libyaml
    _CParser = None


class _FastLoader(_Limited, yaml.resolver.Resolver):
    """The same composer and limits on libyaml's events (its C scanner and parser).

    Scanning and parsing are most of the time to read a thesis in pure Python (a tenth of a
    second for the flagship thesis). A document libyaml rejects is parsed again by
    :class:`_Loader`, so errors read the same whichever parser found them.
    """

    def __init__(self, stream: str, limits: Limits) -> None:
        assert _CParser is not None
        self._events = _CParser(stream)
        yaml.composer.Composer.__init__(self)
        yaml.resolver.Resolver.__init__(self)
        self._start(limits)

    def check_event(self, *choices: Any) -> bool:
        return bool(self._events.check_event(*choices))

    def peek_event(self) -> Any:
        return self._events.peek_event()

    def get_event(self) -> Any:
        event = self._events.get_event()
        if getattr(event, "style", None) == "":
            event.style = None  # libyaml's plain style, as PyYAML's (the merge-key check reads it)
        return event

    def dispose(self) -> None:
        self._events.dispose()


def _compose(text: str, limits: Limits) -> Any:
    """The document's node tree: with libyaml when it accepts the text, else as PyYAML says."""
    if _CParser is not None:
        fast = _FastLoader(text, limits)
        try:
            return fast.get_single_node()
        except (yaml.YAMLError, _Abort, RecursionError):
            pass  # the pure parser below gives the error, in its own words
        finally:
            fast.dispose()
    loader = _Loader(text, limits)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


# PyYAML's wording of common syntax errors, said plainly.
_PLAIN_WORDS: tuple[tuple[str, str], ...] = (
    (
        "mapping values are not allowed here",
        "unexpected ':' - quote text that contains ': ', or check the indentation",
    ),
    (
        "cannot start any token",
        "a tab or stray character where YAML expects content; indent with spaces",
    ),
    ("could not find expected ':'", "a line is missing its ':' (expected 'key: value')"),
    (
        "did not find expected key",
        "bad indentation or a missing key: every line of a mapping "
        "needs 'key: value' at the same indentation",
    ),
    (
        "did not find expected '-' indicator",
        "bad indentation in a list: each item starts with '- '",
    ),
    ("expected <block end>", "bad indentation: a line is indented differently from its siblings"),
    ("found unexpected end of stream", "the file ends inside an unclosed quote or bracket"),
    ("found unexpected ':'", "unexpected ':' - quote text that contains ': '"),
    ("expected ',' or ']'", "an unclosed '[' list: expected ',' or ']'"),
    ("expected ',' or '}'", "an unclosed '{' mapping: expected ',' or '}'"),
    ("found undefined alias", "an alias '*name' refers to no '&name' anchor"),
    ("found duplicate anchor", "the same '&anchor' is defined twice"),
    ("expected a single document", "the file holds more than one YAML document ('---'); keep one"),
    (
        "found unknown escape character",
        "unknown escape sequence in a double-quoted string (use single quotes for backslashes)",
    ),
)


#: Characters YAML reserves: no unquoted value may start with them (``unit: %``).
_RESERVED = "%@`"
#: What comes just before a value's start: a key's ':', a list's '-', a flow collection's
#: opening or comma, or nothing.
_VALUE_STARTS = (":", "-", "[", "{", ",", "?", "")


def _reserved_start(exc: yaml.MarkedYAMLError, text: str) -> str | None:
    """The message for a value starting with a character YAML reserves, with the line quoted
    as it should be written; None for another error (a tab keeps its own words)."""
    problem, mark = exc.problem or "", exc.problem_mark
    char = next((c for c in _RESERVED if problem.startswith(f"found character {c!r}")), None)
    if char is None:
        return None
    said = f"invalid YAML: {char!r} cannot start an unquoted value (YAML reserves it); quote it"
    lines = text.splitlines()
    if mark is None or mark.line >= len(lines) or lines[mark.line][mark.column :][:1] != char:
        return said
    line, col = lines[mark.line], mark.column
    head = line[:col]
    if head.rstrip()[-1:] not in _VALUE_STARTS:
        return said
    # A plain value ends at a comment or, as a key, at its ': '.
    value = line[col:].split(" #", 1)[0].split(": ", 1)[0].rstrip()
    value = value[:-1] if value.endswith(":") else value
    if head.count("[") + head.count("{") > head.count("]") + head.count("}"):
        # Inside a flow collection the value ends at its comma or closing bracket.
        value = value[: min((i for c in ",]}" if (i := value.find(c)) >= 0), default=len(value))]
        value = value.rstrip()
    plain = '"' not in value and "\\" not in value  # else single quotes escape nothing
    quoted = f'"{value}"' if plain else "'" + value.replace("'", "''") + "'"
    fixed = (head + quoted + line[col + len(value) :]).strip()
    return f"{said}: {fixed}"


def _plain_words(exc: yaml.MarkedYAMLError, text: str = "") -> str:
    problem = exc.problem or exc.context or "invalid YAML"
    reserved = _reserved_start(exc, text)
    if reserved is not None:
        return reserved
    for needle, words in _PLAIN_WORDS:
        if needle in problem or (exc.context and needle in exc.context):
            return f"invalid YAML: {words}"
    return f"invalid YAML: {problem}"


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag


class _Builder:
    """Turns composed nodes into plain values, recording lines and enforcing limits."""

    def __init__(self, file: str, limits: Limits) -> None:
        self.file = file
        self.limits = limits
        self.lines: dict[FieldPath, int] = {}
        #: 0-based first and last lines of each block scalar's text (``|`` and ``>`` styles).
        self.blocks: dict[FieldPath, tuple[int, int]] = {}
        self.nodes = 0

    def fail(self, message: str, node: yaml.Node, path: FieldPath) -> ThesisError:
        # A runaway path (recursive or exploding aliases) is cut so the message stays one line.
        shown = dotted(path[:4]) + (" ..." if len(path) > 4 else "")
        return ThesisError(
            message, file=self.file, line=node.start_mark.line + 1, field=shown or None
        )

    def build(self, node: yaml.Node, path: FieldPath, depth: int = 0) -> Any:
        self.nodes += 1
        if self.nodes > self.limits.max_nodes:
            raise self.fail(
                f"the document expands to more than {self.limits.max_nodes} values "
                "(aliases nested inside aliases?)",
                node,
                path,
            )
        if depth > self.limits.max_depth:
            raise self.fail(
                f"nesting deeper than {self.limits.max_depth} levels (a recursive alias?)",
                node,
                path,
            )
        self.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.ScalarNode):
            if node.style in ("|", ">"):
                # Its text stands line for line in the file, after the indicator's line.
                last = node.end_mark.line - (node.end_mark.column == 0)
                self.blocks[path] = (node.start_mark.line + 1, last)
            return self.scalar(node, path)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _TAG + "seq":
                raise self.unsafe_tag(node, path)
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            if node.tag != _TAG + "map":
                raise self.unsafe_tag(node, path)
            return self.mapping(node, path, depth)
        raise self.fail("unsupported YAML node", node, path)  # pragma: no cover

    def unsafe_tag(self, node: yaml.Node, path: FieldPath) -> ThesisError:
        return self.fail(
            f"YAML tag '{_short_tag(node.tag)}' is not allowed in a thesis file "
            "(tags could construct objects; write plain values)",
            node,
            path,
        )

    def mapping(self, node: yaml.MappingNode, path: FieldPath, depth: int) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        key_lines: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.fail(
                    "a mapping key must be a plain name, not a list or mapping", key_node, path
                )
            if key_node.tag == _TAG + "merge" or (
                key_node.value == "<<" and key_node.style is None
            ):
                raise self.fail(
                    "merge keys '<<' are not supported; write the keys out", key_node, path
                )
            key = self.scalar(key_node, path)
            if isinstance(key, float | bool) or key is None:
                # Keys are field names or years; anything else is almost surely a typo.
                key = key_node.value if key_node.value else key
                if key is None:
                    raise self.fail("empty mapping key", key_node, path)
            line = key_node.start_mark.line + 1
            if key in key_lines:
                raise ThesisError(
                    f"duplicate key '{key}' (first defined on line {key_lines[key]}, "
                    f"again on line {line}); keep one",
                    file=self.file,
                    line=line,
                    field=dotted((*path, key)),
                )
            key_lines[key] = line
            self.lines[(*path, key)] = line
            out[key] = self.build(value_node, (*path, key), depth + 1)
            # The key's line is more useful than the value's for block mappings.
            self.lines[(*path, key)] = line
        return out

    def scalar(self, node: yaml.ScalarNode, path: FieldPath) -> Any:
        tag, text = node.tag, node.value
        bad = _ESCAPED_CONTROL.search(text)
        if bad is not None and node.style == '"':
            # A double-quoted escape ("\ud800", "\0") made a character no text may hold.
            raise self.fail(
                f"the escape for U+{ord(bad.group()):04X} in a double-quoted string makes a "
                "character that is not text; remove it",
                node,
                path,
            )
        if tag == _PLAIN:
            return self.core(text, node, path)
        if tag == _TAG + "str":
            return text
        if tag in _STANDARD_SCALAR_TAGS:
            # An explicit standard tag (e.g. !!float 3): resolve strictly with YAML 1.2 rules.
            value = self.core(text, node, path)
            wanted = tag[len(_TAG) :]
            ok = {
                "int": lambda v: isinstance(v, int) and not isinstance(v, bool),
                "float": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
                "bool": lambda v: isinstance(v, bool),
                "null": lambda v: v is None,
            }[wanted](value)
            if not ok:
                raise self.fail(f"'{text}' is not a valid {wanted}", node, path)
            return float(value) if wanted == "float" else value
        raise self.unsafe_tag(node, path)

    def core(self, text: str, node: yaml.ScalarNode, path: FieldPath) -> Any:
        if _NULL.match(text):
            return None
        if _BOOL.match(text):
            return text.lower() == "true"
        if _INT.match(text):
            digits = text.lstrip("+-")
            if len(digits) > _MAX_DIGITS:
                # Far beyond the largest float (and Python's limit on decimal conversions).
                raise self.fail(f"number too large ({len(digits)} digits)", node, path)
            if len(digits) > 1 and digits.startswith("0"):
                plain = digits.lstrip("0") or "0"
                sign = "-" if text.startswith("-") else ""
                # YAML 1.1 reads 017 as octal; 089 has no octal reading to offer.
                octal = f"{sign}0o{plain} for octal, or " if set(plain) <= set("01234567") else ""
                raise self.fail(
                    f"ambiguous number '{text}': write {sign}{plain} (or {octal}quote it for text)",
                    node,
                    path,
                )
            return int(text)
        if (_OCT.match(text) or _HEX.match(text)) and len(text) > _MAX_DIGITS:
            raise self.fail(f"number too large ({len(text) - 2} digits)", node, path)
        if _OCT.match(text):
            return int(text[2:], 8)
        if _HEX.match(text):
            return int(text[2:], 16)
        if _FLOAT.match(text):
            return float(text)
        if _INF.match(text):
            return -math.inf if text.startswith("-") else math.inf
        if _NAN.match(text):
            return math.nan
        return text


def parse_yaml(text: str, file: str = "<string>", limits: Limits = DEFAULT_LIMITS) -> LoadedYaml:
    """Parse YAML text safely.

    Parameters
    ----------
    text : str
        The YAML source.
    file : str
        Name used in messages.
    limits : Limits
        Resource limits.

    Returns
    -------
    LoadedYaml

    Raises
    ------
    ThesisError
        Malformed YAML, unsafe tags, duplicate keys, ambiguous numbers or a limit exceeded; the
        message names the file and line.
    """
    if len(text.encode("utf-8", "surrogatepass")) > limits.max_bytes:
        raise ThesisError(
            f"file too large ({len(text.encode('utf-8', 'surrogatepass'))} bytes; the limit "
            f"is {limits.max_bytes})",
            file=file,
        )
    bad = _CONTROL.search(text)
    if bad is not None:
        row = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        raise ThesisError(
            f"control character U+{ord(bad.group()):04X} at column {column}: a thesis file is "
            "plain text (is this a binary file?)",
            file=file,
            line=row,
        )
    try:
        node = _compose(text, limits)
    except _Abort as exc:
        line = exc.mark.line + 1 if exc.mark is not None else None
        raise ThesisError(exc.message, file=file, line=line) from None
    except yaml.MarkedYAMLError as exc:
        slip = unclosed_quote(exc, text) or missing_colon(exc, text)
        if slip is not None:
            raise ThesisError(slip[0], file=file, line=slip[1]) from None
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise ThesisError(_plain_words(exc, text), file=file, line=line) from None
    except yaml.YAMLError as exc:  # e.g. a reader error on a control character
        raise ThesisError(f"invalid YAML: {exc}", file=file) from None
    except RecursionError:
        raise ThesisError("invalid YAML: nesting too deep", file=file) from None
    if node is None:
        raise ThesisError("the file is empty", file=file, line=1)
    builder = _Builder(file, limits)
    try:
        data = builder.build(node, ())
    except RecursionError:
        raise ThesisError("nesting too deep (a recursive alias?)", file=file) from None
    return LoadedYaml(
        data=data, file=file, lines=builder.lines, raw=text.encode("utf-8"), blocks=builder.blocks
    )


def load_yaml(path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS) -> LoadedYaml:
    """Read and parse a YAML file safely (see :func:`parse_yaml`).

    Raises
    ------
    ThesisError
        The file is missing, unreadable, too large, not UTF-8 or invalid.
    """
    file = display_path(path)
    try:
        size = os.stat(path).st_size
        if size > limits.max_bytes:
            raise ThesisError(
                f"file too large ({size} bytes; the limit is {limits.max_bytes})", file=file
            )
        with open(path, "rb") as fh:
            raw = fh.read(limits.max_bytes + 1)
    except FileNotFoundError:
        raise ThesisError("file not found", file=file) from None
    except IsADirectoryError:
        raise ThesisError("is a folder, not a YAML file", file=file) from None
    except OSError as exc:
        raise ThesisError(f"cannot read the file: {exc.strerror or exc}", file=file) from None
    return load_yaml_bytes(raw, file, limits)


def load_yaml_bytes(raw: bytes, file: str, limits: Limits = DEFAULT_LIMITS) -> LoadedYaml:
    """Parse YAML already read (from standard input, say) as :func:`load_yaml` parses a file.

    Parameters
    ----------
    raw : bytes
        The document; at most ``limits.max_bytes`` of it are accepted.
    file : str
        How messages name it, e.g. ``"<stdin>"``.
    """
    if len(raw) > limits.max_bytes:
        raise ThesisError(f"file too large (the limit is {limits.max_bytes} bytes)", file=file)
    if b"\x00" in raw[:2] and utf16_unmarked(raw):
        said = (
            "the file is UTF-16 text without its byte order mark, not UTF-8: save it as UTF-8 "
            f"{EXPECTED}"
        )
        raise ThesisError(said, file=file, line=1)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # The decoder counts from after a UTF-8 byte order mark; the message, from the file start.
        said, line = not_utf8(raw, exc.start + len(raw) - len(exc.object))
        raise ThesisError(said, file=file, line=line) from None
    loaded = parse_yaml(text, file=file, limits=limits)
    return LoadedYaml(
        data=loaded.data, file=file, lines=loaded.lines, raw=raw, blocks=loaded.blocks
    )
