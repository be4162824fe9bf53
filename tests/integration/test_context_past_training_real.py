"""Walk 46b D1 with the real demo model: a copy whose header says it was trained on 1,024
tokens, asked about in a separate `medlocal` process."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from fixtures import child_process
from fixtures.model_files import write_short_context_copy

Ask = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def ask_short(medlocal_home: Path, demo_gguf: Path, tmp_path: Path) -> Ask:
    """`medlocal ask` with the short-context copy and a 4-token answer, these arguments added."""
    model = write_short_context_copy(demo_gguf, tmp_path / "short.gguf", 1024)

    def ask(*args: str) -> subprocess.CompletedProcess[str]:
        return child_process.run_cli(
            "ask", "--model", str(model), "--max-tokens", "4", *args, home=medlocal_home
        )

    return ask


def test_ask_past_the_training_context_runs_at_it_and_says_so(ask_short: Ask) -> None:
    proc = ask_short("--ctx", "4096", "Hi")
    assert proc.returncode == 0, proc.stderr
    assert (
        "medlocal: This model was trained on a context of 1,024 tokens: it runs with 1,024, "
        "not the 4,096 asked for (--ctx or the context size setting)."
    ) in proc.stderr


def test_a_message_too_long_for_the_training_context_names_no_larger_context(
    ask_short: Ask,
) -> None:
    proc = ask_short("blood pressure " * 700)
    assert proc.returncode != 0
    assert "choose a model trained on a longer context (this one's is 1,024 tokens)" in proc.stderr
    assert "larger context" not in proc.stderr
