"""User templates past the limits, in other encodings, or broken (walk51b M2, L1, L2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from medlocal import paths
from medlocal.app.outputs import PLAN_STAGE, StepClock, plan_shortened_by
from medlocal.progress import Progress
from medlocal.rag.templates import (
    MAX_INSTRUCTION_CHARS,
    MAX_SECTIONS,
    TemplateError,
    get_template,
    scan_templates,
)

GOOD = (
    'name = "mine"\ntitle = "My note é"\n[[sections]]\nheading = "Facts"\ninstructions = "List."\n'
)


def folder() -> Path:
    where = paths.config_dir() / "templates"
    where.mkdir(parents=True, exist_ok=True)
    return where


def sections(count: int, instruction: str = "List.") -> str:
    body = "".join(
        f'[[sections]]\nheading = "Part {i}"\ninstructions = "{instruction}"\n'
        for i in range(count)
    )
    return f'name = "big"\ntitle = "Big"\n{body}'


def test_too_many_sections_are_refused_with_the_limit() -> None:
    (folder() / "big.toml").write_text(sections(MAX_SECTIONS + 1))
    templates, problems = scan_templates()
    assert "big" not in {t.name for t in templates}
    assert problems == [
        f"template big.toml has {MAX_SECTIONS + 1} sections: at most {MAX_SECTIONS} are allowed"
        " (each section is one model step; split it into several templates)"
    ]
    (folder() / "big.toml").write_text(sections(MAX_SECTIONS))
    assert len(get_template("big").sections) == MAX_SECTIONS  # the limit itself is fine


def test_a_huge_instruction_is_refused_with_its_length_and_the_limit() -> None:
    (folder() / "big.toml").write_text(sections(2, "x" * (MAX_INSTRUCTION_CHARS + 1)))
    with pytest.raises(TemplateError) as err:
        get_template("big")
    assert (
        "template big.toml section 1 instructions is 1,001 characters long: at most 1,000"
        in str(err.value)
    )


def test_a_huge_file_is_refused_before_it_is_parsed() -> None:
    (folder() / "big.toml").write_text(sections(400, "x" * 5000))  # walk51b's 2 MB template
    _, problems = scan_templates()
    assert len(problems) == 1 and "a template file can be at most 64 KB" in problems[0]
    assert len(problems[0]) < 200  # one readable line, not 3,000 characters


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-be"])
def test_a_file_with_a_byte_order_mark_is_read(encoding: str) -> None:
    data = GOOD.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    (folder() / "mine.toml").write_bytes(data)
    assert get_template("mine").title == "My note é"


def test_latin1_and_utf16_without_a_mark_say_save_as_utf8() -> None:
    (folder() / "latin.toml").write_bytes(GOOD.replace("mine", "latin").encode("latin-1"))
    (folder() / "wide.toml").write_bytes(GOOD.replace("mine", "wide").encode("utf-16-le"))
    _, problems = scan_templates()
    assert problems[0] == (
        "template latin.toml is not UTF-8 text (byte 0xe9 at position 32): open it in a text"
        " editor and save it with the encoding UTF-8"
    )
    assert problems[1].startswith("template wide.toml ")  # TOML's own complaint or the encoding
    assert "codec" not in " ".join(problems)


def test_the_broken_template_asked_for_is_named_first_on_its_own_line() -> None:
    (folder() / "broken_syntax.toml").write_text('name = "broken-syntax"\ntitle = "x\n')
    (folder() / "latin.toml").write_bytes(GOOD.replace("mine", "latin").encode("latin-1"))
    (folder() / "odd-file.toml").write_text('name = "renal"\ntitle = "Renal"\n')
    with pytest.raises(TemplateError) as err:
        get_template("broken-syntax")
    lines = str(err.value).split("\n")
    assert lines[0] == "template 'broken-syntax' cannot be used:"
    assert lines[1].startswith("template broken_syntax.toml cannot be read: ")
    assert lines[2].startswith("(available: ") and lines[2].endswith("2 other files left out too)")
    # A file named otherwise is found by its own name line.
    with pytest.raises(TemplateError, match=r"cannot be used:\ntemplate odd-file\.toml: needs"):
        get_template("renal")


def test_the_plan_says_fewer_sections_when_sections_are_most_steps() -> None:
    seen: list[Progress] = []
    StepClock(seen.append, sections=400)("map", 0, 1)
    assert seen[0].stage == PLAN_STAGE and plan_shortened_by(seen[0]) == "sections"
    seen.clear()
    StepClock(seen.append, sections=20)("map", 0, 9)
    assert plan_shortened_by(seen[0]) == "sections"
    for sections, reading in ((6, 30), (3, 1), (6, 1), (20, 10)):
        seen.clear()
        StepClock(seen.append, sections=sections)("map", 0, reading)
        assert plan_shortened_by(seen[0]) == "documents", (sections, reading)
