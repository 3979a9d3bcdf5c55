"""Imports run one way: core <- tui helpers and widgets <- screens <- app <- launch <- cli.

The audio package sits with the core (layer 0): it never imports textual or the TUI,
and the core never imports it.

Read from the source with ``ast`` (every import, also those inside functions or under
``TYPE_CHECKING``), so an import hidden to dodge a cycle still counts. Like harlequin's
import-hygiene test, this keeps the layers honest as the code grows.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).parent.parent / "src"
PACKAGE = SRC / "backcoach"

#: Sound and speech: plain Python beside the core, used by the front end, never using it.
AUDIO_PACKAGE = "backcoach.audio"

#: Feature packages and the shared screens: each may use widgets and the tui helpers,
#: and the shared screens, but not the app and not another feature.
SCREEN_PACKAGES = ("backcoach.tui.screens", "backcoach.tui.session", "backcoach.tui.history")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def all_modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


MODULES = all_modules()


def imports_of(name: str) -> Iterator[tuple[str, int]]:
    """Every backcoach module ``name`` imports, with the line, wherever the import is."""
    path = MODULES[name]
    tree = ast.parse(path.read_text(), filename=str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("backcoach"):
                    yield _known(alias.name), node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            if not base.startswith("backcoach"):
                continue
            for alias in node.names:
                target = f"{base}.{alias.name}"
                yield (target if target in MODULES else _known(base)), node.lineno


def top_level_imports(name: str) -> Iterator[tuple[str, int]]:
    """Every absolute module ``name`` imports (backcoach or not), with the line."""
    path = MODULES[name]
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module, node.lineno


def _known(name: str) -> str:
    while name not in MODULES and "." in name:
        name = name.rpartition(".")[0]
    return name


def layer(name: str) -> int:
    """0 core and commands; 1 tui helpers and widgets; 2 screens; 3 app; 4 launch; 5 cli
    (and the entry points: ``__main__`` and ``entry``, the quick ``status`` in front of it)."""
    if name in ("backcoach.cli", "backcoach.__main__", "backcoach.entry"):
        return 5
    if name == "backcoach.tui.launch":
        return 4
    if name == "backcoach.tui.app":
        return 3
    if name.startswith(SCREEN_PACKAGES):
        return 2
    if name.startswith("backcoach.tui"):
        return 1
    return 0


def feature(name: str) -> str | None:
    """The feature package a screen module belongs to (None for shared screens)."""
    for package in ("backcoach.tui.session", "backcoach.tui.history"):
        if name.startswith(package):
            return package
    return None


GRAPH = {name: sorted({target for target, _ in imports_of(name)} - {name}) for name in MODULES}


def test_every_import_points_to_the_same_or_a_lower_layer() -> None:
    wrong = [
        f"{name}:{line} imports {target}"
        for name in MODULES
        for target, line in imports_of(name)
        if layer(target) > layer(name)
    ]
    assert wrong == []


def test_features_do_not_import_each_other() -> None:
    """The session and the history each stand alone; shared screens live in screens/."""
    wrong = [
        f"{name} imports {target}"
        for name in MODULES
        for target, _ in imports_of(name)
        if feature(name) and feature(target) and feature(name) != feature(target)
    ]
    assert wrong == []


def test_no_two_modules_import_each_other_even_lazily() -> None:
    """No cycles at all, counting imports inside functions and TYPE_CHECKING blocks."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in GRAPH.get(node, []):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for name in GRAPH:
        if name not in index:
            visit(name)
    assert cycles == []


AUDIO_MODULES = [n for n in MODULES if n == AUDIO_PACKAGE or n.startswith(AUDIO_PACKAGE + ".")]


@pytest.mark.parametrize("name", AUDIO_MODULES)
def test_audio_uses_neither_textual_nor_the_tui(name: str) -> None:
    """The audio backends run beside the front end, which hands them what they need
    (the terminal bell as a plain callable): they never reach up into it."""
    wrong = [
        f"{name}:{line} imports {target}"
        for target, line in top_level_imports(name)
        if target.split(".")[0] == "textual"
        or target == "backcoach.tui"
        or target.startswith("backcoach.tui.")
    ]
    assert wrong == []


def test_the_core_does_not_use_the_audio() -> None:
    """The engine decides; playing and speaking are for the layers that run it."""
    wrong = [
        f"{name} imports {target}"
        for name in MODULES
        if name.startswith("backcoach.core")
        for target, _ in imports_of(name)
        if target.startswith(AUDIO_PACKAGE)
    ]
    assert wrong == []


@pytest.mark.parametrize(
    "name",
    [n for n in MODULES if n.startswith((*SCREEN_PACKAGES, "backcoach.tui.widgets"))],
)
def test_screens_and_widgets_never_reach_for_the_app(name: str) -> None:
    """Data comes down, results go up as messages: no app class, no look-ups of app
    methods, no edits of Textual's private bindings."""
    source = MODULES[name].read_text()
    for forbidden in ("BackcoachApp", "getattr(self.app", "._bindings"):
        assert forbidden not in source, f"{name} uses {forbidden}"


def test_the_layers_are_what_the_layout_says() -> None:
    """screens/ holds screens, widgets/ widgets; a feature with several modules is a
    package. A sanity check on the test itself: the packages exist and are used."""
    assert layer("backcoach.tui.widgets.counters") == 1
    assert layer("backcoach.tui.session.screen") == 2
    assert "backcoach.tui.session.screen" in GRAPH["backcoach.tui.app"] or any(
        t.startswith("backcoach.tui.session") for t in GRAPH["backcoach.tui.app"]
    )
    assert "backcoach.core.timeline" in GRAPH["backcoach.core.plan"]
    assert "backcoach.core.plan" not in GRAPH["backcoach.core.timeline"]
    assert layer("backcoach.audio.output") == 0
    assert "backcoach.audio.output" in AUDIO_MODULES and len(AUDIO_MODULES) >= 6
    assert "backcoach.audio.players" in GRAPH["backcoach.audio.output"]
