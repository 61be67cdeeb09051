"""``thesis report A B ... --out DIR``: one report per thesis, locally or as Dask tasks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from model.results import export as ex

ROOT = Path(__file__).resolve().parents[2]
TINY = ["--paths", "200", "--seed", "7", "--no-progress", "--no-charts"]


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    """``thesis ARGV`` in this process: (exit code, stdout, stderr)."""
    import contextlib
    import io

    from model.cli import main as cli

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main(argv)
        except SystemExit as exc:
            code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def theses(tmp_path_factory) -> list[str]:
    """Two copies of the Alibaba thesis (with its scenario file, seeds, evidence files and the
    2022 vintage it names) under new names."""
    top = tmp_path_factory.mktemp("theses")
    shutil.copytree(ROOT / "seeds", top / "seeds")
    shutil.copytree(ROOT / "assumptions" / "scenarios", top / "assumptions" / "scenarios")
    shutil.copytree(ROOT / "assumptions" / "evidence", top / "assumptions" / "evidence")
    shutil.copy(ROOT / "assumptions" / "alibaba-2022.yaml", top / "assumptions")
    paths = []
    for stem in ("first", "second"):
        path = top / "assumptions" / f"{stem}.yaml"
        shutil.copy(ROOT / "assumptions" / "alibaba.yaml", path)
        paths.append(str(path))
    return paths


def _same(a: Path, b: Path) -> None:
    assert ex.file_hashes(a) == ex.file_hashes(b)


def test_several_theses_give_one_report_each_identical_to_a_single_run(theses, tmp_path):
    out = tmp_path / "batch"
    code, text, err = run_cli(["report", *theses, *TINY, "--out", str(out)])
    assert code == 0, err
    assert sorted(p.name for p in out.iterdir()) == ["first", "second"]
    assert text.count("wrote ") == 2 and "2 reports in" in text
    single = tmp_path / "single"
    code, _, err = run_cli(["report", theses[0], *TINY, "--out", str(single)])
    assert code == 0, err
    _same(out / "first", single)
    # Earlier reports are replaced only with --force.
    code, _, err = run_cli(["report", *theses, *TINY, "--out", str(out)])
    assert code == 2 and "--force" in err
    code, _, err = run_cli(["report", *theses, *TINY, "--out", str(out), "--force"])
    assert code == 0, err


def test_two_theses_with_one_name_are_refused_before_running(theses, tmp_path):
    code, _, err = run_cli(["report", theses[0], theses[0], *TINY, "--out", str(tmp_path / "x")])
    assert code == 2 and "given twice" in err


@pytest.mark.dask
@pytest.mark.slow
def test_dask_batch_equals_the_local_batch(theses, tmp_path):
    pytest.importorskip("distributed")
    from model.engine import close_local_client

    local, remote = tmp_path / "local", tmp_path / "dask"
    try:
        code, _, err = run_cli(
            ["report", *theses, *TINY, "--out", str(remote), "--backend", "dask"]
        )
    finally:
        close_local_client()
    assert code == 0, err
    code, _, err = run_cli(["report", *theses, *TINY, "--out", str(local)])
    assert code == 0, err
    for stem in ("first", "second"):
        _same(local / stem, remote / stem)
