from __future__ import annotations

import io
from datetime import date

from openpyxl import load_workbook

from intl.groups.models import GroupMember, WorkingGroup
from tests.helpers import page_text


def test_relations_group_members_roles_terms_and_export(
    client, as_role, make_contact, make_organization, database
):
    as_role("officer")
    group = WorkingGroup(names={"zh_Hant": "國際關係小組", "en": "International Relations Group"})
    database.session.add(group)
    database.session.commit()
    bureau = make_organization(
        names={"zh_Hant": "高雄市政府觀光局", "en": "Tourism Bureau"}, kind="city_bureau", country="TW"
    )
    liaison = make_contact(
        family_name="陳",
        given_name="志明",
        name_locale="zh_Hant",
        chinese_name="陳志明",
        latin_name="Chen Chih-ming",
    )
    former = make_contact(
        family_name="林",
        given_name="淑芬",
        name_locale="zh_Hant",
        chinese_name="林淑芬",
        latin_name="Lin Shu-fen",
    )
    assert client.get("/groups").status_code == 302
    response = client.post(
        f"/groups/{group.id}/members/new",
        data={
            "contact_id": f"陳志明 [#{liaison.id}]",
            "role": "liaison",
            "organization_id": f"Tourism Bureau [#{bureau.id}]",
            "term_start": "2026-01-01",
            "term_end": "2027-12-31",
        },
    )
    assert response.status_code == 302
    database.session.add(
        GroupMember(
            group_id=group.id,
            contact_id=former.id,
            role="liaison",
            term_start=date(2020, 1, 1),
            term_end=date(2021, 12, 31),
        )
    )
    database.session.commit()
    current = page_text(client.get(f"/groups/{group.id}")).split("data-group-members")[1]
    assert "陳志明" in current and "林淑芬" not in current
    everyone = page_text(client.get(f"/groups/{group.id}", query_string={"show": "all"}))
    assert "林淑芬" in everyone
    client.post("/language", data={"locale": "en"})
    rows = list(load_workbook(io.BytesIO(client.get(f"/groups/{group.id}/export.xlsx").data)).active.values)
    assert rows[0][:4] == ("Role", "Name", "Title", "Bureau or organization")
    assert rows[1][0] == "Liaison officer" and rows[1][3] == "Tourism Bureau" and len(rows) == 2
    contact_page = page_text(client.get(f"/contacts/{liaison.id}"))
    assert "International Relations Group" in contact_page


def test_a_membership_edited_twice_at_once_shows_the_conflict(client, as_role, make_contact, database):
    as_role("officer")
    group = WorkingGroup(names={"zh_Hant": "國際關係小組"})
    person = make_contact(chinese_name="陳志明")
    database.session.add(group)
    database.session.flush()
    member = GroupMember(group_id=group.id, contact_id=person.id, role="liaison")
    database.session.add(member)
    database.session.commit()
    form = {"contact_id": f"陳志明 [#{person.id}]", "role": "liaison", "version": member.version}
    url = f"/groups/{group.id}/members/{member.id}"
    assert client.post(url, data={**form, "notes": "first"}).status_code == 302
    second = client.post(url, data={**form, "notes": "second"})
    assert second.status_code == 200 and "data-conflict" in page_text(second)
    database.session.expire_all()
    assert database.session.get(GroupMember, member.id).notes == "first"


def test_members_belong_to_their_group_and_hold_no_personal_details(client, as_role, make_contact, database):
    first, second = WorkingGroup(names={"en": "First"}), WorkingGroup(names={"en": "Second"})
    person = make_contact()
    database.session.add_all([first, second])
    database.session.flush()
    member = GroupMember(group_id=first.id, contact_id=person.id, role="liaison")
    database.session.add(member)
    database.session.commit()
    as_role("officer")
    assert client.get(f"/groups/{second.id}/members/{member.id}").status_code == 404
    assert client.post(f"/groups/{second.id}/members/{member.id}/remove").status_code == 404
    as_role("intern")
    page = page_text(client.get(f"/groups/{first.id}"))
    export = client.get(f"/groups/{first.id}/export.csv").data.decode("utf-8-sig")
    assert "田中博" in export and "tanaka@example.jp" not in page + export
    assert "data-group-members" in page and f"/groups/{first.id}/members/new" not in page
