"""Dates: time expressions resolved against the publication date, cut to the text's precision."""

from __future__ import annotations

from datetime import date

import pytest

from blocs.extract import dates

MONDAY = date(2016, 12, 5)  # a Monday
THURSDAY = date(2023, 4, 20)  # a Thursday
NEW_YEAR = date(2024, 1, 13)  # a Saturday early in January


@pytest.mark.parametrize(
    "text, published, expected",
    [
        # weekdays: the last such day before publication, to the day
        ("Envoys met at a Saturday session in Doha.", MONDAY, "2016-12-03"),
        ("Shelling resumed on Wednesday night.", MONDAY, "2016-11-30"),
        ("The army launched airstrikes on Monday.", THURSDAY, "2023-04-17"),
        ("The minister spoke on Monday.", MONDAY, "2016-12-05"),
        ("Rebels attacked the base last Saturday.", NEW_YEAR, "2024-01-06"),
        ("Envoys will meet next Tuesday.", MONDAY, "2016-12-06"),
        # a weekday before the calendar day it names is that day
        ("The militia seized the airport on Sunday, 27 November.", MONDAY, "2016-11-27"),
        ("Rebels stormed the garrison on Friday, March 17th.", THURSDAY, "2023-03-17"),
        # day and month: the most recent such date, or the year given
        ("The offensive began on 15 November.", MONDAY, "2016-11-15"),
        ("The truce took effect on November 15.", MONDAY, "2016-11-15"),
        ("Fighting broke out on December 28.", NEW_YEAR, "2023-12-28"),
        # fixed-day holidays: the last one on or before publication, the next one for "next"
        ("Shelling went on through New Year's Eve.", NEW_YEAR, "2023-12-31"),
        ("Insurgents struck a market on Christmas Day.", MONDAY, "2015-12-25"),
        ("Women marched in the capital on International Women’s Day.", THURSDAY, "2023-03-08"),
        ("The talks resume after next Christmas Eve.", MONDAY, "2016-12-24"),
        ("Pilgrims gathered at the shrine on All Saints Day.", MONDAY, "2016-11-01"),
        ("The accord was signed on March 3rd, 2014.", MONDAY, "2014-03-03"),
        ("The deal was signed on 3/15/2016.", MONDAY, "2016-03-15"),
        # months and seasons
        ("Troops began a new push in September.", MONDAY, "2016-09"),
        ("The port was blockaded in December.", NEW_YEAR, "2023-12"),
        ("The army retook the town in early March.", THURSDAY, "2023-03"),
        ("The siege began in May 2015.", MONDAY, "2015-05"),
        ("By summer 2015 the port was encircled.", MONDAY, "2015"),
        ("Drone strikes increased this summer.", MONDAY, "2016"),
        # relative spans
        ("The town has been blockaded since the beginning of this year.", MONDAY, "2016-01"),
        ("Exports collapsed at the end of last year.", THURSDAY, "2022-12"),
        ("Clashes have intensified this year.", THURSDAY, "2023"),
        ("The embassy closed last year.", THURSDAY, "2022"),
        ("Peace talks stalled earlier this month.", THURSDAY, "2023-04"),
        ("The ministers met last month.", NEW_YEAR, "2023-12"),
        ("The convoy was attacked last week.", MONDAY, "2016-11"),
        ("Within a week the militia lost ground.", MONDAY, "2016-11"),
        ("Three days ago the bridge was destroyed.", THURSDAY, "2023-04-17"),
        ("Two months ago the talks collapsed.", NEW_YEAR, "2023-11"),
        ("The uprising began in 2011.", MONDAY, "2011"),
        ("Troops withdrew yesterday.", MONDAY, "2016-12-04"),
        ("The militia has shelled the port since the beginning of the year.", THURSDAY, "2023-01"),
        ("Convoys were stuck by the end of the year.", THURSDAY, "2023-12"),
        ("A day after the border crossing closed, aid ran out.", THURSDAY, "2023-04-19"),
        ("The ceasefire holds today.", MONDAY, "2016-12-05"),
        # a weekend is its Saturday: the last one, the next one for "next"
        ("Gunmen raided two villages over the weekend.", MONDAY, "2016-12-03"),
        ("The envoys met at the weekend.", THURSDAY, "2023-04-15"),
        ("Militias clashed last weekend.", NEW_YEAR, "2024-01-06"),
        ("Talks resume next weekend.", THURSDAY, "2023-04-22"),
        # a month or a day with the year told relative to publication
        ("The garrison surrendered in February last year.", THURSDAY, "2022-02"),
        ("Aid convoys were halted on 2 April last year.", THURSDAY, "2022-04-02"),
        ("Elections are due in January next year.", THURSDAY, "2024-01"),
        # "overnight" is the night before the report; decades count back in years
        ("Drones hit two fuel depots overnight, the governor said.", THURSDAY, "2023-04-19"),
        ("The two states cut ties three decades ago.", THURSDAY, "1993"),
    ],
)
def test_resolves_to_the_precision_the_text_gives(text, published, expected):
    assert dates.resolve(text, published) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Officials said the government may fall.",
        "The army deployed 2,000 troops to the border.",
        "Protesters march on the ministry.",
        "No date is given here.",
        "An overnight curfew was imposed on the city.",
        "Reform will not come overnight.",
        "The mood in the capital changed almost overnight.",
    ],
)
def test_words_that_only_look_like_dates_are_not_dates(text):
    assert dates.resolve(text, MONDAY) is None


def test_relative_dates_need_a_publication_date_but_absolute_ones_do_not():
    assert dates.resolve("on Saturday", None) is None
    assert dates.resolve("in September", None) is None
    assert dates.resolve("in 2011", None) == "2011"
    assert dates.resolve("on 15 November 2015", None) == "2015-11-15"


def test_find_returns_every_expression_with_its_span():
    text = "Forces closed in on the town this year and launched an assault in September."
    found = dates.find(text, MONDAY)
    assert [e.iso for e in found] == ["2016", "2016-09"]
    for e in found:
        assert text[e.start : e.end] == e.text


def test_days_after_count_back_from_the_day_just_named():
    found = dates.find("Rebels entered the town on Saturday, two days after the army withdrew.", THURSDAY)
    assert [e.iso for e in found] == ["2023-04-15", "2023-04-13"]


def test_days_earlier_count_back_from_the_day_just_named():
    found = dates.find("The port fell on 3 April; the rebels had cut the road two days earlier.", THURSDAY)
    assert [e.iso for e in found] == ["2023-04-03", "2023-04-01"]
    found = dates.find("The army had withdrawn the previous day.", THURSDAY, anchor="2023-04-18")
    assert [e.iso for e in found] == ["2023-04-17"]
    assert dates.find("The envoy left the day before.", THURSDAY, anchor="2023-04-18")[0].iso == "2023-04-17"
    assert dates.find("They met the day before the vote.", THURSDAY, anchor="2023-04-18") == []
    assert dates.find("The army had withdrawn the previous day.", THURSDAY) == []  # no day named before


def test_a_named_year_is_not_the_current_year():
    assert dates.resolve("Talks stalled at the end of the year 1994.", THURSDAY) == "1994"
    assert dates.resolve("Two days later the bridge fell.", THURSDAY) is None


def _spans(found):
    return [(m.span(), m.lastgroup, m.groupdict()) for m in found]


@pytest.mark.parametrize(
    "text",
    [
        "Envoys will meet again within just less than a week, aides said.",
        "Prices rose at the beginning of earlier this year and again in mid-March.",
        "The truce held until the middle of late May 2019; by the end of the year it was gone.",
        "A couple of days ago, and several days later, the 5 ministers met on Friday's summit.",
        "In 1999  the  talks\nbroke down, the following day the army moved 12 km.",
        "Mayday calls came this morning; last night and this past Monday were quiet.",
        "The 3rd of Sept. talks, Oct 4, 2020, and Jan. 2021 all failed in overa week.",
        "Nothing here names a time, only 40 troops and 7 tonnes of aid.",
        "Over the weekend and the previous day, two days earlier than last weekend, the day before.",
        "The Mayor said Thesis-minded officials met THE DAY BEFORE, then Sundays_2 and Marching 12 ON Tuesday.",
        "Talks in \u017feptember and on \u212aalends day 3 resumed mid-Dec. and NEW YEAR\u2019S EVE, Valentines Day.",
    ],
)
def test_the_anchored_scan_finds_what_the_full_scan_finds(text):
    assert _spans(dates.matches(text)) == _spans(dates.RX.finditer(text))
    assert _spans(dates.matches(text.upper())) == _spans(dates.RX.finditer(text.upper()))
    assert dates.anchor_starts(text) == [hit.start() for hit in dates.ANCHOR.finditer(text)]


def test_the_scan_skips_words_no_pattern_begins_with():
    whole, beginnings = dates._FIRST, dates._FIRST_OPEN
    assert "" not in beginnings and "said" not in whole and not "said".startswith(beginnings)
    assert {"the", "on", "last", "in", "a"} <= whole  # "the day before", "on Friday", "in March"
