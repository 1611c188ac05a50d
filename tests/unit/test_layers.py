"""Imports run downward only, in the order the README's layout section lists the bot's
packages and modules (bottom up): each imports, at the top of a module or inside a
function, only what stands before it there, and the core (up to the catalogue) no Rasa,
web framework or database library. The layout section is held to list every package and
module, so a new one has to be placed. An import up the order, or a cycle between two
packages, fails here rather than as an import error in a process that loads them in
another order."""
from __future__ import annotations

import ast
import re

import pytest

from bot.settings import PROJECT_ROOT

OUTSIDE_THE_CORE = ("rasa", "rasa_sdk", "aiohttp", "sqlalchemy", "alembic")
LAST_OF_THE_CORE = "catalogue"


def _layout_block() -> str:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    return readme.split("## Layout", 1)[1].split("```", 2)[1]


def _bot_entries() -> list[str]:
    """The entries under bot/, in order: "reading/", "clock.py", "web/review/" …"""
    return re.findall(r"^  (\S+/|\S+\.py)\s", _layout_block(), re.M)


def _order() -> list[str]:
    """The bot's packages and modules in the layout's order ("web/review/" is part of web)."""
    units: list[str] = []
    for entry in _bot_entries():
        unit = entry.split("/")[0].removesuffix(".py")
        if unit not in units:
            units.append(unit)
    return units


ORDER = _order()
RANK = {unit: number for number, unit in enumerate(ORDER)}


def test_the_layout_lists_every_package_and_module():
    entries = _bot_entries()
    packages = {str(p.parent.relative_to(PROJECT_ROOT / "bot")) + "/"
                for p in (PROJECT_ROOT / "bot").rglob("__init__.py")} - {"./"}
    modules = {p.name for p in (PROJECT_ROOT / "bot").glob("*.py")} - {"__init__.py"}
    assert packages | modules <= set(entries), (packages | modules) - set(entries)
    assert all((PROJECT_ROOT / "bot" / e).exists() for e in entries), entries
    top = set(re.findall(r"^(\S+/)\s", _layout_block(), re.M))
    assert {"bot/", "actions/", "bench/"} <= top


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


def _modules(unit: str):
    place = PROJECT_ROOT / "bot" / unit
    paths = sorted(place.rglob("*.py")) if place.is_dir() else [place.with_suffix(".py")]
    return [p for p in paths if "migrations" not in p.parts]


@pytest.mark.parametrize("unit", ORDER)
def test_a_package_imports_only_what_stands_before_it(unit):
    core = RANK[unit] <= RANK[LAST_OF_THE_CORE]
    upward = []
    for path in _modules(unit):
        for top, name, line in _imports(path):
            where = f"{path.relative_to(PROJECT_ROOT)}:{line}"
            if top == "bot" and name != unit and RANK.get(name, len(ORDER)) > RANK[unit]:
                upward.append(f"{where} bot.{name}")
            if core and top in OUTSIDE_THE_CORE:
                upward.append(f"{where} {top}")
    assert not upward, upward
