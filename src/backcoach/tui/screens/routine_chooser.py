"""Choose a routine: each with its exercises and today's estimated time.

The plan shown is the one that would run, so flagged exercises appear as left out,
with the reason, before the user starts.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from backcoach.core.content_models import Catalog
from backcoach.core.describe import describe_routine
from backcoach.core.plan import SessionPlan
from backcoach.tui.exercise_text import ORIGIN_NOTE, minutes_text
from backcoach.tui.keys import HELP_BINDING
from backcoach.tui.widgets.hanging import HangingText, block
from backcoach.tui.widgets.pick_list import PickList, pick_bindings


class RoutineList(PickList):
    BINDINGS: ClassVar[list[BindingType]] = pick_bindings(
        "chooser", "Start routine", "Start the highlighted routine now", "routine"
    )


def count_text(plan: SessionPlan) -> str:
    """``~38 min · 9 exercises (1 left out)``: what would run today."""
    count = len(plan.exercises)
    text = f"{minutes_text(plan.estimated_seconds)} · {count} exercise{'s' if count != 1 else ''}"
    if plan.left_out:
        text += f" ({len(plan.left_out)} left out)"
    return text


def plan_content(plan: SessionPlan, description: str, often: str) -> HangingText:
    """The routine in words: what it is, what is left out, each exercise and its time.
    Long names wrap under themselves, not under the numbers."""
    lines = [
        block(Content.assemble((plan.routine_name, "bold $primary"))),
        block(description),
        block(Content.assemble((often, "$text-muted"))),
        block(""),
        block(Content.assemble(("Today: ", "bold"), count_text(plan))),
    ]
    for item in plan.left_out:
        lines.append(
            block(
                Content.assemble(f"{item.exercise_name} ", (f"({item.reason})", "$text-muted")),
                Content.assemble(("  ⚑ Left out: ", "bold $error")),
            )
        )
    for number, planned in enumerate(plan.exercises, start=1):
        time = minutes_text(planned.estimated_seconds)
        lines.append(
            block(
                planned.exercise.name,
                # The padding that right-aligns the time stays outside its muted span
                # (a span starting with spaces loses them in some renderers).
                Content.assemble(
                    f"{number:>3}. {' ' * (7 - len(time))}", (f"{time}  ", "$text-muted")
                ),
            )
        )
    return HangingText(lines)


class RoutineChooserScreen(ModalScreen[SessionPlan | None]):
    TITLE = "Choose a routine"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Back", id="chooser.close", tooltip="Back to the exercises"),
        HELP_BINDING,
    ]

    def __init__(self, catalog: Catalog, plans: dict[str, SessionPlan]) -> None:
        """``plans``: today's plan of each routine, by routine id."""
        super().__init__()
        self.catalog = catalog
        self._plans = plans

    def compose(self) -> ComposeResult:
        options = []
        for routine in self.catalog.routines.values():
            plan = self._plans[routine.id]
            options.append(
                Option(
                    HangingText(
                        [
                            block(Content.assemble((routine.name, "bold"))),
                            block(Content.assemble((count_text(plan), "$text-muted")), "  "),
                        ]
                    ),
                    id=routine.id,
                )
            )
        with Vertical(id="chooser-box", classes="dialog"):
            yield Static("Choose a routine", classes="dialog-title")
            with Horizontal(id="chooser-body"):
                yield RoutineList(*options, id="routine-list")
                with VerticalScroll(id="routine-detail"):
                    yield Static("", id="routine-plan", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        routine_list = self.query_one(RoutineList)
        routine_list.focus()
        if routine_list.option_count:
            routine_list.highlighted = 0
            self.show_routine(routine_list.get_option_at_index(0).id)
        else:
            self.query_one("#routine-plan", Static).update(
                Content("No routines are defined. Run `backcoach check-content`.")
            )

    def show_routine(self, routine_id: str | None) -> None:
        routine = self.catalog.routines.get(routine_id or "")
        plan = self._plans.get(routine_id or "")
        if routine is None or plan is None:
            return
        often = describe_routine(routine)
        note = ORIGIN_NOTE[routine.times_per_day.origin]
        content = plan_content(plan, routine.description, f"{often} ({note})" if note else often)
        self.query_one("#routine-plan", Static).update(content)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.show_routine(event.option.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        plan = self._plans.get(event.option.id or "")
        if plan is None:
            return
        if not plan.exercises:  # stay here, and say why
            self.notify(
                plan.nothing_to_do(), title="Left out", severity="warning", timeout=10, markup=False
            )
            return
        self.dismiss(plan)

    def action_close(self) -> None:
        self.dismiss(None)
