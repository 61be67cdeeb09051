"""save_png never writes over a file the toolkit did not write.

A chart saved again under its own name (a notebook cell run twice) is replaced; a file of the
user's at that name (a PNG of their own, the thesis file itself, a file they edited after the
toolkit wrote it) is refused with the project's error, and left as it was, one chart at a time
or inside a batch.
"""

from __future__ import annotations

import pytest
from matplotlib.figure import Figure

from model.charts import save_png
from model.charts.style import batch_rendering
from model.errors import ExportError, SettingsError


def _figure(level: float = 1.0) -> Figure:
    fig = Figure(figsize=(2, 1.5))
    fig.add_subplot().plot([0, 1, 2], [0, level, 0])
    return fig


@pytest.mark.parametrize(
    ("name", "error", "says"),
    [
        ("mine.png", ExportError, "thesis did not write it"),
        ("thesis.yaml", SettingsError, "must end in .png"),
        ("notes", SettingsError, "must end in .png"),
    ],
)
def test_a_file_of_the_users_is_never_written_over(tmp_path, name, error, says):
    target = tmp_path / name
    target.write_bytes(b"the user's own bytes")
    with pytest.raises(error, match=says):
        save_png(_figure(), target)
    assert target.read_bytes() == b"the user's own bytes"
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_a_chart_saved_again_is_replaced_but_not_once_the_user_changed_it(tmp_path):
    target = tmp_path / "charts" / "fan.png"
    save_png(_figure(1.0), target)
    first = target.read_bytes()
    save_png(_figure(2.0), target)  # the notebook run again, with other numbers
    second = target.read_bytes()
    assert second != first and second[:8] == b"\x89PNG\r\n\x1a\n"
    target.write_bytes(second + b"edited")
    with pytest.raises(ExportError, match="changed since thesis wrote it"):
        save_png(_figure(3.0), target)
    assert target.read_bytes() == second + b"edited"


def test_inside_a_batch_the_users_file_is_kept_too(tmp_path):
    mine = tmp_path / "b.png"
    mine.write_bytes(b"mine")
    with pytest.raises(ExportError, match="thesis did not write it"), batch_rendering(1):
        save_png(_figure(), tmp_path / "a.png")
        save_png(_figure(), mine)
    assert mine.read_bytes() == b"mine"


def test_a_folder_at_the_path_or_a_path_of_the_wrong_kind_is_bad_input(tmp_path):
    (tmp_path / "fan.png").mkdir()
    with pytest.raises(ExportError, match="not a file"):
        save_png(_figure(), tmp_path / "fan.png")
    with pytest.raises(SettingsError, match="chart file"):
        save_png(_figure(), 5)  # type: ignore[arg-type]


def test_the_toolkits_own_folders_get_no_record(tmp_path):
    from model.charts.style import save_new_png

    target = save_new_png(_figure(), tmp_path / "staging" / "fan.png")
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["fan.png"]


@pytest.mark.parametrize("name", ["fan.jpg", "fan.svg", "fan.png.txt", "fan"])
def test_a_name_that_is_not_a_png_is_refused_before_writing(tmp_path, name):
    # PNG bytes went out under a .jpg name.
    with pytest.raises(SettingsError, match=r"chart file must end in \.png"):
        save_png(_figure(), tmp_path / "charts" / name)
    assert list(tmp_path.iterdir()) == []


def test_the_png_suffix_in_any_case_is_a_png(tmp_path):
    target = save_png(_figure(), tmp_path / "fan.PNG")
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_batch_workers_leave_ctrl_c_to_the_process_that_started_them(tmp_path, monkeypatch):
    # A worker that took Ctrl-C itself could die holding the batch's task queue, and the
    # batch would then wait for it forever; the process that started it stops the workers.
    import os
    import signal
    import sys

    import model._forks as forks
    import model.charts.style as style

    if sys.platform != "linux" or len(os.sched_getaffinity(0)) < 2:
        pytest.skip("the batch renders in this process")
    monkeypatch.setattr(forks, "fork_ok", lambda: True)  # (an idle thread of an earlier test)
    me = os.getpid()

    def handler(fig, dpi=150):
        assert os.getpid() != me
        return b"ignored" if signal.getsignal(signal.SIGINT) is signal.SIG_IGN else b"taken"

    monkeypatch.setattr(style, "render_png", handler)
    with batch_rendering(2):
        for i in range(3):
            save_png(_figure(i + 1), tmp_path / f"c{i}.png")
    assert {p.read_bytes() for p in tmp_path.glob("*.png")} == {b"ignored"}
