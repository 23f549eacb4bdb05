"""The gift rules of the public servants' ethics code (公務員廉政倫理規範), as plain functions.

How the rules are read here (points 2, 4 and 5 of the code):

* Only gifts *received* by the city's people are concerned; gifts the city gives are not.
* A gift from someone with an interest in the receiver's duties (與其職務有利害關係者) must be refused or
  returned, reported to the supervisor and notified to the ethics unit (政風) -- unless it is occasional and
  official courtesy (公務禮儀: receiving foreign guests is), or worth at most NT$500 (at most NT$1,000 in total
  when given to many staff together). Reason ``interest``.
* Any gift (whether or not the giver has an interest, once it may be accepted) beyond normal social custom
  must be reported to the supervisor: worth more than NT$3,000 (``over_gift_limit``), or taking the year's
  gifts from the same giver to the same receiver beyond NT$10,000 (``over_yearly_limit``; the gift that crosses
  the limit is the one reported, earlier ones stay as they were).
* The report is due within 3 days of receipt (受贈之日起三日內; the day of receipt is not counted).
* A report is complete with the date it reached the supervisor, and, for ``interest`` gifts, the date the
  ethics unit was notified.

The thresholds come from the settings (GIFT_* in intl/config.py); nothing here reads the clock or the database.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from ..workdays.calendar import add_working_days

# Reasons a received gift needs a report; the others say why it does not.
INTEREST = "interest"
OVER_GIFT_LIMIT = "over_gift_limit"
OVER_YEARLY_LIMIT = "over_yearly_limit"
REPORT_REASONS = (INTEREST, OVER_GIFT_LIMIT, OVER_YEARLY_LIMIT)
NOT_RECEIVED = "not_received"
OFFICIAL_COURTESY = "official_courtesy"
MINOR_VALUE = "minor_value"
WITHIN_CUSTOM = "within_custom"


@dataclass(frozen=True)
class Thresholds:
    min_value: int = 500  # NT$: a gift from an interested giver this small may be accepted
    group_min_value: int = 1000  # NT$: the same, in total, for a gift to many staff together
    social_limit: int = 3000  # NT$ per gift: normal social custom
    yearly_limit: int = 10000  # NT$ a year from one giver
    report_days: int = 3

    @classmethod
    def from_config(cls, config: Mapping) -> Thresholds:
        return cls(
            min_value=int(config.get("GIFT_MIN_VALUE", cls.min_value)),
            group_min_value=int(config.get("GIFT_GROUP_MIN_VALUE", cls.group_min_value)),
            social_limit=int(config.get("GIFT_SOCIAL_LIMIT", cls.social_limit)),
            yearly_limit=int(config.get("GIFT_YEARLY_LIMIT_PER_GIVER", cls.yearly_limit)),
            report_days=int(config.get("GIFT_REPORT_DAYS", cls.report_days)),
        )


@dataclass(frozen=True)
class GiftFacts:
    """What the rules look at; a Gift record provides the same attributes."""

    direction: str  # "given" or "received"
    estimated_value: int
    exchanged_on: date
    giver_has_interest: bool | None = False
    official_courtesy: bool = False
    to_many_staff: bool = False


@dataclass(frozen=True)
class Assessment:
    needs_report: bool
    reason: str
    due_on: date | None  # when the report is due, if one is needed

    @property
    def must_refuse(self) -> bool:
        """The gift may not be kept by the receiver: refuse or return it (or hand it to the ethics unit)."""
        return self.reason == INTEREST


def is_minor(gift, thresholds: Thresholds) -> bool:
    limit = thresholds.group_min_value if gift.to_many_staff else thresholds.min_value
    return (gift.estimated_value or 0) <= limit


def needs_report(gift, same_giver_total_this_year: int, thresholds: Thresholds) -> tuple[bool, str]:
    """Whether a gift must be reported, and why (one of REPORT_REASONS) or why not.

    `same_giver_total_this_year` is the value of the gifts the same receiver had from the same giver in the
    gift's calendar year up to and including this one.
    """
    if gift.direction != "received":
        return False, NOT_RECEIVED
    value = gift.estimated_value or 0
    if gift.giver_has_interest and not gift.official_courtesy and not is_minor(gift, thresholds):
        return True, INTEREST
    if value > thresholds.social_limit:
        return True, OVER_GIFT_LIMIT
    if max(same_giver_total_this_year, value) > thresholds.yearly_limit:
        return True, OVER_YEARLY_LIMIT
    if gift.giver_has_interest and gift.official_courtesy:
        return False, OFFICIAL_COURTESY
    if gift.giver_has_interest:
        return False, MINOR_VALUE
    return False, WITHIN_CUSTOM


def report_due_on(received_on: date, thresholds: Thresholds) -> date:
    """'Within 3 days' in the office's working days (a gift received before a long weekend is due after it)."""
    return add_working_days(received_on, thresholds.report_days)


def assess(gift, same_giver_total_this_year: int, thresholds: Thresholds) -> Assessment:
    needed, reason = needs_report(gift, same_giver_total_this_year, thresholds)
    return Assessment(needed, reason, report_due_on(gift.exchanged_on, thresholds) if needed else None)


def report_complete(gift) -> bool:
    """Whether the report the gift's reason calls for has been made (the gift's stored assessment)."""
    if gift.reported_to_supervisor_on is None:
        return False
    return gift.report_reason != INTEREST or gift.ethics_unit_notified_on is not None


def overdue(gift, today: date) -> bool:
    """A needed report still missing after its deadline."""
    return (
        bool(gift.needs_report)
        and gift.report_due_on is not None
        and today > gift.report_due_on
        and not report_complete(gift)
    )


def cumulative_totals(gifts) -> dict[int, int]:
    """For gifts from one giver to one receiver in one year: gift id -> total up to and including it,
    in order of date (then id). Archived gifts should not be passed."""
    totals, running = {}, 0
    for gift in sorted(gifts, key=lambda g: (g.exchanged_on, g.id)):
        running += gift.estimated_value or 0
        totals[gift.id] = running
    return totals
