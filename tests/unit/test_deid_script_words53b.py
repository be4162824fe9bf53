"""review53b: names, places and facilities that deid53c's word-by-word keep let through in
scripts without capitals (deid_script_words). Every must-remove line here leaked on deid53c
(638281a) and was removed on main e2b026d; the keep lines say what the mends leave kept.

* A dose proves nothing about the word before it: a name stands there as often as a medicine,
  and no length tells them apart (a 7-letter Arabic name, a Devanagari name with its vowel
  signs, a Japanese name of four kanji). A brand is kept before its other name in brackets and a
  dose only when that other name is a medicine on its own evidence.
* An English gloss in brackets vouches for a word in lower case only, as deid_scripts.glossed
  reads a gloss: an abbreviation after a name is a ward list's diagnosis.
* A medicine's ending needs a stem before it ("جو-سيلين" is Jocelyn, "קו-פרין" Kuprin).
* A run after (or holding) a facility's or street's head keeps nothing, its head written with
  a full stop, hyphen, slash or quote mark included ("รพ.หัวใจ", "בי"ח", "مستشفى-القلب"); nor
  a run after a Latin title, role or name field ("Dr. الصدر", "Patient: بول سميث").
* A Chinese or Japanese word kept by an ending of medicine (胃镜, 関節, 置换术) opens with a
  character of the body or of disease, not with a surname ("陈明胃镜").
* A listed word that is also a name is kept only where a name cannot stand: the Arabic noun with
  its article ("البول" urine, "بول" Paul), Hebrew "לב" after the word it completes (Lev), a
  Thai colour after what it colours (Daeng, Dam)."""

from __future__ import annotations

import pytest
from fixtures.deid_rules import gone, kept


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # A name before a dose, or in brackets between a medicine and its dose.
        ("إبراهيم 500 ملغ", ("إبراهيم",)),
        ("إسماعيل 500 ملغ", ("إسماعيل",)),
        ("ميتفورمين إبراهيم 500 ملغ", ("إبراهيم",)),
        ("ألم في الصدر إسماعيل 5 ملغ", ("إسماعيل",)),
        ("ميتفورمين (إبراهيم) 500 ملغ", ("إبراهيم",)),
        ("أعطي إبراهيم 5 ملغ", ("إبراهيم",)),
        ("הוספת אברהמוביץ 5 מ\"ג", ("אברהמוביץ",)),
        ("אברהמוביץ 500 מ\"ג", ("אברהמוביץ",)),
        ("אליקוויס (רבינוביץ) 5 מ\"ג", ("רבינוביץ",)),
        ("राजेंद्र 500 mg", ("राजेंद्र",)),
        ("मुखर्जी 500 mg", ("मुखर्जी",)),
        ("अग्रवाल 500 mg", ("अग्रवाल",)),
        ("मेटफॉर्मिन (अग्रवाल) 500 mg", ("अग्रवाल",)),
        ("बुखार लक्ष्मी 500 mg", ("लक्ष्मी",)),
        ("রবীন্দ্রনাথ 500 mg", ("রবীন্দ্রনাথ",)),
        ("முருகன் 500 mg", ("முருகன்",)),
        ("சுப்பிரமணியம் 500 mg", ("சுப்பிரமணியம்",)),
        ("山田太郎 5 mg", ("山田太郎",)),
        ("欧阳娜娜 500 mg", ("欧阳娜娜",)),
        ("司马相如 500mg", ("司马相如",)),
        ("阿莫西林（欧阳娜娜）500 mg", ("欧阳娜娜",)),
        ("ワーファリン（佐藤健一）2 mg", ("佐藤健一",)),
        # A name glossed by an abbreviation of a diagnosis.
        ("إبراهيم (COPD)", ("إبراهيم",)),
        # A name with a medicine's ending and a short stem.
        ("حمى جوسيلين", ("جوسيلين",)),
        ("ביסופרולול קופרין", ("קופרין",)),
        # A facility named with words of medicine, its head unlisted or before a full stop.
        ("مشفى القلب", ("القلب",)),
        ("معهد القلب الوطني", ("القلب", "الوطني")),
        ("مجمع الكلى الطبي", ("الكلى", "الطبي")),
        ("हृदय संस्थान", ("हृदय",)),
        ("हृदय हॉस्पिटल", ("हृदय",)),
        ("ক্যান্সার হসপিটাল", ("ক্যান্সার",)),
        ("รพ.หัวใจ", ("หัวใจ",)),
        # A listed word that is also a name, where a name stands.
        ("حمى وسعال بول سميث", ("بول", "سميث")),
        ("ألم في الصدر حديد", ("حديد",)),
        ("דלקת ריאות לב כהן", ("לב", "כהן")),
        ("סוכרת לב", ("לב",)),
        ("ไข้สูง แดง ใจดี", ("แดง", "ใจดี")),
        ("ไข้ ดำ", ("ดำ",)),
        ("ไข้แดง", ("แดง",)),
        ("बुखार सीना", ("सीना",)),
        ("حمى رنين", ("رنين",)),  # Raneen; "الرنين" resonance keeps its article
        ("صداع رنين الخطيب", ("رنين", "الخطيب")),
        ("حمى فداء", ("فداء",)),  # Fidaa, not "ف" + "داء"
        ("صداع فداء الخطيب", ("فداء", "الخطيب")),
        # A Chinese or Japanese name written onto an ending of medicine.
        ("陈明胃镜", ("陈明",)),
        ("王芳关节置换术", ("王芳",)),
        ("佐藤関節", ("佐藤",)),
        ("李明导管", ("李明",)),
        ("王小明腹水", ("王小明",)),
        ("鈴木一郎超音波", ("鈴木一郎",)),
        # A facility's head or a Latin title right before the run, past a mark.
        ("مستشفى-القلب", ("القلب",)),
        ("مستشفى/القلب", ("القلب",)),
        ("Seen at مشفى القلب", ("القلب",)),
        ("Dr سكر", ("سكر",)),
        ("Dr. الصدر", ("الصدر",)),
        ("Patient: بول سميث", ("بول", "سميث")),
    ],
)  # fmt: skip
def test_names_where_deid53c_kept_words_go(text: str, names: tuple[str, ...]) -> None:
    gone(text, *names)


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("تحليل البول: بروتين", ("البول",)),
        ("فقر الدم بعوز الحديد", ("الحديد",)),
        ("אי ספיקת לב", ("אי ספיקת לב",)),
        ("ให้สารน้ำทางหลอดเลือดดำ", ("สารน้ำทางหลอดเลือดดำ",)),
        ("ผื่นแดง", ("ผื่นแดง",)),
        ("العلاج: إمباغليفلوزين، كلوبيدوقريل", ("إمباغليفلوزين", "كلوبيدوقريل")),
        ("هيدروكلوروثيازيد 25 ملغ", ("هيدروكلوروثيازيد",)),
        ("תרופות: לוסרטן, אפיקסבן", ("לוסרטן", "אפיקסבן")),
        ("用药：阿哌沙班，达格列净", ("阿哌沙班", "达格列净")),
        ("लॅबेटालॉल 200 mg", ("लॅबेटालॉल",)),
        ("左心室射出分率 35%", ("左心室射出分率",)),
        ("人工膝関節全置換術", ("人工膝関節全置換術",)),
        ("心脏支架", ("心脏支架",)),
        ("الرنين المغناطيسي", ("الرنين",)),
    ],
)  # fmt: skip
def test_words_of_medicine_the_mends_keep(text: str, terms: tuple[str, ...]) -> None:
    kept(text, *terms)
