"""Can the bundled llama.cpp run this architecture?

llama.cpp exposes no list of the architectures it was built with, but every name it knows is a
string constant in ``libllama``. A GGUF whose ``general.architecture`` is in that library (and in
the ``gguf`` library's list, which llama.cpp maintains alongside) can be loaded; anything else
would fail inside llama.cpp with a less helpful message, so it is refused at import time.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

# Encoder architectures: imported as embedding models, never offered as chat models.
EMBEDDING_ARCHITECTURES = frozenset(
    {
        "bert",
        "nomic-bert",
        "nomic-bert-moe",
        "jina-bert-v2",
        "jina-bert-v3",
        "modern-bert",
        "neo-bert",
        "t5encoder",
        "gemma-embedding",
    }
)
_LIBRARY_PATTERNS = ("libllama.so*", "libllama*.dylib", "llama.dll", "libllama.dll")


@lru_cache(maxsize=1)
def _library_bytes() -> bytes | None:
    try:
        import llama_cpp
    except ImportError:
        return None
    lib_dir = Path(llama_cpp.__file__).parent / "lib"
    for pattern in _LIBRARY_PATTERNS:
        for candidate in sorted(lib_dir.glob(pattern)):
            if candidate.is_file():
                try:
                    return candidate.read_bytes()
                except OSError:
                    return None
    return None


@lru_cache(maxsize=1)
def _gguf_architectures() -> frozenset[str]:
    import gguf

    return frozenset(str(name) for name in gguf.MODEL_ARCH_NAMES.values())


def architecture_supported(architecture: str) -> bool:
    """True when the installed llama.cpp build knows ``architecture``."""
    if not architecture or "\0" in architecture:
        return False
    library = _library_bytes()
    if library is None:
        return architecture in _gguf_architectures()
    name = architecture.encode()
    if name + b"\0" not in library:
        return False
    # The linker may store "bert" as the tail of "nomic-bert", so a bare suffix match is only
    # trusted for names the gguf library also lists.
    return architecture in _gguf_architectures() or b"\0" + name + b"\0" in library
