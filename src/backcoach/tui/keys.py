"""Bindings shared by several screens.

App-level bindings do not reach into modal screens (Textual stops the key chain at a
modal), so each modal that should answer ``?`` includes ``HELP_BINDING``. F1 is a
priority binding on the app and works everywhere.
"""

from __future__ import annotations

from textual.binding import Binding

HELP_TOOLTIP = "The keys of this screen, the safety notice and the source credit"

HELP_BINDING = Binding(
    "question_mark",
    "app.help",
    "Help",
    key_display="?",
    id="app.help",
    tooltip=HELP_TOOLTIP,
)

F1_BINDING = Binding(
    "f1",
    "app.help",
    "Help",
    show=False,
    priority=True,
    id="app.help-f1",
    tooltip=HELP_TOOLTIP,
)
