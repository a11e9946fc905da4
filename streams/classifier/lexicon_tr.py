"""Turkish lexicon: trigger stems per signal type and the cues that veto them.

Turkish is agglutinative (saldırı-lar-ı-nda, tahliye-edil-di), so triggers are
stems followed by `\\w*`. The engine folds the text to lower case with "İ" -> "i",
and a capital "I" also folds to "i", never to "ı": a headline "SALDIRI" reads
"saldiri". Every pattern is therefore written with "ı" and passed through `_dotless`,
which lets each "ı" match "i" too. Verbal negation and the potential mood are
suffixes after the stem ("düzenlenmedi", "vurabilir"), and the verb comes last, so
denials and hedges are mostly read after the trigger (`NEGATION_AFTER`) or inside
its own verb (`NEGATION_INSIDE`). Words that Spanish, Italian or Portuguese share
("bomba") are triggers only inside Turkish phrases, because every lexicon reads every
text. Strengths as in lexicon_en.
"""

from tocsin.records import SignalType as T
from tocsin.streams.classifier.lexicon import STRONG, WEAK, either


def _dotless(pattern: str) -> str:
    """Let each dotless "ı" also match the "i" that a capital "I" folds to."""
    return pattern.replace("ı", "[ıi]").replace("â", "[âa]")


_GAP2 = r"(?:[\w'’-]+ ){0,2}?"
_COUNT = r"(?:\d+|iki|üç|dört|beş|altı|yedi|sekiz|dokuz|yirmi|onlarca|yüzlerce|binlerce|birçok|çok sayıda|en az \w+)"
_PEOPLE = r"(?:kişi\w*|sivil\w*|asker\w*|çocuk\w*|polis\w*|güvenlik görevlisi\w*|militan\w*|gazeteci\w*|sakin\w*|vatandaş\w*|er\b|erler\w*)"
_PLACE = r"(?:kent\w*|şehr\w*|şehir\w*|kasaba\w*|köy\w*|bölge\w*|mevzi\w*|tepe\w*|havaliman\w*|üs(?:sü|süne|lerini|leri)?\b|ilçe\w*|karakol\w*|stratejik \w+)"

_TRIGGERS: dict[T, list[tuple[str, float]]] = {
    T.SHELLING: [
        (r"bombardıman\w*|topçu (?:ateş\w*|atış\w*|saldırı\w*)|top atış\w*|obüs\w*", STRONG),
        (r"(?:topa|ateşe|bombardımana) tut\w*|top ateşi\w*", STRONG),
        (
            r"(?:roket|füze|havan|balistik füze|seyir füze)\w* (?:saldırı\w*|ateş\w*|atış\w*|yağmur\w*|isabet\w*)|(?:roket|füze|havan mermi|top mermi)\w* (?:[\w'’-]+ )?(?:düştü|düşt\w*|isabet\w*|atıldı|atılarak|fırlatıldı|ateşlendi)",
            STRONG,
        ),
        (
            r"(?:roket|füze)\w* (?:[\w'’-]+ )?(?:fırlattı|fırlatt\w*|attı|ateşledi)|(?:füze|roket)\w* (?:[\w'’-]+ )?(?:önlendi|düşürüldü|imha edildi)",
            STRONG,
        ),
        (r"havan\w*|roket\w*|füze\w*|topçu\w*", WEAK),
    ],
    T.AIR_STRIKE: [
        (r"hava (?:saldırı|harekât|bombardıman|akın)\w*(?! (?:alarm|siren|uyarı|sığına))|hava\w* (?:[\w'’-]+ )?hedef alındı", STRONG),
        (
            r"(?:savaş uçak|uçak|helikopter|siha|iha|insansız hava arac|dron|drone|kamikaze dron)\w* (?:[\w'’-]+ ){0,2}?(?:saldırı\w*|vurdu|vurul\w*|bombaladı|hedef aldı|hedef alın\w*|darbe\w*)",
            STRONG,
        ),
        (r"bombaladı|bombalandı|bombalad\w*|bombalan\w*", STRONG),
        (
            r"(?:dron|iha|siha|insansız hava arac)\w* (?:[\w'’-]+ ){0,2}?(?:düşürüldü|düşürdü|imha edildi|etkisiz hale getirildi)|kamikaze (?:dron|iha)\w*",
            STRONG,
        ),
    ],
    T.ARMED_CLASH: [
        (r"çatışma\w*|çatıştı\w*|çatışıl\w*|çatışmaya gir\w*", STRONG),
        (
            r"ateş açtı\w*|ateş açıldı\w*|ateş açıl\w*|ateş açarak|kurşun yağdır\w*|silahlı saldırı\w*|silahlı kişi\w*|silahlı grup\w*|pusu\b|pusuya\w*|pusuda\w*|pusu kur\w*",
            STRONG,
        ),
        (
            r"(?:karakol|üs|askeri konvoy|konvoy|devriye|kontrol noktası|mevzi)\w* (?:[\w'’-]+ )?(?:saldırı\w*|baskın\w*)|(?:saldırı|baskın)\w* düzenle\w*",
            STRONG,
        ),
        (r"şiddetli (?:çatışma|muharebe|savaş)\w*|muharebe\w*|sıcak temas\w*|silah sesleri\w*", STRONG),
        (r"(?:vurularak|kurşunlanarak) (?:öldürüldü|hayatını kaybetti)", STRONG),
    ],
    T.EXPLOSION: [
        (r"bombalı (?:saldırı|araç|eylem|tuzak)\w*|bomba yüklü\w*|bomba (?:patla\w*|infilak\w*)|bombanın patla\w*|bomba imha", STRONG),
        (
            r"el yapımı patlayıcı\w*|patlayıcı (?:düzenek|yüklü|madde)\w*|canlı bomba\w*|intihar (?:saldırı|saldırgan|bombacı)\w*|el bomba\w*",
            STRONG,
        ),
        (r"mayın\w*|(?:şiddetli|büyük|güçlü) (?:bir )?patlama\w*|patlama (?:meydana geldi|yaşandı|sesi\w*|sonucu)|infilak\w*", STRONG),
        (r"patlama\w*|patladı", WEAK),
    ],
    T.AIR_RAID_ALERT: [
        (
            r"hava (?:saldırı|saldırısı|alarm)\w* (?:alarm|siren|uyarı)\w*|hava alarmı\w*|roket alarmı\w*|füze (?:alarm|uyarı)\w*|kırmızı alarm\w*",
            STRONG,
        ),
        (r"sirenler\w* (?:[\w'’-]+ )?(?:çaldı|çalma\w*|öttü|duyuldu|devreye gir\w*)|siren sesleri\w*|alarm sirenleri\w*", STRONG),
        (
            r"sığınak\w* (?:[\w'’-]+ ){0,2}?(?:koştu|indi|geçti|sığındı|sığınmak|kaçtı|girdi|gitti|saklandı)|sığınaklarda|sığınağa|sığınaklara",
            STRONG,
        ),
        (r"sığınak\w*", WEAK),
    ],
    T.EVACUATION: [
        (r"tahliye\w*|boşaltıl\w*|yerinden edil\w*|insani koridor\w*|göçe zorla\w*|sürgün edil\w*", STRONG),
        (
            r"(?:evlerini|evlerinden|kentten|şehirden|bölgeden|köylerini|köylerinden) (?:[\w'’-]+ ){0,2}?(?:terk et\w*|kaçtı\w*|kaç\w*|ayrılmak zorunda\w*|göç et\w*)",
            STRONG,
        ),
        (r"(?:binlerce|yüzlerce|on binlerce) (?:[\w'’-]+ ){0,2}?(?:kaçtı|göç etti|kaçmak zorunda\w*)|mülteci akın\w*|göç dalga\w*", STRONG),
        (r"mülteci\w*|sığınmacı\w*", WEAK),
    ],
    T.OFFENSIVE: [
        (
            r"(?:kara|askeri|sınır ötesi|terörle mücadele|hava ve kara|geniş çaplı|kapsamlı) (?:harekât|operasyon|taarruz)\w*|harekât\w* (?:başlat|düzenle)\w*|operasyon\w* başlat\w*",
            STRONG,
        ),
        (
            r"karşı taarruz\w*|taarruz\w* (?:başlat|düzenle|geçti)\w*|taarruza geç\w*|işgal (?:başlat|girişim|harekât)\w*|işgal et\w*|savaş ilan et\w*|istila\w*",
            STRONG,
        ),
        (r"taarruz\w*|harekât\w*", WEAK),
    ],
    T.MOBILIZATION: [
        (r"seferberlik\w*|yedek\w* (?:asker|subay|personel)\w*|askeri yığınak\w*|yığınak\w*", STRONG),
        (
            r"(?:asker|tank|zırhlı araç|birlik|takviye|komando)\w* (?:[\w'’-]+ ){0,2}?(?:sevk\w*|konuşlandır\w*|gönder\w*|kaydırıl\w*)|(?:askeri|asker) sevkiyat\w*|takviye birlik\w*",
            STRONG,
        ),
        (r"(?:yüksek|en üst|tam) (?:düzey\w* )?alarm\w*|alarma geç\w*|teyakkuz\w*", WEAK),
    ],
    T.TERRITORIAL_CHANGE: [
        (rf"{_PLACE} (?:[\w'’-]+ ){{0,2}}?(?:ele geçir|kontrolüne (?:geçti|aldı)|geri al|kontrolü sağla)\w*", STRONG),
        (
            r"kontrolü\w* ele geçir\w*|kontrolü\w* (?:[\w'’-]+ )?(?:geçti|geri aldı)|ele geçirdi\w*|ele geçirildi\w*|geri aldı\w*|teslim oldu\w*|düştüğünü",
            WEAK,
        ),
    ],
    T.CEASEFIRE_BREACH: [
        (r"ateşkes\w* (?:[\w'’-]+ ){0,2}?(?:ihlal\w*|bozul\w*|çöktü|çökt\w*|delindi|hiçe say\w*)|ateşkese rağmen", STRONG),
    ],
    T.BLOCKADE: [
        (
            r"abluka\w*|kuşatma\w*|kuşatıl\w*|kuşattı\w*|sınır kapı\w* (?:[\w'’-]+ )?kapat\w*|koridor\w* (?:[\w'’-]+ )?kapat\w*|yardım girişi\w* engel\w*",
            STRONG,
        ),
    ],
    T.CASUALTIES: [
        (
            rf"{_COUNT} (?:[\w'’-]+ ){{0,2}}?{_PEOPLE} (?:[\w'’-]+ ){{0,2}}?(?:öldü|hayatını kaybett\w*|yaşamını yitir\w*|yaralandı\w*|şehit\w*|öldürüldü\w*|can verdi|ağır yaralı)",
            STRONG,
        ),
        (
            r"şehit (?:oldu|düştü|edildi)\w*|can kaybı\w*|ölü ve yaralı\w*|hayatını kaybett\w*|yaşamını yitir\w*|öldürüldü\w*|yaralandı\w*",
            WEAK,
        ),
    ],
    T.THREAT: [
        (r"ültimatom\w*|sıkıyönetim\w*|olağanüstü hal\w*|sokağa çıkma yasağı\w*", STRONG),
        (
            rf"(?:savaş|saldırı|askeri müdahale|misilleme|nükleer|karşılık|işgal)\w* {_GAP2}tehdi\w*|tehdit et\w*|misilleme (?:sözü|yapacağ|yapılacağ)\w*|karşılık vereceğ\w*",
            STRONG,
        ),
        (r"(?:uluslararası|askeri|acil) müdahale çağrı\w*|bm güvenlik konseyi\w* (?:[\w'’-]+ )?acil", WEAK),
    ],
    T.UNREST: [
        (r"biber gaz\w*|tazyikli su\w*|plastik mermi\w*|gerçek mermi\w*|yağma\w*|linç\w*|ayaklanma\w*|isyan\w*|sokak olay\w*", STRONG),
        (
            r"(?:protesto|gösteri|eylem)\w* (?:[\w'’-]+ ){0,2}?(?:şiddet\w*|olaylı|çatışma\w*|kanlı)|(?:protestocu|göstericiler|eylemciler)\w* (?:[\w'’-]+ ){0,2}?(?:polis\w*|güvenlik güçleri\w*) (?:[\w'’-]+ )?(?:çatıştı|arbede\w*)|sert müdahale\w*",
            STRONG,
        ),
    ],
    T.DE_ESCALATION: [
        (
            r"ateşkes\w* (?:[\w'’-]+ ){0,2}?(?:ilan edil\w*|ilan etti|anlaş\w*|sağlandı|imzala\w*|yürürlüğe gir\w*|uzlaş\w*|kabul\w*|uzatıl\w*)",
            STRONG,
        ),
        (r"barış (?:anlaşma|antlaşma|mutabakat)\w*|esir takas\w*|tutsak takas\w*|rehine takas\w*", STRONG),
        (r"(?:asker|birlik|kuvvet)\w* (?:[\w'’-]+ ){0,2}?(?:geri çek|çekil)\w*|ablukay\w* kaldır\w*|kuşatma\w* kaldır\w*", STRONG),
        (r"barış görüşme\w*|müzakere\w*|ateşkes görüşme\w*|geri çekil\w*", WEAK),
    ],
}

_SPORT = r"futbol\w*|maç\w*|lig\w*|gol\b|gol(?:ü|ler)\w*|forvet\w*|teknik direktör\w*|takım\w*|turnuva\w*|şampiyon\w*|taraftar\w*|basketbol\w*|voleybol\w*|hücum hatt\w*|hücumcu\w*|galatasaray|fenerbahçe|beşiktaş|trabzonspor"
_GAMES = r"video oyun\w*|bilgisayar oyun\w*|oyuncu\w*|konsol\w*|playstation|xbox"
_CULTURE = r"gişe\w*|film\w*|dizi\w*|albüm\w*|sinema\w*|roman\w*|konser\w*|sergi\w*"
_MARKETS = r"borsa\w*|hisse\w*|yatırımcı\w*|piyasa\w*|fiyat\w*|dolar\w*|kur\b|şirket\w*|indirim\w*|satış\w*|enflasyon\w*"
_DISASTER = r"deprem\w*|sel\b|sel(?:de|den|e)\b|su baskın\w*|yangın\w*|çığ\w*|fırtına\w*|trafik kaza\w*|kaza\b|kazası\w*|kazada\w*|doğalgaz\w*|tüp\w*|maden\w*|grizu\w*"
_DRILL = r"tatbikat\w*|deneme\w*|test\w*|eğitim\w*"
_LABOUR = r"grev\w*|sendika\w*|işçi\w*|zam\b|maaş\w*"

_BENIGN: dict[T, str] = {
    T.SHELLING: either(_SPORT, _GAMES) + r"|uzay\w*|uydu\w*|soru\w*|eleştiri\w*|mesaj\w*|havai fişek\w*",
    T.AIR_STRIKE: either(_SPORT, _GAMES),
    T.ARMED_CLASH: either(_SPORT, _GAMES, _CULTURE) + r"|meclis\w*|tbmm|parti\w*|tartışma\w*|fikir\w*",
    T.EXPLOSION: either(_CULTURE, _MARKETS)
    + r"|doğalgaz\w*|tüp\w*|maden\w*|grizu\w*|kazan dairesi\w*|fabrika\w*|havai fişek\w*|nüfus\w*|talep\w*|popülarite\w*",
    T.AIR_RAID_ALERT: either(_DRILL, _DISASTER, _GAMES) + r"|ambulans\w*|itfaiye\w*",
    T.EVACUATION: either(_DRILL, _DISASTER, _MARKETS) + r"|şüpheli (?:paket|çanta|araç)\w*|önlem amaçlı|bomba ihbar\w*",
    T.OFFENSIVE: either(_SPORT, _GAMES, _MARKETS) + r"|uyuşturucu\w*|gözaltı\w*|kaçakçı\w*|dolandırıcı\w*|seçim\w*|reklam\w*|kampanya\w*",
    T.MOBILIZATION: either(_SPORT, _MARKETS, _DISASTER) + r"|seçmen\w*|destekçi\w*|kaynak\w*|gönüllü\w*|bütçe\w*",
    T.TERRITORIAL_CHANGE: either(_SPORT, _CULTURE, _MARKETS)
    + r"|seçim\w*|koltuk\w*|silah(?:lar\w*|ı)?\b|mühimmat\w*|uyuşturucu\w*|kaçak\w*|gözaltı\w*|zirve\w*|liderliğ\w*",
    T.BLOCKADE: either(_SPORT, _LABOUR)
    + r"|trafik\w*|yol çalışma\w*|kar\b|kar yağışı\w*|hesap\w*|site\w*|erişim\w*|çiftçi\w*|kamyoncu\w*|eylemci\w*",
    T.CASUALTIES: either(_SPORT, _CULTURE, _DISASTER) + r"|sakatl\w*|kalp kriz\w*|hastalık\w*|salgın\w*",
    T.THREAT: either(_LABOUR, _SPORT) + r"|nesli tükenme\w*|çevre\w*|ekonomi\w*|küme düşme\w*",
    T.UNREST: either(_CULTURE, _SPORT),
    T.DE_ESCALATION: either(_LABOUR, _SPORT, _MARKETS) + r"|ticaret\w*|gümrük\w*|transfer\w*",
}

#: The potential and future suffixes: "düzenleyebilir" (may carry out), "vurulacak" (will be hit).
_NOT_YET = r"(?:abil|ebil|acak|ecek|acağ|eceğ)\w*"
_NOT_SUFFIX = r"(?:(?:ma|me)(?:dı|di|du|dü|mış|miş|mıştır|miştir|yacak|yecek|z|dığ\w*|yan)|m(?:ı|i|u|ü)yor\w*)"

TRIGGERS = {t: [(_dotless(p), s) for p, s in triggers] for t, triggers in _TRIGGERS.items()}
#: Cues in the sentence or title that make a trigger a benign sense; each starts at a word start.
BENIGN = {t: rf"\b(?:{_dotless(p)})" for t, p in _BENIGN.items()}

#: Words before a trigger that negate or deny it ("hiçbir saldırı").
NEGATION = _dotless(r"\b(?:hiç|hiçbir|yok|değil|yalanla\w*|asılsız|söylenti\w*|önle\w*|engelle\w*|son ver\w*)\b")

#: The negative suffix inside the trigger's own verb ("ateş açılmadı", "tahliye edilmedi").
NEGATION_INSIDE = _dotless(rf"\w(?:{_NOT_SUFFIX}|{_NOT_YET})\b")

#: Words just after a trigger that deny it, or put it in the potential mood or the
#: future (the verb comes last): "saldırı düzenlenmedi", "bombardıman yaşanmadı",
#: "haberlerini yalanladı", "saldırı düzenleyebilir".
NEGATION_AFTER = _dotless(
    rf"\b(?:\w+{_NOT_SUFFIX}|yok\w*|değil\w*|yalanla\w*|asılsız\w*|gerçeği yansıtmı\w*|\w+(?:abil|ebil)\w*|olasılığ\w*|ihtimal\w*|tehdidi\w*|endişe\w*|korku\w*|planı\w*|hazırlığı\w*|uyarısı\w*|önlen\w*|engellen\w*)\b"
)

#: Words before a trigger that make it hypothetical, threatened, planned or a drill.
HEDGE = _dotless(r"\b(?:olası|muhtemel|eğer|şayet|tehdit\w*|planla\w*|hazırlan\w*|tatbikat\w*|uyar\w*|olabilecek|ihtimal\w*)\b")

#: Mentions of past events that are not news today.
HISTORICAL = _dotless(
    r"\b(?:yıl önce|yıl evvel|yıldönüm\w*|anma\w*|anıldı|anısına|hatıra\w*|tarihte|birinci dünya savaşı\w*|ikinci dünya savaşı\w*|kurtuluş savaşı\w*|çanakkale)\b"
)

#: Dates and named past wars, which date only their own clause.
DATED = _dotless(r"\b(?:(?:19|20)\d\d(?:['’]?(?:de|da|te|ta|deki|daki|teki|taki)|(?: yılında| yılındaki| savaşı\w*)))")

#: A demand whose object is the trigger: "ateşkes çağrısı", "geri çekilmesini talep etti"
#: put the verb after, so the demand is read from the words before it as in English.
DEMAND = _dotless(r"\b(?:çağrı\w*|talep\w*|istedi|istiyor|çağırdı)\b(?: [\w'’-]+){0,6}? ?$")
