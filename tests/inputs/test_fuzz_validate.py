"""Fuzzing `thesis validate` with broken copies of the example theses.

Lines are deleted, duplicated and swapped, numbers are replaced by random tokens and random
bytes are inserted, in the thesis file or its scenario file. Whatever the result, `validate`
must either accept it (exit 0) or reject it as bad input (exit 2, one line ``error: ...``, last,
after any ``warning: ...`` lines met on the way, as the README documents): never an internal
error, a traceback or another exit code.

The command line runs in this process (one call of ``main`` per example, not a subprocess) to
keep the test fast. The number of examples is bounded and derandomised, so every run tries the
same ones, and no example database is written. ``THESIS_FUZZ_SCALE`` multiplies the number of
examples and ``THESIS_FUZZ_RANDOM=1`` draws new ones, for a longer search.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from model.cli.main import main  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "data"
#: Fresh random examples on every run instead of the same ones: ``THESIS_FUZZ_RANDOM=1``.
RANDOM = os.environ.get("THESIS_FUZZ_RANDOM", "") not in ("", "0")
#: Multiplies the example counts, for a longer hunt: ``THESIS_FUZZ_SCALE=20 pytest ...``.
SCALE = float(os.environ.get("THESIS_FUZZ_SCALE", "1"))

# Tokens that replace a number: empty, signs, overflowing and non-finite literals, YAML
# syntax, tags, anchors, aliases, years, huge integers, text.
TOKENS = (
    "",
    "-",
    "+",
    "-0",
    "0",
    "1e999",
    "-1e999",
    "1e-400",
    ".nan",
    ".inf",
    "NaN",
    "9" * 400,
    "1" + "0" * 5000,
    "0x" + "f" * 300,
    "0o17",
    "017",
    "2030",
    "1900",
    "-1",
    "0.5",
    "1_000",
    "12:30",
    "yes",
    "%",
    "abc",
    "[",
    "]",
    "{",
    "}",
    ":",
    "'",
    '"',
    "&a",
    "*a",
    "!!python/object/apply:os.system [ls]",
    "!!float x",
    "<<: *a",
    "|",
    ">",
    "#",
    "@",
    "`",
    "\t",
    "1e308 * 10",
    "((((((((((1))))))))))",
    "\u2212" + "5",
)
_NUMBER = re.compile(rb"(?<![\w.])-?\d+(?:\.\d+)?(?:e[-+]?\d+)?")


def _example(name: str, tmp: Path) -> tuple[Path, Path]:
    """A writable copy of an example thesis: (thesis file, scenario file)."""
    if name == "alibaba":
        shutil.copytree(ROOT / "assumptions", tmp / "assumptions")
        shutil.copytree(ROOT / "seeds", tmp / "seeds")
        return (
            tmp / "assumptions" / "alibaba.yaml",
            tmp / "assumptions" / "scenarios" / "alibaba-scenarios.yaml",
        )
    shutil.copytree(DATA, tmp / "data")
    return tmp / "data" / "minimal.yaml", tmp / "data" / "scenarios.yaml"


@st.composite
def mutations(draw: st.DrawFn, lines: list[bytes]) -> list[bytes]:
    """Apply one to three random edits to ``lines`` (a file's lines, with their ends)."""
    out = list(lines)
    for _ in range(draw(st.integers(1, 3))):
        if not out:
            break
        i = draw(st.integers(0, len(out) - 1))
        kind = draw(st.sampled_from(["delete", "duplicate", "swap", "number", "bytes"]))
        if kind == "delete":
            del out[i]
        elif kind == "duplicate":
            out.insert(i, out[i])
        elif kind == "swap":
            j = draw(st.integers(0, len(out) - 1))
            out[i], out[j] = out[j], out[i]
        elif kind == "number":
            found = list(_NUMBER.finditer(out[i]))
            if not found:
                continue
            m = draw(st.sampled_from(found))
            token = draw(st.sampled_from(TOKENS)).encode("utf-8")
            out[i] = out[i][: m.start()] + token + out[i][m.end() :]
        else:
            junk = draw(st.binary(min_size=1, max_size=6))
            at = draw(st.integers(0, len(out[i])))
            out[i] = out[i][:at] + junk + out[i][at:]
    return out


def _validate(path: Path, every: bool = True) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    args = ["validate", str(path)] + (["--all-scenarios"] if every else [])
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(args)
        except SystemExit as exc:  # argparse; not expected with these arguments
            code = int(exc.code or 0)
    return code, err.getvalue()


def _fuzz(name: str, examples: int, tmp_path_factory: pytest.TempPathFactory) -> None:
    thesis, scenarios = _example(name, tmp_path_factory.mktemp(name))
    originals = {p: p.read_bytes() for p in (thesis, scenarios)}
    # Every scenario of the small thesis; the base of the large one (its scenario file is
    # still read and checked whole), so that a valid copy takes a fraction of a second.
    every = name != "alibaba"
    code, err = _validate(thesis, every)
    assert code == (0 if name == "alibaba" else 2), err  # the test thesis' model is a stub

    @settings(
        max_examples=max(1, round(examples * SCALE)),
        deadline=None,
        derandomize=not RANDOM,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(data=st.data())
    def check(data: st.DataObject) -> None:
        target = data.draw(st.sampled_from([thesis, thesis, scenarios]), label="file")
        lines = originals[target].splitlines(keepends=True)
        mutated = b"".join(data.draw(mutations(lines), label="edits"))
        for p, raw in originals.items():
            p.write_bytes(mutated if p == target else raw)
        code, err = _validate(thesis, every)
        assert code in (0, 2), err
        if code == 2:
            *notes, last = err.splitlines()
            assert last.startswith("error: ") and err.endswith("\n"), err
            assert all(n.startswith("warning: ") for n in notes), err
            assert "internal error" not in err and "Traceback" not in err, err
            assert len(err) < 1400, err

    check()


def test_fuzz_the_small_thesis(tmp_path_factory: pytest.TempPathFactory) -> None:
    _fuzz("minimal", 50, tmp_path_factory)


def test_fuzz_the_alibaba_thesis(tmp_path_factory: pytest.TempPathFactory) -> None:
    _fuzz("alibaba", 15, tmp_path_factory)


def test_a_line_without_a_value_is_one_error_after_the_warnings(tmp_path: Path) -> None:
    # An example the random search once found: a model line whose ``value:`` is deleted. The
    # thesis' other warnings (its price is dated before the valuation date) come first, as
    # after a success; the error is one line, last, at the line's own place in the file.
    thesis, _ = _example("alibaba", tmp_path)
    lines = thesis.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.strip() == "earnings:")
    assert lines[at + 1].strip().startswith("value:")
    del lines[at + 1]
    thesis.write_text("".join(lines), encoding="utf-8")
    code, err = _validate(thesis, every=False)
    *notes, last = err.splitlines()
    assert code == 2
    assert last == (
        f"error: {thesis}:{at + 1}: model.lines.earnings: a line needs a 'value:' expression"
    )
    assert notes and all(n.startswith("warning: ") for n in notes)
    assert any("thesis.price.date" in n for n in notes)
