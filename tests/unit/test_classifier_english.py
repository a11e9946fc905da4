"""English context rules and benign senses, on sentences written for these tests."""

from __future__ import annotations

import pytest

from tocsin.records import SignalType as T
from tocsin.streams.classifier import THRESHOLD, Classifier

CLASSIFIER = Classifier()


def _types(text: str) -> set[T]:
    return {d.type for d in CLASSIFIER.classify(text)}


@pytest.mark.parametrize(
    ("signal_type", "text"),
    [
        (T.ARMED_CLASH, "Gunmen opened indiscriminate fire on a checkpoint, killing two guards."),
        (T.ARMED_CLASH, "Two militants were killed in an encounter with security forces."),
        (T.AIR_STRIKE, "Warplanes backed by drones pounded rebel positions for a third day."),
        (T.SHELLING, "Fighters fired dozens of rockets at the airport."),
        (T.EXPLOSION, "A powerful explosion ripped through the market."),
        (T.TERRITORIAL_CHANGE, "Government troops recaptured the strategic town of Harlow."),
        (T.MOBILIZATION, "The ministry sent additional troops to the border region."),
        (T.CASUALTIES, "The attack left at least 12 people dead."),
        # verb families and word gaps added after the PLOVER/CAMEO/SATP error analysis
        (T.EXPLOSION, "Insurgents blew up a mobile phone tower overnight."),
        (T.EXPLOSION, "Militants set off a bomb near the district court."),
        (T.EXPLOSION, "A landmine killed two shepherds grazing their flock."),
        (T.EXPLOSION, "An explosion inside a crowded cafe killed nine people."),
        (T.EXPLOSION, "Five people were killed in an unexplained roadside explosion."),
        (T.EXPLOSION, "Two soldiers were wounded when their jeep hit a buried mine."),
        (T.ARMED_CLASH, "The convoy was hit in a gun attack near the pass."),
        (T.ARMED_CLASH, "A farmer was wounded in cross-border firing on Tuesday."),
        (T.ARMED_CLASH, "Battles raged for control of the bridge."),
        (T.ARMED_CLASH, "The military is attacking villages across the valley."),
        (T.ARMED_CLASH, "Artillery fire against insurgent camps continued overnight."),
        (T.ARMED_CLASH, "Troops fired three shells at enemy positions near the river."),
        (T.AIR_STRIKE, "The air force conducted strikes on arms depots in the north."),
        (T.CEASEFIRE_BREACH, "Rebels violated the new Easter ceasefire within hours."),
        (T.CASUALTIES, "Guards beat a detainee to death, his family said."),
        (T.CASUALTIES, "Witnesses described a massacre in the hill village."),
        (T.EVACUATION, "The militia is accused of ethnic cleansing in the province."),
        (T.TERRITORIAL_CHANGE, "The militia seized two power stations east of the city."),
        (T.MOBILIZATION, "The army massed thousands of soldiers along the frontier."),
        (T.OFFENSIVE, "A counter-offensive began at dawn in the south."),
        (T.BLOCKADE, "The government sealed its borders with both neighbours."),
        (T.THREAT, "Insurgents threatened to storm the parliament building."),
        (T.THREAT, "Commanders vowed to fight on until the last village."),
        (T.DE_ESCALATION, "The rebels completed their withdrawal from the valley."),
        (T.DE_ESCALATION, "The army lifted a month-long blockade of the port."),
        (T.DE_ESCALATION, "Officials reopened the main border crossing on Monday."),
        (T.DE_ESCALATION, "Both sides declared a cessation of hostilities."),
        (T.ARMED_CLASH, "Maoists attacked a police outpost late at night."),
        (T.EXPLOSION, "A bomb hidden in a parked scooter exploded outside the school."),
        (T.EXPLOSION, "The blast shattered windows several streets away."),
        (T.EXPLOSION, "The attacker detonated his vest at the gate of the compound."),
        (T.AIR_STRIKE, "Enemy planes bombed the crossing twice on Sunday."),
        # "stormed" is not the weather: the disaster cue must not veto these
        (T.CASUALTIES, "Gunmen stormed the hotel and killed 12 guests."),
        (T.EVACUATION, "Gunmen stormed the town; residents were evacuated."),
        # a students' union is not a labour cue
        (T.BLOCKADE, "The students union marched against the siege of the city."),
    ],
)
def test_news_phrasings(signal_type: T, text: str) -> None:
    assert signal_type in _types(text)


@pytest.mark.parametrize(
    ("signal_type", "headline"),
    [
        # headlines speak in the present tense and drop the articles
        (T.SHELLING, "Missiles pound power plants across the east"),
        (T.AIR_STRIKE, "Strike on refugee camp kills nine"),
        (T.ARMED_CLASH, "Clashes erupt along disputed frontier"),
        (T.EXPLOSION, "Blast at fuel depot kills four guards"),
        (T.TERRITORIAL_CHANGE, "Militia seizes key river town"),
        (T.TERRITORIAL_CHANGE, "Army claims capture of hilltop stronghold"),
        (T.EVACUATION, "Thousands flee as front line moves closer"),
        (T.BLOCKADE, "Troops block main humanitarian corridor"),
        (T.CEASEFIRE_BREACH, "Truce crumbles on its second day"),
        (T.DE_ESCALATION, "Rival factions agree to 48-hour truce"),
        (T.THREAT, "Regime threatens pre-emptive strikes on neighbours"),
    ],
)
def test_headline_phrasings(signal_type: T, headline: str) -> None:
    assert signal_type in _types(headline)


@pytest.mark.parametrize(
    "headline",
    [
        "Nurses threaten strike over staffing",
        "Late strike kills off visitors' cup run",
        "Airline strike on Friday grounds flights",
        "Chain shuts its border stores",
        "Streaming service captures bigger audience share",
    ],
)
def test_business_and_sport_headlines_stay_quiet(headline: str) -> None:
    assert _types(headline) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # one phrase, two kinds of event: shelling, and an attack on armed positions
        ("Army tanks shelled positions held by the rebels.", {T.SHELLING, T.ARMED_CLASH}),
        # soldiers named as victims of a mine are not attackers in a clash
        ("Four soldiers were killed when their truck struck a roadside mine.", {T.EXPLOSION, T.CASUALTIES}),
        # a word inside a longer phrase of another type is not read a second time
        ("The president declared a state of siege in the province.", {T.THREAT}),
        ("The army lifted its blockade of the harbour town.", {T.DE_ESCALATION}),
        ("Both militias violated the ceasefire agreement again.", {T.CEASEFIRE_BREACH}),
        ("Two suicide bombers killed 20 people at a bus depot.", {T.EXPLOSION, T.CASUALTIES}),
        ("Police fired tear gas at students blocking the avenue.", {T.UNREST}),
    ],
)
def test_overlapping_phrases_give_the_types_they_name(text: str, expected: set[T]) -> None:
    assert _types(text) == expected


def test_one_phrase_counts_once_as_evidence() -> None:
    """Overlapping matches of one type ("mortars pounded", "mortars") must not feed the
    noisy-or twice: a single strong phrase stays at its own strength."""
    [shelling] = CLASSIFIER.classify("Mortars pounded the town.")
    assert shelling.type is T.SHELLING
    assert shelling.confidence == pytest.approx(0.9)
    assert [span.text for span in shelling.evidence] == ["Mortars pounded"]


@pytest.mark.parametrize(
    "text",
    [
        "The album was an explosion of colour and sound.",
        "Users are bombarded with pop-up ads.",
        "The film fell to the number two spot at the box office.",
        "The striker was called up to the national squad.",
        "The company dropped the threat of legal action against its banks.",
        "No shelling was reported overnight.",
        "Analysts called the pension gap a ticking time bomb.",
        "The museum evacuated visitors after a bomb hoax.",
        "Staff were evacuated when a fire broke out in the kitchen.",
        "The shoe brand took the city by storm.",
        "Rebel shareholders attacked the bonus plan.",
        "Volunteers mobilised to repair the flooded library.",
        "The regime carried out another ballistic missile test.",
        "A blaze killed four people in an apartment block.",
        "The documentary recalls the bombing of the port during the Second World War.",
        "The truce halted the incursion into the border province.",
        "Engineers defused a roadside bomb on the main road.",
        "Labour unions threatened to strike over pensions.",
        "The firm captured a third of the tablet market.",
        "The cell planned to set off a bomb at the stadium.",
        "Police foiled a plot to blow up a railway bridge.",
        "The sprinter failed to report to a national training camp.",
        "The opposition attacked the government's position on pensions.",
        "A storm killed four people on the coast overnight.",
        "The insurer came under fire from regulators over late payouts.",
        "The retailer launched an offensive against counterfeit goods.",
        "The cyclist ambushed the leader on the final lap.",
        "The carrier mobilised its sales force for the product launch.",
        "Viewers loved the siege storyline in the final episode.",
        "Dock workers walked out and began blockading the port gates.",
        "Tory rebels attacked the prime minister's housing plans.",
        "The airline's jets struck a deal with the engine maker.",
    ],
)
def test_look_alikes_and_denials_stay_quiet(text: str) -> None:
    assert _types(text) == set()


def test_denial_after_the_trigger_lowers_confidence() -> None:
    assert T.SHELLING not in _types("Shelling of the city was not reported by officials.")


def test_confidences_are_at_or_above_threshold_and_spans_exact() -> None:
    text = "Title\nRebels shelled the town; a car bomb exploded later."
    detections = CLASSIFIER.classify(text)
    assert all(d.confidence >= THRESHOLD for d in detections)
    assert all(text[s.start : s.end] == s.text for d in detections for s in d.evidence)


# Issue 4 breadth: phrasings of wire services, ministries and air forces for every
# taxonomy type (written for these tests; the held-out sentences are in
# tests/fixtures/unseen_news.jsonl and are scored, not asserted one by one).
@pytest.mark.parametrize(
    ("signal_type", "text"),
    [
        (T.AIR_STRIKE, "Glide bombs struck the town centre twice on Wednesday."),
        (T.AIR_STRIKE, "The enemy launched 48 Shahed drones from the south overnight."),
        (T.AIR_STRIKE, "Air defence crews shot down nine attack drones over the capital."),
        (T.SHELLING, "Interceptors destroyed two cruise missiles over the western region."),
        (T.SHELLING, "An Iskander-M strike hit the railway depot."),
        (T.ARMED_CLASH, "Defenders repelled 14 enemy assaults on the eastern front."),
        (T.ARMED_CLASH, "The raiding party was engaged by border guards near the crossing."),
        (T.TERRITORIAL_CHANGE, "Government troops took full control of the provincial capital."),
        (T.TERRITORIAL_CHANGE, "Soldiers raised the national flag over the town hall."),
        (T.TERRITORIAL_CHANGE, "Rebels recaptured the nuclear plant after a night of fighting."),
        (T.CEASEFIRE_BREACH, "The holiday truce between the two armies was violated within a day."),
        (T.CEASEFIRE_BREACH, "The three-day ceasefire in the north collapsed on Sunday."),
        (T.CEASEFIRE_BREACH, "Observers counted dozens of ceasefire breaches overnight."),
        (T.BLOCKADE, "The only border crossing remained closed for a fifth day."),
        (T.BLOCKADE, "Troops are blocking humanitarian convoys from entering the city."),
        (T.BLOCKADE, "The garrison was completely surrounded by enemy forces."),
        (T.UNREST, "The rally turned violent when police moved in."),
        (T.UNREST, "An angry crowd stormed the police station and torched cars."),
        (T.UNREST, "Soldiers opened fire on protesters in the main square."),
        (T.CASUALTIES, "The strike killed a volunteer medic, the governor said."),
        (T.CASUALTIES, "A teenager died of his wounds in hospital on Friday."),
        (T.CASUALTIES, "Three villagers were reported dead after the raid."),
        (T.THREAT, "The minister warned that the army would respond with overwhelming force."),
        (T.THREAT, "The enclave's leaders appealed for urgent international intervention."),
        (T.AIR_RAID_ALERT, "The regional governor declared a missile threat for the whole oblast."),
        (T.OFFENSIVE, "The militia launched a massive coordinated assault on the garrison."),
        (T.MOBILIZATION, "Extra troops were dispatched to the frontier overnight."),
        (T.MOBILIZATION, "Military enlistment offices stayed open through the weekend."),
        (T.EVACUATION, "Refugees from the valley streamed across the bridge."),
        (T.DE_ESCALATION, "Ceasefire talks resumed in the Qatari capital."),
    ],
)
def test_breadth_phrasings(signal_type: T, text: str) -> None:
    assert signal_type in _types(text)


@pytest.mark.parametrize(
    "text",
    [
        # a takeover of a company is not territory, a lancet is not a drone
        "The investor took control of the company after a bidding war.",
        "The nurse sterilised the lancets before the blood test.",
        "Residents took shelter in basements as the hurricane made landfall.",
        # a denial further back than the negation window
        "The ministry denied reports that the border villages had been shelled.",
    ],
)
def test_breadth_look_alikes_stay_quiet(text: str) -> None:
    assert _types(text) == set()


def test_armour_in_an_assault_is_not_a_build_up() -> None:
    assert T.MOBILIZATION not in _types("Infantry backed by armoured vehicles stormed the trenches.")


@pytest.mark.parametrize(
    ("signal_type", "text"),
    [
        # families added after the unseen-news odd half was read (docs/classification.md)
        (T.SHELLING, "Militants fired a rocket at the border town overnight."),
        (T.AIR_STRIKE, "The army launched dozens of attack drones at the refinery."),
        (T.CEASEFIRE_BREACH, "The truce did not hold for even a day."),
        (T.CEASEFIRE_BREACH, "Troops shelled the village despite the ceasefire, residents said."),
        (T.ARMED_CLASH, "Soldiers fired across the line of control near Uri."),
        (T.CASUALTIES, "Eleven policemen lost their lives in the ambush."),
        (T.EVACUATION, "About 40,000 residents fled the district within two days."),
        (T.EVACUATION, "Families were relocated to temporary shelters outside the city."),
        (T.EVACUATION, "The army ordered civilians in the eastern suburbs to leave immediately."),
        (T.AIR_RAID_ALERT, "Residents sheltered in the metro as explosions shook the capital."),
        (T.OFFENSIVE, "The rebels stepped up their offensive on the provincial capital."),
        (T.DE_ESCALATION, "The two sides exchanged 150 prisoners on the border."),
        (T.DE_ESCALATION, "A truce between the army and the rebels came into force at midnight."),
        (T.BLOCKADE, "Aid convoys to the besieged town were again blocked."),
        (T.THREAT, "A curfew was imposed across the region after the attack."),
        (T.THREAT, "The general vowed a crushing response to the raid."),
        (T.MOBILIZATION, "Washington sent a carrier strike group to the region."),
        (T.EXPLOSION, "Walkie-talkies exploded in several towns, wounding hundreds."),
        (T.AIR_STRIKE, "Navy jets using laser-guided bombs destroyed a bridge."),
        (T.AIR_STRIKE, "The missiles were fired from helicopters hovering over the valley."),
    ],
)
def test_phrasings_found_on_held_out_news(signal_type: T, text: str) -> None:
    assert signal_type in _types(text)


@pytest.mark.parametrize(
    "text",
    [
        "The ceasefire did not hold: fighting resumed at dawn.",  # a negation does not reach past a clause break
        "No one was hurt, but gunmen attacked the outpost twice.",
    ],
)
def test_negation_stops_at_a_clause_break(text: str) -> None:
    assert _types(text) & {T.ARMED_CLASH}


@pytest.mark.parametrize(
    "text",
    [
        "A rocket carrying two satellites was launched from the space centre.",
        "Reservists' pay will rise next year under the new budget.",
        "Emergency teams tested the city's air raid sirens on Wednesday.",
        "Police sirens wailed as the motorcade passed.",
        "The museum opened an exhibition about the siege of the city.",
        "Officials denied plans for a new wave of mobilisation.",
        "Reports of shelling in the town were false, the governor said.",
    ],
)
def test_held_out_look_alikes_stay_quiet(text: str) -> None:
    assert not _types(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a known war named as background is no onset (SIGNALS.md: an offensive launched or announced)
        ("Gas prices in Europe are still above where they were before Russia's invasion of Ukraine.", set()),
        ("The charity has sent aid to Kyiv since Russia’s full-scale invasion of Ukraine in 2022.", set()),
        ("The film revisits the invasion of Iraq through the eyes of two reporters.", set()),
        ("Russian forces began an invasion of Ukraine before dawn on Thursday.", {T.OFFENSIVE}),
        ("Troops invaded the neighbouring province overnight, officials said.", {T.OFFENSIVE}),
        # arrivals and crossings of refugees, in any tense, are displacement
        ("The first refugees from the enclave arrive in the border town as the road reopens.", {T.EVACUATION}),
        ("Refugees streaming across the bridge told of days without food.", {T.EVACUATION}),
        # troops "stationed" somewhere describe where they are, not a build-up
        ("A reporter visited the two soldiers stationed at the lighthouse for the winter.", set()),
        ("The army deployed two more brigades to the frontier on Monday.", {T.MOBILIZATION}),
    ],
)
def test_background_wars_arrivals_and_stations(text: str, expected: set[T]) -> None:
    assert _types(text) & {T.OFFENSIVE, T.EVACUATION, T.MOBILIZATION} == expected


@pytest.mark.parametrize(
    ("signal_type", "text"),
    [
        # wire and police-report wording found missing by the CAMEO and IndiaPoliceEvents error analysis
        (T.TERRITORIAL_CHANGE, "Kurdish forces took Tal Abyad from Islamic State militants on Monday."),
        (T.TERRITORIAL_CHANGE, "The rebels seized all three border crossings on the northern road."),
        (T.ARMED_CLASH, "Troops destroyed several militant hideouts in the mountains."),
        (T.ARMED_CLASH, "Government forces used heavy weapons against the rebel positions."),
        (T.ARMED_CLASH, "Indian and Pakistani troops traded fire across the frontier."),
        (T.ARMED_CLASH, "Fierce battles have erupted between the militia and the army."),
        (T.ARMED_CLASH, "Clan fighters battled the army for control of the port."),
        (T.ARMED_CLASH, "Armed groups attacked several villages in the valley."),
        (T.ARMED_CLASH, "Police intercepted the group and had to fire eight rounds."),
        (T.UNREST, "Police fired into the air to disperse a crowd that was pelting stones."),
        (T.UNREST, "Police had to lathi-charge the activists outside the court."),
        (T.UNREST, "Security forces used live ammunition against demonstrators."),
        (T.CASUALTIES, "Soldiers executed 14 unarmed civilians, a rights group said."),
        (T.CASUALTIES, "The militants beheaded a captured soldier."),
        (T.CASUALTIES, "A detained journalist died as a result of torture, his lawyer said."),
        (T.CASUALTIES, "Five people, including two women, were injured and taken to hospital."),
        (T.CASUALTIES, "Two died in police firing in the old city."),
        (T.CASUALTIES, "One dead in village clash over water."),
        (T.CASUALTIES, "A week of clashes left one dead and dozens hurt."),
        (T.EVACUATION, "The government expelled thousands of ethnic Uzbeks from the region."),
        (T.EVACUATION, "Raids on the villages forced thousands of families to flee."),
        (T.EXPLOSION, "A truck packed with explosives rammed the gate of the base."),
        (T.AIR_STRIKE, "The coalition bombed a hospital in the north of the country."),
        (T.CASUALTIES, "The opposition leader was assassinated in the capital on Friday."),
        (T.ARMED_CLASH, "Unknown attackers tried to assassinate the provincial governor."),
        (T.ARMED_CLASH, "Government forces used chemical weapons against civilians in the suburbs."),
        (T.UNREST, "Police violently dispersed a sit-in by opposition supporters."),
        (T.UNREST, "Police have beaten demonstrators with clubs."),
        (T.TERRITORIAL_CHANGE, "Russian troops have occupied parts of eastern Ukraine."),
        # an aside between commas, a reporting frame, a pronoun or a named group where a noun was expected
        (T.TERRITORIAL_CHANGE, "Government troops, backed by air support, captured Kalvik on Sunday, the ministry said."),
        (T.TERRITORIAL_CHANGE, "The separatists said they had taken control of Marinsk."),
        (T.TERRITORIAL_CHANGE, "Loyalist troops have recaptured it, the defence ministry said."),
        (T.TERRITORIAL_CHANGE, "Somali troops drove al Shabaab out of the port of Kudha."),
        (T.ARMED_CLASH, "Soldiers, who were on a routine patrol, shot a man near the fence."),
        (T.AIR_STRIKE, "The jets, flying from a base abroad, hit insurgent targets near the river."),
        (T.EXPLOSION, "The bomb, hidden in a bag, exploded as the bus passed."),
        (T.AIR_STRIKE, "Air defences shot down a reconnaissance drone over the city."),
        # incident-report wording (SATP error analysis): attackers named in the passive, home-made bombs,
        # a security "squad" that is no sports squad, a charge denied
        (T.ARMED_CLASH, "Two labourers were shot in their shop by an unidentified gunman on Tuesday."),
        (T.ARMED_CLASH, "A village headman was killed by suspected Maoist cadres late at night."),
        (T.ARMED_CLASH, "The militants fired back and escaped into the forest."),
        (T.ARMED_CLASH, "A trooper was killed in an encounter with rebels while a search squad combed the forest."),
        (T.EXPLOSION, "Two cadres were killed while planting a bomb near the highway."),
        (T.EXPLOSION, "Their vehicle was targeted by a landmine near the camp."),
        (T.EXPLOSION, "A crude bomb exploded near the railway siding."),
        (T.EXPLOSION, "The driver was hurt in a firebomb attack on the bus."),
        # "years ago" dates its own clause only, like a year
        (T.SHELLING, "Rebels shelled the town, which was captured three years ago."),
    ],
)
def test_wire_and_police_report_phrasings(signal_type: T, text: str) -> None:
    assert signal_type in _types(text)


@pytest.mark.parametrize(
    "text",
    [
        "Police seized 200 kg of cocaine from smugglers at the port.",
        "The government expelled two Russian diplomats.",
        "Fire killed 12 people in a garment factory on Sunday.",
        "The firm took over three stores from its rival.",
        "The company had to resort to firing staff to cut costs.",
        "He was injured in a car crash on the motorway.",
        "The town re-enacted its historic street battle with oranges at the carnival.",
        "Every time he is asked why they bombed that hospital, he changes the subject.",
        "Shares in the company founded by the assassinated former prime minister fell 15%.",
        "Police recovered two crude bombs from the house.",
        "The former minister denied charges that he ran a gang that killed rivals.",
        "The new game trailer shows soldiers storming a beach.",
        "Militias staged a parade in occupied Karabakh on Sunday.",
        # "years ago" dates the trigger's own clause, like a year
        "Troops captured the town three years ago.",
    ],
)
def test_wire_look_alikes_stay_quiet(text: str) -> None:
    assert not _types(text)
