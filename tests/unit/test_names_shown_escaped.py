"""Review 43, D9: file and patient names reached the terminal and the window raw (ESC turned the
terminal red, a newline forged a line, U+202E reversed text) in places walk 43 D6 missed. Every
f-string of the faces (and of app messages they print) that shows a file name, a source's
place or label, or (in the command line) a patient's name, must pass it through
``fsutil.shown_name``. A scan, so that a new raw print is caught without a test per site.

Review 43b R7 widened it: the answer notes that rag/ builds (printed by ``medlocal ask``), the
file and folder names of paths (``path.name``, ``result.backup.name``) and patients' names in
every layer. Names written inside document text (``person.name``, ``holder.name``: a name the
grounding checks found in a passage) are document text and stay raw: escaping U+202E there
would break real Arabic or Hebrew passages."""

from __future__ import annotations

import ast
from pathlib import Path

import medlocal
from medlocal.app.backups import BackupCheck
from medlocal.app.patient_mixups import other_patient_check, question_check
from medlocal.cli.answer_sources import source_line
from medlocal.errors import MedLocalError
from medlocal.rag.dose_disagreements import where_written
from medlocal.rag.passages import NumberedPassage, SourceRef, file_notes, summary_file_notes
from medlocal.vault.records import SearchHit
from medlocal.vault.rows import Patient

ROOT = Path(medlocal.__file__).parent
NASTY = "esc\x1b[31mred\n[4/4] failed: forged.txt \u202etxt.exe"
# Attributes that hold a file name (``place``/``label()``: the file name and its pages).
FILE_ATTRIBUTES = frozenset({"file_name", "place"})
# ``p.name``/``patient.name``/``selected.name`` are patients' names (typed or imported).
PATIENT_VARIABLES = frozenset({"p", "patient", "selected"})
# ``X.name`` is a file's or folder's name when X is one of these (a variable, or an attribute as
# in ``result.backup.name``), or a model's name (GGUF ``general.name``: from the file too).
PATH_HOLDERS = frozenset({"path", "folder", "old", "source", "target", "backup", "model"})
# Functions that format a name for something other than showing it, each with why:
NOT_SHOWN = {
    # The prompt: the model cites the file as it is named, and the checks compare what the
    # model writes with the raw name (answer.GivenPassage, check_document_names).
    ("rag/passages.py", "render_passages"),
}


def _is_shown_name(node: ast.AST) -> bool:
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    return (isinstance(func, ast.Name) and func.id == "shown_name") or (
        isinstance(func, ast.Attribute) and func.attr == "shown_name"
    )


def _holder(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    return node.attr if isinstance(node, ast.Attribute) else None


def _holds_name(node: ast.AST, patients: bool) -> bool:
    if isinstance(node, ast.Attribute):
        holder = _holder(node.value)
        if holder == "self":  # a property composing the name (SourceRef.place), not a display
            return False
        if node.attr in FILE_ATTRIBUTES:
            return True
        if node.attr != "name":
            return False
        return holder in PATH_HOLDERS or (
            patients and isinstance(node.value, ast.Name) and holder in PATIENT_VARIABLES
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


def _formatted_values(tree: ast.AST, skipped: set[str]) -> list[ast.FormattedValue]:
    """The f-string fields of ``tree``, outside the functions named in ``skipped``."""
    if isinstance(tree, ast.FunctionDef) and tree.name in skipped:
        return []
    here = [tree] if isinstance(tree, ast.FormattedValue) else []
    return here + [v for c in ast.iter_child_nodes(tree) for v in _formatted_values(c, skipped)]


def _raw_prints(folder: str, patients: bool) -> list[str]:
    hits = []
    for path in sorted((ROOT / folder).rglob("*.py")):
        where = path.relative_to(ROOT).as_posix()
        skipped = {name for file, name in NOT_SHOWN if file == where}
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in _formatted_values(tree, skipped):
            hits.extend(
                f"{where}:{raw.lineno}: {ast.unparse(node.value)}"
                for raw in _raw_names(node.value, patients)
            )
    return hits


def test_no_face_formats_a_file_or_patient_name_raw() -> None:
    hits = [
        *_raw_prints("cli", patients=True),
        *_raw_prints("ui", patients=True),
        *_raw_prints("app", patients=True),
        *_raw_prints("rag", patients=True),
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


def test_the_scan_sees_path_and_backup_names_and_leaves_document_names() -> None:
    tree = ast.parse(
        'f"{old.name} {result.backup.name} {folder.name} {person.name} {self.place} {t.name}"'
    )
    raw = [
        ast.unparse(n)
        for v in ast.walk(tree)
        if isinstance(v, ast.FormattedValue)
        for n in _raw_names(v.value, patients=True)
    ]
    assert raw == ["old.name", "result.backup.name", "folder.name"]


def test_the_prompt_is_the_only_function_left_out() -> None:
    assert all((ROOT / file).is_file() for file, _ in NOT_SHOWN)
    source = (ROOT / "rag/passages.py").read_text(encoding="utf-8")
    assert "def render_passages(" in source


def test_an_ask_sources_line_escapes_the_file_name() -> None:
    line = source_line(SourceRef(1, 1, 1, NASTY, None, 0, 10, "snippet"))
    assert "\x1b" not in line and "\u202e" not in line
    assert line.count("\n") == 1  # the snippet's line only: no forged "[4/4] failed" line


def _no_raw_controls(line: str) -> bool:
    return "\x1b" not in line and "\u202e" not in line and "\n" not in line


def test_answer_notes_escape_the_file_name() -> None:
    """Review 43b R7: ``medlocal ask`` prints these notes as "Note: ..."; the file name of a
    misfiled letter or of a dose's passage reached the terminal raw."""
    hit = SearchHit(
        1, 1, 1, NASTY, None, 0, 10, None, "text", 1.0, None, None, file_notes=("misfiled",)
    )
    given = [NumberedPassage(1, hit)]
    notes = [*file_notes(given), *summary_file_notes(given, cited=set())]
    notes.append(where_written(None, None, given[0]))
    assert len(notes) == 3
    assert all(_no_raw_controls(n) and "\\x1b[31mred\\n" in n for n in notes)


def test_a_misfiled_note_and_a_question_check_escape_the_patient_name() -> None:
    other = Patient(2, NASTY, "KV-99123", None, "2026-01-01")
    chosen = Patient(1, "Ann \u202eLee", None, None, "2026-01-01")
    notes = other_patient_check([chosen, other], 1)("Seen under KV-99123 today.")
    notes += question_check([chosen, other], 1)("What does KV-99123 take?")
    assert len(notes) == 2
    assert all(_no_raw_controls(n) for n in notes)


def test_a_backup_check_line_escapes_the_folder_name(tmp_path: Path) -> None:
    line = BackupCheck(tmp_path / NASTY, error=MedLocalError("damaged")).describe()
    assert _no_raw_controls(line)


# Session 45 (appfix44 leftovers): whole paths (``{target}``, the vault folder, a written file)
# were printed raw where only the last name was escaped; a folder named with a newline forged a
# line, ESC coloured the terminal. ``X`` is a full path when its name is one of these. The
# services' messages (a refused backup folder, a missing model file) are shown by both faces.
FULL_PATH_NAMES = frozenset(
    {
        *("path", "folder", "target", "vault_folder", "first_missing", "absolute", "above"),
        *("parent", "destination", "final", "beside_vault"),
    }
)


def _raw_full_paths(folder: str) -> list[str]:
    hits = []
    for path in sorted((ROOT / folder).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        hits.extend(
            f"{path.relative_to(ROOT).as_posix()}:{node.lineno}: {ast.unparse(node.value)}"
            for node in _formatted_values(tree, set())
            if _holder(node.value) in FULL_PATH_NAMES
        )
    return hits


def test_no_face_formats_a_full_path_raw() -> None:
    folders = ("cli", "ui", "app", "vault", "models", "rag", "engine")
    assert [hit for folder in folders for hit in _raw_full_paths(folder)] == []


def test_the_path_scan_sees_a_raw_path() -> None:
    tree = ast.parse(
        'f"{target} {shown_path(folder)} {result.path.parent} {made} {path.name} {self.folder}"'
    )
    raw = [
        ast.unparse(v.value)
        for v in ast.walk(tree)
        if isinstance(v, ast.FormattedValue) and _holder(v.value) in FULL_PATH_NAMES
    ]
    assert raw == ["target", "result.path.parent", "self.folder"]


def test_shown_path_escapes_the_whole_path() -> None:
    from medlocal.fsutil import shown_path

    folder = Path("/media/usb") / "clinic\nfailed: forged" / "esc\x1b[31m" / "a\u202etxt.exe"
    shown = shown_path(folder)
    assert _no_raw_controls(shown)
    assert shown == "/media/usb/clinic\\nfailed: forged/esc\\x1b[31m/a\\u202etxt.exe"
