"""Resolver: the passes in the order data flows between them."""

from __future__ import annotations

from ...context import Context
from .candidates import CandidatePass
from .countries import CountryPass
from .coups import CoupPass
from .finalise import OutputPass
from .groups import GroupPass
from .militias import MilitiaPass
from .not_actors import NotActorPass
from .organisations import OrganisationPass
from .people import PeoplePass
from .roles import RolePass


class Resolver(
    CandidatePass,
    PeoplePass,
    RolePass,
    GroupPass,
    CoupPass,
    MilitiaPass,
    OrganisationPass,
    NotActorPass,
    CountryPass,
    OutputPass,
):
    """Resolves one parsed article; each pass is one method, called in order by `run`."""

    def run(self) -> None:
        self.find()
        self.resolve_kb()
        self.join_split_names()
        self.grow()
        self.ctx.main_country = self.main_country()
        self.people()
        self.plurals()
        self.qualified_peoples()
        self.militias()
        self.titles_alone()
        self.role_anaphora()
        self.governments()
        self.groups()
        self.to_bodies()  # bodies the generic phrases made ("the junta" of the conflict country)
        self.coup_forces()  # a force moving against its own rulers is apart from them
        self.organisations()
        self.own_groups_named()  # "the X (ACR) rebels" once the organisations pass keyed X
        self.companies()
        self.build()


def resolve(ctx: Context, nlp=None) -> None:
    """Fill ctx.actors, ctx.mentions, ctx.leader_of and ctx.main_country."""
    Resolver(ctx, nlp).run()
