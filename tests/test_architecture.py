"""The package's shape: stages import only from the stages below them, and no module grows past 400 lines.

The layers, bottom up (docs/how-it-works.md): the shared base; sources/ (reading texts);
campaign/ (the data); render/ and writers/ (composing and writing documents); checks/ (the one
check pipeline); the commands' libraries (build, preview, distribute, compare, curate) and the
terminal output; the CLI on top. An import that goes up, or a module past the limit, fails here.
"""

import ast
from pathlib import Path

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "briefkit"
LAYERS = {
    "errors": 0, "fsutil": 0, "filerule": 0, "resources": 0, "__init__": 0,
    "sources": 1, "campaign": 2, "render": 3, "writers": 3, "checks": 4,
    "build": 5, "preview": 5, "distribute": 5, "compare": 5, "curate": 5, "translate": 5, "console": 6,
    "clibase": 6, "cli": 7, "cli_translate": 7, "__main__": 8,
}
MODULES = sorted(PACKAGE.rglob("*.py"))


def stage(module: str) -> str:
    """The stage a dotted module (briefkit.render.compose) belongs to."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def imports(path: Path) -> set[str]:
    """The briefkit modules a file imports (`from briefkit import x` counts as briefkit.x)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "briefkit":
            found.update(f"briefkit.{alias.name}" if (PACKAGE / alias.name).is_dir()
                         or (PACKAGE / f"{alias.name}.py").is_file() else "briefkit" for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("briefkit."):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("briefkit"))
    return found


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_module_imports_from_a_stage_above_its_own(path):
    module = "briefkit." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
    own = LAYERS[stage(module)]
    upward = sorted(name for name in imports(path) if LAYERS[stage(name)] > own)
    assert not upward, f"{module} imports from above its stage: {upward}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_module_is_over_400_lines(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 400
