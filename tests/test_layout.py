"""The house: the package's folders are the stages, imports flow one way, MkDocs is behind one door."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "tdkt"

# Each stage may import its own modules and those of the layers before it, never a later one; stages of the
# same layer do not import each other.
LAYERS = [
    {"engine"},
    {"model"},
    {"problems"},
    {"text"},
    {"catalog"},
    {"ingest", "site"},
    {"search"},
    {"render"},
    {"synth"},
    {"cluster"},
    {"cli"},
]
LAYER = {stage: n for n, stages in enumerate(LAYERS) for stage in stages}


def _stage(module: str) -> str:
    return module.split(".")[1]


def _imports(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                found.append((node.lineno, f"<relative import {node.module}>"))
            elif node.module and node.module.startswith("tdkt."):
                found.append((node.lineno, node.module))
            elif node.module == "tdkt":
                found += [(node.lineno, f"tdkt.{a.name}") for a in node.names]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
    return found


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        yield path, ".".join(p for p in rel.parts if p != "__init__")


def test_every_module_belongs_to_a_stage():
    top = {p.stem if p.is_file() else p.name for p in PACKAGE.iterdir()
           if (p.suffix == ".py" or (p.is_dir() and (p / "__init__.py").exists())) and p.name != "__init__.py"}
    assert top - {"__main__"} == set(LAYER)


@pytest.mark.parametrize("path,module", list(_modules()), ids=lambda v: v if isinstance(v, str) else "")
def test_imports_flow_one_way(path, module):
    if module == "tdkt":
        return
    here = _stage(module)
    wrong = []
    for line, imported in _imports(path):
        if imported.startswith("<relative"):
            wrong.append(f"{path.name}:{line}: {imported}: write imports in full (tdkt.<stage>.<module>)")
            continue
        if not imported.startswith("tdkt.") or imported == "tdkt":
            continue
        there = _stage(imported)
        if there != here and LAYER[there] >= LAYER[here]:
            wrong.append(f"{path.name}:{line}: {module} (stage {here}) imports {imported} (stage {there})")
    assert not wrong, "\n".join(wrong)


def test_only_the_door_imports_mkdocs():
    door = PACKAGE / "render" / "mkdocs_api.py"
    wrong = [f"{path.relative_to(PACKAGE)}:{line}: {name}" for path, _ in _modules() if path != door
             for line, name in _imports(path) if name == "mkdocs" or name.startswith(("mkdocs.", "material"))]
    assert not wrong, "import MkDocs only in tdkt/render/mkdocs_api.py:\n" + "\n".join(wrong)


def test_the_door_finds_what_it_relies_on_and_says_when_it_does_not(monkeypatch):
    from tdkt.render import mkdocs_api

    mkdocs_api.check()  # the installed MkDocs has every private name we use
    monkeypatch.setattr(mkdocs_api, "PRIVATE", mkdocs_api.PRIVATE + (("mkdocs.commands.build", "_gone"),
                                                                     ("mkdocs.structure.pages", "Page.nothing")))
    with pytest.raises(mkdocs_api.RendererMismatch) as failed:
        mkdocs_api.check()
    message = str(failed.value)
    assert "mkdocs.commands.build._gone" in message and "Page.nothing" in message and "1.6.1" in message
    assert "_populate_page" not in message


def test_the_readme_module_map_is_the_tree():
    readme = (PACKAGE.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("```\nbuild.py", 1)[1].split("```", 1)[0]
    for path, module in _modules():
        rel = path.relative_to(PACKAGE)
        if rel.name == "__init__.py":
            continue
        assert f" {rel.name} " in block or f" {rel.name}\n" in block or f"  {rel.as_posix()}" in block, \
            f"README's module map lacks tdkt/{rel.as_posix()}"
