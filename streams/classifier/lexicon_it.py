"""Italian lexicon: trigger patterns per signal type and the cues that veto them.

Italian inflects verbs by tense and person, and participles by gender and number
("bombardato, bombardata, bombardati, bombardate"), so triggers name a stem with its
endings, or `\\w*` where the stem is the word's own ("bombardament\\w*"). Articles
elide ("l'esercito", "dell'artiglieria"): the engine starts triggers at any word
start, so "artiglieria" in "dell'artiglieria" is found. Negation is "non" before the
verb and "nessun", "senza", "né"; a denial ("ha smentito", "nega") may sit earlier
in the sentence. Strengths as in lexicon_en.

Why phrases: "attacco", "tiro", "bomba", "colpo" and "guerra" are everyday words in
sport ("l'attacco del Milan", "un tiro in porta"), business ("guerra dei prezzi")
and culture ("il film è una bomba"); an armed actor, weapon or military target keeps
the literal sense, and BENIGN catches the rest.
"""

from tocsin.records import SignalType as T
from tocsin.streams.classifier.lexicon import FAINT, GAP2, GAP3, STRONG, WEAK, benign_cues

_PART = r"(?:o|a|i|e)"
_ARMED = r"(?:truppe|forze|soldati|russi|ucraini|israeliani|azeri|armeni|houthi|m23|militari|esercito|ribelli|insorti|jihadisti|terroristi|combattenti|miliziani|milizie?|uomini armati|assalitori|separatisti|paramilitari|talebani|commando|mercenari|reparti|unità|dissidenti|guerriglieri)"
_AIRCRAFT = r"(?:aere[io](?: da combattimento| da guerra)?|aviazione|caccia(?:bombardieri)?|bombardieri|jet|elicotter[oi](?: da combattimento)?|dron[ei]|velivoli)"
_NUMBER = r"(?:\d[\d.,]*|due|tre|quattro|cinque|sei|sette|otto|nove|dieci|undici|dodici|quindici|venti|trenta|cinquanta|cento|diversi|diverse|alcuni|alcune|decine di|centinaia di|una decina di|una ventina di|(?:almeno|oltre|più di|quasi|circa) [\w,.]+)"
_VICTIMS = r"(?:persone|civili|soldati|militari|poliziotti|agenti|abitanti|bambini|donne|combattenti|manifestanti|residenti|membri|fedeli|passeggeri|pazienti|studenti|operai|pellegrini|ragazzi|uomini|morti|feriti)"
#: One person named as a victim: a headline reports a single death ("uccisa una donna", "morto un giornalista").
_PERSON = r"(?:civile|soldat(?:o|essa)|militare|poliziott[oa]|agente|bambin[oa]|neonat[oa]|ragazz[oa]|donna|uomo|anzian[oa]|giornalista|fotoreporter|medico|infermier[ea]|volontari[oa]|operatore umanitario|cooperante|miliziano|combattente|palestinese|israelian[oa]|ucrain[oa]|contadino|pastore|pescatore|conducente|autista|casco blu|ufficiale|comandante|capo|leader|dirigente|esponente|generale|colonnello|colono|sindaco)"
_PLACE = r"(?:città|villaggio|villaggi|paese|paesi|località|cittadina|posizione|posizioni|base|basi|aeroporto|porto|ponte|collina|alture|regione|distretto|quartiere|capitale|capoluogo|territorio|roccaforte|enclave|centrale|palazzo|isola|diga|fortezza|caserma)"

TRIGGERS: dict[T, list[tuple[str, float]]] = {
    T.SHELLING: [
        (r"bombard(?:at[oaie]|ament[oi]|ano|a|ava|avano|are|ando|arono|ò)(?! aere[oi])|cannoneggiament[oi]|cannoneggi\w*", STRONG),
        (
            r"(?:fuoco|colpi|tiri|attacch?[oi]|raffiche|pioggia|salve|barrage) (?:di |d'|dell'|dell’)(?:artiglieria|razzi|missili|mortai?|obici|lanciarazzi)|attacch?[oi] (?:con|di) (?:razzi|missili|mortai|artiglieria)",
            STRONG,
        ),
        (
            r"(?:razz[oi]|missil[ei]|proiettil[ei]|colpi (?:di mortaio|d'artiglieria|di artiglieria)|granat[ae] (?:di mortaio|d'artiglieria|di artiglieria)|ordigni) (?:[\w']+ ){0,4}?(?:(?:sono |è |hanno |ha )?(?:cadut[oi]|caduto|caduti|colpito|colpit[oaie]|centrat[oaie]|esplos[oi]|piovut[oi]|piovere|cadere|lanciat[oi]|sparat[oi]|raggiunto|distrutto)|cadono|piovono|colpiscono|centrano|hanno colpito|si (?:sono|è) abbattut[oi])",
            STRONG,
        ),
        (
            rf"(?:sparat[oi]|lanciat[oi]|spara(?:no|to)?|lancia(?:no|to)?|ha lanciato|hanno lanciato|hanno sparato) {GAP3}(?:razzi|missili|colpi di mortaio|colpi di artiglieria|proiettili)",
            STRONG,
        ),
        (
            rf"(?:intercettat[oi]|abbattut[oi]|distrutt[oi]|hanno intercettato|ha intercettato|hanno abbattuto|ha abbattuto) {GAP3}(?:missili|razzi)",
            STRONG,
        ),
        (r"missil[ei] (?:balistic[oi]|da crociera|ipersonic[oi]|anticarro)|lanciarazzi multipl[oi]", WEAK),
        (r"artiglieria|mortaio?|obici|cannon[ei](?! ad acqua| d'acqua)", WEAK),
        # nominal headlines: "Razzi da Gaza verso Ashkelon", "Missile sulla stazione", "attacco missilistico su Dnipro"
        (
            r"(?:razz[oi]|missil[ei]|colpi di mortaio|colpi d'artiglieria|granat[ae] d'artiglieria) (?:[\w'-]+ ){0,3}?(?:su|sul|sulla|sull'|sui|sugli|sulle|contro|verso)|(?:attacch?[oi]|raid) missilistic[oi]|lanci? di (?:razzi|missili)",
            STRONG,
        ),
    ],
    T.AIR_STRIKE: [
        (
            r"(?:raid|attacch?[oi]|bombardament[oi]|incursion[ei]|operazion[ei]|offensiva|colpi) aere[oiae]|(?:attacch?[oi]|raid) (?:con|di) (?:\w+ )?dron[ei]|bombardament[oi] dall'alto|(?:colpit|attaccat|bombardat|colpisc)\w* (?:dal cielo|dall'alto)",
            STRONG,
        ),
        (
            rf"(?<!autobomba )(?<!camion ){_AIRCRAFT} (?:\w+ ){{0,4}}?(?:hanno |ha |avevano )?(?:bombardat\w*|bombardano|colpit\w*|colpiscono|attaccat\w*|attaccano|sganciat\w*|sganciano|mitragliat\w*|condott\w* (?:raid|attacchi|bombardamenti))",
            STRONG,
        ),
        (r"sganci(?:at[oiae]|ano|ato|ando|ò|arono) (?:\w+ ){0,3}?bombe", STRONG),
        # the aircraft as agent or means: "colpita dall'aviazione", "attaccata dai droni", "colpito con un drone"
        (
            rf"(?:colpit|attaccat|bombardat|centrat|distrutt)[oaie] (?:dall'aviazione|da(?:i|gli|l)? (?:\w+ )?{_AIRCRAFT}|da un (?:drone|aereo|caccia|jet|elicottero))|(?:colp|attacc|bombard|centr)\w* (?:[\w'-]+ ){{0,3}}?con (?:un |una |dei |degli |i )?(?:dron[ei]|aere[io]|caccia|jet|elicotter[oi])",
            STRONG,
        ),
        (
            r"dron[ei] (?:kamikaze|suicida|d'attacco|armati)|munizioni circuitanti|bombe (?:guidate|plananti|aeree)|bomba (?:guidata|plananti|aerea)",
            WEAK,
        ),
        (
            rf"(?:intercettat[oi]|abbattut[oi]|distrutt[oi]|neutralizzat[oi]|hanno abbattuto|ha abbattuto|hanno intercettato|ne (?:hanno|ha) abbattut[oi]) {GAP3}dron[ei]",
            STRONG,
        ),
        (r"(?:raid|attacch?[oi]|bombardament[oi]) (?:israelian[io]|russ[io]|american[io]|ucrain[io]|turch[io]) (?:su|contro|in)", WEAK),
    ],
    T.ARMED_CLASH: [
        (
            r"scontri armati|scontro armato|combattimenti (?:violenti|intensi|furiosi|feroci|casa per casa|strada per strada)|sparatori[ae]|conflitt[oi] a fuoco|scontri a fuoco|scontro a fuoco|scamb(?:io|i) di colpi|si combatte(?:va)?(?! contro)|si (?:continua|torna) a combattere|scaramucc(?:ia|e)",
            STRONG,
        ),
        (
            r"(?:violenti|intensi|duri|feroci|sanguinosi|nuovi|pesanti|aspri) (?:combattimenti|scontri)|combattimenti (?:sono )?(?:in corso|proseguono|continuano|infuriano|si sono intensificati|sono ripresi|scoppiati|tra|nei pressi|alla periferia|per il controllo)|scontri (?:tra|sono scoppiati|proseguono|continuano) (?:\w+ )?(?:esercito|forze|truppe|ribelli|milizie|miliziani|militari|soldati)",
            STRONG,
        ),
        (r"(?:hanno |ha |avevano )?apert[oi] il fuoco|apr(?:e|ono|ire|endo) il fuoco|aprì il fuoco|apriron[oi] il fuoco", STRONG),
        (r"imboscat[ae]|tes[oi] un'imboscata|agguat[oi]|cadut[oi] in un'imboscata", STRONG),
        (
            r"(?:attacc(?:at[oiae]|ano|a|ava|avano|ò|arono)|attacch?[oi] (?:contro|a|al|alla|all')|assalt(?:at[oiae]|ano|a|ava|avano|ò|arono)|assalto (?:(?:delle|dei|degli|del|della) [\w'-]+ )?(?:a|al|alla|alle|ai|agli|contro)|pres[oa] d'assalto) (?:un |una |il |la |lo |i |le |gli |l'|un')?(?:\w+ )?(?:posto|posti|carcer[ei]|prigion[ei]|trince[ae]|postazion[ei]|linee (?:nemiche|difensive)|fortificazion[ei]|base|basi|convoglio|convogli|pattuglia|pattuglie|caserma|caserme|accampamento militare|posizione|posizioni|checkpoint|posto di blocco|commissariato|stazione di polizia|guarnigione|avamposto)",
            STRONG,
        ),
        (
            rf"{_ARMED} (?:[\w'-]+ ){{0,5}}?(?:hanno |ha |avevano )?(?:fatto irruzione|fa(?:nno)? irruzione|attaccato|attaccano|assaltano|aperto il fuoco|si sono scontrat[ie]|si scontrano|si affrontano|si sono affrontat[ie]|combattuto|respinto|teso un'imboscata|preso d'assalto|assaltato)",
            STRONG,
        ),
        (
            r"(?:uccis[oiae]|mort[oiae]|ferit[oiae]|caduti) (?:\w+ )?(?:negli|nei|durante gli|durante i|in|in un|in uno|nel corso degli|nel corso dei) (?:\w+ )?(?:scontri|combattimenti|combattimento|conflitto a fuoco|sparatoria|imboscata|attacco armato|scontro a fuoco)",
            STRONG,
        ),
        (
            rf"(?:respint[oiae]|hanno respinto|ha respinto|respinge(?:re|ndo)?) {GAP3}(?:attacch?[oi]|assalt[oi]|offensiv[ae]|tentativ[oi] di avanzata)",
            STRONG,
        ),
        (r"attacch?[oi] (?:armat[oi]|terroristic[oi]|jihadist[ai])|uomini armati|cecchini", WEAK),
        (
            r"combattimenti|scontri(?! con la polizia| con le forze dell'ordine| con gli agenti| di piazza)|scontro|spari (?:contro|su|sui|sulla|sulle) (?:i |la |le |un |una |dei |delle )?(?:\w+ )?(?:civili|soldati|militari|manifestanti|folla|pattugli[ae]|posizion[ei]|truppe|agenti|convogli?|mezzi)",
            WEAK,
        ),
    ],
    T.EXPLOSION: [
        (
            r"autobomb[ae]|auto(?:mobile)? imbottit\w* di esplosivo|ordign[oi] (?:esplosiv[oi]|rudimental[ei]|artigianal[ei]|improvvisat[oi])|ordign[oi] (?:[\w'-]+ ){0,6}?(?:ha|hanno) (?:investito|colpito|centrato|distrutto|ucciso|ferito|danneggiato|dilaniato)|pacc(?:o|hi)[- ]bomba|cintur(?:a|e|ino) esplosiv[aei]|(?<!droni )(?<!drone )(?<!dron )kamikaze(?! drones?)|attentat[oi] (?:suicida|kamikaze|dinamitard[oi]|con autobomba|esplosiv[oi])|attentat[oi] bomba",
            STRONG,
        ),
        (
            r"(?:bomba|bombe|mina|mine|granata|granate|ordigno|ordigni|carica|cariche|esplosivo)\w* (?:\w+ ){0,2}?(?:(?:è |sono )?esplos[oaie]|esplod(?:e|ono)|deton(?:a|ano)|è esploso|sono esplosi|è stat[oa] fatt[oa] esplodere|detonat[oaie]|scoppiat[oaie]|saltat[oaie] in aria)",
            STRONG,
        ),
        (
            r"(?:saltat[oi]|salta(?:no)?) su una mina|esplosione di (?:una|un) (?:mina|bomba|granata|autobomba|ordigno)|fatt[oi] (?:esplodere|saltare in aria)|(?:far|fa|fanno|hanno fatto) (?:esplodere|saltare in aria)|fatto detonare",
            STRONG,
        ),
        (
            r"(?:forte|potente|violenta|doppia|serie di|diverse|due|forti|potenti|violente) esplosion[ei]|esplosion[ei] (?:ha |hanno )?(?:scosso|squarciato|ucciso|provocato|causato|distrutto|danneggiato|colpito)|(?:boato|deflagrazione) (?:ha |hanno )?(?:scosso|ucciso|distrutto)",
            STRONG,
        ),
        (
            r"bomba a mano|bombe a mano|granat[ae](?! lacrimogen[ea]| stordenti| fumogen[ea]| d'artiglieria| di artiglieria| di mortaio)|mine antiuomo|mine anticarro|mina antiuomo|mina anticarro",
            STRONG,
        ),
        (r"attentat[oi]|esplosion[ei]|deflagrazion[ei]|campi minati|campo minato", FAINT),
    ],
    T.AIR_RAID_ALERT: [
        (
            r"allarm[ei] (?:aere[oi]|antiaere[oi])|allert[ae] (?:aerea|antiaerea)|allarm[ei] (?:missili|missilistic[oi]|antiaere[oi]|per (?:missili|razzi|droni))|allert[ae] (?:missili|missilistic[ae]|per (?:missili|razzi|droni))",
            STRONG,
        ),
        (
            r"siren[ae] (?:\w+ ){0,2}?(?:ha suonato|è suonata|hanno suonato|suonano|suonavano|sono suonate|hanno risuonato|risuonano|ululano|sono scattate|sono entrate in funzione|hanno svegliato|hanno costretto|hanno interrotto)|(?:suonano|suonate|risuonano|scattate) (?:le )?sirene",
            STRONG,
        ),
        (
            r"(?:rifugiat[oi]|rifugiarsi|si sono rifugiat[ie]|nascost[oi]|dorm(?:e|ono|ire|ito)|corsi|corrono|correre|scesi|scendere|raggiungere|restare|rimanere|stare|entrare|recarsi) (?:\w+ ){0,2}?(?:nei |nelle |in |nel |negli )?(?:rifugi|rifugio|scantinati|cantine|bunker|metropolitana|stazioni della metro)",
            STRONG,
        ),
        (r"sirene (?:antiaeree|antiaerea|d'allarme|di allarme|antimissile)", STRONG),
        # nominal headlines: "sirene a Kiev", "sirene in tutto il Paese"
        (
            r"rifugi? antiaere[io]|rifugi? antibomba|sirene (?:a|in|su|sul|sulla|nel|nella|nei|nelle|nell'|anche|ancora|di nuovo)|(?:suona|risuona|scatta|è scattato) (?:di nuovo |ancora )?l'allarme(?! (?:bomba|smog|incendio|antincendio|furto))",
            WEAK,
        ),
    ],
    T.EVACUATION: [
        (
            r"evacu(?:at[oaie]|azione|azioni|ano|are|ando|ò|arono|ava)|(?<!campo di )(?<!campi di )(?<!campo per )sfollat[oi]|sfollament[oi]",
            STRONG,
        ),
        (
            rf"(?:fuggit[oi]|fugg(?:ono|ire|endo|e)|in fuga da|costrett[oiae] (?:a fuggire|a lasciare|ad abbandonare)|hanno lasciato le loro case|abbandonato le (?:loro )?case) {GAP2}(?:(?:le |dalle )?(?:loro )?(?:case|abitazioni|villaggi)|combattimenti|bombardamenti|guerra|violenze|città|regione)",
            STRONG,
        ),
        (
            r"(?:residenti|civili|abitanti|famiglie|popolazione|migliaia|centinaia) (?:[\w'-]+ ){0,2}?(?:fuggono|scappano|sono fuggit[ie]|sono scappat[ie]|in fuga|(?:ha |hanno )?(?:già )?(?:lasci|abbandon)(?:ano|ato|at[ie]) (?:le loro case|le case|la città|il paese|la regione|i villaggi))",
            STRONG,
        ),
        (r"sfollati interni|esodo|ondat[ae] di profughi|flusso di profughi|afflusso di profughi", STRONG),
        (rf"{_NUMBER} (?:\w+ ){{0,3}}?(?:sono fuggit[ie]|sono stat[ie] sfollat[ie]|hanno lasciato le loro)", STRONG),
        (r"corrido(?:io|i) umanitari[oi]|pulizia etnica|espulsioni di massa", STRONG),
        (r"(?<!campo )(?<!campi )(?:profughi|rifugiati)|rimpatri(?:at[oiae]|ato|ano|a|ò|arono|are)", WEAK),
        (
            r"(?:per sfuggire|sfuggendo|in fuga|fuggendo|fuggit[oiae]|scappat[oiae]|scappando) (?:a|ai|agli|alla|alle|dai|dagli|dalle|dal|dalla) (?:\w+ )?(?:raid|bombardamenti|combattimenti|attacchi|violenze|scontri|guerra|bombe|missili)|(?:lasci|abbandon|fugg|scapp)\w* (?:\w+ ){0,3}?(?:mentre avanzano|davanti all'avanzata|per l'avanzata|sotto le bombe|sotto i bombardamenti|per i combattimenti|per i bombardamenti)",
            STRONG,
        ),
    ],
    T.OFFENSIVE: [
        (
            rf"(?:lanci|avvi|avviat|inizi|cominci|scaten|ripres|ripren|intensific|annunci|sferr|condu|prosegu|allarg)\w* {GAP3}(?:offensiva|controffensiva|invasione|assalto|incursione|operazione (?:militare|di terra|terrestre|antiterrorismo|speciale)|operazioni militari)",
            STRONG,
        ),
        (
            r"(?:offensiva|controffensiva|invasione|incursione) (?:\w+ )?(?:contro|su|nel|nella|verso|è iniziata|di terra|terrestre|militare|su larga scala)|offensiv[ae] di terra|invasione su larga scala",
            STRONG,
        ),
        (r"operazion[ei] (?:militar[ei]|di terra|terrestr[ei]|antiterrorismo|special[ei])", STRONG),
        (
            r"invas[oi] (?:il|la|l'|lo)|hanno invaso|ha invaso|invadere|invadendo|invasione (?:del|della|dell')|dichiar(?:at[oa]|a|ano|ò|azione di) (?:la )?guerra",
            STRONG,
        ),
        (
            rf"{_ARMED} (?:\w+ ){{0,2}}?(?:hanno |ha |sono )?(?:attraversato il confine|sconfinat[oi]|penetrat[ie]|avanzat[ie] verso|entrat[ie] in|entrate in)",
            STRONG,
        ),
        (r"offensiva|controffensiva|(?:apert\w*|apr\w*) un nuovo fronte|attacco (?:a sorpresa|su larga scala|massiccio)", WEAK),
    ],
    T.MOBILIZATION: [
        (
            r"mobilitazione (?:generale|parziale|militare|dei riservisti)|richiam\w* (?:dei |i |alle armi )?riservisti|riservisti|richiamo alle armi",
            STRONG,
        ),
        (
            rf"(?:schier|dispieg|ammass|concentr|rafforz|invi|mand|trasfer|spost|potenzi)\w* {GAP3}(?:truppe|soldati|bombardieri|caccia|aerei da combattimento|carri armati|blindati|militari|rinforzi|forze armate|reparti|battaglioni|brigate|navi da guerra|portaerei|sistemi di difesa)",
            STRONG,
        ),
        (
            rf"(?:schier|dispieg|ammass)\w* {GAP3}(?:batterie(?! (?:di pannelli|solari|al litio|di accumulo|elettriche))|sistemi missilistici|lanciarazzi|mezzi corazzati|cannoni|artiglieria)",
            STRONG,
        ),
        (
            r"(?:schieramento|concentramento|ammassamento|dispiegamento|movimenti|rafforzamento) (?:militar[ei]|di (?:[\d.,]+ |altri |nuovi )?(?:soldati|militari|marines|paracadutisti|riservisti|truppe)|di truppe|di forze|di blindati|di carri armati)|truppe ammassate|rafforz\w* (?:il |i |la |le )?(?:confine|confini|frontiera|fianco|presenza militare)(?: (?:con|orientale|nord|sud) [\w ]{0,40}?(?:truppe|soldati|militari|blindati))?",
            STRONG,
        ),
        (
            rf"{_ARMED} (?:\w+ ){{0,2}}?(?:sono stat[ie] |sono |erano )?(?:schierat[ie]|dispiegat[ie]|ammassat[ie]|inviat[ie]|in stato di allerta|in massima allerta|in allerta)",
            STRONG,
        ),
        (
            r"massima allerta|stato di allerta|prontezza al combattimento|servizio militare obbligatorio|leva obbligatoria|colonn[ae] di (?:blindati|carri armati)|convogli militari",
            WEAK,
        ),
        (r"mobilitazione", WEAK),
    ],
    T.TERRITORIAL_CHANGE: [
        (
            rf"(?:pres[oa]|conquistat[oa]|conquista(?:no)?|ripres[oa]|riconquistat[oa]|liberat[oa]|libera(?:no)?|occupat[oa]|occupa(?:no)?|catturat[oa]|espugnat[oa]) (?:il |la |lo |i |le |gli |l'|del |della )?(?:controllo (?:totale |completo )?(?:di |del |della |dell'|su )(?:la |il |l')?)?{GAP2}{_PLACE}",
            STRONG,
        ),
        (
            r"(?:pres[oi]|ripres[oi]|assunt[oi]|ottenut[oi]|riconquistat[oi]|pers[oi]|prend(?:e|ono)|riprend(?:e|ono)|assum(?:e|ono)|strappa(?:no|to)?|strappat[oaie]) (?:[\w'-]+ ){0,3}?il (?:pieno )?controllo (?:di|del|della|dell'|su)(?! (?:la )?(?:situazione|partita|gioco|centrocampo|palla|match))|(?:si sono |si è |s')?impadroni(?:t[oiae]|sc(?:e|ono)) (?:\w+ ){0,2}?(?:di|del|della|dell'|dei|delle)|(?:rivendic|annunci|conferm)\w* (?:la )?(?:presa|conquista|caduta|liberazione|cattura) (?:di|del|della|dell')|(?:è |sono )?cadut[oaie] (?:in mano|nelle mani|sotto il controllo) (?:a|ai|agli|al|alla|alle|di|del|dei|degli|della|delle)|(?:è |sono )?passat[oaie] sotto (?:il )?controllo|(?:pass|cad)(?:e|ono|a|ano) (?:nelle mani|in mano|sotto il controllo) (?:a|ai|agli|al|alla|alle|di|del|dei|degli|della|delle)",
            STRONG,
        ),
        (
            r"(?:si sono ritirat[ie]|si è ritirat[oa] da(?= (?!(?:i|gli) (?:negoziati|colloqui)|ll[ae] (?:trattative|corsa|gara|politica)|ll'accordo))|costrett[ie] a ritirarsi|costrett[ie] alla ritirata|ritirata (?:delle|dei) (?:truppe|forze))|cacciat[oi] (?:le |i |gli )?(?:truppe|forze|ribelli|jihadisti|occupanti|nemici)|scacciat[oi] (?:le |i )?(?:truppe|forze)",
            STRONG,
        ),
        (r"(?:consegnat|cedut|restituit)[oaie] (?:\w+ ){0,3}?(?:villaggi?|territori?|distretti?|regione|città)", STRONG),
        (
            r"(?:issat|innalzat)[oaie] (?:\w+ ){0,2}?bandiera|bandier[ae] (?:\w+ ){0,2}?(?:issat|innalzat|sventol)\w* (?:su|sul|sulla|sull'|sui|sopra)",
            WEAK,
        ),
        # the capture told in the passive or with its agent: "il villaggio è stato liberato", "occupata dalle truppe russe"
        (
            rf"{_PLACE} (?:di [\w'-]+ )?(?:è|sono) (?:stat[oaie] (?:liberat|conquistat|ripres|riconquistat|occupat|espugnat|pres)[oaie](?! di mira| d'assalto)|cadut[oaie])|(?:presa|ripresa|conquistat[oaie]|riconquistat[oaie]|occupat[oaie]|espugnat[oaie]) (?:dalle|dai|dagli|dall'|dal|dalla) (?:\w+ )?{_ARMED}|(?<!ostaggi )(?<!ostaggio )(?<!prigionieri )liberat[oaie] (?:dalle|dai|dagli|dall'|dal|dalla) (?:\w+ )?{_ARMED}",
            STRONG,
        ),
        (rf"{_ARMED} (?:[\w'-]+ ){{0,3}}?(?:hanno |ha )?(?:consegnato|ceduto|restituito|consegnano|cedono)", STRONG),
        (
            rf"{_ARMED} (?:[\w'-]+ ){{0,4}}?(?:hanno |ha )?(?:preso|conquistato|ripreso|riconquistato|liberato|occupato|espugnato|conquistano|conquista|liberano|riprendono|prendono|occupano|espugnano|riconquista|riprende|prende|occupa|libera|espugna|rientra(?:no)? (?:a|in|nel|nella)(?! (?:patria|caserma|servizio|casa))|sono rientrat[ie] (?:a|in|nel|nella)(?! (?:patria|caserma|servizio|casa)))(?= (?!il controllo della situazione|l'incendio|la parola|le strade|le piazze|la piazza|l'aula|i binari|la strada|posizione))",
            STRONG,
        ),
    ],
    T.CEASEFIRE_BREACH: [
        (
            r"(?:violazion[ei]['»”’]?|violat[oaie]|viola(?:no|re|ndo)?|violano|rott[oaie]|romp(?:e|ono|ere|endo)|rottura|infrant[oaie]|strapp[oi] (?:al|alla)) (?:del |della |il |la |di una |di un )?(?:\w+ )?(?:cessate il fuoco|tregua|armistizio)",
            STRONG,
        ),
        (
            r"(?:cessate il fuoco|tregua)(?: \w+){0,3}? (?:è stat[oa] |è )?(?:violat[oa]|rott[oa]|infrant[oa]|crollat[oa]|fallit[oa]|saltat[oa]|non ha retto|non regge|(?:è )?durat[oa] (?:solo |appena )?(?:poche|pochi|qualche)|dura (?:solo |appena )?(?:poche|pochi|qualche))",
            STRONG,
        ),
        (
            r"(?:saltat[oa]|crollat[oa]|fallit[oa]|naufragat[oa]) (?:[\w'-]+ ){0,4}?(?:il |la )?(?:cessate il fuoco|tregua)|in violazione del (?:cessate il fuoco|la tregua)|in violazione della tregua|nonostante (?:il cessate il fuoco|la tregua)",
            STRONG,
        ),
    ],
    T.BLOCKADE: [
        (
            r"(?:impost[oa]|impone|impongono|imporre|dichiarat[oa]) (?:un |il )?blocco|blocco (?:navale|militare|totale|israeliano|russo|di gaza|della striscia|dei porti|degli aiuti)|assedi(?:o|at[oaie]|ano|ato)|sotto assedio|accerchiat[oaie]|accerchiamento|circondat[oaie] dalle (?:truppe|forze)|(?:tengono|tiene|hanno|ha) (?:\w+ )?circondat[oaie]",
            STRONG,
        ),
        (
            r"(?:confine|confini|valico|valichi|strada|strade|corridoio|aeroporto|porto)\w* (?:[\w'-]+ ){0,3}?(?:è stat[oa] |sono stat[ie] |è |sono |resta |restano )?(?:chius[oaie]|bloccat[oaie]|interrott[oaie])|(?:chiusura|blocco) (?:del|della|dei|delle) (?:corridoio|valico|valichi|confine|strada|porto|aeroporto)|(?:chiu(?:de|dono|so|sa|si|se)|blocca(?:no|to)?|bloccat[oaie]|sigill\w*|sbarr\w*) (?:il |la |lo |i |le |gli |l')?(?:valic[oh]i?|confin[ei]|frontier[ae]|corrido(?:io|i)|port[oi]|aeroport[oi]|stretto|accesso|spazio aereo|striscia|enclave)|tagliat[oaie] fuori|(?:resta|rimane|è) isolat[oa]|accerchi(?:a|ano|ando|arono|ò)",
            WEAK,
        ),
        (
            rf"(?:blocc|interromp|interrott|impedit|ostacol)\w* {GAP3}(?:gli aiuti umanitari|il traffico (?:navale|marittimo)|(?:l'unica |la |le )?strad[ae]|(?:le )?vi[ae] di (?:accesso|rifornimento)|(?:le )?linee di rifornimento|la navigazione|le rotte (?:commerciali|marittime)|l'ingresso degli aiuti|i convogli|i rifornimenti|le forniture|l'approvvigionamento|la consegna di (?:aiuti|carburante|cibo)|l'accesso umanitario)",
            STRONG,
        ),
    ],
    T.CASUALTIES: [
        (
            rf"{_NUMBER} (?:\w+ )?{_VICTIMS} (?:\w+ ){{0,2}}?(?:sono stat[ie] |sono |hanno |risultano )?(?:uccis[ie]|mort[ie]|ferit[ie]|deceduti|perso la vita|rimasti uccisi|rimasti feriti)",
            STRONG,
        ),
        (
            rf"(?:uccis[oaie]|uccidendo|ferendo|ferit[oaie]|mort[oai]|causat[oi]|provocat[oi]|causando|provocando|bilancio di|ucciso|uccide|uccidono) {_NUMBER} (?:\w+ )?(?:vittime|{_VICTIMS})",
            STRONG,
        ),
        (
            r"(?:bilancio|numero) (?:\w+ )?(?:delle vittime|dei morti|di \d+ morti|è salito)|vittime civili|morti e (?:\w+ )?feriti|hanno perso la vita|ha perso la vita|mort[oa] per le ferite|decedut[oa] per le ferite|(?:causat[oa]|provocat[oa]|causando|provocando) la morte di",
            STRONG,
        ),
        (
            rf"{_NUMBER} (?:vittime|morti|feriti)|{_PERSON}(?: [\w']+){{0,2}}? (?:è (?:mort[oa]|stat[oa] uccis[oa]|rimast[oa] ferit[oa])|muore|mort[oa]|uccis[oa]|ferit[oa])\b|(?:uccis[oa]|mort[oa]|ferit[oa]|muore|rimast[oa] (?:uccis|ferit)[oa]) (?:anche )?(?:un|una|uno|il|la|l'|un') ?(?:\w+ )?{_PERSON}",
            STRONG,
        ),
        # nominal headlines: "decine le vittime", "un morto", "è strage", "strage di civili"
        (
            rf"(?:decine|centinaia|migliaia|dozzine|\d+) (?:le|i) (?:vittime|morti|feriti)|(?:strage|massacro|eccidio|carneficina) (?:di|tra i|fra i|tra le) (?:\w+ )?{_VICTIMS}|(?:neutralizzat|eliminat)[oiae] {_NUMBER} (?:\w+ )?(?:terroristi|miliziani|jihadisti|combattenti|militanti|ribelli|insorti|nemici)",
            STRONG,
        ),
        (r"morti|feriti|uccisi|uccisione (?:del|della|di|dei|delle)|un (?:morto|ferito)(?! (?:di|che))|è strage", WEAK),
    ],
    T.THREAT: [
        (
            rf"minacci(?:a|ano|ato|ando|ò|arono) (?:di )?[«“]?{GAP3}(?:ridurre in cenere|radere al suolo|attaccare|bombardare|invadere|ritorsioni|rappresaglie|rispondere|rispost[ae]|guerra|usare la forza|distruggere|annientare|intervenire militarmente|attacchi|armi nucleari|nucleare)",
            STRONG,
        ),
        (r"legge marziale|stato (?:di |d')(?:emergenza|assedio|guerra)|coprifuoco", STRONG),
        (
            r"(?:promess[oi]|giurat[oi]|promette|giura) (?:una )?(?:risposta|ritorsioni|rappresaglie|vendetta|di vendicarsi|di rispondere|di schiacciare|di distruggere)|risposta (?:durissima|militare|devastante|dura)",
            STRONG,
        ),
        (
            r"avvert\w* (?:[\w']+ ){0,6}?(?:di una guerra|di ritorsioni|di rappresaglie|di una risposta militare|armi nucleari|risponder(?:à|anno|ebbe|ebbero) con (?:la )?forza)|risponder(?:à|anno|ebbe|ebbero) (?:\w+ )?con (?:la )?(?:forza|fermezza|tutti i mezzi)|(?:avverte|avvertono|ha avvertito|hanno avvertito|minaccia|ha minacciato) (?:[\w']+ ){0,3}?che (?:\w+ ){0,2}?(?:trasformerà|raderà|distruggerà|attaccherà|risponderà|colpirà|cancellerà|annienterà|invaderà|bombarderà)|sull'orlo della guerra|venti di guerra|(?:significherebbe|sarebbe|vorrebbe dire|equivarrebbe a) (?:la |una )?(?:guerra|dichiarazione di guerra)",
            STRONG,
        ),
        (r"(?:chied|invoc|sollecit)\w* (?:un )?intervento (?:militare|internazionale|straniero)", STRONG),
    ],
    T.UNREST: [
        (r"disordini|tumulti|saccheggi\w*|guerriglia urbana|scontri di piazza|proteste violente|violente proteste", STRONG),
        (
            r"(?:polizia|agenti|forze dell'ordine|forze di sicurezza|militari|soldati) (?:\w+ ){0,2}?(?:spara(?:no)?|ha sparato|hanno sparato|apr(?:e|ono) il fuoco|carica(?:no)?|ha caricato|hanno caricato) (?:\w+ ){0,2}?(?:su|sui|sulla|sulle|contro) (?:i |la |le )?(?:\w+ )?(?:manifestanti|dimostranti|folla|corteo|studenti)|(?:carica(?:no|t[oi])?|ha caricato|hanno caricato) (?:i |la |le )?(?:\w+ )?(?:manifestanti|dimostranti|folla|corteo)|(?:manifestanti|dimostranti) (?:\w+ ){0,2}?(?:hanno |ha )?(?:assaltato|preso d'assalto|fatto irruzione|invaso|dato alle fiamme|incendiato|devastato)|gas lacrimogen[oi]|lacrimogeni|idranti|proiettili di gomma|pallottole di gomma|cariche della polizia|caricat[oi] dalla polizia",
            STRONG,
        ),
        (
            r"(?:proteste?|manifestazion[ei]|cortei?) (?:\w+ )?(?:degenerat[ie]|sfociat[ie] in scontri|violent[ie])|manifestanti (?:sono stati )?(?:uccisi|feriti|dispersi)|scontri (?:con|tra) (?:la polizia|le forze dell'ordine|manifestanti|i manifestanti)",
            STRONG,
        ),
        (
            r"(?:incendiat|dat[oi] alle fiamme|assaltat)\w* (?:\w+ ){0,3}?(?:edifici|commissariato|municipio|negozi|parlamento|veicoli)",
            WEAK,
        ),
    ],
    T.DE_ESCALATION: [
        (
            rf"(?:concord|firmat|firma|siglat|annunciat|raggiunt|negoziat|ottenut|proclamat|accett)\w* {GAP3}(?:cessate il fuoco|tregua|accordo di pace|armistizio|trattato di pace)",
            STRONG,
        ),
        (
            r"(?:cessate il fuoco (?:[\w'-]+ ){0,4}?|tregua (?:\w+ )?)(?:è entrat[oa] in vigore|entra in vigore|regge|tiene|è stat[oa] concordat[oa])|accordo (?:di pace|per il cessate il fuoco|di cessate il fuoco)|trattato di pace",
            STRONG,
        ),
        (
            r"colloqui di pace|negoziati di pace|trattative di pace|processo di pace|(?:torn|ritorn)\w* al tavolo|(?:ripresa|avvio) (?:dei |delle )?(?:negoziati|colloqui|trattative)",
            WEAK,
        ),
        (
            r"(?:complet|conclu|avvi|inizi)\w* il ritiro|ritiro (?:\w+ )?(?:delle |dei |di )?(?:truppe|forze|soldati|militari)|ritirat[oi] (?:le |i )?(?:sue |loro |propri[ei] )?(?:truppe|forze|soldati)|ritira(?:no)? (?:le |i )?(?:sue |loro |propri[ei] )?(?:truppe|forze|soldati)",
            STRONG,
        ),
        (
            r"(?:consegn|cedu|cedo|restitu|ritir)\w* (?:[\w'-]+,? ){0,6}?(?:come previsto dall'accordo|in base all'accordo|secondo l'accordo|nell'ambito dell'accordo|come concordato)|scambio di prigionieri|scambi\w* (?:\w+ ){0,3}?(?:prigionieri|ostaggi)|(?:liberat|rilasciat)\w* (?:\w+ ){0,2}?(?:ostaggi|prigionieri di guerra)",
            STRONG,
        ),
        (
            r"(?:revoc|riapr|riapert|toll)\w* (?:il |la |lo |l')?(?:blocco|assedio|coprifuoco|confine|corridoio|valico)|riapertura (?:del |dei |della )(?:confine|corridoio|valico|valichi)",
            STRONG,
        ),
    ],
}

#: The everyday-sense families in Italian words; lexicon.ROMANCE_BENIGN says which signal types each one masks.
FAMILIES: dict[str, str] = {
    "games": r"videogiochi|videogioco|\bgamers?\b|console|playstation|xbox|nintendo",
    "sports": r"calcio|serie a|champions|\bpartit[ae]\b|campionato|attaccant[ei]|bomber|portiere|\bporta\b|area (?:avversaria|di rigore)|atalanta|fiorentina|secondo tempo|primo tempo|\bgol\b|tennis|rugby|basket|pallavolo|ciclis\w*|gruppo di testa|giro d'italia|regata|velic\w*|\bmondiali\b|coppa del mondo|olimpi\w*|allenatore|tifosi|rigore|pugilato|\bclub\b|squadra|stagione|calciomercato|scacchi|juventus|\bjuve\b|\binter\b|\bmilan\b|rossoneri|nerazzurri|bianconeri|giallorossi|biancocelesti|partenopei",
    "culture": r"botteghino|\bfilm\b|cinema|\bserie tv\b|\balbum\b|canzone|romanzo|spettacolo|festival|\bmostre\b|\bmostra (?:fotografica|d'arte|dedicata|antologica)|museo|documentario|teatro(?! (?:di guerra|delle operazioni|del conflitto))|comico|sanremo",
    "labour": r"sciopero|scioperi|sindaca\w*|lavoratori|salari|stipendi|vertenza|contratto nazionale|cgil|cisl|uil",
    "business": r"aziend[ae]|società|grupp[oi] industrial[ei]|marchi[oi]?|(?<!centro )(?<!centri )commercial\w*|azionisti|investitori|borsa|piazza affari|ftse mib|\bprezz[oi]\b|fatturato|vendite|clienti|consumatori|\bmercati\b|mercato (?:azionario|finanziario|obbligazionario|dei cambi|immobiliare|del lavoro|dell'auto|unico|interno|globale|europeo|italiano)|start-?up|pubblicit\w*|marketing|inflazione|tassi d'interesse|rialzo dei tassi|banca centrale|\bbce\b|\bfed\b|spread|\bbtp\b",
    "disasters": r"terremoto|piogge|torrenzial\w*|nubifragi\w*|esondazion\w*|allagat\w*|sisma|alluvion\w*|inondazion\w*|uragano|ciclone|tempesta|maltempo|incendi? boschiv\w*|ondata di calore|valanga|fran[ae]|epidemia|pandemia|incidente stradale|incidenti stradali|incidente aereo|naufragio",
    "politics": r"parlamento|camera dei deputati|senato|elezioni|elettoral\w*|sondaggi?|campagna elettorale|deputat\w*|candidat\w*|partit[oi] (?:democratico|politic\w*)|social network|\bsocial\b",
}

#: Cues in the sentence (or the title) that turn a trigger into a benign sense.
BENIGN: dict[T, str] = benign_cues(
    FAMILIES,
    {
        T.SHELLING: r"bombardat\w* (?:di|da) (?:domande|critiche|messaggi|telefonate|email|pubblicità|notifiche|richieste|informazioni)|satellit\w*|razzo spaziale|spazial\w*|test missilistic\w*|lancio di prova|fuochi d'artificio",
        T.ARMED_CLASH: r"(?:lotta|battaglia) contro (?:il |la )?(?:cancro|malattia|povertà|inflazione|disoccupazione|corruzione)|attacchi informatici|cyberattacc\w*|hacker|riprese|scontro (?:frontale|tra (?:due |un |una )?(?:auto|tir|treni|veicoli|camion|moto|pullman))|incidente (?:sull'|sulla|stradale)",
        T.EXPLOSION: r"esplosione (?:dei prezzi|delle vendite|della domanda|di gioia|di rabbia|dei contagi|demografica)|bomba (?:d'acqua|mediatica|sexy)|fuochi d'artificio|botti|fuga di gas|esplosione di gas|bombola|ordign[oi] bellic[oi]|residuat[oi] bellic[oi]|disinnesc\w*|\bgol\b|tifosi|esplodere (?:di gioia|lo stadio)|caldaia|incidente (?:industriale|sul lavoro)|impianto chimico|grisù|supernova",
        T.AIR_RAID_ALERT: r"esercitazion\w*|simulazion\w*|prova (?:delle )?sirene|test delle sirene|test (?:\w+ ){0,3}?(?:sirene|allarm\w*)|giorno della memoria|minuto di silenzio|a sirene spiegate|sirena (?:della|dello|di) (?:fabbrica|stabilimento|nave|porto|ambulanza|polizia)|sirene (?:della polizia|delle ambulanze|dei vigili)|allerta (?:meteo|rossa|arancione|gialla)|vigili del fuoco|ambulanz\w*|videogiochi",
        T.EVACUATION: r"allarme bomba|pacco sospetto|falso allarme|per precauzione|precauzional\w*|incendio|fuga di gas|esercitazion\w*|prov[ae] di evacuazione|investitori|borsa|mercat[oi]|migranti|irregolari|(?:chied|sollecit|invoc|reclam)\w* (?:\w+ ){0,4}?corrido(?:io|i) umanitari|rimpatri (?:dei|di) \w+|salm[ae]",
        T.OFFENSIVE: r"studenti|manifestanti|tifosi|offensiva (?:diplomatica|commerciale|mediatica|pubblicitaria|di charme|giudiziaria|fiscale|del freddo)|evasione|fisco|tasse|contribuenti|la stampa|giornalisti|libertà di stampa|invasione di (?:cavallette|zanzare|meduse|turisti|cinghiali|campo)|specie invasiv\w*",
        T.MOBILIZATION: r"mobilitazione (?:contro|per) (?:la |il |le |l')?(?:riforma|pensioni|clima|legge|progetto)|mobilitazione (?:cittadina|sociale|degli elettori|studentesca|sindacale)|volontari|vigili del fuoco|soccorritori",
        T.TERRITORIAL_CHANGE: r"pres[oa] (?:posizione|la parola|il comando della classifica|la guida)|presa di posizione",
        T.BLOCKADE: r"agricoltori|camionisti|tassisti|manifestanti|attivisti|lavori|neve|nebbia|maltempo|fran[ae]|alluvion\w*|piogge|incendio|fiamme|vigili del fuoco|guasto|traffico (?:stradale|cittadino|in tilt)|code|turisti|turismo|maratona|sfilata|account|social|blocco (?:dei conti|delle carte|degli sfratti|dei licenziamenti|del traffico)",
        T.CASUALTIES: r"incendio|incidente|femminicidio|camorra|mafi\w*|'ndrangheta|cosa nostra|rapina|\blite\b|rissa|accoltellat\w*|scontro frontale|intossicazion\w*|infortun\w*|ondata di calore|annegat\w*|caldo",
        T.THREAT: r"specie minacciat\w*|minaccia per (?:l'occupazione|il clima|l'ambiente|la biodiversità)|minacci\w* (?:di )?(?:retrocessione|fallimento|chiusura|dimettersi|querela)|emergenza (?:sanitaria|climatica|idrica|caldo)|allerta meteo|guerra (?:commerciale|dei dazi|tariffaria)|\bdazi\b",
        T.UNREST: r"saccheggio (?:di dati|delle risorse)",
        T.DE_ESCALATION: r"(?:violazion|violat|rott)\w* (?:del |della |il |la )?(?:cessate il fuoco|tregua)|accordo (?:commerciale|di libero scambio|salariale)|guerra commerciale|tregua (?:olimpica|natalizia|politica|elettorale|parlamentare|commerciale|sui dazi)",
    },
)

#: Words before a trigger, in its sentence, that negate or deny it.
NEGATION = r"(?<!\w)(?:non|né|senza|mai|nessun|nessuna|nessuno|smentit\w*|smentisc\w*|smentisce|negat\w*|nega|negano|respint\w*|fals[oiae]|fake news|voci di|bufala|dopo (?:\w+ )?(?:giorni|settimane|mesi|anni) di)\b"

#: A denial earlier in the sentence: "ha smentito le notizie secondo cui...".
DENIAL = r"\b(?:smentit[oaie]|smentisc\w*|negat[oaie]|nega|negano|respint[oaie]) (?:[\w'’-]+ ){0,4}?(?:notizi[ae]|informazion[ei]|voci|accuse|indiscrezioni|ricostruzion[ei]|che)\b"

#: Words just after a trigger that deny it ("i bombardamenti non sono ripresi").
NEGATION_AFTER = r"(?<!\w)(?:non (?:sono|è|ci sono|c'è|ha|hanno|si sono|si è|risulta|risultano|registrat)\w*|(?:è|sono|era|erano|risulta|risultano) (?:fals[oaie]|smentit[oaie]|infondat[oaie]))"

#: Words before a trigger that make it hypothetical, threatened or future.
HEDGE = r"(?<!\w)(?:minacci\w*|valut\w*|ipotizz\w*|potrebbe|potrebbero|può|possono|se|in caso di|pianifica\w*|prevede|prevista|previsto|intend\w*|pront[oiae] a|tem(?:e|ono|ere|uto) (?:che|di)?|timori? di|rischio di|possibil\w*|eventual\w*|esercitazion\w*|simulazion\w*|evitare|impedire|prevenire)\b"

#: Demands and appeals whose object is the trigger: asked for, not done.
DEMAND = r"\b(?:chied(?:e|ono|eva|ere)|chiest[oa]|esig\w*|reclam\w*|sollecit\w*|invoc\w*|esort\w*|appell\w* (?:a|per)|invit\w*)\b(?: [\w'’-]+){0,6}? (?:a|al|alla|di|del|della|per|un|una|il|la|che)?\s*(?:un |una |il |la |lo |l'|i |le |gli )?(?:immediat\w* |complet\w* |total\w* )?$"

#: Mentions of past events that are not news today.
HISTORICAL = r"(?<!\w)(?:(?:prima|seconda) guerra mondiale|grande guerra|(?:\d+|due|tre|dieci|venti|trenta|quaranta|cinquanta|cento|molti) anni fa|\w+'anni fa|decenni fa|anniversario|commemor\w*|memoriale|in memoria|ricord\w*|storicamente|storia di|resistenza partigiana)\b"

#: Dates and named past wars, which date only their own clause.
DATED = r"(?<!\w)(?:nel (?:19|20)\d\d|durante la guerra (?:del \d{4}|in \w+)|la guerra del (?:19|20)\d\d|negli anni (?:\d\d|sessanta|settanta|ottanta|novanta))"

#: Words that open a new clause: a negation before one of them belongs to another verb.
CLAUSE_OPENER = r"\b(?:mentre|quando|dopo che|prima che|perché|poiché|ma|e|dove|che|chi|sebbene|benché)\b"
