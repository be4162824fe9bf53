"""tools/build_deid_wordlists.py --scowl (session 33, measured and not shipped): modern English
words from SCOWL, lower-case entries only, without abbreviations, Webster's words and their
inflections, or listed names and places; a clear failure when the Debian lists are missing."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from medlocal.paths import resource_entries

TOOL = Path(__file__).resolve().parents[2] / "tools" / "build_deid_wordlists.py"


@pytest.fixture
def tool(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_deid_wordlists", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "OUT", tmp_path)
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
