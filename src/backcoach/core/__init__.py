"""The core: content, history store, streaks and the session engine. Never imports textual."""
