"""Azerbaijani lexicon: trigger stems per signal type and the cues that veto them.

Azerbaijani is agglutinative (atəş-ə tut-ul-ub, təxliyə-si), so triggers are stems
followed by `\\w*`. The engine folds the text to lower case with "İ" -> "i"; a
capital "I" therefore folds to "i", not "ı", so stems that can start a headline
with "I" are written with [ıi]. Verbal negation is a suffix (-ma/-mə: "olmayıb"),
so denials are caught by the words after the trigger ("qeydə alınmayıb") or, when
the trigger's own verb carries the suffix ("atəşkəs pozulmayıb"), inside the match.
"""

from tocsin.records import SignalType as T

STRONG = 0.9
WEAK = 0.6

_GAP2 = r"(?:\w+ ){0,2}?"
_COUNT = r"(?:\d+|bir neçə|onlarla|yüzlərlə|iki|üç|dörd|beş)"
_PEOPLE = r"(?:nəfər|hərbçi\w*|hərbi qulluqçu\w*|mülki (?:şəxs|sakin)\w*|dinc sakin\w*|sakin\w*|əsgər\w*|uşaq\w*)"

TRIGGERS: dict[T, list[tuple[str, float]]] = {
    T.SHELLING: [
        (r"atəşə tut\w*|atəşə məruz\w*", STRONG),
        (r"(?:(?:artilleriya|minaatan|raket|tank)\w*|top(?:lar)?(?:dan|la|ların)?) (?:\w+ )?(?:atəş\w*|zərbə\w*|hücum\w*)", STRONG),
        (r"artilleriya\w*|minaatan\w*|mərmi\w*", WEAK),
    ],
    T.AIR_STRIKE: [
        (r"(?:hava|aviasiya) zərbə\w*|bombalad\w*|bombardman\w*", STRONG),
        (r"(?:pilotsuz uçan aparat|pua|dron)\w* (?:\w+ ){0,2}?(?:zərbə|hücum)\w*", STRONG),
    ],
    T.ARMED_CLASH: [
        (r"atışma\w*|silahlı (?:toqquşma|qarşıdurma|insident)\w*|şiddətli döyüş\w*", STRONG),
        (r"atəş aç\w*", STRONG),
        (r"toqquşma\w*|döyüşlər\w*", WEAK),
    ],
    T.EXPLOSION: [
        (r"(?:əl )?qumbara\w*|partlayıcı qurğu\w*|minaya düş\w*|mina\w* (?:\w+ )?partla\w*", STRONG),
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
        (r"qaçqın\w*|köçkün\w*|məcburi köç\w*", WEAK),
    ],
    T.OFFENSIVE: [
        (r"əks-?hücum\w*|əks hücum\w*|genişmiqyaslı hücum\w*|hücuma (?:keç|başla)\w*", STRONG),
        (r"(?:hərbi|antiterror|quru) (?:\w+ )?əməliyyat\w*|antiterror tədbir\w*", STRONG),
        (r"müharibə elan\w*|[ıi]şğala başla\w*", STRONG),
        (r"hücum\w*", WEAK),
    ],
    T.MOBILIZATION: [
        (r"səfərbərlik\w*|ehtiyatda olan\w*|ehtiyatçı\w*", STRONG),
        (rf"(?:qoşun|hərbi texnika|texnika|hərbçi|qüvvə)\w* {_GAP2}(?:cəmlə\w*|yerləşdiri\w*|toplan\w*|yığ\w*|yerid\w*|göndəril\w*)", STRONG),
        (r"döyüş hazırlığı\w*", WEAK),
    ],
    T.TERRITORIAL_CHANGE: [
        (r"nəzarət\w* (?:altına )?(?:aldı|alıb|alındı|keçdi|keçib|götürdü|götürüb)\w*", STRONG),
        (r"(?:kənd|şəhər|qəsəbə|yüksəklik|mövqe)\w* (?:\w+ )?(?:azad ed|işğal ed|ələ keçir)\w*", STRONG),
    ],
    T.CEASEFIRE_BREACH: [
        (rf"atəşkəs\w* {_GAP2}poz\w*", STRONG),
    ],
    T.BLOCKADE: [
        (r"blokada\w*|mühasirə\w*", STRONG),
    ],
    T.CASUALTIES: [
        (rf"{_COUNT} (?:\w+ )?{_PEOPLE} (?:\w+ )?(?:həlak|şəhid|yaralan|öldürül)\w*", STRONG),
        (r"həlak ol\w*|şəhid ol\w*|yaralan\w*|öldürül\w*", WEAK),
    ],
    T.THREAT: [
        (r"ultimatum\w*|hərbi vəziyyət\w*|fövqəladə vəziyyət\w*", STRONG),
        (r"hədələ\w*|təhdid\w*", WEAK),
    ],
    T.UNREST: [
        (r"(?:kütləvi )?iğtişaş\w*", STRONG),
    ],
    T.DE_ESCALATION: [
        (rf"atəşkəs\w* {_GAP2}(?:razılaş|imzala|əldə ed|elan ed|əldə olun)\w*", STRONG),
        (r"sülh (?:müqavilə|saziş|danışıq)\w*|əsir mübadilə\w*", STRONG),
        (rf"qoşun\w* {_GAP2}(?:çıxarıl|geri çək)\w*", STRONG),
    ],
}

#: Cues in the sentence or title that make a trigger a benign sense.
BENIGN: dict[T, str] = {
    T.OFFENSIVE: r"futbol\w*|oyun\w*|matç\w*|hücumçu\w*|kiber\w*",
    T.AIR_RAID_ALERT: r"təlim\w*|məşq\w*|yoxlama\w*",
    T.EVACUATION: r"təlim\w*|məşq\w*|yanğın\w*|zəlzələ\w*|daşqın\w*",
    T.CASUALTIES: r"yol qəza\w*|qəza\w*|zəlzələ\w*|yanğın\w*|futbol\w*",
    T.EXPLOSION: r"qaz\w*|fişəng\w*",
}

#: Words before a trigger that negate or deny it ("heç bir atəş").
NEGATION = r"\b(?:heç|yox|deyil|təkzib\w*|yalan)\b"

#: The negative suffix inside the trigger's own verb: "atəşkəs pozulmayıb", "atəşə
#: tutulmayıb" (-ma/-mə before a tense ending), which no word around it shows.
NEGATION_INSIDE = r"\w(?:ma|mə)(?:yıb|yib|yub|yüb|dı|di|du|dü|mışdır|mişdir|mış|miş|yacaq|yəcək|z)\b"

#: Words just after a trigger that deny it ("atışma qeydə alınmayıb").
NEGATION_AFTER = r"\b(?:olmayıb|olmamışdır|olmadı|alınmayıb|alınmamışdır|deyil|yoxdur|təkzib\w*)\b"

#: Words before a trigger that make it hypothetical, threatened, planned or a drill.
HEDGE = r"\b(?:ola bilər|mümkün\w*|əgər|təhlükə\w*|hədələ\w*|planlaşdır\w*|təlim\w*)\b"

#: Mentions of past events that are not news today.
HISTORICAL = r"\b(?:(?:19|20)\d\d-?(?:ci|cı|cu|cü)? il\w*|il (?:əvvəl|öncə)|ildönümü\w*|xatirə\w*|anım\w*)\b"
