"""Home: the exercise list, the highlighted exercise's details, and today's status.

Enter starts the highlighted exercise on its own (the details are already on
screen); ``r`` opens the routine chooser for a whole routine.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from backcoach.tui.notices import messages_summary
from backcoach.tui.widgets.exercise_text import detail_content, list_prompt
from backcoach.tui.widgets.pick_list import PickList, pick_bindings
from backcoach.tui.widgets.plan_figures import ExerciseRow, today_figures
from backcoach.tui.widgets.status_line import STREAK_TOOLTIP, status_text

if TYPE_CHECKING:
    from backcoach.tui.app import BackcoachApp


class ExerciseList(PickList):
    """The exercises; a click highlights, enter starts."""

    BINDINGS: ClassVar[list[BindingType]] = pick_bindings(
        "home", "Start", "Start the highlighted exercise on its own", "exercise"
    )


class HomeScreen(Screen[None]):
    SUB_TITLE = "Exercises"
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
        Binding("q", "quit", "Quit", id="home.quit", tooltip="Leave backcoach"),
    ]

    @property
    def backcoach(self) -> BackcoachApp:
        return self.app  # type: ignore[return-value]

    def __init__(self) -> None:
        super().__init__()
        self._rows: dict[str, ExerciseRow] = {}
        self._drawn_on_mount = False

    def compose(self) -> ComposeResult:
        yield Header()
        status = Static("", id="status-line", markup=False)
        status.tooltip = STREAK_TOOLTIP
        yield status
        yield Static("", id="notice-line", markup=False)
        with Horizontal(id="home-body"):
            yield ExerciseList(id="exercise-list")
            with VerticalScroll(id="detail-pane"):
                yield Static("", id="exercise-detail", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.show_history()
        self._drawn_on_mount = True
        self.show_messages_line()
        self.query_one(ExerciseList).focus()

    def on_resize(self, event: events.Resize) -> None:
        """Below 80 columns the footer packs its keys closer so all of them fit."""
        self.query_one(Footer).compact = event.size.width < 80

    def on_screen_resume(self) -> None:
        """Back from a session, history or settings: the figures may have changed, and
        changes a failed save kept in memory get another try.

        The first resume comes right after the mount drew this same history: drawing
        it again would work out today's plans twice at start-up."""
        store = self.backcoach.services.store
        first, self._drawn_on_mount = self._drawn_on_mount, False
        if first and not store.pending_count:
            return
        self.backcoach.retry_pending_saves()
        self.backcoach.sync_history()

    # -- drawing -------------------------------------------------------------------------

    def show_history(self) -> None:
        """Redraw the list, the detail pane and the status line from ``app.history``."""
        app = self.backcoach
        self._rows = {row.exercise.id: row for row in today_figures(app)}
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
        if self._rows:
            ids = list(self._rows)
            exercise_list.highlighted = ids.index(keep) if keep in ids else 0
        self.query_one("#status-line", Static).update(status_text(app))
        self.show_detail(self.highlighted_id())

    def show_messages_line(self) -> None:
        """``⚠ 3 problems in 2 files: press m to read them`` (hidden when none)."""
        line = self.query_one("#notice-line", Static)
        messages = self.backcoach.messages
        line.display = bool(messages)
        if messages:
            line.update(messages_summary(messages))

    def highlighted_id(self) -> str | None:
        exercise_list = self.query_one(ExerciseList)
        index = exercise_list.highlighted
        if index is None or index >= exercise_list.option_count:
            return None
        return exercise_list.get_option_at_index(index).id

    def show_detail(self, exercise_id: str | None) -> None:
        detail = self.query_one("#exercise-detail", Static)
        row = self._rows.get(exercise_id or "")
        if row is None:
            detail.update(Content("No exercises loaded. Run `backcoach check-content`."))
            return
        about = self.backcoach.services.content.catalog.about
        detail.update(
            detail_content(
                row.exercise,
                source=row.exercise.source or about.source,
                estimated_seconds=row.estimated_seconds,
                reps=row.reps,
                flag=row.flag,
            )
        )
        self.query_one("#detail-pane", VerticalScroll).scroll_home(animate=False)

    # -- events and actions ----------------------------------------------------------------

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.show_detail(event.option.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            from backcoach.tui import actions

            actions.start_exercise(self.backcoach, event.option.id)

    def action_choose_routine(self) -> None:
        self.backcoach.action_choose_routine()

    def action_open_history(self) -> None:
        self.backcoach.open_history()

    def action_open_settings(self) -> None:
        self.backcoach.action_open_settings()

    async def action_quit(self) -> None:
        await self.app.action_quit()
