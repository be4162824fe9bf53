"""Whether a downloaded GGUF is the model its catalog entry describes: the same architecture and
about the catalog's size. A catalog entry without a pinned SHA-256 trusts the hub's own hash,
which a wrong or hostile hub (HF_ENDPOINT) gives for whatever file it serves (walk 46b D6: a
135M model was recorded as "verified: openbiollm-llama3-8b-q4km")."""

from __future__ import annotations

import os

from medlocal.engine.gguf import GGUFInfo
from medlocal.models.catalog import CatalogEntry

_GB = 1_000_000_000  # the catalog's sizes are decimal GB, as MedLocal says sizes
# Room for a re-quantised upload of the same model (an unpinned revision moves) and for the
# catalog's rounding to two decimals; another model of the same name is off by far more.
_SIZE_SHARE = 0.2
_SIZE_SLACK_BYTES = 10_000_000


def catalog_mismatch(entry: CatalogEntry, info: GGUFInfo) -> str | None:
    """Why ``info``'s file is not ``entry``'s model; None when nothing says so. The catalog's
    size is checked when it gives one (above 0)."""
    found: list[str] = []
    if entry.architecture and info.architecture != entry.architecture:
        found.append(f"a {info.architecture} model, where the catalog lists {entry.architecture}")
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
