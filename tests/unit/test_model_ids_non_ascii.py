"""Walk 43 D7: model ids dropped every non-ASCII letter: "Modèle clinique Ü 医学 v2.gguf" became
``mod-le-clinique-v2`` and "医学.gguf" / "内科.gguf" ``model`` / ``model-2``. Latin letters are
now transliterated; a name with no Latin letters takes the GGUF's ``general.name`` when that has
some, else keeps its own letters. ASCII names get the ids they always got."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.model_files import write_tiny_gguf

from medlocal.models.importer import import_gguf, model_id_base


@pytest.mark.parametrize(
    ("stem", "gguf_name", "expected"),
    [
        ("Modèle clinique Ü 医学 v2", None, "modele-clinique-u-v2"),
        ("Modéle clinique Ü v2", None, "modele-clinique-u-v2"),
        ("Straße Ærø Łódź", None, "strasse-aero-lodz"),
        ("医学", "Clinical Med 7B", "clinical-med-7b"),
        ("医学", "医学模型", "医学"),
        ("内科", None, "内科"),
        # ASCII names: unchanged from before.
        ("Llama-3 Med42 8B.Q4_K_M", "Whatever", "llama-3-med42-8b-q4-k-m"),
        ("2024", "Named Model", "2024"),
        ("___", None, "model"),
    ],
)
def test_model_id_base(stem: str, gguf_name: str | None, expected: str) -> None:
    assert model_id_base(stem, gguf_name) == expected


def test_an_import_takes_general_name_for_a_name_without_latin_letters(tmp_path: Path) -> None:
    first = write_tiny_gguf(tmp_path / "医学.gguf", name="Clinic Model", seed=1)
    second = write_tiny_gguf(tmp_path / "内科.gguf", name="内科模型", seed=2)
    accented = write_tiny_gguf(tmp_path / "Modèle clinique Ü v2.gguf", seed=3)
    assert import_gguf(first).model.id == "clinic-model"
    assert import_gguf(second).model.id == "内科"
    assert import_gguf(accented).model.id == "modele-clinique-u-v2"
