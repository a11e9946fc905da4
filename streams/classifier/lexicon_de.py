"""German lexicon: trigger stems per signal type and the cues that veto them.

German inflects by case and builds compounds, so triggers are stems followed by
`\\w*`, and a compound whose head is the trigger lists its first parts
("(?:raketen|artillerie|granat)?beschuss"): the engine tries triggers only at word
starts, so "Raketenbeschuss" needs "raketen" spelled in the pattern. Separable verbs
put their particle at the end of the clause ("griffen das Dorf an"), so a few
triggers reach over a short gap to it; perfect and passive clauses end in their
participle, so projectile and flight triggers reach over up to five (eight) words to it
("Geschosse auf den Norden Israels abgefeuert"). Words that are spelled the same in English
("Explosion", "Offensive", "Mobilisierung" is not, "Invasion" is) are only triggers
with German words around them: every lexicon reads every text, and an English
"explosion in demand" must not be judged by German cues. Patterns match the
lower-cased text (engine.fold); strengths as in lexicon_en.
"""

from tocsin.records import SignalType as T
from tocsin.streams.classifier.lexicon import FAINT, STRONG, WEAK, either

#: Words between a verb and its object; German quotes („vernichtende Antwort“) sit inside them.
_GAP2 = r"(?:[\w'’„“\"-]+ ){0,2}?"
_GAP4 = r"(?:[\w'’„“\",-]+ ){0,4}?"
#: Up to five words: a clause ends in its participle, so an object, a place and a time
#: stand between the noun and "abgefeuert" ("Geschosse auf den Norden Israels abgefeuert").
_GAP5 = r"(?:[\w'’„“\",-]+ ){0,5}?"
_COUNT = r"(?:\d+|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|zwölf|zwanzig|dutzende|hunderte|tausende|mehrere|zahlreiche|(?:mindestens|mehr als|rund|etwa|über) [\w.,]+)"
#: Victims, with the compounds German builds on them ("Blauhelmsoldaten", "Zivilpersonen").
_PEOPLE = r"(?:menschen|\w*personen|zivilisten|zivilistinnen|\w*soldaten|\w*soldatinnen|kinder|frauen|männer|einwohner\w*|bewohner\w*|\w*kämpfer|\w*polizisten|sicherheitskräfte|militärangehörige|passanten|demonstranten|insassen|passagiere|fahrgäste|\w*helfer\w*|journalisten|mitarbeiter\w*)"
#: One person, with the compounds German builds on the noun ("Hamas-Kommandeur", "Zivilistin").
_PERSON = r"(?:[\w'’]+-)?\w*(?:kommandeur|anführer|soldat|zivilist|kämpfer|journalist|polizist|offizier|general|helfer|mann|frau|kind|junge|mädchen)\w*"
#: Numbers of people in flight: thousands, not a handful ("Zehntausende", "100.000"). The
#: participle closes the clause they open, however long ("Zehntausende Libanesen sind vor
#: den israelischen Angriffen nach Syrien geflüchtet"), so up to eight words stand between.
_MASS = r"(?:\d{1,3}(?:\.\d{3})+|tausende|zehntausende|hunderttausende|millionen)"
#: Missiles, rockets and shells, singular and plural.
_PROJECTILE = r"(?:raketen?|granaten?|geschosse?|mörsergranaten?|marschflugkörpern?)"
_WEAPON = r"(?:artillerie|raketen|granat|mörser|panzer|drohnen|dauer|massiv|schwer\w* )"
_PLACE = r"(?:stadt|dorf|ort\w*|orte|ortschaft\w*|kleinstadt|gemeinde|städte|dörfer|stellung\w*|flughafen|stützpunkt\w*|hafen|region|gebiet\w*|hauptstadt|anhöhe\w*|brücke\w*|kontrolle über)"
#: Crossings and supply routes whose closure cuts a place off.
_ROUTE = r"(?:grenzübergang\w*|grenzübergänge\w*|übergang|übergänge|(?:land|versorgungs|hilfs)?korridor\w*|zugangsweg\w*|zufahrt\w*|versorgungsweg\w*|versorgungsroute\w*|nachschubweg\w*)"
#: Whom police fire on or move against in a protest.
_PROTESTERS = r"(?:demonstranten|protestierende\w*|regierungsgegner|menge|menschenmenge)"
_TROOPS = r"(?:truppen|soldaten|streitkräfte|einheiten|panzer|kampfverbände|militär|armee|bataillone|brigaden)"
#: What a build-up moves: troops, their heavy weapons and ships, or their presence.
_DEPLOYED = (
    rf"(?:{_TROOPS}|artillerie|raketen\w*|kampfjets|kampfflugzeuge|kriegsschiffe|flugabwehr\w*|luftabwehr\w*|(?:truppen|militär)präsenz)"
)
#: Armed actors that take towns: the troops, and the irregular forces news names them by.
_FORCES = rf"(?:{_TROOPS}|rebellen|aufständische\w*|miliz(?:en)?|dschihadisten|islamisten|kämpfer|separatisten|söldner)"
#: Armed targets, with the compounds German builds on them ("Militärposten", "Armeekonvoi").
_POST = r"(?:(?:militär|armee|grenz|polizei|vor)?(?:posten|stützpunkt\w*|konvoi\w*)|kaserne\w*|patrouille\w*|kontrollpunkt\w*|stellung\w*|garnison\w*)"
#: Who fights, and what is fought over: forces, armed men and armed targets.
_ARMED = rf"(?:{_FORCES}|{_POST}|bewaffnete\w*|extremisten|terroristen|angreifer|kämpfern)"
_ATTACK = r"(?:griff|griffen|greift|greifen)"
#: Aircraft in the dative after "mit" as well ("mit mehr als 100 Drohnen angegriffen").
_AIRCRAFT = r"(?:kampfjets|kampfflugzeuge\w*|kampfhubschrauber\w*|kampfdrohnen?|drohnen?|jets|bomber\w*|luftwaffe)"

TRIGGERS: dict[T, list[tuple[str, float]]] = {
    T.SHELLING: [
        (rf"{_WEAPON}?beschuss\w*|beschoss\w*|beschieß\w*|unter beschuss", STRONG),
        (r"(?:artillerie|raketen|mörser|granat|panzer)(?:feuer|angriff\w*|salve\w*|einschl(?:ag|äge?n?)|hagel|beschuss)\w*", STRONG),
        (
            rf"{_PROJECTILE} {_GAP5}(?:schlugen|schlagen|eingeschlagen|trifft|treffen|trafen|getroffen|abgefeuert|feuerten|gingen nieder|eingesetzt)",
            STRONG,
        ),
        # as an object the projectile may be a compound ("feuert Panzerabwehrraketen"), not the police's "Gummigeschosse"
        (
            rf"(?:feuerten|feuert|feuern|abgefeuert\w*) {_GAP2}(?!gummi)\w*{_PROJECTILE}|{_ATTACK} (?:[\w'’-]+ ){{0,4}}?mit {_GAP2}\w*{_PROJECTILE}",
            STRONG,
        ),
        (
            r"(?:abgefangen|fingen|abgeschossen|schossen) (?:[\w'’-]+ ){0,3}?(?:raketen?|marschflugkörper)|(?:raketen?|marschflugkörper) (?:[\w'’-]+ ){0,3}?(?:abgefangen|abgeschossen)",
            STRONG,
        ),
        (rf"(?:artillerie|haubitze|raketenwerfer|mörser)\w* {_GAP4}(?:unter feuer|beschossen|getroffen|zerstört|feuert\w*)", STRONG),
        (r"einschl(?:ag|äge?n?)", WEAK),
        # a weapon named is not its fire: arms deliveries ("Lieferung von Marschflugkörpern") and
        # deployments ("verlegt Artillerie") name them too
        (r"artillerie\w*|mörsergranat\w*|haubitze\w*|raketenwerfer\w*|marschflugkörper\w*", FAINT),
    ],
    T.AIR_STRIKE: [
        (r"(?:luft|drohnen|bomben)(?:angriff|schlag|schläge|attacke)\w*", STRONG),
        (rf"{_ATTACK} (?:[\w'’-]+ ){{0,4}}?mit {_GAP2}{_AIRCRAFT}", STRONG),
        (rf"aus der luft {_GAP2}(?:angegriffen|an\b|attackiert|beschossen|bombardiert|getroffen|zerstört)", STRONG),
        (
            r"bombardier(?:t|te|ten|ung|ungen|en)|(?:das|ein|schwere\w*|massive\w*) bombardement|fliegerbomb\w*|gleitbomb\w*|streubomb\w*|fassbomb\w*",
            STRONG,
        ),
        (
            rf"{_AIRCRAFT} (?:[\w'’-]+ ){{0,3}}?(?:greift|greifen|griff|griffen|bombardier\w*|trifft|treffen|traf|trafen|attackier\w*|beschießen|beschossen|(?:fliegen|flogen) angriffe|angegriffen)",
            STRONG,
        ),
        (
            r"(?:abgeschossen|abgefangen|schossen|fingen) (?:[\w'’-]+ ){0,3}?(?:drohnen|kampfdrohnen|shahed\w*)|(?:drohnen|kampfdrohnen|shahed\w*) (?:[\w'’-]+ ){0,3}?(?:abgeschossen|abgefangen)",
            STRONG,
        ),
        (r"kamikazedrohne\w*|kampfdrohne\w*|shahed\w*", WEAK),
    ],
    T.ARMED_CLASH: [
        (r"(?:heftige|schwere|erbitterte|blutige|andauernde|neue) (?:kämpfe|gefechte|gefechten|kämpfen|straßenkämpfe\w*)", STRONG),
        (
            r"(?:kämpfe|gefechte) (?:um|bei|in|nahe|zwischen|an der|dauer\w*|toben|tobten|brachen|gehen)|schießereien (?:zwischen|mit)|kampfhandlungen",
            STRONG,
        ),
        (
            r"schusswechsel\w*|feuergefecht\w*|häuserkämpfe?\w*|straßenkämpfe?\w*|grenz(?:gefecht|kämpf)\w*|scharmützel\w*|bewaffnete\w* zusammenstö\w*",
            STRONG,
        ),
        (r"eröffnete\w* (?:[\w'’-]+ ){0,3}?(?:das )?feuer|(?:das )?feuer (?:auf \w+ (?:[\w'’-]+ )?)?eröffnet", STRONG),
        (rf"angriff\w* (?:auf|gegen) {_GAP2}(?:{_POST}|truppen|soldaten|dorf|stadt)", STRONG),
        # "greift an" is a clash with an armed actor or target in the clause ("Dschihadisten
        # greifen Armeekonvoi an"); alone it is any attack ("Russland griff Kiew an": its
        # kind unsaid), a dog or a striker, and counts only beside other evidence
        (
            rf"{_ATTACK} (?:[\w'’-]+ ){{0,4}}?{_ARMED} (?:[\w'’-]+ ){{0,4}}?an\b"
            rf"|{_ARMED} (?:[\w'’-]+ ){{0,3}}?{_ATTACK} (?:[\w'’-]+ ){{1,5}}?an\b|{_ARMED} (?:[\w'’-]+ ){{0,6}}?angegriffen",
            STRONG,
        ),
        (rf"{_ATTACK} (?:[\w'’-]+ ){{1,4}}?an\b|angegriffen", FAINT),
        (
            r"(?:bewaffnete|schwerbewaffnete) (?:angreifer|männer|kämpfer|milizen)|hinterhalt\w*|schüsse (?:fielen|abgegeben|auf)|erschossen",
            STRONG,
        ),
        # an enemy assault repelled ("Abwehr eines russischen Großangriffs"); a team "wehrt jeden Angriff ab" too
        (
            r"(?:abgewehrt|wehrt\w*|wehren|zurückgeschlagen|abwehr (?:eines|einer|mehrerer)) (?:[\w'’-]+ ){0,3}?(?:\w+ische[nrs]?|feindliche\w*) (?:[\w'’-]+ )?\w*(?:angriff|vorstoß|vorstöße)\w*"
            r"|sturmangriff\w*",
            STRONG,
        ),
        # "überfallen" is also a robbery ("Tankstelle überfallen"): only with an armed target or a village
        (rf"überf(?:iel|ielen|allen|ällt) {_GAP2}(?:{_POST}|dorf|dörfer)|{_POST} {_GAP2}überfallen", STRONG),
        # "Kämpfen" is the dative noun after an article or preposition, the verb "to fight" elsewhere;
        # clashes between protesters and police are unrest (below), not an armed clash
        (
            rf"zusammenstö(?:ße|ßen)(?! (?:zwischen|mit) (?:[\w'’-]+ ){{0,2}}?(?:{_PROTESTERS}|polizei))|kämpfe|gefechten?|(?:(?<=den )|(?<=bei )|(?<=nach )|(?<=vor )|(?<=trotz )|(?<=seit ))kämpfen",
            WEAK,
        ),
    ],
    T.EXPLOSION: [
        (
            r"(?:auto|autobomben|bomben|sprengstoff|selbstmord|brand)anschl(?:ag|äge)\w*|autobombe\w*|sprengsatz\w*|sprengsätze\w*|sprengstoffgürtel\w*",
            STRONG,
        ),
        (
            r"selbstmordattentä\w*|attentäter\w*|(?:land|panzer|anti-personen-?)minen?\b|handgranate\w*|granaten\b|granate (?:[\w'’-]+ )?(?:explodierte|detonierte|geworfen)",
            STRONG,
        ),
        # "explodiert" alone is also prices and costs ("Ölpreis explodiert"): only with the explosive named
        (
            rf"(?:bombe|sprengladung|sprengsatz|mine|granate) {_GAP2}(?:explodiert\w*|detoniert\w*|ging hoch|hochgegangen)|explodierte|detonierte",
            STRONG,
        ),
        (
            r"(?:schwere|heftige|gewaltige|starke|laute|mehrere|zwei) (?:explosion|explosionen|detonation|detonationen)|explosion(?:en)? (?:erschütter\w*|ereignete\w*|in der|im|nahe|bei|auf dem|auf der)|(?:explosion|detonation)(?:en)? (?:[\w'’-]+ )?(?:getötet|verletzt)",
            STRONG,
        ),
        (r"in die luft gesprengt|gesprengt|sprengung", WEAK),
    ],
    T.AIR_RAID_ALERT: [
        (r"(?:luft|raketen|drohnen|flieger)(?:alarm|warnung)\w*", STRONG),
        (
            r"sirenen (?:[\w'’-]+ )?(?:heulten|heulen|ertönten|ertönen|gingen|schrillten|warnten)|(?:heulten|heulen|ertönten|ertönen|schrillten) (?:[\w'’-]+ )?sirenen",
            STRONG,
        ),
        (
            r"(?:schutzr(?:aum|äume|äumen)|bunker\w*|luftschutzkeller\w*|keller\w*|u-bahn-stationen) (?:[\w'’-]+ ){0,2}?(?:flüchten|flüchteten|geflüchtet|aufsuchen|aufgesucht|suchten|suchen|eilten|verbrachten|ausharren|verbringen)",
            STRONG,
        ),
        (
            r"(?:flüchteten|flüchten|eilten|rannten|gingen|begaben sich|suchten) (?:[\w'’-]+ ){0,3}?(?:in|im) (?:die |den |der )?(?:schutzr|bunker|luftschutzkeller|keller|u-bahn)\w*",
            STRONG,
        ),
        (
            r"schutz (?:in|im) (?:[\w'’-]+ )?(?:bunker|kellern?|schutzräumen|u-bahn\w*) (?:gesucht|suchen|suchten)|(?:luft)?schutzkeller\w*|schutzr(?:aum|äume|äumen)|sirenen (?:in|im|über)",
            WEAK,
        ),
    ],
    T.EVACUATION: [
        (
            r"(?:zwangs|massen)?evakuier\w*|evakuation\w*|räumung\w* (?:der|des|von) (?:[\w'’-]+ )?(?:stadt|dorf|dörfer|orte|region|gebiet\w*)",
            STRONG,
        ),
        # the order's noun: "ruft zum Verlassen der Uferviertel auf" (a genitive follows only the noun)
        (
            r"verlassen (?:der|des|ihrer|seiner) (?:[\w'’-]+ )?(?:stadt|städte|\w*viertel|dorf|dörfer|orte?|ortschaft\w*|region|gebiet\w*|häuser|wohnungen|heimat)",
            STRONG,
        ),
        (r"humanitäre\w* korridor\w*|fluchtkorridor\w*", STRONG),
        (
            rf"(?:flohen|fliehen|geflohen|flüchteten|vertrieb\w*|vertreib\w*) {_GAP2}(?:aus|vor|vom|von)|auf der flucht vor|{_MASS} (?:[\w'’„“\"-]+ ){{0,8}}?(?:flohen|fliehen|geflohen|geflüchtet|flüchten|flüchteten|vertrieben|auf der flucht)",
            STRONG,
        ),
        (r"vertreibung\w*|binnenvertriebene\w*|flüchtlingsstrom\w*|flüchtende", WEAK),
    ],
    T.OFFENSIVE: [
        (r"(?:boden|gegen|groß|frühjahrs|sommer|winter|militär)offensive\w*", STRONG),
        (
            r"(?:eine|die|neue|großangelegte|russische|ukrainische|israelische|türkische) offensive|offensive (?:gegen|auf|im|begonnen|gestartet|gestartet|eingeleitet|begann)",
            STRONG,
        ),
        (
            r"(?:militär|boden|spezial|anti-?terror-?|antiterror)operation\w*|militärische\w* operation\w*|(?:militär|boden)einsatz\w*",
            STRONG,
        ),
        (r"einmarsch\w*|marschierten (?:[\w'’-]+ ){0,4}?ein\b|einmarschiert|krieg erklärt|kriegserklärung\w*|überfall auf", STRONG),
        (r"vorstoß\w*|(?:rückten|rücken|vorgerückt|stoßen|stößt|stießen|stieß) (?:[\w'’-]+ ){0,4}?vor\b", WEAK),
        # a state of war declared; "in der Ampel herrscht Kriegszustand" is a figure of speech
        (
            r"(?:(?<=erklärt den )|(?<=erklärte den )|(?<=ruft den )|(?<=rief den ))kriegszustand|kriegszustand (?:[\w'’-]+ ){0,2}?(?:erklärt|ausgerufen|verhängt)",
            STRONG,
        ),
    ],
    T.MOBILIZATION: [
        (r"(?:general|teil)?mobilmachung\w*|mobilisierung\w*|mobilisier\w*|teilmobil\w*", STRONG),
        (r"reservisten?\b|einberuf\w*|truppenaufmarsch\w*|aufmarsch\w*|truppenkonzentration\w*|truppenbewegung\w*", STRONG),
        (
            rf"(?:verlegt|verlegte|verlegten|entsandt|entsendet|entsandte|schick(?:t|te|ten|en)|zusammengezogen|stationiert|verstärk(?:t|te|ten|en)) {_GAP4}{_DEPLOYED}|(?:zieht|zog|zogen|ziehen) {_GAP4}{_DEPLOYED} {_GAP5}zusammen\b|{_TROOPS} {_GAP4}(?:verlegt|entsandt|zusammengezogen|an die grenze|in alarmbereitschaft)",
            STRONG,
        ),
        (r"(?:höchste|erhöhte|volle) (?:alarm|gefechts|kampf)bereitschaft|alarmbereitschaft", WEAK),
    ],
    T.TERRITORIAL_CHANGE: [
        (
            rf"(?:nahmen|nahm|eroberten|eroberte|besetzten|besetzte|befreiten|befreite|übernahm\w*) {_GAP2}{_PLACE}|{_PLACE} (?:[\w'’-]+ ){{0,3}}?(?:eingenommen|erobert|zurückerobert|befreit|besetzt|übernommen)",
            STRONG,
        ),
        (
            # the accusative "unter ihre/russische Kontrolle" is a change of hands; "unter ihrer Kontrolle" a state
            r"(?<!zur )(?<!zwecks )(?:eroberung|einnahme|rückeroberung) (?:der|des|von|eines|einer|mehrerer)|unter (?:ihre|seine|\w+ische) kontrolle\b",
            STRONG,
        ),
        # an armed actor as subject, any tense: "Russische Truppen erobern Awdijiwka", "M23-Miliz nimmt Goma ein"
        (
            rf"{_FORCES} {_GAP2}(?:(?:zurück)?erober\w*|besetz\w*|befrei\w*|(?:nehmen|nimmt|nahm|nahmen) (?:[\w'’-]+ ){{1,3}}?ein\b)",
            STRONG,
        ),
        (
            r"(?:übern(?:ehmen|immt|ahm\w*|ommen)|erlang\w*|gewinn\w*|gewann\w*|(?:zurück)?gewonnen|zurückgewinn\w*) (?:die |wieder )?(?:volle |vollständige )?kontrolle über"
            r"|kontrolle über (?:[\w'’-]+ ){0,2}?(?:übernommen|erlangt|(?:zurück)?gewonnen|zurückerlangt)\b",
            STRONG,
        ),
        # a town "has fallen"; not "die Region", where prices and temperatures fall
        (
            r"(?:stadt|ort|ortschaft|dorf|festung|hochburg|bastion|stützpunkt) (?:[\w'’-]+ ){0,3}?(?:ist|sind) (?:[\w'’-]+ )?gefallen",
            STRONG,
        ),
        (r"(?:eingenommen|erobert|zurückerobert|unter kontrolle)", WEAK),
    ],
    T.CEASEFIRE_BREACH: [
        # fighting "despite the ceasefire"; not "trotz der Waffenruhe kehren viele nicht zurück"
        (
            rf"trotz (?:der |des |einer |eines )?(?:[\w'’-]+ )?(?:waffenruhe|feuerpause|waffenstillstand\w*) {_GAP4}(?:kämpfe|gefechte|angriffe|beschuss|gekämpft|beschossen|angegriffen|schüsse|explosionen)",
            STRONG,
        ),
        (
            r"(?:waffenruhe|feuerpause|waffenstillstand\w*) (?:[\w'’-]+ ){0,5}?(?:gebrochen|verletzt|verstoßen|missachtet|zusammengebrochen|gescheitert|brach)",
            STRONG,
        ),
        (
            r"(?:bruch|verletzung\w*|verstoß\w*|verstöße\w*) (?:gegen )?(?:die |der |den )?(?:waffenruhe|feuerpause|waffenstillstand\w*)|brachen (?:[\w'’-]+ ){0,2}?(?:die )?(?:waffenruhe|feuerpause)",
            STRONG,
        ),
    ],
    T.BLOCKADE: [
        (
            r"blockaden?\b|seeblockade\w*|blockier\w*|belager(?!ungszustand)\w*|abgeriegelt|(?:riegelt|riegelte|riegelten|riegeln) (?:[\w'’-]+ ){1,4}?ab\b|abriegelung\w*|eingekesselt|kessel von",
            STRONG,
        ),
        # a crossing or supply route closed; not the bare "Grenze", which German closes to migrants
        (
            rf"{_ROUTE} (?:[\w'’-]+ ){{0,3}}?(?:geschlossen|gesperrt|abgeriegelt|dichtgemacht)|(?:schließt|schloss|schlossen|sperrt|sperrte|sperrten) {_GAP2}{_ROUTE}",
            STRONG,
        ),
    ],
    T.CASUALTIES: [
        (
            rf"{_COUNT} (?:[\w'’-]+ ){{0,2}}?{_PEOPLE} (?:[\w'’-]+ ){{0,3}}?(?:getötet|verletzt|verwundet|ums leben|sterben|starben|gestorben|tot)",
            STRONG,
        ),
        (
            rf"(?:getötet|tötet|tötete|töteten|verletzt|verwundet|starben|kamen ums leben) {_GAP2}{_COUNT}|{_COUNT} (?:tote|todesopfer|verletzte|verwundete)",
            STRONG,
        ),
        # one named victim: "tötet Hamas-Kommandeur"
        (rf"(?:tötet|tötete|töteten|erschieß\w*|erschoss\w*) (?:[\w'’-]+ ){{0,2}}?{_PERSON}", STRONG),
        # the toll headline: "Zahl der Toten steigt auf 59"
        (rf"(?:zahl|bilanz) der {_GAP5}(?:toten|todesopfer|opfer|verletzten|getöteten|verwundeten)\b", STRONG),
        # nominal headlines: "Tote bei Luftangriff auf Schule", "Verletzte nach Explosion"
        (r"(?:tote|verletzte|verwundete|todesopfer) (?:bei|nach|durch)", STRONG),
        (r"todesopfer|tote und verletzte|kamen ums leben|getötet|verwundet", WEAK),
        # one person "schwer verletzt" is also every road accident: only beside other evidence
        (r"(?:schwer|lebensgefährlich|tödlich) verletzt|schwerverletzt\w*", FAINT),
    ],
    T.THREAT: [
        (r"ultimatum\w*|kriegsrecht\w*|ausnahmezustand\w*|belagerungszustand\w*|ausgangssperre\w*", STRONG),
        (
            rf"droh(?:te|ten|t|en) {_GAP2}(?:mit|offen mit) {_GAP2}„?(?:angriff|krieg|vergeltung|militär|gewalt|atom|einmarsch|invasion|vernichtung|schlag|schlägen|raketen|gegenschlag|gegenangriff|(?:vernichtend|verheerend|massiv|hart|gnadenlos|beispiellos|entschieden)\w* (?:antwort|reaktion))\w*",
            STRONG,
        ),
        (
            r"kündigt\w* (?:[\w'’-]+ ){0,2}?vergeltung (?:[\w'’-]+ ){0,4}?an\b|härte (?:[\w'’-]+ )?(?:beantwort\w*|antworten|reagieren|zurückschlagen)|vergeltung (?:angekündigt|angedroht|geschworen)|drohungen? gegen",
            WEAK,
        ),
    ],
    T.UNREST: [
        (
            r"krawall\w*|ausschreitung\w*|randale\w*|plünderung\w*|unruhen|straßenschlacht\w*|lynchmob\w*|mob (?:zündet|zündete|griff|greift|attackiert|stürmt|stürmte|prügelt|verwüstet|plündert|lyncht)\w*",
            STRONG,
        ),
        (rf"zusammenstö\w* (?:zwischen|mit) (?:[\w'’-]+ ){{0,2}}?(?:{_PROTESTERS}|polizei)", STRONG),
        # a protest broken up by force
        (
            r"(?:protest|demonstration|kundgebung)\w* (?:[\w'’-]+ ){0,4}?(?:gewaltsam|mit gewalt)\b|gewaltsam (?:[\w'’-]+ ){0,2}?(?:aufgelöst|geräumt|niedergeschlagen|auseinandergetrieben)",
            STRONG,
        ),
        (r"tränengas\w*|wasserwerfer\w*|gummigeschoss\w*|blendgranat\w*|schlagstöck\w*", STRONG),
        (
            rf"(?:polizei|sicherheitskräfte) {_GAP4}gegen (?:die )?{_PROTESTERS} (?:[\w'’-]+ )?(?:vorgegangen|vor\b)|(?:schießen|schießt|schoss|schossen|feuern|feuerten) {_GAP2}auf (?:die )?{_PROTESTERS}",
            STRONG,
        ),
        (
            r"(?:demonstranten|protestierende|polizei) (?:[\w'’-]+ ){0,3}?(?:zusammenstö|prügelten|gingen gewaltsam|lieferten sich)\w*|gewaltsame\w* proteste?\w*",
            STRONG,
        ),
    ],
    T.DE_ESCALATION: [
        (
            rf"(?:waffenruhe|feuerpause|waffenstillstand\w*) {_GAP5}(?:vereinbart|verkündet|ausgerufen|unterzeichnet|in kraft|beschlossen|gilt|hält|verlängert|geeinigt|verständigt)",
            STRONG,
        ),
        (
            r"(?:vereinbarten|verkündeten|unterzeichneten|einig(?:en|t|te|ten) sich|geeinigt) (?:[\w'’-]+ ){0,3}?(?:waffenruhe|feuerpause|waffenstillstand|friedensabkommen)",
            STRONG,
        ),
        (
            r"friedens(?:abkommen|vertrag|plan|vereinbarung)\w*|gefangenenaustausch\w*|truppenabzug\w*|truppenentflechtung\w*|abzug (?:der|aller|von) (?:[\w'’-]+ )?(?:truppen|soldaten|streitkräfte|einheiten)",
            STRONG,
        ),
        (rf"(?:zogen|zieht|zog) {_GAP4}{_TROOPS} {_GAP5}ab\b|{_TROOPS} (?:[\w'’-]+ ){{0,3}}?abgezogen", STRONG),
        # a withdrawal said to be agreed; "ziehen sich zurück" alone is as often a retreat
        (
            rf"{_TROOPS} (?:ziehen|zogen|zieht|zog) sich (?:[\w'’-]+ ){{0,2}}?(?:wie vereinbart|vereinbarungsgemäß|vertragsgemäß) {_GAP5}zurück\b",
            STRONG,
        ),
        (r"tausch\w* (?:[\w'’-]+ ){0,2}?gefangene\w* (?:[\w'’-]+ ){0,2}?aus\b|gefangene\w* (?:[\w'’-]+ ){0,2}?ausgetauscht", STRONG),
        (
            rf"{_ROUTE} (?:[\w'’-]+ ){{0,3}}?(?:wieder )?(?:geöffnet|freigegeben)|(?:öffnet|öffnete|öffneten) {_GAP2}(?:wieder )?{_ROUTE}",
            STRONG,
        ),
        (
            r"friedensgespräche\w*|friedensverhandlung\w*|(?:verhandlungen|gespräche\w*) über (?:eine |einen |die )?(?:waffenruhe|feuerpause|waffenstillstand)",
            WEAK,
        ),
    ],
}

_SPORT = r"\b(?:fußball\w*|bundesliga|champions league|stürmer\w*|spiel\w*|tore?\b|torwart\w*|trainer\w*|elfmeter\w*|meisterschaft\w*|turnier\w*|mannschaft\w*|fans\b|olympi\w*)"
_GAMES = r"\b(?:videospiel\w*|computerspiel\w*|konsole\w*|gamer\w*|playstation|xbox|nintendo)"
_CULTURE = r"\b(?:kinokasse\w*|kinostart\w*|film\w*|serie\b|roman\w*|album\w*|konzert\w*|ausstellung\w*|museum\w*|theater\w*|bombenerfolg|bombenstimmung)"
_MARKETS = r"\b(?:börse\w*|zentralbank\w*|notenbank\w*|ezb\b|inflation\w*|zins\w*|aktie\w*|anleger\w*|investor\w*|dax\b|preiskrieg\w*|preis\w*|umsatz\w*|unternehmen\w*|konzern\w*|rabatt\w*)"
_DISASTER = r"\b(?:erdbeben\w*|vulkan\w*|erdrutsch\w*|sturmflut\w*|flut\b|tornado\w*|wirbelsturm\w*|hochwasser\w*|überschwemmung\w*|unwetter\w*|sturm\b|orkan\w*|waldbr(?:and|ände)\w*|br(?:and|ände)(?:e?s|en|n)?\b|großbrand\w*|feuer (?:brach|ausgebrochen)|lawine\w*|verkehrsunfall\w*|unfall\w*|gasleck\w*|gasexplosion\w*)"
_DRILL = r"\b(?:übung\w*|probealarm\w*|warntag\w*|test\w*|manöver\w*)"
_LABOUR = r"\b(?:streik\w*|gewerkschaft\w*|tarif\w*|verdi|warnstreik\w*)"

#: Cues in the sentence or title that make a trigger a benign sense.
BENIGN: dict[T, str] = {
    T.SHELLING: either(_SPORT, _GAMES) + r"|kritik\w*|mails?\b|anfragen",
    T.AIR_STRIKE: either(_SPORT, _GAMES),
    T.ARMED_CLASH: either(_SPORT, _GAMES, _CULTURE) + r"|bundestag|parlament\w*|debatte\w*|hacker\w*|cyber\w*",
    T.EXPLOSION: either(_CULTURE, _MARKETS) + r"|feuerwerk\w*|silvester\w*|gasexplosion\w*|gasleck\w*|kosten\w*|nachfrage\w*",
    T.AIR_RAID_ALERT: either(_DRILL, _DISASTER, _GAMES),
    T.EVACUATION: either(_DRILL, _DISASTER, _MARKETS)
    + r"|(?:forder|verlang|appellier|dräng)\w* (?:[\w'’-]+ ){0,4}?humanitäre\w* korridor\w*|bombendrohung\w*|verdächtige\w* (?:gegenstand|koffer|paket)\w*|vorsorglich",
    T.OFFENSIVE: either(_SPORT, _GAMES, _MARKETS)
    + r"|wahlkampf\w*|werbe\w*|charme\w*|bildung\w*|opposition\w*|koalition\w*|reform\w*|gesetz\w*|partei\w*",
    T.MOBILIZATION: either(_SPORT, _MARKETS)
    + r"|wähler\w*|anhänger\w*|mittel\b|gelder\b|milliarden|streik\w*|gewerkschaft\w*|klimaschutz\w*|fridays",
    T.TERRITORIAL_CHANGE: either(_SPORT, _CULTURE, _MARKETS) + r"|herzen|tabellenspitze|wahl\w*|sitz\w*|markt\w*|hacker\w*",
    T.BLOCKADE: either(_SPORT, _LABOUR)
    + r"|klimaaktivist\w*|aktivisten|letzte generation|bauern\w*|landwirt\w*|traktor\w*|baustelle\w*|stau\w*|konto\w*|account\w*|website\w*|schnee\w*|verkehr\w*|marathon\w*",
    T.CASUALTIES: either(_SPORT, _CULTURE, _DISASTER) + r"|verletzungspause|kreuzband\w*|krankenhauskeime?",
    T.THREAT: either(_LABOUR, _SPORT) + r"|artenvielfalt|klima\w*|abstieg\w*",
    T.UNREST: _CULTURE + r"|fußball\w*|fans\b|stadion\w*|hooligan\w*|silvester\w*",
    T.DE_ESCALATION: either(_LABOUR, _SPORT, _MARKETS) + r"|handels\w*|zoll\w*",
}
# every cue starts at a word start: "stau" (traffic jam) is inside "Gefangenenaustausch"
BENIGN = {signal_type: rf"\b(?:{cues})" for signal_type, cues in BENIGN.items()}

#: Words before a trigger that negate or deny it ("kein Beschuss", "nicht beschossen").
NEGATION = r"\b(?:kein\w*|nicht|nie|niemals|ohne|weder|dementier\w*|bestritt\w*|bestreit\w*|wies\w* (?:[\w'’-]+ )?zurück|angebliche\w*|gerüchte?\w* über|falschmeldung\w*|vereitelt\w*|verhinder\w*|entschärf\w*)\b"

#: A denial earlier in the sentence ("dementierte Berichte, wonach das Dorf beschossen worden sei").
DENIAL = r"\b(?:dementier\w*|bestritt\w*|bestreit\w*|wies\w*|weist|weisen|zurückgewiesen),? (?:[\w'’-]+ ){0,3}?(?:berichte\w*|meldung\w*|angaben|vorwürfe?\w*|behauptung\w*|gerüchte?\w*|dass|wonach)\b|\b(?:bestritt\w*|bestreit\w*|dementier\w*|leugne\w*),(?: [\w'’-]+){0,4} ?$"

#: Words just after a trigger that deny it ("Beschuss wurde nicht gemeldet").
NEGATION_AFTER = r"\b(?:(?:wurde|wurden|ist|sind|war|waren|gab es) (?:[\w'’-]+ )?(?:nicht|keine?\w*)|blieb\w* aus|dementiert|zurückgewiesen|nicht bestätigt|falsch|erfunden)\b"

#: A question mark later in the trigger's clause: "Kommt bald eine neue Mobilmachung?" asks, it does not report.
HEDGE_AFTER = r"^[^–]*\?"

#: Words before a trigger that make it hypothetical, threatened, planned or a drill.
HEDGE = r"\b(?:könnte\w*|könnten|würde\w*|dürfte\w*|möglich\w*|falls|wenn|sollte\w*|droht\w*|drohung\w*|gefahr|befürcht\w*|furcht|angst vor|plan\w*|geplant\w*|beabsichtig\w*|vorbereit\w*|warnt\w* vor|übung\w*|verhindern|vermeiden)\b"

#: Mentions of past events that are not news today, anywhere in the sentence.
HISTORICAL = r"\b(?:vor (?:\d+|zwei|drei|vier|fünf|zehn|zwanzig|dreißig|fünfzig|hundert|vielen|\w+zig) jahren|jahrestag\w*|gedenk\w*|erinner\w*|damals|zweiten weltkrieg\w*|ersten weltkrieg\w*|geschichte)\b"

#: Dates and named past wars, which date only their own clause.
DATED = r"\b(?:(?:im (?:jahr )?|seit |von )(?:19|20)\d\d|(?:19|20)\d\d(?:er)? (?:krieg|konflikt|kämpfe)|im (?:\d{4}er )?krieg von (?:19|20)\d\d|während des (?:[\w'’-]+ )?krieges)\b"

#: Words that open a new clause, where a negation before them stops reaching.
CLAUSE_OPENER = r"\b(?:als|während|nachdem|bevor|weil|und|aber|sondern|dann|obwohl|ob|sobald)\b"

#: A demand whose object is the trigger ("forderte einen Abzug der Truppen").
DEMAND = r"\b(?:forder\w*|rief\w* (?:[\w'’-]+ )?(?:zu|auf)|verlang\w*|drängt\w*|appellier\w*|fordert\w*|bestehen auf|pochen auf|will|wollen)\b(?: [\w'’-]+){0,6}? ?$"
