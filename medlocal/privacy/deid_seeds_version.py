"""The version stored record seeds carry (deid_record): light to import, so that the window's
process keys the seeds it keeps in the vault without building the rules (deid_child)."""

from __future__ import annotations

from medlocal import __version__

# Raise whenever a change to the redactor changes what a document's seeds hold (its rules, word
# lists, the piece size): seeds stored under another version are read again. MedLocal's own
# version is part of the key too, so every release reads each record once afresh whatever was
# forgotten here; the constant covers the changes between releases (and a source hash would
# re-read every record after any edit, comments included, and is not there in a frozen build).
SEEDS_VERSION = 2  # 2: walk 38, a name no longer takes "NHS" after it, nor a code a year range
# 3: walk 41, the words of multi-word generic drug names are clinical words ("cyclosilicate")


def seeds_version() -> str:
    """The version that stored seeds must carry to be used (see :data:`SEEDS_VERSION`)."""
    return f"{__version__}+{SEEDS_VERSION}"
