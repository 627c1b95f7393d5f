"""The trigger lexicon: data/plover_*.yaml loaded once, and the lookups that type a trigger.

Verbal triggers: curated verb+object pairs and phrasal verbs first, then the CAMEO verb
patterns with argument slots (data/plover_cameo.yaml), then single verb lemmas. Nominal
triggers: event nouns, with modifiers that change or license their category.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

from spacy.tokens import Token

from ... import datafiles, parse_arrays
from . import cameo
from .parse import _child, _child_forms, _children, _has_child, _is_passive, _pobj, view

DATA = Path(__file__).parent.parent / "data"


@dataclass(frozen=True)
class Lexicon:
    """Trigger words and the frames around them (see the data files for what each list means)."""

    verb: dict
    phrasal: dict
    verb_object: dict
    figurative: frozenset
    needs_object: frozenset
    noun: dict
    needs_modifier: dict
    frame_only: frozenset
    modifier_type: dict
    light: frozenset
    patient: frozenset
    target_preps: frozenset
    generic_places: frozenset
    modal: dict
    relational: frozenset
    quantifiers: frozenset
    containers: frozenset
    participation: frozenset
    allege: frozenset
    factive_judging: frozenset
    mutual_fight: frozenset
    receive: frozenset
    institutions: frozenset
    self_passive: frozenset
    authoring: frozenset
    authoring_hedges: frozenset
    wish: frozenset
    hostile_wish: frozenset
    anonymous: frozenset
    frame_heads: frozenset
    accord_heads: frozenset
    reflexive: frozenset
    future: frozenset
    obligation: frozenset
    hypothetical: frozenset
    necessity: frozenset
    speech: frozenset
    negators: frozenset
    support_participles: dict
    support_nouns: dict
    holder_participles: frozenset
    family: dict
    continuation: frozenset
    cooperative: frozenset
    forceful: frozenset
    motive_types: frozenset
    reciprocal: frozenset
    material: frozenset
    no_fallback_target: frozenset
    fallback_blocked_preps: frozenset
    foe_prep_types: frozenset
    with_partner_types: frozenset
    harm_nouns: frozenset
    described_heads: frozenset
    fallback_direction_preps: frozenset
    venue_types: frozenset
    venue_preps: frozenset
    fallback_blocked_marks: frozenset
    domestic_target: frozenset
    lemma_fixes: dict
    own_state_target: frozenset
    own_state_sources: frozenset
    both_ways: frozenset
    pair_both_ways: frozenset
    unilateral: frozenset
    frontier_nouns: frozenset
    frontier_preps: frozenset
    frontier_directed: frozenset
    dissident_types: frozenset
    own_forces_acts: frozenset
    speech_content_target: frozenset
    needs_target_actor: frozenset
    no_place_target: frozenset
    named_host_only: frozenset
    scheduled_heads: frozenset
    taking_verbs: frozenset
    fighters: frozenset
    allegiance: frozenset
    patron_groups: frozenset
    opposing_relational: frozenset
    lapsed_adverbs: frozenset
    topic_types: frozenset
    counterfactual_aux: frozenset
    reactions: frozenset
    patrons: frozenset
    helping: frozenset
    peace_modifiers: frozenset
    object_control: frozenset
    warning_verbs: frozenset
    label_verbs: frozenset
    accusation_labels: frozenset
    posing_verbs: frozenset
    posed_harms: frozenset
    affiliation: frozenset
    negated_participation: frozenset
    unreal_marks: frozenset
    asking_marks: frozenset
    echo_verbs: frozenset
    leave_verbs: frozenset
    host_verbs: frozenset
    subject_negators: frozenset
    echo_objects: frozenset
    echo_intransitive: frozenset
    partner_nouns: frozenset
    trial_verbs: frozenset
    modal_nouns: dict
    act_word: dict  # lemma -> the groups of act words it belongs to
    crowd_nouns: frozenset
    domestic_measures: frozenset
    conditional_threats: frozenset
    preventing: frozenset
    supposing_nouns: frozenset
    mediation: frozenset
    reporting_heads: frozenset
    denial: frozenset
    withholding: frozenset
    deployed_forces: frozenset
    sought_verbs: frozenset
    sitting_verbs: frozenset
    sitting_bodies: frozenset
    for_target_nouns: frozenset
    shelter_nouns: frozenset
    after_talks_types: frozenset
    topic_nouns: frozenset
    boundary_nouns: frozenset
    venue_verbs: frozenset
    topic_preps: frozenset
    travel_nouns: frozenset
    leaving_types: frozenset
    leaving_preps: frozenset
    capital_voices: frozenset
    foreign_voice_modifiers: frozenset
    opposing_prefixes: frozenset
    route_nouns: frozenset


def _invert(groups: dict) -> dict:
    return {w: t for t, words in groups.items() for w in words}


_LEMMAS: dict[int, tuple[str, Optional[str]]] = {}  # lemma hash -> (lower-case lemma, its fix)
_PLAIN: dict[int, str] = {}  # lemma hash -> lower-case lemma, for the lemmas without a fix
LEMMA_CACHE = 200_000
PLACE_TOKENS = "blocs.events.place_tokens"  # doc.user_data: the tokens of the places named (set by extract)


def lem(tok: Token) -> str:
    """The token's lower-case lemma, with the lemmatizer's "-ed" slips on trigger verbs undone
    ("staged" -> "stag" is read as "stage"). Read-only: the shared parse is never rewritten.
    The lower-case form and fix of each lemma are kept by its hash (a function of the text);
    a lemma without a fix answers from one look-up."""
    h = tok.lemma
    plain = _PLAIN.get(h)
    if plain is not None:
        return plain
    found = _LEMMAS.get(h) or _lemma_entry(h, tok.lemma_)
    lemma, right = found
    if (
        right
        and tok.pos_ in ("VERB", "AUX")
        and (
            (tok.tag_ in ("VBD", "VBN", "VBG") and tok.lower_.startswith(right[:-1]))
            or (tok.tag_ == "VBZ" and tok.lower_.startswith(right))  # "hopes" -> "hop"
        )
    ):
        return right
    return lemma


def _lemma_entry(h: int, text: str) -> tuple[str, Optional[str]]:
    """(lower-case lemma, its fix) of the lemma hash h, kept; a lemma without a fix also in `_PLAIN`."""
    if len(_LEMMAS) >= LEMMA_CACHE:
        _LEMMAS.clear()
        _PLAIN.clear()
    lower = text.lower()
    found = _LEMMAS[h] = (lower, lexicon().lemma_fixes.get(lower))
    if found[1] is None:
        _PLAIN[h] = lower
    return found


def lem_at(arrays: parse_arrays.ParseArrays, i: int) -> str:
    """`lem` of token i, read from the parse arrays (no Token is made)."""
    h = arrays.lemma[i]
    plain = _PLAIN.get(h)
    if plain is not None:
        return plain
    lemma, right = _LEMMAS.get(h) or _lemma_entry(h, arrays.strings_of("lemma")[i])
    if (
        right
        and arrays.strings_of("pos")[i] in ("VERB", "AUX")
        and (
            (
                arrays.strings_of("tag")[i] in ("VBD", "VBN", "VBG")
                and arrays.strings_of("lower")[i].startswith(right[:-1])
            )
            or (arrays.strings_of("tag")[i] == "VBZ" and arrays.strings_of("lower")[i].startswith(right))
        )
    ):
        return right
    return lemma


# Lexicon fields read as plain word sets from plover_frames.yaml: field -> key.
FRAME_SETS = {
    "relational": "relational_nouns",
    "reflexive": "reflexive_pronouns",
    "quantifiers": "quantifiers",
    "containers": "containers",
    "allege": "allege_verbs",
    "factive_judging": "factive_judging",
    "mutual_fight": "mutual_fight",
    "institutions": "institution_nouns",
    "self_passive": "self_passive",
    "authoring": "authoring_participles",
    "authoring_hedges": "authoring_hedges",
    "wish": "wish_verbs",
    "hostile_wish": "hostile_wish_verbs",
    "anonymous": "anonymous_agents",
    "future": "future_aux",
    "obligation": "obligation_aux",
    "hypothetical": "hypothetical_aux",
    "speech": "speech_verbs",
    "negators": "negators",
    "holder_participles": "holder_participles",
    "continuation": "continuation",
    "cooperative": "cooperative",
    "forceful": "forceful",
    "motive_types": "motive_types",
    "reciprocal": "reciprocal",
    "fallback_blocked_preps": "fallback_blocked_preps",
    "foe_prep_types": "foe_prep_types",
    "with_partner_types": "with_partner_types",
    "fallback_direction_preps": "fallback_direction_preps",
    "venue_types": "venue_types",
    "venue_preps": "venue_preps",
    "fallback_blocked_marks": "fallback_blocked_marks",
    "domestic_target": "domestic_target",
    "own_state_target": "own_state_target",
    "own_state_sources": "own_state_sources",
    "both_ways": "both_ways",
    "pair_both_ways": "pair_both_ways",
    "unilateral": "unilateral_commissives",
    "frontier_nouns": "frontier_nouns",
    "frontier_preps": "frontier_preps",
    "frontier_directed": "frontier_directed",
    "dissident_types": "dissident_types",
    "own_forces_acts": "own_forces_acts",
    "speech_content_target": "speech_content_target",
    "material": "material",
    "needs_target_actor": "needs_target_actor",
    "no_place_target": "no_place_target",
    "named_host_only": "named_host_only",
    "scheduled_heads": "scheduled_heads",
    "taking_verbs": "taking_verbs",
    "fighters": "fighter_nouns",
    "allegiance": "allegiance_adjectives",
    "patron_groups": "patron_groups",
    "opposing_relational": "opposing_relational",
    "lapsed_adverbs": "lapsed_adverbs",
    "topic_types": "topic_types",
    "counterfactual_aux": "counterfactual_aux",
    "reactions": "reactions",
    "harm_nouns": "harm_nouns",
    "described_heads": "described_heads",
    "patrons": "patron_nouns",
    "helping": "helping_heads",
    "peace_modifiers": "peace_modifiers",
    "object_control": "object_control",
    "warning_verbs": "warning_verbs",
    "label_verbs": "label_verbs",
    "accusation_labels": "accusation_labels",
    "posing_verbs": "posing_verbs",
    "posed_harms": "posed_harms",
    "affiliation": "affiliation_participles",
    "negated_participation": "negated_participation",
    "unreal_marks": "unreal_marks",
    "asking_marks": "asking_marks",
    "echo_verbs": "echo_verbs",
    "leave_verbs": "leave_verbs",
    "host_verbs": "host_verbs",
    "subject_negators": "subject_negators",
    "echo_objects": "echo_objects",
    "echo_intransitive": "echo_intransitive",
    "necessity": "necessity_heads",
    "crowd_nouns": "crowd_nouns",
    "domestic_measures": "domestic_measures",
    "conditional_threats": "conditional_threats",
    "partner_nouns": "partner_nouns",
    "trial_verbs": "trial_verbs",
    "preventing": "preventing_verbs",
    "supposing_nouns": "supposing_nouns",
    "mediation": "mediation_verbs",
    "reporting_heads": "reporting_heads",
    "denial": "denial_verbs",
    "withholding": "withholding_verbs",
    "sitting_verbs": "sitting_verbs",
    "sitting_bodies": "sitting_bodies",
    "for_target_nouns": "for_target_nouns",
    "shelter_nouns": "shelter_nouns",
    "after_talks_types": "after_talks_types",
    "topic_nouns": "topic_nouns",
    "topic_preps": "topic_preps",
    "travel_nouns": "travel_nouns",
    "leaving_types": "leaving_types",
    "leaving_preps": "leaving_preps",
    "boundary_nouns": "boundary_nouns",
    "venue_verbs": "venue_verbs",
    "capital_voices": "capital_voices",
    "foreign_voice_modifiers": "foreign_voice_modifiers",
    "opposing_prefixes": "opposing_prefixes",
    "route_nouns": "route_nouns",
    "deployed_forces": "deployed_forces",
    "sought_verbs": "sought_verbs",
}


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The trigger lexicon and frames, read once from data/plover_*.yaml."""
    v = datafiles.read(DATA / "plover_verbs.yaml")
    n = datafiles.read(DATA / "plover_nouns.yaml")
    f = datafiles.read(DATA / "plover_frames.yaml")
    phrasal = {tuple(k.split()): t for k, t in v["phrasal"].items()}
    return Lexicon(
        **{field: frozenset(f[key]) for field, key in FRAME_SETS.items()},
        verb=_invert(v["verbs"]),
        phrasal=phrasal,
        verb_object={verb: dict(objs) for verb, objs in v["verb_object"].items()},
        figurative=frozenset(v["figurative_objects"]),
        needs_object=frozenset(v["needs_object_actor"]),
        noun=_invert(n["nouns"]),
        needs_modifier={k: frozenset(x) for k, x in n["needs_modifier"].items()},
        frame_only=frozenset(n["frame_only"]),
        modifier_type=n["modifier_type"],
        light=frozenset(n["light_verbs"]),
        patient=frozenset(n["patient_verbs"]),
        target_preps=frozenset(n["target_preps"]),
        generic_places=frozenset(n["generic_places"]),
        modal=dict(f["modal_heads"]),
        participation=frozenset(n["participation_verbs"]),
        receive=frozenset(v["receive_verbs"]),
        frame_heads=frozenset(n["frame_heads"]),
        accord_heads=frozenset(n["accord_heads"]),
        support_participles=dict(f["support_participles"]),
        support_nouns=dict(f["support_nouns"]),
        family=_invert(f["families"]),
        no_fallback_target=frozenset(f.get("no_fallback_target") or ()),
        lemma_fixes=dict(f["lemma_fixes"]),
        modal_nouns=dict(f["modal_nouns"]),
        act_word=_act_groups(f["act_words"]),
    )


def _act_groups(groups: list) -> dict:
    """Each act word with the numbers of the groups it is in (a word may be in two)."""
    out: dict = {}
    for n, words in enumerate(groups):
        for w in words:
            out.setdefault(w, set()).add(n)
    return {w: frozenset(ns) for w, ns in out.items()}


def _pair_type(tok: Token, lex: Lexicon, lemma: str) -> Optional[tuple[Optional[str], Token]]:
    """A verb+object pair ("lift sanctions", "rally support" = none): (type or None, object); lemma=lem(tok)."""
    objs = lex.verb_object.get(lemma)
    if not objs:
        return None
    objects = _children(tok, ("dobj", "nsubjpass", "obj"))
    if not objects and tok.dep_ == "acl" and tok.tag_ == "VBN":
        objects = [tok.head]  # "crimes committed by X", "the curfew imposed on Y": the noun is the object
    for c in objects:
        if c.tag_ in ("WDT", "WP") and tok.dep_ == "relcl":
            c = tok.head  # "the refugees that X hosts": the relative pronoun's noun is the object
        lc = lem(c)
        if lc in lex.containers:  # "a series of bombs", "a wave of strikes", "tens of thousands of X"
            for _ in range(3):
                inner = next((_pobj(p) for p in c.children if p.dep_ == "prep" and p.lower_ == "of"), None)
                if inner is not None:
                    c, lc = inner, lem(inner)
                if inner is None or lc not in lex.containers:
                    break
        elif lc in lex.frame_heads or lc in lex.accord_heads:  # "ended mediation efforts"
            inner = next((m for m in c.children if m.dep_ == "compound" and lem(m) in objs), None)
            if inner is not None:
                c, lc = inner, lem(inner)
        t = objs.get(lc)
        if t is None and c.pos_ == "PROPN":  # "dismissed Prime Minister X": the title says who X is
            t = next((objs[lem(m)] for m in c.children if m.dep_ == "compound" and lem(m) in objs), None)
        if t is None and lc.endswith("s"):
            t = objs.get(lc[:-1])
        if t is None and c.pos_ == "PROPN" and c.i in c.doc.user_data.get(PLACE_TOKENS, ()):
            t = objs.get("@place")  # "seized Wad Madani": a named place taken by force (CAMEO 192)
        if t is not None and lc in lex.quantifiers:
            inner = next((_pobj(p) for p in c.children if p.dep_ == "prep" and p.lower_ == "of"), None)
            if inner is None or objs.get(lem(inner)) is None:
                t = ""
        if t == "RETREAT" and _held_by_other(c):
            t = ""  # "freed hostages held by X": a rescue from another's hands, no concession
        if t == "MOBILIZE" and any(
            m.dep_ in ("amod", "compound") and lem(m) in lex.peace_modifiers for m in c.children
        ):
            t = "AID"  # "send a peacekeeping force to X": protection for X (CAMEO 074), no show of force
        if t is not None:
            return (t or None), c
    return None


def _held_by_other(noun: Token) -> bool:
    """ "hostages held by Boko Haram": captives a passive participle gives to an agent of its own."""
    return any(a.dep_ == "acl" and _has_child(a, ("agent",)) for a in noun.children)


def _event_noun(tok: Token, lex: Lexicon) -> bool:
    """An event noun ("assault") or a frame head named by one ("an aid package")."""
    return lem(tok) in lex.noun or (
        lem(tok) in lex.frame_heads and any(c.dep_ in ("compound", "amod") and lem(c) in lex.noun for c in tok.children)
    )


def _trial(tok: Token) -> bool:
    """ "test-fired", "test-launched": the verb is written with a 'test' prefix."""
    doc = tok.doc
    return tok.i >= 2 and doc[tok.i - 1].text == "-" and doc[tok.i - 2].lower_ == "test"


def _verb_type(
    tok: Token, lex: Lexicon, lemma: Optional[str] = None
) -> tuple[Optional[str], Optional[Token], str, Optional[str]]:
    """The PLOVER type of a verb, the object noun its pattern consumed, the rule that fired, and
    the preposition whose object a slot pattern names as the target ("fought alongside X").

    Most specific evidence first: curated verb+object pairs, accusing labels, curated phrasal
    verbs, CAMEO patterns with slots, then the verb lemma alone. (`lemma`: `lem(tok)`, when the
    caller has it.)"""
    lemma = lem(tok) if lemma is None else lemma
    if lemma in lex.trial_verbs and _trial(tok):
        return "MOBILIZE", None, f"trial:{lemma}", None  # "test-fired a missile": a show of force, no attack
    t = lex.verb.get(lemma)
    pair = _pair_type(tok, lex, lemma)
    if pair is not None:
        return pair[0], pair[1], f"pair:{lemma}+{lem(pair[1])}", None
    label = _accusing_label(tok, lex, lemma)
    if label is not None:
        return "ACCUSE", label, f"label:{lemma}+{lem(label)}", None
    v = view(tok.doc)
    dep, lower, toks = v.dep, v.lower, v.toks
    for k in v.kids[tok.i]:
        if dep[k] in ("prt", "prep", "dobj") and (lemma, lower[k]) in lex.phrasal and not _on_a_date(toks[k]):
            return (
                lex.phrasal[(lemma, lower[k])],
                (toks[k] if dep[k] == "dobj" else None),
                f"phrasal:{lemma} {lower[k]}",
                None,
            )
    found = cameo.match(tok, lemma)
    if (
        found is not None
        and found[0].type is not None
        and found[1] is not None
        and (lemma in lex.light or t)
        and _event_noun(found[1], lex)
        and not _withheld(found[0].type, found[1], lex)
    ):
        found = None  # "launched an assault", "hosted talks": the event noun is coded as a noun
    if found is not None and (found[0].type is not None or found[0].specificity >= 2 or t is None):
        return found[0].type, found[1], found[0].rule, (found[0].prep if not found[0].pobj else None)
    if t is None:
        return None, None, "", None
    dobj = _child(tok, "dobj")
    if dobj is not None and lem(dobj) in lex.figurative and t in ("ASSAULT", "COERCE", "THREATEN"):
        return None, None, "", None
    if dobj is not None and dobj.lower_ in lex.reflexive:
        return None, None, "", None
    if lemma == "strike" and dobj is None and not _is_passive(tok):
        return "PROTEST", None, "verb:strike(intransitive)", None
    if t == "PROTEST" and (tok.dep_ == "parataxis" or _has_child(tok, ("ccomp", "parataxis"))):
        return "ACCUSE", None, f"verb:{lemma}+that", None  # "a rights group protested that ...": a verbal protest
    return t, None, f"verb:{lemma}", None


def _withheld(etype: Optional[str], noun: Token, lex: Lexicon) -> bool:
    """ "prohibit aid to X", "banned all cooperation with X": a cooperative act withheld is the
    pattern's sanction (CAMEO 16), not the noun's own aid or cooperation."""
    return etype == "SANCTION" and lex.noun.get(lem(noun)) in lex.cooperative


def _accusing_label(verb: Token, lex: Lexicon, lemma: str) -> Optional[Token]:
    """ "called the shelling a war crime", "described the raid as terrorism": the accusing label
    (`lemma`: `lem(verb)`)."""
    if lemma not in lex.label_verbs or _child(verb, "dobj", "oprd") is None:
        return None
    labels = []
    for c in verb.children:
        labels.append(
            c if c.dep_ in ("oprd", "xcomp", "attr") else _pobj(c) if c.dep_ == "prep" and c.lower_ == "as" else None
        )
        if c.dep_ in ("oprd", "advcl", "xcomp") and c.tag_ == "VBG":  # the parser's "called [the shelling a crime]"
            labels.append(_child(c, "dobj"))
    return next((label for label in labels if label is not None and _is_label(label, lex)), None)


def _is_label(noun: Token, lex: Lexicon) -> bool:
    """ "a war crime", "a terrorist state", "the main instigator": a word that brands a wrong."""
    return noun.pos_ in ("NOUN", "ADJ", "PROPN") and (
        lem(noun) in lex.accusation_labels
        or any(m.dep_ in ("amod", "compound") and lem(m) in lex.accusation_labels for m in noun.children)
    )


def hyphened(tok: Token) -> Optional[str]:
    """ "build-up", "pull-out", "sit-in": the parser splits a hyphenated noun at its hyphen and
    heads it by the last part ("up"); the whole word (first part, hyphen, lemma of the last part),
    or None when tok closes no hyphenated word."""
    i, doc = tok.i, tok.doc
    if i < 2 or view(doc).lower[i - 1] != "-":
        return None  # (a hyphen's lower-case form is its text: no Token for most words)
    if doc[i - 1].whitespace_ or doc[i - 2].whitespace_:
        return None
    return f"{view(doc).lower[i - 2]}-{lem(tok)}"


def _noun_type(tok: Token, lex: Lexicon) -> Optional[str]:
    lemma = lem(tok)
    joined = hyphened(tok)
    if joined is not None and joined in lex.noun:
        lemma = joined  # "a military build-up" is a build-up, not an "up"
    t = lex.noun.get(lemma) or lex.noun.get(tok.lower_)
    if t is None:
        return None
    mods = _child_forms(tok, ("compound", "amod", "nmod"))
    rule = lex.modifier_type.get(lemma)
    if rule:
        for alt, words in rule.items():
            if alt != "target_type" and mods & set(words):
                return alt
        if any(
            c.dep_ == "prep"
            and c.lower_ in ("on", "against")
            and (pobj := _pobj(c)) is not None
            and pobj.ent_type_ not in ("DATE", "TIME")
            for c in tok.children
        ):  # not "a strike on Monday"
            return rule.get("target_type", t)
    need = lex.needs_modifier.get(lemma)
    if need and not (mods & need) and lemma not in lex.frame_only:
        return None
    if need and (mods & need):
        return t
    return t


# The prepositions that name the victim of a harm noun ("violence against X", "attacks on X", "the arrest of X").
HARM_PREPS = frozenset({"against", "on", "upon", "of"})


def reaction_to_harm(noun: Token, lex: Lexicon) -> bool:
    """Is noun harm done that a verb of reaction takes as its object ("condemned the arrest of X",
    "denounced the violence against X")? Not a harm a verb of another kind acts on ("refused to
    lift the curfew on X")."""
    return noun.dep_ in ("dobj", "obj") and lex.verb.get(lem(noun.head)) in lex.reactions and harm_done(noun, lex)


def harm_done(noun: Token, lex: Lexicon) -> bool:
    """Is noun harm done to someone ("violence against X", "the attack on X")? In a reaction to
    it ("condemned the violence against X"), X is the victim, not the one the reaction aims at."""
    return lem(noun) in lex.harm_nouns or lex.noun.get(lem(noun)) in ("ASSAULT", "COERCE")


def _on_a_date(prep: Token) -> bool:
    """ "called a strike on Monday": a preposition whose object is a date is no particle ("call on")."""
    return prep.dep_ == "prep" and any(c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME") for c in prep.children)
