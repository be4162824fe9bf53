"""Which of the build machine's system libraries a Linux bundle leaves to the user's system.

PyInstaller copies every shared library the bundle links to, including the build machine's own
(Debian 12, glibc 2.36). Two kinds are better taken from the user's system:
- the C++ and GCC runtimes and expat: every desktop Linux has them, at least as new as the bundle
  needs (GLIBCXX 3.4.29: RHEL 9's GCC 11), while Debian 12's copies need glibc 2.36
  (``arc4random``, ``_dl_find_object``) and would lock out RHEL 9 and Ubuntu 22.04;
- the GTK 3 platform theme plugin of Qt and the GTK, cairo and pango stack it drags in from the
  build machine: MedLocal draws its own widgets (Fusion), and a bundled GTK is fragile on other
  distributions' themes anyway.
- D-Bus and xkbcommon, which the .deb depends on (installers/linux/build-deb.sh), and the X11
  keyboard library the .deb recommends with Qt's other xcb plugin needs: a second copy from the
  build machine brought its own dependencies along (libdbus-1 pulled libsystemd0, libgcrypt20,
  liblz4, libzstd, ...), each a notice to carry and a library that may disagree with the
  system's daemon (walk 54b).
A library only a dropped one loads is dropped with it.
installers/linux/glibc_floor.py then holds the rest of the bundle to glibc 2.34.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable
from pathlib import PurePath

FROM_SYSTEM = frozenset(
    {
        "libstdc++.so.6",
        "libgcc_s.so.1",
        "libexpat.so.1",
        "libdbus-1.so.3",  # Depends: libdbus-1-3
        "libxkbcommon.so.0",  # Depends: libxkbcommon0
        "libxkbcommon-x11.so.0",  # Recommends: libxkbcommon-x11-0 (X11 only)
    }
)
UNUSED_PLUGINS = ("PySide6/Qt/plugins/platformthemes/libqgtk3.so",)

Entry = tuple[str, str, str]  # PyInstaller's TOC entry: destination, source, type


def needed(path: str) -> list[str]:
    """The DT_NEEDED names of a shared library, read with binutils' objdump."""
    out = subprocess.run(["objdump", "-p", path], capture_output=True, text=True, check=False)
    return [
        line.split()[1] for line in out.stdout.splitlines() if line.strip().startswith("NEEDED")
    ]


def _closure(roots: Iterable[Entry], top_level: dict[str, Entry]) -> set[str]:
    """Names of the top-level libraries that ``roots`` load, directly or through each other."""
    seen: set[str] = set()
    stack = [source for _, source, _ in roots]
    while stack:
        for name in needed(stack.pop()):
            if name in top_level and name not in seen:
                seen.add(name)
                stack.append(top_level[name][1])
    return seen


def trim(binaries: list[Entry]) -> tuple[list[Entry], list[str]]:
    """``binaries`` without the libraries left to the system and the unused plugins, with the
    libraries only they need; returns the kept entries and the destinations dropped."""
    unused = [
        e
        for e in binaries
        if PurePath(e[0]).as_posix() in UNUSED_PLUGINS or PurePath(e[0]).name in FROM_SYSTEM
    ]
    rest = [e for e in binaries if e not in unused]
    top_level = {e[0]: e for e in rest if "/" not in PurePath(e[0]).as_posix()}
    candidates = _closure(unused, top_level)
    # A candidate is kept when anything else in the bundle loads it, directly or not.
    still_needed = _closure([e for e in rest if e[0] not in candidates], top_level)
    only_for_unused = candidates - still_needed
    kept = [e for e in rest if e[0] not in only_for_unused]
    dropped = sorted({e[0] for e in binaries} - {e[0] for e in kept})
    return kept, dropped
