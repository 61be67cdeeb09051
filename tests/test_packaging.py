"""Packaging: every lower bound in pyproject.toml is the version CI tests as the minimum."""

from __future__ import annotations

import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
#: The project itself (its extras name it); exactly pinned tools need no minimum either.
NOT_MINIMUM = {"thesis-model"}


def _requirements() -> list[Requirement]:
    found = [Requirement(r) for r in PROJECT["dependencies"]]
    for extra in PROJECT["optional-dependencies"].values():
        found += [Requirement(r) for r in extra]
    return [r for r in found if canonicalize_name(r.name) not in NOT_MINIMUM and not _exact(r)]


def _exact(req: Requirement) -> bool:
    return any(spec.operator == "==" for spec in req.specifier)


def _constraints() -> dict[str, Version]:
    pins = {}
    for line in (ROOT / ".ci" / "constraints-min.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            req = Requirement(line)
            (spec,) = req.specifier
            assert spec.operator == "==", line
            pins[canonicalize_name(req.name)] = Version(spec.version)
    return pins


def test_every_lower_bound_is_pinned_in_the_minimum_constraints():
    pins = _constraints()
    for req in _requirements():
        lower = [Version(s.version) for s in req.specifier if s.operator == ">="]
        assert lower, f"{req} has no lower bound"
        name = canonicalize_name(req.name)
        assert name in pins, f"{req.name} is missing from .ci/constraints-min.txt"
        assert pins[name] == max(lower), f"{req.name}: bound {max(lower)}, CI pins {pins[name]}"


def test_minimum_constraints_name_only_declared_packages():
    declared = {canonicalize_name(r.name) for r in _requirements()}
    # dask[distributed] pulls distributed in at dask's own version: pinned beside it.
    declared |= {"distributed"}
    assert set(_constraints()) <= declared


def test_linters_are_pinned_exactly():
    dev = [Requirement(r) for r in PROJECT["optional-dependencies"]["dev"]]
    for name in ("ruff", "mypy"):
        (req,) = [r for r in dev if canonicalize_name(r.name) == name]
        (spec,) = req.specifier
        assert spec.operator == "==", req
