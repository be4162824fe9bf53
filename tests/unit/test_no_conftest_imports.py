"""Test helpers are imported from ``fixtures.*``, never ``from conftest import``.

Every conftest.py is imported under the one name ``conftest``; an import of it inside a test
body got tests/integration/conftest.py in a whole-suite run and three window tests failed in CI
while passing when tests/gui ran alone."""

from __future__ import annotations

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
CONFTEST_IMPORT = re.compile(r"^\s*(from\s+conftest\s+import|import\s+conftest\b)", re.MULTILINE)


def test_no_test_imports_a_conftest_by_name() -> None:
    offenders = [
        str(path.relative_to(TESTS))
        for path in sorted(TESTS.rglob("*.py"))
        if CONFTEST_IMPORT.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_rule_sees_an_import_inside_a_function() -> None:
    assert CONFTEST_IMPORT.search("def test():\n    from conftest import open_window\n")
