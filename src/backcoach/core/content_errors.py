"""Turn TOML and pydantic errors into one plain sentence each, with the field path.

A person editing a content file by hand should read ``dosage.reps.low: must be more
than 0, got 0`` or ``line 7, column 3: ...``, never a pydantic dump or a traceback.
"""

from __future__ import annotations

import re
import tomllib
import types
import typing
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from backcoach.core.wording import did_you_mean

_TOML_POSITION = re.compile(r"^(?P<what>.*?)\s*\(at line (?P<line>\d+), column (?P<col>\d+)\)$")


def describe_toml_error(error: tomllib.TOMLDecodeError) -> str:
    """``TOML syntax error at line 3, column 7: expected '=' after a key ...``."""
    text = str(error)
    match = _TOML_POSITION.match(text)
    if match is None:
        return f"TOML syntax error: {text}"
    what = match["what"][:1].lower() + match["what"][1:]
    return f"TOML syntax error at line {match['line']}, column {match['col']}: {what}"


def format_location(loc: Sequence[int | str]) -> str:
    """``('rep', 2, 'seconds')`` -> ``rep #3.seconds`` (list items counted from 1)."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f" #{part + 1}"
        else:
            text += f".{part}" if text else part
    return text


def describe_validation_error(error: ValidationError, model: type[BaseModel]) -> list[str]:
    """One ``field.path: what is wrong`` line per problem in ``error``."""
    lines: list[str] = []
    for detail in error.errors(include_url=False):
        where, what = _explain(detail, model)
        line = f"{where}: {what}" if where else what
        if line not in lines:
            lines.append(line)
    return lines


def _explain(detail: ErrorDetails, model: type[BaseModel]) -> tuple[str, str]:
    loc = tuple(detail["loc"])
    kind = detail["type"]
    ctx: dict[str, Any] = dict(detail.get("ctx") or {})
    given = detail.get("input")
    if kind == "extra_forbidden":
        key = str(loc[-1])
        allowed = _allowed_keys(model, loc[:-1])
        hint = did_you_mean(key, allowed)
        what = f"unknown key '{key}'{hint}"
        if not hint and allowed:
            what += f" (allowed here: {', '.join(allowed)})"
        return format_location(loc[:-1]), what
    if kind == "missing":
        return format_location(loc[:-1]), f"'{loc[-1]}' is missing"
    return format_location(loc), _plain_message(kind, ctx, given, detail["msg"])


def _plain_message(kind: str, ctx: dict[str, Any], given: object, raw: str) -> str:
    got = _toml_repr(given)
    match kind:
        case "value_error" | "assertion_error":
            return raw.removeprefix("Value error, ").removeprefix("Assertion failed, ")
        case "greater_than":
            return f"must be more than {ctx['gt']}, got {got}"
        case "greater_than_equal":
            return f"must be {ctx['ge']} or more, got {got}"
        case "less_than_equal":
            return f"must be {ctx['le']} or less, got {got}"
        case "less_than":
            return f"must be less than {ctx['lt']}, got {got}"
        case "string_too_short":
            return "must not be empty"
        case "string_too_long":
            return f"is too long (at most {ctx.get('max_length')} characters)"
        case "too_short":
            least = ctx.get("min_length", 1)
            return f"needs at least {least} {'entry' if least == 1 else 'entries'}, got none"
        case "too_long":
            return f"has too many entries (at most {ctx.get('max_length')}), got {got}"
        case "literal_error":
            return f"must be one of {ctx.get('expected')}, got {got}"
        case "string_pattern_mismatch":
            return (
                "must use only lowercase letters, digits and dashes"
                f" (like 'knee-to-chest'), got {got}"
            )
        case "int_parsing" | "int_type" | "int_from_float":
            return f"expected a whole number, got {got}"
        case "finite_number":
            return f"must be a finite number, got {got}"
        case "float_parsing" | "float_type":
            return f"expected a number, got {got}"
        case "string_type":
            return f"expected text in quotes, got {got}"
        case "list_type" | "tuple_type":
            return f"expected a list [ ... ], got {got}"
        case "dict_type" | "model_type" | "model_attributes_type":
            return f"expected a table, got {got}"
        case "bool_type" | "bool_parsing":
            return f"expected true or false, got {got}"
    return raw


def _toml_repr(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        # repr shows control characters as escapes; a huge value is cut, not echoed
        return repr(value) if len(value) <= 60 else f"{value[:50]!r}... ({len(value)} characters)"
    if isinstance(value, int | float):
        return f"{value:g}" if isinstance(value, float) else str(value)
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list | tuple):
        return f"a list of {len(value)}"
    return "nothing" if value is None else type(value).__name__


def _allowed_keys(model: type[BaseModel], loc: Sequence[int | str]) -> list[str]:
    """The keys the model accepts at ``loc`` (to suggest a fix for a typo)."""
    current: type[BaseModel] | None = model
    for part in loc:
        if current is None:
            return []
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part)
        current = _model_in(field.annotation) if field is not None else None
    return sorted(current.model_fields) if current is not None else []


def _model_in(annotation: object) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if typing.get_origin(annotation) in (typing.Union, types.UnionType, list, tuple):
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found is not None:
                return found
    return None
