"""Keep what parsed: a file with a field error still takes part in the checks across files.

`briefkit check` reports every problem of every file in one run (README, "Everyday
commands"). When a file fails validation its problems are recorded, and then
the loader keeps what it can, so that references to and from the file are checked too:

- the model again without the top-level fields that had errors, when it validates so
  (an unknown field, a bad optional value); the fields left out are recorded in
  `Provenance.dropped`, and a check that depends on one of them skips it;
- with a stand-in for each required field then missing (an id is never stood in for):
  briefkit.yaml, which every check needs, positions and audiences, whose quotes, facts and
  references are then checked all the same (nothing is written from a campaign with
  problems, so a stand-in never prints; a check of a stood-in field skips it);
- otherwise nothing, but the id the file gives (`Provenance.unread_ids`), so that a
  reference to it is not reported as unknown a second time.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

# The required fields of briefkit.yaml, a position and an audience, each with the least value
# that validates.
CONFIG_STAND_INS: dict[str, Any] = {
    "title": "-", "coalition": "-",
    "default_addressee": {"lines": ["-"], "salutation": "-"},
    "letter": {"subject": "-", "opening": ["-"]},
    "factsheet": {"headline": "-", "call_to_action": "-"},
}
POSITION_STAND_INS: dict[str, Any] = {"title": "-", "demand": "-", "priority": 3, "rationale": "-"}
AUDIENCE_STAND_INS: dict[str, Any] = {"name": "-", "stance": "-"}


def salvage(cls: type[BaseModel], data: Any, errors: list[dict],
            stand_ins: dict[str, Any] | None = None) -> tuple[Any, set[str]]:
    """`cls` from `data` without the fields that had `errors` (plus `stand_ins` for required
    fields then missing), and the names of the fields left out; (None, ...) when it cannot be."""
    if not isinstance(data, dict):
        return None, set()
    bad = {str(e["loc"][0]) for e in errors if e["loc"]}
    if any(not e["loc"] for e in errors):
        return None, bad  # an error of the whole model (a validator across fields)
    kept = {key: value for key, value in data.items() if key not in bad}
    for key, value in (stand_ins or {}).items():
        if key not in kept:
            kept[key] = value
            bad.add(key)
    try:
        return cls.model_validate(kept), bad
    except ValidationError:
        return None, bad


def given_id(data: Any) -> str | None:
    """The id a file gives, whatever else is wrong in it."""
    ident = data.get("id") if isinstance(data, dict) else None
    return ident if isinstance(ident, str) and ident else None
