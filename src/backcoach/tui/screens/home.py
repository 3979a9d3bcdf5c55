"""Home: the exercise list, the highlighted exercise's details, and today's status.

Enter starts the highlighted exercise on its own (the details are already on
screen); ``r`` opens the routine chooser for a whole routine. The screen is handed the
catalog and the clock, and the app sets ``history`` and ``notices`` from above; what
the user asks for goes up as a message.

Home may be drawn before the content and the history are loaded: handed a first frame
(``core.first_frame``) and no catalog, it lists the exercises from it, each line cut
at the list's edge, and fills everything in once the app hands it the catalog and binds
the history. So this module imports no pydantic (the models are imported where used).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, ClassVar, cast

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.markup import escape
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from backcoach.clock import Clock
from backcoach.core.first_frame import FirstFrame, ListedExercise
from backcoach.tui.commands import EntryCommands, PaletteEntry
from backcoach.tui.messages import (
    ChooseRoutine,
    HidePainNotice,
    OpenHistory,
    OpenSettings,
    StartExercise,
    StartRoutine,
)
from backcoach.tui.notices import Notice, messages_summary
from backcoach.tui.widgets.pain_notice import PainNotice
from backcoach.tui.widgets.pick_list import PickList, pick_bindings

if TYPE_CHECKING:
    from backcoach.core.content_models import Catalog
    from backcoach.core.history_models import History
    from backcoach.core.pain_rules import NotEasing
    from backcoach.core.settings import Settings
    from backcoach.tui.today import ExerciseRow


def first_prompt(listed: ListedExercise) -> Content:
    """Home's three lines of an exercise (name, dosage, what it works), before today's
    figures are known."""
    return Content.assemble(
        (listed.name, "bold"),
        ("\n  " + listed.dosage, "$text-muted"),
        ("\n  " + listed.works, "$text-muted italic"),
    )


class ContentCommands(EntryCommands):
    """ "Start routine: ..." and "Start exercise: ..." from the home screen."""

    def _discoverable(self, title: str) -> bool:
        return title.startswith("Start routine")

    def _commands(self) -> list[PaletteEntry]:
        screen = self.screen
        if not isinstance(screen, HomeScreen):
            return []
        catalog = screen.catalog
        if catalog is None:
            return []  # still loading
        found: list[PaletteEntry] = [
            (
                f"Start routine: {routine.name}",
                escape(routine.description),
                partial(screen.post_message, StartRoutine(routine.id)),
            )
            for routine in catalog.routines.values()
        ]
        found += [
            (
                f"Start exercise: {exercise.name}",
                escape(exercise.works),
                partial(screen.post_message, StartExercise(exercise.id)),
            )
            for exercise in catalog.ordered_exercises()
        ]
        return found


class ExerciseList(PickList):
    """The exercises; a click highlights, enter starts."""

    BINDINGS: ClassVar[list[BindingType]] = pick_bindings(
        "home", "Start", "Start the highlighted exercise on its own", "exercise"
    )


class HomeScreen(Screen[None]):
    SUB_TITLE = "Exercises"
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {ContentCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "r",
            "choose_routine",
            "Routine",
            id="home.routine",
            tooltip="Choose a routine: its exercises and time, then start it",
        ),
        Binding(
            "h",
            "open_history",
            "History",
            id="home.history",
            tooltip="Streaks, calendar, pain trend, sessions and flags",
        ),
        Binding(
            "comma,S",
            "open_settings",
            "Settings",
            key_display=",",
            id="home.settings",
            tooltip="Bell, reduced motion, theme",
        ),
        Binding(
            "m",
            "app.messages",
            "Messages",
            show=False,  # the notice line says "press m" when there are any
            id="home.messages",
            tooltip="Every message of this run: content problems, repairs, failed saves",
        ),
        Binding(
            "d",
            "hide_pain_notice",
            "Hide notice",
            id="home.hide-pain-notice",
            tooltip="Hide the notice that your pain has not eased, for 14 days",
        ),
        Binding("q", "app.quit", "Quit", id="home.quit", tooltip="Leave backcoach"),
    ]

    #: Set from above (the app binds its own): the history, and this run's messages.
    #: (None only until the app binds it, after the catalog: a real default would
    #: import pydantic before the first frame, as Textual builds defaults at mount.)
    history: var[History] = var(cast("History", None), always_update=True, init=False)
    notices: var[tuple[Notice, ...]] = var((), init=False)
    #: The settings this run uses (bound from the app): the weekly goal in the status.
    #: (None until the app binds them, for the same reason as ``history``.)
    settings: var[Settings] = var(cast("Settings", None), always_update=True, init=False)

    def __init__(
        self,
        catalog: Catalog | None,
        clock: Clock,
        history: History | None = None,
        *,
        first_frame: FirstFrame | None = None,
    ) -> None:
        """``catalog`` None: still loading; ``first_frame`` is listed until the app
        hands down the catalog (``show_catalog``) and binds the history."""
        super().__init__()
        self.catalog = catalog
        self.clock = clock
        self.first_frame = first_frame
        if history is not None:
            self.set_reactive(HomeScreen.history, history)
        self._rows: dict[str, ExerciseRow] = {}
        self._stale = False  # the history changed while another screen was on top
        self._drawn: History | None = None  # the history the screen shows
        self.pain_finding: NotEasing | None = None  # the notice shown, if any

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="status-line", markup=False)
        yield PainNotice(id="pain-notice")
        yield Static("", id="notice-line", markup=False)
        with Horizontal(id="home-body"):
            yield ExerciseList(id="exercise-list")
            with VerticalScroll(id="detail-pane"):
                yield Static("", id="exercise-detail", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        if self.catalog is None:
            self.show_first_frame()
        else:
            self.show_history()
        self.show_notices()
        self.query_one(ExerciseList).focus()

    def on_resize(self, event: events.Resize) -> None:
        """Below 80 columns the footer packs its keys closer so all of them fit."""
        self.query_one(Footer).compact = event.size.width < 80

    def watch_history(self, history: History) -> None:
        """Redraw now if shown; else once back on top (a session saves many times).
        The same history again (the binding at start-up) is not drawn twice."""
        if history is self._drawn or self.catalog is None:
            return
        if self.is_current:
            self.show_history()
        else:
            self._stale = True

    def watch_notices(self) -> None:
        self.show_notices()

    def watch_settings(self, before: Settings | None, after: Settings | None) -> None:
        """A new weekly goal: the status line says it at once."""
        if after is None or self.catalog is None or self.history is None or not self.is_mounted:
            return
        if before is None or before.days_per_week != after.days_per_week:
            self.show_status()

    def on_screen_resume(self) -> None:
        if self._stale:
            self.show_history()

    # -- drawing -------------------------------------------------------------------------

    def show_catalog(self, catalog: Catalog) -> None:
        """The content is loaded: today's figures are drawn once the history follows."""
        self.catalog = catalog

    def show_first_frame(self) -> None:
        """The exercises as the first frame lists them, cut at the list's edge: wrapping
        every option to the width is what costs most in drawing the list."""
        exercise_list = self.query_one(ExerciseList)
        exercise_list.add_class("-first-frame")
        listed = self.first_frame.exercises if self.first_frame is not None else ()
        exercise_list.set_options([Option(first_prompt(item), id=item.id) for item in listed])
        if listed:
            exercise_list.highlighted = 0

    def show_history(self) -> None:
        """Redraw the list, the detail pane and the status line from ``history``."""
        from backcoach.tui.exercise_text import list_prompt
        from backcoach.tui.today import today_figures

        assert self.catalog is not None
        self._stale = False
        self._drawn = self.history
        today = self.clock.now().date()
        rows = today_figures(self.catalog, self.history, today)
        self._rows = {row.exercise.id: row for row in rows}
        exercise_list = self.query_one(ExerciseList)
        keep = self.highlighted_id()
        options = [
            Option(
                list_prompt(
                    row.exercise,
                    estimated_seconds=row.estimated_seconds,
                    flag=row.flag,
                ),
                id=row.exercise.id,
            )
            for row in self._rows.values()
        ]
        exercise_list.set_options(options)
        exercise_list.remove_class("-first-frame")
        if self._rows:
            ids = list(self._rows)
            exercise_list.highlighted = ids.index(keep) if keep in ids else 0
        self.show_status()
        self.show_detail(self.highlighted_id())

    def show_status(self) -> None:
        """The status line (today, streaks, the weekly goal) and the pain notice."""
        from backcoach.core.weekly_streaks import EVERY_DAY
        from backcoach.tui.today import STREAK_TOOLTIP, status_text

        today = self.clock.now().date()
        days_per_week = EVERY_DAY if self.settings is None else self.settings.days_per_week
        status = self.query_one("#status-line", Static)
        status.tooltip = STREAK_TOOLTIP
        status.update(status_text(self.history, today, days_per_week=days_per_week))
        self.show_pain_notice(today)

    def show_pain_notice(self, today: date) -> None:
        """The article's advice when the pain before has not eased (unless hidden)."""
        from backcoach.core.pain_rules import not_easing_notice

        assert self.catalog is not None
        threshold = self.catalog.about.thresholds.not_easing
        self.pain_finding = not_easing_notice(self.history, today, threshold)
        self.query_one(PainNotice).show(self.pain_finding, threshold)
        self.refresh_bindings()  # d is offered only while the notice is shown

    def show_notices(self) -> None:
        """``⚠ 3 problems in 2 files: press m to read them`` (hidden when none)."""
        if not self.is_mounted:
            return
        line = self.query_one("#notice-line", Static)
        line.display = bool(self.notices)
        if self.notices:
            line.update(messages_summary(self.notices))

    def highlighted_id(self) -> str | None:
        exercise_list = self.query_one(ExerciseList)
        index = exercise_list.highlighted
        if index is None or index >= exercise_list.option_count:
            return None
        return exercise_list.get_option_at_index(index).id

    def show_detail(self, exercise_id: str | None) -> None:
        if self.catalog is None:
            return  # the first frame: the pane is filled once the catalog is here
        from backcoach.tui.exercise_text import detail_content

        detail = self.query_one("#exercise-detail", Static)
        row = self._rows.get(exercise_id or "")
        if row is None:
            detail.update(Content("No exercises loaded. Run `backcoach check-content`."))
            return
        about = self.catalog.about
        detail.update(
            detail_content(
                row.exercise,
                source=row.exercise.source or about.source,
                estimated_seconds=row.estimated_seconds,
                reps=row.reps,
                flag=row.flag,
                general=about.general,
            )
        )
        self.query_one("#detail-pane", VerticalScroll).scroll_home(animate=False)

    # -- events and actions ----------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """d (hide the pain notice) only while the notice is shown."""
        if action == "hide_pain_notice":
            return self.pain_finding is not None
        return True

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.show_detail(event.option.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None and self.catalog is not None:
            self.post_message(StartExercise(event.option.id))

    def action_choose_routine(self) -> None:
        if self.catalog is not None:  # nothing to choose from until the content is here
            self.post_message(ChooseRoutine())

    def action_open_history(self) -> None:
        if self.catalog is not None:
            self.post_message(OpenHistory())

    def action_open_settings(self) -> None:
        if self.catalog is not None:
            self.post_message(OpenSettings())

    def action_hide_pain_notice(self) -> None:
        if self.pain_finding is not None:
            self.post_message(HidePainNotice())
