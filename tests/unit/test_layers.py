"""Imports run downward only: each package of the bot imports (at the top of a module or
inside a function) only the layers below its own, and the core (up to the catalogue) no
Rasa, web framework or database library. An import up a layer, or a cycle between two
packages, fails here rather than as an import error in a process that loads them in
another order."""
from __future__ import annotations

import ast

import pytest

from bot.settings import PROJECT_ROOT

# Lowest first. A package may import its own layer's modules and any layer below it.
LAYERS = [
    {"clock", "settings", "domain_names"},
    {"local_time", "start_buttons"},
    {"reading", "privacy", "auth"},
    {"scoring"},
    {"assessment"},
    {"profile"},
    {"catalogue"},
    {"storage"},
]
CORE = {name for layer in LAYERS[:7] for name in layer}
OUTSIDE_THE_CORE = ("rasa", "rasa_sdk", "aiohttp", "sqlalchemy", "alembic")
LAYER_OF = {name: number for number, layer in enumerate(LAYERS) for name in layer}


def _imports(path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            parts = node.module.split(".")
            if parts == ["bot"]:
                yield from (("bot", alias.name, node.lineno) for alias in node.names)
            else:
                yield parts[0], parts[1] if len(parts) > 1 else None, node.lineno
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                yield parts[0], parts[1] if len(parts) > 1 else None, node.lineno


def _modules(package: str):
    place = PROJECT_ROOT / "bot" / package
    paths = sorted(place.rglob("*.py")) if place.is_dir() else [place.with_suffix(".py")]
    return [p for p in paths if "migrations" not in p.parts]


@pytest.mark.parametrize("package", sorted(LAYER_OF))
def test_a_package_imports_only_the_layers_below_it(package):
    upward = []
    for path in _modules(package):
        for top, name, line in _imports(path):
            where = f"{path.relative_to(PROJECT_ROOT)}:{line}"
            if top == "bot" and name != package and LAYER_OF.get(name, len(LAYERS)) >= \
                    LAYER_OF[package]:
                upward.append(f"{where} bot.{name}")
            if package in CORE and top in OUTSIDE_THE_CORE:
                upward.append(f"{where} {top}")
    assert not upward, upward
