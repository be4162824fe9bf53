"""The Linux bundle's glibc floor (installers/linux/glibc_floor.py, installers/pyinstaller/
linux_libs.py): libraries compiled here against a newer glibc are bound back to symbol versions
an older glibc has, still load and compute the same; what cannot be bound back fails loudly; the
GTK theme plugin's libraries are dropped only when nothing else needs them."""

from __future__ import annotations

import ctypes
import importlib.util
import platform
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    sys.platform != "linux" or not (shutil.which("gcc") and shutil.which("objdump")),
    reason="needs Linux, gcc and binutils",
)


def _load(relative: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(Path(relative).stem, ROOT / relative)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it executes
    spec.loader.exec_module(module)
    return module


glibc_floor = _load("installers/linux/glibc_floor.py")
linux_libs = _load("installers/pyinstaller/linux_libs.py")


def _glibc() -> tuple[int, ...]:
    return tuple(int(part) for part in platform.libc_ver()[1].split("."))


def _library(folder: Path, name: str, source: str, *libraries: str) -> Path:
    (folder / f"{name}.c").write_text(source)
    out = folder / f"{name}.so"
    subprocess.run(
        ["gcc", "-shared", "-fPIC", "-O0", "-o", out, folder / f"{name}.c", *libraries],
        check=True,
    )
    return out


def _versions(path: Path) -> str:
    return subprocess.run(["objdump", "-T", "-p", path], capture_output=True, text=True).stdout


HYPOT = "#include <math.h>\n#include <stdlib.h>\ndouble norm(double a, double b) { %s }\n"
# With sin, libm's GLIBC_2.2.5 is already required and hypot is pointed at it; with only libc's
# (malloc), libm's GLIBC_2.35 requirement itself is renamed to GLIBC_2.2.5.
BODIES = {
    "libm_has_the_old_version": "return hypot(a, b) + 0 * sin(a);",
    "only_libc_has_it": "free(malloc(8)); return hypot(a, b);",
}


@pytest.mark.skipif(_glibc() < (2, 35), reason="hypot has no newer version before glibc 2.35")
@pytest.mark.parametrize("body", BODIES.values(), ids=BODIES.keys())
def test_hypot_is_bound_back_and_the_library_still_works(tmp_path: Path, body: str) -> None:
    library = _library(tmp_path, "norm", HYPOT % body, "-lm")
    assert "hypot" in _versions(library) and "GLIBC_2.35" in _versions(library)
    assert glibc_floor.main([str(tmp_path), "--check"]) == 1  # reported, nothing changed
    assert glibc_floor.main([str(tmp_path), "--floor", "2.34"]) == 0
    text = _versions(library)
    symbol = next(line for line in text.splitlines() if line.rstrip().endswith(" hypot"))
    assert "(GLIBC_2.2.5)" in symbol, symbol
    # A 2.35 requirement left behind is marked weak (flags 0x02): an older loader skips it.
    for need in (line for line in text.splitlines() if line.rstrip().endswith("GLIBC_2.35")):
        assert need.split()[1] == "0x02", need
    norm = ctypes.CDLL(str(library)).norm
    norm.restype, norm.argtypes = ctypes.c_double, [ctypes.c_double, ctypes.c_double]
    assert norm(3.0, 4.0) == 5.0
    assert glibc_floor.main([str(tmp_path), "--check"]) == 0  # idempotent, now within the floor


@pytest.mark.skipif(_glibc() < (2, 36), reason="arc4random arrived in glibc 2.36")
def test_a_symbol_an_older_glibc_lacks_fails_the_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = "#include <stdlib.h>\nunsigned draw(void) { return arc4random(); }\n"
    library = _library(tmp_path, "draw", source)
    before = library.read_bytes()
    assert glibc_floor.main([str(tmp_path), "--floor", "2.34"]) == 1
    assert "draw.so: arc4random@GLIBC_2.36" in capsys.readouterr().err
    assert library.read_bytes() == before  # a library that cannot meet the floor is not touched


def test_the_gtk_theme_stack_is_dropped_unless_something_else_needs_it(tmp_path: Path) -> None:
    # gtk needs cairo and shared; an extension module needs shared too, so shared stays.
    cairo = _library(tmp_path, "libcairo_fake", "int cairo(void) { return 1; }\n")
    shared = _library(tmp_path, "libshared_fake", "int shared(void) { return 2; }\n")
    gtk = _library(
        tmp_path,
        "libgtk_fake",
        "int cairo(void); int shared(void);\nint gtk(void) { return cairo() + shared(); }\n",
        f"-L{tmp_path}",
        "-l:libcairo_fake.so",
        "-l:libshared_fake.so",
    )
    plugin = _library(
        tmp_path,
        "libqgtk3",
        "int gtk(void);\nint theme(void) { return gtk(); }\n",
        f"-L{tmp_path}",
        "-l:libgtk_fake.so",
    )
    extension = _library(
        tmp_path,
        "ext",
        "int shared(void);\nint ext(void) { return shared(); }\n",
        f"-L{tmp_path}",
        "-l:libshared_fake.so",
    )
    stdcxx = tmp_path / "libstdc++.so.6"
    stdcxx.write_bytes(b"")
    binaries = [
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", str(plugin), "BINARY"),
        ("libgtk_fake.so", str(gtk), "BINARY"),
        ("libcairo_fake.so", str(cairo), "BINARY"),
        ("libshared_fake.so", str(shared), "BINARY"),
        ("mymodule/ext.so", str(extension), "EXTENSION"),
        ("libstdc++.so.6", str(stdcxx), "BINARY"),
    ]
    kept, dropped = linux_libs.trim(binaries)
    assert [entry[0] for entry in kept] == ["libshared_fake.so", "mymodule/ext.so"]
    assert dropped == [
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
        "libcairo_fake.so",
        "libgtk_fake.so",
        "libstdc++.so.6",
    ]
