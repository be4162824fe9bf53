"""Note templates as data: one TOML file each, bundled in ``resources/templates/`` and added by the
user in ``<config dir>/templates/`` (a user file with the same ``name`` replaces the bundled one).

A template file::

    name = "soap"                      # what --template takes
    title = "SOAP note"                # heading of the document
    description = "one line"           # optional
    [[sections]]
    heading = "Subjective"
    instructions = "What to write in this section."
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from medlocal import paths
from medlocal.errors import UserInputError
from medlocal.fsutil import shown_name
from medlocal.paths import resources_dir


class TemplateError(UserInputError):
    """A template is unknown or its file is malformed."""


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


def load_template_file(path: Path, builtin: bool = False) -> Template:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise TemplateError(f"template {shown_name(path.name)} cannot be read: {err}") from err
    sections_raw = data.get("sections")
    if not isinstance(sections_raw, list) or not sections_raw:
        raise TemplateError(
            f"template {shown_name(path.name)}: needs at least one [[sections]] entry"
        )
    sections = []
    for i, entry in enumerate(sections_raw, 1):
        if not isinstance(entry, dict):
            raise TemplateError(f"template {shown_name(path.name)}: section {i} is not a table")
        where = f"{shown_name(path.name)} section {i}"
        sections.append(
            Section(_text(entry, "heading", where), _text(entry, "instructions", where))
        )
    return Template(
        name=_text(data, "name", path.name),
        title=_text(data, "title", path.name),
        description=str(data.get("description", "")).strip(),
        sections=tuple(sections),
        path=path,
        builtin=builtin,
    )


def scan_templates() -> tuple[list[Template], list[str]]:
    """The templates (bundled, then the user's, which replace bundled ones of the same name) and
    one line per user file that cannot be read. A bad user file is left out rather than making
    every summary impossible; a bad bundled one is a broken installation and raises."""
    found: dict[str, Template] = {}
    problems: list[str] = []
    for folder, builtin in ((builtin_dir(), True), (user_dir(), False)):
        if folder.is_dir():
            for path in sorted(folder.glob("*.toml")):
                try:
                    template = load_template_file(path, builtin)
                except TemplateError as err:
                    if builtin:
                        raise
                    problems.append(str(err))
                    continue
                found[template.name] = template
    return sorted(found.values(), key=lambda t: t.name), problems


def list_templates() -> list[Template]:
    """The templates that can be used (see :func:`scan_templates` for the files left out)."""
    return scan_templates()[0]


def get_template(name: str) -> Template:
    templates, problems = scan_templates()
    for template in templates:
        if template.name == name:
            return template
    known = ", ".join(t.name for t in templates)
    unread = f"; left out: {'; '.join(problems)}" if problems else ""
    raise TemplateError(f"no template named '{name}' (available: {known}){unread}")
