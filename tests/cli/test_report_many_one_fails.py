"""``thesis report A B C --out DIR``: a report that fails at run time stops only itself.

The first failure used to stop the batch: the reports before it were written, those after it
never ran, and the one error line said neither which folders were written nor which were not.
A book of theses now runs every report; stderr says which were written and which not, then
gives each failure, and the exit code is that of the first thesis (in the order given) that
failed.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parents[2] / "assumptions" / "templates"


@pytest.fixture
def book(tmp_path):
    """Three theses: the two templates and a copy of one under another name."""
    third = tmp_path / "theses" / "third.yaml"
    third.parent.mkdir()
    third.write_bytes((TEMPLATES / "growth-company.yaml").read_bytes())
    return [
        str(TEMPLATES / "growth-company.yaml"),
        str(TEMPLATES / "binary-event.yaml"),
        str(third),
    ]


@pytest.fixture
def fake_reports(monkeypatch):
    """Reports of one small file and a manifest; each stem in `errors` fails with its error."""
    import model.export.batch as batch
    from model._folders import manifest_text

    errors: dict[str, Exception] = {}
    ran: list[str] = []

    def report(thesis, settings):
        stem = Path(thesis.path).stem
        ran.append(stem)
        if stem in errors:
            raise errors[stem]
        readme = f"report of {stem}\n".encode()
        listed = [{"path": "README.txt", "sha256": hashlib.sha256(readme).hexdigest()}]
        manifest = manifest_text({"files": listed}).encode()
        return {"README.txt": readme, "manifest.json": manifest}, f"summary of {stem}\n"

    monkeypatch.setattr(batch, "report_files", report)
    return errors, ran


def _run(book, out, *extra):
    from model.cli.main import main

    argv = ["report", *book, "--out", str(out), "--paths", "2000", "--seed", "1"]
    return main([*argv, "--no-progress", "--no-charts", *extra])


def _errors(err: str) -> list[str]:
    assert "Traceback" not in err
    return [line for line in err.splitlines() if line.startswith("error: ")]


def test_the_reports_after_a_failed_run_are_still_written(tmp_path, capsys, book, fake_reports):
    from model.errors import EngineError

    errors, ran = fake_reports
    errors["binary-event"] = EngineError("a chunk broke")
    out = tmp_path / "out"
    assert _run(book, out) == 1  # a failed run
    assert ran == ["growth-company", "binary-event", "third"]
    assert sorted(p.name for p in out.iterdir()) == ["growth-company", "third"]
    assert (out / "third" / "README.txt").read_text() == "report of third\n"
    captured = capsys.readouterr()
    assert "summary of third" in captured.out and "summary of binary-event" not in captured.out
    assert _errors(captured.err) == [
        f"error: 1 of 3 reports not written ({book[1]}); 2 written in {out}: growth-company, third",
        f"error: report of {book[1]} not written: run failed: a chunk broke",
    ]


def test_the_exit_code_is_the_first_failed_theses(tmp_path, capsys, book, fake_reports):
    from model.errors import EngineError, ThesisModelError

    errors, _ = fake_reports
    errors["growth-company"] = ThesisModelError("third.yaml:12: model.lines.x: no value")
    errors["third"] = EngineError("a chunk broke")
    out = tmp_path / "out"
    assert _run(book, out, "-q") == 2  # the first failure is bad input
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = _errors(captured.err)
    assert lines[0] == (
        f"error: 2 of 3 reports not written ({book[0]}, {book[2]}); 1 written in {out}: "
        "binary-event"
    )
    assert lines[1:] == [
        f"error: report of {book[0]} not written: third.yaml:12: model.lines.x: no value",
        f"error: report of {book[2]} not written: run failed: a chunk broke",
    ]


def test_an_earlier_report_kept_is_said(tmp_path, capsys, book, fake_reports):
    from model.errors import EngineError

    errors, _ = fake_reports
    out = tmp_path / "out"
    assert _run(book, out, "-q") == 0
    errors["third"] = EngineError("a chunk broke")
    assert _run(book, out, "-q", "--force") == 1
    lines = _errors(capsys.readouterr().err)
    assert lines[-1] == (
        f"error: report of {book[2]} not written ({out / 'third'} keeps its earlier report): "
        "run failed: a chunk broke"
    )
    assert (out / "third" / "README.txt").read_text() == "report of third\n"


def test_an_unexpected_error_offers_its_traceback(
    tmp_path, capsys, book, fake_reports, monkeypatch
):
    """As for one thesis: a one-line internal error, with the traceback on request."""
    errors, _ = fake_reports
    errors["third"] = ValueError("a bug")
    out = tmp_path / "out"
    assert _run(book, out, "-q") == 1
    err = capsys.readouterr().err
    assert _errors(err)[-1] == (
        f"error: report of {book[2]} not written: internal error (ValueError: a bug); please "
        "report it (set THESIS_DEBUG=1 to see the traceback)"
    )
    monkeypatch.setenv("THESIS_DEBUG", "1")
    assert _run(book, out, "-q", "--force") == 1
    err = capsys.readouterr().err
    assert err.count("Traceback (most recent call last)") == 1 and "ValueError: a bug" in err


def test_none_written_says_so_and_leaves_no_folder(tmp_path, capsys, book, fake_reports):
    from model.errors import EngineError

    errors, _ = fake_reports
    for stem in ("growth-company", "binary-event", "third"):
        errors[stem] = EngineError(f"{stem} broke")
    out = tmp_path / "new" / "out"
    assert _run(book, out, "-q") == 1
    lines = _errors(capsys.readouterr().err)
    assert lines[0] == f"error: 3 of 3 reports not written ({', '.join(book)}); none written"
    assert len(lines) == 4
    assert not out.exists()


def test_a_real_run_failure_does_not_stop_the_next_thesis(tmp_path, capsys):
    """A thesis that validates but whose tail draws overflow a line: its report is refused."""
    from model.cli.main import main

    text = (TEMPLATES / "growth-company.yaml").read_text()
    boom = tmp_path / "boom.yaml"
    # Valid on the central path; a spread this wide overflows the revenue line on many paths.
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip().startswith("dist: normal"))
    spread = next(i for i in range(at + 1, at + 4) if lines[i].strip().startswith(("ci90", "sd")))
    indent = lines[spread][: len(lines[spread]) - len(lines[spread].lstrip())]
    lines[spread] = f"{indent}mean: 0.1\n{indent}sd: 1.0e+90"
    boom.write_text("\n".join(lines) + "\n")
    good = str(TEMPLATES / "binary-event.yaml")
    out = tmp_path / "out"
    argv = ["report", str(boom), good, "--out", str(out), "--paths", "200", "--seed", "1"]
    code = main([*argv, "--no-progress", "--no-charts", "-q"])
    err = capsys.readouterr().err
    assert code == 2, err  # an output only tail draws make infinite is bad input
    assert [p.name for p in out.iterdir()] == ["binary-event"], err
    assert (out / "binary-event" / "manifest.json").is_file()
    lines = _errors(err)
    assert (
        lines[0] == f"error: 1 of 2 reports not written ({boom}); 1 written in {out}: binary-event"
    )
    assert lines[1].startswith(f"error: report of {boom} not written: {boom}:")
