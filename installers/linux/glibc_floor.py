"""Hold a PyInstaller bundle to a glibc floor: no bundled library may need a newer glibc.

The bundle is built on Debian 12 (glibc 2.36), but it must start on RHEL 9 (2.34) and Ubuntu
22.04 (2.35). The PySide6, cryptography and llama.cpp libraries need at most GLIBC_2.34. What
needed more was a handful of symbols that glibc re-versioned without changing what a caller gets:
``hypot`` gained a GLIBC_2.35 version (dropping the SVID error wrapper) in libpython and friends.
Those references are bound back to the symbol's original version, which every glibc still
exports, and the version requirement no symbol uses any more is marked weak, so the dynamic
loader of an older glibc does not refuse the library for a version it never needs. Any other
reference above the floor fails the build, naming the library and symbol: that library has to
come from the system (exclude it in build.spec) or be built on an older base.

Usage: python installers/linux/glibc_floor.py DIST_FOLDER [--floor 2.34] [--check]
(``--check`` changes nothing and exits 1 when a library needs more than the floor).
ELF64 little-endian only (x86-64, aarch64 Linux), which is what the bundle holds.
"""

from __future__ import annotations

import argparse
import re
import struct
import sys
from dataclasses import dataclass
from pathlib import Path

# Symbols whose newer glibc version behaves the same for callers, and the version to bind to.
# hypot@GLIBC_2.35 only dropped the _LIB_VERSION/SVID matherr path, unused since glibc 2.27.
REBIND = {"hypot": "GLIBC_2.2.5"}

SHT_DYNSYM = 11
SHT_GNU_VERNEED = 0x6FFFFFFE
SHT_GNU_VERSYM = 0x6FFFFFFF
VER_FLG_WEAK = 0x2
HIDDEN = 0x8000
_GLIBC = re.compile(r"GLIBC_(\d+)\.(\d+)(?:\.(\d+))?$")


def glibc_version(name: str) -> tuple[int, ...] | None:
    match = _GLIBC.match(name)
    return tuple(int(part) for part in match.groups() if part is not None) if match else None


@dataclass
class Need:
    """One version a library requires (an Elf64_Vernaux): its index, name and file offset."""

    index: int
    name: str
    flags: int
    offset: int
    library: str


@dataclass
class Section:
    kind: int
    offset: int
    size: int
    link: int
    entsize: int


class Elf:
    def __init__(self, data: bytearray) -> None:
        self.data = data
        if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
            raise ValueError("not a 64-bit little-endian ELF file")
        (shoff,) = struct.unpack_from("<Q", data, 0x28)
        shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
        self.sections = []
        for i in range(shnum):
            base = shoff + i * shentsize
            (kind,) = struct.unpack_from("<I", data, base + 4)
            offset, size = struct.unpack_from("<QQ", data, base + 0x18)
            (link,) = struct.unpack_from("<I", data, base + 0x28)
            (entsize,) = struct.unpack_from("<Q", data, base + 0x38)
            self.sections.append(Section(kind, offset, size, link, entsize))

    def section(self, kind: int) -> Section | None:
        return next((s for s in self.sections if s.kind == kind), None)

    def string(self, table: Section, at: int) -> str:
        start = table.offset + at
        return self.data[start : self.data.index(b"\0", start)].decode()

    def needs(self) -> list[Need]:
        verneed = self.section(SHT_GNU_VERNEED)
        if verneed is None:
            return []
        strings = self.sections[verneed.link]
        found, at = [], verneed.offset
        while True:
            _, count, library, aux, following = struct.unpack_from("<HHIII", self.data, at)
            entry = at + aux
            for _ in range(count):
                _, flags, index, name, step = struct.unpack_from("<IHHII", self.data, entry)
                found.append(
                    Need(
                        index,
                        self.string(strings, name),
                        flags,
                        entry,
                        self.string(strings, library),
                    )
                )
                entry += step
            if not following:
                return found
            at += following

    def string_offset(self, text: str) -> int | None:
        """Where ``text`` already sits in the version strings' table, if it does."""
        verneed = self.section(SHT_GNU_VERNEED)
        if verneed is None:
            return None
        table = self.sections[verneed.link]
        chunk = bytes(self.data[table.offset : table.offset + table.size])
        at = (b"\0" + chunk).find(b"\0" + text.encode() + b"\0")
        return None if at < 0 else at

    def undefined_symbols(self) -> list[tuple[str, int]]:
        """(name, offset of its version index in .gnu.version) for every undefined symbol."""
        dynsym, versym = self.section(SHT_DYNSYM), self.section(SHT_GNU_VERSYM)
        if dynsym is None or versym is None:
            return []
        strings = self.sections[dynsym.link]
        symbols = []
        for i in range(dynsym.size // dynsym.entsize):
            base = dynsym.offset + i * dynsym.entsize
            name, _, _, shndx = struct.unpack_from("<IBBH", self.data, base)
            if shndx == 0 and name:
                symbols.append((self.string(strings, name), versym.offset + 2 * i))
        return symbols


def above_floor(elf: Elf, floor: tuple[int, ...]) -> list[str]:
    """What still makes an older glibc's loader refuse the file: symbols bound to a version
    above ``floor``, and requirements of such a version that are not marked weak."""
    needs = {need.index: need for need in elf.needs()}
    found = []
    for symbol, slot in elf.undefined_symbols():
        need = needs.get(struct.unpack_from("<H", elf.data, slot)[0] & ~HIDDEN)
        version = glibc_version(need.name) if need else None
        if need is not None and version is not None and version > floor:
            found.append(f"{symbol}@{need.name}")
    for need in needs.values():
        version = glibc_version(need.name)
        if version is not None and version > floor and not need.flags & VER_FLG_WEAK:
            found.append(f"requires {need.name}")
    return sorted(set(found))


def elf_hash(name: str) -> int:
    """The SysV ELF hash a version requirement carries beside its name."""
    value = 0
    for byte in name.encode():
        value = ((value << 4) + byte) & 0xFFFFFFFF
        high = value & 0xF0000000
        if high:
            value ^= high >> 24
        value &= ~high & 0xFFFFFFFF
    return value


def lower(elf: Elf, floor: tuple[int, ...]) -> None:
    """Bind symbols of a re-versioned kind (``REBIND``) back to their original version and
    weaken the requirements above ``floor`` that no symbol needs any more. A requirement whose
    symbols all go back to a version the same library has no requirement for yet is renamed to
    that version in place (the version table cannot grow)."""
    needs = {need.index: need for need in elf.needs()}
    users: dict[int, list[tuple[str, int]]] = {}
    for symbol, slot in elf.undefined_symbols():
        raw = struct.unpack_from("<H", elf.data, slot)[0]
        users.setdefault(raw & ~HIDDEN, []).append((symbol, slot))
    for need in needs.values():
        version = glibc_version(need.name)
        if version is None or version <= floor:
            continue
        targets = {REBIND.get(symbol) for symbol, _ in users.get(need.index, [])}
        if not targets:
            struct.pack_into("<H", elf.data, need.offset + 4, need.flags | VER_FLG_WEAK)
            continue
        if len(targets) != 1 or None in targets:
            continue  # a symbol with no older version: above_floor reports it
        target = str(targets.pop())
        older = next(
            (n for n in needs.values() if n.name == target and n.library == need.library), None
        )
        if older is not None:
            for _, slot in users[need.index]:
                raw = struct.unpack_from("<H", elf.data, slot)[0]
                struct.pack_into("<H", elf.data, slot, (raw & HIDDEN) | older.index)
            struct.pack_into("<H", elf.data, need.offset + 4, need.flags | VER_FLG_WEAK)
        elif (name_at := elf.string_offset(target)) is not None:
            struct.pack_into("<I", elf.data, need.offset, elf_hash(target))
            struct.pack_into("<I", elf.data, need.offset + 8, name_at)


def elf_files(folder: Path) -> list[Path]:
    files = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as handle:
                if handle.read(4) == b"\x7fELF":
                    files.append(path)
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--floor", default="2.34", help="highest glibc version allowed")
    parser.add_argument("--check", action="store_true", help="report only, change nothing")
    args = parser.parse_args(argv)
    floor = tuple(int(part) for part in args.floor.split("."))
    problems = []
    for path in elf_files(args.folder):
        original = path.read_bytes()
        elf = Elf(bytearray(original))
        if not args.check:
            lower(elf, floor)
            if elf.data != original:
                path.write_bytes(bytes(elf.data))
        problems += [f"{path.relative_to(args.folder)}: {what}" for what in above_floor(elf, floor)]
    for problem in problems:
        print(f"needs a glibc newer than {args.floor}: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
