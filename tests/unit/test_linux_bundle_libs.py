"""The Linux bundle's system libraries (installers/pyinstaller/linux_libs.py, system_notices.py):
which are left to the user's system, and the licence notice each bundled one must bring (walk
54b: ~40 libraries from the build machine had none, GNU readline (GPL) was shipped, and D-Bus and
xkbcommon were bundled although the .deb depends on the system's)."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        f"_bundle_{name}", ROOT / "installers" / "pyinstaller" / f"{name}.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


linux_libs = _load("linux_libs")
system_notices = _load("system_notices")


def test_libraries_the_deb_depends_on_are_dropped_with_what_only_they_load(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    links = {
        "/s/libdbus-1.so.3": ["libsystemd.so.0"],
        "/s/libsystemd.so.0": ["liblz4.so.1", "libgcrypt.so.20"],
        "/s/libxkbcommon.so.0": [],
        "/s/libQt6Gui.so.6": ["libdbus-1.so.3", "libxkbcommon.so.0", "liblz4.so.1"],
        "/s/liblz4.so.1": [],
        "/s/libgcrypt.so.20": [],
    }
    monkeypatch.setattr(linux_libs, "needed", lambda path: links[path])
    names = ("libdbus-1.so.3", "libsystemd.so.0", "libxkbcommon.so.0", "liblz4.so.1")
    entries = [(name, f"/s/{name}", "BINARY") for name in (*names, "libgcrypt.so.20")]
    entries.append(("PySide6/Qt/lib/libQt6Gui.so.6", "/s/libQt6Gui.so.6", "BINARY"))
    kept, dropped = linux_libs.trim(entries)
    assert dropped == ["libdbus-1.so.3", "libgcrypt.so.20", "libsystemd.so.0", "libxkbcommon.so.0"]
    # Qt still loads liblz4 itself: it stays.
    assert [e[0] for e in kept] == ["liblz4.so.1", "PySide6/Qt/lib/libQt6Gui.so.6"]


def _fake_package(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, package: str | None) -> None:
    docs = tmp_path / "doc"
    if package is not None:
        (docs / package).mkdir(parents=True)
        (docs / package / "copyright").write_text(f"Copyright: the {package} authors\n")
    monkeypatch.setattr(system_notices, "debian_package", lambda source: package)
    monkeypatch.setattr(system_notices, "copyright_file", lambda p: docs / p / "copyright")
    monkeypatch.setattr(system_notices, "_version", lambda p: "1.0-1")


def test_a_gpl_only_library_stops_the_build(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _fake_package(monkeypatch, tmp_path, "libreadline8")
    with pytest.raises(SystemExit, match=r"GPL-only.*libreadline\.so\.8 \(libreadline8\)"):
        system_notices.notices_for([("libreadline.so.8", "/lib/libreadline.so.8", "BINARY")])


def test_a_library_with_no_notice_stops_the_build(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _fake_package(monkeypatch, tmp_path, None)
    with pytest.raises(SystemExit, match=r"no licence notice: libodd\.so\.1 \(/opt/x/libodd"):
        system_notices.notices_for([("libodd.so.1", "/opt/x/libodd.so.1", "BINARY")])


def test_each_system_library_brings_its_package_copyright(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _fake_package(monkeypatch, tmp_path, "libzstd1")
    text = system_notices.notices_for([("libzstd.so.1", "/lib/libzstd.so.1", "BINARY")])
    assert system_notices.SECTION in text
    assert "libzstd1 1.0-1\nFiles: libzstd.so.1\n" in text
    assert "Copyright: the libzstd1 authors" in text


def test_wheel_and_interpreter_files_need_no_debian_package(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_dpkg(source: str) -> str | None:
        raise AssertionError(f"looked up {source}")

    monkeypatch.setattr(system_notices, "debian_package", no_dpkg)
    site = Path(importlib.util.find_spec("pytest").origin or "").parents[1]  # type: ignore[union-attr]
    lib_dynload = Path(sys.base_prefix) / "lib" / "x.so"
    found = system_notices.classify(
        [
            ("PySide6/Qt/lib/libQt6Core.so.6", str(site / "PySide6" / "libQt6Core.so.6"), "BINARY"),
            ("python3/lib-dynload/_ssl.so", str(lib_dynload), "EXTENSION"),
        ]
    )
    assert found.packages == {} and found.python == ["python3/lib-dynload/_ssl.so"]


@pytest.mark.skipif(shutil.which("dpkg") is None, reason="needs a Debian-based system")
def test_a_real_system_library_is_found_in_dpkg() -> None:
    libz = next(
        (p for p in ("/lib/x86_64-linux-gnu/libz.so.1", "/usr/lib/x86_64-linux-gnu/libz.so.1")),
        "",
    )
    if not Path(libz).exists():
        pytest.skip("no x86_64 zlib here")
    found = system_notices.classify([("libz.so.1", libz, "BINARY")])
    assert found.packages == {"zlib1g": ["libz.so.1"]}, found


def test_the_built_tree_check_names_libraries_notices_miss(tmp_path: Path) -> None:
    internal = tmp_path / "_internal"
    internal.mkdir()
    (internal / "NOTICES").write_text("zlib1g 1:1.2\nFiles: libz.so.1, libpython3.11.so.1.0\n")
    for name in ("libz.so.1", "libpython3.11.so.1.0", "libodd.so.2", "x.cpython-311-x86_64.so"):
        (internal / name).write_bytes(b"\x7fELF")
    # A wheel's library linked at the top (PyInstaller does so): its package's section covers it.
    (internal / "PySide6").mkdir()
    (internal / "PySide6" / "libQt6Core.so.6").write_bytes(b"\x7fELF")
    (internal / "libQt6Core.so.6").symlink_to("PySide6/libQt6Core.so.6")
    assert system_notices.shipped_without_notice(tmp_path) == ["libodd.so.2"]
