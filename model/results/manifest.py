"""The provenance of a run as plain values: thesis, input files, scenario, seed, settings and
versions.

These dictionaries become ``manifest.json`` in an export. They hold no time stamps and no host
names, so two exports of the same thesis with the same seed have identical manifests.

Input files
-----------
A thesis reaches beyond its own file: scenario files, an evidence file, a file of realised
values, the previous vintage (with its own scenario and facts files), the seed documents its
quotes cite and the seeds folder's ``INDEX.md`` (which names those documents on the charts and
the page). Editing any of them changes what an export shows, so :func:`input_files` lists each
with its sha256 and size, and a reader can tell two exports of differently edited inputs apart.

Paths are relative to the thesis file's folder (``../seeds/003.txt``), never absolute: export
folders are shared, and an absolute path would show the author's directory layout. A file read
from a folder outside the thesis tree (one allowed with ``--allow-read``) is listed by its file
name only, marked ``outside_tree``.
"""

from __future__ import annotations

import hashlib
import os
import platform
from collections.abc import Iterator, Mapping, Sequence
from importlib import metadata
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from model.inputs.assembly.thesis import Thesis
    from model.inputs.scope import ReadScope
    from model.results.results import SimulationResult

#: Version of the manifest layout; bump when keys change meaning. Format 2 adds ``self_sha256``,
#: the sha256 of the manifest's text rendered without it (see :mod:`model._folders`). Format 3
#: names the thesis by ``file`` (its file name) instead of ``path`` (the path it was read from).
MANIFEST_FORMAT = 3

_LIBRARIES = ("numpy", "scipy", "pandas", "matplotlib", "pyarrow")


def versions() -> dict[str, str | None]:
    """Versions of this package, Python and the numerical libraries (None when not installed)."""
    from model import __version__

    out: dict[str, str | None] = {"thesis_model": __version__}
    out["python"] = platform.python_version()
    for name in _LIBRARIES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = None
    return out


def seed_text(entropy: Any) -> str | list[str] | None:
    """Seed entropy as JSON-safe text: it can exceed 2**53, which float-only readers would round.

    An integer becomes a string; a sequence of integers (the entropy of a seed drawn from a
    Generator, or given as a list) a list of strings.
    """
    if entropy is None:
        return None
    if isinstance(entropy, list | tuple | np.ndarray):
        return [str(int(word)) for word in entropy]
    return str(int(entropy))


def thesis_info(thesis: Thesis) -> dict[str, Any]:
    """Name, file name and content hash of a thesis (None for what it does not say).

    Only the file's name is kept, not the folder it was read from: export folders are shared,
    and the path would show the author's directory layout. The sha256 identifies the file.
    """
    path = getattr(thesis, "path", None)
    return {
        "name": getattr(thesis, "name", None),
        "file": PurePath(str(path)).name if path is not None else None,
        "file_hash": getattr(thesis, "file_hash", None),
    }


def result_settings(result: SimulationResult) -> dict[str, Any]:
    """Everything needed to repeat a simulation result, as JSON-ready values.

    ``SeedSequence(seed_entropy, spawn_key=seed_spawn_key)`` (the entropy read back as
    integers) is the run's root seed.
    """
    return {
        "thesis": thesis_info(result.thesis),
        "scenario": result.scenario,
        "scenario_label": result.scenario_label,
        "years": [int(y) for y in result.years],
        "price": result.price,
        "currency": result.currency,
        "seed_entropy": seed_text(result.seed_entropy),
        "seed_spawn_key": [int(k) for k in result.seed_spawn_key],
        "n_paths": int(result.n_paths),
        "method": result.method.value,
        "backend": result.backend.value,
        "chunk_size": None if result.chunk_size is None else int(result.chunk_size),
        "weights": {k: float(v) for k, v in result.weights.items()},
        "invalid_paths": {k: int(v) for k, v in result.invalid.items()},
    }


# ---------------------------------------------------------------------- input files

_BOM = b"\xef\xbb\xbf"
#: Between the roles of a file read in more than one (``evidence; realised values``).
ROLE_SEPARATOR = "; "
PathLike = str | os.PathLike[str]


def _cited(data: Any) -> Iterator[str]:
    """Names of the seed documents quoted anywhere in a YAML document's data."""
    if isinstance(data, Mapping):
        doc = data.get("doc")
        # Only a bare file name is ever read as a seed document (see SeedIndex.load).
        if isinstance(doc, str) and "quote" in data and "/" not in doc and "\\" not in doc:
            yield doc
        for value in data.values():
            yield from _cited(value)
    elif isinstance(data, list | tuple):
        for value in data:
            yield from _cited(value)


def _named(data: Any, key: str) -> str | None:
    value = data.get(key) if isinstance(data, Mapping) else None
    return value if isinstance(value, str) else None


def _yaml_data(path: Path) -> Any:
    """The data of a YAML file the load read, or None when it cannot be read now."""
    from model.errors import ThesisModelError
    from model.inputs.yamlsafe import load_yaml

    try:
        return load_yaml(path).data
    except ThesisModelError:
        return None


class _Collector:
    """Gathers files by resolved path, with the role each plays and the bytes read."""

    def __init__(self, folder: Path, scope: ReadScope) -> None:
        self.folder = folder  # the thesis file's folder (resolved): paths are relative to it
        self.scope = scope  # what the thesis may read (its tree and --allow-read folders)
        self.root = scope.root  # the thesis tree
        self.files: dict[Path, tuple[str, Path, bytes | None]] = {}

    def add(self, path: Path, role: str, read: bytes | None = None) -> None:
        try:
            real = path.resolve()
        except (OSError, RuntimeError):
            return
        if real in self.files:
            # One file read in two roles (one facts file as evidence_file and realised_file)
            # is listed once, with both roles: keeping the first alone hid the second.
            known, named, raw = self.files[real]
            if role not in known.split(ROLE_SEPARATOR):
                self.files[real] = (known + ROLE_SEPARATOR + role, named, raw)
        elif read is not None or real.is_file():
            self.files[real] = (role, path, read)

    def thesis(self, path: Path, data: Any, role: str, raw: bytes | None = None) -> None:
        """A thesis file and what it names: scenario files, facts files, seed documents."""
        self.add(path, role, raw)
        here = path.resolve().parent
        of = "" if role == "thesis" else f"{role}: "
        docs: list[Any] = [data]
        written = data.get("scenario_files") if isinstance(data, Mapping) else None
        for rel in written if isinstance(written, list) else []:
            if isinstance(rel, str):
                self.add(here / rel, f"{of}scenario file")
                docs.append(_yaml_data(here / rel))
        for key, what in (("evidence_file", "evidence"), ("realised_file", "realised values")):
            rel = _named(data, key)
            if rel is not None:
                self.facts(here / rel, of + what, docs)
        self.seeds(path, data, docs, role)

    def facts(self, path: Path, role: str, docs: list[Any]) -> None:
        self.add(path, role)
        docs.append(_yaml_data(path))

    def seeds(self, path: Path, data: Any, docs: list[Any], role: str) -> None:
        """The cited seed documents of a thesis, in the folder its load reads them from."""
        from model.inputs.scope import thesis_root
        from model.inputs.sources.documents import INDEX_NAME

        written = _named(data, "seeds_dir")
        folder = path.resolve().parent / written if written else thesis_root(path) / "seeds"
        for name in sorted({n for d in docs for n in _cited(d)}):
            self.add(folder / name, "seed document")
        if role == "thesis" and self._readable(folder / INDEX_NAME):
            # The index names the documents of this thesis' charts and page; one that leads
            # out of what the thesis may read is not read (the load warns), so not listed.
            self.add(folder / INDEX_NAME, "document index")

    def _readable(self, path: Path) -> bool:
        try:
            return self.scope.contains(path.resolve())
        except (OSError, RuntimeError):
            return False

    def _shown(self, path: Path, real: Path) -> str:
        """The path as the thesis names it, relative to its folder: a link in the tree
        (``seeds/004.txt`` leading to ``seeds/archive/004.txt``) is listed by its own name,
        the one the thesis cites, not by where it leads."""
        named = Path(os.path.normpath(os.path.abspath(path)))
        shown = named if named.is_relative_to(self.root) else real
        return Path(os.path.relpath(shown, self.folder)).as_posix()

    def entries(self) -> list[dict[str, Any]]:
        from model.inputs.assembly.thesis import STDIN_NAME

        out = []
        for real, (role, path, read) in self.files.items():
            # Re-read here: the load keeps no bytes but a YAML document's (and repeats its
            # reads, e.g. of an evidence file, later in a report). A thesis or scenario file
            # that changed since it was read is recorded as read.
            try:
                now: bytes | None = real.read_bytes()
            except OSError:
                now = None
            data = now if now is not None and (read is None or now in (read, _BOM + read)) else read
            if data is None:
                continue
            inside = real.is_relative_to(self.root)
            shown = self._shown(path, real) if inside else path.name
            if path.name == STDIN_NAME and not real.exists():
                # A thesis piped in has no file: its stand-in path under the current folder
                # would read as a file beside the thesis (``../<stdin>``).
                shown = STDIN_NAME
            entry: dict[str, Any] = {
                "path": shown,
                "role": role,
                "bytes": len(data),
                "sha256": hashlib.sha256(data).hexdigest(),
            }
            if not inside:
                entry["outside_tree"] = True
            out.append(entry)
        return sorted(out, key=lambda e: (e["path"], e["role"], e["sha256"]))


def input_files(
    thesis: Any,
    *,
    learning: bool = False,
    evidence: PathLike | None = None,
    previous: PathLike | None = None,
    realised: PathLike | None = None,
) -> list[dict[str, Any]]:
    """Every file the thesis load read, and those a report reads besides, sorted by path.

    Parameters
    ----------
    thesis : Thesis
        The loaded thesis.
    learning : bool
        A report's learning part was made: the previous vintage (given or named) is read too,
        with its scenario and facts files and the seed documents it cites.
    evidence, previous, realised : path, optional
        Files the learning part was given instead of those the thesis names (both are listed:
        the load checks the thesis' own).

    Returns
    -------
    list of dict
        ``path`` (relative to the thesis file's folder, POSIX), ``role``, ``bytes``,
        ``sha256``; ``outside_tree: True`` for a file outside the thesis tree (named by file
        name only).
    """
    if getattr(thesis, "path", None) is None:  # no file behind it: nothing was read
        return []
    found, path, data = _collector(thesis)
    if not learning:
        return found.entries()
    docs: list[Any] = []
    for given, role in ((evidence, "evidence"), (realised, "realised values")):
        if given is not None:
            found.facts(Path(given), role, docs)
    found.seeds(path, data, docs, "report")
    old = previous if previous is not None else _named(data, "previous")
    if old is not None:
        old_path = Path(old) if previous is not None else path.resolve().parent / str(old)
        found.thesis(old_path, _yaml_data(old_path), "previous vintage")
    return found.entries()


def _collector(thesis: Any) -> tuple[_Collector, Path, Any]:
    """A collector holding the thesis file and what it names; its path and parsed data."""
    from model.inputs.scope import ReadScope, thesis_root

    bundle = getattr(thesis, "_bundle", None)
    main = getattr(getattr(bundle, "locator", None), "main", None)
    path = Path(thesis.path)
    scope = getattr(bundle, "scope", None)
    if scope is None:
        scope = ReadScope(thesis_root(path))
    found = _Collector(path.resolve().parent, scope)
    data = getattr(main, "data", None)
    found.thesis(path, data, "thesis", getattr(main, "raw", None))
    return found, path, data


def command_input_files(
    thesis: Any,
    *,
    facts: Sequence[tuple[PathLike, str]] = (),
    theses: Sequence[tuple[Any, str]] = (),
) -> list[dict[str, Any]]:
    """The files a learning command read: the thesis, facts files given on the command line
    (with the seed documents they cite) and other theses it loaded (an older vintage).

    Unlike a report's learning part, the previous vintage a thesis names is listed only when
    the command loaded it (passed in ``theses``): ``thesis update`` never reads it.

    Parameters
    ----------
    thesis : Thesis
        The thesis named on the command line.
    facts : sequence of (path, role)
        Evidence or realised-value files given in place of the thesis' own.
    theses : sequence of (Thesis, role)
        Other theses loaded; one read from standard input is listed as ``<stdin>``, with
        the sha256 of the bytes piped in.

    Returns
    -------
    list of dict
        As :func:`input_files`.
    """
    if getattr(thesis, "path", None) is None:
        return []
    found, path, data = _collector(thesis)
    docs: list[Any] = []
    for given, role in facts:
        found.facts(Path(given), role, docs)
    if docs:
        found.seeds(path, data, docs, "report")
    for other, role in theses:
        if getattr(other, "path", None) is None or other is thesis:
            continue
        main = getattr(getattr(getattr(other, "_bundle", None), "locator", None), "main", None)
        data_of, raw_of = getattr(main, "data", None), getattr(main, "raw", None)
        found.thesis(Path(other.path), data_of, role, raw_of)
    return found.entries()
