"""The extraction package stays pure: no Django, nothing heavy at import time."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "visits" / "extraction"


def test_no_module_under_extraction_imports_django():
    for path in PACKAGE.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert not name.split(".")[0] == "django", f"{path.name} imports {name}"


def test_importing_the_package_loads_neither_django_nor_a_pipeline():
    code = (
        "import sys, visits.extraction as x;"
        "assert 'django' not in sys.modules, 'django imported';"
        "print(x.EXTRACTOR_VERSION)"
    )
    root = PACKAGE.parents[1]
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip()
