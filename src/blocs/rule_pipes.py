"""The model's rule components (attribute ruler, English lemmatizer), run on columns.

spaCy runs both token by token: a Token object per token, and per attribute-ruler match a
Span, a Token and a write of each attribute. Both answer from what a token is (its tag,
word, dependency and space flag; its text, POS and morphology), so blocs works out each
kind of token once and writes a doc's answers as whole columns (`Doc.from_array`). The
annotations are spaCy's own, token for token; a model whose rules fall outside what these
versions read runs spaCy's code.
"""

from __future__ import annotations

import re
from typing import Iterator

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.errors import Errors
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

PLAN_CACHE = 200_000  # distinct token feature tuples whose matching rules are kept (memory stays flat)
LEMMA_CACHE = 200_000  # distinct (word, POS, morphology) lemmas kept

# Token features the model's attribute-ruler patterns test, in this order.
_FEATURES = ("TAG", "LOWER", "DEP", "IS_SPACE")
_FEATURE_IDS = [TAG, LOWER, DEP, IS_SPACE]
_COLUMNS = [POS, TAG, DEP, MORPH, LEMMA]  # token attributes the ruler's rules may set, as columns


def _feature_test(attr: str, value):
    """(feature number, operator, operand) for one key of a Matcher token pattern."""
    f = _FEATURES.index(attr)
    if not isinstance(value, dict):
        return f, "eq", value
    ((op, operand),) = value.items()
    if op == "REGEX":
        return f, "regex", re.compile(operand)
    if op in ("IN", "NOT_IN"):
        return f, op.lower(), frozenset(operand)
    raise ValueError(op)


class IndexedRuleMatcher:
    """The attribute ruler's matches, found by looking rules up per kind of token.

    spaCy's Matcher tries each of the model's ~180 rules on every token, calling a
    Python predicate for each IN/REGEX test, which costs more than the tagger and
    lemmatizer together. Its rules are one or two plain tokens, so each can be
    filed under the tag, word, dependency or space flag its first token needs; calling
    the matcher gives the same sorted list of (rule, id, start, end) that
    `AttributeRuler.match` returns, and `annotate` sets what the ruler would set.
    """

    def __init__(self, ruler):
        self.index: dict[tuple, list] = {}  # (feature, value) -> rules whose first token needs it
        self.other: list = []  # first token tested by pattern only (REGEX)
        self.plans: dict[tuple, tuple] = {}  # token feature hashes -> _plan()
        self.names: dict[tuple, tuple] = {}  # token feature hashes -> the features as text
        self.attrs, self.indices = ruler.attrs, ruler.indices
        self.columns_only = True  # every rule sets column attributes of a token inside its match
        strings = ruler.vocab.strings
        for rule, spec in enumerate(ruler.patterns):
            for pattern in spec["patterns"]:
                if any(set(tok) - set(_FEATURES) for tok in pattern):
                    raise ValueError(f"attribute ruler pattern not indexable: {pattern}")
                tests = tuple(tuple(_feature_test(a, v) for a, v in tok.items()) for tok in pattern)
                entry = (rule, strings[str(rule)], tests)
                keys = next(([(f, operand)] for f, op, operand in tests[0] if op == "eq"), None) or next(
                    ([(f, v) for v in operand] for f, op, operand in tests[0] if op == "in"), None
                )
                if keys is None:
                    self.other.append(entry)
                for k in keys or ():
                    self.index.setdefault(k, []).append(entry)
                index = self.indices[rule]
                if not -len(pattern) <= index < len(pattern) or not set(self.attrs[rule]) <= set(_COLUMNS):
                    self.columns_only = False

    @staticmethod
    def _fits(feats: tuple, tests: tuple) -> bool:
        for f, op, operand in tests:
            value = feats[f]
            if op == "eq":
                if value != operand:
                    return False
            elif op == "in":
                if value not in operand:
                    return False
            elif op == "not_in":
                if value in operand:
                    return False
            elif not operand.search(value):
                return False
        return True

    def _plan(self, here: tuple) -> tuple[list, list, dict]:
        """For a token with features `here`: the one-token rules it matches, the longer rules
        whose first token it matches (their next tokens are tested per position), and what the
        one-token rules set on it (attribute -> (rule, value): a later rule wins, as in
        spaCy's sorted matches)."""
        singles, longer = [], []
        candidates = [e for f in range(4) for e in self.index.get((f, here[f]), ())] + self.other
        for rule, key, tests in candidates:
            if not self._fits(here, tests[0]):
                continue
            if len(tests) == 1:
                singles.append((rule, key))
            else:
                longer.append((rule, key, tests))
        sets: dict[int, tuple[int, int]] = {}
        for rule, _ in sorted(singles):
            sets.update((attr, (rule, value)) for attr, value in self.attrs[rule].items())
        return singles, longer, sets

    def _kinds(self, doc: Doc) -> tuple[list[tuple], list[int], list[tuple]]:
        """The kinds of token in a doc (their features as hashes), each token's kind number and
        each kind's plan: no Token per token, and the rules are looked up once per kind (the
        plans are handed back, so a later clear of the shared memo cannot lose one)."""
        numbers: dict[tuple, int] = {}
        kind = [numbers.setdefault(k, len(numbers)) for k in map(tuple, doc.to_array(_FEATURE_IDS).tolist())]
        kinds = list(numbers)
        plans, names, strings = self.plans, self.names, doc.vocab.strings
        if len(plans) > PLAN_CACHE:  # tokens of one kind match the same rules: keep the answer, bounded
            plans.clear()
            names.clear()
        for key in kinds:
            if key not in plans:  # a kind of token no earlier doc had
                here = names[key] = (strings[key[0]], strings[key[1]], strings[key[2]], bool(key[3]))
                plans[key] = self._plan(here)
        return kinds, kind, [plans[k] for k in kinds]

    def _longer(
        self, keys: list[tuple], kind: list[int], plans: list[tuple], s: int
    ) -> Iterator[tuple[int, int, int, int]]:
        """The matches of rules longer than one token that start at token s."""
        fits, names = self._fits, self.names
        for rule, match_id, tests in plans[kind[s]][1]:
            if s + len(tests) <= len(kind) and all(
                fits(names[keys[kind[s + k]]], tests[k]) for k in range(1, len(tests))
            ):
                yield rule, match_id, s, s + len(tests)

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        if not len(doc):
            return []
        keys, kind, plans = self._kinds(doc)
        out = []
        for s, k in enumerate(kind):
            plan = plans[k]
            for rule, match_id in plan[0]:
                out.append((rule, match_id, s, s + 1))
            if plan[1]:
                out.extend(self._longer(keys, kind, plans, s))
        out.sort()
        return out

    def annotate(self, doc: Doc) -> None:
        """Set what `AttributeRuler.set_annotations` sets for this doc's matches: on each
        token, per attribute, the value of the last rule (in rule order) matching there. The
        one-token rules are written per kind of token, for all tokens of a kind at once."""
        if not len(doc):
            return
        keys, kind, plans = self._kinds(doc)
        table, kinds = doc.to_array(_COLUMNS), np.array(kind, dtype=np.intp)
        for c, attr in enumerate(_COLUMNS):
            sets = [plan[2].get(attr) for plan in plans]
            if any(sets):
                has = np.array([s is not None for s in sets])[kinds]
                values = np.array([s[1] if s else 0 for s in sets], dtype=np.uint64)[kinds]
                table[has, c] = values[has]
        won: dict[tuple[int, int], int] = {}  # (token, attribute) -> rule whose value it has
        for s in np.flatnonzero(np.array([bool(plan[1]) for plan in plans])[kinds]).tolist():
            for rule, _, start, end in self._longer(keys, kind, plans, s):
                index = self.indices[rule]
                t = (start if index >= 0 else end) + index
                for attr, value in self.attrs[rule].items():
                    single = plans[kind[t]][2].get(attr)
                    if rule >= won.get((t, attr), single[0] if single else -1):
                        won[t, attr] = rule
                        table[t, _COLUMNS.index(attr)] = value
        doc.from_array(_COLUMNS, table)  # type: ignore[arg-type]  # spaCy types it as thinc Ints2d


class ColumnAttributeRuler(AttributeRuler):
    """The attribute ruler with `IndexedRuleMatcher.annotate` in place of the match list and
    its per-match writes (spaCy's own call when the matcher cannot)."""

    def __call__(self, doc: Doc) -> Doc:
        matcher = self.match
        if not isinstance(matcher, IndexedRuleMatcher) or not matcher.columns_only:
            return super().__call__(doc)
        try:
            matcher.annotate(doc)
            return doc
        except Exception as e:
            return self.get_error_handler()(self.name, self, [doc], e)


class ColumnLemmatizer(EnglishLemmatizer):
    """spaCy's English rule lemmatizer, reading and writing columns: a token's rule lemma is a
    function of its text, POS and morphology alone, so each distinct triple is lemmatised once
    (by spaCy's own method, on the token) and its lemma hash kept; the doc's lemmas are then
    one `Doc.from_array`. Tokens that already have a lemma (set by the attribute ruler) keep
    it, as with spaCy's `__call__`, which serves any other mode and `overwrite`."""

    def __call__(self, doc: Doc) -> Doc:
        if self.overwrite or self.mode != "rule" or not len(doc):
            return super().__call__(doc)
        if not self._validated:
            self._validate_tables(Errors.E1004)
        try:
            return self._lemmatise_columns(doc)
        except Exception as e:
            return self.get_error_handler()(self.name, self, [doc], e)

    def _lemmatise_columns(self, doc: Doc) -> Doc:
        memo: dict[tuple[int, int, int], int] = self.__dict__.setdefault("lemma_memo", {})
        if len(memo) > LEMMA_CACHE:
            memo.clear()
        table = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas, add = table[:, 3].copy(), doc.vocab.strings.add
        for i, (orth, pos, morph, lemma) in enumerate(table.tolist()):
            if not lemma:
                key = (orth, pos, morph)
                h = memo.get(key)
                if h is None:
                    h = memo[key] = add(self.lemmatize(doc[i])[0])
                lemmas[i] = h
        doc.from_array([LEMMA], lemmas)  # type: ignore[arg-type]  # one uint64 column
        return doc


def speed_up(nlp: Language) -> None:
    """Give the model's attribute ruler and English lemmatizer their column versions (same
    annotations); other pipelines are left as they are."""
    if "attribute_ruler" in nlp.pipe_names:
        ruler = nlp.get_pipe("attribute_ruler")
        try:
            ruler.match = IndexedRuleMatcher(ruler)  # type: ignore[attr-defined]  # spaCy types get_pipe() as a bare callable
        except ValueError:  # a model whose rules use other attributes or operators: spaCy's own matcher
            pass
        else:
            if type(ruler) is AttributeRuler:
                ruler.__class__ = ColumnAttributeRuler
    if "lemmatizer" in nlp.pipe_names and type(nlp.get_pipe("lemmatizer")) is EnglishLemmatizer:
        nlp.get_pipe("lemmatizer").__class__ = ColumnLemmatizer
