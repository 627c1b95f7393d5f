"""Acts told once and repeated by ellipsis: "Mali cut ties with Kyiv. Niger followed suit."

A clause whose verb only says that its subject did what another actor had just done ("followed
suit", "did the same", "did likewise", "followed in April") names no act of its own; the act is
the last one named before it, by the actor who did it last, now done by the new subject. A
target that is the new subject itself is answered in kind: "X expelled Y's envoys and Y followed
suit" means Y expelled X's.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from .arguments import Candidate, Resolver
from .parse import _child, _is_passive, view
from .patterns import Lexicon, lem, lem_at
from .subjects import _negated, _subject_tokens


def _echo_verb(tok: Token, lex: Lexicon) -> bool:
    """ "followed suit", "did the same", "did likewise", intransitive "followed": a repeat."""
    lemma = lem(tok)
    if tok.pos_ != "VERB" or lemma not in lex.echo_verbs or _is_passive(tok):
        return False
    if any(c.dep_ == "aux" and c.tag_ == "MD" for c in tok.children):
        return False  # "others may follow suit": not done
    marks = {c.lower_ for c in tok.children if c.dep_ in ("dobj", "advmod")}
    if marks & lex.echo_objects:
        return True
    busy = ("dobj", "ccomp", "xcomp", "attr", "acomp", "agent")
    return lemma in lex.echo_intransitive and not any(c.dep_ in busy for c in tok.children)


def echoes(sent: Span, cands: list[Candidate], before: list[Candidate], res: Resolver, lex: Lexicon) -> list[Candidate]:
    """The repeated acts of one sentence: `cands` are its own candidates, `before` those of the
    last sentence that had any (both already free of supposed and negated acts)."""
    out: list[Candidate] = []
    v = view(sent.doc)
    pos, arrays, doc = v.pos, v.arrays, sent.doc
    for i in range(sent.start, sent.end):
        if pos[i] != "VERB" or lem_at(arrays, i) not in lex.echo_verbs:
            continue  # (`_echo_verb`'s first test, read from the arrays: no Token for the others)
        tok = doc[i]  # a Token of its own, as iterating the span gives
        if not _echo_verb(tok, lex) or _negated(tok, lex) or _child(tok, "nsubj") is None:
            continue
        subj = _subject_tokens(tok)
        actors = [a for a in res.actors(subj) if a]
        pool = sorted((c for c in cands if c.trigger.i < tok.i and c.sources[0]), key=lambda c: c.trigger.i)
        pool = pool or [c for c in before if c.sources[0]]
        if not actors or not pool:
            continue
        leader = pool[-1].sources[0]
        for p in (p for p in pool if p.sources[0] == leader):
            for a in actors:
                if a == leader:
                    continue
                targets = [leader if t == a else t for t in p.targets]
                out.append(
                    replace(
                        p,
                        trigger=tok,
                        anchors=[tok],
                        sources=[a],
                        targets=targets,
                        args=list(subj),
                        date=None,
                        place=None,
                        story_place=None,
                        refers=None,
                        source_inferred=False,
                        confidence=p.confidence * 0.9,
                        rule=f"echo:{lem(tok)}+{p.rule or lem(p.trigger)}",
                    )
                )
    return out
