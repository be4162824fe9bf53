"""``medlocal ask --json`` (session 42): one JSON object on stdout, the saved answer as
``outputs show ID --json`` prints it (its text, its citations with document, page and passage
text, its flags and notes, the output's id); a general answer, not saved, in the same shape with
no id. Errors stay on stderr with their exit code."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from fixtures.child_process import child_env
from fixtures.fake_models import FakeChatModel
from fixtures.vault_file import PASS, new_workspace

from medlocal.app import Workspace
from medlocal.cli import main
from medlocal.engine.generation import GenerationStats
from medlocal.rag.prompts import GENERAL_LABEL

ROSALIND = "Rosalind Ortega-Whitfield"
LABS = (
    "Rosalind Ortega-Whitfield. 18/07/2026 Potassium 4.9 mmol/L. 29/08/2026 Potassium 5.1 mmol/L."
)
REPLY = "Her latest potassium was 5.1 mmol/L on 29/08/2026 [1]. She takes warfarin 7 mg [1]."


class StatsModel(FakeChatModel):
    """The fake model with the trimming stats the CLI's general answer reads."""

    reasoning = True

    def __init__(self, reply: str) -> None:
        super().__init__(reply)
        self.last_stats = GenerationStats()


def _workspace(tmp_path: Path, reply: str) -> tuple[Workspace, str]:
    chat = StatsModel(reply)
    ws = new_workspace(tmp_path, chat)
    vault = ws.require_vault()
    rosalind = vault.add_patient(ROSALIND, mrn="SAH-7730415")
    vault.add_patient("Desmond Achterberg", mrn="SAH-6619024")
    labs = tmp_path / "labs.txt"
    labs.write_text(LABS, encoding="utf-8")
    ws.import_documents([labs], rosalind)
    secret = tmp_path / "secret.txt"
    secret.write_text(PASS, encoding="utf-8")
    ws.close()
    return ws, str(secret)


def _one_object(out: str) -> dict[str, Any]:
    data = json.loads(out)  # the whole of stdout: one object, nothing else
    assert isinstance(data, dict)
    return data


def test_a_grounded_answer_as_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ws, secret = _workspace(tmp_path, REPLY)
    question = "What is Desmond Achterberg's latest potassium?"  # a note: another patient
    code = main(
        ["ask", "--patient", "1", "--passphrase-file", secret, "--json", question], workspace=ws
    )
    assert code == 0
    out, err = capsys.readouterr()
    data = _one_object(out)
    assert data["content"] == REPLY and data["kind"] == "answer"
    assert isinstance(data["id"], int) and data["patient_id"] == 1
    (citation,) = data["citations"]
    assert citation["number"] == 1 and citation["file_name"] == "labs.txt"
    assert citation["page"] is None  # a text file has no pages
    assert "29/08/2026 Potassium 5.1 mmol/L" in citation["passage"]  # the whole passage
    assert any(flag["kind"] for flag in data["flags"])  # warfarin is in no passage
    assert data["notes"] and "Desmond Achterberg" in data["notes"][0]
    assert f"Saved as output {data['id']}" in err  # what is not the answer stays on stderr
    # The same object as the saved output's own JSON.
    assert (
        main(
            ["outputs", "show", str(data["id"]), "--passphrase-file", secret, "--json"],
            workspace=ws,
        )
        == 0
    )
    assert _one_object(capsys.readouterr().out) == data
    ws.close()


def test_a_general_answer_as_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = "Metformin usually starts at 500 mg once daily."
    ws, _ = _workspace(tmp_path, f"<think>Maybe warfarin 7 mg? No.</think>\n\n{answer}")
    assert main(["ask", "--json", "Starting dose of metformin?"], workspace=ws) == 0
    out, err = capsys.readouterr()
    data = _one_object(out)
    assert data["id"] is None and data["patient_id"] is None and data["kind"] == "general answer"
    assert data["content"] == f"{GENERAL_LABEL}\n{answer}"  # labelled, no thinking
    assert data["title"] == "Starting dose of metformin?"
    assert data["citations"] == [] and data["flags"] == [] and data["notes"] == []
    assert "warfarin" not in out + err and "reasoned for" in err
    ws.close()


@pytest.mark.parametrize(
    "argv",
    [
        ["ask", "--patient", "7", "What is her potassium?"],  # no such patient
        ["ask", "--patient", "2", "What is his potassium?"],  # no documents yet
        ["ask", "--patient", "1", "   "],  # an empty question
    ],
    ids=["unknown-patient", "no-documents", "empty-question"],
)
def test_errors_stay_on_stderr_with_their_exit_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    ws, secret = _workspace(tmp_path, REPLY)
    plain = main([*argv, "--passphrase-file", secret], workspace=ws)
    _, plain_err = capsys.readouterr()
    as_json = main([*argv, "--passphrase-file", secret, "--json"], workspace=ws)
    out, err = capsys.readouterr()
    assert plain != 0 and as_json == plain
    assert out == "" and err == plain_err
    ws.close()


def test_the_closing_line_follows_the_answer_in_one_file(tmp_path: Path) -> None:
    """Walk 54b: `ask … > out.txt 2>&1` wrote "Saved as output 1 … verify against the sources."
    (stderr, sent at once) before the answer (stdout, kept in a block until the process ended).
    A fresh interpreter whose stdout and stderr share one pipe, as they share one file there."""
    _, secret = _workspace(tmp_path, REPLY)
    child = f"""
        import sys
        sys.path.insert(0, {str(Path(__file__).resolve().parents[1])!r})  # tests/: the fixtures
        from pathlib import Path
        from medlocal.app import Workspace
        from medlocal.cli import main
        from fixtures.fake_models import FakeChatModel
        from fixtures.ingest_files import FakeEmbedder
        from fixtures.vault_file import FAST
        from medlocal.engine.generation import GenerationStats

        chat = FakeChatModel({REPLY!r})
        chat.last_stats = GenerationStats()
        ws = Workspace(
            Path({str(tmp_path / "vault")!r}),
            kdf_params=FAST,
            embedder_loader=lambda model: FakeEmbedder(),
            chat_loader=lambda model: chat,
        )
        raise SystemExit(main(
            ["ask", "--patient", "1", "--passphrase-file", {secret!r}, "How is her potassium?"],
            workspace=ws,
        ))
    """
    # The bundle's Python ignores PYTHONUNBUFFERED (a test machine may set it): so does this.
    env = {k: v for k, v in child_env(tmp_path / "home").items() if k != "PYTHONUNBUFFERED"}
    proc = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(child)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,  # one pipe for both, as `> out.txt 2>&1` gives one file
        text=True,
        env=env,
        timeout=240,
    )
    assert proc.returncode == 0, proc.stdout[-2000:]
    out = proc.stdout
    assert "Her latest potassium was 5.1 mmol/L" in out and "Saved as output 1" in out, out
    assert out.index("Her latest potassium was 5.1 mmol/L") < out.index("Saved as output 1"), out
