"""French, Spanish, Italian and Portuguese news sentences, written for these tests (the
development set of those lexicons; the held-out sets judge them and are never read here):
every type in its inflections, benign look-alikes, and negated, hedged and historical
mentions."""

from __future__ import annotations

import pytest

from tocsin.records import SignalType as T
from tocsin.streams.classifier import Classifier

CLASSIFIER = Classifier()

POSITIVE = {
    "fr": [
        (T.SHELLING, "L'armée a bombardé plusieurs villages frontaliers dans la nuit."),
        (T.SHELLING, "Des tirs d'artillerie ont visé le centre de Kharkiv."),
        (T.SHELLING, "Des roquettes se sont abattues sur la ville de Sderot."),
        (T.AIR_STRIKE, "Des frappes aériennes ont touché un dépôt de munitions près d'Alep."),
        (T.AIR_STRIKE, "L'aviation a largué des bombes sur les positions rebelles."),
        (T.AIR_STRIKE, "La défense antiaérienne a abattu douze drones au-dessus de Kiev."),
        (T.ARMED_CLASH, "De violents combats ont éclaté entre l'armée et les rebelles."),
        (T.ARMED_CLASH, "Des échanges de tirs ont été signalés à la frontière."),
        (T.ARMED_CLASH, "Des hommes armés ont attaqué un poste de gendarmerie au nord du pays."),
        (T.EXPLOSION, "Une voiture piégée a explosé devant un commissariat de Mogadiscio."),
        (T.EXPLOSION, "Un engin explosif improvisé a tué deux soldats sur la route."),
        (T.AIR_RAID_ALERT, "Les sirènes d'alerte ont retenti à Kiev, les habitants se sont réfugiés dans le métro."),
        (T.AIR_RAID_ALERT, "Une alerte aérienne a été déclenchée dans toute l'Ukraine."),
        (T.EVACUATION, "Les autorités ont évacué des milliers d'habitants des zones frontalières."),
        (T.EVACUATION, "Des milliers de civils ont fui leurs foyers face aux combats."),
        (T.OFFENSIVE, "L'armée a lancé une vaste offensive terrestre dans le sud du pays."),
        (T.OFFENSIVE, "La Russie a envahi l'Ukraine le 24 février."),
        (T.MOBILIZATION, "Le président a décrété la mobilisation partielle des réservistes."),
        (T.MOBILIZATION, "Moscou a déployé des milliers de soldats près de la frontière."),
        (T.TERRITORIAL_CHANGE, "Les forces ukrainiennes ont repris le contrôle de la ville."),
        (T.TERRITORIAL_CHANGE, "La localité est tombée aux mains des djihadistes."),
        (T.CEASEFIRE_BREACH, "Les deux camps s'accusent mutuellement de violer le cessez-le-feu."),
        (T.CEASEFIRE_BREACH, "La trêve a été rompue moins de 24 heures après son entrée en vigueur."),
        (T.BLOCKADE, "La ville assiégée manque d'eau et de nourriture."),
        (T.BLOCKADE, "L'armée bloque l'acheminement de l'aide humanitaire vers l'enclave."),
        (T.CASUALTIES, "Au moins douze civils ont été tués dans la frappe."),
        (T.CASUALTIES, "L'attaque a fait cinq morts et vingt blessés."),
        (T.THREAT, "Le régime a menacé de frapper les installations nucléaires."),
        (T.THREAT, "Le gouvernement a décrété l'état d'urgence et un couvre-feu nocturne."),
        (T.UNREST, "La police a tiré des gaz lacrymogènes sur les manifestants."),
        (T.UNREST, "De violentes émeutes ont éclaté dans la capitale."),
        (T.DE_ESCALATION, "Les belligérants ont signé un accord de cessez-le-feu à Doha."),
        (T.DE_ESCALATION, "Un échange de prisonniers a eu lieu samedi."),
    ],
    "es": [
        (T.SHELLING, "El ejército bombardeó varias aldeas fronterizas durante la noche."),
        (T.SHELLING, "Varios cohetes cayeron sobre la ciudad de Ashkelon."),
        (T.AIR_STRIKE, "Un ataque aéreo destruyó un depósito de armas cerca de Damasco."),
        (T.AIR_STRIKE, "Las defensas antiaéreas derribaron veinte drones sobre Kiev."),
        (T.ARMED_CLASH, "Intensos combates entre el ejército y los rebeldes en el norte del país."),
        (T.ARMED_CLASH, "Hombres armados atacaron un puesto militar en la frontera."),
        (T.ARMED_CLASH, "Un tiroteo entre soldados y guerrilleros dejó varios heridos."),
        (T.EXPLOSION, "Un coche bomba explotó frente a una comisaría en Kabul."),
        (T.EXPLOSION, "Dos soldados murieron al pisar una mina antipersona."),
        (T.AIR_RAID_ALERT, "Las sirenas sonaron en Kiev y los vecinos se refugiaron en el metro."),
        (T.AIR_RAID_ALERT, "Se declaró la alerta aérea en todo el país."),
        (T.EVACUATION, "Las autoridades evacuaron a miles de vecinos de la zona fronteriza."),
        (T.EVACUATION, "Miles de civiles huyeron de sus hogares por los combates."),
        (T.OFFENSIVE, "El ejército lanzó una ofensiva terrestre en el sur del Líbano."),
        (T.OFFENSIVE, "Rusia invadió Ucrania en febrero de 2022, según el informe."),
        (T.MOBILIZATION, "El gobierno decretó la movilización parcial de reservistas."),
        (T.MOBILIZATION, "Moscú desplegó miles de soldados cerca de la frontera."),
        (T.TERRITORIAL_CHANGE, "Las tropas ucranianas recuperaron el control de la ciudad."),
        (T.TERRITORIAL_CHANGE, "La localidad cayó en manos de los yihadistas."),
        (T.CEASEFIRE_BREACH, "Ambas partes se acusan de violar el alto el fuego."),
        (T.CEASEFIRE_BREACH, "La tregua se rompió a las pocas horas."),
        (T.BLOCKADE, "La ciudad sitiada carece de agua y alimentos."),
        (T.BLOCKADE, "El ejército bloqueó la entrada de ayuda humanitaria en la franja."),
        (T.CASUALTIES, "Al menos doce civiles murieron en el ataque."),
        (T.CASUALTIES, "El atentado dejó cinco muertos y veinte heridos."),
        (T.THREAT, "Teherán amenazó con atacar las bases estadounidenses."),
        (T.THREAT, "El gobierno decretó el estado de excepción y el toque de queda."),
        (T.UNREST, "La policía lanzó gases lacrimógenos contra los manifestantes."),
        (T.UNREST, "Graves disturbios en la capital tras la muerte del joven."),
        (T.DE_ESCALATION, "Las partes firmaron un acuerdo de alto el fuego en Doha."),
        (T.DE_ESCALATION, "Rusia y Ucrania realizaron un intercambio de prisioneros."),
    ],
    "it": [
        (T.SHELLING, "L'esercito ha bombardato diversi villaggi di confine durante la notte."),
        (T.SHELLING, "Razzi sono caduti sulla città di Sderot."),
        (T.AIR_STRIKE, "Un raid aereo ha colpito un deposito di armi vicino a Damasco."),
        (T.AIR_STRIKE, "La contraerea ha abbattuto venti droni sopra Kiev."),
        (T.ARMED_CLASH, "Violenti combattimenti tra l'esercito e i ribelli nel nord del paese."),
        (T.ARMED_CLASH, "Uomini armati hanno attaccato un posto di blocco al confine."),
        (T.ARMED_CLASH, "Scontri a fuoco tra soldati e miliziani nella notte."),
        (T.EXPLOSION, "Un'autobomba è esplosa davanti a una stazione di polizia a Kabul."),
        (T.EXPLOSION, "Due soldati sono morti saltando su una mina antiuomo."),
        (T.AIR_RAID_ALERT, "Le sirene hanno suonato a Kiev e i residenti si sono rifugiati nella metropolitana."),
        (T.AIR_RAID_ALERT, "Allarme aereo in tutta l'Ucraina."),
        (T.EVACUATION, "Le autorità hanno evacuato migliaia di residenti dalla zona di confine."),
        (T.EVACUATION, "Migliaia di civili sono fuggiti dalle loro case a causa dei combattimenti."),
        (T.OFFENSIVE, "L'esercito ha lanciato un'offensiva di terra nel sud del Libano."),
        (T.OFFENSIVE, "La Russia ha invaso l'Ucraina il 24 febbraio."),
        (T.MOBILIZATION, "Il governo ha decretato la mobilitazione parziale dei riservisti."),
        (T.MOBILIZATION, "Mosca ha schierato migliaia di soldati vicino al confine."),
        (T.TERRITORIAL_CHANGE, "Le truppe ucraine hanno ripreso il controllo della città."),
        (T.TERRITORIAL_CHANGE, "La città è caduta in mano ai jihadisti."),
        (T.CEASEFIRE_BREACH, "Le due parti si accusano a vicenda di aver violato il cessate il fuoco."),
        (T.CEASEFIRE_BREACH, "La tregua è stata violata poche ore dopo l'entrata in vigore."),
        (T.BLOCKADE, "La città assediata è senza acqua né cibo."),
        (T.BLOCKADE, "L'esercito ha bloccato gli aiuti umanitari diretti nella Striscia."),
        (T.CASUALTIES, "Almeno dodici civili sono stati uccisi nell'attacco."),
        (T.CASUALTIES, "L'attentato ha provocato cinque morti e venti feriti."),
        (T.THREAT, "Teheran ha minacciato di attaccare le basi americane."),
        (T.THREAT, "Il governo ha dichiarato lo stato di emergenza e il coprifuoco."),
        (T.UNREST, "La polizia ha usato gas lacrimogeni contro i manifestanti."),
        (T.UNREST, "Gravi disordini nella capitale dopo la morte del ragazzo."),
        (T.DE_ESCALATION, "Le parti hanno firmato un accordo di cessate il fuoco a Doha."),
        (T.DE_ESCALATION, "Russia e Ucraina hanno effettuato uno scambio di prigionieri."),
    ],
    "pt": [
        (T.SHELLING, "O exército bombardeou várias aldeias fronteiriças durante a noite."),
        (T.SHELLING, "Vários foguetes caíram sobre a cidade de Sderot."),
        (T.AIR_STRIKE, "Um ataque aéreo destruiu um depósito de armas perto de Damasco."),
        (T.AIR_STRIKE, "A defesa antiaérea abateu vinte drones sobre Kiev."),
        (T.ARMED_CLASH, "Intensos combates entre o exército e os rebeldes no norte do país."),
        (T.ARMED_CLASH, "Homens armados atacaram um posto militar na fronteira."),
        (T.ARMED_CLASH, "Um tiroteio entre soldados e guerrilheiros deixou vários feridos."),
        (T.EXPLOSION, "Um carro-bomba explodiu em frente a uma esquadra em Cabul."),
        (T.EXPLOSION, "Dois soldados morreram ao pisar numa mina antipessoal."),
        (T.AIR_RAID_ALERT, "As sirenes soaram em Kiev e os moradores refugiaram-se no metro."),
        (T.AIR_RAID_ALERT, "Foi declarado alerta aéreo em todo o país."),
        (T.EVACUATION, "As autoridades evacuaram milhares de moradores da zona fronteiriça."),
        (T.EVACUATION, "Milhares de civis fugiram das suas casas por causa dos combates."),
        (T.OFFENSIVE, "O exército lançou uma ofensiva terrestre no sul do Líbano."),
        (T.OFFENSIVE, "A Rússia invadiu a Ucrânia em fevereiro."),
        (T.MOBILIZATION, "O governo decretou a mobilização parcial de reservistas."),
        (T.MOBILIZATION, "Moscovo enviou milhares de soldados para perto da fronteira."),
        (T.TERRITORIAL_CHANGE, "As tropas ucranianas retomaram o controlo da cidade."),
        (T.TERRITORIAL_CHANGE, "A localidade caiu nas mãos dos jihadistas."),
        (T.CEASEFIRE_BREACH, "As duas partes acusam-se mutuamente de violar o cessar-fogo."),
        (T.CEASEFIRE_BREACH, "A trégua foi violada poucas horas depois de entrar em vigor."),
        (T.BLOCKADE, "A cidade sitiada está sem água nem comida."),
        (T.BLOCKADE, "O exército bloqueou a entrada de ajuda humanitária na Faixa."),
        (T.CASUALTIES, "Pelo menos doze civis foram mortos no ataque."),
        (T.CASUALTIES, "O atentado deixou cinco mortos e vinte feridos."),
        (T.THREAT, "Teerão ameaçou atacar as bases norte-americanas."),
        (T.THREAT, "O governo decretou o estado de emergência e o recolher obrigatório."),
        (T.UNREST, "A polícia usou gás lacrimogéneo contra os manifestantes."),
        (T.UNREST, "Graves distúrbios na capital após a morte do jovem."),
        (T.DE_ESCALATION, "As partes assinaram um acordo de cessar-fogo em Doha."),
        (T.DE_ESCALATION, "A Rússia e a Ucrânia realizaram uma troca de prisioneiros."),
    ],
}

#: Benign look-alikes: sport, labour, markets, culture, drills, games. No signal at all.
BENIGN = {
    "fr": [
        "Le PSG a bombardé le but adverse en seconde période sans parvenir à marquer.",
        "Grève à la SNCF : les syndicats appellent à une mobilisation générale contre la réforme.",
        "Les syndicats appellent à la grève contre la réforme des retraites.",
        "Guerre des prix : les supermarchés lancent une offensive commerciale sur les produits frais.",
        "Ce film a été un véritable carton au box-office, une bombe selon les critiques.",
        "Exercice d'évacuation incendie ce matin dans les écoles de la ville.",
        "Le test mensuel des sirènes aura lieu mercredi à midi.",
        "La Bourse de Paris a connu une explosion des volumes après l'annonce.",
        "Dans ce jeu vidéo, les joueurs doivent bombarder les positions ennemies.",
        "Le ministre a été bombardé de questions par les journalistes.",
    ],
    "es": [
        "El Real Madrid bombardeó la portería rival en la segunda parte.",
        "Los sindicatos convocan una huelga general y movilizaciones contra la reforma.",
        "Guerra de precios: las aerolíneas lanzan una ofensiva comercial en verano.",
        "La película fue un éxito de taquilla, una auténtica bomba.",
        "Simulacro de evacuación por incendio en los colegios de la ciudad.",
        "La bolsa vivió una explosión de ventas tras el anuncio del banco central.",
        "En este videojuego los jugadores deben bombardear las bases enemigas.",
        "El ministro fue bombardeado con preguntas por la prensa.",
    ],
    "it": [
        "La Juventus ha bombardato la porta avversaria nel secondo tempo.",
        "I sindacati proclamano lo sciopero generale e la mobilitazione contro la riforma.",
        "Guerra dei prezzi: le compagnie aeree lanciano un'offensiva commerciale per l'estate.",
        "Il film è stato un successo al botteghino, una vera bomba.",
        "Esercitazione di evacuazione antincendio nelle scuole della città.",
        "Piazza Affari registra un'esplosione delle vendite dopo l'annuncio.",
        "In questo videogioco i giocatori devono bombardare le basi nemiche.",
        "Il ministro è stato bombardato di domande dai giornalisti.",
    ],
    "pt": [
        "O Benfica bombardeou a baliza adversária na segunda parte.",
        "Os sindicatos convocam greve geral e mobilização contra a reforma.",
        "Guerra de preços: as companhias aéreas lançam ofensiva comercial no verão.",
        "O filme foi um sucesso de bilheteira, uma verdadeira bomba.",
        "Simulacro de evacuação por incêndio nas escolas da cidade.",
        "A bolsa registou uma explosão de vendas após o anúncio.",
        "Neste videojogo os jogadores têm de bombardear as bases inimigas.",
        "O ministro foi bombardeado com perguntas pelos jornalistas.",
    ],
}

#: Negated, denied, hedged or historical mentions: the type must not be reported.
NOT_CURRENT = {
    "fr": [
        (T.SHELLING, "Aucun bombardement n'a été signalé dans la nuit."),
        (T.SHELLING, "L'armée a démenti les informations selon lesquelles elle aurait bombardé le village."),
        (T.OFFENSIVE, "Le ministre a menacé de lancer une offensive si les négociations échouaient."),
        (T.SHELLING, "Il y a trente ans, l'artillerie bombardait Sarajevo."),
        (T.EVACUATION, "Les autorités n'ont pas ordonné l'évacuation de la ville."),
    ],
    "es": [
        (T.SHELLING, "No se registraron bombardeos durante la noche."),
        (T.SHELLING, "El ejército negó que hubiera bombardeado la aldea."),
        (T.OFFENSIVE, "El ministro amenazó con lanzar una ofensiva si fracasan las negociaciones."),
        (T.SHELLING, "Hace treinta años, la artillería bombardeaba Sarajevo."),
        (T.EVACUATION, "Las autoridades no han ordenado la evacuación de la ciudad."),
    ],
    "it": [
        (T.SHELLING, "Non sono stati segnalati bombardamenti durante la notte."),
        (T.SHELLING, "L'esercito ha smentito le notizie secondo cui avrebbe bombardato il villaggio."),
        (T.OFFENSIVE, "Il ministro ha minacciato di lanciare un'offensiva se i negoziati falliranno."),
        (T.SHELLING, "Trent'anni fa l'artiglieria bombardava Sarajevo, 30 anni fa."),
        (T.EVACUATION, "Le autorità non hanno ordinato l'evacuazione della città."),
    ],
    "pt": [
        (T.SHELLING, "Não foram registados bombardeios durante a noite."),
        (T.SHELLING, "O exército negou que tivesse bombardeado a aldeia."),
        (T.OFFENSIVE, "O ministro ameaçou lançar uma ofensiva caso as negociações fracassem."),
        (T.SHELLING, "Há trinta anos, a artilharia bombardeava Sarajevo."),
        (T.EVACUATION, "As autoridades não ordenaram a evacuação da cidade."),
    ],
}


def _types(text: str) -> set[T]:
    return {d.type for d in CLASSIFIER.classify(text)}


@pytest.mark.parametrize(("language", "signal_type", "text"), [(lang, t, s) for lang, rows in POSITIVE.items() for t, s in rows])
def test_reports_are_detected(language: str, signal_type: T, text: str) -> None:
    assert signal_type in _types(text)


@pytest.mark.parametrize(("language", "text"), [(lang, s) for lang, rows in BENIGN.items() for s in rows])
def test_benign_look_alikes_raise_nothing(language: str, text: str) -> None:
    assert _types(text) == set()


@pytest.mark.parametrize(("language", "signal_type", "text"), [(lang, t, s) for lang, rows in NOT_CURRENT.items() for t, s in rows])
def test_negated_hedged_and_past_mentions_are_not_reported(language: str, signal_type: T, text: str) -> None:
    assert signal_type not in _types(text)


@pytest.mark.parametrize("text", ["L'ARMÉE A BOMBARDÉ le village.", "Évacuation d'urgence à Kherson."])
def test_evidence_offsets_point_into_the_original_text(text: str) -> None:
    spans = [span for detection in CLASSIFIER.classify(text) for span in detection.evidence]
    assert spans
    assert all(text[span.start : span.end] == span.text for span in spans)
