"""The shape of the knowledge base's data files (kb/data/*.yaml), checked when they are read.

A row with a misspelt field, a type outside FORMAT.md's list, a malformed ISO3 code or a term
that is not [role, start, end] / [role, country, start, end] is refused with one line naming
the file and the row, instead of surfacing later as a wrong or missing actor.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, StrictStr, StringConstraints, ValidationError

Name = Annotated[StrictStr, StringConstraints(min_length=1)]
ISO3 = Annotated[StrictStr, StringConstraints(pattern=r"^[A-Z]{3}$")]
EntityType = Literal["state", "government", "armed_group", "igo", "bloc", "media", "party", "company", "other"]
Status = Literal["un-member", "observer", "disputed", "territory", "historical", "regional"]
When = Optional[Union[date, Annotated[StrictStr, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$")]]]


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EntityRow(_Row):
    key: Optional[Name] = None
    name: Name
    type: EntityType
    country: Optional[ISO3] = None
    aliases: Optional[list[Name]] = None
    demonyms: Optional[list[Name]] = None
    capitals: Optional[list[Name]] = None
    seats: Optional[list[Name]] = None
    patrons: Optional[list[Name]] = None
    parent: Optional[Name] = None
    case_sensitive: Optional[list[Name]] = None
    status: Optional[Status] = None


class PersonRow(_Row):
    key: Optional[Name] = None
    name: Name
    country: Optional[ISO3] = None
    aliases: Optional[list[Name]] = None
    surname: Optional[Name] = None
    sex: Optional[Literal["f", "m"]] = None  # "f" for women; "Mrs X" never names a man (people.py)
    # [role, start, end] or [role, country-or-entity-key, start, end]
    terms: list[list[Union[Name, date, None]]] = Field(default_factory=list)

    def check_terms(self) -> None:
        for term in self.terms:
            if len(term) not in (3, 4) or not isinstance(term[0], str):
                raise ValueError(f"term {term!r} is not [role, start, end] or [role, where, start, end]")
            for value in term[-2:]:
                if value is not None and not isinstance(value, date):
                    raise ValueError(f"term {term!r}: {value!r} is not a date")


class CapitalInTimeRow(_Row):
    capital: Name
    state: Name
    start: date
    end: date


class KBSchemaError(ValueError):
    """A shipped data file does not have the expected shape (a bug in the package)."""


def check(row: object, model: type[_Row], where: str) -> None:
    """Validate one row; KBSchemaError with one line naming the row and the first problem."""
    try:
        parsed = model.model_validate(row)
        if isinstance(parsed, PersonRow):
            parsed.check_terms()
    except ValidationError as err:
        first = err.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        raise KBSchemaError(f"{where}: {field}: {first['msg']}") from None
    except ValueError as err:
        raise KBSchemaError(f"{where}: {err}") from None
