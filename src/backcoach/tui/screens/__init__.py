"""One module per screen; screens import each other lazily to keep start-up small."""
