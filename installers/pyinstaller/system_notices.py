"""Licence notices for the build machine's system libraries a Linux bundle carries.

PyInstaller copies the shared libraries Python's extensions, Qt and its plugins link to (glib,
libX11/xcb, zstd, sqlite3, krb5, ...) from the build machine into ``_internal/``. They are not
Python distributions, so notices.py cannot see them (walk 54b: ~40 had no notice). Each comes
from a Debian package whose ``/usr/share/doc/PACKAGE/copyright`` holds its licence and
copyright lines: build.spec adds those texts to NOTICES and stops the build when a bundled system
library has none, or when its package is GPL-only (walk 54b: GNU readline came along with
Python's ``readline`` module; an Apache-2.0 app must not ship it).

``python3 installers/pyinstaller/system_notices.py DIST_FOLDER`` checks a built bundle: every
shared library at the top of ``_internal`` is named in NOTICES (installers/build-linux.sh).
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from dataclasses import dataclass, field
from pathlib import Path, PurePath

Entry = tuple[str, str, str]  # PyInstaller's TOC entry: destination, source, type
SECTION = "System libraries copied from the build machine (Debian packages)"
PYTHON_SECTION = "Python (CPython) interpreter and standard library"
# Debian packages whose library is GPL without a linking exception: never shipped. Named, not
# read from the copyright files: a source package's "Files: *" licence is often its tools'
# (e2fsprogs, util-linux, keyutils say GPL-2 there; their libraries are MIT, BSD or LGPL).
GPL_ONLY = frozenset({"libreadline8", "libreadline7", "libhistory8"})


@dataclass
class SystemLibraries:
    """What the bundle's system libraries come to: Debian package -> its bundled libraries."""

    packages: dict[str, list[str]] = field(default_factory=dict)
    python: list[str] = field(default_factory=list)  # from the interpreter's own install
    unknown: list[str] = field(default_factory=list)  # no package, or no copyright file
    gpl_only: list[str] = field(default_factory=list)


def _under(path: str, folders: list[str]) -> bool:
    return any(path == f or path.startswith(f.rstrip("/") + "/") for f in folders)


def _python_folders() -> tuple[list[str], list[str]]:
    """(site-packages folders, the interpreter's own folders), resolved."""
    sites = {
        os.path.realpath(p)
        for p in sys.path
        if p.rstrip("/").endswith(("site-packages", "dist-packages"))
    }
    for key in ("purelib", "platlib"):
        sites.add(os.path.realpath(sysconfig.get_paths()[key]))
    own = {os.path.realpath(sys.base_prefix), os.path.realpath(sys.base_exec_prefix)}
    return sorted(sites), sorted(own)


def _dpkg_candidates(source: str) -> list[str]:
    """The paths dpkg may have recorded for ``source``: as given, resolved, and with or
    without /usr (Debian 12 merged /lib into /usr/lib; packages still list either)."""
    out: list[str] = []
    for path in (source, os.path.realpath(source)):
        for variant in (path, path.removeprefix("/usr"), "/usr" + path):
            if variant.startswith("/") and variant not in out:
                out.append(variant)
    return out


def debian_package(source: str) -> str | None:
    """The Debian package (without its architecture) that installed ``source``, or None."""
    for path in _dpkg_candidates(source):
        done = subprocess.run(["dpkg", "-S", path], capture_output=True, text=True, check=False)
        if done.returncode == 0:
            for line in done.stdout.splitlines():
                if ":" in line and not line.startswith("diversion by"):
                    return line.split(":", 1)[0].split(":")[0].strip()
    return None


def copyright_file(package: str) -> Path:
    return Path("/usr/share/doc") / package / "copyright"


def classify(binaries: list[Entry]) -> SystemLibraries:
    """Sort the bundle's binaries by where they came from; those from neither Python's
    site-packages nor the interpreter's install are looked up in dpkg."""
    sites, own = _python_folders()
    result = SystemLibraries()
    for dest, source, _kind in binaries:
        real = os.path.realpath(source)
        if _under(real, sites):
            continue  # a wheel's file: notices.py covers its distribution
        if _under(real, own):
            result.python.append(dest)
            continue
        package = debian_package(source)
        if package is None or not copyright_file(package).is_file():
            result.unknown.append(f"{dest} ({source})")
            continue
        result.packages.setdefault(package, []).append(PurePath(dest).name)
        if package in GPL_ONLY:
            result.gpl_only.append(f"{dest} ({package})")
    return result


def _version(package: str) -> str:
    done = subprocess.run(
        ["dpkg-query", "-W", "-f", "${Version}", package],
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout.strip() if done.returncode == 0 else "unknown version"


def render(found: SystemLibraries) -> str:
    """The NOTICES sections: CPython's licence and each Debian package's copyright file."""
    parts = []
    if found.python:
        licence = Path(sysconfig.get_paths()["stdlib"]) / "LICENSE.txt"
        text = licence.read_text(errors="replace") if licence.is_file() else ""
        parts += [
            "=" * 78,
            PYTHON_SECTION,
            "Python Software Foundation License (PSF-2.0); see https://docs.python.org/3/license.html",
            "Files: " + ", ".join(sorted(PurePath(p).name for p in found.python)),
            "",
            text.strip(),
            "",
        ]
    parts += ["=" * 78, SECTION, ""]
    for package in sorted(found.packages):
        parts += [
            "-" * 78,
            f"{package} {_version(package)}",
            "Files: " + ", ".join(sorted(set(found.packages[package]))),
            f"Source: the Debian package's source (https://sources.debian.org/src/{package}/)",
            "",
            copyright_file(package).read_text(errors="replace").strip(),
            "",
        ]
    return "\n".join(parts) + "\n"


def notices_for(binaries: list[Entry]) -> str:
    """The NOTICES text for the bundle's system libraries; SystemExit (the build stops) when one
    has no notice to give or may not be shipped."""
    found = classify(binaries)
    problems = []
    if found.unknown:
        problems.append(
            "bundled libraries with no Debian package or copyright file, so no licence notice: "
            + ", ".join(found.unknown)
            + ". Install them from a package, or leave them to the system (linux_libs.py)."
        )
    if found.gpl_only:
        problems.append(
            "GPL-only libraries would be shipped with an Apache-2.0 app: "
            + ", ".join(found.gpl_only)
            + ". Exclude the Python module that loads them in build.spec."
        )
    if problems:
        raise SystemExit("build.spec: " + "\n".join(problems))
    return render(found)


def shipped_without_notice(dist: Path) -> list[str]:
    """Shared libraries at the top of a built bundle's ``_internal`` that NOTICES names in no
    ``Files:`` line (what PyInstaller copied from the system lands there). A symbolic link there
    points into a package's folder (PyInstaller links ``libQt6Core.so.6`` to
    ``PySide6/Qt/lib/``): that package's section covers it."""
    internal = dist / "_internal"
    notices = (internal / "NOTICES").read_text(errors="replace")
    named: set[str] = set()
    for line in notices.splitlines():
        if line.startswith("Files: "):
            named.update(name.strip() for name in line[len("Files: ") :].split(","))
    return sorted(
        p.name
        for p in internal.iterdir()
        if p.is_file()
        and not p.is_symlink()
        and ".so" in p.name
        and p.name not in named
        and not _is_extension(p.name)
    )


def _is_extension(name: str) -> bool:
    # Python extension modules at the top (a wheel's top-level module, e.g. mypyc's): their
    # distribution's section covers them.
    return ".cpython-" in name or name.endswith(".abi3.so")


if __name__ == "__main__":
    missing = shipped_without_notice(Path(sys.argv[1]))
    if missing:
        print("no licence notice in NOTICES for: " + ", ".join(missing), file=sys.stderr)
        raise SystemExit(1)
    print("every bundled system library has its notice in NOTICES")
