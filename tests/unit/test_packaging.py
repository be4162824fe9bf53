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


def test_installed_wheel_finds_its_resources(tmp_path: Path) -> None:
    """Build the real wheel, unpack it elsewhere and ask the unpacked package for its resources:
    what a user gets from `pip install .`, not what a checkout happens to have beside it."""
    import shutil
    import subprocess
    import sys
    import zipfile

    # Built from a copy of what the wheel is made of: a checkout's build/ folder keeps files of
    # earlier builds, which the build reuses (a file the package data no longer selects passed).
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    for name in ("medlocal", "resources"):
        shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(tmp_path / "dist"), str(source)],
        check=True, capture_output=True, cwd=tmp_path,
    )  # fmt: skip
    wheel = next((tmp_path / "dist").glob("medlocal-*.whl"))
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    probe = (
        "import sys; sys.path.insert(0, sys.argv[1]); import medlocal.paths as p; "
        "print(p.__file__); print(p.resources_dir())"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, str(site)], check=True, capture_output=True, text=True,
        cwd=tmp_path,
    ).stdout.split()  # fmt: skip
    assert out[0].startswith(str(site))
    folder = Path(out[1])
    assert folder.is_relative_to(site)
    assert (folder / "catalog.json").is_file() and (folder / "medications.txt").is_file()
    assert len(list((folder / "templates").glob("*.toml"))) >= 6
    # Every file of resources/, whatever its extension (walk 27: the wheel lacked the
    # de-identification tagger's model, so redacted export failed after `pip install .`).
    shipped = {f.relative_to(ROOT / "resources") for f in (ROOT / "resources").rglob("*")}
    unpacked = {f.relative_to(folder) for f in folder.rglob("*")}
    assert not {f for f in shipped - unpacked if "__pycache__" not in f.parts}
