"""English lexicon: trigger patterns per signal type and the cues that veto them.

Patterns are regular expressions matched case-insensitively on word boundaries.
Each trigger has a strength: 0.9 for wording that names the event outright
("shelled", "air-raid sirens"), 0.6 for wording that needs the rest of the text
to agree ("artillery", "blasts"). A signal is emitted at confidence >= 0.5.
"""

from tocsin.records import SignalType as T

STRONG = 0.9
WEAK = 0.6

_LAUNCH = r"(?:launch(?:ed|es|ing)?|beg[aiu]n|begins|start(?:ed|s)?|announc(?:ed|es)|open(?:ed|s)|unleash(?:ed|es)|mount(?:ed|s)|resum(?:ed|es))"
_FORCES = r"(?:troops|forces|soldiers|army|military|militants|rebels|fighters|separatists|gunmen|units)"
_NUMBER = r"(?:\d+|a dozen|dozens|scores|hundreds|thousands|several|many|two|three|four|five|six|seven|eight|nine|ten|at least \w+)"

TRIGGERS: dict[T, list[tuple[str, float]]] = {
    T.SHELLING: [
        (r"shell(?:ing|ed)(?! out)", STRONG),
        (r"shells? (?:landed|hit|struck|fell|exploded|rained)", STRONG),
        (r"(?:artillery|mortar|rocket|missile|tank) (?:fire|strikes?|barrages?|attacks?|shells?|rounds?)", STRONG),
        (r"rockets? (?:were |was )?(?:fired|launched|hit|struck|landed|slammed)", STRONG),
        (r"missiles? (?:hit|struck|slammed|landed)", STRONG),
        (r"bombard(?:ed|ment|ing|s)", STRONG),
        (r"(?:grad|multiple[- ]launch) rockets?", STRONG),
        (r"(?:barrage|salvo)s? of (?:rockets|missiles|shells)", STRONG),
        (r"came under (?:heavy |intense )?(?:fire|artillery)", STRONG),
        (r"artillery|howitzers?|mortars", WEAK),
    ],
    T.AIR_STRIKE: [
        (r"air ?strikes?", STRONG),
        (r"air raids?(?! (?:sirens?|alerts?|warnings?|shelters?))", STRONG),
        (r"drone (?:strikes?|attacks?)", STRONG),
        (r"(?:kamikaze|attack|combat|suicide) drones?", WEAK),
        (r"(?:warplanes?|fighter jets?|jets|aircraft|helicopters?|gunships?|drones?) (?:struck|bombed|hit|pounded|attacked|targeted)", STRONG),
        (r"aerial (?:bombardment|bombing|attacks?|strikes?)", STRONG),
        (r"bombing (?:raids?|runs?|campaign)", STRONG),
        (r"loitering munitions?", WEAK),
    ],
    T.ARMED_CLASH: [
        (r"clash(?:es|ed)? (?:between|with|broke out|erupted|on the)", STRONG),
        (r"(?:heavy|fierce|intense|renewed|street) fighting", STRONG),
        (r"fighting (?:broke out|erupted|rag(?:ed|es|ing)|continu(?:ed|es)|intensifie[sd])", STRONG),
        (r"gun ?battles?|firefights?|skirmish(?:es)?", STRONG),
        (r"exchang(?:ed|es|e) (?:of )?(?:gun)?fire", STRONG),
        (r"opened fire", STRONG),
        (r"gunfire", WEAK),
        (r"ambush(?:ed)?", WEAK),
        (_FORCES + r" (?:attacked|stormed|assaulted|raided)", STRONG),
        (r"armed (?:attack|assault|clash(?:es)?)", STRONG),
    ],
    T.EXPLOSION: [
        (r"(?:car|roadside|truck|suicide|pipe|nail|parcel) bomb(?:s|ings?|ers?)?", STRONG),
        (r"bomb (?:attack|blast|exploded|went off|explosion)", STRONG),
        (r"improvised explosive|\bieds?\b", STRONG),
        (r"land ?mines?|grenades?", STRONG),
        (r"explosions?|blasts?|detonat(?:ed|ion)", WEAK),
        (r"suicide (?:attack|bomber|bombing)", STRONG),
    ],
    T.AIR_RAID_ALERT: [
        (r"air[- ]raid (?:sirens?|alerts?|warnings?|alarms?)", STRONG),
        (r"sirens? (?:sounded|sounding|sound|wailed|wailing|blared|blaring|went off|rang|howled)", STRONG),
        (r"sound(?:ed|ing)? (?:the )?sirens?", STRONG),
        (r"(?:missile|rocket|air) (?:alerts?|warnings?)", STRONG),
        (r"(?:take|took|taking|seek|sought|seeking|head(?:ed)? to|ran to|rushed to|go to|went to|hid in|sheltered in|sheltering in) (?:cover|(?:bomb |air[- ]raid )?shelters?|basements?)", STRONG),
        (r"(?:bomb|air[- ]raid) shelters?", WEAK),
    ],
    T.EVACUATION: [
        (r"evacuat(?:e|ed|es|ing|ions?)", STRONG),
        (r"(?:fled|flee|fleeing|flees) (?:their homes|the (?:fighting|shelling|violence|city|town|village|region|area|bombing))", STRONG),
        (r"(?:were |have been |had been )?displaced|displacement", WEAK),
        (r"refugees? (?:fled|poured|crossed|streamed|arrived|flow)", STRONG),
        (r"exodus", WEAK),
        (r"humanitarian corridors?", STRONG),
        (r"forced (?:out|to leave|to flee)", STRONG),
    ],
    T.OFFENSIVE: [
        (_LAUNCH + r" (?:an? |the |its |a new )?(?:large-scale |major |massive |military |ground |full-scale |new |spring |summer |counter-?)*(?:offensive|invasion|assault|incursion|(?:military |ground |combat |special )?operation|counter-?offensive)", STRONG),
        (r"press(?:ed|es|ing)? (?:on )?(?:with )?(?:its|their|the) offensive", STRONG),
        (r"(?:anti-?terror(?:ist)?|counter-?terror(?:ism|ist)?) (?:operations?|measures)", STRONG),
        (r"(?:military|ground|combat) operations? (?:began|started|was launched|against|in)", STRONG),
        (r"(?:offensive|invasion|incursion) (?:began|started|was launched|against|into|on)", STRONG),
        (r"declar(?:ed|es|ing) war|declaration of war", STRONG),
        (r"invaded|invading", STRONG),
    ],
    T.MOBILIZATION: [
        (r"mobili[sz](?:e|ed|es|ing|ation)", STRONG),
        (_FORCES + r" (?:were |are |was |is |have been )?(?:massing|massed|amassed|amassing|gathering|gathered|deployed|deploying|moving|moved|concentrated|concentrating|reinforced)", STRONG),
        (r"(?:build-?up|buildup|massing|concentration|deployment) of (?:troops|forces|armou?r|tanks|military)", STRONG),
        (r"(?:troop|military|force) (?:build-?ups?|buildups?|movements?|reinforcements?)", STRONG),
        (r"reservists?", STRONG),
        (r"call-?up|called up|conscription", WEAK),
        (r"deploy(?:ed|ing|s)? (?:additional |more |extra )?(?:troops|forces|tanks|armou?r|units)", STRONG),
        (r"(?:combat|full|high(?:est)?) (?:readiness|alert)", WEAK),
        (r"armou?r(?:ed)? (?:columns?|vehicles|convoys?)", WEAK),
        (r"reinforcements|armou?r (?:was |were )?(?:seen )?(?:moving|massing|gathering)", WEAK),
    ],
    T.TERRITORIAL_CHANGE: [
        (r"(?:captured|seized|took control of|taken control of|retook|recaptured|liberated|overran|overrun) (?:the )?(?:town|village|city|positions?|heights|settlements?|district|airport|bridge|region|strategic|key)", STRONG),
        (r"fell to|fallen to|under (?:the )?control of", WEAK),
        (r"(?:handed over|surrendered) (?:the )?(?:town|village|city|positions?|territory|district)", STRONG),
    ],
    T.CEASEFIRE_BREACH: [
        (r"(?:violat(?:ed|ion|ions|ing)|breach(?:ed|es|ing)?|broke|broken|collapse[sd]?|shattered) (?:of )?(?:the |a )?(?:ceasefire|cease-fire|truce|armistice)", STRONG),
        (r"(?:ceasefire|cease-fire|truce) (?:violations?|collapsed|broke down|breached|was broken|was violated|is void|declared void)", STRONG),
    ],
    T.BLOCKADE: [
        (r"blockad(?:e|ed|es|ing)", STRONG),
        (r"siege|besieged|encircled|encirclement", STRONG),
        (r"(?:corridor|road|border|crossing|checkpoint|route|airport|port)s? (?:was |were |has been |have been |remains? )?(?:closed|blocked|cut off|shut)", WEAK),
        (r"cut off (?:supplies|food|fuel|gas|electricity|water|access)", STRONG),
    ],
    T.CASUALTIES: [
        (_NUMBER + r" (?:\w+ )?(?:people|civilians|soldiers|servicemen|troops|residents|children|fighters|police(?:men)?) (?:were |have been |had been |was )?(?:killed|dead|wounded|injured|died)", STRONG),
        (r"(?:killed|wounded|injured) (?:in|by) (?:the )?(?:shelling|strike|attack|fighting|blast|explosion|bombing|raid|clashes)", STRONG),
        (r"casualties|death toll|fatalities", STRONG),
        (r"killed|wounded", WEAK),
    ],
    T.THREAT: [
        (r"threat(?:en|ened|ens|ening)? (?:to|with|of) (?:\w+ ){0,2}(?:attack|strike|shell|invade|war|force|retaliat\w*|respond|military|nuclear|destroy)", STRONG),
        (r"ultimatum", STRONG),
        (r"martial law|state of emergency", STRONG),
        (r"warn(?:ed|s|ing)? of (?:war|retaliation|military action|a (?:military |harsh |decisive )?response)", STRONG),
        (r"calls? for (?:international |military |foreign )?intervention", STRONG),
        (r"emergency (?:UN |U\.N\. )?security council (?:meeting|session)|security council (?:\w+ ){0,3}emergency (?:meeting|session)", WEAK),
    ],
    T.UNREST: [
        (r"riot(?:s|ers|ing|ed)?", STRONG),
        (r"violent (?:protests?|demonstrations?|unrest)", STRONG),
        (r"tear gas|rubber bullets|water cannons?|stun grenades", STRONG),
        (r"police (?:fired on|clashed with|cracked down|beat|charged) ", STRONG),
        (r"protesters? (?:were )?(?:killed|injured|beaten|clashed|detained)", STRONG),
        (r"mob (?:violence|attack\w*|lynch\w*)|looting|lynching", WEAK),
    ],
    T.DE_ESCALATION: [
        (r"(?:agreed|agree|agrees|signed|reached|brokered|announced) (?:to |on |a |an |the )?(?:\w+ )?(?:ceasefire|cease-fire|truce|peace (?:deal|agreement|accord)|cessation of hostilities)", STRONG),
        (r"(?:ceasefire|cease-fire|truce) (?:agreement|deal|took effect|takes effect|holds|holding|came into force|was agreed)", STRONG),
        (r"peace talks|peace negotiations|talks (?:were held|resumed)", WEAK),
        (r"withdr(?:ew|awn|awal|awing) (?:of )?(?:their |its |the )?(?:troops|forces|units)", STRONG),
        (r"(?:troops|forces) (?:withdrew|pulled back|pulled out|were withdrawn)", STRONG),
        (r"(?:corridor|border|crossing|road) (?:was |has been )?reopened|reopened the (?:corridor|border|crossing|road)", STRONG),
        (r"prisoner (?:exchange|swap)s?", STRONG),
    ],
}

_GAMES = r"video ?games?|\bgames?\b|gameplay|players|multiplayer|consoles?|reviewers?|playstation|xbox|nintendo"
_SPORTS = r"football|soccer|basketball|hockey|rugby|cricket|tennis|\bmatch(?:es)?\b|league|striker|midfield|goalkeeper|tournament|championship|\bfans\b"

#: Cues in the same sentence (or the title) that turn a trigger into a benign sense.
BENIGN: dict[T, str] = {
    T.SHELLING: _GAMES + "|" + r"shell (?:company|oil|plc|corporation)|shelled out|sea ?shells?|peanuts?|eggs?",
    T.AIR_STRIKE: _GAMES + "|" + r"video ?games?|gameplay|players can|trailer|consoles?|playstation|xbox|nintendo|the game|expansion pack",
    T.ARMED_CLASH: _GAMES + "|" + _SPORTS + "|" + r"football|soccer|match(?:es)?|league|cup (?:final|tie)|striker|midfield|goalkeeper|tournament|fans|season|rivals? (?:clash|meet)|clash(?:ed)? over (?:the )?(?:budget|policy|plans?|bill|reforms?)|video ?games?|the game",
    T.EXPLOSION: _GAMES + "|" + r"box[- ]office|flop|population|popularity|demand|sales|growth|interest in|fireworks?|supernova|video ?games?|the game",
    T.AIR_RAID_ALERT: r"\bdrills?\b|exercises?|test(?:ing)? of (?:the )?sirens?|video ?games?",
    T.EVACUATION: r"investors?|stocks?|shares|equities|markets?|sell-?off|traders?|bonds|\bdrills?\b|exercises?|(?:house|building|office|factory|school) fire\b|gas leak|hurricane|flood(?:s|ing)?|wildfires?|bowel|bladder",
    T.OFFENSIVE: _GAMES + "|" + _SPORTS + "|" + r"charm offensive|marketing|advertising|campaign for (?:votes|office)|video ?games?|the game|football|season|invaded the pitch|pitch invasion|invasive species",
    T.MOBILIZATION: r"voters|supporters|fans|volunteers to (?:clean|help)|resources for|funds|capital|campaign (?:staff|volunteers)",
    T.TERRITORIAL_CHANGE: _GAMES + "|" + r"captured (?:the )?(?:imagination|hearts?|attention|title|trophy|award|market|share|moment|essence|spirit)|video ?games?|election|seats?|votes?|poll",
    T.BLOCKADE: r"road ?works?|repairs?|maintenance|marathon|parade|snow|weather|traffic",
    T.CASUALTIES: _GAMES + "|" + _SPORTS + "|" + r"car crash|road (?:accident|crash)|traffic accident|avalanche|earthquake|hamstring|knee|ankle|injury time|injured list|plane crash|train crash|fire at|\bflood",
    T.THREAT: r"threatened species|endangered|threat to (?:the )?(?:environment|economy|jobs|biodiversity)|relegation",
    T.UNREST: r"football|hooligans? at the match|riot of colou?r|riot games|laugh riot|comedy",
    T.DE_ESCALATION: r"trade (?:talks|deal|war)|tariffs?|wage talks|labou?r talks|union|contract talks",
    T.CEASEFIRE_BREACH: r"$^",
}

#: Words before a trigger, in its sentence, that negate or deny it.
NEGATION = r"\b(?:no|not|never|nor|without|denied|denies|deny|denying|rejected|refuted|dismissed|false(?:ly)?|fake|rumou?rs? of|no sign of|no reports? of)\b"

#: Words before a trigger that make it hypothetical, threatened or future.
HEDGE = r"\b(?:threat(?:en|ened|ens|ening)? to|could|would|might|may|if|unless|plans? to|planning to|prepar(?:ing|es|ed) to|vow(?:ed|s)? to|fears? (?:of|that)|risk of|possible|potential(?:ly)?|will|would-be|warn(?:ed|s|ing)? (?:of|that|against)|in case of|avoid|prevent|averting|drill)\b"

#: Mentions of past events that are not news today.
HISTORICAL = r"\b(?:in (?:the )?(?:19|20)\d\d(?: war)?|during the (?:\d{4} |first |second )?war|years? ago|decades? ago|anniversary|commemorat\w+|memorial|remember(?:ed|s|ing)?|since the (?:\d{4} )?war|history of|historic(?:al)?ly|in the (?:\d{4}|first|second|last) war)\b"
