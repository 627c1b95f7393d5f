"""What the sentence coder's mixins share: its state, and the methods they call across.

`SentenceCoder` (coder.py) sets the attributes in `__init__` and mixes in ModalityMixin,
VerbalMixin, NominalMixin, ReportedMixin and ClauseMixin; each mixin derives from `CoderState` so that what it reads
from the others is declared once, with its type. The methods below exist only for the type
checker: the real ones come first in SentenceCoder's method order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from .arguments import Candidate, Resolver
    from .patterns import Lexicon


class CoderState:
    """The state of one sentence's coder (set by `SentenceCoder.__init__`)."""

    sent: Span
    res: Resolver
    lex: Lexicon
    verb_trig: dict[int, tuple[str, Optional[Token]]]  # trigger index -> (type, consumed object)
    noun_trig: dict[int, str]  # trigger index -> type
    consumed: set[int]
    slot_preps: dict[int, str]  # trigger index -> preposition of its target slot
    rules: dict[int, str]  # trigger index -> the pattern or rule that typed it (--explain)
    question: bool  # the sentence ends in a question mark (its acts are only supposed)
    unreal_at: dict[int, bool]  # token index -> `_unreal` (modality.py), once asked
    affiliating: Optional[bool]  # does the sentence hold an affiliation participle ("linked")? (verbal.py)

    if TYPE_CHECKING:
        # SentenceCoder (coder.py)
        def _expand(
            self,
            etype: str,
            trig: Token,
            anchors: list,
            sources: list,
            targets: list,
            mode: Optional[str],
            conf: float,
            args: list,
        ) -> list[Candidate]: ...

        def _bare_participle(self, tok: Token) -> bool: ...

        def _fallback_targets(self, etype: str, trig: Token, anchors: list, sources: list) -> list[str]: ...

        # ModalityMixin (modality.py)
        def _future(self, verb: Token) -> Optional[str]: ...

        def _apply_modality(self, verb: Token, etype: str, anchors: list, wrapped: set) -> Optional[tuple]: ...

        def _under_goal(self, verb: Token) -> bool: ...

        def _noun_modality(self, verb: Token, etype: str) -> Optional[tuple]: ...

        def _modal_rule(
            self, verb: Token, head: Token, rule: str, etype: str, subj_toks: list, anchors: list, wrapped: set
        ): ...

        # NominalMixin (nominal.py)
        def _noun_participants(self, noun: Token) -> tuple[list[str], list[str]]: ...

        def _charged_act(self, tok: Token) -> bool: ...
