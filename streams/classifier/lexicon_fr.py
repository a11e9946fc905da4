"""French lexicon: trigger patterns per signal type and the cues that veto them.

French inflects verbs by tense, person and (in the participle) gender and number
("bombardé, bombardée, bombardés, bombardées"), so triggers name a stem with its
listed endings, or `\\w*` where the stem is the word's own ("bombard\\w*"). Elision
glues articles and prepositions to the next word ("l'armée", "d'artillerie"): the
engine starts triggers at any word start, so "artillerie" in "d'artillerie" is found,
and phrases spell the elided form. Negation surrounds the verb ("n'a pas été
bombardé", "aucun tir n'a été signalé"), so both sides of a trigger are checked.
Strengths as in lexicon_en.

Why phrases: "attaque", "frappe", "tir", "combat" and "bombe" are everyday words in
sport ("une frappe du gauche"), business ("guerre des prix"), politics ("attaque
contre le ministre") and culture ("ce film est une bombe"); an armed actor, weapon or
military target keeps the literal sense, and BENIGN catches the rest.
"""

from tocsin.records import SignalType as T
from tocsin.streams.classifier.lexicon import FAINT, GAP2, GAP3, ROMANCE_BENIGN, STRONG, WEAK, benign_cues

#: Auxiliaries of the passé composé and passive: "ont été bombardés", "a été tiré".
_AUX = r"(?:(?:a|ont|avait|avaient|auraient|aurait|sont|est|était|étaient|ont été|a été|avaient été|se sont|s'est) )?"
_ARMED = r"(?:troupes|forces|soldats|militaires|armée|rebelles|insurgés|djihadistes|jihadistes|terroristes|combattants|miliciens|milices?|hommes armés|assaillants|séparatistes|paramilitaires|talibans|commandos?|mercenaires|unités)"
_PROJECTILES = r"(?:roquettes?|missiles?|obus|mortiers?|projectiles?|bombes?)"
_AIRCRAFT = r"(?:avions?(?: de chasse| de combat)?|aviation|chasseurs|bombardiers?|hélicoptères?(?: de combat)?|drones?|aéronefs?)"
_NUMBER = r"(?:\d[\d  .,]*|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt|trente|cinquante|cent|plusieurs|des dizaines(?: de)?|des centaines(?: de)?|une dizaine(?: de)?|une vingtaine(?: de)?|(?:au moins|plus de|près de|environ) [\w,.]+)"
_VICTIMS = r"(?:personnes|civils|soldats|militaires|policiers|gendarmes|habitants|enfants|femmes|combattants|manifestants|villageois|passants|membres|morts|blessés)"
_PLACE = r"(?:ville|villes|village|villages|localité|localités|bourg|cité|position|positions|base|bases|aéroport|port|pont|colline|hauteurs|région|district|quartier|capitale|territoire|bastion|fief|centrale)"
_KILLED = r"(?:tué|tués|tuée|tuées|morts?|blessé|blessés|blessée|blessées|décédés?|péri|ont péri|trouvé la mort)"

TRIGGERS: dict[T, list[tuple[str, float]]] = {
    T.SHELLING: [
        (
            r"bombard(?:é|ée|és|ées|er|e|ent|ait|aient|ant|ement|ements|ons)(?! aérien)|pilonn(?:é|ée|és|ées|er|e|ent|ait|aient|ant|age|ages)",
            STRONG,
        ),
        (
            r"(?:tirs?|frappes?|salves?|barrages?|pluie) d(?:'|’|e |es )(?:artillerie|roquettes?|missiles?|obus|mortiers?|lance-roquettes)",
            STRONG,
        ),
        (
            rf"(?:roquettes?|missiles?|obus|projectiles?) {_AUX}(?:tombé|tombés|tombées|tombent|tombe|abattus?|abattues?|frappé|frappés|frappe|frappent|touché|touchés|touche|touchent|explosé|visé|visés|vise|visent|tirés?|tirées?|lancés?|lancées?|s'est abattu|se sont abattus|s'abattent|s'abat)",
            STRONG,
        ),
        (
            rf"(?:tiré|tirés|tirent|tire|tirant|lancé|lancés|lancent|lance|lançant|lancer|tirer) {GAP3}(?:roquettes|missiles?|obus|mortiers)",
            STRONG,
        ),
        (rf"(?:intercepté|interceptés|abattu|abattus|détruit|détruits) {GAP3}(?:missiles|roquettes)", STRONG),
        (r"missiles? (?:balistiques?|de croisière|hypersoniques?|antichars?)|lance-roquettes multiples", WEAK),
        (r"artillerie|obus|mortiers|obusiers?", WEAK),
    ],
    T.AIR_STRIKE: [
        (
            r"(?:frappes?|raids?|bombardements?|attaques?|opérations?) aérien(?:ne|nes|s)?|raids? de l'aviation|frappes? aéroportées?",
            STRONG,
        ),
        (r"(?:frappes?|attaques?) (?:de|par) (?:drones?|l'aviation)|(?:frappes?|attaques?) de drones? (?:kamikazes?|armés?)", STRONG),
        (
            rf"(?<!voiture )(?<!camion ){_AIRCRAFT} (?:\w+ ){{0,2}}?{_AUX}(?:bombardé|bombardés|bombardent|bombarde|frappé|frappent|frappe|pilonné|pilonnent|visé|visent|vise|attaqué|attaquent|largué|larguent|mené des (?:frappes|raids))",
            STRONG,
        ),
        (r"largu(?:é|és|ée|ées|ent|ait|aient|ant|er) (?:\w+ ){0,3}?bombes?", STRONG),
        (r"drones? (?:kamikazes?|d'attaque|armés?|explosifs?)|munitions? rôdeuses?|bombes? (?:guidées?|planantes?)", WEAK),
        (rf"(?:intercepté|interceptés|abattu|abattus|détruit|détruits|neutralisé|neutralisés) {GAP3}drones", STRONG),
        (
            r"frappes? (?:israéliennes?|russes?|américaines?|ukrainiennes?|turques?|azerbaïdjanaises?|de la coalition)(?! (?:commerciales?|de balle))",
            WEAK,
        ),
    ],
    T.ARMED_CLASH: [
        (r"affrontements? armés?|combats? armés?|heurts? armés?|accrochages?", STRONG),
        (
            r"(?:violents?|intenses?|lourds|âpres|féroces|sanglants?|nouveaux|de violents|d'intenses|de nouveaux) (?:combats|affrontements)|combats (?:acharnés|de rue|font rage|faisaient rage|se poursuivent|ont éclaté|ont repris|se sont poursuivis|se sont intensifiés|entre)|affrontements (?:entre|ont éclaté|se poursuivent|ont repris|meurtriers)",
            STRONG,
        ),
        (
            r"échanges? de tirs|échang(?:é|ent|eaient|er) des tirs|fusillades? (?:meurtrières?|mortelles?|a éclaté|ont éclaté|a fait|ont fait|dans|près|devant|contre|à)|tirs? nourris|coups de feu (?:ont été )?tirés",
            STRONG,
        ),
        (r"ouv(?:ert|re|rent|rir|rait|raient|rant) le feu", STRONG),
        (r"embuscades?|tomb(?:é|és|ée|ées|ent) dans une embuscade", STRONG),
        (
            r"(?:attaqu(?:é|és|ée|ées|ent|ait|aient|er)|attaques? (?:contre|d'un|d'une|de la|du)|pris d'assaut|assaut contre) (?:un |une |le |la |les |l'|des )?(?:\w+ )?(?:poste|postes|base|bases|convoi|convois|patrouille|patrouilles|caserne|casernes|camp militaire|position|positions|check-point|poste-frontière|gendarmerie|commissariat|garnison)",
            STRONG,
        ),
        (
            rf"{_ARMED} (?:\w+ ){{0,2}}?{_AUX}(?:attaqué|attaquent|ouvert le feu|affronté|affrontent|combattu|combattent|repoussé|tendu une embuscade|pris d'assaut)",
            STRONG,
        ),
        (
            rf"{_KILLED} (?:\w+ )?(?:dans|lors|au cours) (?:des |d'|de |les |du |de la )?(?:combats|affrontements|accrochages|échanges de tirs|une embuscade|une attaque armée|une fusillade|heurts)",
            STRONG,
        ),
        (rf"repouss(?:é|és|ée|ent|ait|er) {GAP3}(?:attaques?|assauts?|offensives?|tentatives? d'avancée)", STRONG),
        (r"attaques? (?:armées?|terroristes?|djihadistes?|jihadistes?)|hommes armés|tireurs? embusqués?", WEAK),
        (r"combats|affrontements|assaillants", WEAK),
    ],
    T.EXPLOSION: [
        (
            r"voitures? piégées?|véhicules? piégés?|colis piégés?|engins? explosifs?(?: improvisés?)?|ceintures? d'explosifs|eei|(?<!drones )(?<!drone )kamikazes?(?! drones?)|attentats?[- ]suicides?|attentats? à la (?:bombe|voiture piégée)",
            STRONG,
        ),
        (
            r"(?:bombe|mine|grenade|charge|engin|explosif)s? (?:\w+ ){0,2}?(?:a |ont |avait |ont été |a été )?(?:explosé|explose|explosent|sauté|déclenchée?s?|fait explosion|détonée?s?)",
            STRONG,
        ),
        (
            r"sau(?:té|tés|tée|ter|tent) sur une mine|explosion d'une (?:mine|bombe|grenade|voiture piégée|charge)|(?:fait|faire) exploser|a explosé (?:au passage|près|devant|dans)",
            STRONG,
        ),
        (
            r"(?:violente|puissante|forte|double|série d'|plusieurs|deux|fortes|violentes) explosions?|explosions? (?:a |ont )?(?:secoué|retenti|frappé|tué|blessé|ravagé|détruit|endommagé|fait \w+ morts)",
            STRONG,
        ),
        (
            r"grenades? (?:à main|dégoupillées?|défensives?)|(?:lancé|lancée|lancées|lancés|jeté|jetée|jetées|jetés|lancer|jeter|lancent|jettent|lançant) (?:\w+ )?(?:une |des |deux |plusieurs )?grenades?(?! lacrymogènes?| assourdissantes?| de désencerclement)|mines? antipersonnel|mines? antichars?",
            STRONG,
        ),
        (r"attentats?|déflagrations?|mines terrestres|champs? de mines", FAINT),
    ],
    T.AIR_RAID_ALERT: [
        (r"alertes? aériennes?|alerte (?:aux missiles|aux roquettes|aux drones|antiaérienne)", STRONG),
        (
            r"sirènes? (?:d'alerte )?(?:\w+ )?(?:ont |a )?(?:retenti|retentissent|retentit|sonné|sonnent|hurlé|hurlent|résonné|résonnent|se sont déclenchées|déclenchées)",
            STRONG,
        ),
        (
            r"(?:réfugi|abrit|cach|précipit)(?:és|ées|er|ent|aient)? (?:\w+ ){0,2}?(?:dans|vers) (?:les |des |un |une |le )?(?:abris|abri|caves?|sous-sols?|bunkers?|métro|stations de métro)|(?:se mettre|mis|mettez-vous) à l'abri|gagner les abris|descendre aux abris",
            STRONG,
        ),
        (r"abris? anti-?(?:aériens?|bombes|atomiques?)", WEAK),
    ],
    T.EVACUATION: [
        (r"évacu(?:é|ée|és|ées|er|e|ent|ait|aient|ant|ation|ations|ons)", STRONG),
        (
            rf"(?:fui|fuient|fuit|fuir|fuyant|fuyaient|ont fui|chassés de|contraints de quitter|forcés de quitter|obligés de quitter) {GAP2}(?:leurs? (?:foyers|maisons|domiciles|villages?)|les combats|les bombardements|la guerre|les violences|la ville|la région)",
            STRONG,
        ),
        (
            r"(?:déplacés internes|personnes déplacées|déplacement (?:forcé|massif) de|exode|afflux de réfugiés|flot de réfugiés|vagues? de réfugiés)",
            STRONG,
        ),
        (rf"{_NUMBER} (?:\w+ ){{0,3}}?(?:ont fui|ont été déplacés|déplacés|ont quitté leurs)", STRONG),
        (r"couloirs? humanitaires?|nettoyage ethnique|expulsions? massives?", STRONG),
        (r"réfugiés|déplacés", WEAK),
    ],
    T.OFFENSIVE: [
        (
            rf"(?:(?:lanc|déclench|engag|commenc|entam|repris|reprend|poursuiv|intensifi|annonc)\w*|mèn(?:e|ent)|men(?:é|ée|és|ait|aient|er|ant)) {GAP3}(?:offensive|contre-offensive|invasion|assaut|incursion|opération (?:militaire|terrestre|antiterroriste|spéciale)|opérations militaires)",
            STRONG,
        ),
        (
            r"(?:offensive|contre-offensive|invasion|incursion) (?:\w+ )?(?:contre|sur|dans|vers|en direction|a commencé|a débuté|lancée|terrestre|militaire|d'envergure|de grande ampleur)|offensives? terrestres?|invasion à grande échelle",
            STRONG,
        ),
        (r"opérations? (?:militaires?|terrestres?|antiterroristes?|spéciales?|contre-terroristes?)", STRONG),
        (r"(?:a |ont |avait )?envahi(?:ssent|ssant|t|r)?|invasion de|déclar(?:é|e|ent|er|ation) (?:de )?(?:la )?guerre", STRONG),
        (rf"{_ARMED} (?:\w+ ){{0,2}}?(?:ont |a )?(?:franchi la frontière|pénétré|avancé vers|progressé vers|entré en)", STRONG),
        (r"contre-offensive", WEAK),
    ],
    T.MOBILIZATION: [
        (
            r"mobilis(?:ation|é|ée|és|ées|er|e|ent|ait|ant) (?:générale|partielle|militaire|des réservistes|de \d[\d  ]* réservistes)|mobilisation (?:générale|partielle)|réservistes",
            STRONG,
        ),
        (
            rf"(?:déploi|déploy|mass|concentr|renforc|envoy|dépêch|achemin|amass)\w* {GAP3}(?:troupes|soldats|chars|blindés|militaires|renforts|forces armées|unités|bataillons|brigades|navires de guerre|porte-avions|systèmes de défense)",
            STRONG,
        ),
        (
            r"(?:renforcement|concentration|déploiement|afflux|massement|mouvements?) (?:militaire|de troupes|de forces|de blindés|de chars|militaires)|troupes massées",
            STRONG,
        ),
        (
            rf"{_ARMED} (?:\w+ ){{0,2}}?(?:ont été |sont |ont |a été |est )?(?:déployées?|déployés|massées?|massés|envoyées?|envoyés|placées? en état d'alerte|en état d'alerte|en alerte maximale)",
            STRONG,
        ),
        (
            r"(?:état d'alerte|alerte maximale|pied de guerre|état de préparation au combat)|conscription|appel (?:sous les drapeaux|des réservistes)|convois? (?:militaires|de blindés)|colonnes? de (?:blindés|chars)",
            WEAK,
        ),
        (r"mobilisation", WEAK),
    ],
    T.TERRITORIAL_CHANGE: [
        (
            rf"(?:pris|prise|prend|prennent|prendre|repris|reprise|reprennent|reprend|capturé|capturée|capturent|conquis|conquise|libéré|libérée|libèrent|libère|occupé|occupée|occupent) (?:le |la |les |l'|du |de |des )?(?:contrôle (?:total |complet )?(?:de |du |des |d'|sur )(?:la |le |les |l')?)?{GAP2}{_PLACE}",
            STRONG,
        ),
        (
            r"(?:pris|prise|reprise?|pris le) (?:le )?contrôle (?:de|du|des|d')|(?:revendiqu|annonc|confirm)\w* (?:la |le )?(?:prise|capture|chute|libération|contrôle) (?:de|du|d')|(?:est |sont )?tomb(?:é|ée|és|ées) aux mains (?:de|des|du)|est passée? sous (?:le )?contrôle",
            STRONG,
        ),
        (
            r"(?:se sont |s'est |ont dû se |ont été contraint\w* de se |contraint\w* de se )(?:retiré\w*|replié\w*)|battu en retraite|chassé\w* (?:les |des )?(?:troupes|forces|rebelles|djihadistes|occupants|ennemis)",
            STRONG,
        ),
        (r"(?:remis|cédé|rétrocédé|restitué)\w* (?:\w+ ){0,3}?(?:villages?|territoires?|district|région|villes?)", STRONG),
        (r"hiss(?:é|ent|er) (?:\w+ ){0,2}?drapeau", WEAK),
    ],
    T.CEASEFIRE_BREACH: [
        (
            r"(?:violation|violations|viol(?:é|ée|ent|ait|er|ant)|rompu|rompre|rupture|bris(?:é|ée)|enfreint|enfreindre)\w* (?:du |de la |le |la |d'une |des )?(?:\w+ )?(?:cessez-le-feu|trêve|armistice)",
            STRONG,
        ),
        (
            r"(?:cessez-le-feu|trêve)(?: \w+){0,3}? (?:a été |ont été |est |était )?(?:violée?|rompue?|brisée?|a volé en éclats|n'a pas tenu|ne tient plus|s'est effondrée?|a pris fin|est caduque|est mort)",
            STRONG,
        ),
        (r"en violation (?:du|de la) (?:cessez-le-feu|trêve)|malgré (?:le |la )?(?:cessez-le-feu|trêve)", STRONG),
    ],
    T.BLOCKADE: [
        (r"blocus|assiég(?:é|ée|és|ées|er|e|ent|eait|eant)|siège (?:de|du|d')|encercl(?:é|ée|és|ées|ement|ent)", STRONG),
        (
            r"(?:frontière|route|passage|poste-frontière|corridor|couloir|point de passage|aéroport|port)s? (?:\w+ )?(?:a été |ont été |est |sont |reste |restent )?(?:fermée?s?|bloquée?s?|coupée?s?)",
            WEAK,
        ),
        (
            rf"(?:bloqu|coup|ferm|interromp|entrav)\w* {GAP3}(?:l'aide humanitaire|l'acheminement de l'aide|les convois|les approvisionnements|le ravitaillement|l'approvisionnement|les livraisons (?:d'aide|de carburant|de nourriture)|l'électricité et l'eau|les vivres)",
            STRONG,
        ),
    ],
    T.CASUALTIES: [
        (
            rf"{_NUMBER} (?:\w+ )?{_VICTIMS} (?:\w+ ){{0,2}}?(?:ont été |sont |ont )?(?:tués|tuées|morts|blessés|blessées|décédés|péri|trouvé la mort)",
            STRONG,
        ),
        (
            rf"(?:tué|tuant|blessant|blessé|coûté la vie à|fait|faisant|causé la mort de|bilan de) {_NUMBER} (?:\w+ )?(?:morts|victimes|blessés|personnes|civils|soldats|militaires|tués)",
            STRONG,
        ),
        (
            r"(?:bilan|nombre) (?:\w+ )?(?:des victimes|des morts|de morts|humain|s'alourdit|s'élève)|pertes (?:humaines|civiles)|victimes civiles|morts et (?:\w+ )?blessés|ont perdu la vie|a perdu la vie|succombé à ses blessures",
            STRONG,
        ),
        (r"tués|tuées|blessés|blessées|morts", WEAK),
    ],
    T.THREAT: [
        (
            rf"menac(?:é|e|ent|ait|aient|ant|er) (?:de |d')?{GAP3}(?:frapper|bombarder|attaquer|envahir|riposter|représailles|guerre|recourir à la force|détruire|anéantir|raser|intervenir militairement|frappes|utiliser l'arme nucléaire|nucléaire)",
            STRONG,
        ),
        (r"ultimatums? (?:lancé|adressé|posé)|loi martiale|état d'urgence|état de siège|couvre-feu", STRONG),
        (
            r"(?:promis|jur[ée]|promet|juré de) (?:une )?(?:riposte|représailles|vengeance|de riposter|de se venger|d'écraser|de détruire|de frapper)|riposte (?:sévère|ferme|militaire|foudroyante|impitoyable)",
            STRONG,
        ),
        (
            r"averti\w* (?:\w+ ){0,3}?(?:d'une guerre|de représailles|d'une riposte|d'une intervention militaire)|au bord de la guerre|bruits de bottes",
            STRONG,
        ),
        (r"(?:appel|appelle|appelé|appellent)\w* (?:à une |à l')?intervention (?:militaire|internationale|étrangère)", STRONG),
    ],
    T.UNREST: [
        (r"émeutes?|émeutiers|violences urbaines|pillages?", STRONG),
        (r"gaz lacrymogènes?|grenades? lacrymogènes?|canons? à eau|balles en caoutchouc|lanceurs? de balles de défense", STRONG),
        (
            r"(?:manifestations?|rassemblements?|marches?) (?:ont |a )?(?:dégénéré|tourné à l'affrontement|violentes?|meurtrières?)|manifestants (?:ont été )?(?:tués|blessés|dispersés|arrêtés)|heurts (?:avec|entre) (?:la police|les forces de l'ordre|manifestants)|affrontements (?:avec|entre) (?:la police|les forces de l'ordre|les manifestants)",
            STRONG,
        ),
        (
            r"(?:incendié|saccagé|vandalisé|pris d'assaut)\w* (?:\w+ ){0,3}?(?:bâtiments?|commissariat|mairie|magasins|parlement|véhicules)",
            WEAK,
        ),
    ],
    T.DE_ESCALATION: [
        (
            rf"(?:conclu|signé|signent|signe|accepté|acceptent|annoncé|annoncent|convenu|convenu d'|négocié|obtenu|instauré|proclamé|décrété)\w* {GAP3}(?:cessez-le-feu|trêve|accord de paix|accord de cessez-le-feu|armistice|traité de paix)",
            STRONG,
        ),
        (
            r"(?:cessez-le-feu|trêve) (?:\w+ )?(?:est entrée? en vigueur|entre en vigueur|a été conclue?|a été signée?|tient|respecté)|accord de (?:paix|cessez-le-feu|désescalade)|traité de paix",
            STRONG,
        ),
        (r"pourparlers (?:de paix)?|négociations de paix|processus de paix|(?:reprise|ouverture) des (?:pourparlers|négociations)", WEAK),
        (
            r"(?:retrait|repli) (?:des |de leurs |de ses |de |du )?(?:troupes|forces|soldats|militaires|contingent)|(?:retir|rapatri)\w* (?:leurs |ses |les )?(?:troupes|forces|soldats)",
            STRONG,
        ),
        (r"échange de prisonniers|(?:libér|relâch)\w* (?:\w+ ){0,2}?(?:otages|prisonniers de guerre)", STRONG),
        (
            r"(?:lev|rouv)\w* (?:du |le |la |les )?(?:blocus|siège|couvre-feu|frontière|corridor|couloir|passage)|réouverture (?:de la |du )(?:frontière|corridor|couloir|passage)",
            STRONG,
        ),
    ],
}

#: The everyday-sense families in French words; lexicon.ROMANCE_BENIGN says which signal types each one masks.
FAMILIES: dict[str, str] = {
    "games": r"jeux? vidéo|\bgamers?\b|console|playstation|xbox|nintendo",
    "sports": r"football|\bfoot\b|ligue \d|ligue des champions|\bmatchs?\b|rencontre|championnat|attaquants?|buteur|gardien|\bbuts?\b|tennis|rugby|basket|handball|cyclis\w*|peloton|tour de france|coupe du monde|\bjo\b|olympi\w*|entraîneur|\bcoach\b|supporters|mi-temps|seconde période|première période|penalty|coup franc|boxe|boxeur|\bmma\b|\bring\b|\bclub\b|\béquipe\b|\bsaison\b|mercato|échecs",
    "culture": r"box-office|\bfilm\b|\bfilms\b|cinéma|\bsérie\b|\balbum\b|chanson|roman|spectacle|festival|exposition|musée|documentaire|théâtre|humoriste|carton au|succès",
    "labour": r"\bgrèves?\b|grévistes|syndica\w*|salariés|préavis|intersyndicale|salaires|cgt|cfdt|négociations salariales|conflit social",
    "business": r"entreprises?|société|groupe (?:français|industriel)|marques?|commercia\w*|actionnaires|investisseurs|bourse|cac 40|\bprix\b|chiffre d'affaires|ventes|clients|consommateurs|marché|marchés|start-?up|publicit\w*|marketing",
    "disasters": r"séisme|tremblement de terre|inondations?|crues?|ouragan|cyclone|tempête|incendies? de forêt|feux de forêt|canicule|avalanche|glissement de terrain|épidémie|pandémie|accident de la route|accidents? de la route|collision|carambolage|crash d'avion|noyade",
    "politics": r"parlement|assemblée nationale|sénat|élections?|électoral\w*|sondages?|campagne électorale|députés?|candidat\w*|partis?\b|opposants? politiques|gouvernement (?:a |est )critiqué|réseaux sociaux|ministre (?:de la santé|de l'éducation|de l'économie)",
}

#: Cues in the sentence (or the title) that turn a trigger into a benign sense.
BENIGN: dict[T, str] = benign_cues(
    FAMILIES,
    {
        T.SHELLING: r"bombardé\w* de (?:questions|critiques|messages|appels|courriels|e-mails|publicités|notifications|demandes|commentaires|informations)|satellites?|fusée|lanceur|spatial|essai de missile|tir d'essai|tirs? d'essai|feu d'artifice",
        T.ARMED_CLASH: r"combats? (?:contre|pour) (?:le |la |les |l')?(?:cancer|maladie|pauvreté|inflation|chômage|corruption|réchauffement|droits|égalité|climat)|cyberattaques?|pirates informatiques|tournage",
        T.EXPLOSION: r"explosion (?:des prix|des ventes|de la demande|du nombre|des cas|démographique|de joie|de colère|des inscriptions|de popularité)|bombe (?:à retardement politique|médiatique|sexuelle)|feux? d'artifice|fuite de gaz|explosion de gaz|gaz de ville|bouteille de gaz|chaudière|accident industriel|usine chimique|coup de grisou|supernova",
        T.AIR_RAID_ALERT: r"exercices?|simulation|test (?:des |mensuel des )?sirènes|essai des sirènes|premier mercredi du mois|alerte (?:météo|orange|rouge|canicule|pollution|enlèvement)|pompiers|ambulances?|jeux? vidéo",
        T.EVACUATION: r"alerte à la bombe|colis suspect|fausse alerte|par précaution|incendie|fuite de gaz|exercice|investisseurs|bourse|marchés?|évacuation des eaux|évacuer (?:le stress|la pression)",
        T.OFFENSIVE: r"offensive (?:de charme|diplomatique|commerciale|médiatique|publicitaire|du froid|hivernale)|invasion de (?:criquets|moustiques|punaises|touristes|méduses|sangliers)|espèces? invasives?",
        T.MOBILIZATION: r"mobilis\w* (?:contre|pour) (?:la |le |les |l')?(?:réforme|retraites|climat|loi|projet)|mobilisation (?:citoyenne|générale contre|des électeurs|des syndicats|sociale|des fans|des bénévoles)|bénévoles|pompiers|secouristes",
        T.TERRITORIAL_CHANGE: r"pris (?:la |le )?(?:tête|pouvoir|parole|relais|dessus)|pris position|prise de position|repris (?:le travail|les cours|ses activités|la main|du service)",
        T.BLOCKADE: r"agriculteurs|routiers|taxis|manifestants|militants|travaux|neige|intempéries|verglas|embouteillages?|trafic|circulation|marathon|défilé|compte|réseaux sociaux|siège (?:social|du parti|de l'entreprise|de l'onu|du gouvernement|éjectable)",
        T.CASUALTIES: r"incendie|feu|accident|crash|intoxication|blessure (?:à la|au)|blessé au genou|canicule|noyé",
        T.THREAT: r"espèces? menacées?|menace (?:pour|sur) (?:l'emploi|le climat|l'environnement|la biodiversité)|menacé de (?:relégation|faillite|fermeture|disparition|licenciement|démission|poursuites)|état d'urgence (?:sanitaire|climatique|agricole)|alerte météo",
        T.UNREST: r"pillage (?:des données|fiscal|des ressources)",
        T.DE_ESCALATION: r"(?:violation|violé|rompu)\w* (?:du |de la |le |la )?(?:cessez-le-feu|trêve)|trêve (?:des confiseurs|hivernale|olympique)|accord (?:commercial|de libre-échange|salarial)|guerre commerciale",
    },
    # Politics does not mask de-escalation here: the lexicon was measured without it.
    {**ROMANCE_BENIGN, T.DE_ESCALATION: ("labour", "sports", "business")},
)

#: Words before a trigger, in its sentence, that negate or deny it.
NEGATION = r"(?<!\w)(?:ne|n'|n’|pas|aucun|aucune|sans|ni|jamais|démenti|dément|démentent|démentait|nié|nie|nient|niait|rejeté|réfuté|faux|fausses?|fausse information|rumeurs? de|infox)\b"

#: A denial earlier in the sentence: "a démenti les informations selon lesquelles...".
DENIAL = r"\b(?:démenti|dément|démentent|nié|nie|nient|réfuté|rejeté|dément) (?:[\w'’-]+ ){0,4}?(?:informations?|rumeurs?|allégations?|accusations?|affirmations?|que|qu'|tout)\b"

#: Words just after a trigger that deny it ("aucun bombardement n'a été signalé" is
#: caught before; "les tirs n'ont pas repris" after).
NEGATION_AFTER = r"(?<!\w)(?:n'(?:a|ont|avait|avaient|est|sont|était) (?:pas|jamais|été)|n’(?:a|ont|est|sont) (?:pas|jamais)|ne (?:sont|se sont|s'est|se|fut) (?:pas|jamais)|(?:est|sont|était) (?:faux|fausse|infondée?s?|démentie?s?)|a été démentie?|ont été démenties?)"

#: Words before a trigger that make it hypothetical, threatened or future.
HEDGE = r"(?<!\w)(?:menac\w*|pourrai(?:t|ent)|pourrait|pourraient|risque(?:rait|nt)? d[e']|si|s'il|s'ils|envisag\w*|prévoi\w*|projet(?:te|tent)? d[e']|prêts? à|prête à|craint\w*|crainte\w*|redout\w*|possible|éventuel\w*|va|vont|allait|allaient|exercices?|simulation|éviter|empêcher|prévenir)\b"

#: Demands and appeals whose object is the trigger: asked for, not done.
DEMAND = r"\b(?:appel(?:é|le|lent|ait)?|exhort\w*|demand(?:é|e|ent|ait|ant)|réclam\w*|exig\w*|plaid\w*|pressé|presse|invit(?:é|e|ent))\b(?: [\w'’-]+){0,6}? (?:à|au|aux|de|d'|pour|un|une|le|la|l')?\s*(?:un |une |le |la |l'|des )?(?:immédiat\w* |complet |total )?$"

#: Mentions of past events that are not news today.
HISTORICAL = r"(?<!\w)(?:(?:première|seconde|deuxième) guerre mondiale|il y a (?:\d+|deux|trois|dix|vingt|trente|quarante|cinquante|cent|plusieurs|des) (?:ans|années|décennies)|anniversaire|commémor\w*|mémorial|en mémoire|se souvien\w*|souvenir|historiquement|histoire de)\b"

#: Dates and named past wars, which date only their own clause.
DATED = r"(?<!\w)(?:en (?:19|20)\d\d|pendant la guerre (?:de \d{4}|d'algérie|du golfe|d'indochine)|lors de la guerre de \d{4}|la guerre de (?:19|20)\d\d|(?:dans|durant) les années \d\d)"

#: Words that open a new clause: a negation before one of them belongs to another verb.
CLAUSE_OPENER = r"\b(?:alors que|tandis que|lorsque|quand|après que|avant que|parce que|puisque|mais|et|où|qui|dont|bien que|si bien que)\b"
