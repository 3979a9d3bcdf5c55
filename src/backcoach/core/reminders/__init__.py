"""Reminders: a desktop notification only while today's target is not yet met.

``due`` decides (pure), ``times`` reads the times and durations the user types,
``notifiers`` shows a notification through the platform's own tool, and ``schedulers``
writes (and removes) what runs ``backcoach remind`` at the chosen times: a systemd user
timer, a LaunchAgent, or a crontab line to copy.
"""
