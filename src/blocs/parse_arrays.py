"""The parse as plain arrays, built once per doc and shared by the stages.

Every `doc[i]` or `for tok in doc` makes a new spaCy Token object; a stage that only
asks "which tokens are verbs", "what is this token's head" or "which sentence is this"
can read the answers from these arrays instead (one `doc.to_array` call per doc). The
values are spaCy's own: hashes in the doc's StringStore for POS, DEP, LOWER, LEMMA, TAG and
ENT_TYPE
(`arrays.string(h)` turns one back into text, cached), absolute head indexes, and the
index of each token's sentence.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from functools import wraps
from typing import Callable, Collection, Optional, TypeVar

import numpy as np
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, IDX, LEMMA, LOWER, POS, SENT_START, TAG
from spacy.tokens import Doc, Token

_KEY = "blocs.arrays"
_ATTRS = [POS, DEP, HEAD, LOWER, LEMMA, SENT_START, ENT_IOB, IDX, TAG, ENT_TYPE]
_NAMES = ("pos", "dep", "head", "lower", "lemma", "sent_start", "ent_iob", "idx", "tag", "ent_type")
# hash -> text: spaCy's hashes are a function of the text alone, so one table serves every doc
_STRINGS: dict[int, str] = {}
_ANSWERS: dict[Callable, dict[int, bool]] = {}  # test -> hash -> whether its text passes
_HASHED = frozenset({"pos", "dep", "lower", "lemma", "tag", "ent_type"})  # list attributes holding the table's hashes


@dataclass
class ParseArrays:
    """Token attributes of one doc, one list per attribute, indexed by token."""

    doc: Doc
    pos: list[int]
    dep: list[int]
    head: list[int]  # absolute index of each token's head (a root is its own head)
    lower: list[int]
    lemma: list[int]
    sent: list[int]  # sentence number of each token
    sent_starts: list[int]  # first token of each sentence, in order
    ent_iob: list[int]
    idx: list[int]  # character offset of each token
    tag: list[int]  # fine-grained tag ("VBG", "CD")
    ent_type: list[int]  # entity label ("PERSON"; 0, the empty string, outside entities)
    table: np.ndarray = field(repr=False)  # the columns of _ATTRS, as `doc.to_array` gave them (uint64)
    _texts: dict[str, list[str]] = field(default_factory=dict, repr=False)  # see strings_of
    _kids: list[list[int]] = field(default_factory=list, repr=False)  # see children
    _starts: Optional[list[bool]] = field(default=None, repr=False)  # see sent_start_flags
    _distinct: dict[str, tuple[list[int], np.ndarray]] = field(default_factory=dict, repr=False)  # see where

    def children(self, i: int) -> list[int]:
        """Indexes of token i's children, in order (`[c.i for c in doc[i].children]`); the table
        is built from the heads once per doc, after which this method is the table's own
        `__getitem__` (set on the instance: no Python call per look-up)."""
        kids = self._kids
        if not kids and self.head:
            kids = self._kids = [[] for _ in self.head]
            for j, h in enumerate(self.head):
                if h != j:
                    kids[h].append(j)
            self.children = kids.__getitem__  # type: ignore[assignment,method-assign]
        return kids[i]

    def children_table(self) -> list[list[int]]:
        """Every token's children indexes (`children_table()[i]` is `children(i)`), for a loop
        that asks many tokens without a method call per token."""
        if not self._kids and self.head:
            self.children(0)
        return self._kids

    def subtree(self, i: int) -> list[int]:
        """Indexes of token i's subtree in spaCy's order (`[t.i for t in doc[i].subtree]`: the
        left children's subtrees, the token, the right children's subtrees), without Tokens."""
        out: list[int] = []
        todo = [i]
        while todo:  # depth first; a token is pushed once, to be emitted after its left side
            k = todo.pop()
            if k < 0:
                out.append(~k)
                continue
            kids = self.children(k)
            todo.extend(reversed([c for c in kids if c > k]))
            todo.append(~k)
            todo.extend(reversed([c for c in kids if c < k]))
        return out

    def __post_init__(self) -> None:
        # strings_of answers from a dict that builds a missing list on first use: its own
        # `__getitem__`, set on the instance, so the stages' many calls are no Python calls
        self._texts = _Texts(self)
        self.strings_of = self._texts.__getitem__  # type: ignore[assignment,method-assign]

    def strings_of(self, attr: str) -> list[str]:
        """The text of every token's `attr` ("pos", "dep", "lower", "lemma", "tag", "ent_type"), built once per
        doc: a per-token filter indexes it instead of making Tokens or looking up hashes."""
        return self._texts[attr]

    def _strings(self, attr: str) -> list[str]:
        column = getattr(self, attr)
        try:  # the texts known from earlier docs: one C-level map, no Python step per token
            return list(map(_STRINGS.__getitem__, column))
        except KeyError:  # a hash no doc had before: its text looked up once, then the map again
            strings = self.doc.vocab.strings
            for h in set(column).difference(_STRINGS):
                text_of(strings, h)
            return list(map(_STRINGS.__getitem__, column))

    def string(self, h: int) -> str:
        """The text of a hash (`arrays.string(arrays.lower[i])` is `doc[i].lower_`)."""
        return text_of(self.doc.vocab.strings, h)

    def where(self, attr: str, test: Callable[[str], bool]) -> np.ndarray:
        """A boolean mask of the tokens whose `attr` ("pos", "dep", "lower", "lemma") passes
        `test`. The test runs once per distinct value ever seen (its answers are kept, per
        test: pass a function defined once, not a new lambda per call), never per token."""
        memo = _ANSWERS.setdefault(test, {})
        values, inverse = self._distinct_values(attr)
        get = memo.get  # the test asked of the values no earlier doc asked about
        answers = [a if (a := get(v)) is not None else memo.setdefault(v, bool(test(self.string(v)))) for v in values]
        return np.array(answers, dtype=bool)[inverse]

    def _distinct_values(self, attr: str) -> tuple[list[int], np.ndarray]:
        """The distinct values of a column, and for each token the position of its own among
        them (`values[inverse[i]]` is token i's), found once per doc and column: `where` then
        answers each distinct value, not each token."""
        found = self._distinct.get(attr)
        if found is None:
            values, inverse = np.unique(self.table[:, _NAMES.index(attr)], return_inverse=True)
            found = self._distinct[attr] = (values.tolist(), inverse.reshape(-1))
        return found

    def sent_start_flags(self) -> list[bool]:
        """Whether each token is marked as opening a sentence (`doc[i].is_sent_start` is true: the
        parse's own mark, unlike `sent_starts`, which also counts token 0), built once per doc."""
        if self._starts is None:
            self._starts = (self.table[:, 5] == 1).tolist()
        return self._starts

    def hash_of(self, text: str) -> int:
        """The hash a string has in these arrays (0 for the empty string)."""
        return self.doc.vocab.strings.add(text) if text else 0

    def sentence(self, i: int) -> tuple[int, int]:
        """(start, end) token indexes of the sentence holding token `i`."""
        k = self.sent[i]
        end = self.sent_starts[k + 1] if k + 1 < len(self.sent_starts) else len(self.pos)
        return self.sent_starts[k], end


class _Texts(dict):
    """attribute name -> the text of every token's value of it, built when first asked for."""

    def __init__(self, arrays: ParseArrays) -> None:
        super().__init__()
        self.arrays = arrays

    def __missing__(self, attr: str) -> list[str]:
        texts = self[attr] = self.arrays._strings(attr)
        return texts


def text_of(strings, h: int) -> str:
    """The text of a hash in a StringStore, cached for every doc (0: the empty string)."""
    s = _STRINGS.get(h)
    if s is None:
        s = _STRINGS[h] = strings[h] if h else ""
    return s


_T = TypeVar("_T")


def remembers_last_doc(build: Callable[[Doc], _T]) -> Callable[[Doc], _T]:
    """`build(doc)` answered from a one-slot memory of the doc it was last asked about: the
    stages ask thousands of times per doc, the same doc as last time. The doc is kept by
    reference, so no other doc can pass for it; the slot is per process, which is why a
    worker analyses one batch at a time (store.ingest.analyze_payload)."""
    slot: list = [None, None]

    @wraps(build)
    def answer(doc: Doc) -> _T:
        if slot[0] is doc:
            return slot[1]
        value = build(doc)
        slot[0], slot[1] = doc, value
        return value

    return answer


def once_per_token(read: Callable[[Token], _T]) -> Callable[[Token], _T]:
    """`read(token)` answered once per token of a doc, then from a table of the doc last asked
    about (`remembers_last_doc`): for a function of the parse alone that several rules ask of
    the same token. Later calls get the first call's answer, the same objects."""

    @remembers_last_doc
    def table(doc: Doc) -> dict[int, _T]:
        return {}

    @wraps(read)
    def answer(tok: Token) -> _T:
        memo = table(tok.doc)
        i = tok.i
        if i in memo:
            return memo[i]
        value = memo[i] = read(tok)
        return value

    return answer


@remembers_last_doc
def of(doc: Doc) -> ParseArrays:
    """The arrays of a doc, built on first use and kept in its `user_data`
    (no stage retokenizes a parsed doc)."""
    arrays = doc.user_data.get(_KEY)
    if arrays is None or len(arrays.pos) != len(doc):
        arrays = doc.user_data[_KEY] = _build(doc)
    return arrays


def _build(doc: Doc) -> ParseArrays:
    n = len(doc)
    raw = doc.to_array(_ATTRS) if n else np.zeros((0, len(_ATTRS)), dtype=np.uint64)
    starts = raw[:, 5] == 1
    if n:
        starts[0] = True
    sent = np.cumsum(starts) - 1
    head = raw[:, 2].astype(np.int64) + np.arange(n)  # to_array gives heads relative to the token
    pos, dep, _, lower, lemma, _, ent_iob, idx, tag, ent_type = raw.T.tolist() if n else [[]] * len(_ATTRS)
    return ParseArrays(
        doc=doc,
        pos=pos,  # the columns as Python ints, read straight off the uint64 table
        dep=dep,
        head=head.tolist(),
        lower=lower,
        lemma=lemma,
        sent=sent.tolist(),
        sent_starts=np.flatnonzero(starts).tolist(),
        ent_iob=ent_iob,
        idx=idx,
        tag=tag,
        ent_type=ent_type,
        table=raw,
    )


@remembers_last_doc
def tokens(doc: Doc) -> list:
    """Every Token of a doc, made once (one C-level walk) and kept in its `user_data`:
    `tokens(doc)[i]` is `doc[i]` without a new Token per look-up (asked thousands of times per
    doc: answered from the one-slot memory of the last doc)."""
    toks = doc.user_data.get(_TOKENS)
    if toks is None or len(toks) != len(doc):
        toks = doc.user_data[_TOKENS] = list(doc)
    return toks


def children_with(tok, deps: Collection[str]) -> list:
    """`[c for c in tok.children if c.dep_ in deps]` read off the arrays: a Token (from the doc's
    shared list, see `tokens`) only for the children kept (`deps`: a set or tuple of labels)."""
    doc = tok.doc
    arrays = of(doc)
    dep = arrays.strings_of("dep")
    kept = [c for c in arrays.children(tok.i) if dep[c] in deps]
    if not kept:
        return kept
    toks = tokens(doc)
    return [toks[c] for c in kept]


_TOKENS = "blocs.tokens"
_BLOCKS = "blocs.subtree_blocks"


@dataclass
class SubtreeBlocks:
    """Subtrees of a doc as slices of one walk: the walk of each root in spaCy's subtree order
    (left children's subtrees, the token, right children's subtrees) emits each subtree as a
    contiguous run, so `order[start[i]:end[i]]` is `ParseArrays.subtree(i)`. The roots of a
    sentence are walked the first time one of its tokens is asked for."""

    order: list[int]
    start: list[int]  # -1: not walked yet (or reached from no root: a cycle in the heads)
    end: list[int]
    walked: set[int]  # sentence numbers whose roots were walked


def subtree_of(doc: Doc, i: int) -> list[int]:
    """`of(doc).subtree(i)`, sliced from the walk of the roots of token i's sentence."""
    arrays = of(doc)
    blocks = doc.user_data.get(_BLOCKS)
    if blocks is None or len(blocks.start) != len(doc):
        blocks = doc.user_data[_BLOCKS] = SubtreeBlocks([], [-1] * len(doc), [-1] * len(doc), set())
    k = arrays.sent[i]
    if k not in blocks.walked:
        blocks.walked.add(k)
        lo, hi = arrays.sentence(i)
        for root in range(lo, hi):
            if arrays.head[root] == root:
                _walk(arrays, root, blocks)
    start = blocks.start[i]
    return blocks.order[start : blocks.end[i]] if start >= 0 else arrays.subtree(i)


def _walk(arrays: ParseArrays, root: int, blocks: SubtreeBlocks) -> None:
    n, order, start, end = len(arrays.head), blocks.order, blocks.start, blocks.end
    arrays.children(root)  # builds the children table (each list in token order)
    kids_of = arrays._kids
    todo = [root]  # k: open k's subtree; ~k: emit k; n + k: close k's subtree
    while todo:
        k = todo.pop()
        if k >= n:
            end[k - n] = len(order)
        elif k < 0:
            order.append(~k)
        elif not kids_of[k]:  # a leaf: its subtree is itself
            start[k] = len(order)
            order.append(k)
            end[k] = len(order)
        else:
            start[k] = len(order)
            kids = kids_of[k]
            split = bisect_left(kids, k)  # the children before k, then those after it
            todo.append(n + k)
            todo.extend(reversed(kids[split:]))
            todo.append(~k)
            todo.extend(reversed(kids[:split]))
