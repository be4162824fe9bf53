"""Words of medicine in scripts without capitals, kept word by word (session 53, issue 16).

deid_scripts removes a run of Arabic, Hebrew, Indic, Thai, Chinese, Japanese or Korean letters
whole: in an English record such a run is almost always a name, a place or an address. Records
written in those languages carry their diagnoses, symptoms, tests and medicines in the same
letters, and no capital tells a name from a word there.

Session 52 (deid52c, not merged) kept a whole run once a head word opened it; a name after the
head word went with it ("ألم في الصدر منذ يومين أحمد الخطيب" kept Ahmed Al-Khatib). Here each
word of a run needs evidence about ITSELF, and a word without it is removed as before:

* it is a listed word of medicine (:data:`_NOUNS`: disease, symptom, organ, test, treatment,
  unit), with Arabic and Hebrew prefixes ("و", "ب", "ال"; "ו", "ה", "ב") taken off;
* it is a listed joining word (:data:`_JOINERS`: "in", "since", "with", "days", "type", "left")
  next to a word kept on its own evidence, so a joining word alone keeps nothing;
* a medicine's international ending closes THAT word ("ميتفورمين", "ביסופרולול");
* a Thai word is read whole into listed words (Thai writes no space between words), and a
  Chinese or Japanese word ends with an ending of medicine and holds no character of a sentence.

What stands after a word is no evidence about it (review53b, session 54): a dose follows a
name as often as a medicine ("إبراهيم 500 ملغ"), a generic in brackets follows a name on a ward
list as it follows a brand ("إبراهيم (ميتفورمين) 500 ملغ", "אליקוויס (אפיקסבן) 5 מ"ג" keeps
only the generic), and an English diagnosis in brackets follows a name ("ياسر (pneumonia)").

A run holding a word of people or places (a hospital, a street, a title, a relation, a Hindi
postposition after a name) keeps nothing: such a run is an address or a person's line.

The word lists are common nouns of medicine in each script, compiled by hand for MedLocal from
general medical vocabulary (no source text copied; same licence as MedLocal). None is a
personal name as far as the compiler knows: words that are also names ("أيمن" right, "أمل"
hope, "חיים" life, "गिल", "आशा" hope, "किरण") are left out, so such a word is removed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from medlocal.privacy.deid_cjk_name_stems import (
    COMPOUND_SURNAMES,
    medical_characters,
    name_onto_medicine,
)
from medlocal.privacy.deid_people_words import ROLES, TITLES

# Units in the note's own script: a number before one is a dose, kept beside a kept word.
_SCRIPT_UNITS = (
    "ملغ", "ملجم", "مجم", "مغ", "ملغم", "وحدة", "وحدات", "مل", 'מ"ג', "מ״ג", "מג", "יחידות",
    "מ\"ל", "मि.ग्रा", "मिग्रा", "ग्राम", "यूनिट", "মি.গ্রা", "মিগ্রা", "மி.கி", "มก.", "มก",
    "มิลลิกรัม", "ยูนิต", "毫克", "毫升", "微克", "单位", "單位", "밀리그램",
)  # fmt: skip

_NOUNS = frozenset(
    {
        # Arabic: diseases, symptoms, organs, tests, treatments, medicines (without the article;
        # "ال" and a joined "و"/"ب"/"ل" are taken off before a word is looked up).
        "داء", "مرض", "أمراض", "التهاب", "متلازمة", "قصور", "فشل", "اعتلال", "ارتفاع",
        "انخفاض", "فقر", "سرطان", "ورم", "أورام", "ألم", "آلام", "ضيق", "احتشاء", "جلطة",
        "نزيف", "كسر", "قرحة", "حمى", "سعال", "صداع", "إسهال", "إمساك", "غثيان", "قيء", "تعرق",
        "دوخة", "ربو", "سكري", "سكرية", "فحص", "فحوصات", "تحليل", "تحاليل", "صورة", "أشعة",
        "تخطيط", "زرع", "زراعة", "قسطرة", "جراحة", "عملية", "استئصال", "غسيل", "ناسور",
        "هيموغلوبين", "هيموجلوبين", "كرياتينين", "كوليسترول", "تروبونين", "بروتين", "تشبع",
        "ارتشاح", "محلول", "كبريتات", "بيكربونات", "أنسولين", "إنسولين", "أسبرين",
        "باراسيتامول", "تقرح", "فرط", "نقص", "عدوى", "تليف", "تضخم", "انسداد", "ذبحة",
        "رجفان", "خناق", "حساسية", "طفح", "وذمة", "استسقاء", "يرقان", "سل", "ملاريا",
        "إنفلونزا", "لقاح", "مضاد", "مضادات", "أموكسيسيلين", "هيبارين", "وارفارين",
        "سالبيوتامول", "ليفوثيروكسين", "فوروسيميد", "إريثروبويتين", "ميتفورمين", "صدر",
        "تنفس", "قلب", "قلبية", "قلبي", "دم", "دموي", "كلى", "كلية", "كلوي", "كبد", "كبدي",
        "رئة", "رئتين", "رئوي", "رئوية", "معدة", "أمعاء", "مثانة", "بول", "بولية", "أعصاب",
        "عصبي", "عصبية", "عضلة", "عضلات", "عظام", "مفاصل", "مفصل", "غدة", "درقية", "جلد",
        "دماغ", "دماغية", "شريان", "شرايين", "شرياني", "وريد", "وريدي", "أوعية", "ضغط",
        "حديد", "حديدوز", "عوز", "بوتاسيوم", "صوديوم", "كالسيوم", "أكسجين", "سكر", "جلوكوز",
        "هرمون", "فيتامين", "حيوي", "حيوية", "أقراص", "حبوب", "حقن", "حقنة", "جرعة",
        "جرعات", "دواء", "أدوية", "علاج", "تشخيص", "أعراض", "عرض", "شكوى", "موجات", "رنين",
        "مقطعية", "منظار", "خزعة", "تخثر", "صفائح", "كريات", "بيضاء",
        "ارتجاع", "حرقة", "وهن", "إرهاق", "تورم", "خفقان", "إغماء", "تشنج", "تشنجات", "صرع",
        "شلل", "سكتة", "خرف", "اكتئاب", "قلق", "أرق", "بدانة", "سمنة", "نقرس", "روماتيزم",
        "تصلب", "ضمور", "تسمم", "جفاف", "صفراء", "مرارة", "حصوات", "حصى", "فتق", "بواسير",
        "ملحي", "ملح", "عين", "شبكية", "ساد", "زرق", "التهابات", "مزمن", "مزمنة", "حاد",
        "حادة", "ثانوي", "تفاعلي", "تفاعلية",
        # Hebrew (a joined "ו", "ה", "ב", "ל", "מ", "ש", "כ" is taken off before a lookup).
        "דלקת", "מחלת", "מחלה", "סרטן", "תסמונת", "כאב", "כאבי", "כאבים", "יתר", "תת",
        "סוכרת", "פרפור", "שבר", "אוטם", "שבץ", "דמנציה", "דיכאון", "חרדה", "התקפי", "התקף",
        "מחשבות", "טיפול", "ניתוח", "כריתת", "כריתה", "צנתור", "אקו", "תרבית", "בדיקת",
        "בדיקה", "צילום", "הולטר", "היפרטרופיה", "גרורות", "כימותרפיה", "חמצן", "בלבול",
        "אוסטאופורוזיס", "ספיקת", "ספיקה", "קוצר", "נשימה", "חום", "שיעול", "בחילה", "הקאה",
        "הקאות", "שלשול", "עצירות", "אנמיה", "אסתמה", "אינסולין", "זיהום", "מוטציה", "סטומה",
        "דיאליזה", "השתלת", "תרופה", "תרופות", "אלרגיה", "פריחה", "בצקת", "היצרות", "חסימת",
        "פקקת", "תעוקת", "ריאות", "ריאה", "דם", "לחץ", "פרוזדורים", "חדר", "מקטע", "פליטה",
        "מעי", "מעיים", "כליות", "כליה", "כבד", "קיבה", "עור", "עצם", "עצמות", "ירך", "צוואר",
        "בלוטת", "תריס", "פעילות", "משקל", "פאניקה", "התנהגותי", "קוגניטיבי", "אובדניות",
        "מוכללת", "מיטרלית", "לפרוסקופית", "סוכר", "כולסטרול", "המוגלובין", "קרדיולוגיה",
        "אנטיביוטיקה", "כדורים", "זריקה", "מינון",
        # Devanagari (Hindi, Marathi).
        "रोग", "ज्वर", "बुखार", "दर्द", "सूजन", "खांसी", "खाँसी", "पसीना", "पसीने", "मधुमेह",
        "रक्तचाप", "क्षयरोग", "कैंसर", "संक्रमण", "जांच", "जाँच", "परीक्षण", "गर्भावस्था",
        "हीमोग्लोबिन", "इंसुलिन", "इन्सुलिन", "सोनोग्राफी", "ईसीजी", "इकोकार्डियोग्राफी",
        "ब्लॉक", "फूलना", "एचआईवी", "टीबी", "दमा", "पीलिया", "अस्थमा", "गर्भधारणा",
        "गर्भावस्थेतील", "प्रथिने", "डॉपलर", "परिपक्वता", "रक्तदाब", "लघवी", "लघवीत", "उपचार",
        "शस्त्रक्रिया", "ऑपरेशन", "एक्स-रे", "रक्ताल्पता", "दौरा", "लकवा", "उल्टी", "दस्त",
        "चक्कर", "सांस", "श्वास", "फुफ्फुसीय", "फुफ्फुसाची", "प्री-एक्लॅम्पसिया", "सीने",
        "छाती", "पैरों", "पैर", "हृदय", "दिल", "गुर्दे", "किडनी", "यकृत", "पेट",
        "बलगम", "वजन", "रक्त", "खून", "गर्भाची", "गर्भ", "दवा", "दवाई", "गोली", "इंजेक्शन",
        "बंडल", "ब्रांच", "गति", "रुकना",
        # Bengali.
        "জ্বর", "রোগ", "ডায়াবেটিস", "রক্তচাপ", "প্লাটিলেট", "জন্ডিস", "স্যালাইন", "তরল",
        "ব্যথা", "কাশি", "সংক্রমণ", "পরীক্ষা", "ক্যান্সার", "যক্ষ্মা", "হাঁপানি", "ইনসুলিন",
        "ডেঙ্গু", "রক্ত", "শিরায়", "ওষুধ", "বুক", "হৃদরোগ",
        # Tamil.
        "நோய்", "நீரிழிவு", "அழுத்தம்", "பாதிப்பு", "பரிசோதனை", "காய்ச்சல்", "வலி",
        "இருமல்", "புற்றுநோய்", "சிகிச்சை", "இன்சுலின்", "இரத்த", "சிறுநீரக", "விழித்திரை",
        "கண்", "மருந்து",
    }
)  # fmt: skip
# Listed words that are also names, kept only with a prefix a name never takes ("البول" urine,
# "بول" Paul; "الحديد" iron, "حديد" Hadid; "صدر" Sadr; "الرنين" resonance, "رنين" Raneen;
# review53b).
_BARE_NAMES = frozenset({"بول", "حديد", "صدر", "رنين", "سكر"})
# Session 54: "سكر" (sugar; Sukkar, a surname, "حمى سكر") bare only before what it measures
# ("سكر الدم" blood sugar, "سكر صائم" fasting sugar).
_BARE_NAMES_BEFORE = {
    "سكر": frozenset({"الدم", "دم", "صائم", "الصائم", "عشوائي", "العشوائي", "تراكمي", "التراكمي"})
}
# Words of medicine that, with the article, are places or family names (review54b: "العين" Al
# Ain, "الدار البيضاء" Casablanca, "مقتدى الصدر" al-Sadr, "أحمد السكري" al-Sukkari, "الحديد"
# al-Hadid): with the article they are kept only after a word kept on its own evidence, joining
# words between ("ألم في الصدر", "مرض السكري", "نقص الحديد", "كريات بيضاء" needs no article).
_ARTICLE_NAMES = frozenset({"عين", "بيضاء", "صدر", "سكري", "حديد"})
_ARTICLES = ("وال", "بال", "فال", "كال", "ال")
# Words of medicine that are also given names (review54b: "हृदय" Hriday, heart; "गति" Gati,
# rate; Thai "น้ำตาล" Namtan, sugar): "हृदय" is kept only before a word kept on its own evidence
# (past a postposition: "हृदय का दौरा"), "गति" only after what it measures, and the Thai word only
# joined to another word of medicine ("น้ำตาลในเลือด"), never as a word of its own.
_NAMES_BEFORE_MEDICINE = frozenset({"हृदय"})
_POSTPOSITIONS = frozenset({"का", "की", "के", "में"})
_NAMES_AFTER = {"गति": frozenset({"हृदय", "नाड़ी", "श्वसन", "श्वास"})}
_THAI_NAMES = frozenset({"น้ำตาล"})
# Joining words that are also given names, kept only after the word they complete ("אי ספיקת
# לב" heart failure, "לב" Lev; review53b).
_BOUND_JOINERS = {
    "לב": frozenset(
        {
            "ספיקת", "מחלת", "אוטם", "התקף", "כשל", "דום", "קצב", "מסתם", "מסתמי", "שריר",
            "צנתור", "ניתוח", "מום", "מומי", "אקו", "פעימות", "דפיקות", "הפרעות", "חדר",
        }
    )
}  # fmt: skip
# Words that join words of medicine ("in", "of", "with", "since", "type", "second", "high",
# "left", "day"): kept only next to a kept word, so they keep nothing alone.
_JOINERS = frozenset(
    {
        "في", "من", "مع", "منذ", "على", "عند", "إلى", "أو", "بعد", "قبل", "ثم", "لا", "يوجد",
        "عن", "نوع", "النوع", "الثاني", "الأول", "أول", "ثاني", "السفلي", "العلوي", "الأيمن",
        "الأيسر", "سفلي", "علوي", "يوميا", "مرتين", "مرة", "ساعة", "ساعتين", "ساعات", "يوم",
        "يومين", "أيام", "أسبوع", "أسبوعين", "أسابيع", "شهر", "شهرين", "أشهر", "سنة", "سنوات",
        "مرتفع", "مرتفعة", "منخفض", "طبيعي", "طبيعية", "شديد", "شديدة", "خفيف", "متوسط",
        "الضار", "النافع", "الطرفية", "طرفية", "قاع", "سي", "وريدي", "فموي",
        "الحاجة", "الفص", "فص", "سلبي", "إيجابي",
        "של", "עם", "עד", "על", "אי", "לא", "ללא", "גבוה", "נמוך", "בינונית", "קבוע", "חריף",
        "כרוני", "שמאלי", "ימני", "השמאלי", "הימני", "פעמיים", "ביום", "יום", "ימים", "שבוע",
        "חודש", "לב", "הגס", "הדק", "מז'ורי", "אבחנתי", "סוג",
        "में", "से", "का", "की", "के", "और", "या", "उच्च", "निम्न", "दिन", "दिनों", "सप्ताह",
        "महीने", "रात", "बायां", "दायां", "तीव्र", "पुराना", "घटना", "वाढ", "दाब", "च्या",
        "আর", "ও", "উচ্চ", "দিন", "ওরাল",
        "உயர்", "மற்றும்", "நாள்",
    }
)  # fmt: skip
# Words of giving or starting a medicine ("إضافة إمباغليفلوزين": adding empagliflozin): kept
# beside a kept word, as a joining word is.
_GIVING = frozenset(
    {
        "إضافة", "بدء", "إعطاء", "وصف", "زيادة", "تقليل", "إيقاف", "أعطي", "مع", "ثم",
        "מתן", "הוספת", "התחלת", "הפסקת", "העלאת", "קיבל", "קיבלה",
        "दिया", "दी", "शुरू", "শুরু", "ให้", "ได้รับ", "เริ่ม", "หยุด",
    }
)  # fmt: skip
# Thai words of medicine; a Thai word (Thai writes none apart) is kept when it reads whole
# into these and the joining words below ("ปวดศีรษะ" = ปวด + ศีรษะ).
_THAI_WORDS = frozenset(
    {
        "โรค", "ภาวะ", "อาการ", "ไข้", "ปวด", "ผื่น", "ปอด", "หัวใจ", "เบาหวาน", "ความดัน",
        "โลหิต", "เกล็ดเลือด", "ฮีมาโตคริต", "สารน้ำ", "กายภาพ", "บำบัด", "อรรถบำบัด",
        "ใส่ท่อ", "ช่วยหายใจ", "หายใจ", "ผ่าตัด", "ตรวจ", "มะเร็ง", "ติดเชื้อ", "เชื้อ",
        "อ่อนแรง", "พูดไม่ชัด", "หลอดเลือด", "เลือด", "ดำ", "แดง", "ยา", "ละลาย", "ลิ่ม",
        "ต้าน", "ลด", "ออก", "ไอ", "เรื้อรัง", "หอบ", "เจ็บ", "หน้าอก", "ท้องเสีย", "คลื่นไส้",
        "อาเจียน", "วัณโรค", "ไตวาย", "ตับ", "อักเสบ", "แข็ง", "แผล", "เอกซเรย์", "ฟอกไต",
        "ฉีด", "วัคซีน", "ศีรษะ", "กล้ามเนื้อ", "สมอง", "ตีบ", "แตก", "อุดตัน", "ครึ่งซีก",
        "เฉียบพลัน", "กระแส", "ใน", "ทาง", "สูง", "ต่ำ", "ขวา", "ซ้าย", "และ", "ไม่มี",
        "ได้รับ", "ให้", "เริ่ม", "หยุด", "มี", "งด", "ใช้", "พบ", "สงสัย",
        "ไขมัน", "น้ำตาล", "ปัสสาวะ", "ท้อง", "ท้องผูก", "เวียน", "หัว", "บวม", "ชัก",
    }
)  # fmt: skip
# Thai colours that are also nicknames ("แดง" Daeng, "ดำ" Dam): read only after what they colour
# ("หลอดเลือดดำ" vein, "ผื่นแดง" red rash), never after a symptom ("ไข้แดง"; review53b).
_THAI_BOUND = {"แดง": frozenset({"เลือด", "ผื่น"}), "ดำ": frozenset({"เลือด"})}
# The endings of medicines' international names written in these scripts (-mycin, -cillin,
# -pril, -sartan, -olol, -statin, -prazole, -oxacin, -dipine, -formin, -semide, -parin, -profen,
# -olone, -terol): a word's own spelling says it is a medicine, with no dose needed. Only
# endings of three letters or more (two Hangul syllables), on a word longer than a name's usual
# length (:data:`_SHORTEST_MEDICINE`), are read.
_MEDICINE_ENDINGS = (
    # Arabic.
    "مايسين", "ميسين", "سيلين", "سيكلين", "بريل", "سارتان", "ولول", "ستاتين", "برازول",
    "كساسين", "ديبين", "فورمين", "سيميد", "بارين", "بروفين", "يزولون", "يزولين",
    "زابان", "فلوزين", "قريل", "غريل", "جريل", "ازيد",  # -xaban, -gliflozin, -grel, -azide
    # Hebrew.
    "מיצין", "ציקלין", "צילין", "פריל", "סרטן", "ולול", "סטטין", "פרזול", "קסצין", "דיפין",
    "פורמין", "סמיד", "פרין", "פרופן", "זולון", "טרול", "זפאם",
    "קסבן", "פלוזין", "גרל",
    # Devanagari.
    "माइसिन", "मायसिन", "सिलिन", "साइक्लिन", "प्रिल", "सार्टन", "ओलोल", "स्टेटिन", "स्टैटिन",
    "प्राज़ोल", "प्राजोल", "क्सासिन", "डिपिन", "डिपीन", "फॉर्मिन", "फोर्मिन", "सेमाइड",
    "नामाइड", "याज़िड", "याजिड", "म्पिसिन", "डॉक्सिन", "ब्यूटोल", "थासोन", "सोलोन", "प्रोफेन",
    "सिटामोल", "पिरिन", "लॉल", "फ्लोज़िन", "फ्लोजिन", "ग्रेल",
    # Bengali.
    "মাইসিন", "সিলিন", "ফরমিন", "ফর্মিন", "পিরিন", "সিটামল", "প্রোফেন", "স্টাটিন",
    # Tamil.
    "ஃபார்மின்", "சார்டன்", "பிரைடு", "மைசின்", "சிலின்", "ஸ்டாடின்",
    # Thai.
    "ไมซิน", "ซิลลิน", "ฟอร์มิน", "ดิปีน", "แตติน", "สแตติน", "ฟาริน", "โดเกรล", "พีเนม",
    "เนฟริน", "ไพริน", "โพรเฟน", "ตามอล", "พราโซล", "ซาร์แทน", "โลล",
    # Chinese (-floxacin, -olol, -dipine, -statin, -pril, -sartan, -mycin, -cillin, -prazole,
    # biguanide, insulin, -tinib, -mab, -vir) and katakana.
    "沙星", "洛尔", "地平", "他汀", "伐他汀", "普利", "沙坦", "霉素", "西林", "拉唑", "双胍",
    "雙胍", "岛素", "島素", "替尼", "单抗", "單抗", "韦", "韋", "沙班", "格列净", "マイシン",
    "シリン",
    "プリル", "サルタン", "スタチン", "プラゾール", "フロキサシン", "ジピン", "ホルミン",
    "セミド", "パリン", "プロフェン", "ゼパム", "ゾラム", "ロール",
    # Session 54: katakana -prazan, -xaban, -gliflozin, -grel, -tinib, -mab, -bactam, -zolone,
    # -cycline, -penem, -farin, -pezil.
    "プラザン", "キサバン", "グリフロジン", "グレル", "チニブ", "マブ", "バクタム", "ゾロン",
    "サイクリン", "ペネム", "ファリン", "ペジル",
    # Hangul.
    "마이신", "실린", "스타틴", "프릴", "사르탄", "올롤", "프라졸", "플록사신", "디핀", "포르민",
    "솔론", "테롤", "소니드", "트로피움", "세미드", "파린", "프로펜", "타몰",
)  # fmt: skip
# A name in these scripts is seldom longer: Hangul names have two to four syllables, the others
# are measured in letters (a transliterated medicine is long: "ביסופרולול", "เมทฟอร์มิน").
_SHORTEST_MEDICINE = {"hangul": 4, "cjk": 4}
_SHORTEST_MEDICINE_LETTERS = 6
# Letters before the ending, in the alphabetic scripts: a medicine's stem is long ("أموكسي-سيلين",
# "ביסופר-ולול"), a name with a medicine's ending has a short one ("جو-سيلين" Jocelyn, "קו-פרין"
# Kuprin; review53b). A sartan's stem is short ("לו-סרטן" losartan, "وال-سارتان") and no name
# known to the reviewer ends so.
_SHORTEST_STEM = 3
_SHORT_STEM_ENDINGS = frozenset({"سارتان", "סרטן", "सार्टन", "ซาร์แทน", "சார்டன்"})
# Katakana writes foreign names as it writes foreign medicines: "-olol" is written as Carol and
# Errol are ("キャ-ロール", "エ-ロール"), so it needs the stem of a medicine ("アテノ-ロール",
# "ビソプロ-ロール"; session 54).
_KATAKANA = re.compile("[\u30a1-\u30fa\u30fc]+")
_KATAKANA_LONG_STEM = {"ロール": 3}
# Chinese and Japanese endings of medicine beyond deid_scripts' own (varices, ascites,
# ultrasound, endoscopes, a protein, a stent, a catheter, a disease, an operation, a joint).
_CJK_ENDINGS = (
    "曲张", "曲張", "腹水", "胸水", "超声", "超音波", "胃镜", "胃鏡", "肠镜", "腸鏡", "蛋白",
    "支架", "導管", "导管", "疾病", "疾患", "置換術", "置换术", "手術", "術", "术", "関節",
    "关节", "關節", "制限", "受限", "狭小化", "分率", "顫動", "占位", "水肿",
)  # fmt: skip
# Characters of the body and of disease that open a term of medicine: what stands before an
# ending of _CJK_ENDINGS opens with one ("心脏支架", "肝硬化腹水", "人工膝関節全置換術"), a
# name there opens with a surname ("陈明胃镜", "王芳关节置换术", "佐藤関節"; review53b).
# Characters that open surnames are left out (关, 白, 水, 宮, 前, 皮, 巴).
_CJK_BODY = frozenset(
    "心脏臟肝胆膽脾肺肾腎胃肠腸脑腦骨血尿胸腹颈頸膝髋髖肩肘腕踝脊椎腰节節脉脈静靜食眼耳鼻喉口"
    "肤膚齿齒牙舌甲状狀腺乳卵巢睾膀胱囊瘤癌炎硬积積液肿腫梗栓狭狹窄淋颅顱左右双雙冠主房室胎人"
)
# Characters of a sentence or of a person rather than a word of medicine.
_CJK_SENTENCE = frozenset(
    "はがをにでとのへもやかよねた的是在因为為了和与與及患者医师醫師先生様さん女士"
)
# Words of people and places: a run holding one keeps nothing.
_PEOPLE_AND_PLACES = frozenset(
    {
        "مستشفى", "مستوصف", "عيادة", "مركز", "مدينة", "شارع", "حي", "د", "الدكتور", "دكتور",
        "السيد", "السيدة", "ابن", "ابنة", "بن", "بنت", "زوج", "زوجة", "والد", "والدة", "أخ",
        "أخت", "لدى", "المريض", "المريضة", "مريض", "مريضة", "مشفى", "معهد", "مجمع", "مختبر",
        "مختبرات", "صيدلية", "جامعة", "مؤسسة", "مستشفيات", "طريق", "جادة", "ساحة",
        "בית", "מרכז", "רחוב", "מר", "גב", "בן", "בת", "אח", "אחות", "רופא", "רופאה", "אצל",
        "ד\"ר", "המטופל", "מטופל", "מטופלת", "מכון", "מרפאת", "מרפאה", "בי\"ח", "קופת",
        "שדרות", "שד'", "רח'", "בי״ח", "ד״ר",
        "अस्पताल", "केंद्र", "डॉ", "श्री", "श्रीमती", "गांव", "नगर", "मार्ग", "पति", "पत्नी",
        "बेटा", "बेटी", "হাসপাতাল", "ডা", "রোড", "को", "ने", "जी", "कुमारी", "सुश्री", "ला",
        "कडे", "কে", "সাহেব", "மருத்துவமனை", "मरीज", "रोगी", "संस्थान", "हॉस्पिटल",
        "चिकित्सालय", "क्लिनिक", "मेडिकल", "कॉलेज", "रोड", "सड़क", "হসপিটাল", "ক্লিনিক",
        "মেডিকেল", "কলেজ", "চিকিৎসালয়", "ஆஸ்பத்திரி", "கிளினிக்", "சாலை",
    }
)  # fmt: skip
_THAI_PEOPLE_AND_PLACES = (
    "โรงพยาบาล", "คลินิก", "นาย", "นาง", "นพ", "พญ", "ที่", "ถนน", "ซอย", "จังหวัด", "อำเภอ",
    "ตำบล", "บ้าน", "ญาติ", "ภรรยา", "สามี", "ลูก", "โทร", "แพทย์", "ดร", "หลาน", "ผู้ป่วย",
    "รพ", "ร.พ", "สถาบัน", "ศูนย์",
)  # fmt: skip
# "ف" (so) is taken off only with the article: alone it opens names ("فداء" Fidaa, not "ف" +
# "داء" disease; review53b).
_ARABIC_PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ب", "ل", "ك")
_HEBREW_PREFIXES = ("וה", "וב", "ול", "ומ", "שה", "בה", "מה", "ו", "ה", "ב", "ל", "מ", "ש", "כ")
_WORD = re.compile(r"\S+")
_BEFORE_RUN = re.compile(r"(\S*)([ \t]*)\Z")
_TRAILING_MARKS = re.compile(r"[^\w]+\Z")
# Latin words before a run that make it a person's name: a title, a role, a name field ("Dr سكر",
# "Patient: بول سميث"; review53b).
_LATIN_PEOPLE = TITLES | ROLES | frozenset({"name", "names", "patient", "pt", "surname", "called"})


def _script(word: str) -> str:
    first = ord(word[0])
    if 0x0600 <= first <= 0x08FF or 0xFB50 <= first <= 0xFEFC:
        return "arabic"
    if 0x0590 <= first <= 0x05FF:
        return "hebrew"
    if 0x0900 <= first <= 0x0DFF:
        return "indic"
    if 0x0E00 <= first <= 0x0E7F:
        return "thai"
    if 0x3040 <= first <= 0x30FF or 0x3400 <= first <= 0x9FFF or 0xF900 <= first <= 0xFAFF:
        return "cjk"
    if 0xAC00 <= first <= 0xD7AF:
        return "hangul"
    return "other"


def _forms(word: str) -> list[str]:
    """``word`` and, in Arabic and Hebrew, the word without each prefix it may carry."""
    forms = [word]
    prefixes = {"arabic": _ARABIC_PREFIXES, "hebrew": _HEBREW_PREFIXES}.get(_script(word), ())
    forms += [word[len(p) :] for p in prefixes if word.startswith(p) and len(word) - len(p) >= 2]
    return forms


def _in(word: str, words: frozenset[str]) -> bool:
    return any(form in words for form in _forms(word))


def _listed(word: str) -> bool:
    """Whether ``word`` is a listed word of medicine (a name-too word only with its prefix)."""
    return any(form in _NOUNS and form not in _BARE_NAMES for form in _forms(word)) or any(
        form in _BARE_NAMES for form in _forms(word)[1:]
    )


def _joins(words: Sequence[str], i: int) -> bool:
    """Whether ``words[i]`` is a joining word where it stands (see _BOUND_JOINERS)."""
    word = words[i]
    bound = next((_BOUND_JOINERS[f] for f in _forms(word) if f in _BOUND_JOINERS), None)
    if bound is None:
        return _in(word, _JOINERS)
    return i > 0 and _in(words[i - 1], bound)


@lru_cache(maxsize=4096)
def _thai_reads(word: str) -> bool:
    """Whether a Thai ``word`` reads whole into listed words, a colour only right after what it
    colours (see _THAI_BOUND)."""
    # ends[i]: the listed pieces that can end a reading of word[:i]
    ends: list[set[str]] = [{""}] + [set() for _ in word]
    for end in range(1, len(word) + 1):
        for start in range(end):
            piece = word[start:end]
            if not ends[start] or piece not in _THAI_WORDS:
                continue
            bound = _THAI_BOUND.get(piece)
            if bound is None or any(p.endswith(tuple(bound)) for p in ends[start]):
                ends[end].add(piece)
    return bool(ends[-1])


def _cjk_medicine_word(word: str) -> bool:
    ending = next((e for e in _CJK_ENDINGS if word.endswith(e)), None)
    if ending is None or not 2 <= len(word) <= 16 or any(c in _CJK_SENTENCE for c in word):
        return False
    stem = word[: len(word) - len(ending)]
    # Session 54: and a character of medicine after that one ("心脏支架", "冠脉支架"): 房, 左, 甲,
    # 冠 and 主 open names too ("房伟导管", "左明支架", "甲斐関節").
    return len(stem) <= 1 or (stem[0] in _CJK_BODY and medical_characters(stem[1:]))


def _medicine_spelling(word: str) -> bool:
    """Whether ``word`` ends as a medicine's international name does (see _MEDICINE_ENDINGS)."""
    script = _script(word)
    shortest = _SHORTEST_MEDICINE.get(script, _SHORTEST_MEDICINE_LETTERS)
    if len(word) < shortest or (script == "cjk" and word[:2] in COMPOUND_SURNAMES):
        return False
    if script == "cjk" and name_onto_medicine(word, _ends_as_medicine):
        return False  # "张伟阿莫西林": a name written onto a medicine (review54b)
    if script == "hangul" and _korean_name_onto_medicine(word):
        return False
    stem = 1 if script in _SHORTEST_MEDICINE else _SHORTEST_STEM
    katakana = _KATAKANA.fullmatch(word) is not None
    return any(
        word.endswith(ending)
        and len(word) - len(ending)
        >= (
            _KATAKANA_LONG_STEM.get(ending, stem)
            if katakana
            else 2
            if ending in _SHORT_STEM_ENDINGS
            else stem
        )
        for ending in _MEDICINE_ENDINGS
    )


# The commonest Korean surnames: a three-syllable name opening with one, written right onto a
# medicine of four syllables or more, is a name ("김민준아목시실린"; review54b). No medicine's
# Korean name of seven syllables or more opens so with a medicine of four after it.
_KOREAN_SURNAMES = frozenset(
    "김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하곽성차주우구민진나지엄"
    "채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용"
)


def _korean_name_onto_medicine(word: str) -> bool:
    rest = word[3:]
    return word[:1] in _KOREAN_SURNAMES and len(rest) >= 4 and _medicine_spelling(rest)


def _ends_as_medicine(rest: str) -> bool:
    """What follows a name written onto it reads as a medicine: its ending alone ("他汀") or a
    name spelled as one ("阿莫西林", "アムロジピン")."""
    return rest.endswith(_MEDICINE_ENDINGS) and (
        len(rest) <= 2 or _medicine_spelling(rest) or rest in _MEDICINE_ENDINGS
    )


def katakana_medicine_word(word: str) -> bool:
    """Whether a word in katakana (its parts joined by "・" read apart) is a medicine by its
    international ending ("アムロジピン", "アンピシリン・スルバクタム"): a dose after a word in
    katakana says nothing, as foreign names are written in katakana too ("キャロール 5 mg";
    session 54)."""
    return any(_medicine_spelling(part) for part in word.split("・") if part)


def _people_or_places(words: Sequence[str]) -> bool:
    return any(_in(word, _PEOPLE_AND_PLACES) for word in words) or any(
        word.startswith(_THAI_PEOPLE_AND_PLACES) for word in words if _script(word) == "thai"
    )


def _after_people_or_places(text: str, start: int, first: str) -> bool:
    """Whether the word right before the run, past a full stop, hyphen, slash or quote mark, is one
    of people or places, or a Latin title, role or name field: the run is then that place's or
    person's name ("รพ.หัวใจ", "בי"ח לב", "مستشفى-القلب", "Dr. الصدر"; review53b)."""
    before = _BEFORE_RUN.search(text, max(0, start - 24), start)
    if before is None or not before.group(1):
        return False
    token = before.group(1)
    bare = _TRAILING_MARKS.sub("", token)  # "رพ.", "مستشفى-", "مستشفى/", "Dr.", "Patient:"
    if bare.lower() in _LATIN_PEOPLE:
        return True
    tokens = [token, bare]
    if not before.group(2):
        tokens.append(token + first)  # one word split by its quote mark ("בי"ח")
    return _people_or_places([t for t in tokens if t])


def _own_evidence(word: str) -> bool:
    """Whether ``word`` is a word of medicine on its own evidence (nothing after it counts)."""
    script = _script(word)
    if script == "other":
        return False  # Cyrillic, Greek and the rest are read elsewhere, not here
    if script == "thai":
        return word not in _THAI_NAMES and (_thai_reads(word) or _medicine_spelling(word))
    if script == "hangul":  # a dose after a Korean name proves nothing ("김민준 500 mg")
        return _medicine_spelling(word)
    if script == "cjk" and (_cjk_medicine_word(word) or _medicine_spelling(word)):
        return not any(c in _CJK_SENTENCE for c in word)
    return _listed(word) or word in _SCRIPT_UNITS or _medicine_spelling(word)


def _joined(words: Sequence[str], kept: Sequence[bool], i: int) -> bool:
    """A number between kept words or joining words ("बुखार 3 दिन से": fever 3 days), never one
    beside a word without evidence (a house number beside a street's name)."""
    sides = [j for j in (i - 1, i + 1) if 0 <= j < len(words)]
    return all(kept[j] or _joins(words, j) for j in sides)


def _article_name(word: str) -> bool:
    return any(word.startswith(a) and word[len(a) :] in _ARTICLE_NAMES for a in _ARTICLES)


def _bind_names(words: Sequence[str], kept: list[bool]) -> None:
    """Take back the keep of a word that is also a name where nothing of medicine binds it (see
    _ARTICLE_NAMES, _NAMES_BEFORE_MEDICINE, _NAMES_AFTER); ``kept`` holds each word's own
    evidence and is changed in place."""
    own = list(kept)
    for i, word in enumerate(words):
        if not kept[i]:
            continue
        if _article_name(word):
            j = i - 1
            while j >= 0 and not own[j] and _joins(words, j):
                j -= 1
            kept[i] = j >= 0 and own[j] and not _article_name(words[j])
        elif word in _NAMES_BEFORE_MEDICINE:
            j = i + 1
            if j < len(words) and words[j] in _POSTPOSITIONS:
                j += 1
            kept[i] = j < len(words) and (own[j] or words[j] in _NAMES_AFTER)
        elif word in _NAMES_AFTER:
            kept[i] = i > 0 and words[i - 1] in _NAMES_AFTER[word]


def kept_words(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """Each word of the run ``text[start:end]`` (offsets in ``text``) and whether it is kept
    (see the module's docstring). Nothing is kept in a run of people or places."""
    spans = [(start + m.start(), start + m.end()) for m in _WORD.finditer(text[start:end])]
    words = [text[s:e] for s, e in spans]
    kept = [False] * len(spans)
    if not spans or _people_or_places(words) or _after_people_or_places(text, start, words[0]):
        return [(s, e, False) for s, e in spans]
    for i, word in enumerate(words):
        kept[i] = not word[0].isdigit() and _own_evidence(word)
        if word in _BARE_NAMES_BEFORE and i + 1 < len(words):
            kept[i] = kept[i] or words[i + 1] in _BARE_NAMES_BEFORE[word]
    _bind_names(words, kept)
    if not any(kept):
        return [(s, e, False) for s, e in spans]
    changed = True
    while changed:  # joining words and numbers next to a kept word
        changed = False
        for i, word in enumerate(words):
            if kept[i]:
                continue
            beside = (i > 0 and kept[i - 1]) or (i + 1 < len(words) and kept[i + 1])
            if word[0].isdigit():
                unit = i + 1 < len(words) and words[i + 1] in _SCRIPT_UNITS
                if unit or (beside and _joined(words, kept, i)):
                    kept[i] = changed = True
            elif beside and (_joins(words, i) or _in(word, _GIVING)):
                kept[i] = changed = True
    return [(s, e, k) for (s, e), k in zip(spans, kept, strict=True)]


def removed_pieces(text: str, start: int, end: int) -> list[tuple[int, int]] | None:
    """The parts of the run ``text[start:end]`` still to remove once its words of medicine are
    kept: ``None`` when no word is kept (the run goes whole, as before), ``[]`` when all are."""
    words = kept_words(text, start, end)
    if not any(kept for _, _, kept in words):
        return None
    pieces: list[tuple[int, int]] = []
    for s, e, kept in words:
        if kept:
            continue
        if pieces and not any(k for ws, _, k in words if pieces[-1][1] <= ws < s):
            pieces[-1] = (pieces[-1][0], e)  # the next removed word of the same stretch
        else:
            pieces.append((s, e))
    return pieces


def all_medicine(text: str, start: int, end: int) -> bool:
    """Whether every word of ``text[start:end]`` is kept as a word of medicine."""
    return removed_pieces(text, start, end) == []
