"""Armenian lexicon: trigger stems per signal type and the cues that veto them.

Armenian builds nouns and verbs from one stem with suffixes (հրետակոծ-ություն,
հրետակոծ-ել, հրետակոծ-վել), so triggers are stems followed by `\\w*`. Negation
is the prefix չ- on the auxiliary or verb ("չի գրանցվել", "չեն հրետակոծել"),
before or after the noun, so both sides of a trigger are checked. The sentence
ends with the verjaket "։", which the engine splits on.
"""

from tocsin.records import SignalType as T

STRONG = 0.9
WEAK = 0.6

_GAP2 = r"(?:\w+ ){0,2}?"
_COUNT = r"(?:\d+|մի քանի|տասնյակ\w*|հարյուրավոր|երկու|երեք|չորս|հինգ)"
_PEOPLE = r"(?:զինծառայող\w*|մարդ\w*|խաղաղ բնակիչ\w*|բնակիչ\w*|զինվոր\w*|երեխա\w*)"

TRIGGERS: dict[T, list[tuple[str, float]]] = {
    T.SHELLING: [
        (r"հրետակոծ\w*|գնդակոծ\w*", STRONG),
        (r"(?:հրետանային|հրթիռային|ականանետային) (?:\w+ )?(?:հարված\w*|կրակ\w*|հրետակոծ\w*)", STRONG),
        (r"հրետանի\w*|ականանետ\w*|հրթիռ\w*", WEAK),
    ],
    T.AIR_STRIKE: [
        (r"ավիահարված\w*|օդային հարված\w*|ռմբակոծ\w*", STRONG),
        (r"(?:անօդաչու|աթս|դրոն)\w*(?:-\w+)? (?:\w+ ){0,2}?(?:հարված\w*|հարձակ\w*|խոց\w*)", STRONG),
        (r"կամիկաձե (?:դրոն|անօդաչու)\w*|հարվածային (?:աթս|դրոն|անօդաչու)\w*", WEAK),
    ],
    T.ARMED_CLASH: [
        (r"փոխհրաձգ\w*|զինված բախ\w*|մարտական գործողություն\w*", STRONG),
        (r"կրակ (?:են |է )?բաց\w*|կրակ բացել\w*", STRONG),
        (r"բախում\w*", WEAK),
    ],
    T.EXPLOSION: [
        (r"պայթուցիկ սարք\w*|ական\w* (?:\w+ )?պայթ\w*|պայթեցր\w*|պայթեցվ\w*", STRONG),
        (r"պայթյուն\w*|պայթ\w*", WEAK),
    ],
    T.AIR_RAID_ALERT: [
        (r"օդային տագնապ\w*|(?:շչակ|ազդանշան|սիրեն)\w* (?:\w+ )?(?:հնչ|միաց)\w*", STRONG),
        (r"(?:ապաստարան|թաքստոց|նկուղ)\w* (?:\w+ )?(?:իջն|իջան|ապաստան|թաքնվ|տեղափոխվ)\w*|(?:իջն|իջան|ապաստան|թաքնվ)\w* (?:\w+ )?(?:ապաստարան|թաքստոց|նկուղ)\w*", STRONG),
        (r"ապաստարան\w*", WEAK),
    ],
    T.EVACUATION: [
        (r"տարհան\w*|էվակուաց\w*", STRONG),
        (r"մարդասիրական միջանցք\w*", STRONG),
        (r"փախստական\w*|տեղահան\w*|բռնագաղթ\w*", WEAK),
    ],
    T.OFFENSIVE: [
        (r"(?:լայնածավալ|ռազմական) հարձակ\w*|հակահարձակ\w*", STRONG),
        (r"(?:ռազմական|հակաահաբեկչական|ցամաքային) գործողություն\w*|հակաահաբեկչական միջոցառում\w*", STRONG),
        (r"ներխուժ\w*|պատերազմ (?:է )?հայտարար\w*", STRONG),
        (r"հարձակ\w*", WEAK),
    ],
    T.MOBILIZATION: [
        (r"զորահավաք\w*|պահեստազոր\w*", STRONG),
        (rf"(?:զորք|զինուժ|տեխնիկա|զրահատեխնիկա)\w* {_GAP2}(?:կուտակ\w*|տեղակայ\w*|տեղափոխ\w*|կենտրոնաց\w*)", STRONG),
        (r"մարտական (?:լիարժեք )?պատրաստականություն\w*", WEAK),
    ],
    T.TERRITORIAL_CHANGE: [
        (r"վերահսկողության (?:տակ|ներքո) (?:է |են )?(?:վերցր|վերցվ|անցել|անցավ)\w*", STRONG),
        (r"գրավ(?:ել|եց|եցին|վել|վեց|ված)\w*", WEAK),
    ],
    T.CEASEFIRE_BREACH: [
        (rf"հրադադար\w* {_GAP2}խախտ\w*|խախտ\w* {_GAP2}հրադադար\w*", STRONG),
    ],
    T.BLOCKADE: [
        (r"շրջափակ\w*|պաշարում\w*|պաշարված\w*", STRONG),
    ],
    T.CASUALTIES: [
        (rf"{_COUNT} (?:\w+ )?{_PEOPLE} (?:\w+ )?(?:զոհվ|սպանվ|վիրավորվ)\w*", STRONG),
        (rf"(?:զոհվ|սպանվ|վիրավորվ)\w* (?:է |են )?{_COUNT}", STRONG),
        (r"զոհեր\w*|զոհվ\w*|սպանվ\w*|վիրավոր\w*", WEAK),
    ],
    T.THREAT: [
        (r"վերջնագ\w*|ռազմական դրություն\w*|արտակարգ դրություն\w*", STRONG),
        (r"սպառն\w*", WEAK),
    ],
    T.UNREST: [
        (r"զանգվածային անկարգություն\w*|անկարգություն\w*", STRONG),
    ],
    T.DE_ESCALATION: [
        (rf"հրադադար\w* {_GAP2}(?:համաձայն|կնք|հաստատ|հայտարար)\w*", STRONG),
        (rf"(?:զորք|զինուժ)\w* {_GAP2}(?:դուրսբեր|հետ քաշ|դուրս բեր)\w*", STRONG),
        (r"գերիների փոխանակ\w*|խաղաղության (?:պայմանագ|համաձայնագ)\w*", STRONG),
        (r"խաղաղ(?:ության)? բանակցություն\w*", WEAK),
    ],
}

#: Cues in the sentence or title that make a trigger a benign sense.
BENIGN: dict[T, str] = {
    T.TERRITORIAL_CHANGE: r"ուշադրություն\w*|սրտեր\w*|մրցանակ\w*|ֆուտբոլ\w*",
    T.OFFENSIVE: r"ֆուտբոլ\w*|խաղ\w*|հանդիպում\w*",
    T.AIR_RAID_ALERT: r"զորավարժ\w*|վարժանք\w*|ստուգ\w*",
    T.EVACUATION: r"զորավարժ\w*|վարժանք\w*|հրդեհ\w*|երկրաշարժ\w*",
    T.CASUALTIES: r"ավտովթար\w*|վթար\w*|երկրաշարժ\w*|հրդեհ\w*",
    T.EXPLOSION: r"գազ\w*|հրավառ\w*",
}

#: A word with the negative prefix; չորս ("four"), չափ ("measure") and չեզոք ("neutral")
#: only begin with the same letter.
_NOT = r"չ(?!որս|ափ|եզոք)\w+"

#: Negating words before a trigger: the prefix չ- on a verb, "no", "without", "denied".
NEGATION = rf"(?<!\w)(?:ոչ|{_NOT}|առանց|հերք\w*)\b"

#: Negation just after a trigger ("հրետակոծություն չի գրանցվել").
NEGATION_AFTER = rf"(?<!\w)(?:{_NOT}|հերք\w*)\b"

#: Words before a trigger that make it hypothetical, threatened, planned or a drill.
HEDGE = r"(?<!\w)(?:կարող\w*|կարծես|եթե|հնարավոր\w*|սպառն\w*|պլանավոր\w*|վտանգ\w*|զորավարժ\w*)\b"

#: Mentions of past events that are not news today.
HISTORICAL = r"(?<!\w)(?:(?:19|20)\d\d\S* (?:թ\.|թվական\w*)|տարի(?:ներ)? առաջ|տարելից\w*|հիշատակ\w*)"
