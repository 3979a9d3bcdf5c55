"""The shape of exercise content: what a content file may say, and what it may not.

Every number carries its origin: ``source`` for the article's own figures, ``app`` for
defaults the app chose where the article gives none, ``user`` for a user's override
(say, what their physiotherapist prescribed). The UI shows the origin so a user can
tell them apart.
"""

from __future__ import annotations

import math
from typing import Annotated, Any, ClassVar, Literal, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictFloat,
    StrictInt,
    StringConstraints,
    model_validator,
)

from backcoach.core import safety
from backcoach.core.visible_text import has_control_characters, visible
from backcoach.core.wording import number_text

Origin = Literal["source", "app", "user"]
ExerciseId = Annotated[
    str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", min_length=1, max_length=64)
]


def _no_control_characters(*, keep_layout: bool) -> AfterValidator:
    """Refuse text a terminal would obey (ESC sequences, OSC 52): content is shown as is."""

    def check(text: str) -> str:
        if has_control_characters(text, keep_layout=keep_layout):
            found = next(c for c in text if has_control_characters(c, keep_layout=keep_layout))
            allowed = " (only newline and tab are allowed here)" if keep_layout else ""
            raise ValueError(
                f"holds a control character ({visible(found)} at position {text.index(found) + 1})"
                f"{allowed}; remove it"
            )
        return text

    return AfterValidator(check)


#: Caps on text and list sizes, far above the article's (names 36 characters, paragraphs
#: 207, 6 steps) and low enough that loading and laying out content never freezes.
MAX_NAME_LENGTH = 100
MAX_LINE_LENGTH = 400
MAX_TEXT_LENGTH = 4000
MAX_LIST_ITEMS = 40
MAX_PHASES = 40
MAX_ROUTINE_EXERCISES = 60

#: A name or label: one line, no control character at all.
Name = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_NAME_LENGTH),
    _no_control_characters(keep_layout=False),
]
#: A cue: one line (said aloud and shown in big type).
Line = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_LINE_LENGTH),
    _no_control_characters(keep_layout=False),
]
#: A paragraph: newline and tab allowed, no other control character.
Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT_LENGTH),
    _no_control_characters(keep_layout=True),
]


class _Strict(BaseModel):
    """Content models reject unknown keys, so a typo in a file is reported, not ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class Amount(_Strict):
    """A figure or a range (``2-3 times``), with the value the app uses and its origin.

    In a file it is either a bare number (``reps = 15``) or a table
    (``reps = { low = 2, high = 3, default = 3 }``, ``rest = { value = 30, origin = "app" }``).
    """

    #: Rests may be 0 (no rest); holds, reps and moves must be more than 0.
    zero_allowed: ClassVar[bool] = False
    #: The largest sane figure (None: no limit): far bigger ones would make a session
    #: take hours and building its plan freeze the app, so they are reported instead.
    most: ClassVar[float | None] = None

    low: StrictFloat  # true is not 1, and "5" is not 5
    high: StrictFloat
    default: StrictFloat
    origin: Origin = "source"

    @model_validator(mode="before")
    @classmethod
    def _from_number_or_table(cls, data: Any) -> Any:
        if isinstance(data, bool):
            raise ValueError("expected a number or a table, not true/false")
        if isinstance(data, int | float):
            return {"low": data, "high": data, "default": data}
        if isinstance(data, str):
            raise ValueError(f"expected a number, not the text {data!r}")
        if isinstance(data, dict):
            data = dict(data)
            if "value" in data:
                value = data.pop("value")
                for key in ("low", "high", "default"):
                    if key in data:
                        raise ValueError(f"give either 'value' or '{key}', not both")
                data.update(low=value, high=value, default=value)
            if "low" not in data:
                raise ValueError("give a number, { value = N } or { low = N, high = M }")
            if "high" not in data:
                data["high"] = data["low"]
            if "default" not in data:
                data["default"] = data["low"]
        return data

    @model_validator(mode="after")
    def _check_range(self) -> Self:
        for name in ("low", "high", "default"):
            value = getattr(self, name)
            if not math.isfinite(value):
                raise ValueError(f"{name} must be a finite number, got {value}")
            if value < 0 or (value == 0 and not self.zero_allowed):
                floor = "0 or more" if self.zero_allowed else "more than 0"
                where = "" if self.low == self.high == self.default else f"{name} "
                raise ValueError(f"{where}must be {floor}, got {number_text(value)}")
        if self.most is not None and self.high > self.most:
            where = "" if self.low == self.high == self.default else "high "
            raise ValueError(
                f"{where}must be at most {number_text(self.most)}, got {number_text(self.high)}"
                " (the app's upper limit for this figure)"
            )
        if self.low > self.high:
            raise ValueError(
                f"range low end {number_text(self.low)} is above its high end "
                f"{number_text(self.high)}"
            )
        if not self.low <= self.default <= self.high:
            raise ValueError(
                f"default {number_text(self.default)} is outside the range"
                f" {number_text(self.low)}-{number_text(self.high)}"
            )
        return self

    @property
    def is_range(self) -> bool:
        return self.low != self.high

    def describe(self, unit: str = "") -> str:
        """``15``, ``2-3``, ``5-10 s``: the figure as the source states it."""
        text = (
            f"{number_text(self.low)}-{number_text(self.high)}"
            if self.is_range
            else number_text(self.low)
        )
        return f"{text} {unit}".rstrip() if unit else text


#: Upper limits on figures (see ``Amount.most``).
MAX_SECONDS = 600
MAX_SETS = 20
MAX_REPS = 200
MAX_TIMES_PER_DAY = 10


class SecondsAmount(Amount):
    """A phase's length in seconds (at most ten minutes)."""

    most: ClassVar[float | None] = MAX_SECONDS


class RestAmount(Amount):
    """A rest in seconds: unlike a hold, a rest may be 0 (no rest at all)."""

    zero_allowed: ClassVar[bool] = True
    most: ClassVar[float | None] = MAX_SECONDS


class WholeAmount(Amount):
    """An ``Amount`` of whole things (reps, sets, times a day)."""

    @model_validator(mode="after")
    def _check_whole(self) -> Self:
        for name in ("low", "high", "default"):
            value = getattr(self, name)
            if not float(value).is_integer():
                where = "" if self.low == self.high == self.default else f"{name} "
                raise ValueError(f"{where}must be a whole number, got {number_text(value)}")
        return self


class SetsAmount(WholeAmount):
    most: ClassVar[float | None] = MAX_SETS


class RepsAmount(WholeAmount):
    most: ClassVar[float | None] = MAX_REPS


class TimesAmount(WholeAmount):
    most: ClassVar[float | None] = MAX_TIMES_PER_DAY


PhaseKind = Literal["move", "hold", "breathe", "relax", "confirm"]


class Phase(_Strict):
    """One part of a rep, coached on its own: a movement, a timed hold, a breath, a relax,
    or a step the user confirms at their own pace."""

    kind: PhaseKind
    cue: Line
    seconds: SecondsAmount | None = None
    breath: Literal["in", "out"] | None = None
    step: StrictInt | None = Field(
        default=None, ge=1, description="numbered instruction step to highlight"
    )

    @model_validator(mode="after")
    def _check_timing(self) -> Self:
        if self.kind == "confirm" and self.seconds is not None:
            raise ValueError("a 'confirm' phase waits for the user and takes no seconds")
        if self.kind != "confirm" and self.seconds is None:
            raise ValueError(
                f"a '{self.kind}' phase needs seconds (mark app defaults with origin = \"app\")"
            )
        if self.kind == "breathe" and self.breath is None:
            raise ValueError('a \'breathe\' phase needs breath = "in" or "out"')
        return self


Sides = Literal["none", "each_side", "alternating"]


class Dosage(_Strict):
    """How much: sets, reps, sides, rests, and how often a day."""

    sets: SetsAmount = Field(default_factory=lambda: SetsAmount.model_validate({"value": 1}))
    reps: RepsAmount
    sides: Sides = "none"
    side_labels: tuple[Name, Name] | None = None
    rest_between_reps: RestAmount | None = None
    rest_between_sides: RestAmount | None = None
    rest_between_sets: RestAmount | None = None
    times_per_day: TimesAmount | None = None

    @model_validator(mode="after")
    def _check_sides(self) -> Self:
        if self.sides != "none" and self.side_labels is None:
            raise ValueError(f'sides = "{self.sides}" needs side_labels, e.g. ["left", "right"]')
        if self.sides == "none" and self.side_labels is not None:
            raise ValueError('side_labels given but sides = "none"')
        if self.side_labels is not None and self.side_labels[0] == self.side_labels[1]:
            raise ValueError(f"the two side_labels are the same ({self.side_labels[0]!r})")
        if self.sets.high > 1 and self.rest_between_sets is None:
            raise ValueError("more than one set needs rest_between_sets")
        return self


class Progression(_Strict):
    """Reps that grow a day at a time up to a cap (the pelvic tilt: up to 30)."""

    start_reps: RepsAmount
    step_per_day: RepsAmount
    max_reps: RepsAmount

    @model_validator(mode="after")
    def _check_cap(self) -> Self:
        if self.start_reps.default > self.max_reps.default:
            raise ValueError(
                f"start_reps ({number_text(self.start_reps.default)}) is above"
                f" max_reps ({number_text(self.max_reps.default)})"
            )
        return self


Kind = Literal["stretch", "strength", "stability"]

#: The body's position at the start of an exercise, as the app sorts them: changing from
#: one to another (floor to all fours to a chair) takes longer than staying put.
Position = Literal["on_back", "on_side", "face_down", "hands_and_knees", "sitting"]
POSITION_WORDS: dict[str, str] = {
    "on_back": "on your back",
    "on_side": "on your side",
    "face_down": "face down",
    "hands_and_knees": "on your hands and knees",
    "sitting": "sitting on a chair",
}


class Exercise(_Strict):
    """One exercise, with everything the list, the detail pane and the session need."""

    id: ExerciseId
    name: Name
    order: StrictInt = Field(default=100, ge=-1_000_000, le=1_000_000)
    kind: Kind
    works: Text
    why: Text
    start_position: Text
    # The app's sorting of ``start_position`` (not the source's words); None: not sorted,
    # and the get-ready stays at its usual length.
    position: Position | None = None
    steps: list[Text] = Field(min_length=1, max_length=MAX_LIST_ITEMS)
    cautions: list[Text] = Field(default_factory=list, max_length=MAX_LIST_ITEMS)
    dosage: Dosage
    rep: list[Phase] = Field(min_length=1, max_length=MAX_PHASES)
    progression: Progression | None = None
    source: Text | None = None

    @model_validator(mode="after")
    def _check_progression(self) -> Self:
        """With a progression, sessions start from ``start_reps``: ``dosage.reps`` must
        say the same, or a figure shown to the user would never be used."""
        if self.progression is None:
            return self
        reps, start = self.dosage.reps.default, self.progression.start_reps.default
        if reps != start:
            raise ValueError(
                f"dosage.reps ({number_text(reps)}) differs from progression.start_reps"
                f" ({number_text(start)}); this exercise's reps grow day by day from start_reps,"
                " so give the same number for both"
            )
        return self

    @model_validator(mode="after")
    def _check_steps(self) -> Self:
        for index, phase in enumerate(self.rep, start=1):
            if phase.step is not None and phase.step > len(self.steps):
                raise ValueError(
                    f"rep phase {index} points at step {phase.step},"
                    f" but there are only {len(self.steps)} steps"
                )
        return self

    @property
    def holds_per_rep(self) -> int:
        return sum(1 for phase in self.rep if phase.kind == "hold")


class Routine(_Strict):
    """An ordered list of exercises done together, and how many times a day."""

    id: ExerciseId
    name: Name
    description: Text
    exercises: list[ExerciseId] = Field(min_length=1, max_length=MAX_ROUTINE_EXERCISES)
    #: How often a day: the source's figure (the stretches, twice a day) or the app's
    #: (``{ value = 1, origin = "app" }``: the article gives daily and strength none).
    times_per_day: TimesAmount = Field(
        default_factory=lambda: TimesAmount.model_validate({"value": 1, "origin": "app"})
    )
    #: Who chose the exercises: ``source`` (the article's own grouping), ``app`` (the
    #: app chose them, e.g. to fit a time; each exercise keeps its own figures' origins),
    #: or ``user`` (a routine from the user's file).
    origin: Origin = "source"

    @property
    def target_per_day(self) -> int:
        """The times a day the app counts toward ("Today 1/2")."""
        return int(self.times_per_day.default)

    @model_validator(mode="after")
    def _check_unique(self) -> Self:
        seen: set[str] = set()
        for exercise_id in self.exercises:
            if exercise_id in seen:
                raise ValueError(f"exercise '{exercise_id}' is listed twice")
            seen.add(exercise_id)
        return self


class Threshold(_Strict):
    """A figure the app acts on for the article's rule 1 (see a doctor when the pain is
    severe or does not go away). The article gives no number, so it is always the app's
    (``origin`` can be nothing else), taken from the published work ``cites`` names."""

    origin: Literal["app"] = "app"
    cites: Text  # short, shown beside the figure: "Boonstra et al., Frontiers ..., 2016"
    basis: Text  # what that work says that the figure rests on (help shows it)


class SevereThreshold(Threshold):
    """Pain before a session at or above ``pain_from`` (0-10) counts as severe."""

    pain_from: int = Field(ge=1, le=10)


class NotEasingThreshold(Threshold):
    """Pain that has not eased: the last ``days`` against the ``days`` before them, with
    at least ``min_ratings`` pain-before ratings in each."""

    days: int = Field(ge=7, le=90)
    min_ratings: int = Field(ge=2, le=90)


class NextDayThreshold(Threshold):
    """Worse the next day: pain before ``points`` or more above the previous session
    day's pain before."""

    points: int = Field(ge=1, le=10)


DEFAULT_SEVERE = SevereThreshold(
    pain_from=safety.SEVERE_PAIN_FROM,
    cites="Boonstra et al., Frontiers in Psychology, 2016",
    basis="On the 0-10 scale, scores of 8 or more correspond to severe pain.",
)
DEFAULT_NOT_EASING = NotEasingThreshold(
    days=safety.NOT_EASING_DAYS,
    min_ratings=safety.NOT_EASING_MIN_RATINGS,
    cites="NHS inform",
    basis="No improvement after 2 weeks is a point to seek help.",
)
DEFAULT_NEXT_DAY = NextDayThreshold(
    points=safety.NEXT_DAY_RISE,
    cites="Thomeé 1997; Silbernagel et al. 2007 (the pain monitoring model)",
    basis="Pain after exercise should settle by the next morning.",
)


class Thresholds(_Strict):
    """The app's three thresholds for rule 1, each with its published basis."""

    severe: SevereThreshold = DEFAULT_SEVERE
    not_easing: NotEasingThreshold = DEFAULT_NOT_EASING
    next_day: NextDayThreshold = DEFAULT_NEXT_DAY


class About(_Strict):
    """The source credit and general safety information, shown in the app."""

    source: Text
    disclaimer: Text
    safety: list[Text] = Field(min_length=1, max_length=MAX_LIST_ITEMS)
    general: list[Text] = Field(default_factory=list, max_length=MAX_LIST_ITEMS)
    thresholds: Thresholds = Thresholds()


class Catalog(BaseModel):
    """All content after loading: packaged, then the user's overlay on top."""

    model_config = ConfigDict(frozen=True)

    exercises: dict[str, Exercise]
    routines: dict[str, Routine]
    about: About

    def ordered_exercises(self) -> list[Exercise]:
        return sorted(self.exercises.values(), key=lambda e: (e.order, e.name))
