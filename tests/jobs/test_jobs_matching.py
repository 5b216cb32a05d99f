"""The matching rules as a table (docs/decisions/0019-job-matching-rules.md): pure functions,
no database."""

import pytest

from shiliu.jobs.matching import MINIMUM, Side, monthly, pay_fits, rank, score, shared_levels

DISTRICT = "00000001"
DAQI = DISTRICT + "00000002"
XIESHU = DAQI + "00000003"
JIUFENG = DAQI + "00000004"
XINQI = DISTRICT + "00000005"
DAGANG = XINQI + "00000006"
FACTORY = XIESHU + "00000007"  # an enterprise below the community


def side(skills=(), languages=(), place=None, pay=(None, None)) -> Side:
    return Side(skills=frozenset(skills), languages=frozenset(languages), place_path=place, pay_min=pay[0],
                pay_max=pay[1])


@pytest.mark.parametrize(("a", "b", "levels"), [
    (XIESHU, XIESHU, 3), (XIESHU, FACTORY, 3), (XIESHU, JIUFENG, 2), (XIESHU, DAQI, 2), (XIESHU, DAGANG, 1),
    (DAQI, XINQI, 1), (XIESHU, None, 0), (None, None, 0), ("00000009", XIESHU, 0),
])
def test_shared_levels_of_two_places(a, b, levels):
    assert shared_levels(a, b) == levels


@pytest.mark.parametrize(("wished", "offered", "fits"), [
    ((5000, 8000), (5500, 7500), True),   # inside
    ((5000, 8000), (3000, 5000), True),   # touches the lowest wish
    ((5000, 8000), (8000, 9000), True),   # touches the highest wish
    ((5000, 8000), (3000, 4999), False),  # below
    ((5000, 8000), (8001, 9000), False),  # above
    ((5000, None), (3000, 6000), True),   # open top
    ((None, 4000), (4500, 6000), False),  # above an upper limit only
    ((None, None), (4500, 6000), False),  # no wish: no points
])
def test_pay_fits(wished, offered, fits):
    assert pay_fits(side(pay=wished), side(pay=offered)) is fits


def test_monthly_pay_of_hours_and_days():
    assert monthly(30, "hour") == 30 * 174
    assert monthly(200, "day") == 200 * 21.75
    assert monthly(6000, "month") == 6000
    assert monthly(None, "month") is None


@pytest.mark.parametrize(("seeker", "posting", "points", "reasons"), [
    (side(["assembly"], ["uyghur"], XIESHU, (5000, 8000)), side(["assembly"], ["uyghur"], XIESHU, (5500, 7500)),
     10 + 30 + 20 + 20, ["skills: Assembly line work", "same community", "speaks Uyghur", "pay fits"]),
    (side(["assembly", "welding", "sewing", "cooking"], [], JIUFENG),
     side(["assembly", "welding", "sewing", "cooking"], [], XIESHU), 30 + 20, None),  # skills capped at 30
    (side([], ["mandarin", "uyghur"], DAGANG), side([], ["mandarin"], XIESHU), 10 + 20,
     ["same district", "speaks Mandarin"]),
    (side(["cooking"], ["tibetan"], XIESHU, (9000, 12000)), side(["assembly"], ["uyghur"], None, (3000, 5000)),
     0, []),
])
def test_score_points_and_reasons(seeker, posting, points, reasons, settings):
    settings.LANGUAGE_CODE = "en"
    from django.utils import translation

    with translation.override("en"):
        match = score(seeker, posting)
    assert match.score == points
    if reasons is not None:
        assert match.reasons == reasons


def test_rank_keeps_the_best_above_the_minimum_in_order():
    seeker = side(["assembly"], ["uyghur"], XIESHU, (5000, 8000))
    pairs = [
        ("district only", seeker, side([], [], DAGANG)),            # 10: below the minimum
        ("same community", seeker, side([], [], XIESHU)),           # 30
        ("all", seeker, side(["assembly"], ["uyghur"], XIESHU, (6000, 7000))),  # 80
        ("same subdistrict, pay", seeker, side([], [], JIUFENG, (6000, 7000))),  # 40
    ]
    ranked = rank(pairs, limit=2)
    assert [item for item, _m in ranked] == ["all", "same subdistrict, pay"]
    assert all(m.score >= MINIMUM for _i, m in rank(pairs))
    assert "district only" not in [item for item, _m in rank(pairs)]


def test_matching_reads_nothing_about_a_person_but_skills_place_languages_pay():
    """A2: the seeker's side has no field for ethnicity or religion to read."""
    assert set(Side.__dataclass_fields__) == {"skills", "languages", "place_path", "pay_min", "pay_max"}
