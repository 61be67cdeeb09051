"""Writing a thesis: ``thesis schema`` (a JSON Schema for editors), ``thesis init`` (a starter).

``thesis init NAME`` copies one of the commented starter theses shipped in
``model/cli/starters/`` (a growth company valued on its sales, a licence decision valued by a DCF,
a company of two segments with a quoted source), with the thesis' name and company set to
``NAME``. Each starter validates and runs as written; the first two are also the templates in
the project's ``assumptions/templates/``. Neither command ever replaces a file it did not write:
``init`` refuses any existing target, ``schema --out`` an existing file unless ``--force``, and
even then replaces only a file it wrote itself that nobody changed since.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import secrets
import shlex
import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from model.cli.commands import EXIT_OK
from model.cli.inputs import out_folder
from model.errors import ExportError, WriteError

__all__ = ["STARTERS", "Starter", "add_init", "add_schema", "init_thesis", "starter_text"]


@dataclass(frozen=True)
class Starter:
    """A starter thesis: its file in ``starters/``, what it shows, and the seed it quotes."""

    file: str
    summary: str
    seed: str | None = None


#: Starter theses by their ``--template`` word.
STARTERS: dict[str, Starter] = {
    "growth": Starter(
        "growth.yaml",
        "one product compounding from a start, margins gliding up, valued on EV/sales (TWD)",
    ),
    "event": Starter(
        "event.yaml",
        "a licence decision as an event, a launch ramp, valued by a DCF (JPY)",
    ),
    "segments": Starter(
        "segments.yaml",
        "two segments (a market with named rivals, a business growing on its own), a quoted "
        "source, valued by P/E and a sum of the parts (EUR)",
        seed="placeholder-source.txt",
    ),
}

#: The line of a starter that names its seeds folder (replaced by the one ``init`` writes).
_SEEDS_LINE = re.compile(r"^seeds_dir: .*$", re.MULTILINE)
_NAME_LINE = re.compile(r"^(  name: ).*$", re.MULTILINE)
_COMPANY_LINE = re.compile(r"^(  company: ).*$", re.MULTILINE)


def starter_text(template: str) -> str:
    """The text of a starter thesis as shipped (before ``init`` names it)."""
    return _read(STARTERS[template].file)


def _read(name: str) -> str:
    return resources.files("model.cli").joinpath("starters", name).read_text(encoding="utf-8")


#: Latin letters that do not decompose into a base letter and an accent.
_LETTERS = str.maketrans(
    {"ß": "ss", "Æ": "AE", "æ": "ae", "Ø": "O", "ø": "o", "Œ": "OE", "œ": "oe", "Ł": "L",
     "ł": "l", "Đ": "D", "đ": "d", "Þ": "Th", "þ": "th"}
)  # fmt: skip


def slug(name: str) -> str:
    """A file name for a thesis name: ``"Acme Robotics"`` -> ``acme-robotics``.

    Accented letters keep their base letter (``"Müller AG"`` -> ``muller-ag``, not
    ``m-ller-ag``); letters of other scripts are kept as they are (``"日本電産"`` ->
    ``日本電産``, so that two such theses get files of their own); a name with no letter or
    digit at all gives ``thesis``. At most :data:`MAX_SLUG` characters (a long name made a
    file name the system refuses).
    """
    kept = []
    for ch in name.translate(_LETTERS):
        latin = unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode("ascii")
        kept.append(latin if latin else (ch if ch.isalnum() else " "))
    text = re.sub(r"[\W_]+", "-", "".join(kept).lower()).strip("-")
    return text[:MAX_SLUG].strip("-") or "thesis"


#: Longest file name ``init`` makes from a thesis name (before ``.yaml`` or ``-seeds``).
MAX_SLUG = 80


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def init_thesis(name: str, folder: str | os.PathLike[str] = ".", template: str = "growth") -> Path:
    """Write a starter thesis called ``name`` into ``folder``; return the thesis file.

    Parameters
    ----------
    name : str
        The thesis' name and company (the file is named after it: ``acme-robotics.yaml``).
    folder : str or PathLike
        Where to write (created if missing).
    template : {"growth", "event", "segments"}
        Which starter.

    Raises
    ------
    ExportError
        A target file already exists (nothing is written), or an unknown template.
    WriteError
        The folder cannot be written.
    """
    if template not in STARTERS:
        raise ExportError(f"unknown template {template!r}; choose one of {', '.join(STARTERS)}")
    from model.inputs.scalars import MAX_TITLE, one_line_problem

    if not name.strip() or "\t" in name or one_line_problem(name) is not None:
        raise ExportError("the thesis name must be one line of text, e.g. 'Acme Robotics'")

    if len(name.strip()) > MAX_TITLE:  # the starter would not validate (a title heads pages)
        raise ExportError(
            f"the thesis name must be at most {MAX_TITLE} characters (got {len(name.strip())})"
        )
    starter = STARTERS[template]
    base = Path(folder)
    target = base / f"{slug(name)}.yaml"
    text = starter_text(template)
    text = _NAME_LINE.sub(lambda m: m.group(1) + _yaml_string(name.strip()), text, count=1)
    text = _COMPANY_LINE.sub(lambda m: m.group(1) + _yaml_string(name.strip()), text, count=1)
    files: list[tuple[Path, str]] = []
    if starter.seed is not None:
        seeds = f"{slug(name)}-seeds"
        text = _SEEDS_LINE.sub(f"seeds_dir: {seeds}", text, count=1)
        files.append((base / seeds / starter.seed, _read(starter.seed)))
    files.insert(0, (target, text))
    for path, _ in files:
        folder_in_the_way = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
        if folder_in_the_way is not None:
            raise ExportError(
                f"{folder_in_the_way} is a file, not a folder; --out names the folder to write "
                "the starter into"
            )
        # A link to nothing where a folder goes: mkdir would fail half way with the system's
        # words; writing through it would create a folder outside the one asked for.
        dangling = next((p for p in path.parents if p.is_symlink() and not p.exists()), None)
        if dangling is not None:
            raise ExportError(
                f"{dangling} is a link to a missing folder ({os.readlink(dangling)}); remove it, "
                "or choose another name or --out folder"
            )
        if path.exists() or path.is_symlink():
            raise ExportError(
                f"{path} already exists; thesis init never replaces a file (choose another "
                "name or --out folder)"
            )
    written: list[Path] = []
    try:
        for path, content in files:
            path.parent.mkdir(parents=True, exist_ok=True)
            _write_new(path, content)
            written.append(path)
    except BaseException:
        for path in written:  # ours, just written: leave nothing half done
            with contextlib.suppress(OSError):
                path.unlink()
        raise
    return target


def _write_new(path: Path, text: str) -> None:
    """Write a new file atomically; fail if it exists (a hard link never replaces a file)."""
    tmp = path.parent / f".{path.name}.{os.getpid()}.{secrets.token_hex(6)}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise ExportError(f"{path} already exists; thesis never replaces a file") from None
        except OSError:
            # File systems without hard links: exclusive create, then the content.
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            with os.fdopen(fd, "wb") as handle:
                handle.write(text.encode("utf-8"))
    except FileExistsError:
        raise ExportError(f"{path} already exists; thesis never replaces a file") from None
    except OSError as exc:
        raise WriteError.wrap(path, exc) from exc
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


# -- thesis init -------------------------------------------------------------------------------


def add_init(sub: argparse._SubParsersAction) -> None:
    """Register the ``init`` subcommand."""
    choices = "; ".join(f"{k}: {v.summary}" for k, v in STARTERS.items())
    p = sub.add_parser(
        "init",
        help="write a commented starter thesis that validates and runs",
        description="Write a starter thesis NAME.yaml (the name made into a file name) into "
        "--out (default: the current folder): every section of the format with comments, "
        "all numbers illustrative estimates to replace with yours. It validates and runs as "
        f"written. Templates: {choices}. Never replaces an existing file.",
    )
    p.add_argument("name", help="the thesis' name and company, e.g. 'Acme Robotics'")
    p.add_argument(
        "--out", type=out_folder, metavar="FOLDER", default=".", help="folder to write into"
    )
    p.add_argument(
        "--template", choices=list(STARTERS), default="growth", help="the starter's shape"
    )
    p.set_defaults(func=_init)


def _init(args: argparse.Namespace) -> int:
    path = init_thesis(args.name, args.out, args.template)
    print(f"wrote {path}")
    # Quoted for the shell, so that a folder with spaces can be pasted as printed.
    shown = shlex.quote(str(path))
    print(f"next: thesis validate {shown}  |  thesis outputs {shown}  |  thesis run {shown}")
    return EXIT_OK


# -- thesis schema -----------------------------------------------------------------------------


def add_schema(sub: argparse._SubParsersAction) -> None:
    """Register the ``schema`` subcommand."""
    p = sub.add_parser(
        "schema",
        help="print the JSON Schema of the thesis format (for editor completion)",
        description="Print (or write with --out) a JSON Schema, draft 2020-12, of the thesis "
        "file format, model section included (block types, valuation legs, roles), generated "
        "from the definitions the loader uses. For VS Code's YAML extension put "
        "'# yaml-language-server: $schema=thesis.schema.json' as the first line of a thesis. "
        "--scenarios gives the schema of a file of scenario overlays instead.",
    )
    p.add_argument(
        "--out", metavar="FILE", help="write the schema to FILE instead of stdout (- is stdout)"
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="replace an existing --out file that thesis wrote (never one it did not write)",
    )
    p.add_argument("--scenarios", action="store_true", help="the schema of a scenario overlay file")
    p.set_defaults(func=_schema)


def _schema(args: argparse.Namespace) -> int:
    from model._folders import is_owned_file, write_owned_file
    from model.valuation.lines.schema import schema_text

    text = schema_text("scenarios" if args.scenarios else "thesis")
    # '-' is standard output, as for --csv -: never a file named '-' in the current folder.
    if args.out is None or args.out == "-":
        print(text, end="")
        return EXIT_OK
    target = Path(args.out)
    if target.is_dir():
        raise ExportError(f"{target} is a folder; --out names the schema file to write")
    # --force replaces only a schema file thesis wrote and nobody changed since: for any other
    # file the writer's refusal says why, as --force would not help.
    if target.exists() and not args.force and is_owned_file(target):
        raise ExportError(f"{target} already exists; add --force to replace it")
    write_owned_file(target, text.encode("utf-8"))
    print(f"wrote {target}")
    return EXIT_OK
