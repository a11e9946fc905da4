"""What every lexicon shares: the strengths of its triggers and the gap patterns between words.

A lexicon module (lexicon_<language>.py) holds data only: TRIGGERS per signal type with
one of these strengths, BENIGN senses and the context cues the engine reads
(docs/classification.md). Strengths mean the same in every language, so they live here.
"""

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
