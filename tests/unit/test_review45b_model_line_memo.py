"""Review45b D10: the model line's memo knew a model by id(), which a model loaded after another
is freed may reuse (the freed model's proposals came back for the new one), and not by the
thinking budget. It is keyed by what was loaded (the model's provenance) and the budget now.
The id() reuse is simulated by making ``id`` give every object the same number in the model-line
module; both tests failed before the fix (checked by restoring the module from
main)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from fixtures.fake_models import FakeChatModel

from medlocal.engine.api import ModelProvenance
from medlocal.rag import export_model_line
from medlocal.rag.export_model_line import chat_model_line

TEXT = "Seen by Zorblax Quinterra at Vendmoor today."


class Vault:
    """Stands for the vault the memo is kept in (any object that can be weakly referenced)."""


class OtherModel(FakeChatModel):
    """A model from another file."""

    def provenance(self) -> ModelProvenance:
        return replace(super().provenance(), path="/models/other.gguf", sha256="1" * 64)


@pytest.fixture
def same_id(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(export_model_line, "id", lambda _obj: 1, raising=False)


@pytest.mark.usefixtures("same_id")
def test_another_model_at_the_same_id_is_asked_afresh() -> None:
    vault = Vault()
    first = FakeChatModel("NONE")
    assert chat_model_line(first, memo_in=vault)(TEXT) == []
    second = OtherModel("PERSON: Zorblax Quinterra\nPLACE: Vendmoor")
    proposals = chat_model_line(second, memo_in=vault)(TEXT)
    assert second.calls, "the second model was not asked"
    assert ("name", "Zorblax Quinterra") in proposals, proposals


@pytest.mark.usefixtures("same_id")
def test_another_thinking_budget_is_asked_afresh_and_the_same_one_is_remembered() -> None:
    vault = Vault()
    model = FakeChatModel("PLACE: Vendmoor")
    chat_model_line(model, 200, memo_in=vault)(TEXT)
    chat_model_line(model, 200, memo_in=vault)(TEXT)
    assert len(model.calls) == 1
    chat_model_line(model, 400, memo_in=vault)(TEXT)
    assert len(model.calls) == 2
