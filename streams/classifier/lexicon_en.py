"""English lexicon: trigger patterns per signal type and the cues that veto them.

Patterns are regular expressions matched on a lower-cased copy of the text (see
engine.fold), starting at a word start and ending on a word boundary; write them in
lower case with non-capturing groups only. Each trigger has a strength: 0.9 for
wording that names the event outright ("shelled", "air-raid sirens"), 0.6 for
wording that needs the rest of the text to agree ("artillery", "gunmen"), 0.45 for
words that only count when repeated or corroborated ("explosion", "landmines").
A signal is emitted at confidence >= 0.5; evidence combines as a noisy-or.

Why phrases rather than single words: the single words of war ("attack", "strike",
"bomb", "fire", "clash") are everyday metaphors in business, sport and culture
news. A phrase that names an armed actor, a weapon or a military target keeps the
literal sense, and the benign cues below catch what phrases cannot.
"""

from tocsin.records import SignalType as T
from tocsin.streams.classifier.lexicon import FAINT, GAP2, GAP3, STRONG, WEAK, WORD, either

#: A gap with no passive auxiliary: "gunmen ... killed" names the attackers, while
#: "soldiers were killed" names the victims of something else (a bomb, a mine).
_ACTIVE_GAP3 = rf"(?:(?!(?:was|were|been|being|is|are) (?!\w+ing\b)){WORD} ){{0,3}}?"
#: An aside between a verb and its object: "captured, on Tuesday, the town", "retook
#: overnight the village", "seized late on Monday the airfield".
_ASIDE = r"(?:,? (?:(?:late |early )?(?:on|by|last|this) )?(?:overnight|yesterday|today|again|monday|tuesday|wednesday|thursday|friday|saturday|sunday|morning|night|week|weekend|evening),?)?"
#: Words after a capture verb that are not a place: people and arms taken, or a
#: figure of speech ("seized power", "captured the imagination").
_NOT_A_PLACE = r"(?:an?|the|his|her|their|its|some|several|more|most|part|all|two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds|scores|many|\d[\d,.]*|it(?:self)?|them(?:selves)?|him|us|me|last|this|next|during|after|before|earlier|later|yesterday|overnight|and|or|but|by|prisoners?|hostages?|soldiers?|civilians?|people|weapons|arms|ammunition|control|power|responsibility|office|positions?|the lead|into|in|on|at|to|from|with|talks|service|action)"
#: What may stand between an armed subject and its verb in wire copy: an aside between
#: commas ("Turkish troops, backed by air support, captured Afrin"), up to three words
#: with no passive auxiliary, and a reporting frame ("separatists said they had taken").
_ACTOR_GAP = rf"(?:,[^,.;:]{{1,60}},)? {_ACTIVE_GAP3}(?:(?:said|says) (?:that )?(?:they|it) (?:had |have |has )?)?"
_DET = r"(?:an? |the |its |their |his |her |this year's |a new )?"
_LAUNCH = r"(?:launch(?:ed|es|ing)?|beg[aiu]n|begins|beginning|start(?:ed|s|ing)?|announc(?:ed|es|ing)|open(?:ed|s|ing)?|unleash(?:ed|es|ing)?|mount(?:ed|s|ing)?|resum(?:ed|es|ing)|initiat(?:ed|es|ing)|kick(?:ed|s)? off)"
_ARMED = r"(?:troops|forces|soldiers|army|military|militants|rebels|insurgents|fighters|separatists|gunmen|jihadists|terrorists|guerrill?as|militias?|militiamen|paramilitar(?:y|ies)|assailants|attackers|commandos|marines|cadres|taliban|maoists|naxal(?:ite)?s|extremists|bandits|pirates|snipers|mercenaries|partisans|raiders|border guards|sabotage (?:and reconnaissance )?groups|saboteurs|armed (?:groups?|men|bands?|gangs?)|islamic state|isis|isil|daesh|al[- ]qaeda|al[- ]shabaa?b|boko haram|hamas|hezbollah|houthis|ltte|pkk)"
_NUMBER = r"(?:\d[\d,.]*|a dozen|dozens|scores|hundreds|thousands|several|many|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|fifty|(?:at least|more than|about|nearly|some|over|up to|around) [\w,.-]+)"
_VICTIMS = r"(?:people|persons|civilians|soldiers|servicemen|troops|residents|children|women|fighters|militants|rebels|police(?:men)?|officers|villagers|protesters|workers|pilgrims|worshippers|passengers|students|others|members)"
_MILITARY_TARGET = r"(?:base|bases|post|posts|outposts?|camps?|convoys?|checkpoints?|check ?posts?|positions?|patrols?|barracks|police stations?|garrisons?|headquarters|troops|soldiers|security forces|villages?|towns?)"
#: Posts that armed forces hold: "attacked an outpost" is literal where "attacked the
#: position" or "attacked the Tory camp" need not be, so a camp needs a qualifier.
_ARMED_POST = r"(?:(?:(?:army|military|police|security|border|paramilitary|rebel|militant|insurgent|terrorist|jihadist|refugee) )?(?:bases?|outposts?|checkpoints?|check ?posts?|barracks|convoys?|patrols?|police stations?|garrisons?)|(?:army|military|police|security|border|paramilitary|rebel|militant|insurgent|terrorist|jihadist|refugee|displacement|idp|force|crpf|bsf) camps?)"
_PLACE = r"(?:towns?|(?:presidential )?palace|corridor|islands?|peninsula|(?:power |nuclear |chemical )?plants?|(?:power |police |railway |radar )?stations|facilit(?:y|ies)|installations?|refiner(?:y|ies)|pipelines?|villages?|city|cities|positions?|heights|hills?|settlements?|districts?|airports?|airfields?|bridges?|region|bases?|outposts?|strongholds?|territory|provinces?|capital|ports?|border crossings?|crossings?|mosque|oil ?fields?|dams?|enclaves?|suburbs?|neighbou?rhoods?|areas?)"
#: What armed forces hold: an attack on one of these is fighting between armed sides.
_HELD_BY = r"(?:rebel|militant|insurgent|enemy|guerrill?a|army|military|opposition|jihadist|separatist|government|terrorist|militia)[- ](?:held |controlled )?"
_ARMED_HOLDINGS = rf"(?:(?:{_HELD_BY})?(?:positions|camps|bases|strongholds|hideouts|outposts|garrisons?|barracks|military targets|targets)|{_HELD_BY}(?:areas?|regions?|towns?|districts?|enclaves?|villages?|suburbs?))"
_EXPLOSIVES = r"(?:(?:crude |pressure |country-made |tiffin |socket |cooker |petrol |fire ?)?bombs?|explosives?|explosive devices?|ieds?|grenades?|land ?mines?|mines)"
_PROJECTILES = (
    r"(?:rockets?|missiles?|mortars?|mortar (?:rounds|shells|bombs)|shells|artillery|projectiles|(?:ballistic|cruise|guided) missiles?)"
)
_AIRCRAFT = r"(?:warplanes?|war ?planes?|fighter jets?|jets|aircraft|helicopters?|gunships?|drones?|bombers?|air ?force)"

TRIGGERS: dict[T, list[tuple[str, float]]] = {
    T.SHELLING: [
        (r"shell(?:ing|ed|s)(?! out)", STRONG),
        (
            r"(?:artillery|mortar|rocket|missile|tank|howitzer|grad|cannon|shell) (?:fire|strikes?|barrages?|attacks?|shells?|rounds?|salvos?|bombardments?|bombs)",
            STRONG,
        ),
        (
            r"(?:rockets?|missiles?|mortars?|projectiles?|shells) (?:were |was |had been |have been |are |is )?(?:fired|launched|hit|hits|struck|strike|strikes|landed|lands?|slammed|slams?|rained|rain|rains|fell|fall|falls|exploded|pounded|pounds?|targeted|targets?|striking|hitting|slamming|landing|raining|pounding)",
            STRONG,
        ),
        (rf"(?:fired|firing|fires|launched|launching|lobbed|lobbing) {GAP3}{_PROJECTILES}", STRONG),
        (r"(?:artillery|tanks|guns|howitzers|batteries) (?:pounded|pounding|hit|struck|fired|shelled|opened fire)", STRONG),
        (
            r"bombard(?:ed|ment|ments|ing|s)(?! (?:with|by) (?!(?:[\w-]+ )?(?:rockets|missiles|shells|artillery|mortars?|bombs|drones|fire|grads?)\b))",
            STRONG,
        ),
        (r"(?:grad|multiple[- ]launch) rockets?|multiple[- ]launch rocket systems?", STRONG),
        (r"rocket[- ]propelled grenades?|rpgs?", STRONG),
        (r"(?:barrages?|salvos?|volleys?) of (?:rockets|missiles|shells|artillery)", STRONG),
        (r"(?:ballistic|cruise|guided|anti-tank|hypersonic|anti-ship) missiles?", WEAK),
        (
            r"(?:iskander|kinzhal|kalibr|kh-\d+|tochka-u|atacms|storm shadows?|scalp missiles?|himars|tornado-s|uragan|smerch|s-300s?)(?:-m)?(?: (?:missiles?|rockets?|launchers?|strikes?))?",
            WEAK,
        ),
        (r"(?:intercept(?:ed|s|ing)|shot down|shoots down|downed|destroyed) (?:[\w'’-]+ ){0,4}?(?:missiles|rockets)", STRONG),
        (r"artillery|howitzers?|mortars", WEAK),
    ],
    T.AIR_STRIKE: [
        (r"air[- ]?strikes?", STRONG),
        (r"air[- ]raids?(?! (?:sirens?|alerts?|warnings?|shelters?|alarms?))", STRONG),
        (r"(?:drone|predator|reaper|uav) (?:strikes?|attacks?)", STRONG),
        (
            rf"(?<!suicide )(?<!car )(?<!roadside )(?<!truck )(?<!motorcycle ){_AIRCRAFT}(?:,[^,.;:]{{1,60}},)? {GAP3}(?:struck|bombed|hit|pounded|attacked|targeted|strafed|destroyed|striking|bombing|pounding|attacking|targeting|hitting|killed|(?:carried out|conducted|launched|staged|flew) (?:an? |new |several |multiple |more |dozens of )?(?:raids?|strikes?|sorties|bombing (?:raids?|runs?)))",
            STRONG,
        ),
        (
            rf"(?:planes|warplanes|jets|aircraft|helicopters) {GAP2}(?:bombed|strafed|bombing|strafing)|dropped (?:barrel |cluster |incendiary )?bombs",
            STRONG,
        ),
        (
            r"strikes? (?:on|against) (?:an? |the )?(?:[\w'’-]+ )?(?:homes?|houses?|buildings?|apartment blocks?|hospitals?|schools?|camps?|convoys?|bases?|targets|positions|depots?|hideouts?|compounds?|vehicles?)|strikes? (?:[\w'’-]+ ){1,4}?(?:kill(?:s|ed)|wound(?:s|ed)|injur(?:es|ed))",
            WEAK,
        ),
        (r"aerial (?:bombardments?|bombings?|attacks?|strikes?|raids?)", STRONG),
        (
            rf"(?<!anti-)(?<!anti ){_AIRCRAFT} (?:using|armed with|firing|fired|launched|carrying) {GAP3}(?:missiles?|rockets?|bombs?)|(?:missiles?|rockets?|bombs?) (?:were |was |had been )?(?:fired|launched|dropped) (?:from|by) (?:an? |the )?(?:[\w'’-]+ )?{_AIRCRAFT}",
            STRONG,
        ),
        (r"bombing (?:raids?|runs?|campaigns?|sorties)", STRONG),
        (
            rf"bombed (?!(?:that|this|those|these|it|them)\b)(?:an? |the )?{GAP2}(?:hospitals?|schools?|markets?|mosques?|church(?:es)?|villages?|towns?|cit(?:y|ies)|homes?|houses?|buildings?|bridges?|camps?|convoys?|positions|targets|areas?|districts?|neighbou?rhoods?|airports?|bases?)",
            WEAK,
        ),
        (r"(?:kamikaze|attack|combat|suicide|armed) drones?|loitering munitions?", WEAK),
        (
            r"(?:glide|gliding|guided aerial|aerial|guided air|kab|fab-\d+) bombs?|shahed(?:-type|-136)?s?(?: drones?)?|geran-2|lancet drones?",
            STRONG,
        ),
        (r"(?:intercept(?:ed|s|ing)|shot down|shoots down|downed|destroyed) (?:[\w'’-]+ ){0,4}?(?:drones?|uavs?|shaheds?)\b", STRONG),
        (
            r"(?:fired|firing|launched|launching|sent|sending) (?:[\w'’,-]+ ){0,5}?(?:attack |kamikaze |combat )?(?:drones|uavs|shaheds) (?:at|on|against|into|towards?)",
            STRONG,
        ),
        (r"waves? of (?:[\w'’-]+ )?(?:drone|air) (?:attacks|strikes|raids)", STRONG),
    ],
    T.ARMED_CLASH: [
        (
            r"clash(?:es|ed)? (?:between|broke out|break out|breaks out|erupted|erupts?|continued|continues?|raged|rages?|flared|flare|resumed|resume)",
            STRONG,
        ),
        (rf"clash(?:es|ed|ing)? with (?:the )?{GAP2}{_ARMED}", STRONG),
        (r"(?:heavy|fierce|intense|renewed|street|sporadic|bitter|ferocious|deadly|ground) fighting", STRONG),
        (
            r"fighting (?:broke out|breaks out|erupted|erupts|rag(?:ed|es|ing)|continu(?:ed|es)|intensifie[sd]|flared|flares|spread|spreads|resumed|resumes|between)",
            STRONG,
        ),
        (rf"(?:days?|weeks?|hours?|nights?|months?) of {GAP2}fighting", STRONG),
        (
            r"battles? (?:(?:have|has|had) )?(?:raged|rag(?:es|ing)|erupted|broke out|continued|for (?:control of )?(?:the )?(?:town|city|village|airport|base|region|capital|bridge|port))",
            STRONG,
        ),
        (r"(?:fierce|heavy|intense|bloody|pitched|ferocious|deadly) (?:gun ?)?battles?", STRONG),
        (rf"(?:battled|fought|battling|fighting) {GAP3}for (?:the )?control of (?:the )?{GAP2}{_PLACE}", STRONG),
        (r"gun ?battles?|fire ?fights?|gun ?fights?|skirmish(?:es|ed)?|shoot-?outs?|crossfire|exchanges? of (?:gun ?|heavy )?fire", STRONG),
        (r"(?:exchang|trad)(?:ed|es|e|ing) (?:gun ?|heavy |small-arms |artillery |mortar )?fire", STRONG),
        (
            r"open(?:ed|s|ing)? (?:indiscriminate |heavy |random )?fire(?! (?:station|brigade|department|service|exit|door|alarm|place))",
            STRONG,
        ),
        (
            r"came under (?:heavy |intense )?(?:gun)?fire(?! (?:over|for|from (?:critics|regulators|investors|shareholders|campaigners|lawmakers|mps|the opposition|fans|unions|consumers|customers)))",
            STRONG,
        ),
        (
            rf"(?:fired|firing|shot) (?!(?:tear ?gas|teargas|rubber|water|warning|blanks|pellets)\b){GAP3}(?:at|on|upon|into) (?:the |a |an |some )?{GAP2}(?:{_VICTIMS}|police|crowds?|vehicles?|cars?|convoys?|patrols?|posts?|checkpoints?|house|shop|them|him|her|forces|positions|camps|bases|targets)",
            STRONG,
        ),
        (r"gun (?:attacks?|assaults?)", STRONG),
        # the attackers named in the passive: "was shot by an unidentified gunman", "killed by suspected Maoist cadres"
        (
            rf"(?:killed|shot|attacked|ambushed|gunned down|injured|wounded|hacked to death|executed|abducted and killed) (?:(?!(?:attacks?|blasts?|explosions?|bombings?|ambush|grenades?|bombs?|ieds?|mines?|triggered|caused|planted|set)\b)[\w'’-]+ ){{0,3}}?by (?:the )?(?:[\w'’()-]+ ){{0,5}}?(?:{_ARMED}|militant|gunman|assailant|attacker|insurgent|terrorist|miscreants|outfit)\b",
            STRONG,
        ),
        (r"chemical (?:weapons? )?attacks?|(?:sarin|chlorine|poison|nerve) gas attacks?", FAINT),
        (
            r"(?<!character )assassination (?:attempts?|bids?)|(?:tried|attempted|attempts|attempting|trying) to assassinate|(?:used|using|use of) (?:[\w-]+ ){0,2}?(?:chemical weapons|chemical agents|sarin|chlorine gas|nerve agents?|poison gas) (?:against|on)",
            STRONG,
        ),
        # shots counted, in the words of police reports: "police had to fire 8 rounds", "six rounds were fired"
        (
            r"(?:fired|fire|firing|fires) (?:over |more than |about |nearly |some |around |at least )?(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|several|a few|dozens of|hundreds of) (?:live |warning )?(?:rounds|shots|bullets)|(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|several) rounds (?:were|had to be|had been|have been) fired",
            STRONG,
        ),
        (r"shot (?:dead|and killed|and wounded|and injured|to death)|gunned down|(?<!\ba )shot at|sniper (?:fire|attacks?)", STRONG),
        (r"firing incidents?|shooting (?:attacks?|incidents?|spree)|drive-?by shootings?|mass shootings?", STRONG),
        (r"encounters? (?:with|between|broke out|raged|took place|ensued|erupted)", STRONG),
        (
            r"(?:killed|injured|wounded) in (?:an? |the )?(?:encounter|ambush|attack|armed attack|exchange of fire|(?:cross-border |indiscriminate |unprovoked )?firing|gunfire|crossfire)",
            STRONG,
        ),
        (
            rf"{_ARMED}{_ACTOR_GAP}(?:attacked|stormed|assaulted|raided|ambushed|overran|opened fire|clashed|fought|battled|struck at|shot|killed|executed|beheaded|assassinated|massacred|gunned down|hacked|fired back|returned fire|fired (?:on|at|upon)|attacking|raiding|ambushing|battling|hitting|striking at)",
            STRONG,
        ),
        (
            rf"(?:shelled|shelling|pounded|pounding|bombarded|bombarding|bombed|bombing|attacked|attacking|destroyed|destroying|raided|raiding|(?:artillery |rocket |mortar |heavy )?fire (?:on|at|against)|used (?:heavy weapons|artillery|tanks|heavy artillery|rockets|mortars|gunships) (?:against|on)) (?:the )?{GAP3}{_ARMED_HOLDINGS}",
            STRONG,
        ),
        (rf"(?:attacks?|assaults?|raids?|ambush(?:es)?) (?:on|against|at) (?:an? |the )?{GAP3}{_MILITARY_TARGET}", STRONG),
        (
            rf"(?:carried out|carrying out|carry out|conducted|mounted|stepped up|staged|intensified|continued|pressed on with|renewed|resumed) {GAP3}(?:attacks?|raids?|assaults?|ambush(?:es)?)",
            STRONG,
        ),
        (rf"(?:stormed|overran|ambushed) (?:an? |the )?{GAP2}(?:{_MILITARY_TARGET}|compound|prison|jail)", STRONG),
        (rf"(?:attacked|raided|targeted|struck) (?:an? |the )?(?:[\w'’-]+ )?{_ARMED_POST}", STRONG),
        (r"return(?:ed|ing)? (?:the )?fire", FAINT),
        (r"fired (?:across|along|over) the (?:line of contact|contact line|front ?line|line of control|border)", STRONG),
        (
            r"(?:killed|wounded|injured|died|lost (?:their|his|her) lives?) in (?:the )?(?:[\w-]+ )?(?:clashes|fighting|battles?|gun ?fights?|gun ?battles?|skirmish(?:es)?)",
            STRONG,
        ),
        (
            rf"(?:repel(?:led|s|ling)?|repulsed|fought off|beat back|beaten back) {GAP3}(?:attacks?|assaults?|attempts? to (?:advance|break through|storm)|advances?|offensives?)",
            STRONG,
        ),
        (rf"(?:were |was )?engaged (?:by|with) (?:the )?{GAP2}{_ARMED}", STRONG),
        (r"armed (?:attacks?|assaults?|clash(?:es)?|assailants|attackers)", STRONG),
        (r"gunfire|gunmen|ambush(?:ed)?|armed men", WEAK),
    ],
    T.EXPLOSION: [
        (
            r"(?:car|roadside|truck|suicide|pipe|nail|parcel|letter|barrel|petrol|magnetic|sticky|motorcycle|bicycle) bomb(?:s|ings?|ers?)?",
            STRONG,
        ),
        (r"bomb (?:attacks?|blasts?|exploded|explosions?|went off|detonated|ripped|killed|injured|wounded)", STRONG),
        (
            r"improvised explosives?|ieds?|vbieds?|explosive devices?|explosives?(?:-laden| laden| (?:planted|went off|exploded|detonated))",
            STRONG,
        ),
        (r"(?:land ?mines?|mines?) (?:blasts?|explosions?|exploded|went off|detonated)", STRONG),
        (
            r"(?:car|truck|vehicle|van|lorry|motorbike|motorcycle|bus|boat)s? (?:packed|laden|loaded|rigged|filled|stuffed) with (?:explosives|bombs)",
            STRONG,
        ),
        (
            r"(?:stepped on|stepping on|steps on|hit|struck|triggered|ran over|drove over) (?:an? )?(?:(?!gold |coal |copper |diamond |salt |silver |iron |data )[\w-]+ )?(?:land ?mine|mine|ied|explosive)",
            STRONG,
        ),
        (
            r"(?:land ?mines?|ieds?|explosive devices?|(?:car |roadside |suicide )?bombs?) (?:killed|wounded|injured|maimed|destroyed|damaged)",
            STRONG,
        ),
        (
            r"(?:explosions?|blasts?) (?:at|in|near|on|outside|inside) (?:an? |the )?(?:[\w'’-]+ ){1,3}?(?:killed|kills|injured|injures|wounded|wounds|damaged|damages|destroyed|destroys)",
            STRONG,
        ),
        (r"(?<!stun )(?<!propelled )(?<!rocket )(?:hand )?grenades?", STRONG),
        (
            r"(?:explosions?|blasts?) (?:ripped|rips|rocked|rocks|tore|tears|shattered|flattened|gutted|levell?ed|blew out|killed|kills|injured|injures|wounded|wounds|hit|hits|struck|damaged|destroyed|went off|goes off|occurred|took place|was heard|were heard|shook|shakes|targeted|targets)",
            STRONG,
        ),
        (r"(?:powerful|huge|massive|loud|deadly|twin|several|series of) (?:explosions?|blasts?)", STRONG),
        (
            r"(?:killed|injured|wounded|damaged|destroyed) (?:in|by) (?:an? |the |twin )?(?:[\w-]+ ){0,2}?(?:explosions?|blasts?|bombings?|bomb)",
            STRONG,
        ),
        (r"suicide (?:attacks?|bombers?|bombings?|vests?|blasts?)", STRONG),
        (
            rf"blew (?:himself|herself|themselves) up|(?:blew|blown) up {GAP3}(?:bridges?|vehicles?|cars?|bus(?:es)?|trucks?|buildings?|pipelines?|railway|rail ?(?:lines?|tracks?)|tracks?|checkpoints?|schools?|towers?|houses?|homes?|shops?|offices?|stations?|trains?|power lines?|pylons?|transmission lines?|dams?)",
            STRONG,
        ),
        (rf"(?:exploded|detonated|set off|planted|planting|hurled|hurling|lobbed|threw|throwing|tossed) {GAP3}{_EXPLOSIVES}", STRONG),
        (
            rf"(?:targeted|hit|struck|blown up|destroyed|damaged) (?:by|with) (?:an? |the )?(?:[\w-]+ )?{_EXPLOSIVES}|(?:explosions?|blasts?|detonations?) of (?:[\w-]+ ){{0,2}}?{_EXPLOSIVES}|fire ?bomb(?:s|ed|ings?)?",
            STRONG,
        ),
        (
            rf"{_EXPLOSIVES}(?:,[^,.;:]{{1,60}},)? (?:was |were |had been )?(?:planted|hurled|thrown|lobbed|exploded|detonated|went off)",
            STRONG,
        ),
        (rf"{_EXPLOSIVES} (?:[\w'’-]+ ){{1,5}}?(?:exploded|went off|detonated|blew up)", STRONG),
        (rf"detonat(?:ed|ing|es) {GAP2}(?:(?:suicide |explosive )?vests?|charges?|belts?)", STRONG),
        (r"bombings?", WEAK),
        (r"(?:exploded|detonated|blew up) (?:[\w'’,-]+ ){0,4}?(?:killing|wounding|injuring|maiming)", STRONG),
        (r"anti-(?:personnel|tank) (?:land ?)?mines?", STRONG),
        (r"explosions?|blasts?|detonat(?:ed|ion|ions)|land ?mines?|minefields?", FAINT),
        # home-made bombs are often found and defused: alone they count only with other evidence
        (r"(?:crude|pressure|country-made|tiffin|socket|cooker)[- ]bombs?", FAINT),
    ],
    T.AIR_RAID_ALERT: [
        (r"air[- ]raid (?:sirens?|alerts?|warnings?|alarms?)", STRONG),
        (r"sirens? (?:sounded|sounding|sound|wailed|wailing|blared|blaring|went off|rang|howled)", STRONG),
        (r"sound(?:ed|ing)? (?:the )?sirens?", STRONG),
        (r"(?:missile|rocket|air|drone) (?:alerts?|warnings?|alarms?)", STRONG),
        (
            r"(?:declar|announc|issu)(?:ed|es|ing) (?:an? |the )?(?:missile|rocket|drone|ballistic|air(?:[- ]raid)?) (?:threat|danger)",
            STRONG,
        ),
        (
            r"(?:take|took|taking|seek|sought|seeking|head(?:ed)? to|ran to|rushed to|go to|went to|move to|hid in|sheltered in|sheltering in) (?:cover|(?:bomb |air[- ]raid )?shelters?|basements?)",
            STRONG,
        ),
        (r"(?:bomb|air[- ]raid) shelters?", WEAK),
        (
            r"shelter(?:ing|ed)? (?:[\w'’-]+ ){0,3}?(?:in|inside) (?:the )?(?:metro|subway|underground)(?: stations?)?|(?:spent|spend|spending) the night (?:[\w'’-]+ ){0,2}?in (?:the )?(?:metro|subway|underground|basements?|shelters?)|shelter(?:ing|ed)? from (?:the )?(?:attacks?|strikes?|shelling|bombing|missiles|drones|air ?raids?|bombardment)",
            STRONG,
        ),
    ],
    T.EVACUATION: [
        (r"evacuat(?:e|ed|es|ing|ions?)", STRONG),
        (
            rf"(?:fled|flee|fleeing|flees|forced to flee|forced from|driven from) {GAP2}(?:their homes|homes|the (?:fighting|shelling|violence|city|town|village|region|area|bombing|clashes|advance|war))",
            STRONG,
        ),
        (
            r"(?:thousands|hundreds|tens of thousands|millions) (?:of (?:people|civilians|residents|families) )?(?:have |had |are )?(?:fled|flee|fleeing|were displaced|displaced|were evacuated|evacuated)",
            STRONG,
        ),
        (
            rf"displaced {_NUMBER}|displaced (?:people|persons|civilians|families|residents|villagers|population|by (?:the )?(?:fighting|war|conflict|violence|shelling|bombing|clashes|attacks?|offensive))|(?:people|persons|civilians|families|residents|villagers|children|thousands|hundreds|millions)(?: [\w'’-]+){0, 2}? (?:were |have been |had been |are |been )?displaced|displacement of|internally displaced",
            WEAK,
        ),
        (
            r"refugees? (?:from [\w'’-]+ (?:[\w'’-]+ )?)?(?:fle(?:d|e|es|eing)|pour(?:ed|s|ing)?|cross(?:ed|es|ing)?|stream(?:ed|s|ing)?|arriv(?:ed|e|es|ing)|flow(?:ed|s|ing)?)|(?:influx|flow|stream|wave)s? of refugees",
            STRONG,
        ),
        (r"exodus", WEAK),
        (r"ethnic cleansing|mass expulsions?", STRONG),
        (
            r"(?:expell?(?:ed|ing|s)|forcibly (?:removed|displaced|transferred|deported)) (?:some |more than |about |nearly |over |at least )?(?:tens of thousands|thousands|hundreds of thousands|hundreds|millions|\d[\d,]{3,}) (?:of )?(?!diplomats|envoys|journalists|students)",
            STRONG,
        ),
        (r"humanitarian corridors?", STRONG),
        (r"forced (?:out|to leave|to flee)|forc(?:ing|ed) (?:[\w'’-]+ ){1,4}?to flee", STRONG),
        (rf"{_NUMBER} (?:[\w'’-]+ ){{0,2}}?(?:have |had |has )?(?:fled|escaped)", STRONG),
        (
            r"(?:after|since|by) fleeing|fleeing (?:the )?(?:[\w'’-]+ )?(?:areas?|north|south|east|west|front ?line|front|region|city|town|villages?)",
            STRONG,
        ),
        (
            r"(?:bused|bussed|ferried|airlifted|trucked) (?:out|away|to safety)|(?:moved|relocated|taken|transferred|resettled) to (?:safety|safer (?:areas|places)|temporary (?:accommodation|shelters?|housing)(?: centres| centers)?|shelters)",
            STRONG,
        ),
        (
            r"(?:told|ordered|urged|called on|instructed|warned) (?:[\w'’-]+ ){0,5}?(?:residents|civilians|people|inhabitants|population|families) (?:[\w'’-]+ ){0,4}?to (?:leave|move|flee|head|relocate|get out)",
            STRONG,
        ),
    ],
    T.OFFENSIVE: [
        (
            rf"{_LAUNCH} {_DET}{GAP3}(?:offensive|invasion|assault|incursion|counter-?offensive|(?:military|ground|combat|special|security|anti-?terror(?:ist)?|counter-?terror(?:ism|ist)?|clearance) operations?)",
            STRONG,
        ),
        (rf"{_ARMED} (?:had |have |has )?{_LAUNCH} {_DET}{GAP2}operations?", STRONG),
        (r"press(?:ed|es|ing)? (?:on )?(?:with )?(?:its|their|the) offensive", STRONG),
        (r"(?:anti-?terror(?:ist)?|counter-?terror(?:ism|ist)?) (?:operations?|measures)", STRONG),
        (r"(?:military|ground|combat) operations? (?:began|started|was launched|against|in)", STRONG),
        (
            r"(?:counter-?)?(?:offensive|invasion|incursion) (?:began|started|was launched|against|into|on|to (?:retake|capture|recapture|seize|take))",
            STRONG,
        ),
        (r"ground (?:invasion|assault|offensive)", STRONG),
        (
            rf"{_LAUNCH} {_DET}{GAP2}(?:large-scale|full-scale|massive|major|unprecedented|surprise|coordinated|multi-pronged|all-out) (?:[\w'’-]+ )?(?:attack|assault)",
            STRONG,
        ),
        (r"declar(?:ed|es|ing) war|declaration of war", STRONG),
        # "Russia's invasion of Ukraine", "since the invasion of Iraq": the name of a known war, told as background,
        # not an onset (SIGNALS.md: an offensive launched or announced); onsets are "invaded", "launched an invasion"
        (r"invaded|invading|(?<!['’]s )(?<!['’]s full-scale )(?<!['’]s full scale )(?<!['’]s large-scale )(?<!the )invasion of", STRONG),
        (
            r"(?:intensif(?:y|ied|ies|ying)|stepp(?:ed|ing) up|steps up|expand(?:ed|s|ing)?|widen(?:ed|s|ing)?|escalat(?:ed|es|ing)|broaden(?:ed|s|ing)?) (?:its|their|the) (?:[\w'’-]+ )?(?:offensive|assault|ground operation|military operation|invasion|incursion)",
            STRONG,
        ),
        (
            rf"{_ARMED} {GAP3}(?:crossed (?:the border|into)|advanced (?:on|into)|pushed (?:into|deeper into)|poured (?:into|across)|rolled into|thrust into|marched into)",
            STRONG,
        ),
    ],
    T.MOBILIZATION: [
        (r"mobili[sz](?:e|ed|es|ing|ation)", STRONG),
        (
            rf"{_ARMED} (?:were |are |was |is |have been )?(?:massing|massed|amassed|amassing|gathering|gathered|deployed|deploying|redeployed|moving|moved|concentrated|concentrating|reinforced|sent|dispatched|transferred|airlifted)",
            STRONG,
        ),
        (r"(?:build-?up|buildup|massing|concentration|deployment) of (?:troops|forces|armou?r|tanks|military|soldiers|warships)", STRONG),
        (r"(?:troop|military|force) (?:build-?ups?|buildups?|movements?|reinforcements?)", STRONG),
        (
            r"(?:strengthen|reinforc|bolster|beef|boost|build|built|amass|mass|concentrat|send|sent|dispatch|rush|mov|deploy)\w*(?: up)? (?:[\w'’-]+ ){0,4}?(?:troops|forces|soldiers|tanks|armou?r|warships|reinforcements|military (?:presence|units)|aircraft carriers?|carrier (?:strike )?groups?|destroyers|bombers|battalions|brigades|air defen[cs]e systems)",
            STRONG,
        ),
        (
            rf"{_ARMED} {GAP2}(?:remain(?:ed|s)?|were|are|was|is|put|placed|be) (?:on|in) (?:a )?(?:state of )?(?:high |full |combat |maximum |heightened )?(?:alert|readiness|standby)",
            STRONG,
        ),
        (rf"(?:put|placed) {GAP2}on (?:high |full |combat |maximum )?alert", STRONG),
        (r"reservists?", STRONG),
        (rf"(?:call(?:ed|ing|s)? up|call-?ups? of) {GAP2}(?:reservists|troops|soldiers|men|conscripts|recruits)", STRONG),
        (r"call-?ups?|conscription", WEAK),
        (r"(?:combat|full|high(?:est)?) (?:readiness|alert)", WEAK),
        (r"armou?r(?:ed)? (?:columns?|convoys?)|columns? of (?:armou?red vehicles|tanks|armou?r|military vehicles)|reinforcements", WEAK),
        (r"(?:military )?(?:enlistment|draft) (?:offices?|boards?|notices|papers|summons(?:es)?)|call-up (?:papers|notices)", WEAK),
    ],
    T.TERRITORIAL_CHANGE: [
        (
            rf"(?:captured|captures?|capturing|seized|seizes?|seizing|took|takes?|taken|taking|retook|retakes?|retaken|retaking|recaptured|recaptures?|recapturing|liberated|liberates?|liberating|overran|overruns?|overrun|occupied|occup(?:y|ies)|regained|regains?|wrested|wrests?){_ASIDE} (?:full |complete )?(?:control (?:of|over) )?(?:back )?(?:the |an? |all (?:the )?|several |most of (?:the )?|parts? of (?:the |an? )?)?{GAP2}{_PLACE}",
            STRONG,
        ),
        # a place named, not a place noun: "took Tal Abyad from Islamic State militants"; loot and people taken are not ground
        (
            rf"(?:took|taken|seized|captured|retook|recaptured|wrested|won back) (?:back )?(?:control of )?(?!(?:\S+ )?(?:weapons|arms|ammunition|explosives|drugs|guns|rifles|cash|money|documents|hostages?|prisoners?|captives|soldiers?|fighters|civilians|people|men|members)\b)(?:{WORD} ){{1,4}}?from (?:the )?(?:{WORD} ){{0,3}}?(?:{_ARMED}|enemy|invaders|occupiers|islamic state|isis|isil|daesh|al-shabaa?b|boko haram|hamas|hezbollah)",
            STRONG,
        ),
        (r"(?:claim(?:s|ed)?|announc(?:es|ed)|confirm(?:s|ed)) (?:the )?(?:capture|fall|seizure|recapture|liberation|control) of", STRONG),
        (rf"(?:fell|fallen|falls) (?:to|into the hands of) (?:the )?{GAP2}(?:{_ARMED}|enemy)", STRONG),
        (r"(?:came|fell|is now|are now) under (?:the )?(?:full )?control of|(?:is|are) now under (?:[\w'’-]+ )?control", WEAK),
        (
            rf"{_ARMED}{_ACTOR_GAP}(?:took|taken|taking|takes?|seized|seizes?|seizing|gained|gains?|gaining|regained|regains?|established|establish(?:es)?|assumed|wrested) (?:full |complete |total |effective )?control (?:of|over)",
            STRONG,
        ),
        (r"(?:raised|raises|hoisted|hoists|planted) (?:(?:its|their|the|a) )?(?:[\w'’-]+ )?flags? (?:over|above|in|on)", WEAK),
        (
            rf"{_ARMED}{_ACTOR_GAP}(?:captured|seized|retook|recaptured|liberated|overran|regained){_ASIDE} (?!{_NOT_A_PLACE}\b)[\w'’-]+",
            WEAK,
        ),
        (rf"{_ARMED}{_ACTOR_GAP}(?:retook|retaken|recaptured|liberated|overran|overrun|regained) it\b", WEAK),
        # "occupied" right after its subject: elsewhere it is mostly the adjective ("in occupied Karabakh")
        (rf"{_ARMED} (?:have |has |had )?occupied (?!{_NOT_A_PLACE}\b)[\w'’-]+", WEAK),
        (
            rf"{_ARMED}{_ACTOR_GAP}(?:freed|recovered|cleared){_ASIDE} (?:full |complete )?(?:control (?:of|over) )?(?:the |an? )?{GAP2}{_PLACE}",
            STRONG,
        ),
        (rf"{_ARMED}{_ACTOR_GAP}(?:entered|moved into|marched into|rolled into) (?:the )?{GAP2}{_PLACE}", FAINT),
        (rf"{_ARMED}{_ACTOR_GAP}(?:gained|gaining|gains|gain|made|making|make) (?:more |further |new |significant )?ground", STRONG),
        (
            rf"(?:drove|driven|drive|driving|pushed|forced) (?:the )?(?:[\w'’-]+ ){{0,3}}?(?:{_ARMED}|enemy|invaders|occupiers) (?:out of|back from|from)|(?:drove|driven) out (?:the )?(?:[\w'’-]+ )?(?:{_ARMED}|enemy|invaders|occupiers)",
            STRONG,
        ),
        (r"(?:forced|compelled) to (?:withdraw|retreat|pull (?:back|out)|abandon|leave|give up)", STRONG),
        (
            rf"(?:hand(?:ed|s|ing)? over|surrender(?:ed|s|ing)?|cede[sd]?|ceding) {GAP3}(?:towns?|villages?|city|cities|positions?|territory|territories|districts?|regions?)",
            STRONG,
        ),
    ],
    T.CEASEFIRE_BREACH: [
        (
            r"(?:violat(?:ed|ion|ions|ing|e|es)|breach(?:ed|es|ing)?|broke|broken|breaking|collapse[sd]?|shattered) (?:of )?(?:the |a |an )?(?:[\w'’-]+ ){0,2}?(?:ceasefire|cease-fire|truce|armistice|humanitarian pause)",
            STRONG,
        ),
        (
            r"(?:ceasefire|cease-fire|truce|humanitarian pause)(?: [\w'’-]+){0,4}? (?:was|were|has been|had been|is being) (?:broken|violated|breached|shattered)",
            STRONG,
        ),
        (
            r"(?:ceasefire|cease-fire|truce) (?:violations?|breach(?:es)?|collapsed|collapses|broke down|breaks down|breached|was broken|was violated|is void|declared void|in tatters|shattered|crumble[sd]?|unravell?(?:ed|s)|faltered|falters)",
            STRONG,
        ),
        (r"(?:ceasefire|cease-fire|truce)(?: [\w'’-]+){1,4}? (?:collapsed|broke down|unravell?ed|crumbled|fell apart|is void)", STRONG),
        (r"fired across the (?:ceasefire|cease-fire|armistice) line", STRONG),
        (
            r"(?:ceasefire|cease-fire|truce) (?:did not|didn't|failed to|does not|doesn't) hold|(?:ceasefire|cease-fire|truce)(?: [\w'’-]+){0,4}? (?:is|was) (?:now |effectively |de facto )?(?:void|dead)",
            STRONG,
        ),
        (
            r"(?:fired|firing|shelled|shelling|attacked|attacks?|fighting|clashes|strikes?) (?:[\w'’,-]+ ){0,6}?(?:despite|in violation of|in breach of) (?:the |a |an )?(?:[\w'’-]+ )?(?:ceasefire|cease-fire|truce|armistice)",
            STRONG,
        ),
    ],
    T.BLOCKADE: [
        (r"blockad(?:e|ed|es|ing)", STRONG),
        (r"siege|besieged|encircled|encirclement", STRONG),
        (
            r"(?:corridor|road|border|crossing|checkpoint|route|airport|port)s? (?:was |were |has been |have been |remains? |remained |stay(?:s|ed)? )?(?:closed|blocked|cut off|shut)",
            WEAK,
        ),
        (
            rf"block(?:s|ed|ing)? {GAP3}(?:aid|humanitarian|food|fuel|medical) (?:deliveries|convoys|supplies|trucks|shipments|access)",
            STRONG,
        ),
        (r"(?:is|are|was|were|remains?|remained) (?:now |fully |completely )?surrounded|surrounded by (?:\w+ )?(?:troops|forces)", WEAK),
        (
            rf"(?:closed|closes?|shut|shuts|sealed|seals?|block(?:s|ed|ing)?) (?:off )?{GAP3}(?:borders?|border crossings?|crossings?|checkpoints?|corridors?|supply routes?|(?:only |main )?(?:roads?|routes?|highway) (?:linking|connecting|to|into))(?! (?:stores?|shops?|branches|outlets|towns?|regions?|areas?|guards?|police|force|security|controls?|checks?|agency))",
            WEAK,
        ),
        (r"cut off (?:supplies|food|fuel|gas|electricity|water|access)", STRONG),
        (
            r"(?:supplies|deliveries|convoys|aid|food|fuel|medicine)(?: [\w'’-]+){0,3}? (?:were|was|have been|has been|had been|remain(?:ed|s)?) (?:again |once again |completely )?(?:cut off|blocked|halted)",
            WEAK,
        ),
    ],
    T.CASUALTIES: [
        (
            rf"{_NUMBER} (?:[\w-]+ )?{_VICTIMS}(?:, (?:including|among them|most of them|mostly|many of them) [^,.;]{{1,40}},)? (?:were |have been |had been |was |are )?(?:reported |confirmed |feared |believed )?(?:killed|dead|wounded|injured|died)",
            STRONG,
        ),
        (
            r"(?:killing|wounding|injuring|killed|wounded|injured) (?:a|an|one) (?:[\w-]+ ){0,2}?(?:soldier|civilian|serviceman|servicewoman|woman|man|child|boy|girl|teenager|policeman|police officer|officer|resident|guard|volunteer|medic|journalist)",
            STRONG,
        ),
        (r"died (?:of|from) (?:his |her |their )?(?:wounds|injuries)", STRONG),
        (rf"(?:killed|killing|wounded|wounding|injured|injuring) {_NUMBER}", STRONG),
        (rf"(?:left|leaving) (?:one|{_NUMBER}) (?:[\w-]+ )?(?:{_VICTIMS} )?(?:dead|wounded|injured)", STRONG),
        # one victim told in the passive: "a policeman was killed", "one person was injured" ("shot dead" is armed_clash);
        # it begins at the noun, not at "a", which the prefix gate would let through at every "a"
        (
            r"(?:person|man|woman|child|boy|girl|youth|teenager|soldier|civilian|policeman|police officer|officer|constable|protester|student|worker|villager|resident|pilgrim|journalist|guard) (?:was|has been|had been) (?:reportedly )?(?:killed|wounded|injured)\b(?! (?:in|by) (?:an? |the )?(?:car|road|traffic|train|plane|bus) (?:crash|accident|collision))",
            STRONG,
        ),
        (
            r"(?:died|dead|killed|perished|injured|wounded|hurt|sustained (?:[\w-]+ )?injuries) (?:in|due to|during) (?:the )?(?:police |army |indiscriminate |retaliatory )?(?:firing|gunfire)|died in (?:police |army |military |judicial )?custody|(?:put|puts|putting) the (?:death )?toll at",
            STRONG,
        ),
        (
            r"(?:died|dies|death|deaths) (?:[\w'’-]+ ){0,5}?(?:due to|as a result of|because of|after|from|under|following) (?:[\w'’-]+ ){0,3}?torture",
            STRONG,
        ),
        (
            rf"{_ARMED}{_ACTOR_GAP}(?:executed|beheaded|massacred|slaughtered|butchered|assassinated)|(?:summarily|extra-?judicially) execut(?:ed|ing)|(?:executed|beheaded|slaughtered|butchered) (?:[\w-]+ ){{0,3}}?(?:civilians|villagers|hostages|captives|prisoners of war|pows|(?:captured )?soldiers?|aid workers?|journalists?)|(?:burnt|burned) alive",
            STRONG,
        ),
        (r"behead(?:ed|ing|ings|s)", WEAK),
        (r"(?:was|were|been|being) assassinated", STRONG),
        (
            rf"(?:caus|inflict)(?:ed|ing) (?:serious |severe |bullet )?(?:injuries|wounds) to {_NUMBER}|(?:injured|wounded) (?:[\w-]+ ){{0,3}}?(?:were |was )?(?:hospitali[sz]ed|admitted to (?:a |the )?hospital|rushed to (?:a |the )?hospital|taken to (?:a |the )?hospital)",
            STRONG,
        ),
        (
            rf"(?:one|{_NUMBER}) (?:dead|killed|hurt|injured|wounded) (?:in|as|after) (?:an? |the )?(?:[\w-]+ ){{0,3}}?(?:clash(?:es)?|firing|attacks?|violence|riots?|blasts?|explosions?|shootings?|fighting|ambush|raids?)",
            STRONG,
        ),
        (
            r"(?:killed|wounded|injured) (?:in|by) (?:the |an? )?(?:shelling|strike|air ?strike|attack|fighting|blast|explosion|bombing|raid|clashes|gunfire|crossfire)",
            STRONG,
        ),
        (r"casualties|death toll|fatalities", STRONG),
        (r"lost (?:their|his|her) lives?", STRONG),
        (rf"(?:losses|lost) (?:[\w'’-]+ ){{0,3}}?{_NUMBER} (?:[\w-]+ )?(?:soldiers|troops|servicemen|men|personnel|fighters)", WEAK),
        (
            rf"(?:tortured|beaten|beat|stabbed|hacked|burn(?:ed|t)|stoned|lynched|bludgeoned) {GAP3}to death|massacr(?:e|es|ed|ing)|mass killings?",
            STRONG,
        ),
        (r"killed|wounded", WEAK),
    ],
    T.THREAT: [
        (
            rf"threat(?:en|ened|ens|ening)? (?:to|with|of) {GAP3}(?:attack|strike|shell|bomb|invade|invasion|war|force|retaliat\w*|respond|military|nuclear|destroy|annihilate|wipe|kill|execute|behead|reprisals?|storm|seize|occupy|blows?|curfew|martial law|blockade)",
            STRONG,
        ),
        (r"(?:vow(?:ed|s|ing)?|swor[en]|swear(?:s|ing)?|pledg(?:ed|es|ing)) to fight", STRONG),
        (
            rf"threat(?:en|ens|ened|ening) {GAP2}(?:nuclear|military|missile|air|pre-?emptive|retaliatory) (?:strikes?|attacks?|action|response)|threat(?:en|ens|ened|ening) (?:war|invasion|retaliation|reprisals)",
            STRONG,
        ),
        (r"ultimatum", STRONG),
        (r"martial law|state of (?:emergency|siege)", STRONG),
        (r"(?:impos|declar|order|announc|extend)\w* (?:an? )?(?:[\w-]+ )?curfew", STRONG),
        (
            rf"warn(?:ed|s|ing)? (?:of|that) {GAP3}(?:war|retaliat\w*|military action|respon\w*|consequences|invasion|(?:use )?force|nuclear|strikes?)",
            STRONG,
        ),
        (r"vow(?:ed|s|ing)? (?:to )?(?:retaliat\w*|revenge|avenge|crush|destroy|wipe out|annihilate|hit back)", STRONG),
        (r"brink of war|verge of war", STRONG),
        (r"curfew (?:was|has been|had been|is|were) (?:imposed|declared|ordered|extended|announced)", STRONG),
        (
            r"vow(?:ed|s|ing)? (?:an? )?(?:harsh|severe|strong|crushing|decisive|swift|tough|firm|fitting|painful) (?:response|retaliation|revenge|reprisals?|punishment)",
            STRONG,
        ),
        (r"(?:would|will|could|ready to|prepared to|is ready to) use (?:military )?force", STRONG),
        (
            r"direct (?:military )?(?:conflict|confrontation) (?:with|between)|(?:mean|means|meant|lead to|trigger) (?:a )?direct (?:military )?(?:conflict|confrontation|war)",
            WEAK,
        ),
        (
            r"(?:call(?:s|ed|ing)?|appeal(?:s|ed|ing)?|plea|pleaded|ask(?:s|ed)) for (?:an? )?(?:urgent |immediate )?(?:international |military |foreign |peacekeeping )?intervention",
            STRONG,
        ),
        (
            r"emergency (?:un |u\.n\. )?security council (?:meeting|session)|security council (?:\w+ ){0,3}emergency (?:meeting|session)",
            WEAK,
        ),
    ],
    T.UNREST: [
        (r"riot(?:s|ers|ing|ed)?", STRONG),
        (r"violent (?:protests?|demonstrations?|unrest)", STRONG),
        (r"tear ?gas|teargas|rubber bullets|water cannons?|stun grenades", STRONG),
        (r"police (?:have |had )?(?:fired on|clashed with|cracked down|beat|beaten|charged|clubbed|whipped|assaulted) ", STRONG),
        (
            r"(?:violently|forcibly|brutally) (?:dispers|broke up|break up|breaking up)\w*|(?:beat|beaten|beating|clubbed|whipped|assaulted) (?:[\w-]+ ){0,2}?(?:protesters|demonstrators|marchers|activists|students|mourners)",
            STRONG,
        ),
        (r"clash(?:es|ed)? with (?:the )?(?:riot )?police", STRONG),
        (r"protesters? (?:were )?(?:killed|injured|beaten|clashed|detained)", STRONG),
        (r"mob (?:violence|attack\w*|lynch\w*)|looting|lynching|torched|set (?:on )?fire to", WEAK),
        (r"(?:protests?|demonstrations?|rall(?:y|ies)|marches) (?:turned|turn|turning) (?:violent|deadly|bloody)", STRONG),
        (
            rf"(?:crowds?|mobs?|protesters|demonstrators|rioters) {GAP2}(?:attacked|attacking|stormed|storming|ransacked|torched|clashed|hurled|threw|pelted)",
            STRONG,
        ),
        (
            rf"(?:fired|firing|opened fire|shot) (?:live (?:rounds|ammunition) )?(?:on|at|into) (?:the )?(?:[\w-]+ )?(?:protesters|demonstrators|crowds?|marchers|rally|mourners)|clash(?:es|ed)? (?:broke out |erupted )?between {GAP2}(?:protesters|demonstrators|rioters)",
            STRONG,
        ),
        (r"rampag(?:e|ed|es|ing)", WEAK),
        # force used on a crowd, in the words of police reports: "fired 11 rounds to disperse stone-pelting mobs"
        (
            r"(?:fired|fire|firing|fires|shots|rounds|shells|used force|charged) (?:[\w,.'’-]+ ){0,8}?to (?:disperse|quell|scatter|break up|control|chase away|drive back|push back) (?:the |a |an )?(?:[\w-]+ ){0,2}?(?:crowds?|mobs?|protesters|demonstrators|rioters|gatherings?|marchers|agitators|them|people)",
            STRONG,
        ),
        (
            r"(?:lathi|baton|cane)[- ]?charg(?:e|ed|es|ing)|police firing|stone[- ]?(?:pelting|throwing) (?:mobs?|crowds?|protesters|youths?)",
            STRONG,
        ),
        (
            r"(?:used|using|uses|use) (?:live (?:ammunition|rounds|fire|bullets)|lethal force|excessive force|batons|clubs|truncheons|whips) (?:against|on) (?:the )?(?:[\w-]+ ){0,2}?(?:protesters|demonstrators|crowds?|mobs?|marchers|students|rall(?:y|ies)|mourners|rioters|activists)",
            STRONG,
        ),
        (
            r"resort(?:ed|s|ing)? to (?:(?:aerial |indiscriminate )?firing|lathi[- ]?charg\w*|baton[- ]?charg\w*)(?! (?:of|staff|workers|employees|managers|the|his|her|its|their)\b)",
            STRONG,
        ),
        (r"(?:pelt(?:ed|ing)|hurl(?:ed|ing)|thr(?:ew|owing)) stones", WEAK),
    ],
    T.DE_ESCALATION: [
        (
            r"(?:agreed|agree|agrees|signed|signs?|reached|reach(?:es)?|brokered|brokers?|announced|announces?) (?:to |on |a |an |the )?(?:[\w'’-]+ ){0,2}?(?:ceasefire|cease-fire|truce|peace (?:deal|agreement|accord)|cessation of hostilities)",
            STRONG,
        ),
        (r"(?:ceasefire|cease-fire|truce) (?:agreement|deal|took effect|takes effect|holds|holding|came into force|was agreed)", STRONG),
        (
            rf"agree(?:d|s)? (?:on |to |upon )?{GAP2}(?:withdraw\w*|pull\w* (?:back|out)|halt|end (?:the )?(?:fighting|hostilities|war|conflict)|cooperat\w*|resume (?:talks|negotiations|dialogue)|hold talks|exchange prisoners|normali[sz]\w*|return|hand over|transfer)",
            STRONG,
        ),
        (
            r"(?:peace|security|border|military|nuclear|withdrawal|power-sharing|normali[sz]ation) (?:agreement|accord|deal|treaty|pact|settlement)",
            STRONG,
        ),
        (
            r"peace talks|peace negotiations|peace process|talks (?:were held|resumed)|(?:ceasefire|cease-fire|truce) (?:talks|negotiations)",
            WEAK,
        ),
        (rf"(?:held|hold|holding|opened|resumed|began|begin) {GAP2}(?:talks|negotiations)", FAINT),
        (r"withdr(?:ew|awn|awal|awing|aw|aws) (?:of )?(?:their |its |the |all )?(?:[\w-]+ )?(?:troops|forces|units|soldiers)", STRONG),
        (rf"{_ARMED} {GAP2}(?:withdrew|pulled back|pulled out|were withdrawn|retreated|have withdrawn|had withdrawn)", STRONG),
        (
            r"(?:completed|complete|began|begin|started|start|announced|ordered) (?:the |their |its )?(?:[\w-]+ )?withdrawal|(?:troop|military|army|forces'?) withdrawal",
            STRONG,
        ),
        (rf"{_ARMED} {GAP2}(?:surrendered|laid down (?:their )?(?:arms|weapons))|(?:lay|laid) down (?:their )?arms", STRONG),
        (rf"lift(?:ed|s|ing)? {GAP3}(?:blockade|siege|curfew|state of emergency|martial law)", STRONG),
        (
            rf"(?:corridor|border|crossing|road|bridge)s? (?:was |were |has been |have been )?re-?opened|re-?open(?:ed|s|ing)? {GAP3}(?:corridors?|borders?|crossings?|roads?|embassy|bridge)",
            STRONG,
        ),
        (r"cessation of hostilities", STRONG),
        (rf"(?:freed|released|release|free|releasing) {GAP2}(?:hostages|prisoners of war|pows)", WEAK),
        (r"prisoner (?:exchange|swap)s?", STRONG),
        (r"exchang(?:ed|es|ing|e) (?:[\w'’,-]+ ){0,3}?(?:prisoners|pows|captives|detainees)", STRONG),
        (
            r"(?:ceasefire|cease-fire|truce)(?: [\w'’-]+){1,6}? (?:took effect|takes effect|came into force|comes into force|went into effect|goes into effect|came into effect|was agreed)",
            STRONG,
        ),
        (
            r"(?:discuss|discussed|discussing|negotiat(?:e|ed|ing)|talks on|talks about|push(?:ed|ing)? for) (?:an? |the )?(?:[\w'’-]+ )?(?:ceasefire|cease-fire|truce|peace deal|hostage deal|prisoner exchange)",
            WEAK,
        ),
    ],
}

_GAMES = r"video ?games?|\bgames?\b|gameplay|players|multiplayer|consoles?|reviewers?|playstation|xbox|nintendo|expansion pack|(?:game|film|movie|official|teaser|new|first) trailers?|trailers? for"
_SPORTS = r"football|soccer|basketball|hockey|rugby|cricket|tennis|\bmatch(?:es)?\b|league|striker|midfield|goalkeeper|tournament|championship|\bfans\b|\bsquad(?<!search squad)(?<!bomb squad)(?<!armed squad)(?<!death squad)(?<!hit squad)(?<!firing squad)(?<!joint squad)(?<!police squad)(?<!terror squad)(?<!assault squad)(?<!suicide squad)(?<!action squad)(?<!special squad)(?<!rescue squad)(?<!maoist squad)s?\b|\bcoach\b|\bseason\b|six nations|world cup|olympic|\bclub\b|\bcaps?\b|penalty|\blaps?\b|grand prix|formula one|peloton|\brace\b"
_ENTERTAINMENT = r"box[- ]office|\bfilms?\b|\bmovies?\b|\balbum\b|\bcharts?\b|\bsequel\b|comedy|\bnovel\b|\bepisodes?\b|storyline|sitcom|\bsoap\b|(?:tv|television|drama) series|\bexhibitions?\b|\bmuseums?\b|documentar(?:y|ies)"
_LABOUR = r"(?:trade|labou?r|rail|teachers'?|workers'?|transport|miners'?|nurses'?) unions?|unions? (?:leaders?|members|officials|bosses|representatives)|industrial action|walk-?outs?|walk(?:ed|ing) out|(?:pay|wage|labou?r) (?:dispute|deal|talks|rise|offer|claim)s?|(?:go|goes|went|going|gone) on strike"
#: Company news: an "offensive" against pirated copies, a sales force "mobilised".
_BUSINESS = r"\b(?:compan(?:y|ies)|firms?|corporate|giant|brands?|retailers?|carmakers?|airlines?|shares|investors|customers|consumers|sales|profits?|revenues?|marketing|advertising|start-?ups?|chief executive|ceo)\b"
#: Politics, not war: party rebels and their "attacks" on a leader.
_PARTY_REBELS = r"rebels? in the party|party rebels|(?:tory|labour|conservative|republican|democrat(?:ic)?|backbench) rebels|rebel (?:mps|lawmakers|senators|backbenchers|delegates)"
_DISASTERS = r"tsunami|earthquake|hurricane|cyclone|typhoon|\bstorms?\b|flood(?:s|ing)?|wildfires?|avalanche|landslide|disaster|epidemic|pandemic|disease|virus|heart attack"

#: Cues in the same sentence (or the title) that turn a trigger into a benign sense.
BENIGN: dict[T, str] = {
    T.SHELLING: _GAMES
    + r"|satellites?|spacecraft|space (?:agency|station|launch)|spacex|nasa|roscosmos|\borbit|launch ?pad|missile tests?|test[- ](?:fir\w*|launch\w*)|shell (?:company|oil|plc|corporation)|shelled out|sea ?shells?|peanuts?|eggs?|bombarded with (?:[\w-]+ )?(?:ads|adverts|advertising|e-?mails|calls|questions|messages|offers|spam|requests|complaints|letters|information|criticism)",
    T.AIR_STRIKE: either(_GAMES, _SPORTS, _LABOUR) + r"|struck (?:a |an )?(?:deal|agreement|bargain|chord)",
    T.ARMED_CLASH: either(_GAMES, _SPORTS, _ENTERTAINMENT, _PARTY_REBELS)
    + r"|boardroom|shareholders?|rivals? (?:clash|meet)|carnival|re-?enact\w*|clash(?:ed)? over (?:the )?(?:budget|policy|plans?|bill|reforms?)|cyber|hackers?|photo ?shoot|shot (?:a |the )?(?:film|movie|video|scene)",
    T.EXPLOSION: either(_GAMES, _ENTERTAINMENT)
    + r"|flop|population|popularity|sales|growth|interest in|innovation|demand (?:has |have |had )?(?:explod|boom)\w*|(?:explosion|boom) (?:of|in) (?:[\w-]+ )?demand|fireworks?|supernova|blast furnace|gas (?:leak|explosion)|(?:gas )?cylinder (?:blast|explosion)|mining company|boiler (?:blast|explosion)|industrial accident|short circuit|(?:coal mine|methane|firedamp|dust) (?:blast|explosion)|(?:chemical|fertili[sz]er|fireworks?|munitions) (?:plant|factory|warehouse)|(?:factory|refinery|plant) (?:blast|explosion)",
    T.AIR_RAID_ALERT: _DISASTERS
    + r"|tornado|\bdrills?\b|exercises?|test(?:ing|ed|s)? (?:of )?(?:the )?(?:[\w'’-]+ ){0,3}sirens?|(?:ambulance|police|fire engine|fire truck|emergency vehicle)s?'? sirens?|video ?games?",
    T.EVACUATION: either(_DISASTERS, _SPORTS)
    + r"|hoax|fire (?:broke out|alarm)|blaze|smoke|false alarm|as a precaution|precautionary|suspicious (?:package|object|bag|item)|bomb scare|investors?|stocks?|shares|equities|markets?|sell-?off|traders?|bonds|\bdrills?\b|exercises?|(?:house|building|office|factory|school) fire\b|gas leak|bowel|bladder",
    T.OFFENSIVE: either(_GAMES, _SPORTS, _BUSINESS)
    + r"|charm offensive|marketing|advertising|campaign for (?:votes|office)|invaded the pitch|pitch invasion|invasive species|invasion of privacy|war on (?:drugs|poverty|terror\w*|crime|obesity|waste|cancer|piracy|spam)|\bbudgets?\b|spending|\bcosts?\b|funding|\bbn\b|billion|taxpayers?",
    T.MOBILIZATION: either(_SPORTS, _BUSINESS)
    + r"|\bpay\b|salar(?:y|ies)|pensions?|wages?|\bbudget|\btax|voters|supporters|volunteers|resources for|funds|capital|campaign (?:staff|volunteers)|market forces|police forces? (?:for|at) the (?:match|game)",
    T.TERRITORIAL_CHANGE: either(_GAMES, _SPORTS, _ENTERTAINMENT)
    + r"|by storm|captured (?:the )?(?:imagination|hearts?|attention|title|trophy|award|market|share|moment|essence|spirit)|election|seats?|votes?|\bpoll|number (?:one|two|three)|\bspot\b|market share",
    T.BLOCKADE: either(_GAMES, _SPORTS, _ENTERTAINMENT, _LABOUR)
    + r"|protesters|farmers|truckers|lorry drivers|hauliers|activists|road ?works?|repairs?|maintenance|marathon|parade|snow|weather|traffic",
    T.CASUALTIES: either(_GAMES, _SPORTS, _ENTERTAINMENT, _DISASTERS)
    + r"|car crash|road (?:accident|crash)|traffic accident|hamstring|knee|ankle|injury time|injured list|plane crash|train crash|fire at|blaze|(?:an?|the) (?:huge |massive |major |deadly )?fire (?:in|that|which|broke|killed|kills|swept|ripped|engulfed|gutted)|^fire (?:killed|kills|swept|ripped|engulfed|gutted)|(?:house|building|factory|hotel|hospital|forest|bush) fires?|colonisation|colonization",
    T.THREAT: either(_LABOUR, _SPORTS)
    + r"|threatened species|endangered|threat to (?:the )?(?:environment|economy|jobs|biodiversity)|relegation",
    T.UNREST: r"football|hooligans? at the match|riot of colou?r|riot games|laugh riot|comedy|" + _ENTERTAINMENT,
    T.DE_ESCALATION: either(_LABOUR, _SPORTS)
    + r"|(?:violat|breach)\w* (?:of )?(?:the |a |an )?(?:[\w'’-]+ ){0,2}?(?:ceasefire|cease-fire|truce|armistice)|trade (?:talks|deal|war)|tariffs?|contract talks|takeover|merger|shareholders|transfer|\bagent\b|signing",
}

#: Words before a trigger, in its sentence, that negate or deny it.
NEGATION = r"\b(?:no|not|never|nor|without|denied|denies|deny|denying|rejected|refuted|dismissed|false(?:ly)?|fake|rumou?rs? of|no sign of|no reports? of|halt(?:s|ed|ing)?|an end to|foiled|thwarted|defused|defusing)\b"

#: A denial anywhere earlier in the sentence ("denied reports that its positions had
#: been shelled"): the denied clause may be longer than the negation window.
DENIAL = r"\b(?:denied|denies|deny|denying|rejected|refuted|dismissed) (?:[\w'’-]+ ){0,3}?(?:reports?|claims?|charges?|allegations?|accusations?|rumou?rs?|information|plans?|that)\b"

#: Words just after a trigger that deny it ("shelling was not reported").
NEGATION_AFTER = r"\b(?:(?:was|were|has|have|had)(?: been)? (?:not|never)|(?:was|were) denied|(?:was|were|are|is|proved|turned out to be) (?:false|untrue|fake|unfounded|baseless))\b"

#: Words before a trigger that make it hypothetical, threatened or future.
HEDGE = r"\b(?:threat(?:en|ened|ens|ening)? to|could|would|might|may|if|unless|plans? to|planning to|planned to|plots? to|plott(?:ed|ing) to|conspir(?:ed|ing|acy) to|intend(?:s|ed)? to|prepar(?:ing|es|ed) to|vow(?:ed|s)? to|fears? (?:of|that)|risk of|possible|potential(?:ly)?|will|would-be|warn(?:ed|s|ing)? (?:of|that|against)|in case of|avoid|prevent|averting|drill)\b"

#: Mentions of past events that are not news today, wherever they are in the sentence:
#: an anniversary or a memorial dates every event the sentence recalls.
HISTORICAL = r"\b(?:(?:first|second) world war|world war (?:i|ii|one|two|1|2)|anniversary|commemorat\w+|memorial|remember(?:ed|s|ing)?|history of|historic(?:al)?ly)\b"

#: Dates ("in 2014", "three years ago") and named past wars, which date only their own
#: clause (and a short phrase opening the sentence): "rockets hit the town, which was
#: captured three years ago" is news, "in the 2020 war, troops shelled the town" and
#: "the 2020 war displaced thousands" are not.
DATED = r"\b(?:years? ago|decades? ago|in (?:the )?(?:19|20)\d\d(?: war)?|during the (?:\d{4}s? |first |second )?war|since the (?:\d{4} )?war|in the (?:\d{4}|first|second|last) war|(?:the|that|a) (?:19|20)\d\ds? (?:war|conflict|fighting|offensive|uprising|riots?|siege|ceasefire|truce|clashes|massacre|bombing|attacks?))\b"

#: Words that open a new clause: a negation or hedge before one of them belongs to
#: another verb ("the mayor did not comment as shells hit the town", "officials would
#: not say whether troops had shelled the village").
CLAUSE_OPENER = r"\b(?:as|when|while|after|before|because|since|and|then|until|where|whereas|although|though|whether|once|who|which)\b"

#: A demand or appeal whose object is the trigger: asked for, not done ("urged
#: Azerbaijan to reopen the corridor", "demanded the withdrawal of troops", "called
#: for an immediate ceasefire").
DEMAND = r"\b(?:urg(?:e|ed|es|ing)|call(?:ed|s|ing)? (?:on|upon|for)|demand(?:ed|s|ing)?|ask(?:ed|s|ing)?|press(?:ed|es|ing)? (?:for|on)|push(?:ed|es|ing)? for|appeal(?:ed|s|ing)? (?:to|for)|insist(?:ed|s|ing)? on|seek(?:s|ing)?|sought|wants?|wanted)\b(?: [\w'’-]+){0,6}? (?:to|for|on)?\s*(?:an? |the )?(?:immediate |full |complete |urgent )?$"
