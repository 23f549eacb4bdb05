from intl.core.localized import LocalizedText, fallback_chain


def test_viewer_language_first_then_english_then_native():
    names = LocalizedText({"ja": "横浜市", "en": "Yokohama", "zh_Hant": "橫濱市"})
    assert names.get_for("zh_Hant_TW") == "橫濱市"
    assert names.get_for("en") == "Yokohama"
    assert names.get_for("ko") == "Yokohama"
    assert LocalizedText({"ja": "横浜市"}).get_for("en") == "横浜市"


def test_a_form_shown_in_another_language_than_the_readers_says_which():
    """WCAG 3.1.2: the page marks a fallback form with its language; the reader's own form is not marked."""
    names = LocalizedText({"ja": "横浜市", "en": "Yokohama", "zh_Hant": "橫濱市"})
    assert names.fallback_locale("zh_Hant_TW") is None
    assert names.fallback_locale("en") is None
    assert names.fallback_locale("ja") is None
    assert names.fallback_locale("ko") == "en"
    assert LocalizedText({"vi": "Đà Nẵng"}).fallback_locale("th") == "vi"
    assert LocalizedText({"zh_Hans": "横滨市"}).fallback_locale("zh_Hant_TW") == "zh_Hans"
    assert LocalizedText({"zh_Hans": "横滨市"}).get_for("zh_Hant_TW") == "横滨市"
    assert LocalizedText().fallback_locale("ko") is None


def test_chain_for_taiwan_reaches_traditional_chinese():
    assert fallback_chain("zh_Hant_TW")[:3] == ("zh_Hant_TW", "zh_Hant", "zh")


def test_blank_values_are_dropped_and_order_kept():
    names = LocalizedText([("th", "เชียงใหม่"), ("en", " "), ("zh_Hant", "清邁")])
    assert list(names) == ["th", "zh_Hant"]
    assert names.native == "เชียงใหม่"
    assert names.others_than("清邁") == ["เชียงใหม่"]


def test_round_trip_through_the_database_keeps_order(make_partner, database):
    from intl.partners.models import Partner

    partner = make_partner(
        names={"th": "เชียงใหม่", "en": "Chiang Mai", "zh_Hant": "清邁"}, country="TH", timezone="Asia/Bangkok"
    )
    database.session.expire_all()
    loaded = database.session.get(Partner, partner.id)
    assert list(loaded.names.items()) == [("th", "เชียงใหม่"), ("en", "Chiang Mai"), ("zh_Hant", "清邁")]
