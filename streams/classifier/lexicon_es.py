"""Spanish lexicon: trigger patterns per signal type and the cues that veto them.

Spanish inflects verbs by tense, person and number, and participles by gender and
number ("bombardeó, bombardearon, bombardeado, bombardeadas"), so triggers name a
stem with its endings, or `\\w*` where the stem is the word's own ("bombarde\\w*").
Clitics attach to infinitives and gerunds ("atacarlos"), which a `\\w*` stem covers.
Negation is "no" before the verb and "ni", "sin", "nunca" ("no se registraron
bombardeos"); a denial ("desmintió", "negó") may sit earlier in the sentence.
Strengths as in lexicon_en.

Why phrases: "ataque", "disparo", "bomba", "golpe" and "guerra" are everyday words
in sport ("el ataque del Madrid", "un disparo al poste"), business ("guerra de
precios") and culture ("la película fue una bomba"); an armed actor, weapon or
military target keeps the literal sense, and BENIGN catches the rest.
"""

from tocsin.records import SignalType as T
from tocsin.streams.classifier.lexicon import FAINT, GAP2, GAP3, STRONG, WEAK, benign_cues

_ARMED = r"(?:tropas|fuerzas|soldados|militares|ejército|rebeldes|insurgentes|yihadistas|terroristas|combatientes|milicianos|milicias?|hombres armados|pistoleros|sicarios|guerrilleros|guerrilla|separatistas|paramilitares|talibanes|comandos?|mercenarios|unidades|disidentes|narcotraficantes|pandilleros)"
_AIRCRAFT = r"(?:avi(?:ón|ones)(?: de combate| de guerra)?|aviación|cazas|bombarderos?|helicópteros?(?: de combate| artillados)?|dron(?:es)?|aeronaves?)"
_NUMBER = r"(?:\d[\d.,]*|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|quince|veinte|treinta|cincuenta|cien|varios|varias|decenas de|cientos de|centenares de|una decena de|(?:al menos|más de|casi|unos|unas|cerca de) [\w,.]+)"
_VICTIMS = r"(?:personas|civiles|soldados|militares|policías|agentes|habitantes|niños|mujeres|combatientes|manifestantes|pobladores|vecinos|miembros|muertos|heridos)"
_PLACE = r"(?:ciudad|ciudades|pueblo|pueblos|aldea|aldeas|localidad|localidades|poblado|posición|posiciones|base|bases|aeropuerto|puerto|puente|colina|altura|región|distrito|barrio|capital|territorio|bastión|enclave|central|palacio|isla|presa|planta|fortaleza|cuartel)"

TRIGGERS: dict[T, list[tuple[str, float]]] = {
    T.SHELLING: [
        (
            r"bombarde(?:o|os|ó|aron|a|an|aba|aban|ado|ada|ados|adas|ar|ando)(?! aéreos?)|cañone(?:o|os|ó|aron|a|an|ado|ada|ados|adas|ar)",
            STRONG,
        ),
        (
            r"(?:fuego|disparos|ataques?|andanadas?|lluvia|salvas?|tiros?) de (?:artillería|cohetes|misiles|morteros?|obuses)|ataques? (?:con|de) (?:cohetes|misiles|morteros|artillería)|atac(?:ó|aron|an|a|ando) (?:\w+ )?con (?:lanzacohetes|cohetes|misiles|artillería|morteros|obuses)",
            STRONG,
        ),
        (
            r"(?:cohetes?|misil(?:es)?|obús|obuses|proyectil(?:es)?|morteros?|granadas de mortero) (?:\w+ ){0,4}?(?:cayeron|cayó|caen|cae|caer|caían|llovieron|llueven|impactaron|impactó|impactan|impacta|alcanzaron|alcanzó|alcanzan|alcanza|golpearon|golpeó|golpea|golpean|destruyó|destruyeron|explotaron|fueron (?:lanzados|disparados)|impactaron contra)",
            STRONG,
        ),
        (
            rf"(?:dispar(?:ó|aron|a|an|ando|ado)|lanz(?:ó|aron|a|an|ando|ado)) {GAP3}(?:cohetes|misil(?:es)?|obuses|proyectiles|morteros)",
            STRONG,
        ),
        (
            rf"(?:intercept(?:ó|aron|ado|ados|adas)|derrib(?:ó|aron|ado|ados)|destru(?:yó|yeron|ido|idos)) {GAP3}(?:misil(?:es)?|cohetes?)",
            STRONG,
        ),
        (r"misil(?:es)? (?:balísticos?|de crucero|hipersónicos?|antitanque)|lanzacohetes", WEAK),
        (r"artillería|morteros|obuses", WEAK),
    ],
    T.AIR_STRIKE: [
        (
            r"(?:ataques?|bombardeos?|incursiones?|ofensivas?|raids?|operaciones?) aére(?:o|a|os|as)|ataques? (?:con|de) (?:\w+ )?dron(?:es)?|bombardeos? aéreos?|bombardeos? (?:\w+ )?(?:de|por) (?:la )?aviación|(?:atac|golpe|bombarde)\w* desde el aire",
            STRONG,
        ),
        (
            rf"(?<!coche )(?<!camión ){_AIRCRAFT} (?:[\w-]+ ){{0,3}}?(?:han |ha |habían )?(?:bombarde(?:ó|aron|ado|an|a)|atac(?:ó|aron|ado|an)|golpe(?:ó|aron|ado|an)|impact(?:ó|aron|ado)|arroj(?:ó|aron|ado|an)|lanz(?:ó|aron|ado) bombas|ametrall(?:ó|aron|ado))",
            STRONG,
        ),
        (r"(?:arroj|lanz)(?:ó|aron|ado|ando|an|aba|aban) (?:\w+ ){0,3}?bombas", STRONG),
        (r"dron(?:es)? (?:kamikazes?|suicidas?|de ataque|armados?)|municiones? merodeadoras?|bombas? guiadas?|bombas? planeadoras?", WEAK),
        (
            rf"(?:intercept(?:ó|aron|ado|ados)|derrib(?:ó|aron|ado|ados|ar)|destru(?:yó|yeron|ido|idos)|neutraliz(?:ó|aron|ados)) {GAP3}dron(?:es)?",
            STRONG,
        ),
        (r"(?:ataques?|bombardeos?) (?:israelíes?|rusos?|estadounidenses?|ucranianos?|turcos?) (?:contra|sobre|en)", WEAK),
    ],
    T.ARMED_CLASH: [
        (
            r"enfrentamientos? armados?|choques? armados?|combates? (?:armados?|encarnizados?|feroces|intensos|violentos|cuerpo a cuerpo)|tiroteos?|balaceras?|intercambios? de disparos|escaramuzas?",
            STRONG,
        ),
        (
            r"(?:intensos|violentos|fuertes|duros|feroces|sangrientos|nuevos|cruentos) (?:combates|enfrentamientos|choques)|combates (?:se (?:recrudecieron|intensificaron|reanudaron|libran)|continúan|continuaban|estallaron|entre|en las afueras|por el control)|enfrentamientos (?:entre|estallaron|continúan)",
            STRONG,
        ),
        (r"abr(?:ió|ieron|en|e|ir|iendo) fuego|intercambi(?:aron|aban|an) disparos", STRONG),
        (r"emboscad(?:a|as)|emboscaron|emboscados?", STRONG),
        (
            r"(?:atac(?:ó|aron|an|a|ado|ada|ando|ar)|ataques? (?:contra|a)|asalt(?:ó|aron|o)|tomaron por asalto) (?:un |una |el |la |los |las |al )?(?:\w+ )?(?:puesto|puestos|base|bases|convoy|convoyes|patrulla|patrullas|cuartel|cuarteles|campamento militar|posición|posiciones|retén|comisaría|estación de policía|guarnición|destacamento)",
            STRONG,
        ),
        (
            rf"{_ARMED} (?:[\w-]+ ){{0,5}}?(?:han |ha |habían )?(?:atac(?:ó|aron|ado)|abrieron fuego|abrió fuego|se enfrent(?:aron|an|aban)|combatieron|repelieron|emboscaron|asaltaron|tomaron por asalto)",
            STRONG,
        ),
        (
            r"(?:muert[oa]s?|murieron|murió|herid[oa]s?|fallecieron|abatid[oa]s?) (?:\w+ )?(?:en|durante) (?:los |las |un |una |el |la )?(?:combates|enfrentamientos|choques|tiroteos?|emboscadas?|intercambio de disparos|ataque armado)",
            STRONG,
        ),
        (
            rf"(?:repel(?:ió|ieron|ido)|rechaz(?:ó|aron|ado)|repuls(?:ó|aron)) {GAP3}(?:ataques?|asaltos?|ofensivas?|intentos? de avance)",
            STRONG,
        ),
        (r"ataques? (?:armados?|terroristas?|yihadistas?)|hombres armados|pistoleros|francotiradores?", WEAK),
        (r"combates?|enfrentamientos?|se enfrent(?:an|aron|aban|ó|aba)", WEAK),
        (r"(?:sostuv|libr)\w* (?:\w+ ){0,2}?(?:combates?|enfrentamientos?|batallas?)", STRONG),
    ],
    T.EXPLOSION: [
        (
            r"coches? bombas?|carros? bombas?|vehículos? bombas?|artefactos? explosivos?(?: improvisados?)?|(?:bomba|explosivo)s? (?:lapa|casera|caseros|de fabricación casera)|paquetes? bombas?|cinturones? (?:explosivos?|de explosivos)|(?<!drones )(?<!dron )(?:terroristas? |atacantes? )?suicidas?|atentados? (?:con bomba|con coche bomba|suicidas?|explosivos?)",
            STRONG,
        ),
        (
            r"(?:bomba|mina|granada|carga|artefacto|explosivo)s? (?:\w+ ){0,2}?(?:explotó|explotaron|estalló|estallaron|detonó|detonaron|hizo explosión|fue detonad[oa]|fueron detonad[oa]s)",
            STRONG,
        ),
        (
            r"pis(?:ó|aron|ar) una mina|explosión de (?:una|un) (?:mina|bomba|granada|coche bomba|artefacto)|(?:hizo|hicieron|hacer) (?:estallar|explotar)|deton(?:ó|aron|ar) (?:\w+ ){0,2}?(?:explosivos?|bombas?|artefactos?|cargas?)",
            STRONG,
        ),
        (
            r"(?:fuerte|potente|violenta|doble|serie de|varias|dos|fuertes|potentes) explosi(?:ón|ones)|explosi(?:ón|ones) (?:sacudió|sacudieron|estremeció|mató|dejó|causó|destruyó|dañó|se produjo|registrada)",
            STRONG,
        ),
        (
            r"granadas? de (?:mano|fragmentación)|(?:lanz|arroj)\w* (?:\w+ )?(?:una |dos |varias )?granadas?(?! lacrimógenas?| de humo| aturdidoras?)|minas? antipersona|minas? antitanque|granadas? (?:de mano )?(?:lanzad|arrojad)[oa]s?",
            STRONG,
        ),
        (r"atentados?|explosi(?:ón|ones)|estallidos?|campos? minados?", FAINT),
    ],
    T.AIR_RAID_ALERT: [
        (r"alertas? (?:aéreas?|antiaéreas?)|alarmas? antiaéreas?|alertas? (?:de|por) (?:misiles|cohetes|drones|ataque aéreo)", STRONG),
        (
            r"sirenas (?:\w+ ){0,2}?(?:sonaron|suenan|sonando|aullaron|se activaron|activadas|resonaron)|(?:sonaron|suenan|se activaron|activaron) (?:\w+ )?sirenas",
            STRONG,
        ),
        (
            r"(?:refugi|resguard|escondi|cobij)(?:aron|ó|arse|ándose|ado|ados|an|eron|ó) (?:\w+ ){0,2}?en (?:los |las |un |una |el )?(?:refugios?|sótanos?|búnkeres?|bunkers?|metro|estaciones de metro)|(?:buscar|buscaron|buscan) refugio|(?:corr|baj|acud|huy|dirig)\w* (?:\w+ ){0,2}?(?:a|hacia) (?:los |las )?(?:refugios|sótanos|búnkeres|estaciones de metro)",
            STRONG,
        ),
        (r"refugios? antiaéreos?|refugios? antibombas", WEAK),
    ],
    T.EVACUATION: [
        (r"evacu(?:ó|aron|a|an|ado|ada|ados|adas|ar|ando|ación|aciones|aban)|evacú(?:a|an|e|en)", STRONG),
        (
            rf"(?:huy(?:ó|eron|en|e|endo)|hu(?:ir|ido)|abandon(?:aron|ar) sus hogares|obligad[oa]s a (?:huir|abandonar)|forzad[oa]s a (?:huir|abandonar)) {GAP2}(?:sus (?:hogares|casas|pueblos|aldeas)|los combates|los bombardeos|la guerra|la violencia|la ciudad|la región)",
            STRONG,
        ),
        (
            r"desplazados internos|personas desplazadas|desplazamiento (?:forzado|masivo)|éxodo|oleadas? de refugiados|flujo de refugiados|llegada masiva de refugiados",
            STRONG,
        ),
        (rf"{_NUMBER} (?:\w+ ){{0,3}}?(?:huyeron|han huido|fueron desplazad[oa]s|desplazad[oa]s|abandonaron sus)", STRONG),
        (r"corredor(?:es)? humanitarios?|limpieza étnica|expulsiones? masivas?", STRONG),
        (r"(?<!campo de )(?<!campos de )(?<!campamento de )(?:refugiados|desplazados)|repatri(?:ó|aron|a|an|ado|ados|ar|ación)", WEAK),
        (
            r"(?:abandon\w*|huy\w*|hu(?:ir|ido)) (?:\w+ ){0,3}?(?:ante|por|tras) (?:el avance|la llegada|la ofensiva|los combates|los bombardeos|los ataques)",
            STRONG,
        ),
    ],
    T.OFFENSIVE: [
        (
            rf"(?:lanz|inici|emprend|comenz|empez|reanud|intensific|anunci|desat|mantien|prosigu|ampli)\w* {GAP3}(?:ofensiva|contraofensiva|invasión|asalto|incursión|operación (?:militar|terrestre|antiterrorista|especial)|operaciones militares)",
            STRONG,
        ),
        (
            r"(?:ofensiva|contraofensiva|invasión|incursión) (?:\w+ )?(?:contra|sobre|en|hacia|comenzó|terrestre|militar|a gran escala)|ofensivas? terrestres?|invasión a gran escala",
            STRONG,
        ),
        (r"operaci(?:ón|ones) (?:militar(?:es)?|terrestres?|antiterroristas?|especial(?:es)?|contraterroristas?)", STRONG),
        (r"invadi(?:ó|eron|r|endo|do)|invasión de|declar(?:ó|aron|ar|ación de) (?:la )?guerra", STRONG),
        (
            rf"{_ARMED} (?:\w+ ){{0,2}}?(?:cruzaron la frontera|penetraron|avanzaron (?:hacia|sobre)|entraron en (?:territorio|suelo|el país)|irrumpieron en)",
            STRONG,
        ),
        (r"ofensiva|contraofensiva", WEAK),
    ],
    T.MOBILIZATION: [
        (
            r"movilizaci(?:ón|ones) (?:general|parcial|militar|de reservistas)|moviliz(?:ó|aron|ar|a) (?:a )?(?:\d[\d.]* )?reservistas|reservistas",
            STRONG,
        ),
        (
            rf"(?:despleg|desplieg|concentr|reforz|refuerz|envi|mand|traslad|acumul|aument)\w* {GAP3}(?:tropas|soldados|tanques|blindados|militares|refuerzos|fuerzas armadas|unidades|batallones|brigadas|buques de guerra|portaaviones|sistemas de defensa)",
            STRONG,
        ),
        (
            r"(?:despliegue|concentración|acumulación|movimientos?|refuerzo) (?:militar(?:es)?|de tropas|de fuerzas|de blindados|de tanques)|tropas concentradas|(?:refuerz|reforz)\w* (?:\w+ )?(?:su |sus |la |las )?(?:frontera|fronteras|flanco|presencia militar)(?: (?:con|este|oriental|norte|sur) [\w ]{0,40}?(?:tropas|soldados|militares|efectivos|blindados))?",
            STRONG,
        ),
        (
            rf"{_ARMED} (?:\w+ ){{0,2}}?(?:fueron |han sido |están |estaban )?(?:desplegad[oa]s|concentrad[oa]s|enviad[oa]s|en (?:estado de )?alerta máxima|en alerta)",
            STRONG,
        ),
        (
            r"alerta máxima|estado de alerta|preparación para el combate|servicio militar obligatorio|reclutamiento forzoso|conscripción|columnas? de (?:blindados|tanques)|convoyes? militares",
            WEAK,
        ),
        (r"movilizaci(?:ón|ones)", WEAK),
    ],
    T.TERRITORIAL_CHANGE: [
        (
            rf"(?:tom(?:ó|aron|ado|ada)|captur(?:ó|aron|ado|ada)|conquist(?:ó|aron|ado|ada)|recuper(?:ó|aron|ado|ada)|reconquist(?:ó|aron|ado|ada)|liber(?:ó|aron|ado|ada)|ocup(?:ó|aron|ado|ada)|retom(?:ó|aron|ado|ada)) (?:el |la |los |las |del |de la )?(?:control (?:total |completo )?(?:de |del |sobre )(?:la |el |los |las )?)?{GAP2}{_PLACE}",
            STRONG,
        ),
        (
            rf"(?:(?:re)?tom(?:ó|aron|ado|ar)|asum(?:ió|ieron)|hicieron con|recuper(?:ó|aron|ado|ar)|reconquist(?:ó|aron)) el control (?:total )?(?:de|del|sobre)|perd(?:ió|ieron|ido) el control (?:total )?(?:de|del|sobre)|(?:se hicieron|se hizo) con (?:el |la |los |las )?(?:\w+ ){{0,2}}?{_PLACE}|se apoder(?:ó|aron|an|a) (?:\w+ ){{0,3}}?de\b|(?:reivindic|anunci|confirm)\w* (?:la )?(?:toma|captura|caída|liberación|conquista|recuperación) (?:de|del)|cay(?:ó|eron) (?:en manos|bajo (?:el )?control) (?:de|del)|(?:quedó|pasó) bajo (?:el )?control",
            STRONG,
        ),
        (
            r"(?:se retiraron|se replegaron|se (?:retir|repleg)(?:ó|aron|an|a) de(?= (?!las? (?:negociaciones|conversaciones|carrera|competición|política|vida|acuerdos?|tratados?|mesa|candidatura|elecciones)))|obligad[oa]s a (?:retirarse|replegarse)|forzad[oa]s a retirarse)|expuls(?:aron|ó|ados) a (?:las |los )?(?:tropas|fuerzas|rebeldes|yihadistas|ocupantes|enemigos)",
            STRONG,
        ),
        (r"(?:entreg|ced)(?:ó|aron|ado|ar) (?:\w+ ){0,3}?(?:aldeas?|territorios?|distritos?|región|ciudad(?:es)?|pueblos?)", STRONG),
        (r"iz(?:ó|aron|ar) (?:\w+ ){0,2}?bandera", WEAK),
        (
            rf"{_ARMED} (?:[\w-]+ ){{0,4}}?(?:tomaron|capturaron|conquistaron|recuperaron|reconquistaron|liberaron|ocuparon|retomaron|toman|capturan|liberan|recuperan)(?= (?!a |al |el control de (?:la )?(?:situación|incendio)))",
            STRONG,
        ),
    ],
    T.CEASEFIRE_BREACH: [
        (
            r"(?:violaci(?:ón|ones)|viol(?:ó|aron|an|a|ando|ado|ar|aba|aban|e|en)|romp(?:ió|ieron|er|e|en)|rupturas?|quebrant(?:ó|aron|ar|amiento|a|an)|incumpl(?:ió|ieron|imiento|ir|e|en|iendo)) (?:del |de la |el |la |de |una )?(?:\w+ )?(?:alto el fuego|cese el fuego|cese al fuego|tregua|armisticio)",
            STRONG,
        ),
        (
            r"(?:alto el fuego|cese el fuego|cese al fuego|tregua)(?: \w+){0,3}? (?:fue |ha sido |está )?(?:violad[oa]|rot[oa]|quebrantad[oa]|colaps(?:ó|a)|se rompió|no se respetó|no se respeta|saltó por los aires|fracasó|quedó sin efecto)",
            STRONG,
        ),
        (
            r"(?:en violación del|pese al|a pesar del) (?:alto el fuego|cese el fuego|cese al fuego)|pese a la tregua|a pesar de la tregua",
            STRONG,
        ),
    ],
    T.BLOCKADE: [
        (
            r"bloqueo (?:militar|naval|total|israelí|ruso|de (?:gaza|la franja|la ciudad|los puertos|ayuda))|asedi(?:o|ada|ado|adas|ados|an|aron|ar)|sitiad[oa]s?|cercad[oa]s?|cerco (?:a|de|sobre)",
            STRONG,
        ),
        (
            r"(?:frontera|carretera|paso fronterizo|paso|corredor|aeropuerto|puerto)s? (?:\w+ )?(?:fue |fueron |permanece |permanecen |está |están )?(?:cerrad[oa]s?|bloquead[oa]s?|cortad[oa]s?)|(?:cierre|bloqueo) (?:del|de la|de los|de las) (?:corredor|paso|frontera|carretera|puerto|aeropuerto)",
            WEAK,
        ),
        (
            rf"(?:bloque|cort|imped|interrump|obstaculiz)\w* {GAP3}(?:la ayuda humanitaria|la entrada de ayuda|los convoyes|los suministros|el suministro|el abastecimiento|la entrega de (?:ayuda|combustible|alimentos)|el acceso humanitario)",
            STRONG,
        ),
        (r"bloqueo", WEAK),
    ],
    T.CASUALTIES: [
        (
            rf"{_NUMBER} (?:\w+ )?{_VICTIMS} (?:\w+ ){{0,2}}?(?:fueron |han |resultaron |habían )?(?:muertos|muertas|murieron|mueren|han muerto|heridos|heridas|fallecieron|asesinados|perdieron la vida|resultaron heridos|muert[oa]s)",
            STRONG,
        ),
        (
            rf"(?:mat(?:ó|aron|ando|a|an)|hiri(?:ó|eron|endo)|dej(?:ó|aron|a|an|ando)|caus(?:ó|aron|ando)|se cobró|cobró la vida de|balance de) (?:a )?{_NUMBER} (?:\w+ )?(?:muertos|víctimas|heridos|personas|civiles|soldados|militares|fallecidos)",
            STRONG,
        ),
        (
            r"(?:balance|número|cifra) (?:\w+ )?(?:de (?:muertos|víctimas|fallecidos)|mortal)|víctimas (?:civiles|mortales)|muertos y (?:\w+ )?heridos|perdieron la vida|perdió la vida|murió a causa de (?:sus|las) heridas|(?:caus|provoc)(?:ó|aron|ando|a|an) la muerte de",
            STRONG,
        ),
        (
            rf"{_NUMBER} (?:víctimas|muertos|heridos|fallecidos)|(?:mueren|murieron|muere|murió|fallecen|fallecieron) {_NUMBER} (?:\w+ )?{_VICTIMS}|(?:civil|soldado|militar|policía|agente|niño|niña|periodista|menor|miliciano|combatiente)e?s? (?:[\w-]+ ){{0,2}}?(?:murió|muere|murieron|mueren|falleció|resultó herid[oa]|fue asesinad[oa]|perdió la vida)",
            STRONG,
        ),
        (r"muertos|heridos|fallecidos", WEAK),
    ],
    T.THREAT: [
        (
            rf"amenaz(?:ó|aron|a|an|ando|ado) (?:con )?{GAP3}(?:atacar|bombardear|invadir|represalias|responder|respuesta|guerra|usar la fuerza|destruir|aniquilar|intervenir militarmente|ataques|armas nucleares|nuclear)",
            STRONG,
        ),
        (r"ultimátum|ley marcial|estado de (?:emergencia|excepción|sitio)|toque de queda", STRONG),
        (
            r"(?:prometi|jur)(?:ó|eron) (?:una )?(?:respuesta|represalias|venganza|vengarse|responder|aplastar|destruir)|respuesta (?:contundente|militar|devastadora|dura)",
            STRONG,
        ),
        (
            r"(?:advirti(?:ó|eron)|advierten?) (?:\w+ ){0,6}?(?:de una guerra|de represalias|de una respuesta militar|de una intervención militar|armas nucleares|responder(?:á|án|ía|ían) con (?:la )?fuerza)|responder(?:á|án|ía|ían) (?:\w+ )?con (?:la )?(?:fuerza|contundencia|todos los medios)|(?:advierte|advierten|advirtió|advirtieron|amenaza|amenazó) (?:\w+ ){0,3}?que (?:\w+ ){0,2}?(?:convertirá|arrasará|destruirá|atacará|responderá|golpeará|borrará|aniquilará|invadirá|bombardeará)|al borde de la guerra|ruido de sables",
            STRONG,
        ),
        (r"(?:pid|solicit|reclam)\w* (?:una )?intervención (?:militar|internacional|extranjera)", STRONG),
    ],
    T.UNREST: [
        (r"disturbios|saqueos?|vandalismo|violentas protestas|protestas violentas", STRONG),
        (r"gases? lacrimógenos?|cañones? de agua|tanquetas? de agua|balas de goma|perdigones", STRONG),
        (
            r"(?:protestas?|manifestaciones?|marchas?) (?:\w+ )?(?:degeneraron|terminaron en|se tornaron violentas|violentas|dejaron \w+ muertos)|manifestantes (?:fueron )?(?:muertos|heridos|reprimidos|dispersados)|(?:choques|enfrentamientos) (?:con|entre) (?:la policía|los manifestantes|los antidisturbios)|antidisturbios",
            STRONG,
        ),
        (
            r"(?:incendi|saque|asalt)(?:aron|ó) (?:\w+ ){0,3}?(?:edificios?|comisaría|ayuntamiento|tiendas|comercios|parlamento|vehículos)",
            WEAK,
        ),
    ],
    T.DE_ESCALATION: [
        (
            rf"(?:acord|acuerd|firm|pact|anunci|alcanz|negoci|logr|declar|decret)\w* {GAP3}(?:alto el fuego|cese el fuego|cese al fuego|tregua|acuerdo de paz|armisticio|tratado de paz)",
            STRONG,
        ),
        (
            r"(?:alto el fuego|cese el fuego|cese al fuego|tregua) (?:\w+ )?(?:entró en vigor|entra en vigor|se mantiene|se respeta|fue acordad[oa])|acuerdo de (?:paz|alto el fuego|cese el fuego)|tratado de paz",
            STRONG,
        ),
        (
            r"conversaciones de paz|negociaciones de paz|diálogo de paz|proceso de paz|(?:reanudación|inicio) de (?:las )?(?:negociaciones|conversaciones)",
            WEAK,
        ),
        (
            r"(?:retirada|repliegue) (?:de (?:las |sus |los )?)?(?:tropas|fuerzas|soldados|militares)|retir(?:ó|aron|a|an|ar) (?:a )?(?:sus |las |los )?(?:tropas|fuerzas|soldados)",
            STRONG,
        ),
        (
            r"intercambio de prisioneros|canje de prisioneros|(?:intercambi|canje)\w* (?:\w+ ){0,3}?(?:prisioneros|rehenes|cautivos)|(?:liber|excarcel)\w* (?:\w+ ){0,2}?(?:rehenes|prisioneros de guerra)",
            STRONG,
        ),
        (
            r"(?:levant|reabr)\w* (?:el |la |los )?(?:bloqueo|asedio|cerco|toque de queda|frontera|corredor|paso)|reapertura de(?: la| los| el)? (?:frontera|corredor|paso)",
            STRONG,
        ),
    ],
}

#: The everyday-sense families in Spanish words; lexicon.ROMANCE_BENIGN says which signal types each one masks.
FAMILIES: dict[str, str] = {
    "games": r"videojuegos?|\bgamers?\b|consola|playstation|xbox|nintendo",
    "sports": r"fútbol|futbol|\bliga\b|laliga|champions|\bpartidos?\b|campeonato|delanter\w*|goleador|portero|portería|segunda parte|primera parte|arquero|\bgol\b|\bgoles\b|tenis|rugby|baloncesto|básquet|ciclis\w*|pelotón|vuelta a españa|mundial|olímpic\w*|entrenador|técnico del|afición|hinchas|penalti|penal\b|boxeo|boxeador|\bclub\b|\bequipo\b|temporada|fichaje|ajedrez|real madrid|barcelona|barça|área (?:rival|contraria|pequeña)|atlético|derechos de (?:televisión|retransmisión)",
    "culture": r"taquilla|película|\bcine\b|\bserie\b|\bálbum\b|canción|novela|espectáculo|festival|exposición|museo|documental|teatro|humorista|éxito de ventas",
    "labour": r"huelgas?|huelguistas|sindica\w*|trabajadores|salarios|paro laboral|convenio colectivo|patronal",
    "business": r"empresas?|compañía|multinacional|marcas?|comercia\w*|accionistas|inversores|bolsa|ibex|\bprecios?\b|facturación|ventas|clientes|consumidores|mercados?|startups?|publicidad|marketing",
    "disasters": r"terremoto|sismo|inundaci\w*|huracán|ciclón|tormenta|incendios? forestal\w*|ola de calor|avalancha|deslizamiento|epidemia|pandemia|accidente (?:de tráfico|vial|de tránsito)|choque de vehículos|accidente aéreo|naufragio",
    "politics": r"parlamento|congreso|senado|elecciones|electoral\w*|encuestas?|campaña electoral|diputad\w*|candidat\w*|partido (?:popular|socialista|político)|redes sociales",
}

#: Cues in the sentence (or the title) that turn a trigger into a benign sense.
BENIGN: dict[T, str] = benign_cues(
    FAMILIES,
    {
        T.SHELLING: r"bombarde\w* (?:con|de) (?:preguntas|críticas|mensajes|llamadas|correos|anuncios|publicidad|notificaciones|información)|satélites?|cohete espacial|espacial|prueba de misiles|ensayo|fuegos artificiales",
        T.ARMED_CLASH: r"combates? (?:contra|por) (?:el |la |los )?(?:cáncer|enfermedad|pobreza|inflación|desempleo|corrupción|cambio climático)|ciberataques?|hackers?|rodaje",
        T.EXPLOSION: r"explosión (?:de (?:precios|ventas|demanda|alegría|júbilo|ira|popularidad|casos)|demográfica)|bomba (?:informativa|mediática)|fuegos artificiales|pirotecnia|fuga de gas|explosión de gas|bombona|cilindro de gas|caldera|accidente industrial|planta química|grisú|supernova",
        T.AIR_RAID_ALERT: r"simulacros?|ejercicios?|prueba de (?:las )?sirenas|alerta (?:meteorológica|roja|naranja|amber|sanitaria)|bomberos|ambulancias?|videojuegos?",
        T.EVACUATION: r"amenaza de bomba|paquete sospechoso|falsa alarma|por precaución|preventiva|incendio|fuga de gas|simulacro|inversores|bolsa|mercados?|evacuación de aguas|repatriación de (?:capitales|beneficios|fondos|restos)|(?:pid|reclam|exig|solicit|llam)\w* (?:\w+ ){0,4}?corredor(?:es)? humanitario|migrantes|deportad\w*",
        T.OFFENSIVE: r"ofensiva (?:diplomática|comercial|mediática|publicitaria|de encanto|judicial|fiscal)|fraude|evasión fiscal|hacienda|impuestos|la prensa|periodistas|libertad de expresión|invasión de (?:langostas|mosquitos|medusas|turistas|jabalíes)|especies? invasoras?",
        T.MOBILIZATION: r"moviliz\w* (?:contra|por) (?:la |el |los )?(?:reforma|pensiones|clima|ley|proyecto)|movilización (?:ciudadana|social|de votantes|estudiantil|feminista)|voluntarios|bomberos|rescatistas",
        T.TERRITORIAL_CHANGE: r"tom(?:ó|aron) (?:posesión|la palabra|el relevo)|tomar posición|toma de posición",
        T.BLOCKADE: r"agricultores|camioneros|taxistas|manifestantes|activistas|obras|nieve|temporal|tráfico|atascos?|maratón|desfile|cuentas?|redes sociales|bloqueo (?:de cuentas|de tarjetas|de fondos|institucional|político|parlamentario)",
        T.CASUALTIES: r"incendio|accidente|choque frontal|intoxicación|lesión|lesionados?|ola de calor|ahogad\w*",
        T.THREAT: r"especies? amenazadas?|amenaza (?:para|a) (?:el empleo|el clima|el medio ambiente|la biodiversidad)|amenaz\w* (?:con )?(?:el descenso|la quiebra|el cierre|dimitir|demandar)|emergencia (?:sanitaria|climática|hídrica)|alerta meteorológica",
        T.UNREST: r"saqueo (?:de datos|fiscal|de recursos)",
        T.DE_ESCALATION: r"(?:violaci|viol|romp)\w* (?:del |de la |el |la )?(?:alto el fuego|tregua)|acuerdo (?:comercial|de libre comercio|salarial)|guerra comercial|tregua (?:política|electoral|parlamentaria|navideña|olímpica|arancelaria|comercial)",
    },
)

#: Words before a trigger, in its sentence, that negate or deny it.
NEGATION = r"(?<!\w)(?:no|ni|sin|nunca|ningún|ninguna|ninguno|desmin\w*|neg(?:ó|aron|ar|ando|aba)|rechaz(?:ó|aron)|descart(?:ó|aron)|falsa?s?|falso|rumores? de|bulo|(?:tras|después de) (?:\w+ )?(?:días|semanas|meses|años) de)\b"

#: A denial earlier in the sentence: "desmintió las informaciones según las cuales...".
DENIAL = r"\b(?:desminti(?:ó|eron)|neg(?:ó|aron)|rechaz(?:ó|aron)|descart(?:ó|aron)) (?:[\w'’-]+ ){0,4}?(?:informaciones?|informes?|rumores?|acusaciones?|versiones?|afirmaciones?|que)\b"

#: Words just after a trigger that deny it ("los bombardeos no se reanudaron").
NEGATION_AFTER = r"(?<!\w)(?:no (?:se |ha |han |hubo|fue|fueron|está|están|causó|dejó|registr)\w*|(?:fue|fueron|es|son|resultó|resultaron) (?:falsa?s?|falsos|desmentid[oa]s?|infundad[oa]s?))"

#: Words before a trigger that make it hypothetical, threatened or future.
HEDGE = r"(?<!\w)(?:amenaz\w*|podría|podrían|puede|pueden|si|en caso de|planea\w*|prevé|previsto|pretende\w*|dispuest[oa]s? a|tem(?:e|en|or|ores) (?:a |de |que )?|riesgo de|posible|eventual|va a|van a|iba a|iban a|simulacros?|ejercicios?|evitar|impedir|prevenir)\b"

#: Demands and appeals whose object is the trigger: asked for, not done.
DEMAND = r"\b(?:pid(?:e|en|ió|ieron)|ped(?:ir|ía)|exig\w*|reclam\w*|inst(?:ó|aron|a|an)|llam(?:ó|aron|a|an) a|urg(?:ió|e|en)|solicit\w*)\b(?: [\w'’-]+){0,6}? (?:a|al|de|por|un|una|el|la|que)?\s*(?:un |una |el |la |los |las )?(?:inmediat\w* |complet\w* |total )?$"

#: Mentions of past events that are not news today.
HISTORICAL = r"(?<!\w)(?:(?:primera|segunda) guerra mundial|guerra civil (?:española|de 1936)|hace (?:\d+|dos|tres|diez|veinte|treinta|cuarenta|cincuenta|cien|varios|muchos) (?:años|décadas)|aniversario|(?:se cumplen?|cumple|cumplen|cumplió) (?:\d+|\w+) años|conmemor\w*|memorial|en memoria|recuerd\w*|históricamente|historia de)\b"

#: Dates and named past wars, which date only their own clause.
DATED = r"(?<!\w)(?:en (?:19|20)\d\d|durante la guerra (?:de \d{4}|civil|de las malvinas)|la guerra de (?:19|20)\d\d|en los años (?:\d\d|sesenta|setenta|ochenta|noventa))"

#: Words that open a new clause: a negation before one of them belongs to another verb.
CLAUSE_OPENER = r"\b(?:mientras|cuando|después de que|antes de que|porque|ya que|pero|y|donde|que|quien|quienes|aunque|si bien)\b"
