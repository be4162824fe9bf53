"""Review 50a R1/R2, without the engine: letters of another script are left out only when they
look like specks; real text of a minority script (a Chinese name on an English report, the hanzi
of a Chinese lab report whose codes and units are Latin) is kept, and full-width letters are
read as plain Latin, never dropped."""

from __future__ import annotations

from medlocal.ingest.ocr.engine import Detection, Piece
from medlocal.ingest.ocr.scripts import fold_width, leave_out_other_scripts

HEIGHT = 24.0


def _box(text: str, y: float, confidence: float = 0.95) -> Detection:
    w = 12.0 * len(text)
    return Detection(
        text, ((50, y), (50 + w, y), (50 + w, y + HEIGHT), (50, y + HEIGHT)), confidence, ()
    )


def _texts(detections: list[Detection]) -> tuple[int, list[str]]:
    cleaned = leave_out_other_scripts(detections)
    return cleaned.left_out, [det.text for det in cleaned.detections]


def test_a_chinese_name_on_an_english_report_is_kept() -> None:
    lines = ["Patient: Wang Wei 王伟", "Haemoglobin 135 g/L", "Potassium 4.1 mmol/L"]
    assert _texts([_box(t, 100 + 40 * i) for i, t in enumerate(lines)]) == (0, lines)


def test_the_hanzi_of_a_chinese_lab_report_with_latin_codes_are_kept() -> None:
    lines = [
        "血红蛋白 HGB 135 g/L",
        "白细胞 WBC 6.5 x10^9/L",
        "血小板 PLT 250 x10^9/L",
        "肌酐 CREA 80 umol/L",
        "姓名 王伟",
        "性别 男",
    ]
    left_out, kept = _texts([_box(t, 100 + 40 * i) for i, t in enumerate(lines)])
    assert (left_out, kept) == (0, lines)


def test_a_long_run_read_at_low_confidence_is_kept_for_the_mark_not_dropped() -> None:
    # Real text read poorly: the page marks the line (under 0.80); nothing is lost.
    assert _texts([_box("Report", 100), _box("血红蛋白测定结果", 140, 0.40)]) == (
        0,
        ["Report", "血红蛋白测定结果"],
    )


def test_a_short_name_read_at_modest_confidence_is_kept() -> None:
    assert _texts([_box("Patient name:", 100), _box("王伟", 140, 0.45)]) == (
        0,
        ["Patient name:", "王伟"],
    )


def test_specks_are_still_left_out_by_their_evidence() -> None:
    # Very low confidence, few letters: the walk's fax specks.
    assert _texts([_box("Sodium 139", 100), _box("集长", 140, 0.13)]) == (2, ["Sodium 139"])
    # A lone letter on the page, inside an English line.
    left_out, kept = _texts([_box("Sodium 公 low", 100), _box("Potassium 4.1", 140)])
    assert (left_out, kept) == (1, ["Sodium low", "Potassium 4.1"])
    # A lone letter far smaller than its line's characters, though the page has others.
    pieces = (
        Piece("Hb", ((50, 100), (74, 100), (74, 124), (50, 124)), 0.99),
        Piece("丶", ((80, 110), (84, 110), (84, 114), (80, 114)), 0.9),
        Piece("135", ((90, 100), (126, 100), (126, 124), (90, 124)), 0.99),
    )
    speck = Detection("Hb 丶 135", pieces[0].points, 0.95, pieces)
    page = [speck, _box("姓名 王伟", 140), _box("Sodium 139 mmol/L", 180)]
    assert _texts(page) == (1, ["Hb 135", "姓名 王伟", "Sodium 139 mmol/L"])


def test_full_width_letters_are_read_as_latin() -> None:
    assert fold_width("ｍｇ dose ５ ｍｇ, ２ ℓ") == "mg dose 5 mg, 2 l"
    assert fold_width("µmol/L 5 °C ±") == "µmol/L 5 °C ±"  # the micro sign is no width form
    assert _texts([_box("ｍｇ dose 5 ｍｇ", 100), _box("Patient Smith", 140)]) == (
        0,
        ["mg dose 5 mg", "Patient Smith"],
    )
