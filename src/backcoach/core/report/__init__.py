"""The report to take to a doctor or physiotherapist, as pure functions of the history.

``build.build_report`` turns the in-memory ``History`` and the content into a ``Report``
(``model``); ``markdown``, ``html`` and ``pdf`` render it, and ``chart`` draws the pain
chart once for both the HTML and the PDF. Nothing here reads or writes the store, so the
report does not care how the history is kept on disk; ``output`` writes the file.
"""
