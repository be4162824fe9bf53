"""Review 43, D9: file and patient names reached the terminal and the window raw (ESC turned the
terminal red, a newline forged a line, U+202E reversed text) in places walk 43 D6 missed. Every
f-string of the faces (and of app messages they print) that shows a file name, a source's
place or label, or (in the command line) a patient's name, must pass it through
``fsutil.shown_name``. A scan, so that a new raw print is caught without a test per site."""

from __future__ import annotations

import ast
from pathlib import Path

import medlocal
from medlocal.cli.rag_cmds import _source_line
from medlocal.rag.passages import SourceRef

ROOT = Path(medlocal.__file__).parent
NASTY = "esc\x1b[31mred\n[4/4] failed: forged.txt \u202etxt.exe"
# Attributes that hold a file name (``place``/``label()``: the file name and its pages).
FILE_ATTRIBUTES = frozenset({"file_name", "place"})
# In the command line, ``p.name``/``patient.name`` are patients' names (typed or imported).
PATIENT_VARIABLES = frozenset({"p", "patient"})


def _is_shown_name(node: ast.AST) -> bool:
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    return (isinstance(func, ast.Name) and func.id == "shown_name") or (
        isinstance(func, ast.Attribute) and func.attr == "shown_name"
    )


def _holds_name(node: ast.AST, patients: bool) -> bool:
    if isinstance(node, ast.Attribute):
        if node.attr in FILE_ATTRIBUTES:
            return True
        return (
            patients
            and node.attr == "name"
            and isinstance(node.value, ast.Name)
            and node.value.id in PATIENT_VARIABLES
        )
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "label"
        and not node.args
    )


def _raw_names(node: ast.AST, patients: bool) -> list[ast.AST]:
    """The name-holding expressions under ``node`` that no ``shown_name(...)`` call wraps."""
    if _is_shown_name(node):
        return []
    found: list[ast.AST] = [node] if _holds_name(node, patients) else []
    for child in ast.iter_child_nodes(node):
        found.extend(_raw_names(child, patients))
    return found


def _raw_prints(folder: str, patients: bool) -> list[str]:
    hits = []
    for path in sorted((ROOT / folder).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FormattedValue):
                hits.extend(
                    f"{path.relative_to(ROOT)}:{raw.lineno}: {ast.unparse(node.value)}"
                    for raw in _raw_names(node.value, patients)
                )
    return hits


def test_no_face_formats_a_file_or_patient_name_raw() -> None:
    hits = [
        *_raw_prints("cli", patients=True),
        *_raw_prints("ui", patients=False),
        *_raw_prints("app", patients=False),
    ]
    assert hits == []


def test_the_scan_sees_a_raw_name() -> None:
    tree = ast.parse('f"[{s.number}] {html.escape(s.place)} {shown_name(d.file_name)} {p.name}"')
    raw = [
        ast.unparse(n)
        for v in ast.walk(tree)
        if isinstance(v, ast.FormattedValue)
        for n in _raw_names(v.value, patients=True)
    ]
    assert raw == ["s.place", "p.name"]


def test_an_ask_sources_line_escapes_the_file_name() -> None:
    line = _source_line(SourceRef(1, 1, 1, NASTY, None, 0, 10, "snippet"))
    assert "\x1b" not in line and "\u202e" not in line
    assert line.count("\n") == 1  # the snippet's line only: no forged "[4/4] failed" line
