"""The shape of data/actors_lexicon.yaml, checked when it is loaded.

A misspelt key, a number where a word list belongs or a YAML word read as a boolean
("no", "on") would otherwise change the rules silently; validation names the entry instead.
"""

from __future__ import annotations

from typing import Annotated, Optional

from pydantic import BaseModel, ConfigDict, Field, StrictStr, StringConstraints

from ... import datafiles

Word = Annotated[StrictStr, StringConstraints(min_length=1)]
Words = list[Word]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class GenericGroup(_Strict):
    """A class of generic group phrases ("the rebels", "civilians") and the actor they make."""

    type: Word
    name: Optional[Word] = None  # "{demonym} rebels"; the `state` class names the state itself
    phrases: Words = Field(min_length=1)


class PageFurniture(_Strict):
    separators: Words
    line_openers: Words
    notice_openers: Words
    interface_words: Words
    credit_words: Words
    staff_credit_words: Words
    time_zones: Words
    contribution_verbs: Words
    contribution_phrases: Words
    max_line_words: int = Field(ge=1, le=100)
    max_prompt_words: int = Field(ge=1, le=50)
    max_heading_words: int = Field(ge=1, le=20)


class Descriptor(_Strict):
    """What a bare descriptor noun ("the monitor", "the group") stands for: a named actor whose
    name ends in one of `heads`, or the latest one of the `types`."""

    heads: Words = []
    types: Words = []


class ActorsLexicon(_Strict):
    """Every entry of the actors lexicon; the YAML file says where each class comes from."""

    government_heads: Words
    head_modifiers: Words
    leader_heads: Words
    generic_groups: dict[Word, GenericGroup]
    people_need_state: Words
    state_need_context: Words
    militia_nouns: Words
    single_group_nouns: Words
    patron_suffixes: Words
    leader_suffixes: Words
    led_nouns: Words
    other_group_words: Words
    ousted_words: Words
    ruler_nouns: Words
    sects: dict[Word, Words]
    peoples: dict[Word, Words]
    ethnic_demonyms: Words
    force_equipment_nouns: Words
    held_suffixes: Words
    actorish_nouns: Words
    role_nouns: Words
    official_roles: Words
    leader_term_roles: Words
    national_entity_types: Words
    national_short_name_types: Words
    ner_noise: Words
    org_type_words: dict[Word, Words]
    title_extra: Words
    former_words: Words
    present_words: Words
    indefinite_words: Words
    named_group_nouns: Words
    country_guess_types: Words
    country_window: int = Field(ge=0, le=20)
    country_titles: Words
    minority_markers: Words
    main_country_org_types: Words
    attached_state_org_types: Words
    sentence_state_org_types: Words
    settlement_nouns: Words
    place_part_nouns: Words
    siege_verbs: Words
    place_of_nouns: Words
    coup_force_nouns: Words
    coup_police_marks: Words
    coup_verbs: Words
    coup_nouns: Words
    coup_power_nouns: Words
    coup_seat_nouns: Words
    coup_ruler_nouns: Words
    equipment_nouns: Words
    platforms: Words
    speech_lemmas: Words
    local_roles: Words
    company_nouns: Words
    page_furniture: PageFurniture
    generic_speakers: Words
    generic_speaker_modifiers: Words
    posted_nouns: Words
    private_person_nouns: Words
    dweller_nouns: Words
    descriptor_nouns: dict[Word, Descriptor]
    state_institutions: Words
    voice_preps: Words
    agreement_nouns: Words
    home_voices: Words
    home_voice_modifiers: Words
    name_particles: Words
    naming_verbs: Words
    kin_nouns: Words
    locative_preps: Words
    in_preps: Words
    venue_preps: Words
    venue_nouns: Words
    venue_verbs: Words
    opposed_preps: Words
    tie_nouns: Words
    tie_adjectives: Words
    place_name_followers: Words
    direction_preps: Words
    compass_words: Words
    autocratic_heads: Words
    role_qualifiers: Words
    speech_forms: Words
    militia_fillers: Words
    capture_verbs: Words
    ruling_council_marks: Words
    leader_bind_words: Words
    female_honorifics: Words
    person_honorifics: Words
    ruling_council_heads: Words
    ruling_council_firsts: Words
    about_mentions: int = Field(ge=1, le=50)


class LexiconError(ValueError):
    """The shipped lexicon does not have the expected shape (a bug in the package)."""


def validate(data: object, source: str) -> dict:
    """The lexicon as loaded, once it is known to match ActorsLexicon; else one-line LexiconError."""
    return datafiles.validate(data, ActorsLexicon, source, LexiconError)
