"""Walk 52a L5: an export into a read-only folder said "cannot write …: Read-only file system"
with no next step (a full disk's message gives one); now it says what to do, and still writes
nothing. Other failures keep their own words."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from medlocal.rag import export_files
from medlocal.rag.export import ExportError, export_document
from medlocal.rag.export_parts import ExportDocument

DOC = ExportDocument(title="Plan", kind="answer", body="Apixaban 5 mg twice daily [1].")


def _refusing(monkeypatch: pytest.MonkeyPatch, code: int) -> None:
    def refuse(doc: ExportDocument, tmp: Path) -> None:
        raise OSError(code, "refused by the test")

    monkeypatch.setitem(export_files.WRITERS, "text", refuse)


@pytest.mark.parametrize(
    ("code", "said"),
    [(errno.EROFS, "read-only"), (errno.EACCES, "may not write"), (errno.EPERM, "may not write")],
)
def test_a_refused_folder_says_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, said: str
) -> None:
    _refusing(monkeypatch, code)
    out = tmp_path / "answer.txt"
    with pytest.raises(ExportError) as caught:
        export_document(DOC, out)
    text = str(caught.value)
    assert text.startswith(f"cannot write {out}: refused by the test"), text
    assert said in text and "choose another folder or drive" in text
    assert not out.exists() and not any(tmp_path.iterdir())


def test_another_failure_keeps_its_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _refusing(monkeypatch, errno.EIO)
    with pytest.raises(ExportError) as caught:
        export_document(DOC, tmp_path / "answer.txt")
    assert str(caught.value) == f"cannot write {tmp_path / 'answer.txt'}: refused by the test"
