"""The letter list: search in any language (a 2-character Chinese substring, Japanese, English, a reference
number, a correspondent's name, a translation), the filters, keyset pages, and query counts that do not grow
with the number of letters."""

from __future__ import annotations

from datetime import date, timedelta

from intl.correspondence import steps
from intl.correspondence.translations import add_translation, save_translation
from tests.helpers import page_text


def listed(client, url) -> list[str]:
    rows = page_text(client.get(url)).split("data-letter-list")[1].split("</table>")[0]
    return [part.split('"')[0] for part in rows.split('data-letter="')[1:]]


def test_search_finds_letters_in_any_language(client, as_role, make_letter, make_contact, database):
    as_role("officer")
    sato = make_contact(family_name="佐藤", given_name="健一", latin_name="Kenichi Sato")
    lantern = make_letter(
        "incoming",
        subject="有關2027年燈會合作",
        language="zh_Hant",
        body="敬啟者：本市謹訂於明年二月舉辦高雄燈會，誠摯邀請貴市市長暨代表團蒞臨指導，共襄盛舉，深化雙方交流。",
    )
    japanese = make_letter(
        "incoming",
        subject="姉妹都市提携のご相談",
        language="ja",
        body="拝啓　時下ますますご清栄のこととお慶び申し上げます。さて、当市では高雄市との姉妹都市提携を検討しております。",
        parties=[("sender", "contact", sato.id)],
    )
    english = make_letter(
        "outgoing", subject="Thank you", language="en", body="Thank you for the warm welcome in Tainan."
    )
    translation = add_translation(english, "zh_Hant", None)
    save_translation(translation, "謝函", ["感謝貴市在臺南的熱情款待。"])
    database.session.commit()

    assert listed(client, "/letters?q=燈會") == [str(lantern.id)]  # 2 characters in the middle of a run
    assert listed(client, "/letters?q=市長暨代表團") == [str(lantern.id)]
    assert listed(client, "/letters?q=共襄盛舉") == [str(lantern.id)]  # past the first 40 characters
    assert listed(client, "/letters?q=提携") == [str(japanese.id)]
    assert listed(client, "/letters?q=ご清栄") == [str(japanese.id)]
    assert listed(client, "/letters?q=佐藤") == [str(japanese.id)]  # the sender's name
    assert listed(client, "/letters?q=sato") == [str(japanese.id)]
    assert listed(client, "/letters?q=tainan") == [str(english.id)]
    assert listed(client, "/letters?q=臺南") == [str(english.id)]  # found through its translation
    assert listed(client, f"/letters?q={english.reference_no}") == [str(english.id)]
    assert listed(client, "/letters?q=不存在的字") == []


def test_only_the_first_2000_characters_of_a_text_are_indexed(client, as_role, make_letter):
    as_role("officer")
    make_letter("incoming", body="序" * 2100 + " 鑽石")
    assert listed(client, "/letters?q=鑽石") == []


def test_filters(client, as_role, make_user, make_letter, make_partner, database):
    from intl.core.time import office_today

    officer = as_role("officer")
    yokohama = make_partner()
    busan = make_partner(names={"ko": "부산", "en": "Busan"}, country="KR", timezone="Asia/Seoul")
    today = office_today()
    old = make_letter(
        "incoming", subject="old", letter_on=date(2024, 5, 1), parties=[("sender", "partner", yokohama.id)]
    )
    mine = make_letter("incoming", subject="mine", letter_on=today, due_on=today - timedelta(days=1))
    steps.assign(mine, officer.id)
    out = make_letter(
        "outgoing", subject="out", letter_on=today, parties=[("recipient", "partner", busan.id)]
    )
    database.session.commit()
    assert listed(client, "/letters") == [str(out.id), str(mine.id), str(old.id)]  # newest first
    assert listed(client, "/letters?direction=outgoing") == [str(out.id)]
    assert listed(client, "/letters?status=assigned") == [str(mine.id)]
    assert listed(client, "/letters?year=2024") == [str(old.id)]
    assert listed(client, "/letters?overdue=1") == [str(mine.id)]
    assert listed(client, "/letters?mine=1") == [str(mine.id)]
    assert listed(client, f"/letters?partner=Yokohama+[%23{yokohama.id}]") == [str(old.id)]
    assert listed(client, "/letters?partner=Busan") == [str(out.id)]  # a typed name, resolved
    assert listed(client, "/letters?direction=nonsense&year=abc") == [str(out.id), str(mine.id), str(old.id)]


def test_pages_follow_the_keyset(client, as_role, make_letter, database):
    as_role("officer")
    client.post("/language", data={"locale": "en"})
    for day in range(55):
        make_letter("incoming", subject=f"letter {day}", letter_on=date(2026, 1, 1) + timedelta(days=day))
    page = page_text(client.get("/letters"))
    assert page.count('data-letter="') == 50 and "1–50 of 55" in page
    following = page.split('rel="next" href="')[1].split('"')[0].replace("&amp;", "&")
    second = page_text(client.get(following))
    assert second.count('data-letter="') == 5 and "letter 0<" in second


def test_list_and_letter_page_query_counts_are_constant(
    client, as_role, make_letter, make_contact, make_organization, make_partner, count_queries, database
):
    officer = as_role("officer")

    def letter_with_everything(n):
        contact = make_contact(latin_name=f"Guest {n}")
        org = make_organization(names={"en": f"Org {n}"})
        partner = make_partner(names={"en": f"City {n}"})
        letter = make_letter(
            "outgoing",
            subject=f"Letter {n}",
            parties=[
                ("recipient", "contact", contact.id),
                ("recipient", "organization", org.id),
                ("cc", "partner", partner.id),
            ],
            assigned_to_id=officer.id,
            due_on=date(2026, 1, 1),
        )
        translation = add_translation(letter, "en", officer.id)
        save_translation(translation, "x", ["a", "b"])
        steps.move(letter, "in_translation")
        database.session.commit()
        return letter

    url = f"/letters/{letter_with_everything(0).id}"
    client.get("/letters")
    client.get(url)
    with count_queries() as few_list:
        client.get("/letters")
    with count_queries() as few_detail:
        client.get(url)
    for n in range(1, 8):
        letter_with_everything(n)
    with count_queries() as many_list:
        client.get("/letters")
    with count_queries() as many_detail:
        client.get(url)
    assert many_list.count == few_list.count, many_list.statements
    assert many_detail.count == few_detail.count
    # user, page, parties, count, overdue count, one query per kind of correspondent, the plan years and
    # items of the plan-item filter
    assert few_list.count <= 10, few_list.statements
