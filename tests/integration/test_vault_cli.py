"""The vault's command line: ``medlocal vault|patient|search|delete|audit`` through ``main()``,
with the real vault underneath (default Argon2 parameters, as a user gets them)."""

from __future__ import annotations

import getpass
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest
from fixtures.keychain import MemoryKeychain, using_keyring

from medlocal.cli import main
from medlocal.errors import ModelLoadError
from medlocal.vault.records import ChunkRecord
from medlocal.vault.store import Vault

PASS = "correct horse battery"


class WordEmbedder:
    model_id = "cli-fake"
    dim = 8
    name = "fake"
    sha256 = "a" * 64

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        out = np.full((len(texts), self.dim), 0.1, dtype=np.float32)
        for row, text in enumerate(texts):
            out[row, len(text) % self.dim] += 1.0
        return out / np.linalg.norm(out, axis=1, keepdims=True)

    def count_tokens(self, text: str) -> int:
        return len(text.split())


@pytest.fixture
def pass_file(tmp_path: Path) -> Path:
    path = tmp_path / "pass.txt"
    path.write_text(PASS + "\n")
    return path


@pytest.fixture
def no_prompt(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(prompt: str = "") -> str:
        raise AssertionError(f"unexpected prompt: {prompt}")

    monkeypatch.setattr(getpass, "getpass", refuse)


# The embedding model the next cli() call's workspace loads (None: the real default loading).
_embedder_loader: list[Any] = [None]


@pytest.fixture(autouse=True)
def _reset_embedder() -> None:
    _embedder_loader[0] = None


def use_embedder(loader: Any) -> None:
    _embedder_loader[0] = loader


def cli(*argv: str) -> int:
    from medlocal.app import Workspace
    from medlocal.cli.common import notice

    workspace = Workspace(embedder_loader=_embedder_loader[0], notice=notice)
    try:
        return main(list(argv), workspace=workspace)
    finally:
        workspace.close()


def test_vault_lifecycle_from_the_command_line(
    pass_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    no_prompt: None,
) -> None:
    pf = ("--passphrase-file", str(pass_file))
    assert cli("vault", "init", *pf) == 0
    out = capsys.readouterr().out
    recovery = re.search(r"([A-Z2-7]{4}(?:-[A-Z2-7]{4}){7})", out)
    assert recovery, out
    assert cli("vault", "init", *pf) == 2
    assert "already exists" in capsys.readouterr().err

    assert (
        cli(
            "patient", "add", "--name", "Ada Lovelace", "--mrn", "MRN-9", "--dob", "1815-12-10", *pf
        )
        == 0
    )
    patient_id = int(capsys.readouterr().out.strip().splitlines()[-1])
    assert cli("patient", "list", "--json", *pf) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed[0]["name"] == "Ada Lovelace" and listed[0]["id"] == patient_id

    # A document added through the API, as `medlocal import` does.
    embedder = WordEmbedder()
    texts = ["Warfarin 5 mg at night.", "INR target 2 to 3."]
    chunks = [ChunkRecord(texts[0], 1, 0, 23), ChunkRecord(texts[1], 1, 24, 42)]
    with Vault.open(None, PASS) as vault:
        doc = vault.add_document(
            patient_id,
            "anticoag.txt",
            "txt",
            b"x",
            chunks,
            embedder.embed(texts),
            embedder.model_id,
        )

    use_embedder(lambda model=None: embedder)
    assert cli("search", "warfarin", "--patient", str(patient_id), "--json", *pf) == 0
    hits = json.loads(capsys.readouterr().out)
    assert hits[0]["document_id"] == doc and hits[0]["text"] == texts[0]
    assert hits[0]["bm25_score"] is not None and hits[0]["vector_score"] is not None
    assert cli("search", "INR", *pf) == 0
    assert "anticoag.txt" in capsys.readouterr().out

    def no_model(model: str | None = None) -> WordEmbedder:
        raise ModelLoadError("No embedding model is installed.")

    use_embedder(no_model)
    assert cli("search", "warfarin", "--json", *pf) == 0
    captured = capsys.readouterr()
    assert "exact words only" in captured.err
    assert json.loads(captured.out)[0]["vector_score"] is None

    assert cli("patient", "show", str(patient_id), *pf) == 0
    shown = capsys.readouterr().out
    # the size and import date tell two letters of the same name apart
    assert "anticoag.txt" in shown and " KiB  imported 20" in shown
    assert cli("vault", "status", "--json", *pf) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["documents"] == 1 and status["kdf"]["memory_kib"] == 65536
    assert cli("vault", "status", "--check", *pf) == 0
    assert "HMAC verified" in capsys.readouterr().out

    assert cli("delete", str(doc), *pf) == 0
    capsys.readouterr()
    assert cli("delete", str(doc), *pf) == 2
    assert "No document" in capsys.readouterr().err

    assert cli("audit", "verify", *pf) == 0
    assert "intact" in capsys.readouterr().out
    assert cli("audit", "show", "--limit", "3", *pf) == 0
    shown = capsys.readouterr()
    # Walk 38: the unlock/lock pairs of each command are left out unless asked for, and counted.
    assert "unlock" not in shown.out and "warfarin" not in shown.out.lower()
    assert "delete" in shown.out and "unlock/lock entries not shown" in shown.err
    assert cli("audit", "show", "--limit", "3", "--sessions", *pf) == 0
    shown = capsys.readouterr()
    assert "unlock" in shown.out and "warfarin" not in shown.out.lower()

    new_pass = tmp_path / "new.txt"
    new_pass.write_text("an even better passphrase")
    assert cli("vault", "passwd", *pf, "--new-passphrase-file", str(new_pass)) == 0
    assert cli("patient", "list", *pf) == 2
    assert "Wrong passphrase" in capsys.readouterr().err
    npf = ("--passphrase-file", str(new_pass))
    assert cli("vault", "rotate-key", *npf) == 0
    assert cli("patient", "list", *npf) == 0
    assert "Ada Lovelace" in capsys.readouterr().out
    with Vault.open(None, recovery_key=recovery.group(1)) as vault:
        assert vault.audit_verify().ok

    assert cli("patient", "remove", str(patient_id), *npf) == 0
    assert cli("patient", "show", str(patient_id), *npf) == 2


def test_bad_input_gets_exit_code_2(
    pass_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], no_prompt: None
) -> None:
    pf = ("--passphrase-file", str(pass_file))
    assert cli("patient", "list", *pf) == 2
    assert "No vault" in capsys.readouterr().err
    short = tmp_path / "short.txt"
    short.write_text("short")
    assert cli("vault", "init", "--passphrase-file", str(short)) == 2
    assert "at least 8" in capsys.readouterr().err
    assert cli("vault", "init", "--passphrase-file", str(tmp_path / "missing.txt")) == 2
    assert cli("vault", "init", *pf) == 0
    with pytest.raises(SystemExit) as exit_info:
        cli("patient", "add", "--name", "X", "--dob", "10/12/1815", *pf)
    assert exit_info.value.code == 2


def test_prompt_and_remembered_keychain(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = iter([PASS, PASS])
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": next(answers))
    assert cli("vault", "init") == 0  # passphrase typed twice at the prompt
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": PASS)
    assert cli("patient", "add", "--name", "Prompted") == 0

    with using_keyring(MemoryKeychain()):
        assert cli("vault", "remember") == 0
        assert "MemoryKeychain" in capsys.readouterr().out

        def refuse(prompt: str = "") -> str:
            raise AssertionError("the keychain should have been used")

        monkeypatch.setattr(getpass, "getpass", refuse)
        assert cli("patient", "list") == 0
        assert "Prompted" in capsys.readouterr().out

        # Opened from the keychain, passwd still wants the current passphrase.
        new_pass = tmp_path / "new.txt"
        new_pass.write_text("a changed passphrase")
        monkeypatch.setattr(getpass, "getpass", lambda prompt="": "not the passphrase")
        assert cli("vault", "passwd", "--new-passphrase-file", str(new_pass)) == 2
        assert "not changed" in capsys.readouterr().err
        monkeypatch.setattr(getpass, "getpass", lambda prompt="": PASS)
        assert cli("vault", "passwd", "--new-passphrase-file", str(new_pass)) == 0

        assert cli("vault", "forget") == 0
        monkeypatch.setattr(getpass, "getpass", lambda prompt="": "a changed passphrase")
        assert cli("patient", "list") == 0


class OtherWordEmbedder(WordEmbedder):
    """A second embedding model: another id, size and layout; loaded like the engine's models
    (a name and a file hash for the audit log)."""

    model_id = "cli-fake-b"
    dim = 6
    name = "fake-b"
    sha256 = "b" * 64


def test_switching_the_default_embedder_reembeds_the_vault(
    pass_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    no_prompt: None,
) -> None:
    from fixtures.model_files import write_tiny_gguf

    pf = ("--passphrase-file", str(pass_file))
    assert cli("vault", "init", *pf) == 0
    old = WordEmbedder()
    texts = ["Warfarin 5 mg at night.", "INR target 2 to 3."]
    with Vault.open(None, PASS) as vault:
        patient = vault.add_patient("P")
        docs = [
            vault.add_document(
                patient,
                f"{i}.txt",
                "txt",
                text.encode(),
                [ChunkRecord(text, 1, 0, len(text))],
                old.embed([text]),
                old.model_id,
            )
            for i, text in enumerate(texts)
        ]
    new = OtherWordEmbedder()
    use_embedder(lambda model=None: new)
    source = write_tiny_gguf(tmp_path / "tiny.gguf")
    assert cli("models", "import", str(source), "--id", "tiny-emb", "--role", "embedding") == 0
    capsys.readouterr()

    # --no-reembed: the default changes, the vault does not, and the user is told why it matters.
    assert cli("models", "default", "tiny-emb", "--role", "embedding", "--no-reembed", *pf) == 0
    out = capsys.readouterr().out
    assert "default embedding model: tiny-emb" in out and "medlocal vault reembed" in out
    assert cli("search", "anything", "--json", *pf) == 0
    assert all(hit["vector_score"] is None for hit in json.loads(capsys.readouterr().out))

    assert cli("models", "default", "tiny-emb", "--role", "embedding", *pf) == 0
    captured = capsys.readouterr()
    assert "Re-embedded 2 of 2 documents." in captured.out
    assert "re-embedding: 2/2 documents" in captured.err
    assert cli("search", "anything", "--json", *pf) == 0
    hits = json.loads(capsys.readouterr().out)
    assert {h["document_id"] for h in hits if h["vector_score"] is not None} == set(docs)
    assert cli("vault", "reembed", *pf) == 0
    assert "already has vectors" in capsys.readouterr().out
    assert cli("vault", "status", "--json", *pf) == 0
    assert json.loads(capsys.readouterr().out)["embed_models"] == [new.model_id]

    assert cli("audit", "show", "--json", *pf) == 0
    events = json.loads(capsys.readouterr().out)
    loads = [e for e in events if e["event"] == "model_load"]
    assert len(loads) == 4  # two searches, the default switch, vault reembed
    assert loads[0]["details"] == {"role": "embedding", "name": "fake-b", "sha256": new.sha256}
    assert sum(e["event"] == "reembed" for e in events) == 2
    assert cli("audit", "verify", *pf) == 0


def test_vault_reembed_converts_what_an_older_model_embedded(
    pass_file: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    pf = ("--passphrase-file", str(pass_file))
    assert cli("vault", "init", *pf) == 0
    old = WordEmbedder()
    with Vault.open(None, PASS) as vault:
        patient = vault.add_patient("P")
        text = "Metformin with breakfast."
        vault.add_document(
            patient,
            "m.txt",
            "txt",
            b"m",
            [ChunkRecord(text, 1, 0, len(text))],
            old.embed([text]),
            old.model_id,
        )
    use_embedder(lambda model=None: OtherWordEmbedder())
    assert cli("vault", "reembed", *pf) == 0
    assert "Re-embedded 1 of 1 documents." in capsys.readouterr().out
    with Vault.open(None, PASS) as vault:
        assert vault.embed_model_ids() == [OtherWordEmbedder.model_id]


def test_forgotten_passphrase_is_replaced_with_the_recovery_key(
    pass_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], no_prompt: None
) -> None:
    """'vault init' says the recovery key unlocks the vault if the passphrase is forgotten; the
    command line had no way to use it on the vault itself (only on a backup being restored)."""
    assert cli("vault", "init", "--passphrase-file", str(pass_file)) == 0
    found = re.search(r"([A-Z2-7]{4}(?:-[A-Z2-7]{4}){7})", capsys.readouterr().out)
    assert found
    key_file = tmp_path / "key.txt"
    key_file.write_text(found.group(1) + "\n")
    new_pass = tmp_path / "new.txt"
    new_pass.write_text("a remembered passphrase\n")
    wrong_key = tmp_path / "wrong.txt"
    wrong_key.write_text("AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA\n")
    assert cli("vault", "passwd", "--recovery-key-file", str(wrong_key),
               "--new-passphrase-file", str(new_pass)) == 2  # fmt: skip
    assert cli("vault", "passwd", "--recovery-key-file", str(key_file),
               "--new-passphrase-file", str(new_pass)) == 0  # fmt: skip
    assert "Passphrase changed" in capsys.readouterr().out
    assert cli("vault", "status", "--passphrase-file", str(new_pass)) == 0
    assert cli("vault", "status", "--passphrase-file", str(pass_file)) == 2


def test_forget_says_so_when_the_vault_was_not_remembered(
    pass_file: Path, capsys: pytest.CaptureFixture[str], no_prompt: None
) -> None:
    # It said "The keychain wrap was removed" although there was none (QA).
    pf = ("--passphrase-file", str(pass_file))
    assert cli("vault", "init", *pf) == 0
    capsys.readouterr()
    assert cli("vault", "forget", *pf) == 0
    out = capsys.readouterr().out
    assert "was not remembered" in out and "removed" not in out


def test_forget_with_nothing_remembered_asks_no_passphrase(
    pass_file: Path, capsys: pytest.CaptureFixture[str], no_prompt: None
) -> None:
    """Walk 48b D3: `vault forget </dev/null` asked for the passphrase ("No passphrase could be
    read", rc 2) only to say that nothing was remembered."""
    assert cli("vault", "init", "--passphrase-file", str(pass_file)) == 0
    capsys.readouterr()
    assert cli("vault", "forget") == 0  # no_prompt fails the test on any prompt
    assert "was not remembered" in capsys.readouterr().out


def test_grounded_ask_about_a_patient_without_documents_says_so(
    pass_file: Path, capsys: pytest.CaptureFixture[str], no_prompt: None
) -> None:
    # It answered "Not found in the selected documents." and saved that as an output (QA).
    pf = ("--passphrase-file", str(pass_file))
    assert cli("vault", "init", *pf) == 0
    assert cli("patient", "add", "--name", "No Records Yet", *pf) == 0
    capsys.readouterr()
    assert cli("ask", "--patient", "1", "What is her blood pressure?", *pf) == 2
    err = capsys.readouterr().err
    assert "Patient 1 has no documents yet" in err and "medlocal import" in err
    assert cli("ask", "--patient", "7", "What is her blood pressure?", *pf) == 2
    assert "No patient with id 7" in capsys.readouterr().err
    assert cli("outputs", "list", *pf) == 0
    assert capsys.readouterr().out.strip() == "No saved outputs."


def test_sigterm_during_a_summary_stops_it_as_ctrl_c_does(
    pass_file: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Walk51b L7: `timeout` (SIGTERM) ended a summary as a kill, and the next command said the
    # last run "did not close properly". It now stops as Ctrl-C does: nothing saved, exit 130.
    import os
    import signal
    import time

    from medlocal.app import Workspace

    pf = ("--passphrase-file", str(pass_file))
    assert cli("vault", "init", *pf) == 0
    assert cli("patient", "add", "--name", "Long Record", *pf) == 0
    capsys.readouterr()
    reached: list[str] = []

    def terminated(self: Workspace, *args: Any, **kwargs: Any) -> Any:
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(5)  # the handler interrupts the sleep
        reached.append("the end")  # pragma: no cover - only if SIGTERM were ignored

    monkeypatch.setattr(Workspace, "summarize", terminated)
    before = signal.getsignal(signal.SIGTERM)
    assert cli("summarize", "--patient", "1", "--template", "soap", *pf) == 130
    assert reached == [] and signal.getsignal(signal.SIGTERM) == before  # handler put back
    err = capsys.readouterr().err
    assert "summary stopped; nothing was saved (asked to end by the system)" in err
    assert cli("outputs", "list", *pf) == 0
    assert capsys.readouterr().out.strip() == "No saved outputs."


def test_ctrl_c_during_a_summary_is_acknowledged_at_once(
    pass_file: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # QA: after Ctrl-C a long record's summary printed nothing for ~100 s (the model finished
    # reading its prompt while the model was unloaded) and then "summary stopped".
    from medlocal.app import Workspace

    pf = ("--passphrase-file", str(pass_file))
    assert cli("vault", "init", *pf) == 0
    assert cli("patient", "add", "--name", "Long Record", *pf) == 0
    capsys.readouterr()

    def interrupted(self: Workspace, *args: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(Workspace, "summarize", interrupted)
    assert cli("summarize", "--patient", "1", "--template", "soap", *pf) == 130
    err = capsys.readouterr().err
    # The step is abandoned at once (README): no "the model finishes what it is reading first
    # (minutes)" that the run then contradicts by ending in a second (walk51b L3).
    assert "finishes" not in err and "few minutes" not in err
    assert "summary stopped; nothing was saved" in err


def test_no_vault_points_to_init_and_to_restore(
    capsys: pytest.CaptureFixture[str], no_prompt: None
) -> None:
    # On a replacement computer the vault comes back from a backup: say so (QA).
    assert cli("patient", "list") == 2
    err = capsys.readouterr().err
    assert "medlocal vault init" in err and "medlocal vault restore BACKUP_FOLDER" in err
