"""The package layout: one folder per pipeline stage, imports flowing one way, no circles.

Every ``import`` in ``model/`` is read with :mod:`ast`: module-level, function-level and
``if TYPE_CHECKING:`` ones alike, because a lazy import inside a function is still a dependency
and a type-only import still ties the two modules' designs together. Each import becomes an edge
between the stages of the two modules; the stage graph must follow :data:`STAGES`.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "model"

#: The stages in the order they may import each other: a stage imports only stages before it.
#: The engine samples specifications, the inputs build them from a thesis, the valuation turns
#: paths into value; charts draw (duck-typed) results, so results can draw and export
#: themselves; scenarios run a thesis into results, sensitivity re-runs it, export writes the
#: whole report and the command line drives everything.
STAGES = (
    "engine",
    "inputs",
    "valuation",
    "charts",
    "results",
    "scenarios",
    "sensitivities",
    "learning",
    "export",
    "cli",
)
#: Shared leaves every stage may use; they import no stage, and a leaf only the leaves before it.
LEAVES = ("_messages", "errors", "_files", "_folders", "_forks")
#: A folder holds at most this many modules; a larger stage is split into sub-stages.
MAX_FILES = 12
#: A module stays near 600 lines; past this it is split by what its parts do.
MAX_LINES = 650
#: Sub-stages of the split stages, in the order they may import each other ("" for the
#: stage's own top-level modules). The engine: draws, the specification that uses them,
#: streaming summaries, then the run; the inputs: file reading, units and schema at the top,
#: then expressions, sources and the assembly of a thesis from all of them; the charts: what
#: they build on (number formats, option checks, label placing), then the charts.
SUBSTAGES = {
    "engine": ("draws", "", "summaries", "execution"),
    "inputs": ("", "expressions", "sources", "assembly"),
    "charts": ("base", ""),
}


def _module_name(path: Path, root: Path = ROOT) -> list[str]:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return parts[:-1] if parts[-1] == "__init__" else parts


def _imports(path: Path, root: Path = ROOT) -> list[tuple[str, list[str], int]]:
    """Every ``model`` import of a file: (module imported, names imported, line)."""
    parts = _module_name(path, root)
    package = parts if path.name == "__init__.py" else parts[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(alias.name, [], node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                module = ".".join([*base, module] if module else base)
            found.append((module, [alias.name for alias in node.names], node.lineno))
    return [f for f in found if f[0] == "model" or f[0].startswith("model.")]


def _stage(module: str, names: list[str]) -> list[str]:
    """The stages an import reaches (``from model import charts`` reaches ``charts``)."""
    parts = module.split(".")
    if len(parts) > 1:
        return [parts[1]]
    return names  # ``from model import <stage>`` or ``from model import __version__``


def _edges() -> dict[tuple[str, str], list[str]]:
    edges: dict[tuple[str, str], list[str]] = defaultdict(list)
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = _module_name(path)
        if len(parts) == 1 or parts[1] in ("__main__",):
            continue  # the package facade and ``python -m model`` sit above every stage
        source = parts[1]
        for module, names, line in _imports(path):
            for target in _stage(module, names):
                if target != source:
                    where = f"{path.relative_to(ROOT)}:{line} imports {module}"
                    edges[(source, target)].append(where)
    return edges


def test_every_module_belongs_to_a_stage_or_a_shared_leaf():
    top = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__", "__main__"}
    folders = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    assert top == set(LEAVES)
    assert folders == set(STAGES)


def test_no_folder_holds_more_than_a_dozen_modules():
    folders = [PACKAGE, *(p.parent for p in PACKAGE.rglob("__init__.py"))]
    crowded = {
        str(folder.relative_to(ROOT)): n
        for folder in folders
        if (n := len(list(folder.glob("*.py")))) > MAX_FILES
    }
    assert not crowded, crowded


def test_no_module_is_much_longer_than_600_lines():
    long = {
        str(path.relative_to(ROOT)): n
        for path in PACKAGE.rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, long


def _substage(parts: list[str]) -> str | None:
    """The sub-stage of a module of a split stage; None for the stage's facade."""
    if len(parts) == 2:
        return None
    return parts[2] if len(parts) > 3 or (PACKAGE / parts[1] / parts[2]).is_dir() else ""


def test_split_stages_have_exactly_their_declared_sub_stages():
    for stage, subs in SUBSTAGES.items():
        found = {p.name for p in (PACKAGE / stage).iterdir() if (p / "__init__.py").exists()}
        assert found == set(subs) - {""}, stage


def test_imports_flow_one_way_between_sub_stages():
    wrong = []
    for stage, order in SUBSTAGES.items():
        rank = {sub: i for i, sub in enumerate(order)}
        for path in sorted((PACKAGE / stage).rglob("*.py")):
            source = _substage(_module_name(path))
            if source is None:
                continue  # the stage's facade re-exports every sub-stage
            for module, names, line in _imports(path):
                parts = module.split(".")
                if len(parts) < 2 or parts[1] != stage:
                    continue
                targets = (
                    [_substage(parts)]
                    if len(parts) > 2
                    else [
                        _substage([*parts, n]) if (PACKAGE / stage / n).is_dir() else None
                        for n in names
                    ]
                )
                for target in targets:
                    if target is not None and rank[target] > rank[source]:
                        wrong.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    assert not wrong, "imports against the sub-stage order:\n" + "\n".join(wrong)


def test_imports_flow_one_way_between_stages():
    rank = {stage: i for i, stage in enumerate(STAGES)}
    wrong = []
    for (source, target), where in _edges().items():
        if source in LEAVES:
            allowed = target in LEAVES and LEAVES.index(target) < LEAVES.index(source)
        elif target in LEAVES or target == "__version__":
            allowed = True
        else:
            allowed = target in rank and rank[target] < rank[source]
        if not allowed:
            wrong += [f"{source} -> {target}: {w}" for w in where]
    assert not wrong, "imports against the stage order:\n" + "\n".join(wrong)


def test_stage_graph_is_acyclic():
    # Independent of the declared order: a depth-first search for a cycle.
    graph: dict[str, set[str]] = defaultdict(set)
    for source, target in _edges():
        graph[source].add(target)
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                pytest.fail("import circle: " + " -> ".join([*trail, node, nxt]))
            if nxt not in state:
                visit(nxt, [*trail, node])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [])


def test_results_do_not_import_scenarios():
    # A blend of a comparison is mixed in results; it must not reach back into scenarios.
    assert ("results", "scenarios") not in _edges()


def test_public_names_do_not_shadow_stage_packages():
    # ``model.<name>`` must mean one thing: once a stage package is imported, Python binds its
    # name on ``model``, hiding a lazily exported function of the same name.
    import model

    assert not set(model.__all__) & set(STAGES + LEAVES)


def test_the_checker_sees_function_level_imports(tmp_path):
    # The parser itself: a lazy import inside a function is found, relative imports resolved.
    pkg = tmp_path / "model" / "results"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    mod = pkg / "late.py"
    mod.write_text(
        "def f():\n    from model.scenarios import blend\n    return blend\n"
        "from . import summary\nfrom ..charts import style\n"
    )
    found = [(m, n) for m, n, _ in _imports(mod, tmp_path)]
    assert ("model.scenarios", ["blend"]) in found
    assert ("model.results", ["summary"]) in found
    assert ("model.charts", ["style"]) in found
