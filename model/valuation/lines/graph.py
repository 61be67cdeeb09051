"""Ordering model lines: same-year dependencies, recursions through earlier years, and cycles.

A model is a set of *nodes*; each node computes one or more lines (an expression line computes
one, a block several). A node reads some names *for the year it computes* (``revenue``) and
some *from earlier years* (``revenue[t-1]``). Same-year reads must form no cycle: a line cannot
need itself, or a line that needs it, in the same year (a spreadsheet's circular reference).
Reads from earlier years may: ``debt = debt[t-1] + deficit`` with ``deficit`` reading
``interest = rate * debt[t-1]`` is a recursion through time, computed year by year.

:func:`plan` splits the nodes into *steps* in dependency order (Tarjan's strongly connected
components of the graph of all reads, emitted dependencies first). A step of one node that does
not read its own earlier years runs once over all years, vectorised; a step whose nodes read each
other's (or their own) earlier years runs year by year, its nodes in same-year order.

This is a few dozen lines of graph code rather than a dependency (networkx would serve, but it is
not among the project's base libraries and the graphs here have tens of nodes).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from model.errors import ThesisError

__all__ = ["GraphNode", "Step", "plan"]


@dataclass(frozen=True)
class GraphNode:
    """What :func:`plan` needs to know of a node.

    Attributes
    ----------
    key : str
        Unique node name (a line name, or ``block:<name>``).
    outputs : tuple of str
        Lines it computes.
    same_year : tuple of str
        Names it reads for the year it computes.
    earlier : tuple of str
        Names it reads from earlier years only.
    path : tuple of str
        Field path in the thesis file (for error messages).
    fields : mapping of str -> tuple of str
        For a name it reads, the path of the field that reads it first, where that is more
        precise than ``path`` (a block's parameter).
    """

    key: str
    outputs: tuple[str, ...]
    same_year: tuple[str, ...]
    earlier: tuple[str, ...]
    path: tuple[str, ...]
    fields: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Step:
    """Nodes computed together: once over all years, or year by year when ``recursive``."""

    keys: tuple[str, ...]
    recursive: bool


ErrorAt = Callable[[tuple[str, ...], str], ThesisError]


def plan(nodes: Sequence[GraphNode], known: Iterable[str], error: ErrorAt) -> list[Step]:
    """Order nodes into steps; report unknown names and same-year cycles.

    Parameters
    ----------
    nodes : sequence of GraphNode
        In declaration order (kept where dependencies allow).
    known : iterable of str
        Names that are not lines (assumptions, built-ins): reading them creates no edge.
    error : callable
        ``(field path, message) -> ThesisError`` with file and line.

    Returns
    -------
    list of Step
        Dependencies first.

    Raises
    ------
    ThesisError
        A name that is neither a line nor known (with a did-you-mean), or a cycle of
        same-year reads (naming every line of the cycle).
    """
    known = set(known)
    owner: dict[str, str] = {}
    by_key = {node.key: node for node in nodes}
    for node in nodes:
        for out in node.outputs:
            owner[out] = node.key
    for node in nodes:
        for name in (*node.same_year, *node.earlier):
            if name not in owner and name not in known:
                candidates = [*owner, *known]
                close = difflib.get_close_matches(name, candidates, n=3)
                hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
                lines = ", ".join(owner)
                raise error(
                    node.fields.get(name, node.path),
                    f"{name!r} is neither a line of the model nor an assumption{hint} "
                    f"(lines: {lines})",
                )
    same = {n.key: _deps(n.same_year, owner) for n in nodes}
    allv = {n.key: same[n.key] | _deps(n.earlier, owner) for n in nodes}
    steps: list[Step] = []
    for component in _components([n.key for n in nodes], allv):
        order = _same_year_order(component, same, by_key, error)
        recursive = len(component) > 1 or component[0] in allv[component[0]]
        steps.append(Step(tuple(order), recursive))
    return steps


def _deps(names: Iterable[str], owner: Mapping[str, str]) -> set[str]:
    return {owner[n] for n in names if n in owner}


def _components(keys: list[str], edges: Mapping[str, set[str]]) -> list[list[str]]:
    """Strongly connected components, each after every component it depends on (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []
    counter = 0
    position = {k: i for i, k in enumerate(keys)}

    def visit(start: str) -> None:
        nonlocal counter
        # Iterative depth-first search: deep chains of lines must not hit Python's recursion limit.
        work = [(start, iter(sorted(edges[start], key=position.__getitem__)))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child], key=position.__getitem__))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    item = stack.pop()
                    on_stack.discard(item)
                    component.append(item)
                    if item == node:
                        break
                out.append(sorted(component, key=position.__getitem__))

    for key in keys:
        if key not in index:
            visit(key)
    return out


def _same_year_order(
    component: list[str],
    same: Mapping[str, set[str]],
    by_key: Mapping[str, GraphNode],
    error: ErrorAt,
) -> list[str]:
    """Order a component by its same-year reads; a cycle among them is an error."""
    members = set(component)
    done: list[str] = []
    state: dict[str, int] = {}

    def visit(key: str, chain: tuple[str, ...]) -> None:
        if state.get(key) == 2:
            return
        if state.get(key) == 1:
            loop = [*chain[chain.index(key) :], key]
            names = " -> ".join(loop)
            raise error(
                by_key[key].path,
                f"circular reference within one year: {names}; break it with an earlier "
                "year (name[t-1]) or a start value",
            )
        state[key] = 1
        for dep in sorted(same[key] & members, key=component.index):
            visit(dep, (*chain, key))
        state[key] = 2
        done.append(key)

    for key in component:
        visit(key, ())
    return done
