"""Arbitration between signal types: one primary type per reported event.

Why: overlapping phrases are all read (engine.py), so one reported event can match
the triggers of several types: "warplanes dropped bombs, causing a huge explosion"
is an air strike and an explosion, "soldiers opened fire on protesters" an armed
clash and unrest, "carried out a grenade attack" a clash and an explosion. The
coding rules of ACLED and CAMEO give each event one type, the most specific one;
this module applies them as data, two tables that the engine consults:

- `REREADS`: which phrases give the words nested inside them another sense, so that
  a nested match of the inner type is not evidence at all ("siege" in "state of
  siege"). A nested match of any other pair is kept and left to `PRECEDENCE`.
- `PRECEDENCE`: when two types are reported for one event, which one codes it. The
  scope says what "one event" is: the same phrase (overlapping evidence spans) or the
  same clause (`clauses`), for pairs where a clause about one type rarely reports a
  separate event of the other.

Only a reported winner overrules, and never a weaker one: a negated, hedged or
historical mention of an air strike (confidence below `WINNER_FLOOR`) does not
remove the explosion next to it, nor does a vague "strike on the hospital" (0.6)
overrule the "missile strike" (0.9) it overlaps.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from tocsin.records import SignalType as T

#: A winner must be at least a faint trigger at full strength to overrule another type.
WINNER_FLOOR = 0.4

#: Where one reported event ends, for arbitration: a sentence end, a semicolon, colon
#: or dash, "but", or a comma that opens a new finite clause ("..., and a bomb went
#: off", "..., while rebels attacked"). A bare comma does not end the event: "struck
#: the depot, causing a huge explosion" is one.
_CLAUSE_END = re.compile(
    r"[.!?;:\u0589\u061b\u061f\u2014]\s|\n|,? but |, (?:and|while|whereas|as|after|before|when|then|later) | while | whereas "
)


class Scope(Enum):
    """How close two matches must be to report one event."""

    PHRASE = "phrase"  # overlapping evidence spans
    CLAUSE = "clause"  # the same clause (`_CLAUSE_END`)


@dataclass(frozen=True)
class Hit:
    """One trigger match after its context rules: the unit the tables arbitrate."""

    type: T
    confidence: float
    start: int
    end: int


@dataclass(frozen=True)
class Precedence:
    """`wins` codes an event that `loses` also matched, within `scope`; `only_if`, when
    set, must match the winner's words, and `unless`, when set, spares a loser whose
    words match it. Patterns match folded text."""

    wins: T
    loses: T
    scope: Scope
    only_if: re.Pattern[str] | None = None
    unless: re.Pattern[str] | None = None


#: Outer type -> inner types whose nested matches re-read the outer phrase's words in
#: another sense and are dropped (engine.Classifier._hits).
REREADS: dict[T, frozenset[T]] = {
    # "state of siege" / "state of emergency" is a threat, not a blockade
    T.THREAT: frozenset({T.BLOCKADE}),
    # "lifted the blockade", "lifted a state of emergency", "reopened the humanitarian
    # corridor": the lifting is the news; "ceasefire violations" inside "talks on
    # ceasefire violations" is the subject of the talks
    T.DE_ESCALATION: frozenset({T.BLOCKADE, T.THREAT, T.CEASEFIRE_BREACH, T.EVACUATION}),
    # "violated the ceasefire agreement": the agreement is what was broken
    T.CEASEFIRE_BREACH: frozenset({T.DE_ESCALATION}),
    # "three militants killed", "20 protesters were injured": the armed men or the
    # protesters are the victims, not the actors of a clash or a riot
    T.CASUALTIES: frozenset({T.ARMED_CLASH, T.UNREST}),
    # "its long-threatened invasion" reports the invasion, not a threat
    T.OFFENSIVE: frozenset({T.THREAT}),
}

#: Armed targets: PLOVER codes force used against them as FIGHT, against civilians as
#: ASSAULT, whatever the weapon; SIGNALS.md maps FIGHT to armed_clash.
_ARMED_TARGET = re.compile(
    r"\b(?:(?:position|post|outpost|camp|base|hideout|stronghold|target|garrison|checkpoint|convoy|patrol|trench|troop|soldier"
    r"|force|militant|rebel|insurgent|fighter|guerrill?a|militia|army|armie)s?|barracks|[\w]+-held)\b"
)
#: Aircraft named in the winner: a salvo of missiles *and drones* is two attacks, a
#: missile fired *from a helicopter* one. With the Spanish, Italian and Azerbaijani
#: words for them, whose bare "bombardeó" / "ha bombardato" / "bombaladı" after an air
#: force is otherwise read as shelling too.
_AIRCRAFT = re.compile(
    r"\b(?:warplanes?|planes?|jets?|aircraft|helicopters?|gunships?|bombers?|air ?force"
    r"|aviación|avi(?:ón|ones)|cazas|aviazione|aere[io]|caccia|bombarder\w+|helicópter\w+|elicotter\w+"
    r"|aviasiya\w*|təyyarə\w*|helikopter\w*)\b"
)
#: Protest named in the winner's words: a mob that "torched" shops next to gunmen is
#: not force against protesters.
_PROTEST = re.compile(
    r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ies)|crowds?|mobs?|riot\w*|marchers|mourners|tear ?gas|rubber bullets|water cannons?"
    r"|manifestant\w*|disturbios|disordini|saccheggi\w*|saqueos?|lacrim\w*|etiraz\w*|nümayiş\w*|iğtişaş\w*|aksiya\w*)"
)
#: A withdrawal under pressure, in the winner's words.
_FORCED = re.compile(r"\b(?:forced|compelled|drove|driven|pushed|under (?:heavy )?fire|losses)\b")

PRECEDENCE: tuple[Precedence, ...] = (
    # ACLED codebook, "Air/drone strike": any attack carried out from the air is coded
    # as an air/drone strike, whatever the munition; the explosion it causes is not a
    # second event (CAMEO 195 "employ aerial weapons" before 183 "bombing").
    Precedence(T.AIR_STRIKE, T.EXPLOSION, Scope.CLAUSE),
    # ACLED: missiles or rockets fired from aircraft are an air/drone strike, not a
    # "Shelling/artillery/missile attack" (that sub-type is for ground-launched fire).
    Precedence(T.AIR_STRIKE, T.SHELLING, Scope.PHRASE, only_if=_AIRCRAFT),
    # CAMEO codes the most specific event (195/194/183 before 190) and ACLED codes a
    # one-sided attack by its means: rockets fired at a town, a bomb attack, jets
    # striking a village are not an armed clash. PLOVER's rule spares fire aimed at
    # armed targets: that is FIGHT (armed_clash) whatever the weapon.
    Precedence(T.AIR_STRIKE, T.ARMED_CLASH, Scope.PHRASE, unless=_ARMED_TARGET),
    Precedence(T.SHELLING, T.ARMED_CLASH, Scope.PHRASE, unless=_ARMED_TARGET),
    Precedence(T.EXPLOSION, T.ARMED_CLASH, Scope.PHRASE, unless=_ARMED_TARGET),
    # ACLED "Shelling/artillery/missile attack" covers mortars, rockets and
    # rocket-propelled grenades: the shell that explodes is the same event.
    Precedence(T.SHELLING, T.EXPLOSION, Scope.CLAUSE),
    # ACLED: "Excessive force against protesters" and "Violent demonstration" are
    # sub-types of Protests/Riots, not Battles: force used by or on protesters is
    # unrest (CAMEO 145 "protest violently, riot"), not an armed clash.
    Precedence(T.UNREST, T.ARMED_CLASH, Scope.CLAUSE, only_if=_PROTEST),
    # ACLED: a withdrawal under military pressure is a territorial change
    # ("Government regains territory" / "Non-state actor overtakes territory");
    # only a negotiated one is an "Agreement" (de-escalation).
    Precedence(T.TERRITORIAL_CHANGE, T.DE_ESCALATION, Scope.CLAUSE, only_if=_FORCED),
)


def rereads(outer: T, inner: T) -> bool:
    """Whether a match of `inner` nested in a phrase of `outer` re-reads its words."""
    return inner in REREADS.get(outer, frozenset())


def arbitrate(hits: list[Hit], folded: str) -> list[Hit]:
    """The hits that code their event: a hit is dropped when a reported hit of a type
    that takes precedence over it lies in its phrase or clause (`PRECEDENCE`)."""
    types = {hit.type for hit in hits}
    rules = [rule for rule in PRECEDENCE if rule.loses in types and rule.wins in types]
    if not rules:
        return hits
    clause = _clause_index(folded)
    return [hit for hit in hits if not any(_overruled(hit, rule, hits, folded, clause) for rule in rules)]


def _overruled(hit: Hit, rule: Precedence, hits: list[Hit], folded: str, clause: Callable[[int], int]) -> bool:
    """Whether `rule` gives `hit`'s event to a winner in its phrase or clause."""
    if hit.type is not rule.loses or (rule.unless and rule.unless.search(folded, hit.start, hit.end)):
        return False
    return any(_wins(other, hit, rule, folded, clause) for other in hits if other.type is rule.wins)


def _wins(winner: Hit, loser: Hit, rule: Precedence, folded: str, clause: Callable[[int], int]) -> bool:
    if winner.confidence < max(WINNER_FLOOR, loser.confidence):
        return False
    if rule.only_if and not rule.only_if.search(folded, winner.start, winner.end):
        return False
    if rule.scope is Scope.PHRASE:
        return winner.start < loser.end and loser.start < winner.end
    return clause(winner.start) == clause(loser.start)


def _clause_index(folded: str) -> Callable[[int], int]:
    """A function from an offset to the index of its clause (`_CLAUSE_END`)."""
    ends = [match.end() for match in _CLAUSE_END.finditer(folded)]
    return lambda offset: bisect.bisect_right(ends, offset)
