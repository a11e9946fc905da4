"""Models from a JSON-lines file, each bad line one error line naming file and line number.

`tocsin replay` (items) and `tocsin rules test` (signals) read their input this
way: a person fixes the file from the error lines, and the good lines still run.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)


def read_jsonl(path: Path, model: type[M]) -> Iterator[M | str]:
    """Each non-blank line of `path` as a `model`, or `PATH:LINE: what is wrong` for a line that is not one."""
    with path.open(encoding="utf-8", errors="replace") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                yield model.model_validate_json(line)
            except ValidationError as exc:
                yield f"{path}:{number}: {first_error(exc)}"


def first_error(exc: ValidationError) -> str:
    """The first problem of a validation error in one line: `not JSON: ...`, or `field.path: ...`."""
    error = exc.errors(include_url=False)[0]
    where = ".".join(str(part) for part in error["loc"])
    return f"not JSON: {error['msg']}" if error["type"] == "json_invalid" else f"{where}: {error['msg']}"
