"""``FOLDER keeps its earlier report`` is said of a failed thesis only while it is true.

Whether a report folder held an earlier report was decided before the batch ran. When that
folder was changed during the run (replaced by a file, a file in it by a folder), the report's
write was refused because of the change, yet the error line still said the folder kept its
earlier report, next to the reason saying it was no longer one.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parents[2] / "assumptions" / "templates"
BOOK = [str(TEMPLATES / "growth-company.yaml"), str(TEMPLATES / "binary-event.yaml")]


def _change_file_to_folder(folder: Path) -> None:
    (folder / "README.txt").unlink()
    (folder / "README.txt").mkdir()


def _change_folder_to_file(folder: Path) -> None:
    shutil.rmtree(folder)
    folder.write_text("not a report\n")


def _run(out: Path, *extra: str) -> int:
    from model.cli.main import main

    argv = ["report", *BOOK, "--out", str(out), "--paths", "200", "--seed", "1", "-q"]
    return main([*argv, "--no-progress", "--no-charts", "--force", *extra])


@pytest.mark.parametrize("change", [_change_file_to_folder, _change_folder_to_file])
def test_a_folder_changed_during_the_run_is_not_said_kept(tmp_path, capsys, monkeypatch, change):
    import model.export.batch as batch
    from model._folders import manifest_text

    out = tmp_path / "out"
    midway: list[bool] = []

    def report(thesis, settings):
        stem = Path(thesis.path).stem
        if stem == "binary-event" and midway:
            change(out / stem)  # someone changes the earlier report while it is rerun
        readme = f"report of {stem}\n".encode()
        listed = [{"path": "README.txt", "sha256": hashlib.sha256(readme).hexdigest()}]
        manifest = manifest_text({"files": listed}).encode()
        return {"README.txt": readme, "manifest.json": manifest}, ""

    monkeypatch.setattr(batch, "report_files", report)
    assert _run(out) == 0
    midway.append(True)
    assert _run(out) == 2  # the changed folder may not be replaced
    lines = [x for x in capsys.readouterr().err.splitlines() if x.startswith("error: ")]
    assert len(lines) == 2
    assert lines[1].startswith(f"error: report of {BOOK[1]} not written: ")
    assert "keeps its earlier report" not in lines[1]
