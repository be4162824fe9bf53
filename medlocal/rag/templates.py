"""Note templates as data: one TOML file each, bundled in ``resources/templates/`` and added by the
user in ``<config dir>/templates/`` (a user file with the same ``name`` replaces the bundled one).

A template file::

    name = "soap"                      # what --template takes
    title = "SOAP note"                # heading of the document
    description = "one line"           # optional
    [[sections]]
    heading = "Subjective"
    instructions = "What to write in this section."

A file is UTF-8 text (a UTF-8 or UTF-16 file that starts with a byte-order mark, as Windows
Notepad saves "Unicode", is read too). A template has at most :data:`MAX_SECTIONS` sections, each
instruction at most :data:`MAX_INSTRUCTION_CHARS` characters: every section is one model step that
reads its instructions, so a template past these limits would take hours and crowd the notes out
of the model's context (walk51b M2: 400 sections of 5,000 characters planned 6.6 h).
"""

from __future__ import annotations

import codecs
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from medlocal import paths
from medlocal.errors import UserInputError
from medlocal.fsutil import shown_name
from medlocal.paths import resources_dir
from medlocal.wording import counted


class TemplateError(UserInputError):
    """A template is unknown or its file is malformed."""


# Limits of a user template (the bundled ones have 3-6 sections, instructions of 80-160
# characters): generous for a real note, refused beyond, with the limit named.
MAX_SECTIONS = 20
MAX_INSTRUCTION_CHARS = 1_000
MAX_HEADING_CHARS = 120
MAX_FILE_BYTES = 64 * 1024

# Byte-order marks a text editor writes before the text, and the codec each means (UTF-32 is
# checked before UTF-16: its little-endian mark starts with UTF-16's).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _template_text(path: Path) -> str:
    """The file's text: UTF-8, or the encoding its byte-order mark names. Any other encoding
    (Windows' "ANSI", Latin-1) is refused with what to do rather than guessed: a wrong guess
    would put other letters in a heading without a word."""
    name = shown_name(path.name)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise TemplateError(
                f"template {name} is {size:,} bytes: a template file can be at most"
                f" {MAX_FILE_BYTES // 1024} KB ({MAX_SECTIONS} sections, instructions of at most"
                f" {MAX_INSTRUCTION_CHARS:,} characters each)"
            )
        raw = path.read_bytes()
    except OSError as err:
        raise TemplateError(f"template {name} cannot be read: {err.strerror or err}") from err
    encoding = next((codec for bom, codec in _BOMS if raw.startswith(bom)), "utf-8")
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as err:
        raise TemplateError(
            f"template {name} is not UTF-8 text (byte {raw[err.start]:#04x} at position"
            f" {err.start}): open it in a text editor and save it with the encoding UTF-8"
        ) from err


@dataclass(frozen=True)
class Section:
    heading: str
    instructions: str


@dataclass(frozen=True)
class Template:
    name: str
    title: str
    description: str
    sections: tuple[Section, ...]
    path: Path
    builtin: bool


def builtin_dir() -> Path:
    return resources_dir() / "templates"


def user_dir() -> Path:
    return paths.config_dir() / "templates"


def _text(data: dict[str, object], key: str, where: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise TemplateError(f"template {where}: '{key}' must be a non-empty text")
    return value.strip()


def _limited(value: str, limit: int, what: str) -> str:
    if len(value) > limit:
        raise TemplateError(
            f"template {what} is {len(value):,} characters long: at most {limit:,} are allowed"
        )
    return value


def load_template_file(path: Path, builtin: bool = False) -> Template:
    text = _template_text(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise TemplateError(f"template {shown_name(path.name)} cannot be read: {err}") from err
    sections_raw = data.get("sections")
    if not isinstance(sections_raw, list) or not sections_raw:
        raise TemplateError(
            f"template {shown_name(path.name)}: needs at least one [[sections]] entry"
        )
    if len(sections_raw) > MAX_SECTIONS:
        raise TemplateError(
            f"template {shown_name(path.name)} has {len(sections_raw)} sections: at most"
            f" {MAX_SECTIONS} are allowed (each section is one model step; split it into"
            " several templates)"
        )
    sections = []
    for i, entry in enumerate(sections_raw, 1):
        if not isinstance(entry, dict):
            raise TemplateError(f"template {shown_name(path.name)}: section {i} is not a table")
        where = f"{shown_name(path.name)} section {i}"
        heading = _limited(_text(entry, "heading", where), MAX_HEADING_CHARS, f"{where} heading")
        instructions = _limited(
            _text(entry, "instructions", where), MAX_INSTRUCTION_CHARS, f"{where} instructions"
        )
        sections.append(Section(heading, instructions))
    return Template(
        name=_text(data, "name", path.name),
        title=_text(data, "title", path.name),
        description=str(data.get("description", "")).strip(),
        sections=tuple(sections),
        path=path,
        builtin=builtin,
    )


def _scan() -> tuple[list[Template], list[tuple[Path, str]]]:
    found: dict[str, Template] = {}
    problems: list[tuple[Path, str]] = []
    for folder, builtin in ((builtin_dir(), True), (user_dir(), False)):
        if folder.is_dir():
            for path in sorted(folder.glob("*.toml")):
                try:
                    template = load_template_file(path, builtin)
                except TemplateError as err:
                    if builtin:
                        raise
                    problems.append((path, str(err)))
                    continue
                found[template.name] = template
    return sorted(found.values(), key=lambda t: t.name), problems


def scan_templates() -> tuple[list[Template], list[str]]:
    """The templates (bundled, then the user's, which replace bundled ones of the same name) and
    one line per user file that cannot be read. A bad user file is left out rather than making
    every summary impossible; a bad bundled one is a broken installation and raises."""
    templates, problems = _scan()
    return templates, [problem for _, problem in problems]


def list_templates() -> list[Template]:
    """The templates that can be used (see :func:`scan_templates` for the files left out)."""
    return scan_templates()[0]


def _plain(name: str) -> str:
    return name.strip().lower().replace("_", "-").replace(" ", "-")


# The ``name = "..."`` line of a file that cannot be loaded as a whole.
_NAME_LINE = re.compile(r"""^\s*name\s*=\s*["']([^"'\n]+)["']""", re.M)


def _meant(path: Path, name: str) -> bool:
    """Whether ``path``, a file left out, is the template ``name``: its file name says so
    ("broken_syntax.toml" for "broken-syntax"), or its own ``name =`` line does."""
    if _plain(path.stem) == _plain(name):
        return True
    try:
        head = path.read_bytes()[:MAX_FILE_BYTES]
    except OSError:
        return False
    for encoding in ("utf-8", "utf-16"):
        try:
            text = head.decode(encoding)
        except UnicodeDecodeError:
            continue
        if any(_plain(m) == _plain(name) for m in _NAME_LINE.findall(text)):
            return True
    return False


def get_template(name: str) -> Template:
    templates, problems = _scan()
    for template in templates:
        if template.name == name:
            return template
    known = ", ".join(t.name for t in templates)
    # The file meant is named first, on a line of its own (walk51b L2: its reason was buried
    # in one line of every file left out).
    own = [problem for path, problem in problems if _meant(path, name)]
    if own:
        others = len(problems) - len(own)
        more = f"; {counted(others, 'other file')} left out too" if others else ""
        raise TemplateError(
            f"template '{name}' cannot be used:\n"
            + "\n".join(own)
            + f"\n(available: {known}{more})"
        )
    unread = f"; left out: {'; '.join(p for _, p in problems)}" if problems else ""
    raise TemplateError(f"no template named '{name}' (available: {known}){unread}")
