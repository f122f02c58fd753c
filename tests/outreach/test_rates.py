"""Activation rates: willing residents per home, cumulative up to a day, per area, per
neighbourhood (over the areas where rounds have begun and homes are known) and per month."""

from datetime import date

import pytest

from app.outreach.rates import months_between
from app.outreach.services import activation_rates
from tests.factories import make_neighbourhood
from tests.outreach.factories import make_area, make_record

START, END = date(2026, 1, 1), date(2026, 3, 31)
JAN, FEB, MAR = date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)


@pytest.fixture
def hood():
    """Four areas: Akker (100 homes, rounds before, in and after the period), Beuk (50 homes,
    first round in March), Ceder (homes unknown) and Dahlia (200 homes, no rounds)."""
    hood = make_neighbourhood("Kruiskamp")
    akker = make_area(hood, "Akkerstraat", homes=100)
    make_record(akker, date(2025, 12, 1), willing=1, meetings=1, attendance=9)
    make_record(akker, date(2026, 1, 1), willing=2)
    make_record(akker, date(2026, 2, 5), willing=3, house_visits=2)
    make_record(akker, date(2026, 4, 1), willing=40)  # after the end: not counted
    make_record(make_area(hood, "Beukflat", homes=50), date(2026, 3, 31), willing=4)
    make_record(make_area(hood, "Cederhof", homes=None), date(2026, 2, 1), willing=5)
    make_area(hood, "Dahliaweg", homes=200)
    return hood


def test_an_areas_rate_is_its_willing_residents_up_to_the_end_per_home(hood):
    akker, beuk, ceder, dahlia = activation_rates([hood.id], START, END)[hood.id].areas
    assert (akker.name, akker.homes, akker.willing, akker.rate) == ("Akkerstraat", 100, 6, 0.06)
    assert akker.monthly == [(JAN, 0.03), (FEB, 0.06), (MAR, 0.06)]
    assert akker.monthly_willing == [3, 6, 6]
    assert akker.period["willing_to_act"] == 5 and akker.totals["willing_to_act"] == 6
    assert akker.totals["meetings"] == 1 and akker.period["meetings"] == 0
    assert akker.period["house_visits"] == 2 and akker.started == (2025, 12)
    assert (beuk.rate, beuk.monthly) == (0.08, [(JAN, None), (FEB, None), (MAR, 0.08)])
    assert (ceder.homes, ceder.willing, ceder.rate) == (None, 5, None)
    assert ceder.monthly == [(JAN, None), (FEB, None), (MAR, None)]
    assert (dahlia.willing, dahlia.rate, dahlia.started) == (0, 0.0, None)
    assert [rate for _m, rate in dahlia.monthly] == [None, None, None]


def test_the_neighbourhood_counts_the_areas_where_rounds_began_and_homes_are_known(hood):
    rates = activation_rates([hood.id], START, END)[hood.id]
    # Akker and Beuk: 6 + 4 willing of 100 + 50 homes; Ceder has no homes, Dahlia no rounds.
    assert (rates.homes, rates.willing, rates.rate) == (150, 10, 10 / 150)
    assert rates.willing_without_homes == 5
    # Beuk counts from March: January and February are Akker alone.
    assert rates.monthly == [(JAN, 0.03), (FEB, 0.06), (MAR, 10 / 150)]
    assert rates.monthly_willing == [3, 6, 10]
    assert rates.totals["willing_to_act"] == 15 and rates.period["willing_to_act"] == 14
    assert rates.totals["attendance"] == 9


def test_a_neighbourhood_without_areas_or_rounds_has_no_rate(hood):
    empty, only_homes = make_neighbourhood("Leeg"), make_neighbourhood("Alleen woningen")
    make_area(only_homes, "Nieuwe straat", homes=80)
    rates = activation_rates([empty.id, only_homes.id, hood.id], START, END)
    for nid in (empty.id, only_homes.id):
        assert (rates[nid].homes, rates[nid].willing, rates[nid].rate) == (None, 0, None)
        assert rates[nid].monthly == [(JAN, None), (FEB, None), (MAR, None)]
    assert rates[only_homes.id].areas[0].rate == 0.0
    assert activation_rates([], START, END) == {}


def test_the_end_day_counts_and_a_day_later_does_not(hood):
    before = activation_rates([hood.id], START, date(2026, 3, 30))[hood.id]
    assert before.willing == 6 and before.homes == 100  # Beuk's round is on the 31st
    assert activation_rates([hood.id], START, date(2026, 4, 1))[hood.id].willing == 50


def test_the_rates_take_two_statements_whatever_the_number_of_areas(hood, count_statements, app):
    other = make_neighbourhood("Schothorst")
    for n in range(20):
        make_record(make_area(other, f"Straat {n}"), date(2026, 1, 5), willing=1)
    with count_statements() as counter:
        rates = activation_rates([hood.id, other.id], START, END)
    assert len(counter.statements) <= 2
    assert rates[other.id].rate == 20 / 2000


def test_an_end_before_the_start_is_a_programming_error(hood):
    with pytest.raises(ValueError):
        activation_rates([hood.id], END, START)


def test_months_run_over_the_turn_of_the_year():
    assert months_between(date(2025, 11, 15), date(2026, 2, 1)) == [
        date(2025, 11, 1),
        date(2025, 12, 1),
        date(2026, 1, 1),
        date(2026, 2, 1),
    ]
    assert months_between(date(2026, 3, 5), date(2026, 3, 9)) == [date(2026, 3, 1)]
