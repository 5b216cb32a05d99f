"""The built-in synonym table: abbreviations and older names residents use for government services.

Editors may add and remove pairs afterwards (knowledge:synonyms). Kept here, not imported from
the app, so that this migration always seeds the same rows.
"""

from django.db import migrations

# (what residents say, what the guidance calls it)
SEED = [
    ("社保", "社会保险"),
    ("医保", "医疗保险"),
    ("职工医保", "职工基本医疗保险"),
    ("居民医保", "城乡居民基本医疗保险"),
    ("新农合", "城乡居民基本医疗保险"),
    ("养老保险", "基本养老保险"),
    ("城乡居保", "城乡居民基本养老保险"),
    ("社保卡", "社会保障卡"),
    ("失业金", "失业保险金"),
    ("公积金", "住房公积金"),
    ("低保", "最低生活保障"),
    ("低边", "低保边缘"),
    ("特困", "特困人员救助供养"),
    ("临救", "临时救助"),
    ("残疾证", "残疾人证"),
    ("残补", "残疾人两项补贴"),
    ("高龄补贴", "高龄津贴"),
    ("老年证", "老年人优待证"),
    ("暂住证", "居住证"),
    ("身份证", "居民身份证"),
    ("户口", "户籍"),
    ("农民工", "外来务工人员"),
    ("随迁子女", "外来务工人员子女"),
    ("新市民", "外来务工人员"),
    ("欠薪", "拖欠工资"),
    ("法援", "法律援助"),
    ("公租房", "公共租赁住房"),
    ("廉租房", "公共租赁住房"),
    ("个体户", "个体工商户"),
    ("摆摊", "流动摊贩"),
    ("人社局", "人力资源和社会保障局"),
    ("市监局", "市场监督管理局"),
    ("退伍军人", "退役军人"),
    ("幼升小", "小学入学"),
    ("小升初", "初中入学"),
]


def seed(apps, schema_editor):
    Synonym = apps.get_model("knowledge", "Synonym")
    for term, expands_to in SEED:
        Synonym.objects.get_or_create(term=term, expands_to=expands_to)


def unseed(apps, schema_editor):
    Synonym = apps.get_model("knowledge", "Synonym")
    for term, expands_to in SEED:
        Synonym.objects.filter(term=term, expands_to=expands_to, created_by=None).delete()


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
