"""deid53c (issue 16, clinical damage in scripts without capitals): a word of Arabic, Hebrew,
Indic, Thai or CJK letters is kept only on evidence about that word itself (a listed word of
medicine, a joining word beside one, a dose right after it, an English clinical gloss right after
it), never a whole run after a head word (deid_script_words).

The must-remove probes put a name right where a keep rule keeps text: after a head word, between
words of medicine, before a dose, after a joining word. The first nine are the lead's probes of
session 52 (/tmp/lead52/probe_scripts.py): on deid52c's code (whole run kept after a head word,
one word kept before any dose) six of them leaked a name. The keep-cases fail on main e2b026d
(every such run was removed whole)."""

from __future__ import annotations

import pytest
from fixtures.deid_rules import gone, kept, redact


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # The lead's probes (session 52).
        ("ألم في الصدر منذ يومين أحمد الخطيب", ("أحمد", "الخطيب")),
        ("ألم في الصدر لدى أحمد الخطيب", ("أحمد", "الخطيب")),
        ("سكري النوع الثاني محمد عبدالله 500 ملغ", ("محمد", "عبدالله")),
        ("أحمد الخطيب 500 ملغ", ("أحمد", "الخطيب")),
        ("כאבים בחזה אצל משה כהן", ("משה", "כהן")),
        ("रमेश बुखार 3 दिन से", ("रमेश",)),
        ("बुखार रमेश कुमार", ("रमेश", "कुमार")),
        ("肺炎 张伟 住院", ("张伟",)),
        ("患者王芳 500 mg", ("王芳",)),
        # A name right after a word of medicine or a joining word, or between two.
        ("حمى وسعال ياسر القحطاني", ("ياسر", "القحطاني")),
        ("ضيق في التنفس مع خالد", ("خالد",)),
        ("حمى ياسر سعال", ("ياسر",)),
        ("דלקת ריאות יוסי לוי", ("יוסי", "לוי")),
        ("סוכרת עם אברהם", ("אברהם",)),
        ("बुखार 3 दिन सुनील", ("सुनील",)),
        ("सीने में दर्द अनिल शर्मा", ("अनिल", "शर्मा")),
        ("জ্বর রহিম উদ্দিন", ("রহিম", "উদ্দিন")),
        ("காய்ச்சல் முருகன்", ("முருகன்",)),
        ("ไข้สูง สมชาย ใจดี", ("สมชาย", "ใจดี")),
        ("ไข้สมชาย", ("สมชาย",)),  # a name written onto a Thai word of medicine
        ("心房細動 王小明", ("王小明",)),
        # A name right before a dose: after an unknown word, with the Arabic article, or Chinese
        # of two or three characters.
        ("محمد عبدالله 500 ملغ", ("محمد", "عبدالله")),
        ("الخطيب 500 ملغ", ("الخطيب",)),
        ("محمد 500 ملغ", ("محمد",)),  # a given name alone before a dose
        ("سعاد 5 ملغ", ("سعاد",)),
        ("عبدالرحمن 500 ملغ", ("عبدالرحمن",)),
        ("रमेश 500 mg", ("रमेश",)),
        ("משה 500 מ\"ג", ("משה",)),
        ("रमेश कुमार 500 mg", ("रमेश", "कुमार")),
        ("张伟 500 mg", ("张伟",)),
        # A run holding a word of people or places keeps nothing, words of medicine included.
        ("مستشفى القلب التخصصي", ("مستشفى القلب التخصصي",)),
        ("קיבל טיפול אצל ד\"ר רון", ("רון",)),
        # Names beside a medicine known by its spelling (-olol, -formin, -mycin), or before a
        # dose where a dose proves nothing (Hangul, Thai).
        ("ביסופרולול משה כהן", ("משה", "כהן")),
        ("मेटफॉर्मिन सुनील शर्मा", ("सुनील", "शर्मा")),
        ("김민준 500 mg", ("김민준",)),
        ("남궁민수 아지스로마이신", ("남궁민수",)),
        ("สมชาย 500 mg", ("สมชาย",)),
        ("ประเสริฐ เมทฟอร์มิน", ("ประเสริฐ",)),
        ("عبدالرحمن أزيثرومايسين", ("عبدالرحمن",)),
        ("张伟 阿托伐他汀", ("张伟",)),
        ("王地平 复诊", ("王地平",)),  # a three-character name with a medicine's ending
        ("患者王地平韦", ("王地平",)),
        # A Cyrillic name before a dose is no script word of medicine here.
        ("Иванов 500 mg", ("Иванов",)),
    ],
)  # fmt: skip
def test_names_beside_words_of_medicine_go(text: str, names: tuple[str, ...]) -> None:
    gone(text, *names)


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        (
            "الشكوى: ألم في الصدر منذ ساعتين مع ضيق في التنفس وتعرق.",
            ("ألم في الصدر", "ضيق في التنفس", "تعرق"),
        ),
        ("العلاج: ميتفورمين 1000 ملغ مرتين يوميا", ("ميتفورمين",)),
        ("التشخيص: فقر الدم، ارتفاع ضغط الدم.", ("فقر الدم", "ارتفاع ضغط الدم")),
        ("אבחנות: אי ספיקת לב עם מקטע פליטה 35%", ("אי ספיקת לב", "מקטע פליטה")),
        ("सीने में दर्द और सांस फूलना", ("सीने में दर्द", "सांस फूलना")),
        ("रमेश बुखार 3 दिन से", ("बुखार 3 दिन से",)),
        ("ไข้สูง ปวดศีรษะ ได้รับ ยาละลายลิ่มเลือด", ("ไข้สูง", "ปวดศีรษะ", "ยาละลายลิ่มเลือด")),
        ("阿莫西林 500 mg 每日三次", ("阿莫西林",)),
        ("Dx: سكري (T2DM) since 2012", ("سكري",)),
        # Session 54: the brand before its generic goes (a name stands there as often).
        ("אליקוויס (אפיקסבן) 5 מ\"ג", ("אפיקסבן",)),
        # A medicine known by the ending of its international name, with no dose.
        ("תרופות: ביסופרולול, אזיתרומיצין", ("ביסופרולול", "אזיתרומיצין")),
        ("दवाएं: रिफैम्पिसिन, आइसोनियाज़िड", ("रिफैम्पिसिन", "आइसोनियाज़िड")),
        ("ยา: พาราเซตามอล, วาร์ฟาริน", ("พาราเซตามอล", "วาร์ฟาริน")),
        ("약물: 티오트로피움, 부데소니드", ("티오트로피움", "부데소니드")),
        ("用药：阿托伐他汀，二甲双胍", ("阿托伐他汀", "二甲双胍")),
        ("内服：アムロジピン、クラリスロマイシン", ("アムロジピン", "クラリスロマイシン")),
    ],
)  # fmt: skip
def test_words_of_medicine_are_kept_word_by_word(text: str, terms: tuple[str, ...]) -> None:
    kept(text, *terms)


def test_the_name_goes_and_the_words_of_medicine_stay_in_one_run() -> None:
    out = redact("ألم في الصدر منذ يومين أحمد الخطيب")
    assert out.startswith("ألم في الصدر منذ يومين ")
    assert "أحمد" not in out and "الخطيب" not in out


def test_removed_pieces() -> None:
    from medlocal.privacy.deid_script_words import all_medicine, removed_pieces

    text = "x ألم في الصدر أحمد الخطيب y"
    start, end = 2, len(text) - 2
    pieces = removed_pieces(text, start, end)
    assert pieces is not None and [text[s:e] for s, e in pieces] == ["أحمد الخطيب"]
    assert removed_pieces("أحمد الخطيب", 0, 11) is None  # nothing kept: the run goes whole
    assert all_medicine("ألم في الصدر", 0, 12)
    assert not all_medicine("في", 0, 2)  # a joining word alone is no evidence
