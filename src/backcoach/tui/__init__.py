"""The terminal front end (Textual). Nothing outside this package imports textual."""
