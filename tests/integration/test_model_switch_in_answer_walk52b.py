"""Walk 52b L7: the window held clinic-second; `models remove clinic-second` ran in a shell; the
window's next question was answered by the demo model (not for clinical use) and only the log and
a passing status-bar message said so. The switch is now a note of that answer itself (shown
before it in the chat, kept with the saved answer), once; the real demo model answers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fixtures.model_files import write_short_context_copy

from medlocal.app import Workspace
from medlocal.app.installed_models import remove_model
from medlocal.engine.api import SamplingParams
from medlocal.models.demo import DEMO_MODEL_ID
from medlocal.models.importer import import_gguf
from medlocal.models.registry import Registry
from medlocal.vault.keys import KdfParams

PASS = "correct horse battery"


def _ask(session: Any, question: str) -> Any:
    stream = session.ask(question)
    for _ in stream:  # streamed as the window streams it
        pass
    return stream.result


def test_the_answer_after_a_removed_model_says_which_model_answers(
    engine: object, demo_gguf: Path, tmp_path: Path
) -> None:
    # Another header than the demo model's: the same bytes would be "already installed".
    copy = write_short_context_copy(demo_gguf, tmp_path / "other.gguf", 4096)
    import_gguf(copy, in_place=True, model_id="clinic-second")
    Registry().set_default("clinic-second", "chat")
    notices: list[str] = []
    ws = Workspace(
        tmp_path / "vault",
        engine=engine,  # type: ignore[arg-type]
        kdf_params=KdfParams(8 * 1024, 1, 1),
        notice=notices.append,
    )
    try:
        ws.create_vault(PASS, PASS)
        patient = ws.require_vault().add_patient("Someone")
        assert ws.chat_model().name == "clinic-second"  # the window holds it
        remove_model(Registry(), "clinic-second")  # as `medlocal models remove` in a shell

        params = SamplingParams(max_tokens=4)
        session = ws.grounded_chat(patient, params=params)
        answer = _ask(session, "What is aspirin?")
        expected = (
            f"The chat model clinic-second is no longer installed: answering with "
            f"{DEMO_MODEL_ID}, the demo model (not for clinical use)."
        )
        assert answer.notes[0] == expected, answer.notes
        assert answer.provenance["notes"][0] == expected  # kept with the saved answer
        again = _ask(session, "And ibuprofen?")
        assert expected not in again.notes  # said once, in the answer that switched
        later = ws.grounded_chat(patient, params=params)
        assert expected not in _ask(later, "And paracetamol?").notes
    finally:
        ws.close()
