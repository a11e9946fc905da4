"""What every lexicon shares: the strengths of its triggers and the gap patterns between words.

A lexicon module (lexicon_<language>.py) holds data only: TRIGGERS per signal type with
one of these strengths, BENIGN senses and the context cues the engine reads
(docs/classification.md). Strengths mean the same in every language, so they live here.
"""

from collections.abc import Mapping

from tocsin.records import SignalType as T

#: A phrase that reports the event by itself.
STRONG = 0.9
#: A word that usually reports it, but needs its sentence to agree.
WEAK = 0.6
#: Counts only next to other evidence.
FAINT = 0.45


def either(*alternatives: str) -> str:
    """One alternation of several: a BENIGN entry names the shared cue groups it uses (`either(_GAMES, _SPORTS)`)."""
    return "|".join(alternatives)


#: One word of a Latin-script language, with apostrophes and hyphens ("l'armée", "Nagorno-Karabakh").
WORD = r"[\w'’-]+"
#: Up to two or three such words between a verb and its object.
GAP2 = rf"(?:{WORD} ){{0,2}}?"
GAP3 = rf"(?:{WORD} ){{0,3}}?"


#: Which families of everyday senses mask which type's triggers in the Romance lexicons
#: (Spanish, French, Italian, Portuguese): one table, so the four agree on the shape and
#: each supplies only its words for the families and its own cues per type.
ROMANCE_BENIGN: dict[T, tuple[str, ...]] = {
    T.SHELLING: ("games", "sports"),
    T.AIR_STRIKE: ("games", "sports", "labour", "business"),
    T.ARMED_CLASH: ("games", "sports", "culture", "politics"),
    T.EXPLOSION: ("games", "culture"),
    T.AIR_RAID_ALERT: ("disasters",),
    T.EVACUATION: ("disasters", "sports"),
    T.OFFENSIVE: ("games", "sports", "business", "politics"),
    T.MOBILIZATION: ("sports", "business", "labour", "politics"),
    T.TERRITORIAL_CHANGE: ("games", "sports", "culture", "politics", "business"),
    T.BLOCKADE: ("sports", "labour", "culture"),
    T.CASUALTIES: ("games", "sports", "culture", "disasters"),
    T.THREAT: ("labour", "sports"),
    T.UNREST: ("sports", "culture"),
    T.DE_ESCALATION: ("labour", "sports", "business", "politics"),
}


def benign_cues(families: Mapping[str, str], own: Mapping[T, str], table: Mapping[T, tuple[str, ...]] = ROMANCE_BENIGN) -> dict[T, str]:
    """Each type's BENIGN pattern: the families `table` names for it (in `families`' words), then the language's `own` cues."""
    return {kind: either(*(families[name] for name in names), *([own[kind]] if kind in own else [])) for kind, names in table.items()}
