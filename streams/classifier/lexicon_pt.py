"""Portuguese lexicon: trigger patterns per signal type and the cues that veto them.

Portuguese inflects verbs by tense, person and number, and participles by gender and
number ("bombardeou, bombardearam, bombardeado, bombardeadas"), so triggers name a
stem with its endings, or `\\w*` where the stem is the word's own. European and
Brazilian spellings differ ("ação/acção", "ônibus/autocarro", "direção/direcção", "interceptado/intercetado"),
so both are listed where they part. Contractions join prepositions and articles
("no", "na", "do", "da", "pelo"): phrases spell them. Negation is "não" before the
verb and "nem", "sem", "nenhum"; a denial ("desmentiu", "negou") may sit earlier in
the sentence. Strengths as in lexicon_en.

Why phrases: "ataque", "chute", "bomba", "golpe" and "guerra" are everyday words in
sport ("o ataque do Flamengo"), business ("guerra de preços") and culture ("o filme
foi uma bomba"); an armed actor, weapon or military target keeps the literal sense,
and BENIGN catches the rest.
"""

from tocsin.records import SignalType as T
from tocsin.streams.classifier.lexicon import FAINT, GAP2, GAP3, ROMANCE_BENIGN, STRONG, WEAK, benign_cues, either

_ARMED = r"(?:tropas|forças|soldados|militares|exército|rebeldes|insurgentes|jihadistas|terroristas|combatentes|milicianos|milícias?|homens armados|pistoleiros|guerrilheiros|separatistas|paramilitares|talibãs|talibans|comandos?|mercenários|unidades)"
_AIRCRAFT = (
    r"(?:força aérea|aviões|avião(?: de combate| de guerra)?|aviação|caças|bombardeiros?|helicópteros?(?: de combate)?|drones?|aeronaves?)"
)
_NUMBER = r"(?:\d[\d.,]*|dois|duas|três|quatro|cinco|seis|sete|oito|nove|dez|onze|doze|quinze|vinte|trinta|cinquenta|cem|vários|várias|dezenas de|centenas de|uma dezena de|(?:pelo menos|mais de|quase|cerca de) [\w,.]+)"
_VICTIMS = r"(?:pessoas|civis|soldados|militares|polícias|policiais|agentes|habitantes|moradores|crianças|mulheres|combatentes|manifestantes|residentes|membros|mortos|feridos)"
_PLACE = r"(?:cidade|cidades|vila|vilas|aldeia|aldeias|povoado|localidade|localidades|posição|posições|base|bases|aeroporto|porto|ponte|colina|região|distrito|bairro|capital|território|bastião|reduto|enclave|central)"

TRIGGERS: dict[T, list[tuple[str, float]]] = {
    T.SHELLING: [
        # European Portuguese names the act "bombardeamento", Brazilian "bombardeio"; the verb is the same
        (
            r"bombarde(?:io|ios|amentos?|ou|aram|ia|iam|ava|avam|ado|ada|ados|adas|ar|ando)(?! aéreos?)(?!(?: [\w-]+){0,3}? com (?:drones?|aviões|caças|helicópteros))",
            STRONG,
        ),
        (
            r"(?:fogo|disparos|ataques?|barragens?|chuva|salvas?|tiros?) de (?:artilharia|foguetes|mísseis|morteiros?|obuses)|ataques? (?:com|de) (?:foguetes|mísseis|morteiros|artilharia)",
            STRONG,
        ),
        (
            r"(?:foguetes?|mísseis|míssil|obuses|projéteis|projécteis|projétil|morteiros?|granadas de morteiro) (?:[\w-]+ ){0,3}?(?:caíram|caiu|caem|cai|atingiram|atingiu|atingem|atinge|explodiram|explodiu|foram (?:lançados|disparados)|foi (?:lançado|disparado))",
            STRONG,
        ),
        (
            rf"(?:dispar(?:ou|aram|a|am|ando|ado)|lanç(?:ou|aram|a|am|ando|ado)) {GAP3}(?:foguetes|mísseis|míssil|obuses|projéteis|morteiros)",
            STRONG,
        ),
        (
            rf"(?:intercep?t(?:ou|aram|ado|ados|adas)|abat(?:eu|eram|ido|idos)|derrub(?:ou|aram|ado|ados)|destru(?:iu|íram|ído|ídos)) {GAP3}(?:mísseis|foguetes)",
            STRONG,
        ),
        # the target in the passive with the weapon as agent: "atingida por mísseis russos", "alvejados pela artilharia";
        # the projectile with its participle: "mísseis disparados do Líbano", "míssil intercetado" (the sets label intercepted fire shelling)
        (
            r"(?:atingid|alvejad|bombardead|destruíd|danificad)[oa]s? (?:\w+ )?(?:por|pel[oa]s?) (?:\w+ )?(?:mísseis|míssil|foguetes?|morteiros?|artilharia|obuses|projéteis|projécteis)|(?:foguetes?|mísseis|míssil|projéteis|projécteis|obuses) (?:\w+ )?(?:disparad|lançad|intercep?tad|abatid)[oa]s?",
            STRONG,
        ),
        # the place as the target: "Kharkiv volta a ser alvo de mísseis russos"
        (
            r"alvos? de (?:novos |nova |um |uma )?(?:mísseis|míssil|foguetes?|morteiros|artilharia|bombardeamentos?|bombardeios?)(?! aére)",
            STRONG,
        ),
        (r"mísseis (?:balísticos|de cruzeiro|hipersónicos|hipersônicos|antitanque)|míssil (?:balístico|de cruzeiro)|lança-foguetes", WEAK),
        (r"artilharia|morteiros|obuses", WEAK),
    ],
    T.AIR_STRIKE: [
        (
            r"(?:ataques?|bombardeios?|bombardeamentos?|incursões|incursão|ofensivas?|raides?|operações|operação) aére(?:o|a|os|as)|ataques? (?:com|de) drones?",
            STRONG,
        ),
        (
            rf"(?<!carro )(?<!camião )(?<!caminhão ){_AIRCRAFT} (?:\w+ ){{0,3}}?(?:tinham |têm )?(?:bombarde(?:ou|aram|ado|ia|iam)|atac(?:ou|aram|ado|am|a)|atingi(?:u|ram|do)|ating(?:e|em)|lanç(?:ou|aram) bombas|largaram bombas|larg(?:ou|aram)|metralh(?:ou|aram))",
            STRONG,
        ),
        (r"(?:larg|lanç|jog)(?:ou|aram|ado|ando|am|ava|avam) (?:\w+ ){0,3}?bombas", STRONG),
        # the place as the target, and the air force that "realiza bombardeamentos"
        (
            rf"alvos? de (?:novos |um |uma )?(?:ataques? aéreos?|ataques? (?:com|de) drones?|drones?|bombardeamentos? aéreos?|bombardeios? aéreos?)|{_AIRCRAFT} (?:\w+ ){{0,2}}?(?:realiz|efetu|efectu|conduz|lev)\w* (?:a cabo )?(?:\w+ )?(?:bombardeamentos?|bombardeios?|ataques?|raides?)",
            STRONG,
        ),
        # drones launched like missiles at a target, alone or in the same salvo: "lança centenas de mísseis e drones
        # contra ..." (a target, since a maker also "lança novos drones")
        (rf"(?:lanç|dispar)(?:ou|aram|a|am|ando) {GAP3}(?:(?:mísseis|foguetes) e )?drones (?:[\w-]+ )?(?:contra|sobre)", STRONG),
        # the aircraft as the means of a verb of attack: "ataca refinaria com drones", "atingido por um drone"
        (
            rf"(?:atac|ating|bombarde|alvej)\w* {GAP3}(?:com|por) (?:um |uma |os |dois |vários )?(?:drones?|aviões|caças|helicópteros)",
            STRONG,
        ),
        (r"drones? (?:kamikazes?|suicidas?|de ataque|armados?)|munições? vagantes?|bombas? guiadas?|bombas? planadoras?", WEAK),
        (
            rf"(?:intercep?t(?:ou|aram|ado|ados)|abat(?:eu|eram|ido|idos)|derrub(?:ou|aram|ado|ados)|destru(?:iu|íram|ído|ídos)|neutraliz(?:ou|aram|ados)) {GAP3}drones",
            STRONG,
        ),
        (
            r"(?:ataques?|bombardeios?) (?:israelitas?|israelenses?|russos?|americanos?|norte-americanos?|ucranianos?|turcos?) (?:contra|sobre|em|no|na)",
            WEAK,
        ),
    ],
    T.ARMED_CLASH: [
        (
            r"confrontos? armados?|choques? armados?|combates? (?:armados?|ferozes|intensos|violentos|corpo a corpo)|tiroteios?|troca de tiros|trocas de tiros|escaramuças?",
            STRONG,
        ),
        (
            r"(?:intensos|violentos|fortes|duros|ferozes|sangrentos|novos|pesados) (?:combates|confrontos)|combates (?:se (?:intensificaram|reacenderam)|continuam|prosseguem|eclodiram|entre|nos arredores|pelo controlo|pelo controle)|confrontos (?:entre|eclodiram|continuam)",
            STRONG,
        ),
        (r"abr(?:iu|iram|e|em|ir|indo) fogo|troc(?:aram|avam|am|ar|ando) tiros", STRONG),
        (r"emboscadas?|emboscaram|emboscados?", STRONG),
        (
            r"(?:atac(?:ou|aram|am|a|ado|ada|ando|ar)|ataques? (?:contra|a)|assalt(?:ou|aram|o)|tomaram de assalto) (?:um |uma |o |a |os |as |ao |à )?(?:\w+ )?(?:posto|postos|base|bases|comboio|comboios|patrulha|patrulhas|quartel|quartéis|acampamento militar|posição|posições|checkpoint|posto de controlo|posto de controle|esquadra|delegacia|guarnição|destacamento)",
            STRONG,
        ),
        (
            rf"{_ARMED} (?:\w+ ){{0,2}}?(?:tinham )?(?:atac(?:ou|aram|ado)|abriram fogo|abriu fogo|confrontaram|combateram|repeliram|emboscaram|assaltaram|tomaram de assalto)",
            STRONG,
        ),
        (
            r"(?:mort[oa]s?|morreram|morreu|ferid[oa]s?|abatid[oa]s?) (?:\w+ )?(?:em|durante|nos|nas|num|numa) (?:os |as |um |uma )?(?:combates|confrontos|choques|tiroteios?|emboscadas?|troca de tiros|ataque armado)",
            STRONG,
        ),
        (
            rf"(?:repel(?:iu|iram|ido)|rechaç(?:ou|aram|ado)|repeli(?:u|ram)) {GAP3}(?:ataques?|assaltos?|ofensivas?|tentativas? de avanço)",
            STRONG,
        ),
        (r"ataques? (?:armados?|terroristas?|jihadistas?)|homens armados|pistoleiros|atiradores furtivos|franco-atiradores", WEAK),
        (r"combates|confrontos", WEAK),
    ],
    T.EXPLOSION: [
        (
            r"carros?[- ]bombas?|veículos?[- ]bombas?|artefactos? explosivos?(?: improvisados?)?|artefatos? explosivos?(?: improvisados?)?|engenhos? explosivos?|(?:carros?|viaturas?|veículos?|motos?|motas?) armadilhad[oa]s?|(?:bomba|explosivo)s? (?:caseir[oa]s?|artesana(?:l|is))|pacotes?[- ]bombas?|cintos? (?:explosivos?|de explosivos)|(?<!drones )(?<!drone )(?:bombistas?|homens?[- ]bombas?|suicidas?)|atentados? (?:bombistas?|com bomba|com carro-bomba|suicidas?)",
            STRONG,
        ),
        (
            r"(?:bomba|mina|granada|carga|artefacto|artefato|engenho|explosivo)s? (?:\w+ ){0,2}?(?:explodiu|explodiram|explode|explodem|rebentou|rebentaram|rebenta|rebentam|detonou|detonaram|foi detonad[oa]|foram detonad[oa]s|deflagrou)",
            STRONG,
        ),
        (
            r"pis(?:ou|aram|ar) (?:numa|em uma) mina|explosão de (?:uma |um )?(?:mina|bomba|granada|carro-bomba|artefacto|artefato|engenho)|(?:fez|fizeram|fazer) (?:explodir|detonar)|deton(?:ou|aram|ar) (?:\w+ ){0,2}?(?:explosivos?|bombas?|artefactos?|artefatos?|cargas?)",
            STRONG,
        ),
        (
            r"(?:forte|potente|violenta|dupla|série de|várias|duas|fortes|potentes) explos(?:ão|ões)|explos(?:ão|ões) (?:abalou|abalaram|sacudiu|matou|deixou|causou|destruiu|danificou|ocorreu|atingiu)",
            STRONG,
        ),
        (
            r"granadas? de (?:mão|fragmentação)|(?:lanç|atir|arremess)\w* (?:\w+ )?(?:uma |duas |várias )?granadas?(?! de gás| lacrimogéneas?| lacrimogêneas?| de efeito moral| atordoantes?)|minas? antipessoal|minas? antitanque|granadas? (?:de mão )?(?:lançad|atirad|arremessad)[oa]s?",
            STRONG,
        ),
        # the verb first, as news opens: "explodiu esta tarde uma bomba junto a uma esquadra"
        (
            r"(?:explodiu|explodiram|rebentou|rebentaram|deflagrou) (?:\w+ ){0,3}?(?:uma |um |duas )?(?:bombas?|minas?|granadas?|engenhos? explosivos?|artefactos? explosivos?|artefatos? explosivos?|cargas? explosivas?)",
            STRONG,
        ),
        # the device as subject of a verb of killing: "mina terrestre mata dois soldados"
        (
            r"(?:bomba|minas?(?! gerais)|granada|artefacto|artefato|engenho)s? (?:terrestres? |\w+ )?(?:mat(?:ou|aram|a|am)|fer(?:iu|iram|e|em))|minas? terrestres?",
            STRONG,
        ),
        (r"atentados?|explos(?:ão|ões)|campos? minados?", FAINT),
    ],
    T.AIR_RAID_ALERT: [
        (
            r"alertas? aéreos?|alarmes? antiaéreos?|(?:alertas?|sirenes?|alarmes?) (?:de|contra) (?:mísseis|foguetes|drones|ataques? aéreos?|ataques? (?:com|de) (?:mísseis|foguetes|drones))",
            STRONG,
        ),
        (
            r"sirenes (?:\w+ ){0,3}?(?:soaram|soam|soar|tocaram|tocam|tocar|dispararam|foram acionadas|foram accionadas|ecoaram)|(?:soaram|soam|tocaram|dispararam) (?:as )?sirenes",
            STRONG,
        ),
        (
            r"(?:refugi|abrig|escond)(?:aram|ou|ar|ar-se|ando|ados|am|eram|eu)(?:-se)? (?:\w+ ){0,2}?(?:em|nos|nas|num|numa) (?:os |as )?(?:abrigos?|caves?|porões?|bunkers?|metro|metrô|estações de metro|estações do metrô)|(?:procurar|procuraram|procuram|buscar|buscaram) abrigo|(?:corr|fug|correr|fugir)\w* para (?:os |as )?(?:abrigos|caves|bunkers)",
            STRONG,
        ),
        (r"abrigos? antiaéreos?|abrigos? antibombas?", WEAK),
    ],
    T.EVACUATION: [
        (r"evacu(?:ou|aram|a|am|ado|ada|ados|adas|ar|ando|ação|ações|ava)|retirada de (?:civis|moradores|habitantes|residentes)", STRONG),
        (
            rf"(?:fug(?:iu|iram|ir|indo|ido)|foge|fogem|abandon(?:am|aram|ar|ando)|obrigad[oa]s a (?:fugir|abandonar|deixar)|forçad[oa]s a (?:fugir|abandonar|deixar)) {GAP2}(?:(?:as |das )?(?:suas )?(?:casas|aldeias|vilas)|os combates|dos combates|os bombardeios|dos bombardeios|a guerra|da guerra|a violência|da violência|a cidade|da cidade|a região|da região)",
            STRONG,
        ),
        (
            r"deslocados internos|pessoas deslocadas|deslocamento (?:forçado|em massa)|deslocação forçada|êxodo|vagas? de refugiados|ondas? de refugiados|fluxo de refugiados",
            STRONG,
        ),
        (rf"{_NUMBER} (?:\w+ ){{0,3}}?(?:fugiram|foram deslocad[oa]s|deslocad[oa]s|abandonaram as suas)", STRONG),
        # civilians as the subject of fleeing, whatever the place named after: "civis fogem de Rafah"
        (
            r"(?:civis|moradores|habitantes|residentes|famílias|populaç(?:ão|ões)) (?:\w+ ){0,2}?(?:fog(?:em|e)|fugi(?:u|ram)|fugindo|abandon(?:am|aram))",
            STRONG,
        ),
        (r"corredor(?:es)? humanitários?|limpeza étnica|expulsões em massa|(?:fuga|êxodo|saída) em massa", STRONG),
        # "campo de refugiados" names a place, not people fleeing now
        (r"(?<!campo de )(?<!campos de )refugiados|deslocados", WEAK),
    ],
    T.OFFENSIVE: [
        (
            rf"(?:lanç|inici|empreend|começ|retom|intensific|anunci|desencade|prossegu|ampli)\w* {GAP3}(?:ofensiva|contraofensiva|contra-ofensiva|invasão|assalto|incursão|operação (?:militar|terrestre|antiterrorista|especial)|operações militares)",
            STRONG,
        ),
        (
            r"(?:ofensiva|contraofensiva|contra-ofensiva|invasão|incursão) (?:\w+ )?(?:contra|sobre|em|no|na|rumo|começou|terrestre|militar|em grande escala|de larga escala)|ofensivas? terrestres?|invasão em (?:grande|larga) escala",
            STRONG,
        ),
        (r"operaç(?:ão|ões) (?:militar(?:es)?|terrestres?|antiterroristas?|especia(?:l|is))", STRONG),
        (
            rf"invadi(?:u|ram|r|ndo|do)|invad(?:e|em) (?:o |a )?(?:sul|norte|leste|oeste|território|país)\b|{_ARMED} (?:\w+ ){{0,2}}?invad(?:e|em)|invasão d[aoe]|declar(?:ou|aram|ar|a|am|ação de) (?:a )?guerra",
            STRONG,
        ),
        (
            rf"{_ARMED} (?:\w+ ){{0,2}}?(?:atravessaram a fronteira|cruzaram a fronteira|penetraram|avançaram (?:sobre|em direção|em direcção|rumo)|entraram em)",
            STRONG,
        ),
        (r"ofensiva|contraofensiva", WEAK),
    ],
    T.MOBILIZATION: [
        (
            r"mobiliza(?:ção|ções) (?:geral|parcial|militar|de reservistas)|mobiliz(?:ou|aram|ar|a) (?:\d[\d.]* )?reservistas|reservistas",
            STRONG,
        ),
        (
            rf"(?:destac|desdobr|desloc|posicion|concentr|reforç|envi|mand|transfer|acumul|aument|mobiliz)\w* {GAP3}(?:tropas|soldados|tanques|blindados|militares|reforços|forças armadas|unidades|batalhões|brigadas|navios de guerra|porta-aviões|sistemas de defesa)",
            STRONG,
        ),
        (
            r"(?:destacamento|concentração|acumulação|movimentos?|reforço|mobilização) (?:militar(?:es)?|de tropas|de forças|de blindados|de tanques)|tropas concentradas",
            STRONG,
        ),
        (
            rf"{_ARMED} (?:\w+ ){{0,2}}?(?:foram |estão |estavam )?(?:destacad[oa]s|posicionad[oa]s|concentrad[oa]s|enviad[oa]s|em (?:estado de )?alerta máximo|em alerta)",
            STRONG,
        ),
        (
            r"(?:reforç|aument|intensific)\w* (?:\w+ ){0,2}?(?:presença|dispositivo|contingente) militar|alerta máximo|estado de alerta|posiç(?:ão|ões) de combate|prontidão (?:para o )?combate|serviço militar obrigatório|recrutamento forçado|conscrição|colunas? de (?:blindados|tanques)|comboios? militares",
            WEAK,
        ),
        (r"mobiliza(?:ção|ções)", WEAK),
    ],
    T.TERRITORIAL_CHANGE: [
        (
            rf"(?:tom(?:ou|aram|ado|ada|am|a)|captur(?:ou|aram|ado|ada|am|a)|conquist(?:ou|aram|ado|ada|am|a)|recuper(?:ou|aram|ado|ada|am|a)|reconquist(?:ou|aram|ado|ada|am|a)|libert(?:ou|aram|ado|ada|am|a)|liber(?:ou|aram|ado|ada)|ocup(?:ou|aram|ado|ada|am|a)|retom(?:ou|aram|ado|ada|am|a)) (?:o |a |os |as |do |da )?(?:controlo |controle )?(?:(?:total |completo )?(?:de |do |da |sobre )(?:a |o |os |as )?)?{GAP2}{_PLACE}",
            STRONG,
        ),
        (
            r"(?:tom(?:ou|aram|ado|ar)|assum(?:iu|iram)|perd(?:eu|eram|e|em|ido)) o control[eo] (?:de|do|da|sobre)|control(?:a|am|aram|ou) (?:já |agora )?o centro d[ao]|(?:reivindic|anunci|confirm|reconhec|admit)\w* (?:a )?(?:tomada|captura|queda|perda|libertação|libertação|conquista|recuperação) (?:de|do|da)|ca(?:iu|íram|i|em) (?:nas mãos|sob (?:o )?control[eo]) (?:de|do|da|dos)|(?:ficou|passou) sob (?:o )?control[eo]",
            STRONG,
        ),
        (
            r"(?:retiraram-se|se retiraram|retiram-se|a retirar-se d[eoa]|se retiram|recuaram|recuam|obrigad[oa]s a (?:retirar-se|recuar|se retirar)|forçad[oa]s a (?:retirar-se|recuar))|expuls(?:aram|ou|os) (?:as |os )?(?:tropas|forças|rebeldes|jihadistas|ocupantes|inimigos)",
            STRONG,
        ),
        # control held from now on, of a place: "rebeldes passam a controlar a cidade"
        (rf"(?:passa(?:m|ram)? a|já) control(?:a|am|ar) (?:o |a |os |as )?{GAP2}{_PLACE}", STRONG),
        (r"(?:entreg|ced)(?:ou|eram|eu|ido|ado|ar) (?:\w+ ){0,3}?(?:aldeias?|territórios?|distritos?|região|cidades?|vilas?)", STRONG),
        (r"hastea(?:ram|ou|r) (?:\w+ ){0,2}?bandeira|içaram (?:\w+ ){0,2}?bandeira", WEAK),
    ],
    T.CEASEFIRE_BREACH: [
        (
            r"(?:violaç(?:ão|ões)|viol(?:ou|aram|am|a|ando|ado|ar)|romp(?:eu|eram|er|em|e)|rupturas?|quebr(?:ou|aram|a|ar)|desrespeit(?:ou|aram|o))\w* (?:do |da |o |a |de |um )?(?:\w+ )?(?:cessar-fogo|trégua|armistício)",
            STRONG,
        ),
        (
            r"(?:cessar-fogo|trégua)(?: \w+){0,3}? (?:foi |é |tem sido |está )?(?:violad[oa]|rompid[oa]|quebrad[oa]|colaps(?:ou|a)|não (?:foi respeitad[oa]|resistiu|durou)|fracassou|caiu por terra)",
            STRONG,
        ),
        (r"(?:em violação d[oa]|apesar d[oa]) (?:cessar-fogo|trégua)", STRONG),
        # "fim da trégua" in a headline is its collapse; weak, as a party truce also ends
        (r"fim d[oa] (?:cessar-fogo|trégua)", WEAK),
    ],
    T.BLOCKADE: [
        (
            r"bloqueio (?:militar|naval|total|israelita|israelense|russo|a gaza|de gaza|à faixa|da faixa|dos portos|da ajuda)|cerco (?:total |completo |militar )?(?:a|de|à|ao|do|da)\b|sitiad[oa]s?|cercad[oa]s? (?:por|pelas|pelos)|sob cerco|cerc(?:aram|ou|am|ando)\b",
            STRONG,
        ),
        (
            r"(?:fronteira|estrada|passagem|posto fronteiriço|corredor|aeroporto|porto)s? (?:\w+ )?(?:foi |foram |permanece |permanecem |está |estão |continua |continuam )?(?:fechad[oa]s?|bloquead[oa]s?|encerrad[oa]s?|cortad[oa]s?)",
            WEAK,
        ),
        (
            rf"(?:bloque|cort|impedi|interromp|obstru)\w* {GAP3}(?:a |o |os )?(?:ajuda humanitária|(?:entrada|chegada|entrega|passagem) de (?:\w+ )?(?:ajuda|camiões|caminhões|combustível|alimentos|medicamentos)|comboios|abastecimentos?|acesso humanitário)",
            STRONG,
        ),
        # the participle first, as headlines drop the verb: "Cortado o último acesso terrestre a Mariupol"
        (
            r"(?:cortad|bloquead|fechad|encerrad)[oa]s? (?:o |a |os |as )?(?:\w+ )?(?:acessos?|corredor(?:es)?|passage(?:m|ns)|rotas? de abastecimento)",
            WEAK,
        ),
        # the closing verb first: "Israel encerra passagem de Kerem Shalom", "Rússia bloqueia portos ucranianos"
        (
            r"(?:(?:encerr|fech)(?:ou|aram|a|am)|bloque(?:ou|aram|ia|iam)) (?:a |as |o |os )?(?:passage(?:m|ns)|postos? fronteiriços?|corredor(?:es)?|fronteiras?|portos?)",
            STRONG,
        ),
        (r"bloqueio", WEAK),
    ],
    T.CASUALTIES: [
        (
            rf"{_NUMBER} (?:\w+ )?{_VICTIMS} (?:\w+ ){{0,2}}?(?:foram |ficaram |tinham )?(?:mort[oa]s|morreram|feridos|feridas|perderam a vida|assassinad[oa]s)",
            STRONG,
        ),
        (
            rf"(?:mat(?:ou|aram|ando|a|am)|feri(?:u|ram|ndo)|fere|ferem|deix(?:ou|aram|a|ando)|caus(?:ou|aram|ando)|fez|fizeram|fazendo|balanço de) {_NUMBER} (?:\w+ )?(?:vítimas|{_VICTIMS})",
            STRONG,
        ),
        # a verb of killing with a count needs no victim noun ("mata 15 fiéis"), nor with a leader as its object
        (
            rf"(?:mat(?:ou|aram|a|am|ando)|feri(?:u|ram|ndo)|fere|ferem) {_NUMBER}\b|mat(?:ou|aram|a|am) (?:o |um |uma |a )?(?:\w+ )?(?:dirigente|líder|comandante|chefe)",
            STRONG,
        ),
        (
            r"(?:balanço|número) (?:\w+ )?(?:de (?:mortos|vítimas)|das vítimas|dos mortos)|vítimas (?:civis|mortais)|mortos e (?:\w+ )?feridos|perderam a vida|perdeu a vida|(?:faz|fez|fazem|deix(?:a|ou|am)|caus(?:a|ou|am)) (?:pelo menos )?(?:um|uma) (?:mort[oa]|ferid[oa]|vítima mortal)\b|morreu (?:devido aos|em consequência dos|dos) ferimentos",
            STRONG,
        ),
        (r"mortos|feridos", WEAK),
    ],
    T.THREAT: [
        (
            rf"amea[çc](?:ou|aram|a|am|ando|ado) (?:com |de )?{GAP3}(?:atacar|bombardear|invadir|retaliar|retaliação|vingar-se|represálias|responder|guerra|usar a força|destruir|aniquilar|intervir militarmente|ataques|armas nucleares|nuclear)",
            STRONG,
        ),
        (r"ultimato|lei marcial|estado de (?:emergência|sítio|guerra)|recolher obrigatório|toque de recolher", STRONG),
        (
            r"(?:prometeu|prometeram|jurou|juraram) (?:uma )?(?:resposta|retaliação|represálias|vingança|vingar-se|responder|esmagar|destruir)|(?:promete|prometem|jura|juram) (?:uma )?(?:retaliação|represálias|vingança|vingar-se|esmagar|destruir)|resposta (?:contundente|militar|devastadora|dura)|(?:responder|retaliar)(?:á|ão|ia|iam) (?:\w+ )?(?:com (?:força|firmeza|dureza)|militarmente)|retaliar(?:á|ão)\b",
            STRONG,
        ),
        (
            r"advert(?:iu|iram) (?:\w+ ){0,3}?(?:para uma guerra|de uma guerra|para represálias|de retaliação|de uma resposta militar)|à beira da guerra|beira de uma guerra",
            STRONG,
        ),
        (r"(?:ped|solicit|reclam)\w* (?:uma )?intervenção (?:militar|internacional|estrangeira)", STRONG),
    ],
    T.UNREST: [
        (r"distúrbios|tumultos|motins?|saques?|saqueamentos?|vandalismo|protestos violentos|violentos protestos|quebra-quebra", STRONG),
        (
            r"gás lacrimogéneo|gás lacrimogêneo|gases lacrimogéneos|gases lacrimogêneos|canhões? de água|canhão de água|balas de borracha|jatos de água",
            STRONG,
        ),
        (
            r"(?:protestos?|manifestaç(?:ão|ões)|marchas?) (?:\w+ )?(?:degeneraram|terminaram em|tornaram-se violent[oa]s|violent[oa]s|deixaram \w+ mortos)|manifestantes (?:foram )?(?:mortos|feridos|reprimidos|dispersados|dispersos)|(?:confrontos|choques) (?:com|entre) (?:a polícia|os manifestantes|a tropa de choque)|tropa de choque|polícia de choque",
            STRONG,
        ),
        # the police's force on protest as verb and object, and protesters in a clash with police
        (
            r"(?:reprim|dispers)\w* (?:\w+ )?(?:os |as |a |o )?(?:manifestantes|protestos?|manifestaç(?:ão|ões)|estudantes|grevistas)|(?:carreg|dispar|atir)\w* (?:sobre|contra) (?:os |as |a )?(?:manifestantes|estudantes|grevistas|multidão)|(?:atir|arremess)\w* (?:\w+ )?(?:pedras|cocktails? molotov|coquetéis molotov|garrafas|petardos)|manifestantes (?:\w+ ){0,3}?(?:entra(?:m|ram)|entrou) em (?:confrontos?|choques?)",
            STRONG,
        ),
        (
            r"(?:(?:incendi|saque|invad)(?:aram|ou)|incendei(?:a|am)) (?:\w+ ){0,3}?(?:carros|edifícios?|esquadra|delegacia|câmara municipal|prefeitura|lojas|comércios|parlamento|congresso|veículos)",
            WEAK,
        ),
    ],
    T.DE_ESCALATION: [
        (
            rf"(?:acord|assin|firm|anunci|alcanç|negoci|consegu|declar|decret)\w* {GAP3}(?:cessar-fogo|trégua|acordo de paz|armistício|tratado de paz)",
            STRONG,
        ),
        (
            r"(?:cessar-fogo|trégua) (?:[\w-]+ ){0,5}?(?:entrou em vigor|entra em vigor|mantém-se|está a ser respeitad[oa]|foi acordad[oa])|acordo de (?:paz|cessar-fogo)|tratado de paz",
            STRONG,
        ),
        (
            r"conversações de paz|negociações de paz|diálogo de paz|processo de paz|(?:retomada|retoma|início) (?:das )?(?:negociações|conversações)",
            WEAK,
        ),
        (
            r"(?:retirada|recuo) (?:d[aoe]s? )?(?:suas )?(?:tropas|forças|soldados|militares)|retir(?:ou|aram|a|am|ar) (?:as |os |suas )?(?:tropas|forças|soldados)",
            STRONG,
        ),
        (r"troca de prisioneiros|(?:libert|liber|solt)\w* (?:\w+ ){0,2}?(?:reféns|prisioneiros de guerra)", STRONG),
        (
            r"(?:levant|reabr|reabert)\w* (?:o |a |os )?(?:bloqueio|cerco|recolher obrigatório|toque de recolher|fronteira|corredor|passagem)|reabertura d[aoe] (?:fronteira|corredor|passagem)",
            STRONG,
        ),
    ],
}

#: The everyday-sense families in Portuguese words; lexicon.ROMANCE_BENIGN says which signal types each one masks.
FAMILIES: dict[str, str] = {
    "games": r"videojogos?|videogames?|\bgamers?\b|consola|console|playstation|xbox|nintendo",
    "sports": r"futebol|\bliga\b|brasileirão|champions|\bjogos?\b|\bpartidas?\b|campeonato|atacantes?|avançados?|goleador|artilheiro|guarda-redes|goleiro|baliza|segunda parte|primeira parte|segundo tempo|primeiro tempo|\bgolos?\b|\bgols?\b|ténis|tênis|rúgbi|basquetebol|basquete|ciclis\w*|pelotão|mundial|olímpic\w*|treinador|técnico do|adeptos|torcedores|torcida|penálti|pênalti|boxe|pugilista|\bclube\b|\bequipa\b|\btime\b|temporada|xadrez|benfica|sporting|porto fc|flamengo|corinthians|palmeiras",
    "culture": r"bilheteira|bilheteria|\bfilme\b|cinema|\bsérie\b|novela|\bálbum\b|canção|romance|espetáculo|espectáculo|festival|exposição|museu|documentário|teatro|humorista|sucesso de vendas",
    "labour": r"\bgreves?\b|grevistas|sindica\w*|trabalhadores|salários|paralisação|patronato",
    "business": r"empresas?|companhia|multinacional|marcas?|comercia\w*|accionistas|acionistas|investidores|bolsa|ibovespa|psi-?20|\bpreços?\b|faturação|faturamento|vendas|clientes|consumidores|mercados?|startups?|publicidade|marketing",
    "disasters": r"terramoto|terremoto|sismo|inundaç\w*|enchentes?|cheias?|furacão|ciclone|tempestade|incêndios? florestal|incêndios? florestais|onda de calor|avalanche|deslizamento|epidemia|pandemia|acidente (?:rodoviário|de viação|de trânsito|aéreo)|colisão|naufrágio",
    "politics": r"parlamento|assembleia da república|congresso nacional|senado|eleiç\w*|eleitora\w*|sondagens?|pesquisas? eleito\w*|campanha eleitoral|deputad\w*|candidat\w*|partido (?:socialista|político|social)|redes sociais",
}

#: "sirenes de ataque aéreo", "alerta de ataque com mísseis" warn of an attack: the alert (AIR_RAID_ALERT), not
#: a strike or shelling. The Spanish trigger reads "ataque aéreo" too, so this veto is Portuguese's reading of it.
_ALERT_OF_ATTACK = r"(?:sirenes?|alertas?|alarmes?) (?:de|contra) ataques? (?:aére|com |de )"

#: Cues in the sentence (or the title) that turn a trigger into a benign sense.
BENIGN: dict[T, str] = benign_cues(
    FAMILIES,
    {
        # guns put "em posição de combate" are readied (MOBILIZATION), not fired;
        # a bombardment whose agent is an aircraft is the air strike (AIR_STRIKE), not shelling: arbitration's
        # aircraft words do not know the Portuguese ones
        T.SHELLING: either(
            _ALERT_OF_ATTACK,
            r"posiç(?:ão|ões) de (?:combate|tiro)|(?:aviação|aviões|caças|bombardeiros|força aérea)\b(?: [\w-]+){0,4}? bombarde|bombarde\w* (?:com|de) (?:perguntas|críticas|mensagens|chamadas|telefonemas|e-?mails|anúncios|publicidade|notificações|informação)|satélites?|foguetão|espacial|teste de mísseis|ensaio|fogo de artifício|fogos de artifício",
        ),
        T.AIR_STRIKE: _ALERT_OF_ATTACK,
        T.ARMED_CLASH: r"combates? (?:contra|ao|à) (?:o |a )?(?:cancro|câncer|doença|pobreza|inflação|desemprego|corrupção|alterações climáticas|fogo|incêndio)|ciberataques?|hackers?|filmagens?",
        T.EXPLOSION: r"explosão (?:de (?:preços|vendas|procura|demanda|alegria|fúria|popularidade|casos)|demográfica)|bomba (?:informativa|mediática|midiática)|fogo de artifício|fogos de artifício|pirotecnia|fuga de gás|vazamento de gás|explosão de gás|botija|bilha de gás|caldeira|acidente industrial|fábrica de produtos químicos|grisu|supernova",
        T.AIR_RAID_ALERT: r"simulacros?|exercícios?|teste (?:das )?sirenes|alerta (?:meteorológico|vermelho|laranja|amarelo)|bombeiros|ambulâncias?|videojogos?",
        T.EVACUATION: r"ameaça de bomba|pacote suspeito|falso alarme|por precaução|preventiva|incêndio|fuga de gás|vazamento de gás|simulacro|investidores|bolsa|mercados?",
        T.OFFENSIVE: r"(?:ofensiva|guerra) (?:contra|à|ao|às|aos) (?:a |o |os |as )?(?:evasão|fraude|corrupção|crime|inflação|drogas?|narcotráfico|pobreza|fome|burocracia|desinformação|contrabando|dengue|mosquitos?|obesidade|tabaco)|ofensiva (?:diplomática|comercial|mediática|midiática|publicitária|de charme|judicial|fiscal)|invasão de (?:gafanhotos|mosquitos|medusas|águas-vivas|turistas|javalis|campo)|espécies? invasoras?",
        T.MOBILIZATION: r"mobiliz\w* (?:contra|pela|pelo|por) (?:a |o |as |os )?(?:reforma|pensões|aposentadorias|clima|lei|projeto)|mobilização (?:cidadã|social|de eleitores|estudantil)|voluntários|bombeiros|socorristas",
        T.TERRITORIAL_CHANGE: r"(?:primeira|segunda|terceira|quarta|quinta|última|\d+\.ª) posição|posição (?:face|frente) a|posição (?:no|na) (?:ranking|tabela|classificação)|tom(?:ou|aram) posse|tomada de posição|tomou a palavra",
        T.BLOCKADE: r"pandemia|covid|confinamento|surto|agricultores|camionistas|caminhoneiros|taxistas|manifestantes|ativistas|activistas|obras|neve|mau tempo|trânsito|engarrafamentos?|maratona|desfile|contas?|redes sociais|bloqueio (?:de contas|de cartões|de fundos|institucional|político|do whatsapp|judicial)",
        T.CASUALTIES: r"incêndio|acidente|choque frontal|intoxicação|lesão|lesionados?|onda de calor|afogad\w*",
        T.THREAT: r"espécies? ameaçadas?|ameaça (?:para|ao|à) (?:o emprego|o clima|o ambiente|a biodiversidade|emprego|clima|ambiente)|amea[çc]\w* (?:com |de )?(?:despromoção|rebaixamento|falência|encerramento|demitir-se|processar)|emergência (?:sanitária|climática|hídrica)|alerta meteorológico",
        T.UNREST: r"saque (?:de dados|fiscal|de recursos|bancário|do fgts)|saques? (?:em|no|na|de) (?:dinheiro|caixa|multibanco|conta)",
        T.DE_ESCALATION: r"(?:violaç|viol|romp)\w* (?:do |da |o |a )?(?:cessar-fogo|trégua)|acordo (?:comercial|de livre comércio|salarial)|guerra comercial",
    },
    # Politics does not mask de-escalation here: the lexicon was measured without it.
    {**ROMANCE_BENIGN, T.DE_ESCALATION: ("labour", "sports", "business")},
)

#: Words before a trigger, in its sentence, that negate or deny it.
NEGATION = r"(?<!\w)(?:não|nem|sem|nunca|nenhum|nenhuma|desment\w*|neg(?:ou|aram|ar|ando|ava|a|am)|rejeit(?:ou|aram)|descart(?:ou|aram)|falsa?s?|falso|rumores? de|boatos? de)\b"

#: A denial earlier in the sentence: "desmentiu as informações segundo as quais...".
DENIAL = r"\b(?:desmenti(?:u|ram)|desment(?:e|em)|neg(?:ou|aram|a|am)|rejeit(?:ou|aram)|descart(?:ou|aram)) (?:[\w'’-]+ ){0,4}?(?:informaç(?:ão|ões)|notícias?|relatos?|rumores?|boatos?|acusaç(?:ão|ões)|alegaç(?:ão|ões)|que)\b"

#: Words just after a trigger that deny it ("os bombardeios não foram retomados").
NEGATION_AFTER = r"(?<!\w)(?:não (?:se |foi|foram|houve|há|tem|têm|causou|deixou|registr|aconteceu|ocorreu)\w*|(?:foi|foram|é|são) (?:falsa?s?|falsos|desmentid[oa]s?|infundad[oa]s?))"

#: Words before a trigger that make it hypothetical, threatened or future.
HEDGE = r"(?<!\w)(?:amea[çc]\w*|poderia|poderiam|pode|podem|poderá|poderão|caso|em caso de|planeia\w*|planeja\w*|prevê|previsto|pretende\w*|dispost[oa]s? a|pront[oa]s? (?:a|para)|tem(?:e|em|or|ores) (?:de |que )?|receio de|risco de|possível|eventual|vai|vão|ia|iam|simulacros?|exercícios?|evitar|impedir|prevenir)\b"

#: Demands and appeals whose object is the trigger: asked for, not done.
DEMAND = r"\b(?:ped(?:e|em|iu|iram|ir)|exig\w*|reclam\w*|inst(?:ou|aram|a|am)|apel(?:ou|aram|a|am|o) (?:a|ao|à|para)|urg(?:iu|e|em)|solicit\w*)\b(?: [\w'’-]+){0,6}? (?:a|ao|à|de|por|um|uma|o|que|para)?\s*(?:um |uma |o |a |os |as )?(?:imediat\w* |complet\w* |total )?$"

#: Mentions of past events that are not news today.
HISTORICAL = r"(?<!\w)(?:(?:primeira|segunda) guerra mundial|guerra colonial|guerra do ultramar|há (?:\d+|dois|três|dez|vinte|trinta|quarenta|cinquenta|cem|vários|muitos) anos|há décadas|aniversário|comemor\w*|memorial|em memória|record(?:a|am|ou|aram|ar)|historicamente|história d[ao])\b"

#: Dates and named past wars, which date only their own clause.
DATED = r"(?<!\w)(?:em (?:19|20)\d\d|durante a guerra (?:de \d{4}|civil|colonial)|a guerra de (?:19|20)\d\d|nos anos (?:\d\d|sessenta|setenta|oitenta|noventa))"

#: Words that open a new clause: a negation before one of them belongs to another verb.
CLAUSE_OPENER = r"\b(?:enquanto|quando|depois que|antes que|porque|pois|mas|e|onde|que|quem|embora)\b"
