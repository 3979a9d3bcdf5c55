"""Sound and speech for the session: plain Python, no textual, nothing started on import.

``output.open_audio`` builds the one object the session holds; ``players`` and
``speakers`` find and run the system's sound player and speech program.
"""
