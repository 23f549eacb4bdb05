"""The demo office's plan: section 肆、國際事務 of the Secretariat's plan for ROC year 107 (the seed document),
carried as this year's plan, with its five working items, their goals and implementation points.

The seed gives the section's budget only (8,395 thousand NT$); the split over the five items below is
illustrative, and the plan's notes say so.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select, update

from ..auth.services import find_user
from ..core.db import db
from ..core.i18n import ROC_OFFSET
from ..core.localized import LocalizedText
from ..delegations.models import Delegation
from ..delegations.services import update_delegation
from . import activities
from .models import PlanYear
from .rows import in_period
from .services import copy_forward, create_expense, create_item, create_plan_year, set_target

SECTION = {
    "number": "肆",
    "name": {
        "zh_Hant": "國際事務 訪賓接待聯繫業務",
        "en": "International affairs: visitors, protocol and liaison",
    },
    "budget": 8395,
    "goal": "\n".join(
        [
            "一、推動姊妹市、國際友好城市之實質交流，以觀光、經貿、文化、教育等面向，厚實本市國際化之基礎。",
            "二、辦理國際學生、使節、媒體看見高雄之系列活動，以高雄在地文化、宗教民俗、農漁產等為內涵，"
            "提升高雄在地文化的辨識度與國際能見度。",
            "三、規劃國際主題之相關課程，提升各機關同仁涉外工作職能，開放實習機會予大專院校具語言專長之學生，"
            "提升本市公私機構國際多語環境。",
            "四、落實新南向政策，以人才、產業、姊妹市關係，提升國際人士認識高雄、生根高雄，"
            "並連結本市及東南亞重點城市成為南向重要基地，展望更開放之國際城市。",
        ]
    ),
}

# (number, names, goal (the plan's 計畫目標 line the item serves), implementation points, budget (thousand NT$,
# illustrative), responsible officer's user name)
ITEMS = [
    (
        "1",
        {
            "zh_Hant": "推動姊妹市、國際友好城市之實質交流",
            "en": "Substantive exchange with sister and friendly cities",
        },
        "推動姊妹市、國際友好城市之實質交流，以觀光、經貿、文化、教育等面向，厚實本市國際化之基礎。",
        [
            "接待國內外重要訪賓，參訪市政建設等相關事宜。",
            "安排市長、副市長、秘書長等首長重要宴會等相關事宜。",
            "辦理市長、副市長、秘書長及協助本府局處首長等出國訪問、考察與參加國際會議等相關事宜，推動城市外交。",
            "強化本市與姊妹市、友好城市或其他重要國際城市之觀光、經貿、文化、教育等方面之實質交流。",
            "配合本市燈會等重大慶典活動，擴大邀請姊妹市及友好城市訪高與會，並邀請有關局處安排相關行程與接待，"
            "協助行銷本市重要建設，及相關城市形象行銷工作。",
            "辦理本市代表團赴姊妹市及友誼城市考察參訪或應邀參加慶典活動及國際會議等，並優先邀請本府有關局處參加組團，"
            "斟酌加入該局處業務之市政考察行程。",
            "協助本府各機關辦理國際會議及國際交流活動，並鼓勵有關局處主動與姊妹市及友誼城市進行相關業務交流，"
            "例如業務考察互訪、研討會、展覽、文化表演、職員交換實習等。",
            "配合外交部，策劃邀請國際重要人士或友好城市市長於訪台期間到訪高雄相關事宜。",
            "撰擬及譯陳本市與各城市間往來書信及相關交流訊息，提供有關局處及各界人士參考運用。",
            "邀請大學、各機關團體、各界重要人士或社團負責人協助本府推動姊妹市關係，例如邀請本市學校機關團體赴訪姊妹市，"
            "或協助接待來訪貴賓，以擴大交流面向，並進一步促成該等團體與姊妹市及友好城市對應團體締結姊妹關係，"
            "強化各項民間國際交流活動及資源整合工作。",
        ],
        4200,
        "officer",
    ),
    (
        "2",
        {
            "zh_Hant": "辦理國際學生、使節、媒體看見高雄系列活動，行銷高雄",
            "en": "'See Kaohsiung' events for international students, envoys and media",
        },
        "辦理國際學生、使節、媒體看見高雄之系列活動，以高雄在地文化、宗教民俗、農漁產等為內涵，"
        "提升高雄在地文化的辨識度與國際能見度。",
        [
            "辦理一系列增進外籍人士、外籍青年、外國媒體認識高雄之活動，宣揚本市友善國際城市形象。",
            "結合本市產業、農漁產品、宗教民俗文化等領域，深化與姊妹市及友好城市之實質交流，加強行銷本市產業與文化。",
            "辦理駐台外國使節及代表參與本市各級學校或民間團體之文化饗宴講座，以擴展本市市民國際視野，創造國際城市發展動能。",
        ],
        1300,
        "officer2",
    ),
    (
        "3",
        {
            "zh_Hant": "規劃國際主題課程，培植具國際視野之人才",
            "en": "International courses, lectures and internships",
        },
        "規劃國際主題之相關課程，提升各機關同仁涉外工作職能，開放實習機會予大專院校具語言專長之學生，"
        "提升本市公私機構國際多語環境。",
        [
            "規劃開設外語、國際禮儀、國際政經情勢，或有關涉外職能課程，俾提升各局處相關同仁涉外事務能力，"
            "並整合本府國際人力資源，以儲備本市未來舉辦大型國際活動之動能，拓展本府整體城市外交工作，"
            "提升與新南向國家交流之能量。",
            "協助本府各機關推展與國際城市交流業務，包含互訪、業務考察、專案活動及國際會議之邀請等，促進各局處業務與國際接軌。",
            "與高雄本地大學合作，邀請重要駐臺使節、代表，或外交領域專業人士，至大學發表演說，擔任通識講座之與談來賓，"
            "分享講者自身所學與職業生涯之經驗（國際關係、外交、政治學、文化），提升青年之國際視野，"
            "並了解國際趨勢及當代重要議題。",
            "開放實習機會，供大專院校有志國際事務的本地學生進入市府實習，以熟悉國際事務規劃與運作模式，培養國際人才。",
        ],
        1100,
        "officer2",
    ),
    (
        "4",
        {
            "zh_Hant": "落實新南向政策，強化與新南向國家城市連結",
            "en": "New Southbound Policy: closer ties with cities in New Southbound countries",
        },
        "落實新南向政策，以人才、產業、姊妹市關係，提升國際人士認識高雄、生根高雄，"
        "並連結本市及東南亞重點城市成為南向重要基地，展望更開放之國際城市。",
        [
            "開放職缺供國際學生寒暑期工讀，並舉辦聯合迎新活動及就業媒合會，營造友善、優質環境，"
            "歡迎國際學生選擇高雄就學、就業，為在地產業培養國際人才，協助企業拓產海外市場，提升我國產業全球競爭力。",
            "強化與新南向國家重要城市之實質交流與互動，並藉由邀請重點城市前來參加國際性活動，增進互訪與瞭解，"
            "逐步推動締盟事宜，開拓本市城市友誼，提升本市在新南向國家之知名度與影響力。",
            "參與重要國際組織，爭取主辦國際活動，以擴展我國際視野，提高本市國際社會參與程度。",
        ],
        1395,
        "officer",
    ),
    (
        "5",
        {
            "zh_Hant": "運用國際關係小組等機制，協助推動本市國際事務",
            "en": "The international relations group and liaison officers",
        },
        "運用國際關係小組等機制，協助推動本市國際事務。",
        [
            "透過市府各局處窗口及外部之國際關係小組委員等機制，由點連成線，再由線連結成面，以加速本市國際化發展。"
        ],
        400,
        "officer",
    ),
]

# (item number, metric, period, value)
TARGETS = [
    ("1", "visits_hosted", "year", 12),
    ("1", "delegations_sent", "year", 4),
    ("1", "partners_engaged", "year", 15),
    ("2", "event_participants", "year", 600),
    ("3", "lecture_attendance", "year", 800),
    ("3", "interns_placed", "year", 12),
    ("3", "courses_held", "year", 6),
    ("4", "nsb_partners_engaged", "year", 6),
    ("4", "new_agreements_nsb", "year", 1),
    ("5", "partners_engaged", "year", 5),
]

NOTES = (
    "依據高雄市政府秘書處107年度施政計畫「肆、國際事務　訪賓接待聯繫業務」（預算8,395千元）編列。"
    "原計畫僅列該業務之預算總額，各工作項目之預算分配為示範用。\n"
    "From section IV (International affairs) of the Secretariat's plan for ROC year 107, budget NT$8,395 "
    "thousand. The plan gives only the section's total: the split over the five items is illustrative."
)


def _points(points: list[str]) -> str:
    return "\n".join(f"{n}.{text}" for n, text in enumerate(points, start=1))


def load_plan_demo(today: date | None = None) -> PlanYear | None:
    """This year's plan from the seed's section 肆, the demo delegations linked to its first item."""
    today = today or date.today()
    if db.session.scalar(select(PlanYear.id).where(PlanYear.year == today.year)) is not None:
        return None
    roc = today.year - ROC_OFFSET
    plan_year = create_plan_year(
        today.year,
        title={
            "zh_Hant": f"高雄市政府秘書處{roc}年度施政計畫（肆、國際事務）",
            "en": f"Kaohsiung City Government Secretariat: plan for {today.year}, IV. International affairs",
        },
        notes=NOTES,
    )
    section = create_item(
        plan_year,
        number=SECTION["number"],
        name=LocalizedText(SECTION["name"]),
        goal=LocalizedText({"zh_Hant": SECTION["goal"]}),
        budget_thousand=SECTION["budget"],
        notes="預算來源：主要預算（單位：千元）。Budget: main budget, in thousands of NT$.",
    )
    items = {}
    for number, names, goal, points, budget, username in ITEMS:
        officer = find_user(username)
        items[number] = create_item(
            plan_year,
            parent_id=section.id,
            number=number,
            name=LocalizedText(names),
            goal=LocalizedText({"zh_Hant": goal}),
            implementation=LocalizedText({"zh_Hant": _points(points)}),
            budget_thousand=budget,
            responsible_id=officer.id if officer else None,
            notes="預算分配為示範用。The budget split is illustrative.",
        )
    for number, metric, period, value in TARGETS:
        set_target(items[number], metric, period, value)
    create_expense(
        items["1"],
        spent_on=today,
        payee="譯者 陳雅婷 Translator Chen Ya-ting",
        amount=12000,
        note="姊妹市往來信函翻譯 / Translation of letters to sister cities",
    )
    # The demo's visits count towards item 1 of the plan of the year they take place in (a visit planned
    # for early next year gets next year's plan, copied from this one).
    first_items = {today.year: items["1"].id}
    wanted = ("Hachioji friendship delegation", "Mayor's visit to Seattle")
    for delegation in db.session.scalars(select(Delegation).where(Delegation.plan_item_id.is_(None))).all():
        if delegation.title.get("en") not in wanted or delegation.start_on.year not in (
            today.year,
            today.year + 1,
        ):
            continue
        year = delegation.start_on.year
        if year not in first_items:
            copy = copy_forward(plan_year, year)
            first_items[year] = next(i.id for i in copy.items if i.number == "1")
        update_delegation(delegation, plan_item_id=first_items[year])
    _link_programmes(items, today.year)
    db.session.flush()
    return plan_year


# The item each programme kind of the demo serves: events and lectures 'See Kaohsiung' (2), courses and
# internships the staff's and students' international skills (3), letters and gifts the exchange with
# sister and friendly cities (1).
DEMO_LINKS = {
    "event": "2",
    "lecture": "2",
    "course": "3",
    "internship_programme": "3",
    "letter": "1",
    "gift": "1",
}


def _link_programmes(items: dict, year: int) -> None:
    """Link the demo's events, lectures, courses, programmes, letters and given gifts of this year to the
    plan, as an officer would on their forms."""
    for key, number in DEMO_LINKS.items():
        kind_ = activities.kind(key)
        ids = select(kind_.model.id).where(
            kind_.live(), in_period(kind_, date(year, 1, 1), date(year, 12, 31)), kind_.plan_item.is_(None)
        )
        if key == "gift":
            ids = ids.where(kind_.model.direction == "given")
        db.session.execute(
            update(kind_.model)
            .where(kind_.model.id.in_(ids.scalar_subquery()))
            .values(plan_item_id=items[number].id)
            .execution_options(synchronize_session=False)
        )
