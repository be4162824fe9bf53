"""Text in a non-Latin script inside an English-language record, and East-Asian dates.

A run of Chinese, Japanese, Korean, Arabic, Hebrew, Cyrillic, Indic, Thai, Ethiopic (and
similar) letters in an English record is almost always a name, a place, an address or an
organisation written in the patient's own script ("김민준", "東京都渋谷区",
"渋谷2-15-1 渋谷クロスタワー 5F"): the clinical text around it is English, so the run is
removed whole. Greek letters are not included: they are clinical ("α-synuclein", "β-blocker",
"κ light chains").

Dates with East-Asian year, month and day marks ("令和8年10月2日", "2026年10月2日",
"2026년 10월 2일") are found first, so that a date is labelled a date and not swallowed by a
run of letters.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_cjk_name_stems import LONGER_ENDINGS, name_onto_ending
from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_lexicon import lexicon
from medlocal.privacy.deid_people_words import RELATIONS, ROLES, TITLES
from medlocal.privacy.deid_place_words import FACILITY_HEADS, REGIONS, STREET_WORDS
from medlocal.privacy.deid_script_words import katakana_medicine_word, removed_pieces
from medlocal.privacy.deid_spans import Redaction, label

# Letters of the scripts that, in an English record, write names and places. Greek (U+0370-03FF)
# and the Latin blocks are left out on purpose.
_LETTERS = (
    "\u0400-\u052f"  # Cyrillic
    "\u0530-\u058f"  # Armenian
    "\u0590-\u05ff"  # Hebrew
    "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc"  # Arabic
    "\u0700-\u07bf"  # Syriac, Thaana
    "\u0900-\u0dff"  # Devanagari and the other Indic scripts, Sinhala
    "\u0e00-\u0eff"  # Thai, Lao
    "\u0f00-\u109f"  # Tibetan, Myanmar
    "\u10a0-\u10ff"  # Georgian
    "\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7af"  # Hangul
    "\u1200-\u139f"  # Ethiopic
    "\u1780-\u17ff"  # Khmer
    "\u3005\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f"  # kana, the iteration mark
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # CJK ideographs
    "\U0001b000-\U0001b16f"  # kana supplement and extensions
    "\U00020000-\U0003134f"  # CJK ideographs, extensions B to H (surnames such as 𠮷野)
)
# A run: letters, then more letters or house numbers ("2-15-1", "27", "5F") joined to them or
# after one space, as an address in these scripts is written.
_DIGITS = r"\d+(?:[-‐－]\d+)*(?:[A-Za-z]{1,2}\b)?"
_RUN = re.compile(rf"[{_LETTERS}]+(?:[ \t]?(?:[{_LETTERS}]+|{_DIGITS}))*")
# The comma, semicolon, question mark and full stop of Arabic script and the Indic danda lie in
# the letters' blocks; they end a run as "," and "." do (a list of diagnoses is no one name;
# session 52, deid52c).
_SCRIPT_PUNCTUATION = re.compile("[\u060c\u061b\u061f\u06d4\u0964\u0965]")
_TRAILING_NUMBER = re.compile(rf"[ \t]{_DIGITS}\Z")
_POSTCODE = re.compile(r"[ \t](\d{3}-?\d{3,4})\Z")

_ERA = r"(?:令和|平成|昭和|大正|明治)(?:\d{1,2}|元)年"
_YEAR = r"(?:\d{4}[ \t]?[年년])"
EAST_ASIAN_DATE = re.compile(
    rf"(?:{_ERA}|{_YEAR})[ \t]?\d{{1,2}}[ \t]?[月월](?:[ \t]?\d{{1,2}}[ \t]?[日일])?"
    r"|\d{1,2}[ \t]?[月월][ \t]?\d{1,2}[ \t]?[日일]"
)

# The last mark of a place name: a ward, city, prefecture, province, county, district.
_PLACE_ENDINGS = tuple("区市県都府道省州郡町村县구시군도동읍면")


# Round 16: the last morphemes of Japanese and Chinese words of medicine: a disease or
# condition ("高血圧症", "糖尿病", "肺癌", "心不全", "脳梗塞", "認知症"), a drug's form
# ("降圧剤", "錠"), a procedure or a finding. No personal or place name ends in one: a run that
# does, with no kana particles or Chinese function words in it (a sentence that could hold a
# name), is a clinical word and stays ("誤嚥性肺炎 (aspiration pneumonia)").
_CLINICAL_ENDINGS = (
    "症", "病", "癌", "がん", "ガン", "不全", "障害", "障碍", "障礙", "梗塞", "梗死", "剤", "剂",
    "錠", "片", "腫", "瘍", "肿", "瘤", "痛", "疹", "炎", "骨折", "出血", "狭窄", "閉塞", "闭塞",
    "硬化", "肥大", "結石", "结石", "麻痺", "麻痹", "衰竭", "貧血", "贫血", "高血圧", "高血压",
    "感染", "発作", "发作", "浮腫", "浮肿", "血栓", "潰瘍", "溃疡", "検査", "检查", "手術", "手术",
    "療法", "疗法", "治療", "治疗", "嚥下", "吞咽", "脱水", "肺炎", "褥瘡", "ウイルス", "病毒",
    # Round 21 (precision): a suspected diagnosis ("早期胃癌疑い"), an endoscopy, a biopsy.
    "疑い", "内視鏡", "内镜", "生検", "活检", "造影",
    # Session 42 (issue 16): fibrillation and arrhythmia ("心房細動", "心房颤动", "不整脈"),
    # asthma ("喘息"). Korean words are read apart (_KOREAN_ENDINGS, _KOREAN_TERMS).
    "細動", "颤动", "不整脈", "喘息",
)  # fmt: skip
# Session 42 (issue 16): the Korean morphemes of the same words, the Sino-Korean readings of
# the endings above: blood pressure, failure, infarction, fracture, bleeding, stenosis,
# disorder, fibrillation, pneumonia, anaemia, infection, a test, an operation, a treatment,
# asthma, diabetes. Review 42 (privacy): a Korean name is a surname and a given name of one or
# two syllables, written as one run, and given names use these syllables too: 이재병,
# 박세동 (Se-dong), 김천식 (Cheon-sik), 최영염, 정기증 and 박정암 were kept as words of medicine.
# So an ending counts only on a run of four syllables or more that no two-syllable surname
# opens (the one-syllable endings 병, 증, 암, 염 not at all: "골다공증" is listed), and the
# shorter words of medicine are a list of whole words (_KOREAN_TERMS), never an ending.
_KOREAN_ENDINGS = (
    "혈압", "부전", "경색", "골절", "출혈", "협착", "장애", "세동", "폐렴", "빈혈", "감염",
    "검사", "수술", "치료", "천식", "당뇨",
)  # fmt: skip
_KOREAN_TERMS = frozenset(
    {
        # Diagnoses and conditions.
        "당뇨", "당뇨병", "고혈압", "저혈압", "고지혈증", "이상지질혈증", "심부전", "신부전",
        "간부전", "호흡부전", "뇌경색", "심근경색", "뇌졸중", "뇌출혈", "위출혈", "골절",
        "출혈", "협착", "장애", "폐렴", "빈혈", "감염", "요로감염", "천식", "결핵", "폐결핵",
        "위암", "폐암", "간암", "대장암", "유방암", "갑상선암", "췌장암", "전립선암", "간염",
        "위염", "장염", "관절염", "방광염", "비염", "피부염", "결막염", "췌장염", "충수염",
        "협심증", "부정맥", "통풍", "통풍증", "치매", "우울증", "불면증", "골다공증",
        "갑상선기능저하증", "갑상선기능항진증", "고칼륨혈증", "저칼륨혈증", "저나트륨혈증",
        "파킨슨병", "알츠하이머병", "심방세동", "두통", "어지럼증", "변비", "설사", "발열",
        "기침", "호흡곤란", "흉통", "복통", "요통", "부종", "탈수",
        # Tests, operations and treatments.
        "검사", "혈액검사", "소변검사", "수술", "치료", "투석", "혈액투석", "내시경",
        "위내시경", "대장내시경", "조직검사", "항암치료", "방사선치료",
    }
)  # fmt: skip
# Two-syllable surnames: with a two-syllable given name they make a run of four (남궁세동).
_KOREAN_DOUBLE_SURNAMES = frozenset({"남궁", "황보", "제갈", "선우", "독고", "사공", "서문"})
_HANGUL = re.compile("[\uac00-\ud7af]+")
# Round 21 (precision): a medicine written in katakana before its dose ("メトホルミン 500mg 2錠
# 分2", "アムロジピン 5mg"): Japanese writes foreign drug names in katakana, and a person's name
# has no dose after it. The dose, tablets and doses a day go with it. Session 54: a foreign
# person's name is written in katakana too, and a dose follows a name on a ward list ("キャロール
# 5 mg"): the word must be a medicine by its own spelling (deid_script_words).
_KATAKANA_DOSE = re.compile(
    r"(?P<word>[\u30a1-\u30fa\u30fc\u30fb]{3,})[ \t]?\d+(?:\.\d+)?[ \t]?"
    r"(?:mg|mcg|μg|µg|g|mL|ml|IU|単位|錠|%)(?![A-Za-z])"
    r"(?:[ \t]?\d+[ \t]?錠)?(?:[ \t]?分\d)?"
)
# Characters of a sentence rather than a word: kana particles and Chinese function words.
_SENTENCE_CHARACTERS = frozenset("はがをにでとのへもやかよねた的是在因为為了和与與及患者")
_LONGEST_CLINICAL = 16


def _clinical_word(word: str) -> bool:
    """Whether ``word`` (no spaces) is a Japanese, Chinese or Korean word of medicine (see
    above)."""
    if _HANGUL.fullmatch(word):
        if word in _KOREAN_TERMS:
            return True
        return (
            len(word) >= 4
            and word[:2] not in _KOREAN_DOUBLE_SURNAMES
            and word.endswith(_KOREAN_ENDINGS)
        )
    if len(word) < 2 or len(word) > _LONGEST_CLINICAL or not word.endswith(_CLINICAL_ENDINGS):
        return False
    ending = max((e for e in _CLINICAL_ENDINGS + LONGER_ENDINGS if word.endswith(e)), key=len)
    if name_onto_ending(word[: len(word) - len(ending)]):
        return False  # "张伟手术": a name written onto the ending (deid_cjk_name_stems, s54)
    if word.endswith(("がん", "ガン")):
        word = word[:-2]  # the ending itself is kana
    return not any(c in _SENTENCE_CHARACTERS for c in word)


# Round 21 (precision): the field labels of Japanese and Chinese clinical letters and forms
# ("傷病名：", "処方：", "検査：", "既往歴："): before their colon they name the field, never a
# person (the value after one is read as any run is).
_FIELD_LABELS = frozenset(
    {
        "傷病名", "病名", "診断名", "診断", "诊断", "処方", "处方", "検査", "检查", "既往歴",
        "既往史", "現病歴", "现病史", "主訴", "主诉", "紹介目的", "経過", "所見", "治療", "治疗",
        "内服薬", "薬剤", "家族歴", "家族史", "生活歴", "アレルギー", "過敏史", "备注", "備考",
        "症状", "方針",
        # Session 42: the Korean labels of the same fields (diagnosis, prescription, tests,
        # past history, present illness, medication, allergy, plan).
        "진단", "진단명", "처방", "검사", "과거력", "현병력", "약물", "복용약", "알레르기",
        "계획",
    }
)  # fmt: skip
_LABEL_COLON = re.compile(r"[ \t]*[：:]")


def field_label(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a listed field label before its colon."""
    return text[start:end] in _FIELD_LABELS and _LABEL_COLON.match(text, end) is not None


def katakana_medicine(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` lies inside a medicine in katakana with its dose (see
    _KATAKANA_DOSE): the medicine's name, or the tablets and doses a day after it ("錠 分")."""
    line_start = text.rfind("\n", max(0, start - 60), start) + 1
    for match in _KATAKANA_DOSE.finditer(text, max(line_start, start - 60), end + 12):
        if match.start() <= start and end <= match.end():
            return katakana_medicine_word(match.group("word"))
    return False


def _one_syllable_before(run: str, words: list[tuple[int, int]]) -> bool:
    """Whether the word before ``run``'s last word is one Hangul syllable (a surname)."""
    start, end = words[-2]
    return end - start == 1 and _HANGUL.fullmatch(run[start:end]) is not None


def without_clinical_words(run: str) -> tuple[int, int]:
    """The part of ``run`` (offsets) left once its clinical words at either end are taken off
    (also read for the names in these scripts that deid_cued_names finds)."""
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", run)]
    while words and _clinical_word(run[words[-1][0] : words[-1][1]]):
        if len(words) > 1 and _one_syllable_before(run, words):
            break  # "김 천식": a surname written apart from its given name, which stays with it
        words.pop()
    while words and _clinical_word(run[words[0][0] : words[0][1]]):
        words.pop(0)
    if not words:
        return 0, 0
    return words[0][0], words[-1][1]


# Session 40: a word of the patient's language glossed in English beside it ("고혈압
# (hypertension)", "headache (두통)", "одышка (breathlessness)"): a record translates a symptom,
# a diagnosis or a medicine so, and a name or a place is glossed by a capitalised spelling
# ("김민준 (Kim Min-jun)") or a word of people or places ("김서연 (daughter)", "(home town)").
# The gloss is one to four lower-case English words; none of people, places or naming.
_GLOSS_AFTER = re.compile(r"[ \t]*\(([a-z][a-z' -]{2,60})\)")
_GLOSS_BEFORE = re.compile(r"(?<![\w'-])((?:[a-z][a-z'-]*[ \t]){0,3}[a-z][a-z'-]{3,})[ \t]*\(\Z")
_NOT_GLOSS = (
    RELATIONS
    | ROLES
    | TITLES
    | FACILITY_HEADS
    | STREET_WORDS
    | REGIONS
    | frozenset(
        {
            "name", "names", "named", "surname", "nickname", "alias", "called", "known", "aka",
            "patient", "patients", "person", "client", "resident", "home", "house", "address",
            "city", "town", "village", "province", "district", "region", "country", "capital",
            "prefecture", "hometown", "born", "lives", "living", "from", "spelled", "spelt",
            "written", "signed", "signature", "company", "employer", "school", "work", "church",
            "temple", "mosque", "restaurant", "shop", "friend", "friends", "neighbour", "neighbor",
            # A person's state or place in a family ("김민준 (deceased)", "(elder twin)").
            "deceased", "late", "elder", "older", "younger", "eldest", "youngest", "twin",
            "twins", "aged", "age", "kin", "contact", "baby", "infant", "child", "children",
            # Who said it, not what it means ("田中さんは肺炎 (reported by family)").
            "family", "by", "per", "reported", "said", "says", "told", "according",
        }
    )
)  # fmt: skip


# Words of a sentence around a gloss, not read as part of it ("and cough (咳嗽)").
_JOINING = frozenset({"and", "or", "of", "with", "the", "a", "an", "no", "in", "on", "for"})


def _gloss(words: str) -> bool:
    lex = lexicon()
    parts = [p.strip("'") for p in words.split() if p not in _JOINING]
    return (
        0 < len(parts) <= 4
        and any(len(p) >= 4 for p in parts)
        and all(lex.known(p) and p not in _NOT_GLOSS for p in parts)
    )


def glossed(text: str, start: int, end: int) -> bool:
    """Whether the run ``text[start:end]`` is glossed in English as a word of medicine (see
    _GLOSS_AFTER): its gloss in brackets after it, or it in brackets after its gloss.

    Session 54: only a run that opens in lower case, in a script with capitals ("одышка
    (breathlessness)"). A ward list writes a diagnosis after a patient's name just as a
    translation glosses a word ("ياسر (pneumonia)", "김천식 (asthma)"), and in a script without
    capitals nothing else tells them apart."""
    if not text[start : start + 1].islower():
        return False
    after = _GLOSS_AFTER.match(text, end)
    if after is not None and _gloss(after.group(1)):
        return True
    if text[start - 1 : start] != "(" or text[end : end + 1] != ")":
        return False
    before = _GLOSS_BEFORE.search(text, max(0, start - 70), start)
    return before is not None and _gloss(before.group(1))


def _kind(run: str) -> str:
    if any(c.isdigit() for c in run):
        return "street_address"
    if run.endswith(_PLACE_ENDINGS):
        return "city"
    if len(run.split()) <= 3:
        return "name"  # a name in the patient's script: "김민준", "佐藤 春樹"
    return "location"


def _without_stray_numbers(run: str) -> str:
    """A number after a space belongs to an address ("… 2单元 501") only if the run already holds
    a house number; otherwise it is the text's own ("김민준 3 days ago")."""
    while (trailing := _TRAILING_NUMBER.search(run)) and not any(
        c.isdigit() for c in run[: trailing.start()]
    ):
        run = run[: trailing.start()]
    return run


def script_candidates(text: str) -> Iterator[Redaction]:
    """East-Asian dates, then every run of non-Latin letters outside them."""
    blanked = text
    for match in skipped_finditer(EAST_ASIAN_DATE, text):
        start, end = match.span()
        yield Redaction("date", start, end, match.group(), label("date"))
        blanked = blanked[:start] + " " * (end - start) + blanked[end:]
    for match in _KATAKANA_DOSE.finditer(blanked):
        if not katakana_medicine_word(match.group("word")):
            continue
        start, end = match.span()
        blanked = blanked[:start] + " " * (end - start) + blanked[end:]
    for match in _SCRIPT_PUNCTUATION.finditer(blanked):
        blanked = blanked[: match.start()] + " " + blanked[match.end() :]
    for match in _RUN.finditer(blanked):
        whole = match.group()
        run = _without_stray_numbers(whole)
        start = match.start()
        first, last = without_clinical_words(run)
        if first == last:
            continue
        if (first, last) != (0, len(run)):
            start, run = start + first, run[first:last]
            whole = run
        if field_label(text, start, start + len(run)):
            continue
        pieces = removed_pieces(text, start, start + len(run))
        if pieces is not None:  # words of medicine kept one by one (deid_script_words, s53)
            for piece_start, piece_end in pieces:
                yield from _run_redactions(text, piece_start, text[piece_start:piece_end], "")
            continue
        yield from _run_redactions(text, start, run, whole)


def _run_redactions(text: str, start: int, run: str, whole: str) -> Iterator[Redaction]:
    """The redaction of one run of these letters (and the postcode after a city in ``whole``)."""
    kind = _kind(run)
    if kind == "name" and glossed(text, start, start + len(run)):
        return
    yield Redaction(kind, start, start + len(run), run, label(kind))
    postcode = _POSTCODE.match(whole, len(run))
    if kind == "city" and postcode:  # "成都市 610041": the city's postcode after it
        code_start, code_end = start + postcode.start(1), start + postcode.end(1)
        code = text[code_start:code_end]
        yield Redaction("zip_code", code_start, code_end, code, label("zip_code"))
