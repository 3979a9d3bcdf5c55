"""CLI subcommands. None of them imports textual."""
