"""The ethics rules for gifts (公務員廉政倫理規範) as pure functions: examples from the rules, then properties."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from intl.gifts import ethics
from intl.gifts.ethics import GiftFacts, Thresholds

RULES = Thresholds()
DAY = date(2026, 3, 2)


def received(value, interest=False, courtesy=False, many=False, on=DAY):
    return GiftFacts("received", value, on, interest, courtesy, many)


@pytest.mark.parametrize(
    ("gift", "total", "expected"),
    [
        # from someone with an interest in the receiver's duties
        (received(2000, interest=True), 2000, (True, ethics.INTEREST)),
        (received(501, interest=True), 501, (True, ethics.INTEREST)),
        (received(500, interest=True), 500, (False, ethics.MINOR_VALUE)),
        (received(900, interest=True, many=True), 900, (False, ethics.MINOR_VALUE)),
        (received(1001, interest=True, many=True), 1001, (True, ethics.INTEREST)),
        (received(2500, interest=True, courtesy=True), 2500, (False, ethics.OFFICIAL_COURTESY)),
        # official courtesy lifts the refusal, not the report of a valuable gift
        (received(8000, interest=True, courtesy=True), 8000, (True, ethics.OVER_GIFT_LIMIT)),
        # from others: normal social custom
        (received(3000), 3000, (False, ethics.WITHIN_CUSTOM)),
        (received(3001), 3001, (True, ethics.OVER_GIFT_LIMIT)),
        (received(3000, courtesy=True), 3000, (False, ethics.WITHIN_CUSTOM)),
        (received(2000), 10000, (False, ethics.WITHIN_CUSTOM)),
        (received(2000), 10001, (True, ethics.OVER_YEARLY_LIMIT)),
        # a small gift from an interested giver still counts towards the year's limit
        (received(400, interest=True), 10200, (True, ethics.OVER_YEARLY_LIMIT)),
        # what the city gives is not the receiver's business
        (GiftFacts("given", 50000, DAY), 50000, (False, ethics.NOT_RECEIVED)),
    ],
)
def test_needs_report_examples(gift, total, expected):
    assert ethics.needs_report(gift, total, RULES) == expected


def test_report_is_due_three_working_days_after_receipt_not_counting_that_day():
    # Thursday the 31st, then New Year's Day and a weekend: Monday the 4th, Tuesday the 5th
    assert ethics.report_due_on(date(2026, 12, 30), RULES) == date(2027, 1, 5)
    assessment = ethics.assess(received(5000), 5000, RULES)
    assert assessment.needs_report and assessment.due_on == date(2026, 3, 5)  # Monday the 2nd: Thursday
    assert not assessment.must_refuse
    assert ethics.assess(received(5000, interest=True), 5000, RULES).must_refuse
    assert ethics.assess(received(100), 100, RULES).due_on is None


@dataclass
class Record:
    needs_report: bool
    report_reason: str | None
    report_due_on: date | None
    reported_to_supervisor_on: date | None = None
    ethics_unit_notified_on: date | None = None


def test_overdue_only_after_the_deadline_and_until_the_report_is_complete():
    due = DAY + timedelta(days=3)
    gift = Record(True, ethics.OVER_GIFT_LIMIT, due)
    assert not ethics.overdue(gift, due)  # the last day is still in time
    assert ethics.overdue(gift, due + timedelta(days=1))
    assert not ethics.overdue(replace(gift, reported_to_supervisor_on=due), due + timedelta(days=9))
    # an interested giver's gift also needs the ethics unit's notification
    interest = Record(True, ethics.INTEREST, due, reported_to_supervisor_on=DAY)
    assert ethics.overdue(interest, due + timedelta(days=1))
    assert not ethics.overdue(replace(interest, ethics_unit_notified_on=DAY), due + timedelta(days=1))
    assert not ethics.overdue(Record(False, ethics.WITHIN_CUSTOM, None), due + timedelta(days=100))


def test_thresholds_come_from_the_settings():
    rules = Thresholds.from_config(
        {
            "GIFT_MIN_VALUE": 300,
            "GIFT_GROUP_MIN_VALUE": 600,
            "GIFT_SOCIAL_LIMIT": 2000,
            "GIFT_YEARLY_LIMIT_PER_GIVER": 5000,
            "GIFT_REPORT_DAYS": 5,
        }
    )
    assert ethics.needs_report(received(2500), 2500, rules) == (True, ethics.OVER_GIFT_LIMIT)
    assert ethics.needs_report(received(400, interest=True), 400, rules) == (True, ethics.INTEREST)
    assert ethics.needs_report(received(1000), 5001, rules) == (True, ethics.OVER_YEARLY_LIMIT)
    assert ethics.report_due_on(DAY, rules) == date(2026, 3, 9)  # five working days: the next Monday
    assert Thresholds.from_config({}) == Thresholds()


def test_cumulative_totals_follow_the_order_of_receipt():
    @dataclass
    class G:
        id: int
        exchanged_on: date
        estimated_value: int

    gifts = [G(3, date(2026, 5, 1), 4000), G(1, date(2026, 2, 1), 3000), G(2, date(2026, 5, 1), 3500)]
    assert ethics.cumulative_totals(gifts) == {1: 3000, 2: 6500, 3: 10500}


# ---- properties -------------------------------------------------------------------------------------------

values = st.integers(min_value=0, max_value=200_000)
thresholds = st.builds(
    Thresholds,
    min_value=st.integers(0, 2000),
    group_min_value=st.integers(0, 4000),
    social_limit=st.integers(0, 20_000),
    yearly_limit=st.integers(0, 100_000),
    report_days=st.integers(0, 30),
)
facts = st.builds(
    GiftFacts,
    direction=st.just("received"),
    estimated_value=values,
    exchanged_on=st.dates(date(2000, 1, 1), date(2100, 12, 31)),
    giver_has_interest=st.booleans(),
    official_courtesy=st.booleans(),
    to_many_staff=st.booleans(),
)


@given(facts, values, thresholds)
def test_the_city_s_own_gifts_never_need_a_report(gift, extra, rules):
    assert ethics.needs_report(replace(gift, direction="given"), gift.estimated_value + extra, rules) == (
        False,
        ethics.NOT_RECEIVED,
    )


@given(facts, values, values, thresholds)
def test_more_value_never_removes_a_report(gift, more, extra, rules):
    total = gift.estimated_value + extra
    needed, _ = ethics.needs_report(gift, total, rules)
    richer = replace(gift, estimated_value=gift.estimated_value + more)
    assert needed <= ethics.needs_report(richer, total + more, rules)[0]


@given(facts, values, values, thresholds)
def test_a_larger_yearly_total_never_removes_a_report(gift, extra, more, rules):
    total = gift.estimated_value + extra
    assert ethics.needs_report(gift, total, rules)[0] <= ethics.needs_report(gift, total + more, rules)[0]


@given(facts, values, thresholds)
def test_an_interest_never_removes_and_courtesy_never_adds_a_report(gift, extra, rules):
    total = gift.estimated_value + extra
    without = ethics.needs_report(replace(gift, giver_has_interest=False), total, rules)[0]
    with_interest = ethics.needs_report(replace(gift, giver_has_interest=True), total, rules)[0]
    assert without <= with_interest
    courteous = ethics.needs_report(replace(gift, official_courtesy=True), total, rules)[0]
    plain = ethics.needs_report(replace(gift, official_courtesy=False), total, rules)[0]
    assert courteous <= plain


@given(facts, values, thresholds)
def test_reasons_are_consistent_with_the_verdict(gift, extra, rules):
    total = gift.estimated_value + extra
    needed, reason = ethics.needs_report(gift, total, rules)
    assert needed == (reason in ethics.REPORT_REASONS)
    if gift.estimated_value > rules.social_limit:
        assert needed
    if total > rules.yearly_limit:
        assert needed
    if reason == ethics.INTEREST:
        assert gift.giver_has_interest and not gift.official_courtesy
        assert not ethics.is_minor(gift, rules)
    if not needed:
        assert gift.estimated_value <= rules.social_limit and total <= rules.yearly_limit


@given(facts, values, thresholds, st.integers(-40, 40))
def test_overdue_exactly_when_needed_unreported_and_past_the_deadline(gift, extra, rules, offset):
    assessment = ethics.assess(gift, gift.estimated_value + extra, rules)
    record = Record(assessment.needs_report, assessment.reason, assessment.due_on)
    deadline = assessment.due_on or gift.exchanged_on
    today = deadline + timedelta(days=offset)
    assert ethics.overdue(record, today) == (assessment.needs_report and offset > 0)
    reported = replace(
        record, reported_to_supervisor_on=gift.exchanged_on, ethics_unit_notified_on=gift.exchanged_on
    )
    assert not ethics.overdue(reported, today)
