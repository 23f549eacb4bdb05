"""ROC dates shown everywhere a reader asked for them (issue 11, problem 4, display): the home page with its
weekday, the gift form's delegation list, the agenda's date boxes; Gregorian readers keep theirs."""

from __future__ import annotations

import re
from datetime import date

import pytest

from intl.core.time import office_today
from intl.delegations.services import create_delegation
from tests.helpers import page_text

WEEKDAYS = "一二三四五六日"


@pytest.fixture
def roc_reader(make_user, login, database):
    user = make_user("officer", locale="zh_Hant_TW")
    user.date_style = "roc"
    database.session.commit()
    return login(user)


def test_home_page_date_in_roc_with_its_weekday(client, roc_reader):
    today = office_today()
    page = page_text(client.get("/"))
    weekday = WEEKDAYS[today.weekday()]
    assert f"民國{today.year - 1911}年{today.month}月{today.day}日 星期{weekday}" in page


def test_home_page_keeps_the_gregorian_weekday(client, make_user, login):
    login(make_user("officer", locale="zh_Hant_TW"))
    today = office_today()
    assert re.search(rf"{today.year}年{today.month}月{today.day}日 ?星期", page_text(client.get("/")))


def test_gift_form_delegation_list_in_roc(client, roc_reader, database):
    today = office_today()
    create_delegation([], title={"en": "Kumamoto delegation"}, start_on=today, end_on=today)
    database.session.commit()
    form = page_text(client.get("/gifts/receive"))
    options = form.split('name="delegation_id"')[1].split("</select>")[0]
    assert f"民國{today.year - 1911}年{today.month}月{today.day}日 Kumamoto delegation" in options
    assert today.isoformat() not in options


def test_agenda_date_boxes_in_roc(client, roc_reader):
    page = page_text(client.get("/schedule/agenda", query_string={"from": "116/04/20", "to": "116/04/30"}))
    assert 'type="text"' in page.split('id="from"')[0].rsplit("<input", 1)[1]
    assert 'value="116/04/20"' in page and 'value="116/04/30"' in page
    assert date(2027, 4, 20).isoformat() not in page.split("<main")[1].split("</form>")[0]


def test_dashboard_chart_months_in_roc(client, roc_reader):
    import json

    page = page_text(client.get("/dashboard"))
    labels = json.loads(page.split('id="chart-data">')[1].split("</script>")[0])["labels"]
    today = office_today()
    assert f"{today.year - 1911}/{today.month:02d}" in labels
    assert not any(str(today.year) in label for label in labels)
