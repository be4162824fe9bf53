"""Chats can be deleted: with all their messages in one transaction, audited by id and count
without text, their text gone from the database file (WAL folded back), ids never reused; the
saved answers given in them stay, and still list, show and export; from the CLI (asked first at a
terminal, told which answers stay)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures.terminal import at_terminal
from fixtures.terminal import run_cli as _cli
from fixtures.vault_file import PASS, decrypted_file, new_vault, wal_size

from medlocal.app.chats import chat_output_ids, chat_turns, delete_chats, list_chats
from medlocal.errors import UserInputError
from medlocal.vault.errors import NotFoundError
from medlocal.vault.store import Vault

QUESTION = "Is the Quokka-anticoagulation-plan still current?"
ANSWER = "The Platypus-bridging-regimen ends on day five."


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[Vault]:
    with new_vault(tmp_path / "vault") as vault:
        yield vault


def _chat(
    vault: Vault, patient: int, turns: int = 1, *, save: bool = True
) -> tuple[int, list[int]]:
    """A chat of ``turns`` questions and answers; with ``save`` each answer is also saved as an
    output naming the chat, as a grounded chat does. Returns the chat id and the output ids."""
    chat = vault.create_chat(patient)
    saved = []
    for n in range(turns):
        question, answer = f"{QUESTION} {n}", f"{ANSWER} {n}"
        vault.add_chat_message(chat, "user", question)
        vault.add_chat_message(chat, "assistant", answer)
        if save:
            provenance = {"chat_id": chat, "question": question}
            saved.append(vault.save_output(patient, "answer", question, answer, provenance, []))
    return chat, saved


def test_opening_a_chat_reads_only_its_own_saved_answers(
    vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening a chat read and decoded every saved output in the vault (each patient's, every
    summary): one query now fetches this chat's answers only."""
    p, q = vault.add_patient("P"), vault.add_patient("Q")
    first, first_answers = _chat(vault, p, 2)
    second, second_answers = _chat(vault, p, 2)  # the same questions and answers, word for word
    _chat(vault, q, 3)
    vault.save_output(p, "summary", "Summary", ANSWER, {"chat_id": first}, [])
    vault.save_output(p, "answer", "Other", ANSWER, {"chat_id": str(first)}, [])

    def everything(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("read every saved output")

    monkeypatch.setattr(Vault, "list_outputs", everything)
    assert [o.id for o in vault.chat_answers(first)] == first_answers
    assert [t.output_id for t in chat_turns(vault, first)] == first_answers
    assert [t.output_id for t in chat_turns(vault, second)] == second_answers
    assert chat_turns(vault, second + 100) == []


def test_deleting_chats_is_audited_by_id_and_keeps_their_saved_answers(vault: Vault) -> None:
    p = vault.add_patient("P")
    (gone, gone_answers), (kept, kept_answers) = _chat(vault, p, 2), _chat(vault, p, 1)
    (empty, _) = _chat(vault, p, 0)
    assert [c.output_ids for c in list_chats(vault, p)] == [
        tuple(gone_answers),
        (*kept_answers,),
        (),
    ]
    assert [c.questions for c in list_chats(vault, p)] == [2, 1, 0]
    assert chat_output_ids(vault, [gone, empty]) == gone_answers

    assert delete_chats(vault, [gone, empty, gone]) == 2
    assert [c.id for c in list_chats(vault)] == [kept]
    assert vault.chat_messages(gone) == [] and chat_turns(vault, gone) == []
    assert [t.output_id for t in chat_turns(vault, kept)] == kept_answers
    # The saved answers are separate records: they stay, with their text.
    assert [o.id for o in vault.list_outputs()] == [*gone_answers, *kept_answers]
    assert vault.get_output(gone_answers[0]).content == f"{ANSWER} 0"
    events = [e for e in vault.audit_entries() if e.event == "chat_delete"]
    assert [e.details for e in events] == [
        {"chat_id": gone, "patient_id": p, "messages": 4},
        {"chat_id": empty, "patient_id": p, "messages": 0},
    ]
    assert "Quokka" not in repr(vault.audit_entries())
    assert vault.audit_verify().ok


def test_a_missing_id_deletes_nothing(vault: Vault) -> None:
    p = vault.add_patient("P")
    chat, _ = _chat(vault, p)
    with pytest.raises(NotFoundError):
        delete_chats(vault, [chat, chat + 100])
    assert [c.id for c in list_chats(vault)] == [chat]
    assert len(vault.chat_messages(chat)) == 2
    assert not [e for e in vault.audit_entries() if e.event == "chat_delete"]
    with pytest.raises(UserInputError):
        delete_chats(vault, [])


def test_a_deleted_chats_id_is_not_given_to_the_next(vault: Vault) -> None:
    """A new chat with the deleted one's id would claim its kept answers as its own turns."""
    p = vault.add_patient("P")
    newest, answers = _chat(vault, p)
    delete_chats(vault, [newest])
    vault.lock()
    vault = Vault.open(vault._files.folder, PASS)
    with vault:
        again, _ = _chat(vault, p, save=False)
        assert again > newest
        assert [t.output_id for t in chat_turns(vault, again)] == [None]
        assert [c.output_ids for c in list_chats(vault)] == [()]
        assert [o.id for o in vault.list_outputs()] == answers


def test_deleted_chat_text_is_not_left_in_the_file(vault: Vault) -> None:
    p = vault.add_patient("P")
    chat, _ = _chat(vault, p, 30, save=False)
    vault.delete_chats([])  # nothing to delete: folds the WAL into the file
    plain = decrypted_file(vault)
    assert b"Quokka" in plain and b"Platypus" in plain  # the check can see the text
    vault.delete_chats([chat])
    plain = decrypted_file(vault)
    assert b"Quokka" not in plain and b"Platypus" not in plain
    assert wal_size(vault) == 0


# --- the CLI --------------------------------------------------------------------------------------


@pytest.fixture
def cli_vault(tmp_path: Path) -> tuple[Path, list[str], list[int], list[int]]:
    folder = tmp_path / "vault"
    with new_vault(folder) as vault:
        p = vault.add_patient("Ada Lovelace")
        (first, answers), (second, _) = _chat(vault, p, 2), _chat(vault, p, 1, save=False)
    secret = tmp_path / "pass.txt"
    secret.write_text(PASS + "\n")
    opts = ["--vault", str(folder), "--passphrase-file", str(secret)]
    return folder, opts, [first, second], answers


def _chat_ids(folder: Path) -> list[int]:
    with Vault.open(folder, PASS) as vault:
        return [c[0] for c in vault.list_chats()]


def test_chats_list_and_show(
    cli_vault: tuple[Path, list[str], list[int], list[int]], capsys: pytest.CaptureFixture[str]
) -> None:
    _folder, opts, (first, second), answers = cli_vault
    assert _cli("chats", "list", *opts) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == [str(first), str(second)]
    assert "2 question(s)" in lines[0] and f"{QUESTION} 0" in lines[0]
    assert _cli("chats", "list", "--json", *opts) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["id"], r["questions"], r["output_ids"]) for r in rows] == [
        (first, 2, answers),
        (second, 1, []),
    ]
    assert _cli("chats", "show", str(first), *opts) == 0
    shown = capsys.readouterr().out
    assert f"You: {QUESTION} 1" in shown and f"(saved as output {answers[1]})" in shown
    assert _cli("chats", "show", "999", *opts) != 0


def test_chats_delete_asks_at_a_terminal_and_names_the_answers_it_keeps(
    cli_vault: tuple[Path, list[str], list[int], list[int]],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    folder, opts, (first, second), answers = cli_vault
    questions = at_terminal(monkeypatch, "n", "y")
    assert _cli("chats", "delete", str(first), *opts) == 1
    out = capsys.readouterr().out
    assert "Nothing deleted." in out
    assert f"medlocal outputs delete {answers[0]} {answers[1]}" in out
    assert "1 chat(s)" in questions[0] and "[y/N]" in questions[0]
    assert _chat_ids(folder) == [first, second]
    assert _cli("chats", "delete", str(first), *opts) == 0
    assert "Deleted 1 chat(s)." in capsys.readouterr().out
    assert _cli("chats", "delete", str(second), "999", "--yes", *opts) != 0  # none deleted
    assert _cli("chats", "delete", str(second), "--yes", *opts) == 0  # not asked again
    assert _chat_ids(folder) == [] and len(questions) == 2
    # The kept answers still show and export without their chat.
    assert _cli("outputs", "show", str(answers[1]), *opts) == 0
    assert f"{ANSWER} 1" in capsys.readouterr().out
    out_file = tmp_path / "answer.md"
    assert _cli("outputs", "export", str(answers[1]), "--out", str(out_file), *opts) == 0
    assert f"{ANSWER} 1" in out_file.read_text(encoding="utf-8")
    # Written without --redact: the command says so, as the document export does.
    assert "unredacted: it holds the patient's identifiers" in capsys.readouterr().err


def test_listing_chats_or_outputs_of_an_unknown_patient_is_an_error(
    cli_vault: tuple[Path, list[str], list[int], list[int]], capsys: pytest.CaptureFixture[str]
) -> None:
    """As every other command says it: not "No chats." / "No saved outputs." with exit 0."""
    _folder, opts, _chats, _answers = cli_vault
    for command in (["chats", "list"], ["outputs", "list"]):
        assert _cli(*command, "--patient", "55", *opts) == 2
        captured = capsys.readouterr()
        assert captured.out == ""
        # Walk 48b D5: and where the ids are listed.
        assert captured.err.strip().endswith(
            "No patient with id 55. ('medlocal patient list' lists the patients)"
        ), captured.err
    assert _cli("chats", "list", "--patient", "1", *opts) == 0
    assert _cli("outputs", "list", "--patient", "1", *opts) == 0
