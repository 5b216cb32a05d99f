"""Demo news: a handful of published items written by community and subdistrict staff and approved
by someone else, one scheduled notice that shows in a few days, and one notice awaiting the
subdistrict officer's review. Loading twice adds nothing (an article whose title is already there is
left alone). Everything goes through the services.
"""

from datetime import timedelta

from django.utils import timezone

from shiliu.news.choices import ArticleKind
from shiliu.news.models import Article
from shiliu.news.services import article_approve, article_create, article_submit

ORDER = 90

# (author, reviewer, place code, kind, title, summary, body, days until publishing: None = now)
ARTICLES = [
    ("daqi_officer", "admin", "330206003", ArticleKind.POLICY,
     "2026年秋季随迁子女义务教育入学政策解读",
     "在大碶街道务工的外来人员，其子女申请公办学校入学需准备的材料和时间安排。",
     "<p>根据区教育局2026年义务教育招生工作意见，随迁子女入学按积分和就近原则安排。</p>"
     "<h2>需要准备的材料</h2><ul><li>父母双方身份证、户口簿</li><li>居住证（在有效期内）</li>"
     "<li>劳动合同或营业执照，社会保险缴纳证明</li><li>儿童预防接种证</li></ul>"
     "<h2>时间安排</h2><p>6月1日至6月15日网上报名，6月下旬现场审核材料，7月中旬公布结果。</p>"
     "<p>材料有困难的家庭，可到所在社区服务中心或拨打贝大姐热线咨询，工作人员会帮您逐项核对。</p>",
     None),
    ("xinqi_worker", "admin", "330206001001", ArticleKind.NOTICE,
     "大港社区春季招聘会：20家企业提供500余个岗位",
     "周六上午在大港社区党群服务中心举行，提供普工、厨师、驾驶员、电工等岗位，部分企业提供清真餐。",
     "<p>时间：本周六上午9:00—11:30</p><p>地点：大港社区党群服务中心一楼大厅</p>"
     "<p>参加企业包括开发区多家电子、纺织、物流企业，岗位有普工、厨师、驾驶员、电工、仓管等，"
     "月薪4500元至9000元，多数包吃住，部分企业提供清真餐。</p>"
     "<p>请带上身份证和简历；没有简历的，现场有社工帮忙填写。</p>",
     None),
    ("xieshu_worker", "daqi_officer", "330206003001", ArticleKind.NEWS,
     "谢墅社区举办“石榴籽”邻里节",
     "各民族居民一起包饺子、做抓饭、跳锅庄，三百多位居民参加。",
     "<p>上周末，谢墅社区在文化广场举办第六届“石榴籽”邻里节。各民族居民一起包饺子、做手抓饭，"
     "社区石榴籽艺术团表演了维吾尔族舞蹈和青海花儿。</p>"
     "<p>活动现场还设置了政策咨询台，工作人员为新北仑人解答子女入学、社保办理等问题。</p>",
     None),
    ("daqi_officer", "admin", "330206003", ArticleKind.NEWS,
     "民族知识馆本月接待学生团体12批",
     "大碶街道民族知识馆面向学校和社区开放预约，欢迎团体参观。",
     "<p>本月，民族知识馆共接待学校和社区团体12批。讲解员带领同学们了解56个民族的传统服饰、"
     "节日和饮食。</p><p>团体参观可在网上预约，每场最多40人。</p>",
     None),
    ("daqi_officer", "admin", "330206003", ArticleKind.NOTICE,
     "古尔邦节期间社区服务中心开放时间调整",
     "节日期间各社区服务中心照常开放，贝大姐热线24小时有人接听。",
     "<p>节日期间，大碶街道各社区服务中心照常开放，时间为上午9:00至下午5:00。</p>"
     "<p>贝大姐热线24小时有人接听，遇到困难请随时来电。</p>",
     3),
    # written by the community worker and waiting for the subdistrict officer's review (reviewer None):
    # daqi_officer has something to review in the demo
    ("xieshu_worker", None, "330206003001", ArticleKind.NOTICE,
     "谢墅社区民族团结服务中心周六延长服务时间",
     "本月起每周六上午9:00至12:00，服务中心窗口照常受理子女入学、社保参保等事项。",
     "<p>为方便上班的居民办事，自本月起，谢墅社区民族团结服务中心每周六上午9:00至12:00开放。</p>"
     "<p>周六可办理随迁子女入学申请、城乡居民养老保险参保登记等事项，请带齐材料；"
     "材料清单可在服务指南中查看，也可拨打贝大姐热线咨询。</p>",
     None),
]


def load(*, places, users, admin) -> dict:
    made = 0
    now = timezone.now()
    for author, reviewer, code, kind, title, summary, body, days in ARTICLES:
        if Article.objects.filter(title=title).exists() or author not in users or code not in places:
            continue
        writer = users[author]
        approver = admin if reviewer == "admin" else users.get(reviewer or "", admin)
        article = article_create(by=writer, kind=kind, place=places[code], title=title, summary=summary, body=body)
        article = article_submit(article=article, by=writer, version=article.version)
        if reviewer is None:
            made += 1
            continue
        article_approve(article=article, by=approver, version=article.version,
                        publish_at=None if days is None else now + timedelta(days=days))
        made += 1
    return {"news_articles": made}
