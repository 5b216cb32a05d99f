"""Staff languages become codes of people.choices.Language (the checkboxes of My account and
the staff pages), so an order needing a language can be matched to who speaks it.

Free text that names a language ("维吾尔语", "Uyghur", "维语") becomes its code; anything
else is dropped, since nothing could match it. The names are copied here, not imported, so
this migration keeps meaning the same thing whatever the choices become later.
"""

from django.db import migrations

NAMES = {
    "zh": ["zh", "zh-hans", "zh-cn", "普通话", "汉语", "中文", "国语", "华语", "mandarin", "mandarin chinese", "chinese",
           "putonghua"],
    "ug": ["ug", "维吾尔语", "维语", "维吾尔文", "维吾尔", "uyghur", "uighur", "uygur"],
    "bo": ["bo", "藏语", "藏文", "tibetan"],
    "mn": ["mn", "蒙古语", "蒙语", "蒙文", "mongolian"],
    "kk": ["kk", "哈萨克语", "哈语", "kazakh"],
    "ko": ["ko", "朝鲜语", "韩语", "korean"],
    "ii": ["ii", "彝语", "yi"],
    "za": ["za", "壮语", "zhuang"],
    "ky": ["ky", "柯尔克孜语", "吉尔吉斯语", "kyrgyz", "kirghiz"],
    "en": ["en", "英语", "英文", "english"],
}
ORDER = list(NAMES)
CODE_OF = {name: code for code, names in NAMES.items() for name in names}


def as_codes(values) -> list[str]:
    if not isinstance(values, list):
        return []
    found = {CODE_OF.get(str(value).strip().lower()) for value in values}
    return [code for code in ORDER if code in found]


def forward(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    for user in User.objects.only("pk", "languages").iterator():
        codes = as_codes(user.languages)
        if codes != user.languages:
            User.objects.filter(pk=user.pk).update(languages=codes)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_apitoken_second_factor")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
