"""tools/build_deid_wordlists.py --scowl (session 33, measured and not shipped): modern English
words from SCOWL, lower-case entries only, without abbreviations, Webster's words and their
inflections, or listed names and places; a clear failure when the Debian lists are missing."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest
from fixtures.tools import load_tool

from medlocal.paths import resource_entries


@pytest.fixture
def tool(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    module = load_tool("build_deid_wordlists")  # one module for all tests (sys.modules)
    monkeypatch.setattr(module, "OUT", tmp_path)  # undone after each test
    # Tests set SCOWL on the module; put back after each test, as a fresh module per test was.
    monkeypatch.setattr(module, "SCOWL", module.SCOWL)
    return module


def test_the_build_keeps_lower_case_modern_words_only(tool: ModuleType, tmp_path: Path) -> None:
    british, american = tmp_path / "british-english", tmp_path / "american-english"
    british.write_text(
        "Farrow\nbiomedical\nabbey's\nabbeys\nabbey\nbrook\nfarrow\ncafé\nhp\nblvd\nxxiii\n",
        "utf-8",
    )
    american.write_text("paramedic\nreese\npioneers\n", "utf-8")
    tool.SCOWL = {"wbritish": british, "wamerican": american}
    (tmp_path / "deid_english_words.txt").write_text("# Webster\nabbey\nbrook\npioneer\n", "utf-8")
    for name in tool.LISTED:
        (tmp_path / name).write_text("# listed\n", "utf-8")
    (tmp_path / "deid_surnames.txt").write_text("farrow\nbrook\n", "utf-8")
    (tmp_path / "deid_given_names.txt").write_text("reese\n", "utf-8")
    tool.modern_english()
    built = resource_entries(tmp_path / "deid_english_modern.txt")
    assert built == ["biomedical", "paramedic"]


def test_the_build_fails_clearly_without_scowl(tool: ModuleType, tmp_path: Path) -> None:
    tool.SCOWL = {"wbritish": tmp_path / "none"}
    with pytest.raises(SystemExit, match="apt-get install wbritish"):
        tool.modern_english()
