"""Saved answers and summaries can be deleted: in one transaction, audited by id without text,
their text gone from the database file (secure_delete, WAL folded back), ids never reused, the
search index untouched; from the CLI (asked first at a terminal) and with a document they quote."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from fixtures.terminal import at_terminal
from fixtures.terminal import run_cli as _cli
from fixtures.vault_file import PASS, decrypted_file, new_vault, wal_size

from medlocal.app.outputs import citing_output_ids, delete_document, delete_outputs
from medlocal.errors import UserInputError
from medlocal.vault.errors import NotFoundError
from medlocal.vault.records import ChunkRecord
from medlocal.vault.store import Vault

MARKER = "Zebrafish-quoted-anticoagulation-plan"


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[Vault]:
    with new_vault(tmp_path / "vault") as vault:
        yield vault


def _add_document(vault: Vault, patient: int, text: str) -> int:
    vector = np.ones((1, 4), dtype=np.float32) / 2
    chunks = [ChunkRecord(text, 1, 0, len(text))]
    return vault.add_document(patient, "letter.txt", "txt", text.encode(), chunks, vector, "f-v1")


def _answer(vault: Vault, patient: int, document_id: int, text: str = MARKER) -> int:
    provenance = {"passages": [{"document_id": document_id, "chunk_id": 1}]}
    return vault.save_output(patient, "answer", "Question", text, provenance, [])


def test_deleting_outputs_is_audited_by_id_and_leaves_the_rest(vault: Vault) -> None:
    p = vault.add_patient("P")
    doc = _add_document(vault, p, "Apixaban 5 mg twice daily.")
    first, second, third = (_answer(vault, p, doc, f"{MARKER} {n}") for n in range(3))
    assert delete_outputs(vault, [first, third, first]) == 2
    assert [o.id for o in vault.list_outputs()] == [second]
    events = [e for e in vault.audit_entries() if e.event == "output_delete"]
    assert [e.details for e in events] == [
        {"output_id": first, "patient_id": p, "kind": "answer"},
        {"output_id": third, "patient_id": p, "kind": "answer"},
    ]
    assert MARKER not in repr(vault.audit_entries())
    assert vault.audit_verify().ok
    assert [d.id for d in vault.list_documents()] == [doc]
    assert vault.document_chunks(doc)[0].text == "Apixaban 5 mg twice daily."
    assert [h.document_id for h in vault.search("apixaban", np.ones(4, np.float32) / 2)] == [doc]


def test_a_missing_id_deletes_nothing(vault: Vault) -> None:
    p = vault.add_patient("P")
    kept = _answer(vault, p, 1)
    with pytest.raises(NotFoundError):
        delete_outputs(vault, [kept, kept + 100])
    assert [o.id for o in vault.list_outputs()] == [kept]
    assert not [e for e in vault.audit_entries() if e.event == "output_delete"]
    with pytest.raises(UserInputError):
        delete_outputs(vault, [])


def test_a_deleted_outputs_id_is_not_given_to_the_next(vault: Vault) -> None:
    """Exports' date offsets and audit entries are keyed by output id."""
    p = vault.add_patient("P")
    newest = _answer(vault, p, 1)
    delete_outputs(vault, [newest])
    vault.lock()
    vault = Vault.open(vault._files.folder, PASS)
    with vault:
        assert _answer(vault, p, 1) > newest


def test_deleted_text_is_not_left_in_the_file(vault: Vault) -> None:
    p = vault.add_patient("P")
    output = _answer(vault, p, 1, MARKER * 40)
    vault.delete_outputs([])  # nothing to delete: folds the WAL into the file
    assert MARKER.encode() in decrypted_file(vault)  # the check can see the text
    vault.delete_outputs([output])
    assert MARKER.encode() not in decrypted_file(vault)
    assert wal_size(vault) == 0


def test_a_document_can_go_with_the_outputs_quoting_it(vault: Vault) -> None:
    p = vault.add_patient("P")
    gone, kept = (_add_document(vault, p, f"Letter {n}.") for n in range(2))
    quoting = [_answer(vault, p, gone), _answer(vault, p, gone)]
    other = _answer(vault, p, kept)
    assert citing_output_ids(vault, [gone]) == quoting
    assert delete_document(vault, gone, with_outputs=True) == quoting
    assert [o.id for o in vault.list_outputs()] == [other]
    events = [e.event for e in vault.audit_entries()][-3:]
    assert events == ["output_delete", "output_delete", "delete"]
    assert delete_document(vault, kept) == []  # without: the output keeps its text
    assert [o.id for o in vault.list_outputs()] == [other]


def test_documents_deleted_together_leave_no_text_in_the_file(vault: Vault) -> None:
    """The batch purges once, at its end: the deleted letters and the answer quoting them are
    gone from the database file, free pages and WAL included."""
    p = vault.add_patient("P")
    kept = _add_document(vault, p, "Letter kept.")
    gone = [_add_document(vault, p, f"{MARKER} letter {n} " * 20) for n in range(3)]
    quoting = _answer(vault, p, gone[0], MARKER * 40)
    vault.delete_outputs([])  # folds the WAL into the file
    assert MARKER.encode() in decrypted_file(vault)
    vault.delete_documents(gone, output_ids=[quoting])
    assert MARKER.encode() not in decrypted_file(vault)
    assert wal_size(vault) == 0
    assert [d.id for d in vault.list_documents()] == [kept]
    assert vault.list_outputs() == []


def test_a_chat_keeps_each_answers_own_output_when_one_is_deleted(vault: Vault) -> None:
    from medlocal.app.chats import chat_turns

    p = vault.add_patient("P")
    chat = vault.create_chat(p)
    saved = []
    for n in range(3):
        question, answer = f"Question {n}?", f"Answer {n}."
        vault.add_chat_message(chat, "user", question)
        vault.add_chat_message(chat, "assistant", answer)
        provenance = {"chat_id": chat, "question": question, "status": f"status {n}"}
        saved.append(vault.save_output(p, "answer", question, answer, provenance, []))
    delete_outputs(vault, [saved[1]])
    turns = chat_turns(vault, chat)
    assert [t.answer for t in turns] == ["Answer 0.", "Answer 1.", "Answer 2."]
    assert [t.output_id for t in turns] == [saved[0], None, saved[2]]
    assert [t.status for t in turns] == ["status 0", "answered", "status 2"]


# --- the CLI --------------------------------------------------------------------------------------


@pytest.fixture
def cli_vault(tmp_path: Path) -> tuple[Path, list[str], list[int]]:
    folder = tmp_path / "vault"
    with new_vault(folder) as vault:
        p = vault.add_patient("Ada Lovelace")
        doc = _add_document(vault, p, "Apixaban 5 mg twice daily.")
        ids = [_answer(vault, p, doc), _answer(vault, p, doc), _answer(vault, p, doc + 1)]
    secret = tmp_path / "pass.txt"
    secret.write_text(PASS + "\n")
    return folder, ["--vault", str(folder), "--passphrase-file", str(secret)], [doc, *ids]


def _output_ids(folder: Path) -> list[int]:
    with Vault.open(folder, PASS) as vault:
        return [o.id for o in vault.list_outputs()]


def test_outputs_delete_asks_at_a_terminal(
    cli_vault: tuple[Path, list[str], list[int]],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder, opts, (_doc, a, b, c) = cli_vault
    questions = at_terminal(monkeypatch, "", "y")
    assert _cli("outputs", "delete", str(a), str(b), *opts) == 1
    assert "Nothing deleted." in capsys.readouterr().out
    assert "2 saved outputs" in questions[0] and "[y/N]" in questions[0]
    assert _output_ids(folder) == [a, b, c]
    assert _cli("outputs", "delete", str(a), str(b), *opts) == 0
    assert "Deleted 2 saved outputs." in capsys.readouterr().out
    assert _cli("outputs", "delete", str(c), "--yes", *opts) == 0  # not asked again
    assert _output_ids(folder) == [] and len(questions) == 2


def test_outputs_delete_of_an_unknown_id_fails_and_deletes_nothing(
    cli_vault: tuple[Path, list[str], list[int]],
) -> None:
    folder, opts, (_doc, a, b, c) = cli_vault
    assert _cli("outputs", "delete", str(a), "999", "--yes", *opts) != 0
    assert _output_ids(folder) == [a, b, c]


def test_document_delete_names_or_deletes_the_quoting_outputs(
    cli_vault: tuple[Path, list[str], list[int]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder, opts, (doc, a, b, c) = cli_vault
    assert _cli("delete", str(doc), "--with-outputs", "--yes", *opts) == 0
    assert f"Deleted the 2 saved outputs quoting it: {a} {b}." in capsys.readouterr().out
    assert _output_ids(folder) == [c]


def test_document_delete_without_the_flag_says_how_to_delete_them(
    cli_vault: tuple[Path, list[str], list[int]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder, opts, (doc, a, b, c) = cli_vault
    assert _cli("delete", str(doc), "--yes", *opts) == 0
    assert f"medlocal outputs delete {a} {b}" in capsys.readouterr().out
    assert _output_ids(folder) == [a, b, c]


def test_outputs_delete_names_only_chats_that_still_exist(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # It said "The chats these answers were given in still hold their questions and answers"
    # also after those chats had been deleted, and did not say which chats (QA).
    folder = tmp_path / "vault"
    with new_vault(folder) as vault:
        p = vault.add_patient("Ada Lovelace")
        kept_chat, gone_chat = vault.create_chat(p), vault.create_chat(p)
        ids = [
            vault.save_output(p, "answer", "Q", "A.", {"chat_id": chat}, [])
            for chat in (kept_chat, gone_chat, gone_chat)
        ]
        vault.delete_chats([gone_chat])
    secret = tmp_path / "pass.txt"
    secret.write_text(PASS + "\n")
    opts = ["--vault", str(folder), "--passphrase-file", str(secret), "--yes"]
    assert _cli("outputs", "delete", str(ids[1]), str(ids[2]), *opts) == 0
    assert "still hold" not in capsys.readouterr().out
    assert _cli("outputs", "delete", str(ids[0]), *opts) == 0
    out = capsys.readouterr().out
    assert f"to delete them too: medlocal chats delete {kept_chat}" in out
