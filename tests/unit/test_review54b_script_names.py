"""review54b (issue 16 privacy): words of medicine that are also names, kept by deid54a's word by
word keep where main 02321fb removed the whole run.

* Arabic words of medicine that with the article are places or family names ("العين" Al Ain,
  "الدار البيضاء" Casablanca, "مقتدى الصدر", "أحمد السكري"): kept only after a word of medicine.
* Given names that are words of medicine ("हृदय" Hriday, "गति" Gati, Thai "น้ำตาล" Namtan).
* A Chinese or Japanese name written right onto a medicine's name ("张伟阿莫西林",
  "田中アムロジピン").
* Four-character Chinese names with a compound surname that end as a medicine's name does
  ("欧阳地平": -dipine), and compound or newly listed surnames before an ending of medicine.

Every must-remove line but the last group's was removed on 02321fb and kept on main before this
mend (the last group was kept on both). The keep lines say what stays kept."""

from __future__ import annotations

import pytest
from fixtures.deid_rules import gone, kept


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # Arabic: a word of medicine with the article after a word that is none.
        ("ألم في الصدر منذ يومين، قدم من العين", ("العين",)),
        ("ولد في الدار البيضاء، سكري نوع 2", ("البيضاء",)),
        ("سكري نوع 2 مقتدى الصدر", ("الصدر",)),
        ("سكري نوع 2 أحمد السكري", ("السكري",)),
        ("ربو منذ يومين خالد الحديد", ("الحديد",)),
        # Given names that are words of medicine.
        ("बुखार 3 दिन से हृदय शर्मा", ("हृदय",)),
        ("खांसी गति", ("गति",)),
        ("เตียง 3 น้ำตาล ไข้สูง 3 วัน", ("น้ำตาล",)),
        ("น้ำตาล ไอ", ("น้ำตาล",)),
        # Compound surnames: a name ending as a medicine, or written onto an ending.
        ("上官文韦", ("上官文韦",)),
        ("欧阳地平", ("欧阳地平",)),
        ("司马普利", ("司马普利",)),
        ("慕容复肺炎", ("慕容复",)),
        ("皇甫明手术", ("皇甫明",)),
        ("聂伟肺炎", ("聂伟",)),
        ("易建联手术", ("易建联",)),
        ("华山手术", ("华山",)),
        # A name written right onto a medicine's name (kept whole on main, removed on 02321fb).
        ("张伟阿莫西林", ("张伟",)),
        ("张伟卡托普利", ("张伟",)),
        ("李娜他汀", ("李娜",)),
        ("陈明左氧氟沙星", ("陈明",)),
        ("佐藤ロキソプロフェン", ("佐藤",)),
        ("田中シリン", ("田中",)),
        ("김민준아목시실린", ("김민준",)),
        ("박지성로수바스타틴", ("박지성",)),
    ],
)
def test_a_name_also_a_word_of_medicine_is_removed(text: str, names: tuple[str, ...]) -> None:
    gone(text, *names)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("ألم في الصدر منذ يومين", ("ألم في الصدر",)),
        ("مرض السكري نوع 2", ("مرض السكري",)),
        ("فقر دم بسبب نقص الحديد", ("نقص الحديد",)),
        ("التهاب العين", ("التهاب العين",)),
        ("كريات بيضاء", ("كريات بيضاء",)),
        ("سكري نوع 2", ("سكري",)),
        ("हृदय रोग", ("हृदय रोग",)),
        ("हृदय गति तीव्र", ("हृदय गति",)),
        ("हृदय का दौरा", ("हृदय का दौरा",)),
        ("น้ำตาลในเลือดสูง ไข้", ("ไข้",)),
        ("阿昔洛韦", ("阿昔洛韦",)),
        ("硝苯地平 10 mg", ("硝苯地平",)),
        ("卡托普利", ("卡托普利",)),
        ("易栓症", ("易栓症",)),
        # Medicines whose first character opens surnames too.
        ("万古霉素 1 g", ("万古霉素",)),
        ("雷米普利", ("雷米普利",)),
        ("左氧氟沙星", ("左氧氟沙星",)),
        ("莫西沙星", ("莫西沙星",)),
        ("伊马替尼", ("伊马替尼",)),
        ("林可霉素", ("林可霉素",)),
        ("大观霉素", ("大观霉素",)),
        ("アムロジピン 5mg", ("アムロジピン",)),
        ("内服アムロジピン", ("内服アムロジピン",)),
        ("아목시실린", ("아목시실린",)),
        ("아토르바스타틴", ("아토르바스타틴",)),
        ("피타바스타틴", ("피타바스타틴",)),
        ("이르베사르탄", ("이르베사르탄",)),
        ("点滴バンコマイシン", ("点滴バンコマイシン",)),
    ],
)
def test_the_words_of_medicine_stay(text: str, words: tuple[str, ...]) -> None:
    kept(text, *words)
