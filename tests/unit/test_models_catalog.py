"""The bundled catalog parses, is consistent, and malformed entries are rejected clearly."""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from medlocal.models.catalog import CatalogError, bundled_catalog, catalog_path, parse_catalog
from medlocal.models.demo import DEMO_MODEL_ID


def _raw() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(catalog_path().read_text(encoding="utf-8"))
    return data


def test_bundled_catalog_has_chat_and_embedding_entries() -> None:
    catalog = bundled_catalog()
    ids = [e.id for e in catalog.entries]
    assert len(ids) == len(set(ids))
    assert len(catalog.by_role("chat")) >= 6
    assert len(catalog.by_role("embedding")) >= 2
    for entry in catalog.entries:
        assert entry.default_ctx <= entry.context_length
        assert entry.size_gb > 0 and entry.shape.block_count > 0
        for bench in entry.benchmarks:
            assert bench.source  # every reported score names its source


def test_gated_and_reasoning_models_are_marked() -> None:
    catalog = bundled_catalog()
    assert catalog.get("medgemma-4b-it-q4km").gated
    assert catalog.get("huatuogpt-o1-8b-q4km").reasoning_output


def test_demo_entry_matches_the_installed_package_file(demo_gguf: Path) -> None:
    entry = bundled_catalog().get(DEMO_MODEL_ID)
    assert "not for clinical use" in entry.display_name
    assert entry.filename == demo_gguf.name
    assert hashlib.sha256(demo_gguf.read_bytes()).hexdigest() == entry.sha256
    assert bundled_catalog().by_sha256(entry.sha256) == entry


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("sha256", "abc123", "64 hex"),
        ("revision", "main", "40-hex"),
        ("role", "vision", "chat, embedding, reranker"),
        ("filename", "../evil.gguf", "plain .gguf"),
        ("gated", "yes", "wrong type"),
        ("size_gb", True, "wrong type"),
        ("repo_id", "no-slash", "owner/name"),
    ],
)
def test_malformed_entries_are_rejected(field: str, value: object, message: str) -> None:
    data = _raw()
    broken = copy.deepcopy(data)
    broken["entries"][1][field] = value
    with pytest.raises(CatalogError, match=message):
        parse_catalog(broken)


def test_missing_field_and_duplicate_ids_are_rejected() -> None:
    data = _raw()
    missing = copy.deepcopy(data)
    del missing["entries"][0]["license"]
    with pytest.raises(CatalogError, match="missing field 'license'"):
        parse_catalog(missing)
    dup = copy.deepcopy(data)
    dup["entries"].append(dup["entries"][0])
    with pytest.raises(CatalogError, match="appears twice"):
        parse_catalog(dup)


def test_unknown_entry_id_lists_known_ones() -> None:
    with pytest.raises(CatalogError, match=r"known:.*demo-smollm2-135m"):
        bundled_catalog().get("no-such-model")


def test_demo_shape_matches_its_gguf_header(demo_gguf: Path) -> None:
    """The catalog's shape (what a not-installed model's RAM estimate is computed from) is the
    architecture the file declares, so the estimate and the installed fit agree."""
    from medlocal.engine.gguf import read_gguf_info

    shape = bundled_catalog().get(DEMO_MODEL_ID).shape
    info = read_gguf_info(demo_gguf)
    assert (shape.block_count, shape.embedding_length, shape.head_count) == (
        info.block_count, info.embedding_length, info.head_count,
    )  # fmt: skip
    assert (shape.head_count_kv, shape.head_dim) == (info.head_count_kv, info.head_dim)
    assert shape.feed_forward_length == info.metadata["llama.feed_forward_length"]


def test_a_bad_shape_is_rejected() -> None:
    data = _raw()
    data["entries"][0]["shape"]["head_count_kv"] = 0
    with pytest.raises(CatalogError, match="shape"):
        parse_catalog(data)
    del data["entries"][0]["shape"]
    with pytest.raises(CatalogError, match="missing field 'shape'"):
        parse_catalog(data)


def test_a_reasoning_model_is_known_by_file_name_or_gguf_names() -> None:
    """HuatuoGPT-o1's entry has no sha256: an imported copy or a file passed by path is still
    known by the catalog's file name, or by its GGUF general.name / general.basename."""
    from types import SimpleNamespace

    from medlocal.app.loaded_models import _catalog_reasons
    from medlocal.models.catalog import bundled_catalog, entry_for_file

    catalog = bundled_catalog()
    huatuo = catalog.get("huatuogpt-o1-8b-q4km")
    assert not huatuo.sha256 and huatuo.reasoning_output
    assert entry_for_file(catalog, filename="huatuogpt-o1-8b.q4_k_m.gguf") == huatuo
    assert entry_for_file(catalog, filename="mine.gguf", names=("HuatuoGPT o1 8B",)) == huatuo
    assert entry_for_file(catalog, filename="mine.gguf", names=(None, "HuatuoGPT-o1-8B")) == huatuo
    assert entry_for_file(catalog, filename="mine.gguf", names=("Some Model",)) is None

    def loaded(name: str | None, basename: str | None = None) -> SimpleNamespace:
        metadata = {"general.basename": basename} if basename else {}
        return SimpleNamespace(info=SimpleNamespace(name=name, metadata=metadata))

    assert _catalog_reasons(None, "/m/HuatuoGPT-o1-8B.Q4_K_M.gguf", loaded(None))
    assert _catalog_reasons(None, "/m/renamed.gguf", loaded("HuatuoGPT-o1-8B"))
    assert _catalog_reasons(None, "/m/renamed.gguf", loaded(None, "II-Medical-8B-1706"))
    assert _catalog_reasons("huatuogpt-o1-8b-q4km", "/m/x.gguf", loaded(None))
    assert not _catalog_reasons(None, "/m/renamed.gguf", loaded("SmolLM2 135M"))
