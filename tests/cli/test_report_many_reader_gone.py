"""``thesis report A B C --out DIR | head``: the reader going away stops no report.

The summaries of a book of theses go to stdout as each report is written. When its reader
went away (``| head``, a closed pager), the next summary's write failed and the batch ended
there, silently and with exit code 0: the reports after it were never written.
"""

from __future__ import annotations

import hashlib
import io
import sys
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "assumptions" / "templates"


class _Gone(io.StringIO):
    """A stdout whose reader has gone away."""

    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def test_every_report_is_written_when_stdout_is_closed(tmp_path, monkeypatch):
    import model.export.batch as batch
    from model._folders import manifest_text
    from model.cli.main import main

    third = tmp_path / "third.yaml"
    third.write_bytes((TEMPLATES / "growth-company.yaml").read_bytes())
    book = [str(TEMPLATES / "growth-company.yaml"), str(TEMPLATES / "binary-event.yaml")]
    book.append(str(third))

    def report(thesis, settings):
        stem = Path(thesis.path).stem
        readme = f"report of {stem}\n".encode()
        listed = [{"path": "README.txt", "sha256": hashlib.sha256(readme).hexdigest()}]
        manifest = manifest_text({"files": listed}).encode()
        return {"README.txt": readme, "manifest.json": manifest}, f"summary of {stem}\n"

    monkeypatch.setattr(batch, "report_files", report)
    monkeypatch.setattr(sys, "stdout", _Gone())
    out = tmp_path / "out"
    argv = ["report", *book, "--out", str(out), "--paths", "200", "--seed", "1"]
    assert main([*argv, "--no-progress", "--no-charts"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["binary-event", "growth-company", "third"]
    assert (out / "third" / "README.txt").read_text() == "report of third\n"
