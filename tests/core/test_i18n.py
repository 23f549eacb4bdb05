from datetime import date

from intl.core.i18n import roc_date


def test_roc_formatting():
    assert roc_date(date(2026, 11, 27)) == "民國115年11月27日"
    assert roc_date(date(2026, 11, 27), "short") == "115/11/27"


def test_locale_from_accept_language(client):
    english = client.get("/sign-in", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert "Sign in to Intl Desk" in english.get_data(as_text=True)
    chinese = client.get("/sign-in", headers={"Accept-Language": "zh-TW,zh;q=0.9"})
    assert "登入" in chinese.get_data(as_text=True)


def test_default_locale_is_traditional_chinese(client):
    page = client.get("/sign-in").get_data(as_text=True)
    assert 'lang="zh-Hant-TW"' in page


def test_switcher_beats_browser_and_saved_preference_beats_switcher(client, make_user, login):
    client.post("/language", data={"locale": "en", "next": "/sign-in"})
    page = client.get("/sign-in", headers={"Accept-Language": "zh-TW"}).get_data(as_text=True)
    assert "Sign in to Intl Desk" in page

    user = make_user("officer", locale="zh_Hant_TW")
    login(user)
    with client.session_transaction() as session:
        session["locale"] = "en"
    page = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert 'lang="zh-Hant-TW"' in page


def test_switcher_saves_the_preference_of_a_signed_in_user(client, make_user, login, database):
    user = login(make_user("officer"))
    response = client.post("/language", data={"locale": "en", "next": "/partners"})
    assert response.status_code == 302 and response.location.endswith("/partners")
    database.session.expire_all()
    from intl.auth.models import User

    assert database.session.get(User, user.id).locale == "en"


def test_switcher_refuses_unknown_locale_and_foreign_redirects(client):
    assert client.post("/language", data={"locale": "xx"}).status_code == 400
    response = client.post("/language", data={"locale": "en", "next": "https://evil.example/"})
    assert response.location.endswith("/")
    assert "evil" not in response.location


def test_roc_dates_shown_for_users_who_choose_them(client, make_user, login, make_partner, database):
    from datetime import date

    user = login(make_user("officer", locale="zh_Hant_TW"))
    user.date_style = "roc"
    database.session.commit()
    partner = make_partner(relationship="sister", relationship_since=date(2026, 11, 27))
    page = client.get(f"/partners/{partner.id}").get_data(as_text=True)
    assert "民國115年11月27日" in page


def test_country_names_come_from_cldr(client, as_role, make_partner):
    as_role("officer")
    partner = make_partner(names={"vi": "Đà Nẵng"}, country="VN", timezone="Asia/Ho_Chi_Minh")
    client.post("/language", data={"locale": "en"})
    assert "Vietnam" in client.get(f"/partners/{partner.id}").get_data(as_text=True)
    client.post("/language", data={"locale": "zh_Hant_TW"})
    assert "越南" in client.get(f"/partners/{partner.id}").get_data(as_text=True)


def test_country_lists_follow_the_readers_order():
    from intl.core.countries import country_choices

    def order(locale: str, codes: list[str]) -> list[str]:
        position = {code: i for i, (code, _name) in enumerate(country_choices(locale))}
        return sorted(codes, key=position.__getitem__)

    # 日本 (日, 4 strokes), 南韓 (南, 9), 越南 (越, 12): by code point 南韓 would come first
    assert order("zh_Hant_TW", ["VN", "KR", "JP"]) == ["JP", "KR", "VN"]
    # Åland files under A, not after Zimbabwe
    assert order("en", ["ZW", "AX", "BE"]) == ["AX", "BE", "ZW"]
