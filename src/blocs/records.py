"""The `blocs/1` records: the one place that defines the analysis format.

Every stage produces these models; `blocs/1` JSON is `Analysis.model_dump()`.
The JSON Schema shipped in the package (`schema/blocs-1.schema.json`) is
generated from them by `python -m blocs.records` and checked by a test.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Final, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

FORMAT: Final = "blocs/1"
SCHEMA_PATH = Path(__file__).parent / "schema" / "blocs-1.schema.json"

ActorType = Literal[
    "state", "government", "armed_group", "igo", "bloc", "person", "media", "population", "party", "company", "other"
]
PloverType = Literal[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
]
EventMode = Literal["fact", "plan", "threat", "demand", "hypothetical", "negated"]
PlaceKind = Literal["city", "region", "country", "other"]
Polarity = Literal["ally", "hostile"]
PLOVER_TYPES: tuple[str, ...] = PloverType.__args__  # type: ignore[attr-defined]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Document(Record):
    id: str
    source: Optional[str] = None
    title: Optional[str] = None
    author: Optional[str] = None
    published: Optional[str] = Field(default=None, description="ISO 8601 date of publication")
    language: str = "en"
    site: Optional[str] = None
    metadata_sources: dict[str, str] = Field(
        default_factory=dict,
        description="where each metadata field came from (head, html-meta, pdf-meta, dateline, option, input)",
    )


class Correction(Record):
    original: str
    corrected: str
    count: int


class Actor(Record):
    key: str
    name: str
    type: ActorType
    country: Optional[str] = None
    aliases: list[str] = Field(default_factory=list)
    mentions: int = 0
    confidence: float = 1.0


class Relation(Record):
    source: str
    target: str
    polarity: Polarity
    directed: bool
    confidence: float
    weight: float = 0.0
    evidence: list[str] = Field(default_factory=list)
    rule: Optional[str] = Field(
        default=None, description="the rule or pattern that made this item (shown by --explain)"
    )


class Event(Record):
    type: PloverType
    source: Optional[str]
    target: Optional[str] = None
    date: Optional[str] = None
    place: Optional[str] = None
    confidence: float
    evidence: str
    trigger: Optional[str] = None
    mode: Optional[EventMode] = Field(
        default=None,
        description=(
            "modality: null (or 'fact', accepted on input) for a reported fact; blocs writes null so blocs/1 readers stay valid; "
            "plan (announced intent), threat, demand (a request with its addressee as target); "
            "hypothetical (conditional, 'whether', questions) and negated acts are coded apart and, by "
            "default, not written. Relations should use facts, plans and threats only."
        ),
    )
    rule: Optional[str] = Field(
        default=None, description="the rule or pattern that made this item (shown by --explain)"
    )


class Quote(Record):
    speaker: Optional[str]
    speaker_text: Optional[str] = Field(
        default=None,
        description="the words of a speaker who names no actor ('a source', 'analysts'): kept on the quote, no actor",
    )
    via: Optional[str] = None
    text: str
    direct: bool
    evidence: Optional[str] = None
    rule: Optional[str] = Field(
        default=None, description="the rule or pattern that made this item (shown by --explain)"
    )


class Goal(Record):
    actor: Optional[str]
    text: str
    stated: bool = False
    evidence: str
    rule: Optional[str] = Field(
        default=None, description="the rule or pattern that made this item (shown by --explain)"
    )


class Place(Record):
    name: str
    country: Optional[str]
    lat: float
    lon: float
    kind: PlaceKind
    mentions: int = 0
    aliases: list[str] = Field(default_factory=list)
    geonameid: Optional[int] = None


class Bloc(Record):
    id: int
    members: list[str]
    internal_ties: int = 0
    cross_ties: int = 0
    frustration: int = 0


class Analysis(Record):
    format: Literal["blocs/1"] = FORMAT
    document: Document
    text: str
    corrections: list[Correction] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    leader_of: dict[str, str] = Field(default_factory=dict)
    relations: list[Relation] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    goals: list[Goal] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    opinion: list[str] = Field(default_factory=list)
    reported: list[str] = Field(default_factory=list)
    blocs: list[Bloc] = Field(default_factory=list)


def json_schema() -> dict:
    return Analysis.model_json_schema()


def load_schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


if __name__ == "__main__":
    SCHEMA_PATH.parent.mkdir(exist_ok=True)
    SCHEMA_PATH.write_text(json.dumps(json_schema(), indent=1) + "\n", encoding="utf-8")
    print(SCHEMA_PATH)
