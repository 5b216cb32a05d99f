"""Demo knowledge base: the hotline's categories (shared with the work-order demo, by code) and
about fifteen articles operators answer from. Loading twice adds nothing.

The texts are written for the demo: general guidance in the words a district hotline uses,
not an official statement of any rule or amount ("以当年公布标准为准").
"""

from shiliu.accounts.models import User
from shiliu.knowledge.choices import ArticleStatus
from shiliu.knowledge.models import Article
from shiliu.knowledge.services import article_create, article_publish
from shiliu.workorders.models import Category

ORDER = 30  # after workorders (20), whose demo makes the same categories

# code, name, English name — the work-order demo uses the same codes.
CATEGORIES = [
    ("social-insurance", "社会保险", "Social insurance"),
    ("employment", "就业创业", "Jobs and starting a business"),
    ("education", "子女入学", "School enrolment"),
    ("housing", "居住与住房", "Residence and housing"),
    ("legal-aid", "法律援助", "Legal aid"),
    ("hardship", "困难救助", "Hardship assistance"),
    ("health", "医疗卫生", "Health care"),
    ("market", "经营摊位", "Trading and stalls"),
    ("culture-life", "文化生活", "Culture and daily life"),
    ("other", "其他", "Other"),
]

# category code (or None), title, English title, keywords, text, English text, published?
ARTICLES = [
    ("education", "外来务工人员子女入学需要哪些材料", "Documents for enrolling a migrant worker's child in school",
     "随迁子女 积分入学 新生报名 小学 初中",
     "外来务工人员随迁子女在北仑区就读小学一年级、初中一年级，一般在每年4至5月网上报名，具体时间以区教育局当年发布的招生公告为准。\n\n"
     "常用材料：\n1. 父母及孩子的户口簿、居民身份证；\n2. 父母一方在北仑的有效居住证；\n"
     "3. 在北仑连续缴纳社会保险的证明（可在浙里办或社保窗口打印）；\n"
     "4. 住房证明：房产证或经登记备案的租房合同；\n5. 孩子的预防接种证（查验证明）。\n\n"
     "材料不齐的，可先报名，再在审核期内补交。对报名结果有疑问，可请来电人联系所在街道教育办或区教育局招生办。",
     "Children who moved with their working parents register online for the first year of primary or middle school, "
     "usually in April–May (see the Education Bureau's yearly notice). Bring the household register and ID cards, a "
     "parent's Beilun residence permit, proof of social insurance paid in Beilun, proof of housing (deed or registered "
     "lease) and the child's vaccination record. Missing papers can be handed in during the review period.", True),
    ("social-insurance", "灵活就业人员如何参加社会保险", "How flexible workers join social insurance",
     "个体 自由职业 网约车 外卖 养老保险 医疗保险 参保",
     "无雇工的个体工商户、未在用人单位参加社会保险的非全日制从业人员以及其他灵活就业人员，可以个人身份参加职工基本养老保险和职工基本医疗保险。\n\n"
     "办理途径：携带居民身份证到区人力社保局社保窗口或街道便民服务中心办理，也可在浙里办App“灵活就业人员参保登记”中自助办理。\n\n"
     "缴费基数可在当年公布的上下限之间自选，按月或按年缴纳，以当年公布标准为准。外地户籍人员办理时一般还需提供在本地的居住证明。\n\n"
     "提醒来电人：断缴会影响医保待遇的享受，变更缴费档次请在次月前办理。",
     "Self-employed people without employees, part-time workers not insured by an employer and other flexible workers "
     "may join the basic pension and basic medical insurance as individuals, at the social-insurance window, the "
     "subdistrict service centre or online (Zheliban app). They choose a contribution base within the published range "
     "and pay monthly or yearly.", True),
    ("housing", "居住证怎么办理", "How to apply for a residence permit",
     "暂住证 居住登记 流动人口 派出所",
     "来北仑居住的外地人员，先到居住地社区或派出所办理居住登记。居住满半年，且有合法稳定就业、合法稳定住所或连续就读条件之一的，可以申领居住证。\n\n"
     "需要的材料：居民身份证、近期照片（可现场采集）、就业证明（劳动合同或营业执照）或住所证明（租房合同、房产证明）或就读证明。\n\n"
     "受理地点：居住地派出所或社区警务室，也可通过浙里办线上申请。居住证每年签注一次，逾期未签注的需重新申领。",
     "People from elsewhere first register their residence at the community or police station. After six months, with "
     "a stable job, a stable home or school enrolment, they may apply for a residence permit at the police station or "
     "online, with their ID card, a photo and proof of work, housing or study. The permit is endorsed once a year.",
     True),
    ("legal-aid", "法律援助申请条件和办理流程", "Legal aid: who qualifies and how to apply",
     "法援 免费律师 劳动争议 讨薪 工伤赔偿",
     "经济困难的公民，在请求支付劳动报酬、工伤赔偿、给予社会保险待遇或最低生活保障待遇、请求给付赡养费抚养费扶养费等事项上需要法律帮助的，可以申请法律援助。\n\n"
     "请求支付劳动报酬、因见义勇为受到损害请求赔偿等情形，可不受经济困难条件的限制。\n\n"
     "申请方式：到区公共法律服务中心或街道司法所提出申请，携带身份证、经济困难说明（或低保证等证明）以及与案件有关的材料。\n\n"
     "一般在收到申请之日起7日内作出是否给予法律援助的决定。来电人情况紧急的，可建议其拨打12348法律服务热线先行咨询。",
     "People with financial difficulties may apply for free legal help in matters such as unpaid wages, work-injury "
     "compensation, social-insurance benefits or maintenance. Claims for unpaid wages are accepted regardless of "
     "income. "
     "Apply at the district public legal service centre or the subdistrict justice office with an ID card and papers "
     "about the case; a decision usually comes within 7 days. Urgent questions: 12348.", True),
    ("hardship", "临时救助如何申请", "How to apply for temporary assistance",
     "急难 救急 突发困难 困难补助",
     "因火灾、交通事故、突发重大疾病等意外事件，或因生活必需支出突然增加，导致基本生活暂时出现严重困难的家庭或个人，可以申请临时救助。\n\n"
     "申请方式：向户籍所在地或居住地的街道（社区）提出申请，提供身份证、困难情况说明和相关证明（如医疗费用票据、事故证明）。情况紧急的，可先行救助，再补办手续。\n\n"
     "对在本地遭遇困难、暂时无法返回的外来人员，居住地街道也可受理。救助金额以街道审核结果为准。",
     "Households or people whose basic living is suddenly in serious difficulty — after a fire, an accident, a sudden "
     "serious illness or a sudden necessary expense — may apply to the subdistrict or community where they are "
     "registered or live, with an ID card, an account of the difficulty and proof. In an emergency help comes first "
     "and the paperwork later; people from elsewhere are helped where they live.", True),
    ("hardship", "最低生活保障（低保）申请条件", "Minimum living allowance: who qualifies",
     "低保 低保边缘 困难家庭 民政",
     "共同生活的家庭成员人均收入低于当地最低生活保障标准，且家庭财产状况符合规定的，可以申请最低生活保障。标准以当年公布为准。\n\n"
     "申请人向户籍所在地街道提出申请，需提供家庭成员身份证、户口簿、收入情况说明，并签署家庭经济状况核对授权书。\n\n"
     "街道会入户调查并公示，审核通过后按月发放。家庭收入或人口发生变化的，应及时告知社区。收入略高于低保标准的，可询问是否符合低保边缘家庭救助。",
     "A household whose income per member is below the local minimum living standard, and whose assets are within the "
     "limits, may apply at the subdistrict where it is registered, with ID cards, the household register, a statement "
     "of income and a signed consent to check its finances. The subdistrict visits and publishes the decision; the "
     "allowance is paid monthly.", True),
    ("legal-aid", "被拖欠工资怎么办", "Wages not paid: what to do",
     "欠薪 讨薪 农民工工资 劳动监察 仲裁",
     "劳动者被拖欠工资的，可按以下途径解决：\n\n"
     "1. 先与用人单位协商，保留劳动合同、考勤记录、工资条、聊天记录等证据；\n"
     "2. 向区人力社保局劳动保障监察大队投诉，或拨打12333；\n"
     "3. 向劳动人事争议仲裁委员会申请仲裁，申请时效一般为一年；\n"
     "4. 经济困难或需要帮助的，可申请法律援助，请求支付劳动报酬的不受经济困难条件限制。\n\n"
     "建筑工地农民工被欠薪的，还可向项目所在地的街道或工地维权告示牌上的电话反映。",
     "Keep the contract, attendance records, pay slips and messages; try the employer first; then complain to the "
     "labour "
     "inspection brigade of the Human Resources and Social Security Bureau (12333) or apply for arbitration (usually "
     "within one year). Legal aid for unpaid wages is available regardless of income.", True),
    ("health", "异地就医备案和医保报销", "Treatment outside the insured city: registration and reimbursement",
     "异地就医 医保报销 跨省 直接结算",
     "参保人员到参保地以外的地方就医，应事先办理异地就医备案，备案后在定点医疗机构可直接结算。\n\n"
     "办理途径：国家医保服务平台App、浙里办或医保窗口。长期在外居住、工作的，可备案为“异地长期居住”；临时外出就医的，备案为“临时外出就医”。\n\n"
     "未备案先就医的，可回参保地医保窗口手工报销，需提供发票、费用清单、出院小结等材料，报销比例可能降低。",
     "Insured people treated outside the city where they are insured should register the treatment beforehand "
     "(national "
     "medical insurance app, Zheliban or the counter), then settle directly at designated hospitals. Without "
     "registration, bring invoices, the cost list and the discharge summary to the counter for a manual claim.", True),
    ("housing", "公共租赁住房申请条件", "Public rental housing: who may apply",
     "公租房 廉租房 住房保障 人才公寓",
     "在北仑区工作且本人及家庭成员在本区无自有住房、收入符合规定标准的住房困难家庭，以及符合条件的新就业人员、外来务工人员，可以申请公共租赁住房。\n\n"
     "一般每年集中受理，具体条件、租金标准和受理时间以区住房保障部门的公告为准。\n\n"
     "材料：身份证、户口簿或居住证、劳动合同及社会保险缴纳证明、收入证明、无房证明等。",
     "Families working in Beilun who own no home here and whose income is within the limit, and eligible new employees "
     "and migrant workers, may apply in the yearly intake announced by the housing security office, with ID, household "
     "register or residence permit, work contract and social-insurance record, income and no-property proof.", True),
    ("social-insurance", "失业保险金怎么申领", "Claiming unemployment benefit",
     "失业金 失业登记 失业补助金",
     "非因本人意愿中断就业、参加失业保险且所在单位和本人已按规定履行缴费义务满一年、已办理失业登记并有求职要求的，可以申领失业保险金。\n\n"
     "办理途径：浙里办“失业保险金申领”或区就业服务窗口，一般只需身份证和与单位解除劳动关系的证明。\n\n"
     "领取期限按累计缴费时间计算，标准以当年公布为准。领取期间可免费参加职业培训和职业介绍。",
     "People who lost their job through no wish of their own, after at least one year of contributions, and who have "
     "registered as unemployed and are looking for work may claim online (Zheliban) or at the employment counter with "
     "an ID card and proof that the job ended. Free training and job referrals come with it.", True),
    ("employment", "创业补贴和创业担保贷款", "Start-up subsidies and guaranteed start-up loans",
     "创业 扶持 贷款 补贴 小微企业",
     "在本区首次创办小微企业或从事个体经营，正常经营一定期限并按规定缴纳社会保险的，可申请一次性创业补贴；符合条件的还可申请创业担保贷款并享受贴息。\n\n"
     "具体条件与标准以区人力社保局当年政策为准，可到区就业服务窗口或街道就业服务站咨询。\n\n"
     "石榴籽创业扶持：对来北仑创业的各族群众，区里另有创业帮扶资金，可请来电人联系所在社区了解。",
     "First-time founders of small businesses or sole traders who have traded for the required period and paid social "
     "insurance may apply for a one-off start-up subsidy, and eligible founders for a guaranteed loan with interest "
     "support. Ask at the district or subdistrict employment counter; the district also runs a start-up support fund.",
     True),
    ("market", "流动摊贩到疏导点经营需要办理什么", "Selling at a designated vending point: what vendors need",
     "摆摊 疏导点 夜市 登记 承诺书",
     "流动摊贩可以在各街道设置的疏导点按规定时段经营。\n\n"
     "办理方式：向疏导点所在街道综合行政执法中队或社区登记，提供身份证、联系电话和经营品种，签署文明经营承诺书。经营食品的，还需办理食品小作坊或食品摊贩登记。\n\n"
     "疏导点的位置和经营时间以街道公布为准。摊贩与周边居民发生纠纷的，可请社区调解。",
     "Street vendors may trade at the designated vending points at the set hours after registering with the "
     "subdistrict's law-enforcement team or the community (ID card, phone, goods) and signing the commitment letter. "
     "Food sellers also need a food-stall registration.", True),
    ("market", "个体工商户营业执照办理", "Registering a sole trader's business licence",
     "个体户 营业执照 开店 登记",
     "开办个体工商户，可以在浙江政务服务网、浙里办或区市场监管局登记窗口申请营业执照。\n\n"
     "需要的材料：经营者身份证、经营场所证明（房产证或租赁合同）。名称可以自主申报。一般材料齐全的当场或1个工作日内办结。\n\n"
     "从事食品经营等许可项目的，取得营业执照后还需办理相应许可。",
     "Sole traders apply online or at the Market Supervision Bureau's counter with an ID card and proof of the "
     "premises. With complete papers the licence is usually issued the same or the next working day. Licensed trades "
     "such as food need their permit afterwards.", True),
    ("other", "来电人需要翻译或语言帮助怎么办", "The caller needs an interpreter",
     "翻译 语言 维吾尔语 藏语 彝语 普通话",
     "来电人普通话表达困难的，接线员应耐心确认其所用语言，在工单“所需语言”一栏注明（如维吾尔语、藏语、彝语）。\n\n"
     "派单时系统会提示需要懂该语言的工作人员，社区也可联系石榴籽志愿者协助沟通。\n\n"
     "不要因为语言不通而拒绝受理，也不要询问或记录与诉求无关的个人信息。",
     "When a caller has difficulty with Mandarin, confirm the language they use and record it in the order's "
     "'language needed' field; dispatch then asks for a staff member or volunteer who speaks it. Never refuse a call "
     "for language, and do not ask for personal details the matter does not need.", True),
    ("culture-life", "社区文化活动和文艺队怎么参加", "Joining community cultural activities and art troupes",
     "文艺队 文化走亲 活动报名 志愿者",
     "各社区每月都有文化活动，如节日联欢、文化走亲、民族团结进步主题活动等，居民可在社区公告栏或石榴平台的活动页面报名。\n\n"
     "想加入社区文艺队的，可直接联系社区文化专管员，一般每周固定时间排练，免费参加。",
     "Communities hold cultural events every month — festival gatherings, cultural exchange visits, unity-themed "
     "activities. Residents sign up on the community notice board or the activities page; to join an art troupe, "
     "contact the community's culture officer. Rehearsals are weekly and free.", True),
    (None, "热线受理范围和办理时限", "What the hotline handles and how long it takes",
     "12345 受理 时限 回访 工单",
     "热线受理咨询、求助、投诉和建议。能当场答复的直接答复；不能当场答复的，生成工单派到责任单位。\n\n"
     "一般时限：咨询类2个工作日内答复，求助和建议类10个工作日内办结，投诉类15个工作日内办结。紧急事项按紧急程度缩短。\n\n"
     "办结后热线会回访来电人，请其对办理结果作出评价。来电人可凭受理回执上的查询码查看进度。",
     "The hotline takes questions, requests for help, complaints and suggestions. What can be answered on the call is "
     "answered; the rest becomes a work order for the responsible unit: questions within 2 working days, help and "
     "suggestions within 10, complaints within 15. After resolution the hotline calls back for a rating.", True),
    ("housing", "住房公积金提取", "Withdrawing housing provident fund",
     "公积金 提取 租房提取 购房",
     "缴存职工在购买、建造、翻建、大修自住住房，偿还购房贷款本息，或租房自住等情形下，可以申请提取住房公积金。\n\n"
     "租房提取一般可通过浙里办或公积金App在线办理，按月或按年提取，额度以当年规定为准。\n\n"
     "（本条待公积金中心确认后发布。）",
     "Contributors may withdraw from their housing provident fund to buy, build or repair their own home, repay a "
     "mortgage or pay rent; rent withdrawals can be made online. (Draft, awaiting confirmation.)", False),
]


def _categories() -> dict[str, Category]:
    found = {}
    for code, name, name_en in CATEGORIES:
        found[code], _created = Category.objects.get_or_create(code=code, defaults={"name": name, "name_en": name_en})
    return found


def load(*, places, users, admin) -> dict:
    # A fresh copy: the caller's may have cached its roles before it was made district administrator.
    admin = User.objects.get(pk=admin.pk)
    categories = _categories()
    existing = set(Article.objects.values_list("title", flat=True))
    made = 0
    for code, title, title_en, keywords, body, body_en, published in ARTICLES:
        if title in existing:
            continue
        article = article_create(by=admin, title=title, title_en=title_en, keywords=keywords, body=body,
                                 body_en=body_en, category=categories[code] if code else None)
        if published:
            article_publish(article=article, by=admin, version=article.version)
        made += 1
    return {"knowledge_articles_created": made,
            "knowledge_articles_published": Article.objects.filter(status=ArticleStatus.PUBLISHED).count()}
