"""A Chinese or Japanese name written onto an ending of medicine (session 54, issue 16 privacy).

deid_scripts keeps a run of Chinese characters or kanji that ends as a word of medicine does
("糖尿病", "肺炎", "手術"): no personal or place name ends so. But a clinician writes a
patient's name right onto such an ending, with no space, as the language writes words: "张伟手术"
(Zhang Wei's operation), "刘洋疾病", "山田太郎手術" (review53b). What stands before the ending
then is a name of two to four characters that opens with a surname and holds no character of
medicine; the stem of a word of medicine holds one ("白内障手术", "关节镜手术", "本態性高血圧",
"小児喘息") or does not open with a surname ("認知症", "誤嚥性肺炎"). A facility before the
ending ("积水潭医院手术") is no word of medicine either.

The characters below were chosen by hand for MedLocal: the first characters of the commonest
Chinese surnames (simplified and traditional) and of the commonest Japanese ones, and characters
of the body, of disease and of its description that no common given name uses.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# The first characters of common Chinese surnames (the hundred commonest, both forms, and the
# two-character 欧阳, 司马, 上官, 诸葛) and of common Japanese surnames (佐藤, 鈴木, 高橋, 田中,
# 山田, 渡辺...).
_SURNAME_OPENINGS = frozenset(
    "王李张張刘劉陈陳杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何高林罗羅郑鄭梁谢謝宋唐许許韩韓冯馮"
    "邓鄧曹彭曾肖蕭田董袁潘于蒋蔣蔡余杜叶葉程苏蘇魏吕呂丁任沈姚卢盧姜崔钟鍾谭譚陆陸汪范範金石"
    "廖贾賈夏韦韋付傅方白邹鄒孟熊秦邱江尹薛闫閻段雷侯龙龍史陶黎贺賀顾顧毛郝龚龔邵万萬钱錢严嚴"
    "覃武戴莫孔向汤湯欧歐司上诸諸"
    "聂聶易华華"  # review54b: "聂伟肺炎", "易建联手术", "华山手术"
    "佐鈴田伊渡山中小加吉松井木斎斉清森池橋阿前岡藤後長村坂遠青西福太三原菊野宮大工谷今丸増"
    "杉平河千岩菅久市古水桜飯服竹内柴酒横安島近和北浅川本片荒新土永秋堀矢関浜広黒望熊樋星東"
    "南神岸辻萩早尾須"
    # Characters of the body that open surnames too (房 Fang, 左 Zuo, 甲斐 Kai, 冠 Guan).
    "房左甲冠"
)
# Two-character surnames (review54b): "慕容复肺炎", "皇甫明手术"; and a four-character word
# opening with one is a name however it ends ("欧阳地平", "上官文韦": -dipine, -vir; no medicine's
# name in these scripts opens so).
COMPOUND_SURNAMES = frozenset(
    {
        "欧阳", "歐陽", "司马", "司馬", "上官", "诸葛", "諸葛", "慕容", "皇甫", "司徒", "东方",
        "東方", "夏侯", "尉迟", "尉遲", "公孙", "公孫", "令狐", "长孙", "長孫", "宇文", "端木",
        "南宫", "南宮", "西门", "西門", "独孤", "獨孤", "申屠", "澹台", "轩辕", "軒轅", "百里",
    }
)  # fmt: skip
# Characters of the body, of disease and of how it is described ("性", "型", "期", "慢"): a stem
# holding one is a word of medicine's, not a name. Characters that given names or surnames use
# are left out (心, 静, 水, 口, 早, 甲, 神, 儿: "刘心怡", "王静", "清水", "山口", "早川").
_MEDICAL_CHARACTERS = frozenset(
    "脏臟肝胆膽脾肺肾腎胃肠腸脑腦脳骨血尿胸腹颈頸膝髋髖肩肘腕踝脊椎腰节節脉脈食眼耳鼻喉肤膚齿齒歯"
    "牙舌状狀腺乳卵巢睾膀胱囊嚢瘤癌炎硬积積液肿腫梗栓狭狹窄淋颅顱冠房室胎児经經弁糖脂压圧熱热咳嗽"
    "痰菌毒药藥薬術术析膜管筋肌皮髄髓球核疱癜斑痒嗜酸钾鉀钠鈉钙鈣铁鐵氧酮酶型期急慢症病痛性変变形"
    "损損伤傷障碍礙害疾患感染疹瘍疡溃潰痺痹塞閉闭衰竭貧贫嚥咽吞瘡疮浮便秘泻瀉痔疝痿麻痙痉挛攣癫癇"
    "痫瘫癱聋聾盲视視听聽妊娠产產"
)
# Facilities: what stands before an ending after one of these is a place's operation or disease
# ("积水潭医院手术"), not a word of medicine.
_FACILITIES = ("医院", "醫院", "病院", "诊所", "診所", "中心", "クリニック", "センター", "卫生院")


# Words of medicine that end in an ending deid_scripts reads, read whole so that their first
# character is not taken for the stem's ("刘洋疾病": 疾病 disease, not 病 after "刘洋疾").
LONGER_ENDINGS = ("疾病", "疾患", "病変", "病变", "手術", "手术")


# Organs written right after a name, before the ending ("黄晓明肺癌": Huang Xiaoming's lung
# cancer).
_ORGANS = frozenset("肺肝胃肾腎脑腦脳肠腸胆膽脾骨血乳")


def medical_characters(stem: str) -> bool:
    """Whether ``stem`` holds a character of medicine (see _MEDICAL_CHARACTERS)."""
    return any(c in _MEDICAL_CHARACTERS for c in stem)


def _name(stem: str) -> bool:
    opens = stem[:1] in _SURNAME_OPENINGS or stem[:2] in COMPOUND_SURNAMES
    return 2 <= len(stem) <= 4 and opens and not medical_characters(stem)


def name_onto_ending(stem: str) -> bool:
    """Whether ``stem`` (what stands before an ending of medicine) is a name or a facility, an
    organ after the name included."""
    if any(facility in stem for facility in _FACILITIES):
        return True
    core = stem.rstrip("".join(_ORGANS))
    return _name(stem) or (core != stem and len(core) <= 3 and _name(core))


# Characters that spell medicines' international names in Chinese ("阿莫西林", "左氧氟沙星",
# "万古霉素", "雷米普利", "伊马替尼"): a stem holding one after its first character is a
# medicine's opening, not a name's.
_SPELLING_CHARACTERS = frozenset(
    "阿莫西林卡托普利沙星氧氟地平硝苯氨氯洛尔他汀伐拉唑奥美替尼韦昔司更恩诺福巴达格列净哌苄环丙"
    "依那贝雷培哚辛赖缬厄坎泮索埃比萘维吉伊马曲妥珠单抗非群旋青红奇克链庆大万古二甲双胍胰岛素"
    "可米罗乐瑞舒匹尼莫加多头孢安艾帕英夫托雷观"
)
# Characters of how a medicine is given, written before it ("内服", "点滴", "静注", "経口",
# "持続", "頓用", "外用", "投与").
_GIVING_CHARACTERS = frozenset("服滴注経続頓用投与薬剤")
_KANJI = re.compile("[\u3400-\u9fff\uf900-\ufaff]+")
_KATAKANA_REST = re.compile("[\u30a1-\u30fa\u30fc\u30fb]+")


def name_onto_medicine(word: str, medicine: Callable[[str], bool]) -> bool:
    """Whether ``word`` is a name written right onto a medicine's name (review54b: "张伟阿莫西林",
    "陈明左氧氟沙星", "田中アムロジピン"): a two- or three-character name opening with a surname
    before a rest that ``medicine`` reads as one, or Japanese kanji before a katakana medicine."""
    kanji = _KANJI.match(word)
    if kanji is not None and _KATAKANA_REST.fullmatch(word, kanji.end()):
        stem = kanji.group()
        return (
            _name(stem)
            and not any(c in _GIVING_CHARACTERS for c in stem)
            and medicine(word[kanji.end() :])
        )
    for length in (2, 3):
        stem, rest = word[:length], word[length:]
        if len(rest) < 2 or not _name(stem) or any(c in _SPELLING_CHARACTERS for c in stem[1:]):
            continue
        if medicine(rest):
            return True
    return False
