"""The performance report: targets against the figures counted from the records, statistics by partner,
country, region, category and New Southbound, dormant partners, and every figure's list of records."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from intl.plan import services
from intl.plan.periods import Period
from intl.plan.regions import AMERICAS, ASIA, EUROPE, OCEANIA, continent_of
from intl.plan.report import build_report
from tests.helpers import page_text

from .conftest import YEAR

TODAY = date(YEAR, 12, 31)


def test_continents_follow_un_m49():
    assert continent_of("JP") == ASIA and continent_of("TH") == ASIA and continent_of("TR") == ASIA
    assert continent_of("US") == AMERICAS and continent_of("EC") == AMERICAS
    assert continent_of("RU") == EUROPE and continent_of("PT") == EUROPE and continent_of("IS") == EUROPE
    assert continent_of("NZ") == OCEANIA and continent_of("AU") == OCEANIA and continent_of("FJ") == OCEANIA
    assert continent_of("MV") == ASIA and continent_of("MU") == "002"


def seeded(make_plan, make_partner, make_delegation, make_agreement, database):
    plan_year, items = make_plan()
    yokohama = make_partner()  # JP, friendly
    cebu = make_partner(names={"en": "Cebu", "zh_Hant": "宿霧市"}, country="PH", timezone="Asia/Manila")
    seattle = make_partner(
        names={"en": "Seattle"}, country="US", timezone="America/Los_Angeles", relationship="sister"
    )
    rows = {
        "in_q1": make_delegation(
            items["1"],
            [yokohama],
            start=date(YEAR, 2, 3),
            status="done",
            actual_cost=100_000,
            categories=["culture", "trade"],
        ),
        "in_q2": make_delegation(
            items["1"],
            [cebu],
            start=date(YEAR, 5, 3),
            status="done",
            actual_cost=50_000,
            categories=["education"],
        ),
        "out_q2": make_delegation(
            items["1"],
            [seattle],
            start=date(YEAR, 6, 1),
            direction="outbound",
            status="done",
            actual_cost=900_000,
            categories=["trade"],
        ),
        "nsb_q3": make_delegation(
            items["4"], [cebu], start=date(YEAR, 8, 1), status="under_way", budget=80_000, categories=[]
        ),
        "proposed": make_delegation(
            items["1"], [yokohama], start=date(YEAR, 10, 1), status="proposed", budget=10
        ),
        "unlinked": make_delegation(
            None, [seattle], start=date(YEAR, 3, 1), status="done", categories=["sport"]
        ),
    }
    make_agreement(cebu, agreement_type="mou", signed_on=date(YEAR, 8, 2))
    make_agreement(yokohama, agreement_type="friendly", signed_on=date(YEAR - 3, 1, 1))
    for item, metric, period, value in (
        ("1", "visits_hosted", "year", 4), ("1", "visits_hosted", "Q2", 1), ("1", "delegations_sent", "year", 1),
        ("1", "partners_engaged", "year", 3), ("4", "nsb_partners_engaged", "year", 1),
        ("4", "new_agreements_nsb", "year", 1), ("3", "interns_placed", "year", 10),
    ):  # fmt: skip
        services.set_target(items[item], metric, period, value)
    database.session.commit()
    return plan_year, items, {"yokohama": yokohama, "cebu": cebu, "seattle": seattle}, rows


def targets_of(report, item):
    entry = next(e for e in report.items if e.item.id == item.id)
    return {t.metric.key: t for t in entry.targets}


def test_actual_figures_come_from_the_records(
    make_plan, make_partner, make_delegation, make_agreement, database
):
    plan_year, items, partners, rows = seeded(
        make_plan, make_partner, make_delegation, make_agreement, database
    )
    report = build_report(plan_year, Period(YEAR), TODAY)
    one = targets_of(report, items["1"])
    assert (one["visits_hosted"].target, one["visits_hosted"].actual) == (4, 2)
    assert one["delegations_sent"].actual == 1 and one["delegations_sent"].met
    assert one["partners_engaged"].actual == 3
    four = targets_of(report, items["4"])
    assert four["nsb_partners_engaged"].actual == 1  # Cebu, through the visit under way
    assert four["new_agreements_nsb"].actual == 1  # the MOU with Cebu, signed in the year
    three = targets_of(report, items["3"])
    assert three["interns_placed"].actual == 0  # no internship programme is linked to the item
    assert report.figure_refs(f"item:{items['1'].id}:metric:visits_hosted") == [
        ("delegation", rows["in_q1"].id),
        ("delegation", rows["in_q2"].id),
    ]
    # the section counts its items' activities
    section = next(e for e in report.items if e.item.id == items["肆"].id)
    assert section.counts["delegation"] == 4 and report.counts["delegation"] == 4


def test_a_quarter_shows_its_own_figures_and_the_year_to_date(
    make_plan, make_partner, make_delegation, make_agreement, database
):
    plan_year, items, partners, rows = seeded(
        make_plan, make_partner, make_delegation, make_agreement, database
    )
    report = build_report(plan_year, Period(YEAR, 2), TODAY)
    visits = targets_of(report, items["1"])["visits_hosted"]
    assert (visits.target, visits.actual, visits.year_target, visits.year_actual) == (1, 1, 4, 2)
    entry = next(e for e in report.items if e.item.id == items["1"].id)
    assert entry.period_spent == 950_000 and entry.budget.spent == 1_050_000
    assert [r.id for r in entry.carried_out] == [rows["in_q2"].id, rows["out_q2"].id]


def test_exchange_statistics_count_every_record_of_the_period(
    make_plan, make_partner, make_delegation, make_agreement, database
):
    from intl.interactions.services import create_interaction

    plan_year, items, partners, rows = seeded(
        make_plan, make_partner, make_delegation, make_agreement, database
    )
    create_interaction(
        ("partner", partners["seattle"].id),
        [],
        kind="call",
        subject="Call",
        occurred_at=datetime(YEAR, 4, 1, 2, tzinfo=UTC),
    )
    create_interaction(
        ("partner", partners["seattle"].id),
        [],
        kind="call",
        subject="Old call",
        occurred_at=datetime(YEAR - 1, 4, 1, tzinfo=UTC),
    )
    database.session.commit()
    stats = build_report(plan_year, Period(YEAR), TODAY).stats
    seattle = stats.by_partner[partners["seattle"].id]
    assert (seattle.count("delegation"), seattle.count("interaction")) == (
        2,
        1,
    )  # the unlinked visit counts too
    assert stats.by_country["PH"].count() == 3  # two visits (one under way) and the MOU
    assert stats.by_country["JP"].count("delegation") == 1  # the proposed visit does not count
    assert stats.by_region[ASIA].partners == {partners["yokohama"].id, partners["cebu"].id}
    assert stats.by_nsb["yes"].partners == {partners["cebu"].id}
    assert stats.by_nsb["no"].count("delegation") == 3
    assert stats.by_category["trade"].count() == 2 and stats.by_category["none"].count() == 1
    assert stats.by_category["sport"].count() == 1
    assert len(stats.total.partners) == 3


def test_partners_without_exchange_for_24_months_are_dormant(
    make_partner, make_agreement, make_delegation, database
):
    from intl.plan.dormant import dormant_partners, last_exchanges

    quiet = make_partner(names={"en": "Quiet City"}, relationship="sister")
    make_agreement(quiet, signed_on=date(YEAR - 5, 6, 1))
    busy = make_partner(names={"en": "Busy City"}, relationship="sister")
    make_delegation(None, [busy], start=date(YEAR, 1, 10), status="done")
    make_partner(names={"en": "Prospect"}, relationship="prospect")
    make_partner(names={"en": "New tie"}, relationship="friendly", relationship_since=date(YEAR, 1, 1))
    planned = make_partner(names={"en": "Only planned"}, relationship="friendly")
    make_delegation(None, [planned], start=date(YEAR, 12, 20), status="proposed")
    found, total = dormant_partners(date(YEAR, 6, 1))
    assert {p.names.get("en") for p in found} == {"Quiet City", "Only planned"} and total == 2
    last_exchanges(found, date(YEAR, 6, 1))
    assert {p.names.get("en"): p.last_exchange for p in found}["Quiet City"] == date(YEAR - 5, 6, 1)
    assert [p.names.get("en") for p in dormant_partners(date(YEAR, 6, 1), months=240)[0]] == ["Only planned"]


def test_every_figure_on_the_page_links_to_the_records_it_counts(
    client, as_role, make_plan, make_partner, make_delegation, make_agreement, database
):
    plan_year, items, partners, rows = seeded(
        make_plan, make_partner, make_delegation, make_agreement, database
    )
    as_role("officer")
    page = page_text(client.get(f"/plan/{YEAR}/report", headers={"Accept-Language": "en"}))
    links = set(re.findall(rf'href="(/plan/{YEAR}/records\?[^"]+)"[^>]*>([^<]+)<', page))
    assert len(links) > 30
    for url, shown in links:
        listed = page_text(client.get(url.replace("&amp;", "&"), headers={"Accept-Language": "en"}))
        count = int(re.search(r"data-records-total>(\d+) record", listed).group(1))
        if any(word in url for word in ("spent", "committed", "partners_engaged")):
            # an amount, or a number of partners: the records that make it up
            assert (count > 0) == (shown.strip() != "0"), url
        else:
            assert int(shown) == count, url  # a count is the number of records behind it
    # the spent figure of item 1 lists the three visits with costs
    url = f"/plan/{YEAR}/records?period=year&figure=item:{items['1'].id}:spent"
    listed = page_text(client.get(url))
    assert listed.count('href="/delegations/') == 3


def test_leaders_read_the_report_without_links_to_records(
    client, as_role, make_plan, make_partner, make_delegation, make_agreement, database
):
    seeded(make_plan, make_partner, make_delegation, make_agreement, database)
    as_role("leader")
    page = page_text(client.get(f"/plan/{YEAR}/report"))
    assert "data-report-items" in page and "/records?" not in page
    assert client.get(f"/plan/{YEAR}/records?figure=total:spent").status_code == 403


def test_an_unknown_figure_or_period_is_refused(client, as_role, make_plan):
    make_plan()
    as_role("officer")
    assert client.get(f"/plan/{YEAR}/records?figure=item:999999:spent").status_code == 404
    assert client.get(f"/plan/{YEAR}/report?period=Q7").status_code == 400
    assert client.get("/plan/1990/report").status_code == 404


def test_the_dashboard_glance_lists_the_closest_dormant_ties_first_and_says_when_there_are_more(
    make_partner, make_agreement, make_delegation, database
):
    """closest_dormant is one LATERAL query on PostgreSQL and a UNION on SQLite: the same rows on both."""
    from intl.plan.dormant import closest_dormant, dormant_partners

    day = date(YEAR, 6, 1)
    made = {}
    for relationship in ("cooperation", "mou", "friendly", "sister"):
        for n in range(3):
            partner = make_partner(names={"en": f"{relationship} {n}"}, relationship=relationship)
            made[partner.id] = partner.names.get("en")
            if n == 1:  # an exchange in the last 24 months: not dormant
                make_delegation(None, [partner], start=date(YEAR, 2, 1), status="done")
    make_partner(names={"en": "Prospect"}, relationship="prospect")
    database.session.flush()
    found, more = closest_dormant(day, 5)
    assert [p.names.get("en") for p in found] == [
        "sister 0", "sister 2", "friendly 0", "friendly 2", "mou 0"
    ]  # fmt: skip
    assert more is True
    everyone, total = dormant_partners(day)
    assert total == 8
    found, more = closest_dormant(day, 8)
    assert {p.id for p in found} == {p.id for p in everyone} and more is False
    assert [p.relationship for p in found] == ["sister"] * 2 + ["friendly"] * 2 + ["mou"] * 2 + [
        "cooperation"
    ] * 2
