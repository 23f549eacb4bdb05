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
