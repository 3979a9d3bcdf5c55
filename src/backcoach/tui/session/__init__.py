"""The session feature: the screen that coaches a plan, its modals, saving and summary."""
