"""Reusable widgets; each toggles CSS classes and leaves the look to app.tcss."""
