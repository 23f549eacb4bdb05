"""Place cards read back with pypdf: every name on them in its own script, titles and honorifics placed as
each language writes them (after the name in Chinese, Japanese and Korean), and in Chinese."""

from __future__ import annotations

import io
import unicodedata

import pytest
from pypdf import PdfReader

from intl.contacts.names import addressed
from intl.protocol import services
from intl.protocol.cards import card_for
from intl.protocol.models import Participant
from intl.protocol.people import Person, load_people


def read(pdf: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), unicodedata.normalize("NFC", text)


def cast(person, make_leader):
    host = make_leader()  # 陳其邁, 市長
    people = {
        "ja": person({"ja": "横浜市長", "zh_Hant": "橫濱市長", "en": "Mayor of Yokohama"},
                     family="山中", given="竹春", locale="ja", chinese="山中竹春", latin="Takeharu Yamanaka"),
        "ko": person({"ko": "부산광역시 부시장", "zh_Hant": "釜山廣域市副市長"},
                     family="김", given="민수", locale="ko", chinese="金敏洙", latin="Kim Min-su", country="KR"),
        "th": person({"th": "นายกเทศมนตรีนครเชียงใหม่", "en": "Mayor of Chiang Mai"},
                     family="ทองดี", given="สมชาย", locale="th", latin="Somchai Thongdee", country="TH", honorific="mr"),
        "vi": person({"vi": "Phó Chủ tịch UBND", "zh_Hant": "峴港市副主席"},
                     family="Nguyễn", given="Văn An", locale="vi", chinese="阮文安", latin="Nguyen Van An", country="VN"),
        "en": person({"en": "Mayor of Cebu City"}, family="Rama", given="Michael", locale="en", latin="Michael Rama",
                     country="PH", honorific="hon", chinese="拉馬"),
    }  # fmt: skip
    return host, people


def test_what_each_card_says(database, person, make_leader, occasion_with):
    host, people = cast(person, make_leader)
    occasion = occasion_with([(host, "host")] + [(c, "guest") for c in people.values()])
    cards = {p.participant.ref_id if p.participant.kind == "contact" else "host": card_for(p)
             for p in load_people(occasion.participants)}  # fmt: skip
    assert cards[people["ja"].id].own == "山中竹春 横浜市長"
    assert cards[people["ja"].id].chinese == "山中竹春 橫濱市長"
    # The name's own form comes from contacts.names (which writes 김 민수 today); the title follows it.
    assert cards[people["ko"].id].own == f"{people['ko'].native_name} 부산광역시 부시장"
    assert cards[people["th"].id].own == "คุณสมชาย ทองดี"  # Thai's own honorific, against a Thai name
    assert cards[people["th"].id].own_title == "นายกเทศมนตรีนครเชียงใหม่"
    assert (
        cards[people["vi"].id].own == "Nguyễn Văn An"
        and cards[people["vi"].id].chinese == "阮文安 峴港市副主席"
    )
    assert cards[people["en"].id].own == "The Honorable Michael Rama"
    assert cards[people["en"].id].own_title == "Mayor of Cebu City"
    assert cards[people["en"].id].chinese == "拉馬閣下"
    assert (
        cards["host"].own == "陳其邁 市長" and cards["host"].chinese == "" and cards["host"].own_title == ""
    )


def test_a_title_only_in_english_stays_on_the_card(database, person, occasion_with):
    guest = person(
        {"en": "Deputy Mayor of Kumamoto"}, family="中村", given="誠", locale="ja", chinese="中村誠"
    )
    occasion = occasion_with([(guest, "guest")])
    card = card_for(load_people(occasion.participants)[0])
    assert (card.own, card.own_title, card.chinese) == ("中村誠様", "Deputy Mayor of Kumamoto", "")


NAMES = {"zh_Hant": "王大明", "ja": "山田花子", "en": "Jane Smith", "ko": "김민수", "th": "สมชาย ใจดี"}


@pytest.mark.parametrize("language", sorted(NAMES))
@pytest.mark.parametrize(
    "honorific", [None, "mr", "ms", "dr", "prof", "mayor", "governor", "he", "hon", "rev"]
)
def test_a_card_addresses_people_as_contacts_names_does(app, language, honorific):
    """One rule for honorifics: a card without a title in the person's language says what letters and mails
    say (contacts.names.addressed), on its own line and on the Chinese one; a table of the cards' own fails."""
    chinese = "" if language == "zh_Hant" else "白珍"
    person = Person(Participant(side="guest"), native_name=NAMES[language], name_locale=language,
                    chinese_name=chinese, latin_name="Pai Chen", honorific=honorific)  # fmt: skip
    with app.test_request_context():
        card = card_for(person)
        assert card.own == addressed(NAMES[language], language, honorific)
        assert card.chinese == (addressed(chinese, "zh_Hant_TW", honorific) if chinese else "")


def test_place_cards_print_every_name_in_its_script(
    client, as_role, database, person, make_leader, occasion_with
):
    as_role("intern")
    host, people = cast(person, make_leader)
    occasion = occasion_with([(host, "host")] + [(c, "guest") for c in people.values()])
    services.propose_plan(occasion)
    database.session.commit()
    response = client.get(f"/protocol/occasions/{occasion.id}/place-cards.pdf")
    assert response.mimetype == "application/pdf"
    pages, text = read(response.data)
    assert pages == 3  # six cards, two to an A4 sheet
    flat = text.replace(" ", "").replace("\n", "")
    for name in ("山中竹春", "横浜市長", "橫濱市長", "민수", "부산광역시", "金敏洙", "สมชาย", "ทองดี",
                 "Nguyễn", "阮文安", "MichaelRama", "TheHonorable", "陳其邁", "市長"):  # fmt: skip
        assert name in flat, name
