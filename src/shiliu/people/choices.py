from django.db import models
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    NOT_GIVEN = "", _("Not given")
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")


class Basis(models.TextChoices):
    """Why this person is in Shiliu at all: they asked, joined or received something."""

    ASKED = "asked", _("Asked for a service")
    JOINED = "joined", _("Joined an activity or organization")
    RECEIVED = "received", _("Received help")


class Language(models.TextChoices):
    MANDARIN = "zh", _("Mandarin Chinese")
    UYGHUR = "ug", _("Uyghur")
    TIBETAN = "bo", _("Tibetan")
    MONGOLIAN = "mn", _("Mongolian")
    KAZAKH = "kk", _("Kazakh")
    KOREAN = "ko", _("Korean")
    YI = "ii", _("Yi")
    ZHUANG = "za", _("Zhuang")
    KYRGYZ = "ky", _("Kyrgyz")
    ENGLISH = "en", _("English")


# GB/T 3304 codes of the 56 ethnic groups. Self-declared and optional (A2).
ETHNICITIES = [
    ("01", "汉族", "Han"), ("02", "蒙古族", "Mongol"), ("03", "回族", "Hui"), ("04", "藏族", "Tibetan"),
    ("05", "维吾尔族", "Uyghur"), ("06", "苗族", "Miao"), ("07", "彝族", "Yi"), ("08", "壮族", "Zhuang"),
    ("09", "布依族", "Buyei"), ("10", "朝鲜族", "Korean"), ("11", "满族", "Manchu"), ("12", "侗族", "Dong"),
    ("13", "瑶族", "Yao"), ("14", "白族", "Bai"), ("15", "土家族", "Tujia"), ("16", "哈尼族", "Hani"),
    ("17", "哈萨克族", "Kazakh"), ("18", "傣族", "Dai"), ("19", "黎族", "Li"), ("20", "傈僳族", "Lisu"),
    ("21", "佤族", "Va"), ("22", "畲族", "She"), ("23", "高山族", "Gaoshan"), ("24", "拉祜族", "Lahu"),
    ("25", "水族", "Sui"), ("26", "东乡族", "Dongxiang"), ("27", "纳西族", "Naxi"), ("28", "景颇族", "Jingpo"),
    ("29", "柯尔克孜族", "Kyrgyz"), ("30", "土族", "Tu"), ("31", "达斡尔族", "Daur"), ("32", "仫佬族", "Mulao"),
    ("33", "羌族", "Qiang"), ("34", "布朗族", "Blang"), ("35", "撒拉族", "Salar"), ("36", "毛南族", "Maonan"),
    ("37", "仡佬族", "Gelao"), ("38", "锡伯族", "Xibe"), ("39", "阿昌族", "Achang"), ("40", "普米族", "Pumi"),
    ("41", "塔吉克族", "Tajik"), ("42", "怒族", "Nu"), ("43", "乌孜别克族", "Uzbek"), ("44", "俄罗斯族", "Russian"),
    ("45", "鄂温克族", "Evenki"), ("46", "德昂族", "De'ang"), ("47", "保安族", "Bonan"), ("48", "裕固族", "Yugur"),
    ("49", "京族", "Gin"), ("50", "塔塔尔族", "Tatar"), ("51", "独龙族", "Derung"), ("52", "鄂伦春族", "Oroqen"),
    ("53", "赫哲族", "Hezhen"), ("54", "门巴族", "Monba"), ("55", "珞巴族", "Lhoba"), ("56", "基诺族", "Jino"),
]
ETHNICITY_CODES = {code for code, _zh, _en in ETHNICITIES}


def ethnicity_label(code: str, language: str | None) -> str:
    for c, zh, en in ETHNICITIES:
        if c == code:
            return en if language and language.startswith("en") else zh
    return ""


class ConsentCategory(models.TextChoices):
    ETHNICITY = "ethnicity", _("Ethnicity")


# The notice the resident is shown before consenting. A new text gets a new version;
# each consent keeps the version it was given under (A3).
CONSENT_NOTICES = {
    "ethnicity-v1": {
        "category": ConsentCategory.ETHNICITY,
        "purpose": "service_statistics",
        "zh": "您可以自愿告诉我们您的民族成分，也可以不填。我们只用它在汇总统计中了解服务覆盖情况，"
              "不会据此决定您能否获得任何服务，不会用于筛选或列出人员。您可以随时撤回同意，撤回后该信息即被删除。",
        "en": "You may tell us your ethnicity, or leave it out. We use it only in aggregate statistics about who "
              "our services reach. It never decides whether you receive a service and is never used to list or "
              "select people. You can withdraw this consent at any time, and the information is then deleted.",
    },
}
CURRENT_NOTICE = {ConsentCategory.ETHNICITY: "ethnicity-v1"}
