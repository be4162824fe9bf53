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

# The first characters of common Chinese surnames (the hundred commonest, both forms, and the
# two-character 欧阳, 司马, 上官, 诸葛) and of common Japanese surnames (佐藤, 鈴木, 高橋, 田中,
# 山田, 渡辺...).
_SURNAME_OPENINGS = frozenset(
    "王李张張刘劉陈陳杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何高林罗羅郑鄭梁谢謝宋唐许許韩韓冯馮"
    "邓鄧曹彭曾肖蕭田董袁潘于蒋蔣蔡余杜叶葉程苏蘇魏吕呂丁任沈姚卢盧姜崔钟鍾谭譚陆陸汪范範金石"
    "廖贾賈夏韦韋付傅方白邹鄒孟熊秦邱江尹薛闫閻段雷侯龙龍史陶黎贺賀顾顧毛郝龚龔邵万萬钱錢严嚴"
    "覃武戴莫孔向汤湯欧歐司上诸諸"
    "佐鈴田伊渡山中小加吉松井木斎斉清森池橋阿前岡藤後長村坂遠青西福太三原菊野宮大工谷今丸増"
    "杉平河千岩菅久市古水桜飯服竹内柴酒横安島近和北浅川本片荒新土永秋堀矢関浜広黒望熊樋星東"
    "南神岸辻萩早尾須"
    # Characters of the body that open surnames too (房 Fang, 左 Zuo, 甲斐 Kai, 冠 Guan).
    "房左甲冠"
)
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
    return 2 <= len(stem) <= 4 and stem[0] in _SURNAME_OPENINGS and not medical_characters(stem)


def name_onto_ending(stem: str) -> bool:
    """Whether ``stem`` (what stands before an ending of medicine) is a name or a facility, an
    organ after the name included."""
    if any(facility in stem for facility in _FACILITIES):
        return True
    core = stem.rstrip("".join(_ORGANS))
    return _name(stem) or (core != stem and len(core) <= 3 and _name(core))
