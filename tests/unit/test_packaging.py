"""The wheel must carry every subpackage and the resources folder."""

from __future__ import annotations

import tomllib
from pathlib import Path

from medlocal.paths import resources_dir

ROOT = Path(__file__).resolve().parents[2]


def test_every_subpackage_is_listed_in_pyproject() -> None:
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    on_disk = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "medlocal").rglob("__init__.py")
    }
    resources = {
        ".".join(("medlocal", "_resources", *folder.relative_to(ROOT / "resources").parts))
        for folder in [ROOT / "resources", *(ROOT / "resources").rglob("*")]
        if folder.is_dir()
    }
    missing = (on_disk | resources) - listed
    assert not missing, f"add to [tool.setuptools] packages: {sorted(missing)}"


def test_resources_are_found() -> None:
    folder = resources_dir()
    assert (folder / "catalog.json").is_file()
    assert any((folder / "templates").glob("*.toml"))
