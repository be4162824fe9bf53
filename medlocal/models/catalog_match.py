"""Whether a downloaded GGUF is the model its catalog entry describes: the same architecture,
the same quantisation (when the file says it) and about the catalog's size. A catalog entry
without a pinned SHA-256 trusts the hub's own hash, which a wrong or hostile hub (HF_ENDPOINT)
gives for whatever file it serves (walk 46b D6: a 135M model was recorded as "verified:
openbiollm-llama3-8b-q4km")."""

from __future__ import annotations

import os

from medlocal.engine.gguf import GGUFInfo
from medlocal.models.catalog import CatalogEntry

_GB = 1_000_000_000  # the catalog's sizes are decimal GB, as MedLocal says sizes
# Room for a re-quantised upload of the same model (an unpinned revision moves) and for the
# catalog's rounding to two decimals; another model of the same name is off by far more.
_SIZE_SHARE = 0.2
_SIZE_SLACK_BYTES = 10_000_000
# llama.cpp's ``general.file_type`` numbers of the quantisations the catalog names. The size slack
# is wider than a small embedder (bge-small is 37 MB): a 46 MB F16 MiniLM passed as bge-small's
# Q8_0 file (user62's walk); its quantisation says it is not.
_FILE_TYPES = {
    "F32": 0,
    "F16": 1,
    "Q4_0": 2,
    "Q4_1": 3,
    "Q8_0": 7,
    "Q5_0": 8,
    "Q5_1": 9,
    "Q2_K": 10,
    "Q3_K_S": 11,
    "Q3_K_M": 12,
    "Q3_K_L": 13,
    "Q4_K_S": 14,
    "Q4_K_M": 15,
    "Q5_K_S": 16,
    "Q5_K_M": 17,
    "Q6_K": 18,
    "BF16": 32,
}


def catalog_mismatch(entry: CatalogEntry, info: GGUFInfo) -> str | None:
    """Why ``info``'s file is not ``entry``'s model; None when nothing says so. The catalog's
    size is checked when it gives one (above 0)."""
    found: list[str] = []
    if entry.architecture and info.architecture != entry.architecture:
        found.append(f"a {info.architecture} model, where the catalog lists {entry.architecture}")
    listed = _FILE_TYPES.get(entry.quantization.upper())
    if listed is not None and info.file_type is not None and info.file_type != listed:
        found.append(
            f"quantised as {_quantisation(info.file_type)}, where the catalog lists "
            f"{entry.quantization}"
        )
    expected = entry.size_gb * _GB
    if expected > 0 and abs(info.file_size - expected) > expected * _SIZE_SHARE + _SIZE_SLACK_BYTES:
        found.append(
            f"{info.file_size / _GB:.2f} GB, where the catalog lists {entry.size_gb:.2f} GB"
        )
    if not found:
        return None
    hub = os.environ.get("HF_ENDPOINT")
    where = f" (the hub at {hub}, set by HF_ENDPOINT, served it)" if hub else ""
    return (
        f"{entry.filename} is not the model the catalog describes as {entry.display_name}: it is "
        f"{' and '.join(found)}{where}"
    )


def _quantisation(file_type: int) -> str:
    named = [name for name, number in _FILE_TYPES.items() if number == file_type]
    return named[0] if named else f"file type {file_type}"
