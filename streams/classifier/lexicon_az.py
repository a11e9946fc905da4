"""Azerbaijani lexicon: trigger stems per signal type and the cues that veto them.

Azerbaijani is agglutinative (atəş-ə tut-ul-ub, təxliyə-si), so triggers are stems
followed by `\\w*`. The engine folds the text to lower case with "İ" -> "i"; a
capital "I" therefore folds to "i", not "ı", so stems that can start a headline
with "I" are written with [ıi]. Verbal negation is a suffix (-ma/-mə: "olmayıb"),
so denials are caught by the words after the trigger ("qeydə alınmayıb") or, when
the trigger's own verb carries the suffix ("atəşkəs pozulmayıb"), inside the match;
likewise a modal after the noun hedges it (`HEDGE_AFTER`: "hücuma hazırlaşır").
"""

from tocsin.records import SignalType as T
from tocsin.streams.classifier.lexicon import FAINT, STRONG, WEAK, either

_GAP2 = r"(?:\w+ ){0,2}?"
_COUNT = r"(?:\d+|bir neçə|onlarla|yüzlərlə|iki|üç|dörd|beş)"
_PEOPLE = r"(?:nəfər|hərbçi\w*|hərbi qulluqçu\w*|mülki (?:şəxs|sakin)\w*|dinc sakin\w*|sakin\w*|əsgər\w*|uşaq\w*)"

TRIGGERS: dict[T, list[tuple[str, float]]] = {
    T.SHELLING: [
        (r"atəşə tut\w*|atəşə məruz\w*", STRONG),
        (r"(?:(?:artilleriya|minaatan|raket|tank)\w*|top(?:lar)?(?:dan|la|ların)?) (?:\w+ )?(?:atəş\w*|zərbə\w*|hücum\w*)", STRONG),
        (
            r"(?:mərmi|raket)\w* (?:\w+ ){0,2}?(?:düşdü|düşüb|düşüblər|atıldı|atılıb|atılmış|buraxıldı|buraxılıb|partladı|partlayıb|isabət)\w*|raket-artilleriya\w*|(?:raket|mərmi)\w* (?:\w+ )?(?:vuruldu|vurulub|zərərsizləşdiril|ələ keçiril)\w*",
            STRONG,
        ),
        (r"(?:qrad|smerç|iskəndər|polonez)\w*", WEAK),
        (r"artilleriya\w*|minaatan\w*|mərmi\w*", WEAK),
    ],
    T.AIR_STRIKE: [
        (r"(?:hava|aviasiya) zərbə\w*|bombalad\w*|bombardman\w*", STRONG),
        (r"(?:pilotsuz uçan aparat|pua|dron)\w* (?:\w+ ){0,2}?(?:zərbə|hücum)\w*", STRONG),
        (
            r"hava hücum(?:u|ları|una|larına|larının|unun)?(?! (?:həyəcan|siqnal|təhlükə)\w*)\b|aviazərbə\w*|(?:qırıcı|döyüş) təyyarə\w* (?:\w+ ){0,2}?(?:zərbə|bombalad|hücum|vurdu|vurub)\w*|helikopter\w* (?:\w+ ){0,2}?(?:zərbə|atəş)\w*",
            STRONG,
        ),
        (
            r"(?:pilotsuz uçan aparat|pua|dron|kamikadze dron)\w* (?:\w+ ){0,2}?(?:vuruldu|vurulub|vurub|vurdu|vurdular|məhv edil|məhv edib|zərərsizləşdiril|sıradan çıxarıl)\w*|(?:vurulan|məhv edilən|zərərsizləşdirilən) (?:\w+ )?(?:pua|dron|pilotsuz)\w*",
            STRONG,
        ),
    ],
    T.ARMED_CLASH: [
        (r"atışma\w*|silahlı (?:toqquşma|qarşıdurma|insident)\w*|şiddətli döyüş\w*", STRONG),
        (r"atəş aç\w*", STRONG),
        (
            r"pusqu\w*|təxribat (?:qrup|cəhd|törət)\w*|(?:mövqe|post|sərhəd (?:post|zastava))\w* (?:\w+ )?(?:hücum|basqın)\w*|hücumun? (?:\w+ )?(?:dəf edil|qarşısı alın|geri oturdul)\w*|(?:ağır|qanlı|qızğın) döyüş\w*|döyüşlər (?:gedir|davam edir|başlayıb|başladı)",
            STRONG,
        ),
        (r"silahlı (?:şəxs|dəstə|qruplaşma|birləşmə)\w*|silahlılar\w*", FAINT),
        (r"toqquşma\w*|döyüşlər\w*|döyüş(?:də|lərdə)\b", WEAK),
    ],
    T.EXPLOSION: [
        (r"(?:əl )?qumbara\w*|partlayıcı qurğu\w*|minaya düş\w*|mina\w* (?:\w+ )?partla\w*", STRONG),
        (
            r"terror (?:aktı|hücumu)\w*|terror aktının|özünü partlat\w*|kəmər\w* partlat\w*|bomba\w* (?:\w+ )?partla\w*|(?:güclü|dəhşətli|qüvvətli) partlayış\w*|partlayış (?:səsi|səsləri|baş verib|baş verdi|eşidilib|eşidildi)\w*|tank əleyhinə mina\w*|piyada əleyhinə mina\w*",
            STRONG,
        ),
        (r"partlayış\w*|partlad\w*", WEAK),
    ],
    T.AIR_RAID_ALERT: [
        (r"hava (?:həyəcan\w*|hücumu (?:siqnal|həyəcan)\w*)|(?:raket|hava) təhlükə\w*", STRONG),
        (r"sirena\w* (?:\w+ )?(?:səsləndi|çalındı|işə düşdü|səslənib|çalınıb)\w*", STRONG),
        (r"sığınacaq\w* (?:\w+ )?(?:keç|düş|gizlən|daxil ol)\w*", STRONG),
        (r"sığınacaq\w*", WEAK),
    ],
    T.EVACUATION: [
        (r"təxliyə\w*|evakuasiya\w*", STRONG),
        (r"humanitar dəhliz\w*", STRONG),
        (
            r"evlərini (?:\w+ )?tərk (?:et|edi|edə)\w*|didərgin (?:düş|salın)\w*|(?:kütləvi|məcburi) (?:köç|qaçış)\w*|etnik təmizləmə\w*",
            STRONG,
        ),
        (r"qaçqın\w*|köçkün\w*|məcburi köç\w*|didərgin\w*", WEAK),
    ],
    T.OFFENSIVE: [
        (r"əks-?hücum\w*|əks hücum\w*|genişmiqyaslı hücum\w*|hücuma (?:keç|başla)\w*", STRONG),
        (r"(?:hərbi|antiterror|quru) (?:\w+ )?əməliyyat\w*|antiterror tədbir\w*", STRONG),
        (r"müharibə elan\w*|[ıi]şğala başla\w*", STRONG),
        (
            r"(?:hərbi əməliyyat|hücum|əməliyyat)\w* (?:\w+ )?(?:başla|başlan|keçirilməyə başla)\w*|müharibə\w* (?:\w+ )?başla\w*|soxulma\w*|[ıi]şğal et\w*|quru qoşun\w* (?:\w+ )?(?:daxil ol|keç)\w*",
            STRONG,
        ),
        (r"(?<!hava )hücum\w*", WEAK),
    ],
    T.MOBILIZATION: [
        (r"səfərbərlik\w*|ehtiyatda olan\w*|ehtiyatçı\w*", STRONG),
        (
            rf"(?:qoşun|hərbi texnika|texnika|hərbçi|qüvvə)\w* {_GAP2}(?:cəmlə\w*|yerləşdiri\w*|toplan\w*|yığ\w*|yerid\w*|göndəril\w*)",
            STRONG,
        ),
        (
            r"(?:yüksək|tam) döyüş hazırlığı\w*|döyüş hazırlığı (?:vəziyyət|rejim)\w*|(?:hərbi|qoşun) (?:hissə|birləşmə|kontingent)\w* (?:\w+ ){0,2}?(?:sərhəd|cəbhə|təmas xətt)\w*(?: \w+)? (?:yerləşdiril|göndəril|cəmləş|yerid)\w*|(?:cəmləşdir|yerləşdir|yeridi|göndər)\w* (?:\w+ ){0,2}?(?:qoşun|hərbi texnika|texnika|hərbçi|qüvvə|tank|zirehli texnika)\w*|ehtiyatdakı\w*|hərbi toplanış\w*",
            STRONG,
        ),
        (r"döyüş hazırlığı\w*", WEAK),
    ],
    T.TERRITORIAL_CHANGE: [
        (r"nəzarət\w* (?:altına )?(?:aldı|alıb|alındı|keçdi|keçib|götürdü|götürüb)\w*", STRONG),
        (
            r"(?:kənd|şəhər|qəsəbə|yüksəklik|mövqe|ərazi|rayon|məntəqə|zirvə)\w* (?:\w+ ){0,2}?(?:azad ed|işğal ed|ələ keçir|nəzarətə götür|nəzarət altına al|tərk ed)\w*|[ıi]şğaldan azad\w*|(?:azad edil|ələ keçiril)\w* (?:\w+ )?(?:kənd|şəhər|qəsəbə|yüksəklik|mövqe|ərazi)\w*",
            STRONG,
        ),
        (
            r"(?:üzərində |üzərinə )?bayra(?:q|ğ)\w* (?:\w+ )?(?:sancıl|ucaldıl|qaldırıl)\w*|təslim (?:ol|edil)\w*|geri çəkilməyə məcbur\w*",
            WEAK,
        ),
    ],
    T.CEASEFIRE_BREACH: [
        (
            rf"atəşkəs\w* {_GAP2}(?:poz|çökdü|çöküb|iflasa)\w*|(?:atəşkəsə|atəşkəs rejiminə) (?:\w+ )?(?:məhəl qoymayaraq|baxmayaraq|rəğmən)",
            STRONG,
        ),
    ],
    T.BLOCKADE: [
        (r"blokada\w*|mühasirə\w*", STRONG),
        (
            r"(?:dəhliz|keçid|sərhəd|yol)\w* (?:\w+ ){0,2}?(?:bağla|qapad)\w*|(?:humanitar yük|yardım|ərzaq|yanacaq)\w* (?:\w+ ){0,2}?(?:buraxılmır|buraxılmayıb|kəsil|qarşısı alın)\w*",
            WEAK,
        ),
    ],
    T.CASUALTIES: [
        (rf"{_COUNT} (?:\w+ )?{_PEOPLE} (?:\w+ )?(?:həlak|şəhid|yaralan|öldürül)\w*", STRONG),
        (r"(?:ölənlərin|həlak olanların|ölü|şəhidlərin|yaralıların) sayı\w*|itki (?:verib|verdi|var)\w*|həyatını itir\w*", STRONG),
        (r"həlak ol\w*|şəhid ol\w*|yaralan\w*|öldürül\w*|ölü\w*|yaralı\w*|itki\w*", WEAK),
    ],
    T.THREAT: [
        (r"ultimatum\w*|hərbi vəziyyət\w*|fövqəladə vəziyyət\w*", STRONG),
        (
            rf"(?:hədələ|təhdid)\w* {_GAP2}(?:müharibə|hücum|zərbə|güc|hərbi|cavab|məhv)\w*|(?:müharibə|hücum|zərbə|güc tətbiq)\w* (?:\w+ ){0, 2}?(?:hədələ|təhdid)\w*|komendant saatı\w*|cavabsız qalmayacaq\w*|(?:sərt|ağır|layiqli|adekvat) cavab\w*|müharibə həddi\w*",
            STRONG,
        ),
        (r"hədələ\w*|təhdid\w*", WEAK),
    ],
    T.UNREST: [
        (
            r"(?:kütləvi )?iğtişaş\w*|göz yaşardıcı qaz\w*|rezin güllə\w*|polislə (?:\w+ )?toqquş\w*|(?:etirazçı|aksiya iştirakçı|nümayişçi)\w* (?:\w+ ){0,2}?(?:toqquş|yaralan|döyül|hücum)\w*|etiraz\w* (?:\w+ )?(?:zorakılığa|qarşıdurmaya) çevril\w*",
            STRONG,
        ),
    ],
    T.DE_ESCALATION: [
        (rf"atəşkəs\w* {_GAP2}(?:razılaş|imzala|əldə ed|elan ed|əldə olun)\w*", STRONG),
        (r"sülh (?:müqavilə|saziş|danışıq)\w*|əsir mübadilə\w*", STRONG),
        (rf"(?:qoşun|hərbi kontingent|qüvvə)\w* {_GAP2}(?:çıxarıl|geri çək)\w*", STRONG),
        (
            r"(?:əsir|girov|hərbi əsir)\w* (?:\w+ ){0,2}?(?:qaytarıl|azad edil|təhvil veril|mübadilə)\w*|(?:dəhliz|yol|keçid)\w* (?:\w+ )?(?:yenidən )?açıl\w*",
            STRONG,
        ),
        (r"sülh (?:prosesi|gündəliyi)\w*|delimitasiya\w*", WEAK),
    ],
}

_SPORTS = r"futbol\w*|oyun\w*|matç\w*|hücumçu\w*|\bqol\w*|komanda\w*|yığma\w*|çempionat\w*|liqa\w*|klub\w*|turnir\w*|məşqçi\w*|azarkeş\w*"
_SCREEN = r"film\w*|kino\w*|kassa\w*|serial\w*|albom\w*|video ?oyun\w*|kompüter oyun\w*"
_MARKETS = r"birja\w*|səhm\w*|investor\w*|bazar\w*|qiymət\w*|şirkət\w*|satış\w*|manat\w*"
_LABOUR = r"tətil\w*|həmkarlar\w*|əmək haqqı\w*|maaş\w*"
_DRILLS = r"təlim\w*|məşq\w*|yoxlama\w*|tədris\w*"
_DISASTERS = r"zəlzələ\w*|yanğın\w*|daşqın\w*|sel\b|qəza\w*|qaz sızması\w*|fırtına\w*|sürüşmə\w*"

#: Cues in the sentence or title that make a trigger a benign sense.
BENIGN: dict[T, str] = {
    T.SHELLING: _SCREEN + r"|peyk\w*|kosmos\w*|kosmik\w*|sınaq\w*",
    T.AIR_STRIKE: either(_SCREEN, _SPORTS),
    T.ARMED_CLASH: either(_SCREEN, _SPORTS) + r"|şifahi\w*|parlament\w*|deputat\w*|seçki\w*|maraqlar\w*",
    T.EXPLOSION: either(_SCREEN, _DISASTERS) + r"|\bqaz\w*|fişəng\w*|əhali artımı\w*|qiymət\w*|maraq\w*",
    T.AIR_RAID_ALERT: either(_DRILLS, _DISASTERS),
    T.EVACUATION: either(_DRILLS, _DISASTERS, _MARKETS) + r"|şübhəli (?:əşya|çanta|bağlama)\w*|yalançı (?:məlumat|siqnal)\w*",
    T.OFFENSIVE: either(_SCREEN, _SPORTS, _MARKETS) + r"|kiber\w*|haker\w*|infarkt\w*|tənqid\w*|kampaniya\w*|informasiya hücum\w*",
    T.MOBILIZATION: either(_SPORTS, _MARKETS) + r"|seçici\w*|tərəfdar\w*|resurs\w*|vəsait\w*",
    T.TERRITORIAL_CHANGE: either(_SCREEN, _SPORTS, _MARKETS) + r"|diqqət\w*|ürəkləri\w*|mükafat\w*|mandat\w*|liderlik\w*",
    T.BLOCKADE: either(_SPORTS, _LABOUR) + r"|qar\b|qarla|qar yağ\w*|duman\w*|təmir\w*|tıxac\w*|etirazçı\w*|sayt\w*|hesab\w*|kart\w*",
    T.CASUALTIES: either(_SCREEN, _SPORTS, _DISASTERS) + r"|cinayət\w*|boğul\w*|zəhərlən\w*|zədə\w*",
    T.THREAT: either(_SPORTS, _LABOUR) + r"|ekoloji\w*|iqlim\w*|nəsli kəsil\w*|sağlamlıq\w*",
    T.UNREST: either(_SPORTS, _SCREEN),
    T.DE_ESCALATION: either(_LABOUR, _SPORTS, _MARKETS),
}

#: Words before a trigger that negate or deny it ("heç bir atəş").
NEGATION = r"\b(?:heç|yox|deyil|təkzib\w*|yalan\w*|saxta\w*|dezinformasiya\w*|qarşısı alın\w*|zərərsizləşdiril\w*)\b"

#: The negative suffix inside the trigger's own verb: "atəşkəs pozulmayıb", "atəşə
#: tutulmayıb" (-ma/-mə before a tense ending), which no word around it shows.
NEGATION_INSIDE = r"\w(?:ma|mə)(?:yıb|yib|yub|yüb|dı|di|du|dü|mışdır|mişdir|mış|miş|yacaq|yəcək|z)\b"

#: Words just after a trigger that deny it ("atışma qeydə alınmayıb").
NEGATION_AFTER = r"\b(?:olmayıb|olmamışdır|olmadı|alınmayıb|alınmamışdır|deyil|yoxdur|təkzib\w*|yalan\w*|həqiqəti əks etdirmir|dezinformasiya\w*|baş verməyib|verilməyib|qeydə alınmayıb)\b"

#: Words before a trigger that make it hypothetical, threatened, planned or a drill.
HEDGE = r"\b(?:ola bilər|mümkün\w*|əgər|təhlükə\w*|hədələ\w*|planlaşdır\w*|təlim\w*|niyyət\w*|hazırlaşır\w*|ehtimal\w*|qorxu\w*|ehtimalı)\b"

#: Words just after a trigger, in its clause, that make it hypothetical: the modal
#: follows the noun in Azerbaijani ("hücuma hazırlaşır", "zərbə endirə bilər").
HEDGE_AFTER = r"\b(?:ola bilər|\w+(?:a|ə) bilər|hazırlaşır\w*|planlaşdırır\w*|niyyətindədir|gözlənilir|ehtimal\w*|hədələ\w*|təhdid\w*)\b"

#: Mentions of past events that are not news today.
HISTORICAL = r"\b(?:il (?:əvvəl|öncə)|illər (?:əvvəl|öncə)|ildönümü\w*|xatirə\w*|anım\w*)\b"

#: Dates and named past wars, which date only their own clause: "1992-ci ildə", "44
#: günlük Vətən müharibəsi zamanı", "Birinci Qarabağ müharibəsində".
DATED = r"\b(?:(?:19|20)\d\d-?(?:ci|cı|cu|cü)? il\w*|(?:44 günlük|birinci qarabağ|ikinci qarabağ|vətən) müharibəsi\w*)"

#: Words that open a new clause.
CLAUSE_OPENER = r"\b(?:lakin|amma|ancaq|çünki|halbuki|hansı ki|o zaman ki|ondan sonra ki)\b"
