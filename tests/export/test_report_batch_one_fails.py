"""``report_many(..., failed=...)``: a thesis whose report fails stops only itself, on Dask too.

With the Dask backend the first failed task raised out of the batch and cancelled the others;
with ``failed`` given, each failure is handed to it and the other reports are written. Without
it, the first failure is still raised.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parents[2] / "assumptions" / "templates"
PATHS = [TEMPLATES / "growth-company.yaml", TEMPLATES / "binary-event.yaml"]


def _fake(thesis, settings):
    """One small file and its manifest; the binary-event thesis fails."""
    from model._folders import manifest_text
    from model.errors import EngineError

    stem = Path(thesis.path).stem
    if stem == "binary-event":
        raise EngineError("a chunk broke")
    readme = f"report of {stem}\n".encode()
    listed = [{"path": "README.txt", "sha256": hashlib.sha256(readme).hexdigest()}]
    return {"README.txt": readme, "manifest.json": manifest_text({"files": listed}).encode()}, stem


@pytest.fixture
def client():
    distributed = pytest.importorskip("distributed")
    with distributed.Client(
        processes=False, n_workers=1, threads_per_worker=1, dashboard_address=None
    ) as c:
        yield c


def test_a_failed_task_stops_only_its_report(tmp_path, monkeypatch, client):
    import model.export.batch as batch
    from model.engine.spec import Backend
    from model.errors import EngineError
    from model.export.job import ReportSettings
    from model.scenarios import RunSettings

    monkeypatch.setattr(batch, "report_files", _fake)
    run = RunSettings(n_paths=200, seed=1, backend=Backend.DASK, client=client)
    settings = ReportSettings(run=run)
    failures: dict[int, Exception] = {}
    written: list[str] = []
    out = tmp_path / "out"
    batch.report_many(
        PATHS, settings, out, failed=failures.__setitem__, done=lambda f, s: written.append(s)
    )
    assert list(failures) == [1] and isinstance(failures[1], EngineError)
    assert written == ["growth-company"]
    assert [p.name for p in out.iterdir()] == ["growth-company"]
    with pytest.raises(EngineError, match="a chunk broke"):
        batch.report_many(PATHS, settings, tmp_path / "again")


class Halt(BaseException):
    """An error that is not an ``Exception``: it stops a batch, as it would run locally."""


def _halting(thesis, settings):
    if Path(thesis.path).stem == "binary-event":
        raise Halt("stop here")
    return _fake(thesis, settings)


def test_a_task_error_that_is_not_an_exception_stops_the_batch(tmp_path, monkeypatch, client):
    """Not handed on as a failed thesis (it was, as 'cannot unpack non-iterable Halt')."""
    import model.export.batch as batch
    from model.engine.spec import Backend
    from model.export.job import ReportSettings
    from model.scenarios import RunSettings

    monkeypatch.setattr(batch, "report_files", _halting)
    run = RunSettings(n_paths=200, seed=1, backend=Backend.DASK, client=client)
    failures: dict[int, Exception] = {}
    with pytest.raises(Halt, match="stop here"):
        batch.report_many(
            PATHS, ReportSettings(run=run), tmp_path / "out", failed=failures.__setitem__
        )
    assert failures == {}
