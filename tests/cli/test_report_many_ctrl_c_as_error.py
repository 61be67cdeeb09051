"""Ctrl-C during a book of theses stops the whole book, even when it surfaces as an error.

Ctrl-C landing inside a native extension comes out as that extension's own error (an
``ImportError`` "initialization failed" while a library loads), an ``Exception`` like any
thesis' failure. The batch took it for one thesis failing and ran every other thesis before the
command turned it back into an interruption: minutes of work after the user asked to stop.
"""

from __future__ import annotations

import hashlib
import os
import signal
import time
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "assumptions" / "templates"


def test_ctrl_c_seen_as_an_import_error_stops_the_batch(tmp_path, capsys, monkeypatch):
    import model.export.batch as batch
    from model._folders import manifest_text
    from model.cli.main import EXIT_INTERRUPTED, main

    third = tmp_path / "third.yaml"
    third.write_bytes((TEMPLATES / "growth-company.yaml").read_bytes())
    book = [str(TEMPLATES / "growth-company.yaml"), str(TEMPLATES / "binary-event.yaml")]
    book.append(str(third))
    ran: list[str] = []

    def report(thesis, settings):
        stem = Path(thesis.path).stem
        ran.append(stem)
        if stem == "binary-event":
            try:  # Ctrl-C pressed while a native library initialises ...
                os.kill(os.getpid(), signal.SIGINT)
                time.sleep(5)
            except KeyboardInterrupt:  # ... which reports it as its own failure
                raise ImportError("initialization failed") from None
        readme = f"report of {stem}\n".encode()
        listed = [{"path": "README.txt", "sha256": hashlib.sha256(readme).hexdigest()}]
        manifest = manifest_text({"files": listed}).encode()
        return {"README.txt": readme, "manifest.json": manifest}, ""

    monkeypatch.setattr(batch, "report_files", report)
    out = tmp_path / "out"
    argv = ["report", *book, "--out", str(out), "--paths", "200", "--seed", "1"]
    code = main([*argv, "--no-progress", "--no-charts", "-q"])
    err = capsys.readouterr().err
    assert code == EXIT_INTERRUPTED, err
    assert ran == ["growth-company", "binary-event"]  # the third never started
    assert err == "interrupted\n"
    assert [p.name for p in out.iterdir()] == ["growth-company"]
