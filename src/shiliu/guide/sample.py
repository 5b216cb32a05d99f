# ruff: noqa: E501 - a data file: Chinese text counts double toward the width, and cutting sentences would not help reading
"""A sample service guide: 12 domains, 8 life events and 36 items, written from public knowledge
of how these services work in Zhejiang (Ningbo, Beilun). Every item is marked ``sample``: the
materials, steps and time limits are plausible, not an official text — a district checks them
against its own guide before relying on them.

Steps name departments by place code (the demo's departments, 3302068xx); where a department is
not in the tree (a fresh installation), its step is done by the district office instead.
"""

from shiliu.guide.models import ItemChannel as C
from shiliu.guide.models import MaterialForm as F
from shiliu.guide.models import StepOwner as O

EDU, HRSS, CIVIL, HEALTH, MARKET, UNITED = "330206802", "330206803", "330206804", "330206805", "330206806", "330206801"

# code, name, English name, work-order category (code, name, English name, kind)
DOMAINS = [
    ("social-insurance", "社会保险", "Social insurance", ("social-insurance", "社会保险", "Social insurance", "help")),
    ("employment", "就业与培训", "Employment and training", ("employment", "就业创业", "Jobs and starting a business",
                                                         "help")),
    ("labour", "劳动关系", "Labour relations", ("labour", "劳动关系", "Labour relations", "complaint")),
    ("education", "义务教育", "Compulsory education", ("education", "子女入学", "School enrolment", "help")),
    ("health", "卫生健康与计生", "Health and family planning", ("health", "医疗卫生", "Health care", "consultation")),
    ("elderly", "养老服务", "Elderly care", ("elderly-care", "养老服务", "Elderly care", "help")),
    ("legal", "法律援助", "Legal aid", ("legal-aid", "法律援助", "Legal aid", "complaint")),
    ("housing", "居住与住房", "Residence and housing", ("housing", "居住与住房", "Residence and housing", "help")),
    ("hardship", "困难救助", "Hardship assistance", ("hardship", "困难救助", "Hardship assistance", "help")),
    ("trade", "经营与摊位", "Trading and stalls", ("market", "经营摊位", "Trading and stalls", "help")),
    ("culture", "文化与生活", "Culture and daily life", ("culture-life", "文化生活", "Culture and daily life",
                                                       "suggestion")),
    ("community", "社区事务", "Community matters", ("other", "其他", "Other", "consultation")),
]

LIFE_EVENTS = [
    ("new-here", "我刚来北仑", "I am new in the district"),
    ("child-school", "孩子要上学", "My child starts school"),
    ("lost-job", "我失业了", "I lost my job"),
    ("sell-food", "我想在市场卖吃的", "I want to sell food at a market"),
    ("legal-help", "我需要法律帮助", "I need legal help"),
    ("elderly-care", "家里老人需要照顾", "An elderly relative needs care"),
    ("new-baby", "家里添了宝宝", "We are having a baby"),
    ("hard-times", "家里遇到困难", "My family is in hardship"),
]

# Materials that many items ask for: (name, English, form, copies, notes, English notes).
ID_CARD = ("居民身份证", "Resident ID card", F.BOTH, 1, "核验原件，留存复印件", "The original is checked; a copy is kept")
RES_PERMIT = ("浙江省居住证或居住登记凭证", "Zhejiang residence permit or residence registration receipt", F.ORIGINAL, 1,
              "", "")
HUKOU = ("户口簿", "Household register (hukou booklet)", F.BOTH, 1, "户主页和本人页", "Head-of-household page and own page")
PHOTO = ("近期一寸免冠彩色照片", "Recent one-inch colour photo", F.ORIGINAL, 2, "", "")
BANK = ("本人银行卡或社保卡", "Own bank card or social security card", F.COPY, 1, "用于发放补贴", "For paying the subsidy")
APPLICATION = ("申请表", "Application form", F.ORIGINAL, 1, "窗口领取或网上下载", "From the window or downloaded")
LEASE = ("房屋租赁合同或房产证明", "Lease contract or proof of home ownership", F.BOTH, 1, "", "")
LABOUR_CONTRACT = ("劳动合同或用工证明", "Labour contract or proof of employment", F.COPY, 1, "", "")
INCOME = ("家庭收入情况说明", "Statement of household income", F.ORIGINAL, 1, "可由社区出具", "The community can issue it")
AUTH = ("委托书及受托人身份证（代办时）", "Letter of authorisation and the agent's ID card (when someone applies for you)",
        F.ORIGINAL, 1, "", "")

FREE = ("免费", "Free of charge")


def _m(name, name_en, form=F.ORIGINAL, copies=1, notes="", notes_en="", required=True) -> dict:
    return {"name": name, "name_en": name_en, "form": form, "copies": copies, "notes": notes, "notes_en": notes_en,
            "required": required}


def _std(material: tuple, required: bool = True) -> dict:
    return dict(_m(*material), required=required)


def _s(name, name_en, owner, days, department="", tell=False) -> dict:
    return {"name": name, "name_en": name_en, "owner": owner, "department": department, "time_limit_days": days,
            "tell_resident": tell}


ACCEPT = _s("窗口受理、核验材料", "The window accepts the request and checks the materials", O.WINDOW, 1)


def _item(code, domain, events, name, name_en, description, description_en, eligibility, eligibility_en, days,
          channels, materials, steps, basis="", fees=FREE) -> dict:
    return {"code": code, "domain": domain, "life_events": events, "content": {
        "name": name, "name_en": name_en, "description": description, "description_en": description_en,
        "eligibility": eligibility, "eligibility_en": eligibility_en, "promised_days": days,
        "fees": fees[0], "fees_en": fees[1], "legal_basis": basis, "channels": channels,
        "materials": materials, "steps": steps}}


ITEMS = [
    # --- social insurance ---------------------------------------------------------------------
    _item("SI-01", "social-insurance", ["new-here"], "城乡居民基本养老保险参保登记",
          "Enrolment in the residents' basic pension",
          "为未参加职工养老保险的城乡居民办理基本养老保险参保登记，按年自选档次缴费。",
          "Enrols residents who are not in the employees' pension scheme in the residents' basic pension; "
          "contributions are paid yearly at a level the resident chooses.",
          "年满16周岁（在校学生除外）、未参加职工基本养老保险的本地户籍居民；持居住证的外来人员按当地政策办理。",
          "Residents aged 16 or over (not students) without the employees' pension; holders of a residence permit "
          "as local rules allow.", 5, [C.WINDOW, C.ONLINE],
          [_std(ID_CARD), _std(HUKOU), _std(APPLICATION)],
          [ACCEPT, _s("人力社保部门审核登记", "The human resources & social security bureau checks and registers",
                      O.DEPARTMENT, 3, HRSS), _s("告知缴费方式", "Tell the resident how to pay", O.WINDOW, 1, tell=True)],
          "《中华人民共和国社会保险法》；《国务院关于建立统一的城乡居民基本养老保险制度的意见》（国发〔2014〕8号）"),
    _item("SI-02", "social-insurance", ["new-here", "new-baby"], "城乡居民基本医疗保险参保登记",
          "Enrolment in the residents' basic medical insurance",
          "为城乡居民（含持居住证的外来人员及其子女）办理基本医疗保险参保登记，每年集中缴费期内缴费。",
          "Enrols residents, including residence-permit holders and their children, in the residents' basic "
          "medical insurance; contributions are paid in the yearly collection period.",
          "未参加职工医保的居民；新生儿出生后可即时参保。", "Residents without employees' medical insurance; "
          "newborns can be enrolled right after birth.", 5, [C.WINDOW, C.ONLINE],
          [_std(ID_CARD), _std(RES_PERMIT, required=False),
           _m("新生儿出生医学证明", "Newborn's birth medical certificate", F.COPY, 1, "为新生儿参保时",
              "When enrolling a newborn", required=False)],
          [ACCEPT, _s("医保经办机构登记", "The medical insurance office registers", O.DISTRICT, 3),
           _s("告知缴费结果", "Tell the resident the result", O.WINDOW, 1, tell=True)],
          "《中华人民共和国社会保险法》；《宁波市城乡居民基本医疗保险办法》"),
    _item("SI-03", "social-insurance", ["new-here"], "社会保险关系转移接续", "Transfer of social insurance between regions",
          "跨省、跨市流动就业人员的基本养老保险、医疗保险关系转入北仑。",
          "Moves the pension and medical insurance records of a worker who changed province or city into Beilun.",
          "在北仑就业并参加职工社会保险、原参保地有缴费记录的人员。",
          "Workers insured in Beilun with contribution records at their previous place.", 15, [C.WINDOW, C.ONLINE],
          [_std(ID_CARD), _m("参保缴费凭证", "Certificate of insurance contributions", F.ORIGINAL, 1,
                             "原参保地社保机构出具", "Issued by the previous insurance office"), _std(APPLICATION)],
          [ACCEPT, _s("向原参保地发出联系函", "Send the transfer letter to the previous office", O.DEPARTMENT, 5, HRSS),
           _s("接收转移资金并记录", "Receive the funds and record them", O.DEPARTMENT, 8, HRSS),
           _s("告知转移结果", "Tell the resident the result", O.WINDOW, 1, tell=True)],
          "《城镇企业职工基本养老保险关系转移接续暂行办法》（国办发〔2009〕66号）"),
    _item("SI-04", "social-insurance", [], "异地就医备案", "Registration for medical treatment away from the insured place",
          "参保人员在参保地以外就医前办理备案，就医时可直接结算。",
          "Insured people register before seeking treatment outside the insured place, so bills settle directly.",
          "北仑参保、需在外地长期居住、工作或转诊就医的人员。",
          "People insured in Beilun who live, work or are referred for treatment elsewhere.", 1, [C.ONLINE, C.WINDOW],
          [_std(ID_CARD), _m("医保电子凭证或社保卡", "Medical insurance e-certificate or card", F.ORIGINAL, 1)],
          [_s("网上或窗口登记备案", "Register online or at the window", O.WINDOW, 1, tell=True)],
          "《国家医疗保障局 财政部关于进一步做好基本医疗保险跨省异地就医直接结算工作的通知》"),
    # --- employment and training --------------------------------------------------------------
    _item("EM-01", "employment", ["lost-job", "new-here"], "就业登记与失业登记", "Employment and unemployment registration",
          "办理就业登记、失业登记，登记失业后可享受职业介绍、培训等公共就业服务。",
          "Registers employment or unemployment; registered unemployed people receive job referrals, training "
          "and other public employment services.",
          "法定劳动年龄内、有劳动能力和就业愿望的人员，含持居住证的外来务工人员。",
          "People of working age who can and want to work, including migrant workers with a residence permit.", 3,
          [C.WINDOW, C.ONLINE], [_std(ID_CARD), _std(RES_PERMIT, required=False),
                                 _m("解除或终止劳动合同证明", "Proof that the labour contract ended", F.COPY, 1,
                                    "失业登记时", "For unemployment registration", required=False)],
          [ACCEPT, _s("社区就业服务站登记", "The community's employment desk registers", O.COMMUNITY, 2, tell=True)],
          "《中华人民共和国就业促进法》；《就业服务与就业管理规定》"),
    _item("EM-02", "employment", ["lost-job"], "就业困难人员认定", "Recognition as a person with employment difficulty",
          "对符合条件的就业困难人员进行认定，认定后可享受就业援助、社保补贴等政策。",
          "Recognises people who find it hard to get work; they then receive employment assistance and "
          "social insurance subsidies.",
          "已办理失业登记，且属于大龄、残疾、低保家庭成员、连续失业一年以上等情形之一的人员。",
          "Registered unemployed people who are older, disabled, in a minimum-allowance household or "
          "unemployed for over a year.", 10, [C.WINDOW],
          [_std(ID_CARD), _std(APPLICATION), _m("相关情形证明材料", "Proof of the situation", F.COPY, 1,
                                                 "如残疾证、低保证", "e.g. disability or allowance certificate")],
          [ACCEPT, _s("社区初审并公示", "The community checks and posts a notice", O.COMMUNITY, 3),
           _s("街道复核", "The subdistrict reviews", O.SUBDISTRICT, 3),
           _s("人力社保部门认定", "The human resources & social security bureau decides", O.DEPARTMENT, 3, HRSS,
              tell=True)],
          "《中华人民共和国就业促进法》第五十二条"),
    _item("EM-03", "employment", ["lost-job"], "职业技能培训报名与补贴申领", "Vocational training sign-up and subsidy",
          "报名参加政府补贴的职业技能培训，取得证书后申领培训补贴。",
          "Sign up for subsidised vocational training and claim the subsidy after obtaining the certificate.",
          "在北仑就业或登记失业的劳动者（含外来务工人员）。",
          "Workers employed or registered unemployed in Beilun, including migrant workers.", 20, [C.WINDOW, C.ONLINE],
          [_std(ID_CARD), _m("职业资格或技能等级证书", "Vocational qualification or skill certificate", F.COPY, 1),
           _std(BANK)],
          [ACCEPT, _s("培训机构核实培训记录", "The training records are checked", O.DISTRICT, 5),
           _s("人力社保部门审核补贴", "The bureau approves the subsidy", O.DEPARTMENT, 10, HRSS),
           _s("补贴发放并告知", "The subsidy is paid and the resident told", O.DISTRICT, 4, tell=True)],
          "《国务院关于推行终身职业技能培训制度的意见》（国发〔2018〕11号）"),
    _item("EM-04", "employment", [], "创业担保贷款申请", "Start-up guaranteed loan application",
          "为符合条件的创业者提供创业担保贷款及贴息。",
          "Guaranteed, interest-subsidised loans for people starting a business.",
          "在北仑创业、已办理营业执照的重点就业群体（含失业人员、高校毕业生、返乡创业人员等）。",
          "Priority groups with a business licence in Beilun (unemployed people, graduates, returning workers ...).",
          30, [C.WINDOW],
          [_std(ID_CARD), _m("营业执照", "Business licence", F.COPY, 1), _m("创业计划书", "Business plan", F.ORIGINAL, 1),
           _std(APPLICATION)],
          [ACCEPT, _s("街道实地核查", "The subdistrict visits the business", O.SUBDISTRICT, 7),
           _s("人力社保部门审核", "The bureau reviews", O.DEPARTMENT, 8, HRSS),
           _s("担保机构和银行审批放款", "The guarantee agency and bank approve and lend", O.DISTRICT, 14, tell=True)],
          "《关于进一步做好创业担保贷款财政贴息工作的通知》（财金〔2020〕21号）"),
    _item("EM-05", "employment", ["lost-job", "new-here"], "岗位推荐（网上就业超市）", "Job referral (job market)",
          "根据求职意向推荐合适岗位，安排面试。", "Suggests suitable job postings and arranges interviews.",
          "有就业意愿的劳动者。", "Anyone who wants a job.", 5, [C.ONLINE, C.WINDOW, C.HOTLINE],
          [_std(ID_CARD), _m("个人简历", "CV", F.ORIGINAL, 1, required=False)],
          [ACCEPT, _s("匹配岗位并推荐", "Match postings and refer", O.COMMUNITY, 3),
           _s("跟踪面试结果", "Follow up the interview", O.COMMUNITY, 1, tell=True)],
          "《中华人民共和国就业促进法》"),
    # --- labour relations ---------------------------------------------------------------------
    _item("LR-01", "labour", ["legal-help"], "劳动争议调解申请", "Labour dispute mediation",
          "劳动者与用人单位发生劳动争议，可申请调解组织调解，调解不成可申请仲裁。",
          "A worker in a dispute with an employer can ask for mediation; if it fails, arbitration follows.",
          "与用人单位存在劳动争议的劳动者或用人单位。", "Workers or employers in a labour dispute.", 15,
          [C.WINDOW, C.HOTLINE],
          [_std(ID_CARD), _std(LABOUR_CONTRACT), _m("调解申请书", "Request for mediation", F.ORIGINAL, 1,
                                                    "可在窗口口头申请，由工作人员记录", "Can be made orally at the window")],
          [ACCEPT, _s("调解组织受理并通知双方", "The mediators accept and notify both sides", O.SUBDISTRICT, 3, tell=True),
           _s("组织调解", "Mediation", O.SUBDISTRICT, 10),
           _s("出具调解协议或告知仲裁途径", "Agreement, or how to go to arbitration", O.SUBDISTRICT, 1, tell=True)],
          "《中华人民共和国劳动争议调解仲裁法》第十四条"),
    _item("LR-02", "labour", ["legal-help", "lost-job"], "欠薪投诉", "Complaint about unpaid wages",
          "用人单位拖欠工资的，可向劳动保障监察投诉，由监察机构依法处理。",
          "Workers whose wages are unpaid can complain to labour inspection, which acts on it.",
          "被拖欠工资的劳动者。", "Workers whose wages are unpaid.", 20, [C.HOTLINE, C.WINDOW],
          [_std(ID_CARD), _m("工资欠条、考勤记录等证据", "Evidence: IOUs, attendance records ...", F.COPY, 1),
           _std(LABOUR_CONTRACT, required=False)],
          [ACCEPT, _s("劳动保障监察立案", "Labour inspection opens a case", O.DEPARTMENT, 5, HRSS, tell=True),
           _s("调查处理", "Investigation", O.DEPARTMENT, 13, HRSS),
           _s("告知处理结果", "Tell the worker the outcome", O.WINDOW, 1, tell=True)],
          "《保障农民工工资支付条例》；《劳动保障监察条例》"),
    _item("LR-03", "labour", ["new-here"], "劳动合同咨询", "Labour contract advice",
          "解答劳动合同签订、试用期、加班、解除等问题。",
          "Answers questions about signing a contract, probation, overtime and dismissal.", "所有劳动者。", "Any worker.",
          2, [C.HOTLINE, C.WINDOW], [_std(LABOUR_CONTRACT, required=False)],
          [_s("当场或电话答复", "Answered on the spot or by phone", O.WINDOW, 2, tell=True)],
          "《中华人民共和国劳动合同法》"),
    # --- compulsory education -----------------------------------------------------------------
    _item("ED-01", "education", ["child-school", "new-here"], "随迁子女义务教育入学申请",
          "School enrolment for migrant children",
          "为在北仑居住、就业的外来人员子女申请小学一年级或初中一年级入学，按积分或条件统筹安排学位。",
          "Applies for a first-year place in primary or junior secondary school for the children of migrants who "
          "live and work in Beilun; places are allocated by points or conditions.",
          "父母一方持有效浙江省居住证、在北仑就业并参加社会保险达到规定年限的适龄儿童。",
          "Children of school age with a parent holding a Zhejiang residence permit, working in Beilun and insured "
          "for the required years.", 20, [C.WINDOW, C.ONLINE],
          [_std(RES_PERMIT), _std(HUKOU), _m("出生医学证明", "Birth medical certificate", F.COPY, 1),
           _m("社会保险缴费证明", "Proof of social insurance contributions", F.ORIGINAL, 1, "人社部门打印",
              "Printed by the social security office"), _std(LEASE),
           _m("儿童预防接种证查验证明", "Vaccination check certificate", F.COPY, 1)],
          [ACCEPT, _s("教育部门审核材料和积分", "The education bureau checks materials and points", O.DEPARTMENT, 10, EDU),
           _s("统筹安排学位并公布", "Places are allocated and published", O.DEPARTMENT, 9, EDU, tell=True)],
          "《中华人民共和国义务教育法》第十二条；北仑区年度义务教育招生工作实施意见"),
    _item("ED-02", "education", ["child-school"], "转学手续办理指引", "School transfer guidance",
          "指导在校学生办理转入、转出手续，通过全国学籍系统流转。",
          "Guides pupils moving into or out of a school; the transfer goes through the national student register.",
          "在义务教育阶段学校就读、因家庭迁移需要转学的学生。", "Pupils in compulsory education who move home.", 10,
          [C.WINDOW, C.HOTLINE],
          [_std(HUKOU), _std(RES_PERMIT), _m("原学校学籍信息表", "Student register sheet from the old school", F.ORIGINAL, 1)],
          [ACCEPT, _s("接收学校同意", "The receiving school agrees", O.DEPARTMENT, 5, EDU),
           _s("学籍系统办理转学", "The transfer in the register", O.DEPARTMENT, 4, EDU, tell=True)],
          "《中小学生学籍管理办法》"),
    _item("ED-03", "education", ["child-school", "hard-times"], "学生资助与困难补助申请",
          "Student aid for families in hardship",
          "为家庭经济困难学生申请生活补助和学杂费减免。",
          "Living allowances and fee waivers for pupils from families in hardship.",
          "在北仑就读、家庭经济困难的学生（含随迁子女）。", "Pupils in Beilun schools from families in hardship.", 15,
          [C.WINDOW], [_std(APPLICATION), _std(INCOME), _std(HUKOU), _std(BANK)],
          [ACCEPT, _s("学校评议", "The school reviews", O.DEPARTMENT, 7, EDU),
           _s("教育部门审核并发放", "The bureau approves and pays", O.DEPARTMENT, 7, EDU, tell=True)],
          "《学生资助资金管理办法》（财教〔2021〕310号）"),
    # --- health and family planning -----------------------------------------------------------
    _item("HE-01", "health", ["new-baby"], "生育登记", "Birth registration (family planning service)",
          "夫妻生育子女办理生育登记，可在现居住地办理。",
          "Couples register the birth of a child, at the place where they live.",
          "生育子女的夫妻，流动人口可在现居住地登记。", "Couples having a child; migrants can register where they live.",
          1, [C.WINDOW, C.ONLINE], [_std(ID_CARD), _m("结婚证", "Marriage certificate", F.COPY, 1)],
          [_s("即时登记", "Registered at once", O.COMMUNITY, 1, tell=True)],
          "《中华人民共和国人口与计划生育法》；《浙江省人口与计划生育条例》"),
    _item("HE-02", "health", ["new-baby", "child-school"], "儿童预防接种咨询", "Child vaccination advice",
          "解答儿童免疫规划疫苗接种时间、地点和补种问题。",
          "Answers when and where children get their vaccinations, and catch-up doses.", "儿童家长。",
          "Parents.", 1, [C.HOTLINE], [_m("儿童预防接种证", "Child's vaccination booklet", F.ORIGINAL, 1, required=False)],
          [_s("电话答复", "Answered by phone", O.WINDOW, 1, tell=True)], "《中华人民共和国疫苗管理法》"),
    _item("HE-03", "health", ["new-here", "elderly-care"], "家庭医生签约", "Family doctor contract",
          "与社区卫生服务中心家庭医生团队签约，获得基本医疗和健康管理服务。",
          "Sign a contract with a family doctor team at the community health centre for basic care and health "
          "management.", "辖区常住居民（含持居住证人员）。", "Residents, including residence-permit holders.", 3,
          [C.WINDOW, C.ONLINE], [_std(ID_CARD), _m("医保卡", "Medical insurance card", F.ORIGINAL, 1)],
          [ACCEPT, _s("家庭医生团队签约", "The family doctor team signs", O.DEPARTMENT, 2, HEALTH, tell=True)],
          "《关于推进家庭医生签约服务的指导意见》（国医改办发〔2016〕1号）"),
    # --- elderly care -------------------------------------------------------------------------
    _item("EL-01", "elderly", ["elderly-care"], "居家养老服务申请", "Home-based elderly care service",
          "为居家老年人提供助餐、助洁、助浴、助医等上门服务，符合条件的享受政府补贴。",
          "Meals, cleaning, bathing and help with medical visits at home; eligible older people receive a subsidy.",
          "60周岁以上、有服务需求的老年人；失能、高龄、困难老人优先并可享受补贴。",
          "People aged 60 and over who need help; disabled, very old or poor people first, with a subsidy.", 15,
          [C.WINDOW, C.HOTLINE], [_std(ID_CARD), _std(APPLICATION), _std(AUTH, required=False)],
          [ACCEPT, _s("社区上门评估", "The community assesses at home", O.COMMUNITY, 5),
           _s("街道审核", "The subdistrict reviews", O.SUBDISTRICT, 5),
           _s("民政部门确认并安排服务", "The civil affairs bureau confirms and arranges the service", O.DEPARTMENT, 4,
              CIVIL, tell=True)],
          "《浙江省社会养老服务促进条例》"),
    _item("EL-02", "elderly", ["elderly-care"], "老年人优待证办理", "Senior citizen card",
          "为老年人办理优待证，凭证享受公交、景点等优待。",
          "A card that gives older people free or reduced fares and entry.", "60周岁以上老年人（含外地户籍常住老人）。",
          "People aged 60 and over, including those from elsewhere who live here.", 5, [C.WINDOW],
          [_std(ID_CARD), _std(PHOTO)],
          [ACCEPT, _s("制证", "The card is made", O.DISTRICT, 3), _s("通知领取", "Tell the resident to collect it",
                                                                     O.WINDOW, 1, tell=True)],
          "《中华人民共和国老年人权益保障法》"),
    _item("EL-03", "elderly", ["elderly-care"], "高龄津贴申领", "Old-age allowance",
          "为80周岁以上本地户籍老人按月发放高龄津贴。", "A monthly allowance for local residents aged 80 and over.",
          "80周岁以上、户籍在北仑的老年人。", "Residents registered in Beilun aged 80 and over.", 15, [C.WINDOW],
          [_std(ID_CARD), _std(HUKOU), _std(BANK)],
          [ACCEPT, _s("社区核实", "The community checks", O.COMMUNITY, 5),
           _s("民政部门审批发放", "The civil affairs bureau approves and pays", O.DEPARTMENT, 9, CIVIL, tell=True)],
          "《浙江省实施〈中华人民共和国老年人权益保障法〉办法》"),
    # --- legal aid ----------------------------------------------------------------------------
    _item("LA-01", "legal", ["legal-help"], "法律援助申请", "Legal aid application",
          "经济困难或特定案件的当事人可申请免费法律咨询、代理和刑事辩护。",
          "Free legal advice, representation and criminal defence for people in financial difficulty or in "
          "certain cases.", "经济困难的公民；追索劳动报酬、工伤赔偿等事项的当事人不受经济困难条件限制。",
          "People in financial difficulty; claims for unpaid wages or work-injury compensation qualify regardless "
          "of income.", 7, [C.WINDOW, C.HOTLINE],
          [_std(ID_CARD), _std(APPLICATION), _m("经济困难状况说明表", "Statement of financial difficulty", F.ORIGINAL, 1,
                                               "本人签字承诺", "Signed by the applicant"),
           _m("与案件有关的材料", "Papers about the case", F.COPY, 1)],
          [ACCEPT, _s("法律援助中心审查", "The legal aid centre reviews", O.DISTRICT, 5),
           _s("指派律师并通知", "A lawyer is assigned and the applicant told", O.DISTRICT, 1, tell=True)],
          "《中华人民共和国法律援助法》"),
    _item("LA-02", "legal", ["legal-help"], "人民调解（邻里、消费纠纷）", "People's mediation (neighbours, consumer disputes)",
          "由人民调解委员会免费调解邻里、婚姻家庭、消费等民间纠纷。",
          "Free mediation of everyday disputes between neighbours, in families or about purchases.",
          "发生民间纠纷的当事人。", "People in an everyday dispute.", 30, [C.WINDOW, C.HOTLINE],
          [_std(ID_CARD), _m("纠纷相关证据", "Evidence about the dispute", F.COPY, 1, required=False)],
          [ACCEPT, _s("社区调委会受理", "The community mediators accept", O.COMMUNITY, 2, tell=True),
           _s("调解", "Mediation", O.COMMUNITY, 24), _s("回访", "Follow-up", O.COMMUNITY, 3, tell=True)],
          "《中华人民共和国人民调解法》"),
    # --- residence and housing ----------------------------------------------------------------
    _item("RH-01", "housing", ["new-here", "child-school"], "居住登记与居住证办理",
          "Residence registration and residence permit",
          "外来人员到北仑居住后办理居住登记，满半年且符合条件的可申领浙江省居住证。",
          "Newcomers register their residence; after six months those who qualify get a Zhejiang residence permit.",
          "离开常住户口所在地到北仑居住的人员。", "People living in Beilun away from their registered home.", 15,
          [C.WINDOW, C.ONLINE], [_std(ID_CARD), _std(LEASE), _std(PHOTO, required=False),
                                 _std(LABOUR_CONTRACT, required=False)],
          [ACCEPT, _s("社区核实居住信息", "The community checks the address", O.COMMUNITY, 5),
           _s("公安机关制证", "The police make the permit", O.DISTRICT, 8),
           _s("通知领取", "Tell the resident to collect it", O.WINDOW, 1, tell=True)],
          "《居住证暂行条例》；《浙江省流动人口居住登记条例》"),
    _item("RH-02", "housing", ["new-here"], "公共租赁住房申请咨询", "Public rental housing application advice",
          "介绍公共租赁住房申请条件、流程和材料，协助提交申请。",
          "Explains who may apply for public rental housing and how, and helps submit the application.",
          "在北仑稳定就业的住房困难家庭和新就业人员。", "Households with housing difficulty and newly employed people "
          "with steady work in Beilun.", 5, [C.WINDOW, C.HOTLINE],
          [_std(ID_CARD), _std(LABOUR_CONTRACT), _std(INCOME)],
          [ACCEPT, _s("街道初审并告知结果", "The subdistrict checks and replies", O.SUBDISTRICT, 4, tell=True)],
          "《公共租赁住房管理办法》（住房和城乡建设部令第11号）"),
    # --- hardship assistance ------------------------------------------------------------------
    _item("HA-01", "hardship", ["hard-times", "lost-job"], "临时救助申请", "Emergency assistance",
          "因突发事件、意外事故、重大疾病等导致基本生活暂时困难的家庭或个人，可申请临时救助。",
          "Households or people suddenly unable to cover basic needs after an accident, illness or disaster can "
          "ask for emergency assistance.", "基本生活陷入暂时困难的家庭或个人，含在北仑居住的外来人员。",
          "Households or people in temporary hardship, including migrants living in Beilun.", 10,
          [C.WINDOW, C.HOTLINE, C.VISIT],
          [_std(ID_CARD), _std(APPLICATION), _m("困难情况证明", "Proof of the hardship", F.COPY, 1,
                                                 "如医疗费用票据", "e.g. medical bills"), _std(BANK)],
          [ACCEPT, _s("社区入户核查", "The community visits the home", O.COMMUNITY, 3),
           _s("街道审批（紧急时先行救助）", "The subdistrict approves (urgent cases first, papers after)",
              O.SUBDISTRICT, 4),
           _s("民政部门发放", "The civil affairs bureau pays", O.DEPARTMENT, 2, CIVIL, tell=True)],
          "《社会救助暂行办法》第四十七条"),
    _item("HA-02", "hardship", ["hard-times"], "最低生活保障申请咨询", "Minimum living allowance advice",
          "解答低保申请条件、家庭收入和财产核定办法，协助提出申请。",
          "Explains who qualifies for the minimum living allowance and how income and assets are counted, and "
          "helps apply.", "户籍在北仑、家庭人均收入低于当地低保标准的家庭。",
          "Households registered in Beilun whose income per person is below the local standard.", 5, [C.WINDOW],
          [_std(ID_CARD), _std(HUKOU), _std(INCOME)],
          [ACCEPT, _s("街道答复并指导申请", "The subdistrict replies and guides the application", O.SUBDISTRICT, 4,
                      tell=True)],
          "《社会救助暂行办法》；《浙江省最低生活保障办法》"),
    _item("HA-03", "hardship", ["hard-times", "elderly-care"], "困难家庭走访慰问", "Visit and support for a family in hardship",
          "社区和街道走访困难家庭，了解需求，协调帮扶资源。",
          "The community and subdistrict visit families in hardship, hear what they need and arrange help.",
          "社区掌握或群众反映的困难家庭。", "Families in hardship known to or reported to the community.", 10, [C.VISIT],
          [],
          [_s("社区走访", "The community visits", O.COMMUNITY, 5, tell=True),
           _s("街道协调帮扶", "The subdistrict arranges help", O.SUBDISTRICT, 5, tell=True)],
          "《社会救助暂行办法》"),
    # --- trading and stalls -------------------------------------------------------------------
    _item("TR-01", "trade", ["sell-food"], "流动摊贩疏导点摊位申请", "Stall at a designated vending point",
          "在政府设置的疏导点按规定时段摆摊经营，签订文明诚信经营承诺书。",
          "Sell at a designated vending point in its hours, after signing the commitment letter for lawful, civil "
          "trading.", "在北仑居住、无固定经营场所的流动摊贩。",
          "Street vendors living in Beilun without a fixed shop.", 5, [C.WINDOW],
          [_std(ID_CARD), _std(RES_PERMIT), _m("健康证明（经营食品时）", "Health certificate (when selling food)", F.COPY, 1,
                                               required=False), _m("文明诚信经营承诺书", "Commitment letter", F.ORIGINAL, 1,
                                                                    "窗口现场签署", "Signed at the window")],
          [ACCEPT, _s("街道安排摊位", "The subdistrict assigns a stall", O.SUBDISTRICT, 3),
           _s("通知摊位和时段", "Tell the vendor the stall and hours", O.WINDOW, 1, tell=True)],
          "《浙江省城市管理相对集中行政处罚权条例》；北仑区流动摊贩疏导点管理办法"),
    _item("TR-02", "trade", ["sell-food"], "个体工商户登记指引", "Guidance for registering as an individual business",
          "指导办理个体工商户设立登记，可网上办理，当场出照。",
          "Guides registration as an individual business, online or at the window; the licence is issued at once.",
          "有经营能力的公民。", "Anyone able to run a business.", 1, [C.WINDOW, C.ONLINE],
          [_std(ID_CARD), _m("经营场所使用证明", "Proof of the business premises", F.COPY, 1)],
          [_s("市场监管部门登记发照", "The market supervision bureau registers and issues the licence", O.DEPARTMENT, 1,
              MARKET, tell=True)],
          "《促进个体工商户发展条例》"),
    _item("TR-03", "trade", ["sell-food"], "食品经营许可咨询", "Food business licence advice",
          "介绍食品经营许可和小餐饮登记的条件、材料和流程。",
          "Explains the food business licence and small-eatery registration: conditions, papers and steps.",
          "准备从事食品销售或餐饮服务的经营者。", "People who plan to sell food or run an eatery.", 3,
          [C.WINDOW, C.HOTLINE], [_std(ID_CARD, required=False)],
          [_s("市场监管部门答复", "The market supervision bureau replies", O.DEPARTMENT, 3, MARKET, tell=True)],
          "《中华人民共和国食品安全法》；《食品经营许可和备案管理办法》"),
    # --- culture and daily life ---------------------------------------------------------------
    _item("CU-01", "culture", [], "民族传统节日活动场地申请", "Venue for a traditional festival activity",
          "为开展民族传统节日庆祝活动申请社区、街道文化场地。",
          "Book a community or subdistrict venue for a traditional festival celebration.",
          "辖区各民族群众、社会组织。", "Residents of every ethnic group and community groups.", 5, [C.WINDOW, C.ONLINE],
          [_std(ID_CARD), _m("活动方案", "Plan of the activity", F.ORIGINAL, 1)],
          [ACCEPT, _s("社区安排场地", "The community assigns the venue", O.COMMUNITY, 3),
           _s("通知并做好安全提示", "Confirm and give safety advice", O.COMMUNITY, 1, tell=True)],
          "《城市民族工作条例》（浙江省）"),
    _item("CU-02", "culture", [], "民族知识馆参观预约", "Ethnic knowledge museum visit booking",
          "个人或团体预约参观区民族知识馆，可安排讲解。",
          "People or groups book a visit to the district's ethnic knowledge museum, with a guide if wanted.",
          "所有公众。", "Everyone.", 2, [C.ONLINE],
          [_m("团体名单（人数）", "Group size", F.ORIGINAL, 1, "只需人数", "The number of visitors is enough",
              required=False)],
          [_s("确认预约", "Confirm the booking", O.DEPARTMENT, 2, UNITED, tell=True)]),
    _item("CU-03", "culture", ["new-here", "legal-help"], "翻译协助（维吾尔语、藏语等）",
          "Interpreting help (Uyghur, Tibetan, ...)",
          "办事、就医、调解时需要少数民族语言翻译的，由社区联系志愿翻译协助。",
          "When someone needs an interpreter for an errand, a doctor's visit or mediation, the community arranges "
          "a volunteer interpreter.", "需要语言协助的群众。", "Anyone who needs language help.", 3,
          [C.HOTLINE, C.WINDOW], [],
          [_s("社区联系翻译志愿者", "The community finds a volunteer interpreter", O.COMMUNITY, 3, tell=True)]),
    _item("CU-04", "culture", ["new-here"], "清真餐饮信息咨询", "Halal food information",
          "提供辖区清真餐饮、清真食品购买点等信息。", "Where to find halal restaurants and food shops in the district.",
          "所有群众。", "Everyone.", 1, [C.HOTLINE], [],
          [_s("电话答复", "Answered by phone", O.WINDOW, 1, tell=True)]),
    # --- community matters --------------------------------------------------------------------
    _item("CO-01", "community", [], "志愿服务报名", "Volunteer sign-up",
          "报名参加社区志愿服务队伍，参与民族团结进步活动。",
          "Join a community volunteer team and take part in unity activities.", "年满16周岁的群众。",
          "Anyone aged 16 or over.", 3, [C.ONLINE],
          [_std(ID_CARD, required=False)],
          [_s("社区确认并安排", "The community confirms and arranges", O.COMMUNITY, 3, tell=True)],
          "《志愿服务条例》"),
    _item("CO-02", "community", ["new-here"], "证明类事项咨询（居住、无犯罪记录等办理指引）",
          "Guidance on certificates (residence, no criminal record)",
          "告知各类证明由哪个部门出具、需要什么材料，已取消的证明不再要求群众提供。",
          "Tells which office issues a certificate and what to bring; certificates that were abolished are no "
          "longer asked for.", "所有群众。", "Everyone.", 2, [C.HOTLINE, C.WINDOW], [],
          [_s("答复并告知办理部门", "Reply with the office to go to", O.WINDOW, 2, tell=True)],
          "《国务院办公厅关于做好证明事项清理工作的通知》（国办发〔2018〕47号）"),
]


def _resolve_departments(steps: list[dict], departments: dict) -> list[dict]:
    resolved = []
    for step in steps:
        step = dict(step)
        if step["owner"] == O.DEPARTMENT:
            place = departments.get(step["department"])
            if place is None:  # no such department in this tree: the district office does it
                step["owner"], place = O.DISTRICT, None
            step["department"] = place
        else:
            step["department"] = None
        resolved.append(step)
    return resolved


def load_sample(*, by) -> dict:
    """Load the sample guide through the services, acting as ``by`` (a district administrator).

    Missing work-order categories are made through the category service; domains, life events
    and items already there (by code) are left alone, so loading twice adds nothing.
    """
    from django.db import transaction

    from shiliu.guide import services
    from shiliu.guide.models import Domain, LifeEvent, ServiceItem
    from shiliu.places.models import Place, PlaceKind
    from shiliu.workorders.config import category_create
    from shiliu.workorders.models import Category

    made = {"domains": 0, "life_events": 0, "items": 0, "categories": 0}
    with transaction.atomic():
        categories, domains = {}, {}
        for position, (code, name, name_en, (cat_code, cat_name, cat_name_en, kind)) in enumerate(DOMAINS, start=1):
            category = Category.objects.filter(code=cat_code).first()
            if category is None:
                category = category_create(by=by, code=cat_code, name=cat_name, name_en=cat_name_en, kind=kind)
                made["categories"] += 1
            categories[code] = category
            domain = Domain.objects.filter(code=code).first()
            if domain is None:
                domain = services.domain_create(by=by, code=code, name=name, name_en=name_en, position=position * 10)
                made["domains"] += 1
            domains[code] = domain
        events = {}
        for position, (code, name, name_en) in enumerate(LIFE_EVENTS, start=1):
            event = LifeEvent.objects.filter(code=code).first()
            if event is None:
                event = services.life_event_create(by=by, code=code, name=name, name_en=name_en,
                                                   position=position * 10)
                made["life_events"] += 1
            events[code] = event
        departments = {p.code: p for p in Place.objects.filter(kind=PlaceKind.DEPARTMENT)}
        existing = set(ServiceItem.objects.values_list("code", flat=True))
        for entry in ITEMS:
            if entry["code"] in existing:
                continue
            content = dict(entry["content"], steps=_resolve_departments(entry["content"]["steps"], departments))
            services.item_create(by=by, code=entry["code"], domain=domains[entry["domain"]],
                                 category=categories[entry["domain"]], content=content, sample=True,
                                 life_events=[events[c] for c in entry["life_events"]],
                                 note="示例内容 (sample content)")
            made["items"] += 1
    return made
