"""Promise 1, end to end: the whole grounded workflow — create a vault, add a patient, import
documents (embedding model converted on first use), search, ask with citations, summarise — runs
in a network namespace with no interfaces at all, and (with strace) never creates an internet
socket. chromadb, huggingface_hub and llama.cpp are all in the loop."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fixtures.netless import netless_prefix, socket_calls

PASSPHRASE = "offline workflow passphrase"


def _can_unshare() -> bool:
    unshare = shutil.which("unshare")
    return (
        bool(unshare)
        and subprocess.run([unshare, "-n", "true"], capture_output=True).returncode == 0
    )


pytestmark = pytest.mark.skipif(
    not _can_unshare(), reason="needs `unshare -n` (root on Linux) for a network namespace"
)


def test_grounded_workflow_without_any_network(medlocal_home: Path, tmp_path: Path) -> None:
    secret = tmp_path / "pass.txt"
    secret.write_text(PASSPHRASE + "\n")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "letter.txt").write_text(
        "Discharge letter. Medications: metformin 500 mg twice daily; lisinopril 10 mg daily.\n"
        "HbA1c 8.4% on admission. Review in two weeks.\n"
    )
    prefix = netless_prefix(tmp_path)
    env = {**os.environ, "MEDLOCAL_HOME": str(medlocal_home)}

    def medlocal(*args: str) -> str:
        proc = subprocess.run(
            [*prefix, sys.executable, "-m", "medlocal", *args],
            capture_output=True, text=True, env=env, timeout=300,
        )  # fmt: skip
        assert proc.returncode == 0, (args, proc.stderr[-2000:])
        return proc.stdout

    vault = ["--passphrase-file", str(secret)]
    medlocal("vault", "init", *vault)
    patient = (
        medlocal("patient", "add", "--name", "Offline Patient", *vault).strip().splitlines()[-1]
    )
    medlocal("import", str(docs), "--patient", patient, *vault)
    assert "letter.txt" in medlocal("search", "metformin", "--patient", patient, *vault)
    answer = medlocal(
        "ask", "--patient", patient, "--max-tokens", "32", "What dose of metformin?", *vault
    )
    assert answer.strip()
    medlocal(
        "summarize", "--patient", patient, "--template", "medication-list",
        "--max-tokens", "32", *vault,
    )  # fmt: skip

    calls = socket_calls(tmp_path)
    assert "AF_INET" not in calls, calls  # covers AF_INET6
