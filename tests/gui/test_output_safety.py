"""Model output can never reach the network: images, style sheets and links in an answer
(Markdown or raw HTML, http, file:// or UNC) are refused; a local HTTP server proves it."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from fixtures.fake_models import FakeChatModel
from fixtures.gui_window import make_workspace
from fixtures.message_boxes import act_on_questions
from fixtures.palettes import dark_palette
from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextFormat
from pytestqt.qtbot import QtBot

from medlocal.rag.flags import Flag
from medlocal.ui.colours import contrast
from medlocal.ui.main_window import MainWindow
from medlocal.ui.message_dialog import MessageDialog
from medlocal.ui.render import answer_html
from medlocal.ui.safe_browser import SafeBrowser


class Recorder:
    def __init__(self) -> None:
        self.requests: list[str] = []


@pytest.fixture
def server(socket_enabled: None) -> Iterator[tuple[str, Recorder]]:
    recorder = Recorder()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            recorder.requests.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            return

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", recorder
    httpd.shutdown()
    httpd.server_close()


def hostile_answer(base: str) -> str:
    # No ".png" in the addresses: an answer naming files the model was not given, beside values
    # the passages do not give, is set aside as broken (walk 46a D2), and this test reads the
    # answer as shown. The server answers with an image whatever the path.
    return (
        f"Metformin 500 mg [1]. ![chart]({base}/md-image) "
        f'<img src="{base}/html-image"> <link rel="stylesheet" href="{base}/style.css">\n'
        f"See [the guideline]({base}/link) and <a href='{base}/raw'>this</a>.\n"
        '<img src="file:///etc/passwd"> <img src="\\\\fileserver\\share\\x">'
    )


def test_hostile_markup_in_an_answer_sends_nothing(
    qtbot: QtBot, server: tuple[str, Recorder], tmp_path: Path
) -> None:
    base, recorder = server
    model = FakeChatModel(hostile_answer(base))
    ws = make_workspace(tmp_path, chat=model)
    ws.create_vault("correct horse battery", "correct horse battery")
    vault = ws.require_vault()
    patient = vault.add_patient("Leak Patient")
    note = tmp_path / "meds.txt"
    note.write_text("Metformin 500 mg twice daily.")
    ws.import_documents([note], patient)
    window = MainWindow(ws)
    qtbot.addWidget(window)
    window.start()
    window.patients.patients.setCurrentRow(0)
    window.chat.ask("What does the patient take?")
    qtbot.waitUntil(lambda: window.chat.job is None and len(window.chat.turns) == 1, timeout=20000)
    window.show()
    qtbot.wait(200)  # let any (refused) resource load happen
    shown = window.chat.view.toPlainText()
    assert "not loaded" in shown  # the Markdown image became text
    assert "<img" in shown  # raw HTML from the model is shown as text, not markup
    assert recorder.requests == []
    window.close()
    ws.close()


def test_safe_browser_refuses_every_resource_even_in_our_own_html(
    qtbot: QtBot, server: tuple[str, Recorder]
) -> None:
    base, recorder = server
    view = SafeBrowser()
    qtbot.addWidget(view)
    view.setHtml(
        f'<p>x</p><img src="{base}/a.png"><img src="file:///etc/hostname">'
        '<img src="\\\\fileserver\\share\\b.png"><img src="relative.png">'
    )
    view.show()
    qtbot.wait(100)
    assert view.refused_resources >= 4
    assert recorder.requests == []
    # Following a link by itself is impossible; an http link asks first and says no here.
    view.setSource(QUrl(f"{base}/page"))
    assert recorder.requests == []


def test_links_open_only_after_confirmation(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(
        "medlocal.ui.safe_browser.QDesktopServices.openUrl",
        lambda url: opened.append(url.toString()) or True,
    )
    view = SafeBrowser()
    qtbot.addWidget(view)
    act_on_questions(monkeypatch, False)
    assert view.confirm_and_open("https://example.org/x") is False
    act_on_questions(monkeypatch, True)
    assert view.confirm_and_open("https://example.org/x") is True
    monkeypatch.setattr(MessageDialog, "exec", lambda self: 0)
    assert view.confirm_and_open("file:///etc/passwd") is False
    assert opened == ["https://example.org/x"]


def test_answer_html_escapes_and_marks_flags() -> None:
    text = "Take <b>metformin</b> 5000 mg [1]. Lisinopril daily [2]."
    flags = [Flag(0, "unverified_number", "5000 mg", "5000 mg is not in [1].", 0, 35)]
    html = answer_html(text, flags, cite_prefix="3.")
    assert "<b>metformin</b>" not in html and "&lt;b&gt;metformin&lt;/b&gt;" in html
    assert 'href="cite:3.1"' in html and 'href="cite:3.2"' in html
    assert 'title="5000 mg is not in [1]."' in html and "underline" in html
    assert html.count("<span") == 1  # only the flagged sentence is underlined


def test_flag_underlines_the_words_at_fault_when_known() -> None:
    text = "BP was 150/95 on admission [1]. Stable since [1]."
    flags = [
        Flag(0, "misattributed_value", "150/95", "150/95 was the discharge value.", 0, 31, 7, 13)
    ]
    html = answer_html(text, flags)
    start = html.index("<span")
    assert html[start:].split(">", 1)[1].startswith("150/95</span>")


def test_the_chat_lists_a_flag_by_its_sentences_opening_words(qtbot: QtBot, tmp_path: Path) -> None:
    """The window said "Sentence 2" where the CLI and exports quote the sentence's opening words
    (listed_flags): a count took the intro line as sentence 1 and read like the model's own
    numbered list. The underline stays on the sentence."""
    from medlocal.app.chats import ChatTurn
    from medlocal.ui.chat_panel import ChatPanel

    text = "Current medicines:\n1. Apixaban 5 mg once daily for atrial fibrillation [1].\n"
    start = text.index("Apixaban")
    end = text.index("\n", start)
    flags = [Flag(1, "unverified_number", "once daily", "not in passage 1", start - 3, end)]
    flags.append(Flag(-1, "invalid_citation", "", "The model cited passage 9."))
    flags.append(Flag(1, "model_doubt", "", "the model doubts it", start - 3, end))
    panel = ChatPanel(make_workspace(tmp_path))
    qtbot.addWidget(panel)
    panel.turns = [ChatTurn("Which anticoagulant?", text, flags=flags)]
    panel.redraw()
    shown = panel.view.toPlainText()
    # Walk 25: one entry per sentence, listing its problems (it was listed once per flag).
    grouped = "Sentence “Apixaban 5 mg once daily for…”: unverified number: not in passage 1;"
    assert f"{grouped} model doubt: the model doubts it" in shown, shown
    assert shown.count("Sentence “Apixaban") == 1
    assert "Answer: invalid citation: The model cited passage 9." in shown, shown
    assert "Sentence 2" not in shown
    drawn = panel.view.toHtml()
    assert "underline" in drawn or "wavy" in drawn  # the sentence is still underlined


def test_a_flagged_sentence_stays_readable_in_a_dark_theme(qtbot: QtBot) -> None:
    """The flag's light background came with no text colour: white on pale pink in dark mode."""
    text = "Take metformin 5000 mg [1]."
    flags = [Flag(0, "unverified_number", "5000 mg", "5000 mg is not in [1].", 0, 27)]
    view = SafeBrowser()
    qtbot.addWidget(view)
    view.setPalette(dark_palette())
    view.setHtml(answer_html(text, flags))
    found = view.document().find("metformin")
    fmt = found.charFormat()
    assert fmt.hasProperty(QTextFormat.Property.BackgroundBrush)
    assert fmt.hasProperty(QTextFormat.Property.ForegroundBrush)  # not the theme's white
    assert contrast(fmt.foreground().color(), fmt.background().color()) >= 4.5


@pytest.mark.parametrize("dark", [False, True])
def test_the_decision_support_notice_is_readable(qtbot: QtBot, tmp_path: Path, dark: bool) -> None:
    """It was drawn in palette(mid): about 1.8:1 on a light window, barely visible on dark."""
    from medlocal.ui.chat_panel import ChatPanel

    panel = ChatPanel(make_workspace(tmp_path))
    qtbot.addWidget(panel)
    if dark:
        panel.setPalette(dark_palette())
    panel.show()
    image = panel.notice.grab().toImage()
    background = image.pixelColor(0, 0)
    best = max(
        contrast(image.pixelColor(x, y), background)
        for x in range(0, image.width(), 1)
        for y in range(0, image.height(), 1)
    )
    assert best >= 4.5, best


def test_every_flag_kind_has_a_tooltip_saying_why() -> None:
    """A new check's flag (range_conflict, wrong_section: session 39) must say why in the
    window's tooltip, not show its kind's bare name. The unsupported draft always carries its
    own message."""
    from typing import get_args

    from medlocal.rag.flags import FlagKind
    from medlocal.ui.render import FLAG_WHY

    missing = [k for k in get_args(FlagKind) if k not in FLAG_WHY and k != "unsupported_draft"]
    assert missing == []
