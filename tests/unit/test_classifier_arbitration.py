"""One type per reported event (streams/classifier/arbitration.py) and cues bound to
the trigger's clause, on sentences written for these tests."""

from __future__ import annotations

import pytest

from tocsin.records import SignalType as T
from tocsin.streams.classifier import Classifier
from tocsin.streams.classifier.arbitration import PRECEDENCE, REREADS, Hit, Precedence, Scope, arbitrate

CLASSIFIER = Classifier()


def _types(text: str) -> set[T]:
    return {d.type for d in CLASSIFIER.classify(text)}


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # aerial attack -> air_strike, not also explosion (ACLED Air/drone strike)
        ("Warplanes struck the fuel depot, causing a huge explosion.", T.AIR_STRIKE, T.EXPLOSION),
        ("An air strike on the bridge triggered powerful blasts.", T.AIR_STRIKE, T.EXPLOSION),
        # missiles fired from aircraft are an air strike, not shelling
        ("Missiles were fired from helicopter gunships at the convoy.", T.AIR_STRIKE, T.SHELLING),
        # RPG and mortar fire -> shelling, not explosion
        ("Insurgents fired rocket-propelled grenades at the police station.", T.SHELLING, T.EXPLOSION),
        ("A mortar shell exploded in the market, a powerful blast witnesses said.", T.SHELLING, T.EXPLOSION),
        # a bomb attack is an explosion, not an armed clash
        ("Militants carried out a grenade attack on a crowded bazaar.", T.EXPLOSION, T.ARMED_CLASH),
        ("Rebels fired rockets at the crowded town centre.", T.SHELLING, T.ARMED_CLASH),
        # police or troops against protesters -> unrest, not armed_clash
        ("Soldiers opened fire on marchers in the capital.", T.UNREST, T.ARMED_CLASH),
        ("Riot police clashed with demonstrators outside parliament.", T.UNREST, T.ARMED_CLASH),
        # a forced withdrawal is not de-escalation
        ("The garrison was forced to withdraw its troops from the hill town.", T.TERRITORIAL_CHANGE, T.DE_ESCALATION),
    ],
)
def test_one_event_gets_its_primary_type(text: str, present: T, absent: T) -> None:
    found = _types(text)
    assert present in found
    assert absent not in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # fire aimed at armed targets is fighting whatever the weapon (PLOVER FIGHT)
        ("Army tanks shelled positions held by the rebels.", {T.SHELLING, T.ARMED_CLASH}),
        ("Jets bombed insurgent hideouts in the hills.", {T.AIR_STRIKE, T.ARMED_CLASH}),
        # a salvo of missiles and drones is two attacks
        ("The enemy fired 30 missiles and 60 drones at the capital overnight.", {T.SHELLING, T.AIR_STRIKE}),
        # a negotiated handover stays de-escalation
        ("The two governments agreed to hand over three border villages.", {T.TERRITORIAL_CHANGE, T.DE_ESCALATION}),
        # separate clauses are separate events
        ("Drones struck the airfield overnight; later a car bomb exploded in the city.", {T.AIR_STRIKE, T.EXPLOSION}),
    ],
)
def test_separate_or_compound_events_keep_both_types(text: str, expected: set[T]) -> None:
    assert _types(text) >= expected


def test_a_negated_winner_does_not_overrule() -> None:
    assert T.EXPLOSION in _types("There was no air strike, officials said, but a huge explosion shook the port.")


def test_precedence_table_is_well_formed() -> None:
    assert all(rule.wins is not rule.loses for rule in PRECEDENCE)
    assert len({(rule.wins, rule.loses) for rule in PRECEDENCE}) == len(PRECEDENCE)
    assert not any((rule.loses, rule.wins) in {(r.wins, r.loses) for r in PRECEDENCE} for rule in PRECEDENCE)
    assert all(outer not in inner for outer, inner in REREADS.items())


def test_arbitrate_by_phrase_and_by_clause() -> None:
    text = "jets hit the depot; a blast followed"
    air, boom = Hit(T.AIR_STRIKE, 0.9, 0, 15), Hit(T.EXPLOSION, 0.9, 22, 29)
    assert arbitrate([air, boom], text) == [air, boom]  # the semicolon ends the event
    joined = text.replace(";", ",")
    assert arbitrate([air, boom], joined) == [air]
    assert Precedence(T.AIR_STRIKE, T.EXPLOSION, Scope.PHRASE) not in PRECEDENCE


@pytest.mark.parametrize(
    ("text", "signal_type"),
    [
        # nested in a clash phrase, the explosion is kept (the old overlap rule dropped it)
        ("Militants carried out the bomb attack on the rally.", T.EXPLOSION),
        # a year elsewhere in the sentence dates another event
        ("Rockets hit the town on Monday, which was captured in 2014.", T.SHELLING),
        ("Artillery shelled Kharkiv, a city that was occupied in 1941.", T.SHELLING),
        # an unrelated negation earlier in the clause
        ("The mayor did not comment as shells hit the town centre.", T.SHELLING),
        ("Officials would not say whether troops shelled the village.", T.SHELLING),
        # orders to shelter or to leave are the signal itself
        ("Residents were urged to go to shelters as sirens wailed.", T.AIR_RAID_ALERT),
    ],
)
def test_cues_stay_in_their_clause(text: str, signal_type: T) -> None:
    assert signal_type in _types(text)


@pytest.mark.parametrize(
    ("text", "signal_type"),
    [
        ("The 2020 war displaced tens of thousands of people.", T.EVACUATION),
        ("The envoy urged Azerbaijan to reopen the corridor.", T.DE_ESCALATION),
        ("Ministers demanded the withdrawal of foreign troops from the region.", T.DE_ESCALATION),
        ("The council called for an immediate ceasefire agreement.", T.DE_ESCALATION),
        ("The 1994 siege left the city in ruins, the exhibition recalls.", T.BLOCKADE),
    ],
)
def test_demands_and_named_past_wars_are_not_events(text: str, signal_type: T) -> None:
    assert signal_type not in _types(text)


@pytest.mark.parametrize(
    "text",
    [
        "Russian forces captured Vuhledar after weeks of fighting.",
        "Government troops retook, on Tuesday, the strategic village of Hill 42.",
        "The rebels recaptured Goma late on Sunday.",
        "Ukrainian troops freed the town after a two-week assault.",
        "Army units gained ground north of the city.",
        "The militia drove the insurgents out of the river port.",
        "Rebel fighters were forced to retreat from the border district.",
    ],
)
def test_territorial_change_with_named_places_and_asides(text: str) -> None:
    assert T.TERRITORIAL_CHANGE in _types(text)


@pytest.mark.parametrize(
    "text",
    [
        "Users were bombarded with pop-ups and junk mail.",
        "Military operations abroad cost taxpayers £1.5bn this year, the budget shows.",
        "The goalkeeper was displaced by a younger rival this season.",
        "A gas cylinder explosion at a restaurant injured six diners.",
        "A boiler explosion at the fertiliser plant killed two workers.",
        "Troops captured two smugglers near the border.",
        "The army captured the imagination of the crowd at the parade.",
    ],
)
def test_benign_senses_in_context_stay_quiet(text: str) -> None:
    assert not _types(text) & {T.SHELLING, T.OFFENSIVE, T.EVACUATION, T.EXPLOSION, T.TERRITORIAL_CHANGE}
