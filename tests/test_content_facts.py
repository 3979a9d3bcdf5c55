"""The packaged content carries the facts sheet's figures exactly, and marks the rest as app's.

One row per exercise, taken from ``shared/source/exercise-facts.md``: if a content file
drifts from the source (a hold of 5 s becomes 6, twice a day goes missing), a row fails.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import pytest

from backcoach.core.content_loader import CatalogLoad, load_catalog, packaged_content_dir
from backcoach.core.content_models import Amount, Catalog, Exercise
from backcoach.core.describe import describe_dosage
from backcoach.core.history_models import History
from backcoach.core.plan import build_plan

Figure = int | tuple[int, int]  # a number, or a (low, high) range


@dataclass(frozen=True)
class Facts:
    id: str
    order: int
    name: str
    sets: int
    reps: Figure | None  # None: the source gives no figure (pelvic tilt starts at an app default)
    holds: tuple[Figure, ...]  # the timed holds of one rep, in order
    sides: str
    rest_between_sets: int | None  # the source's figure (only the bridge has one)
    times_per_day: int | None


FACTS = [
    Facts("bridges", 1, "Bridges", 3, 15, (), "none", 60, None),
    Facts("knee-to-chest", 2, "Knee-to-chest stretch", 1, (2, 3), (5,), "alternating", None, 2),
    Facts(
        "lower-back-rotation",
        3,
        "Lower back rotational stretch",
        1,
        (2, 3),
        ((5, 10),),
        "alternating",
        None,
        2,
    ),
    Facts("draw-in", 4, "Draw-in maneuver", 1, 5, (5,), "none", None, None),
    Facts("pelvic-tilt", 5, "Pelvic tilt", 1, None, (5, 5), "none", None, None),
    Facts("lateral-leg-lifts", 6, "Lying lateral leg lifts", 3, 10, (2,), "each_side", None, None),
    Facts("cat-stretch", 7, "Cat stretch", 1, (3, 5), (), "none", None, 2),
    Facts("superman", 8, "Superman", 1, 10, (2,), "none", None, None),
    Facts(
        "seated-rotation",
        9,
        "Seated lower back rotational stretch",
        1,
        (3, 5),
        (10,),
        "alternating",
        None,
        2,
    ),
    Facts("partial-curls", 10, "Partial curls", 3, 10, (5,), "none", None, None),
]


@pytest.fixture(scope="module")
def packaged() -> CatalogLoad:
    return load_catalog(None)


@pytest.fixture(scope="module")
def catalog(packaged: CatalogLoad) -> Catalog:
    return packaged.catalog


def assert_source_figure(amount: Amount | None, expected: Figure) -> None:
    assert amount is not None
    low, high = expected if isinstance(expected, tuple) else (expected, expected)
    assert (amount.low, amount.high) == (low, high)
    assert amount.low <= amount.default <= amount.high
    assert amount.origin == "source"


def test_packaged_content_has_no_problems(packaged: CatalogLoad) -> None:
    assert packaged.problems == []
    assert packaged.content_dir == packaged_content_dir()


def test_exactly_the_ten_exercises_in_the_sheets_order(catalog: Catalog) -> None:
    assert [e.id for e in catalog.ordered_exercises()] == [f.id for f in FACTS]


@pytest.mark.parametrize("facts", FACTS, ids=[f.id for f in FACTS])
def test_dosage_matches_the_facts_sheet(catalog: Catalog, facts: Facts) -> None:
    exercise = catalog.exercises[facts.id]
    dosage = exercise.dosage
    assert exercise.name == facts.name
    assert exercise.order == facts.order
    assert (dosage.sets.low, dosage.sets.high) == (facts.sets, facts.sets)
    if facts.sets > 1:
        assert dosage.sets.origin == "source"
    if facts.reps is not None:
        assert_source_figure(dosage.reps, facts.reps)
    holds = [phase.seconds for phase in exercise.rep if phase.kind == "hold"]
    assert len(holds) == len(facts.holds)
    for hold, expected in zip(holds, facts.holds, strict=True):
        assert_source_figure(hold, expected)
    assert dosage.sides == facts.sides
    if facts.sides != "none":
        assert dosage.side_labels is not None
        assert dosage.side_labels[0] != dosage.side_labels[1]
    if facts.rest_between_sets is not None:
        assert_source_figure(dosage.rest_between_sets, facts.rest_between_sets)
    elif dosage.rest_between_sets is not None:
        assert dosage.rest_between_sets.origin == "app"
    if facts.times_per_day is None:
        assert dosage.times_per_day is None
    else:
        assert_source_figure(dosage.times_per_day, facts.times_per_day)


@pytest.mark.parametrize("facts", FACTS, ids=[f.id for f in FACTS])
def test_figures_the_source_does_not_give_are_marked_app(catalog: Catalog, facts: Facts) -> None:
    exercise = catalog.exercises[facts.id]
    for phase in exercise.rep:
        if phase.kind != "hold":  # the pace of moves, breaths and relaxing is the app's
            assert phase.seconds is None or phase.seconds.origin == "app", phase.cue
        # Only a rest the app adds between reps (an app-timed relax) may point at no step.
        app_added = (
            phase.kind == "relax" and phase.seconds is not None and phase.seconds.origin == "app"
        )
        assert phase.step is not None or app_added, phase.cue
    dosage = exercise.dosage
    for rest in (dosage.rest_between_reps, dosage.rest_between_sides):
        assert rest is None or rest.origin == "app"


def test_pelvic_tilt_builds_up_to_30_from_an_app_start(catalog: Catalog) -> None:
    tilt = catalog.exercises["pelvic-tilt"]
    assert tilt.progression is not None
    assert_source_figure(tilt.progression.max_reps, 30)
    assert tilt.progression.start_reps.origin == "app"
    assert tilt.progression.step_per_day.origin == "app"
    assert tilt.dosage.reps.origin == "app"
    assert tilt.dosage.reps.default == tilt.progression.start_reps.default
    others = [e.id for e in catalog.exercises.values() if e.progression is not None]
    assert others == ["pelvic-tilt"]


def test_draw_in_rep_is_breathe_in_breathe_out_hold_relax(catalog: Catalog) -> None:
    phases = catalog.exercises["draw-in"].rep
    assert [(p.kind, p.breath) for p in phases] == [
        ("breathe", "in"),
        ("breathe", "out"),
        ("hold", None),
        ("relax", None),
    ]
    assert "bellybutton" in phases[1].cue


def test_bridge_rests_a_minute_between_sets(catalog: Catalog) -> None:
    rest = catalog.exercises["bridges"].dosage.rest_between_sets
    assert rest is not None
    assert (rest.default, rest.origin) == (60, "source")


def test_superman_warns_to_keep_the_head_straight(catalog: Catalog) -> None:
    superman = catalog.exercises["superman"]
    caution = " ".join(superman.cautions).lower()
    assert "head straight" in caution
    assert "floor" in caution
    assert "neck" in caution


@pytest.mark.parametrize(
    ("exercise_id", "words"),
    [
        ("bridges", ["gluteus maximus"]),
        ("draw-in", ["transversus abdominis"]),
        ("lateral-leg-lifts", ["hip abductors", "about 18 in (46 cm"]),
        ("superman", ["back extensors", "about 6 in (15 cm"]),
        ("partial-curls", ["abdominal", "2 in (5 cm"]),
        ("seated-rotation", ["stool", "10 seconds"]),
    ],
)
def test_key_facts_are_in_the_text(catalog: Catalog, exercise_id: str, words: list[str]) -> None:
    exercise = catalog.exercises[exercise_id]
    text = " ".join([exercise.works, exercise.why, exercise.start_position, *exercise.steps])
    for word in words:
        assert word in text, word


def test_every_exercise_is_fully_described(catalog: Catalog) -> None:
    for exercise in catalog.exercises.values():
        assert exercise.works and exercise.why and exercise.start_position
        assert len(exercise.steps) >= 3
        assert exercise.rep


def test_routines_daily_stretches_strength(catalog: Catalog) -> None:
    routines = catalog.routines
    assert routines["daily"].exercises == [f.id for f in FACTS]
    twice_a_day = {f.id for f in FACTS if f.times_per_day == 2}
    assert set(routines["stretches"].exercises) == twice_a_day
    assert set(routines["strength"].exercises) == {
        "bridges",
        "draw-in",
        "lateral-leg-lifts",
        "superman",
        "partial-curls",
    }
    assert all(routine.description for routine in routines.values())


def test_about_credits_the_source_and_carries_the_safety_facts(catalog: Catalog) -> None:
    about = catalog.about
    for fact in [
        "Exercises to ease lower back pain",
        "Medical News Today",
        "Bethany Cadman",
        "Gregory Minnis, DPT",
        "24 January 2020",
    ]:
        assert fact in about.source
    assert "not medical advice" in about.disclaimer
    safety = " ".join(about.safety).lower()
    assert "stop it at once and consult a doctor" in safety
    assert "severe" in safety
    assert "posture" in safety and "heavy" in safety
    assert len(about.general) == 3


EXPECTED_SUMMARY = {
    "bridges": "3 sets x 15 reps, rest 3 s between reps, rest 60 s between sets",
    "knee-to-chest": (
        "2-3 reps per side, alternating (left leg / right leg), hold 5 s, twice a day"
    ),
    "lower-back-rotation": (
        "2-3 reps per side, alternating (left / right), hold 5-10 s, twice a day"
    ),
    "draw-in": "5 reps, hold 5 s",
    "pelvic-tilt": "10 reps, 2 holds of 5 s; 1 more rep each day, up to 30",
    "lateral-leg-lifts": (
        "3 sets x 10 reps per side (left leg then right leg), hold 2 s, "
        "rest 10 s between sides, rest 30 s between sets"
    ),
    "cat-stretch": "3-5 reps, twice a day",
    "superman": "10 reps, hold 2 s",
    "seated-rotation": "3-5 reps per side, alternating (right / left), hold 10 s, twice a day",
    "partial-curls": "3 sets x 10 reps, hold 5 s, rest 60 s between sets",
}


@pytest.mark.parametrize(("exercise_id", "summary"), EXPECTED_SUMMARY.items())
def test_describe_dosage(catalog: Catalog, exercise_id: str, summary: str) -> None:
    assert describe_dosage(catalog.exercises[exercise_id]) == summary


def test_describe_dosage_marks_app_defaults_on_request(catalog: Catalog) -> None:
    exercise: Exercise = catalog.exercises["pelvic-tilt"]
    assert describe_dosage(exercise, marks=True).startswith("10* reps, 2 holds of 5 s;")
    curls = describe_dosage(catalog.exercises["partial-curls"], marks=True)
    assert curls.endswith("rest 60 s* between sets")
    bridges = describe_dosage(catalog.exercises["bridges"], marks=True)
    assert "rest 3 s* between reps, rest 60 s between sets" in bridges
    legs = describe_dosage(catalog.exercises["lateral-leg-lifts"], marks=True)
    assert "rest 10 s* between sides, rest 30 s* between sets" in legs


def test_draw_in_steps_are_the_sources_and_its_relax_is_the_apps(catalog: Catalog) -> None:
    draw_in = catalog.exercises["draw-in"]
    assert len(draw_in.steps) == 3, "breathe in, breathe out drawing in, hold 5 s"
    assert not any("relax" in step.lower() for step in draw_in.steps)
    relax = draw_in.rep[-1]
    assert relax.kind == "relax" and relax.step is None
    assert relax.seconds is not None and relax.seconds.origin == "app"


def exercise_texts(exercise: Exercise) -> list[str]:
    """Every text of an exercise a user reads or hears."""
    return [
        exercise.works,
        exercise.why,
        exercise.start_position,
        *exercise.steps,
        *exercise.cautions,
        *(phase.cue for phase in exercise.rep),
    ]


def test_lengths_are_given_inches_first_everywhere(catalog: Catalog) -> None:
    for exercise in catalog.exercises.values():
        for text in exercise_texts(exercise):
            assert "inches" not in text, text
            assert not re.search(r"\d+ cm \(", text), f"centimetres first: {text}"


#: The article gives inches only: a metric figure is the app's conversion and says so.
CONVERSION = re.compile(r"(\d+) in \((\d+) cm(, the app's conversion)?\)")
CENTIMETRES = 2.54


def test_every_conversion_is_rounded_correctly_and_marked_as_the_apps(catalog: Catalog) -> None:
    found = 0
    for exercise in catalog.exercises.values():
        for text in exercise_texts(exercise):
            conversions = CONVERSION.findall(text)
            assert len(conversions) == text.count(" cm"), f"cm not after inches: {text}"
            for inches, centimetres, marked in conversions:
                assert int(centimetres) == round(int(inches) * CENTIMETRES), text
                assert marked, f"not marked as the app's conversion: {text}"
                found += 1
    # 18 in (steps and cue), 6 in (step and cue), 2 in (step, caution and cue).
    assert found == 7


def test_the_leg_lift_is_46_cm_not_the_facts_sheets_45(catalog: Catalog) -> None:
    """18 in is 45.72 cm: rounded, 46 (the facts sheet's 45 was cut off, not rounded)."""
    legs = catalog.exercises["lateral-leg-lifts"]
    texts = [legs.steps[1], legs.rep[1].cue]
    assert all("18 in (46 cm, the app's conversion)" in text for text in texts), texts
    assert not any("45 cm" in text for text in exercise_texts(legs))


#: Where the article hedges ("can help", "can"), the content hedges too (issue 11's audit).
HEDGED = [
    "knee-to-chest",
    "lower-back-rotation",
    "pelvic-tilt",
    "lateral-leg-lifts",
    "cat-stretch",
    "superman",
    "partial-curls",
]
#: Claims the article does not make, and figures it gives without "about".
NOT_IN_THE_ARTICLE = [
    ("pelvic-tilt", "often get tight"),
    ("draw-in", "more support"),
    ("lateral-leg-lifts", "help your balance and your mobility"),
    ("partial-curls", "about 2 in"),
]


@pytest.mark.parametrize("exercise_id", HEDGED)
def test_the_content_keeps_the_articles_hedges(catalog: Catalog, exercise_id: str) -> None:
    why = catalog.exercises[exercise_id].why
    assert " can " in f" {why} ", why


@pytest.mark.parametrize(("exercise_id", "words"), NOT_IN_THE_ARTICLE)
def test_the_content_adds_nothing_the_article_does_not_say(
    catalog: Catalog, exercise_id: str, words: str
) -> None:
    exercise = catalog.exercises[exercise_id]
    text = " ".join([exercise.works, exercise.why, *exercise.steps, *exercise.cautions])
    assert words not in text


def test_the_cat_stretch_has_no_caution_the_article_does_not_give(catalog: Catalog) -> None:
    """Its slow relax is a step of the movement, not a caution."""
    assert catalog.exercises["cat-stretch"].cautions == []


def test_the_stretches_routine_does_not_add_a_time_of_day(catalog: Catalog) -> None:
    assert "morning" not in catalog.routines["stretches"].description


def within(value: float, expected: Figure) -> bool:
    low, high = expected if isinstance(expected, tuple) else (expected, expected)
    return low <= value <= high


@pytest.mark.parametrize("hands_free", [False, True], ids=["keys", "hands-free"])
def test_the_ten_minute_routine_takes_10_to_12_minutes_at_the_sources_dosage(
    catalog: Catalog, hands_free: bool
) -> None:
    """Exercises are chosen, none is cut: each runs every set, rep and hold the source
    gives (a range: a figure inside it), and the whole plan is estimated at 10-12 min."""
    routine = catalog.routines["ten-minutes"]
    assert routine.origin == "app"
    assert "app" in routine.description.lower()
    plan = build_plan(
        catalog, History(), date(2026, 11, 25), routine_id="ten-minutes", hands_free=hands_free
    )
    assert plan.left_out == ()
    assert 10 * 60 <= plan.estimated_seconds <= 12 * 60, plan.estimated_seconds / 60
    facts = {f.id: f for f in FACTS}
    for planned in plan.exercises:
        source = facts[planned.exercise.id]
        assert source.reps is not None, "an exercise whose reps grow would not keep its time"
        assert planned.sets == source.sets
        assert within(planned.reps, source.reps), planned.exercise.id
        holds = [phase.seconds for phase in planned.phases if phase.kind == "hold"]
        assert len(holds) == len(source.holds)
        for hold, expected in zip(holds, source.holds, strict=True):
            assert hold is not None and within(hold.default, expected)
        if source.rest_between_sets is not None:
            assert planned.rest_between_sets_s == source.rest_between_sets
    assert [e.exercise.id for e in plan.exercises] == routine.exercises


def test_only_the_apps_own_routine_is_marked_as_the_apps(catalog: Catalog) -> None:
    marked = {r.id for r in catalog.routines.values() if r.origin == "app"}
    assert marked == {"ten-minutes"}


def test_a_routines_times_a_day_says_whose_figure_it_is(catalog: Catalog) -> None:
    """Twice a day for the stretches is the article's; once a day for all ten and for the
    strength ones is the app's (the article says nothing of it), and marked so."""
    routines = catalog.routines
    often = {rid: (r.target_per_day, r.times_per_day.origin) for rid, r in routines.items()}
    assert often == {
        "daily": (1, "app"),
        "stretches": (2, "source"),
        "strength": (1, "app"),
        "ten-minutes": (1, "app"),
    }
    for routine in routines.values():
        if routine.times_per_day.origin == "app":
            assert "once a day" not in routine.description, routine.description


def test_the_general_points_keep_the_articles_hedges(catalog: Catalog) -> None:
    """Strengthening "can" ease and prevent pain; blood flow "may" reduce stiffness; core
    work "can" prevent injury: none is said as a certainty."""
    general = catalog.about.general
    assert len(general) == 3
    for point in general:
        assert re.search(r"\b(can|may)\b", point), point
    assert "may reduce stiffness" in general[1]


def test_the_thresholds_are_the_apps_and_cite_their_basis(catalog: Catalog) -> None:
    """Rule 1's three figures: the app's defaults (never the article's), each naming the
    published work it comes from; the content says what the code falls back to."""
    from backcoach.core.content_models import Thresholds

    thresholds = catalog.about.thresholds
    assert thresholds.severe.pain_from == 8
    assert "Boonstra" in thresholds.severe.cites and "2016" in thresholds.severe.cites
    assert "8 or more" in thresholds.severe.basis
    assert (thresholds.not_easing.days, thresholds.not_easing.min_ratings) == (14, 5)
    assert "NHS inform" in thresholds.not_easing.cites
    assert "no improvement after 2 weeks" in thresholds.not_easing.basis
    assert thresholds.next_day.points == 2
    assert "Thomeé 1997" in thresholds.next_day.cites
    assert "Silbernagel" in thresholds.next_day.cites and "2007" in thresholds.next_day.cites
    assert "next morning" in thresholds.next_day.basis
    assert "app's own figure" in thresholds.next_day.basis
    for threshold in (thresholds.severe, thresholds.not_easing, thresholds.next_day):
        assert threshold.origin == "app"
    fallback = Thresholds()
    assert (fallback.severe.pain_from, fallback.next_day.points) == (8, 2)
    assert (fallback.not_easing.days, fallback.not_easing.min_ratings) == (14, 5)
