"""A question's verb finds the doer a note writes: "Does she smoke?" finds "non-smoker" (walk
42g: keyword search folded "smoking" into "smoke" but kept "smoker" whole, the passage's cosine
was 0.17, and the answer was "Not found"). An "-er" word of the question is never cut back:
"liver", "fever", "ulcer" and "water" are words of their own."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.hashed_words import embed

from medlocal.rag.relevance import holds_key_term, same_act, shared_words
from medlocal.vault.keys import KdfParams
from medlocal.vault.lexical import doer_forms
from medlocal.vault.records import ChunkRecord
from medlocal.vault.store import Vault

FAST = KdfParams(memory_kib=1024, iterations=1, lanes=1)

SOCIAL = "Social history: retired administrator, lives with husband. She is a non-smoker."
DRINKS = "Alcohol: a social drinker, about 6 units a week."
LIVER = "Liver function tests normal. No fever. Duodenal ulcer healed. Water tablet continued."
OTHER = ("Blood pressure 138/82 mmHg at the clinic.", "Metformin MR 1 g once daily with food.")


@pytest.fixture(scope="module")
def vault(tmp_path_factory: pytest.TempPathFactory) -> Vault:
    folder: Path = tmp_path_factory.mktemp("doers")
    v, _ = Vault.create(folder / "vault", "pass", kdf_params=FAST)
    patient = v.add_patient("P")
    for number, text in enumerate((SOCIAL, DRINKS, LIVER, *OTHER)):
        chunk = ChunkRecord(text, 1, 0, len(text))
        v.add_document(patient, f"{number}.txt", "txt", text.encode(), [chunk], embed([text]), "m")
    return v


def found(vault: Vault, question: str) -> list[str]:
    # Exact-word search alone (no vector): what the keyword side finds by itself.
    return [h.text for h in vault.search(question, None, k=5)]


@pytest.mark.parametrize(
    "question", ["Does she smoke?", "Is she smoking?", "How much does she smoke?"]
)
def test_a_verb_finds_its_doer(vault: Vault, question: str) -> None:
    assert found(vault, question) == [SOCIAL]


def test_drinking_finds_a_drinker(vault: Vault) -> None:
    assert DRINKS in found(vault, "Does she drink?")


def test_words_ending_in_er_are_not_cut_back(vault: Vault) -> None:
    # "live" is a verb, but "liver" is no doer of it: "Does she live alone?" does not find the
    # liver passage, and the "-er" words of a question search for themselves only.
    assert LIVER not in found(vault, "Does she live alone?")
    forms = doer_forms("Any liver, fever, ulcer or water retention? Lives alone; uses a stick.")
    assert not {"liv", "live", "fev", "feve", "ulc", "ulce", "wat", "wate", "user"} & set(forms)
    assert not any(f.startswith(("liver", "fever", "ulcer", "water")) for f in forms)
    # Porter strips "-er" off longer bases itself ("commoner" is "common" again): such a form
    # would count the question's own word twice.
    assert doer_forms("common metformin retention") == []
    assert doer_forms("Does she smoke or drink? Smoking, smoked, smokes.") == [
        "smoker",
        "drinker",
    ]


def test_the_answerer_reads_a_prefixed_doer_as_the_act() -> None:
    # The relevance gate compared "smoke" with the whole word "non-smoker".
    assert holds_key_term("Does she smoke?", SOCIAL)
    assert shared_words("Does she smoke?", SOCIAL) == {"smoke"}
    assert same_act("smoking", "ex-smoker") and not same_act("live", "liver")
