"""Russian, Armenian, Azerbaijani and Ukrainian news sentences, written for these tests."""

from __future__ import annotations

import pytest

from tocsin.records import SignalType as T
from tocsin.streams.classifier import Classifier

CLASSIFIER = Classifier()

POSITIVE = [
    # Russian
    (T.SHELLING, "Село Ивановка подверглось массированному обстрелу ночью."),
    (T.AIR_STRIKE, "Авиаудар по складу боеприпасов нанесён утром в пятницу."),
    (T.AIR_RAID_ALERT, "В Харькове объявлена воздушная тревога, жителей просят укрыться в убежищах."),
    (T.EVACUATION, "Власти объявили эвакуацию жителей прифронтовых сёл."),
    (T.OFFENSIVE, "Армия начала масштабное наступление на южном направлении."),
    (T.MOBILIZATION, "В стране объявлена частичная мобилизация."),
    (T.CEASEFIRE_BREACH, "Стороны обвинили друг друга в нарушении режима прекращения огня."),
    (T.CASUALTIES, "В результате удара трое мирных жителей погибли."),
    # Armenian
    (T.SHELLING, "Հակառակորդը հրետակոծել է սահմանամերձ գյուղը։"),
    (T.AIR_STRIKE, "Անօդաչու սարքը հարված է հասցրել զորամասին։"),
    (T.AIR_RAID_ALERT, "Քաղաքում հնչել են շչակները, բնակիչներն իջել են ապաստարաններ։"),
    (T.EVACUATION, "Իշխանությունները սկսել են բնակչության տարհանումը։"),
    (T.OFFENSIVE, "Հակառակորդը սկսել է լայնածավալ հարձակում։"),
    (T.MOBILIZATION, "Կառավարությունը հայտարարել է ընդհանուր զորահավաք։"),
    (T.CEASEFIRE_BREACH, "Ադրբեջանական կողմը կրկին խախտել է հրադադարի ռեժիմը։"),
    (T.CASUALTIES, "Հրետակոծության հետևանքով երկու զինծառայող զոհվել է։"),
    # Azerbaijani
    (T.SHELLING, "Düşmən kəndi artilleriyadan atəşə tutub."),
    (T.AIR_STRIKE, "Hava zərbəsi nəticəsində hərbi obyekt məhv edilib."),
    (T.AIR_RAID_ALERT, "Şəhərdə sirenalar səsləndi, sakinlər sığınacaqlara keçdi."),
    (T.EVACUATION, "Sərhədyanı kəndlərdən sakinlərin təxliyəsi başlayıb."),
    (T.OFFENSIVE, "Ordu bölgədə antiterror tədbirlərinə başlayıb."),
    (T.MOBILIZATION, "Ölkədə qismən səfərbərlik elan olunub."),
    (T.CEASEFIRE_BREACH, "Qarşı tərəf atəşkəs rejimini yenidən pozub."),
    (T.CASUALTIES, "Atəş nəticəsində iki hərbçi yaralanıb."),
]

NEGATED = [
    (T.SHELLING, "Ночью обстрелов не было, сообщили в администрации."),
    (T.SHELLING, "Минобороны опровергло обстрел села."),
    (T.SHELLING, "Գիշերը հրետակոծություն չի գրանցվել։"),
    (T.SHELLING, "Gecə ərzində atəşə tutulma qeydə alınmayıb."),
    (T.EVACUATION, "Власти не планируют эвакуацию города."),
    (T.MOBILIZATION, "Նախարարությունը հերքել է զորահավաքի մասին լուրերը։"),
]


@pytest.mark.parametrize(("signal_type", "text"), POSITIVE)
def test_reports_are_detected(signal_type: T, text: str) -> None:
    assert signal_type in {d.type for d in CLASSIFIER.classify(text)}


@pytest.mark.parametrize(("signal_type", "text"), NEGATED)
def test_denials_are_not_detected(signal_type: T, text: str) -> None:
    assert signal_type not in {d.type for d in CLASSIFIER.classify(text)}


@pytest.mark.parametrize("text", ["İşğalçılar kəndi atəşə tutub.", "Ночью ОБСТРЕЛЯЛИ окраины города."])
def test_evidence_offsets_point_into_the_original_text(text: str) -> None:
    spans = [span for detection in CLASSIFIER.classify(text) for span in detection.evidence]
    assert spans
    assert all(text[span.start : span.end] == span.text for span in spans)


def test_offensive_season_is_not_an_offensive() -> None:
    assert CLASSIFIER.classify("С наступлением холодов в город вернулись перелётные птицы.") == []


# Issue 4 breadth: every language covers the core types in several inflections, and a
# denial and a benign sense of its own. Sentences written for these tests.
CORE = [
    # Russian: cases and aspects
    (T.SHELLING, "Противник обстрелял Никополь из тяжёлой артиллерии."),
    (T.SHELLING, "Под обстрелом оказались два района Херсона."),
    (T.AIR_STRIKE, "Российская авиация сбросила управляемые авиабомбы на Купянск."),
    (T.AIR_STRIKE, "Ночью силы ПВО сбили 25 беспилотников над областью."),
    (T.AIR_RAID_ALERT, "В Белгороде включили сирены, жителей призвали пройти в укрытия."),
    (T.AIR_RAID_ALERT, "В регионе объявлена ракетная опасность."),
    (T.EVACUATION, "Из прифронтовых сёл эвакуированы более 300 детей."),
    (T.OFFENSIVE, "Российские войска перешли в наступление под Покровском."),
    (T.MOBILIZATION, "К границе стянуты дополнительные войска и техника."),
    (T.MOBILIZATION, "Военкоматы начали рассылать повестки резервистам."),
    (T.CEASEFIRE_BREACH, "Режим прекращения огня был нарушен уже через час."),
    (T.CASUALTIES, "Погибли четыре человека, ещё 12 получили ранения."),
    # Armenian: case endings and the hyphenated article of abbreviations
    (T.SHELLING, "Թշնամին հրետակոծել է Ջերմուկ քաղաքը։"),
    (T.AIR_STRIKE, "Ադրբեջանական ԱԹՍ-ն հարվածել է հայկական բեռնատարին։"),
    (T.AIR_RAID_ALERT, "Ստեփանակերտում հնչել են օդային տագնապի ազդանշաններ։"),
    (T.EVACUATION, "Սահմանամերձ գյուղերի բնակիչներին տարհանում են։"),
    (T.OFFENSIVE, "Ադրբեջանը սկսել է «հակաահաբեկչական միջոցառումներ» Լեռնային Ղարաբաղում։"),
    (T.MOBILIZATION, "Պահեստազորայիններին կանչել են զորամասեր։"),
    (T.CEASEFIRE_BREACH, "Ադրբեջանական կողմը խախտել է հրադադարը Տավուշում։"),
    (T.CASUALTIES, "Հրետակոծության հետևանքով վիրավորվել են չորս խաղաղ բնակիչներ։"),
    # Azerbaijani: agglutinative suffixes
    (T.SHELLING, "Ermənistan silahlı qüvvələri mövqelərimizi minaatanlardan atəşə tutub."),
    (T.SHELLING, "Kənd artilleriya atəşinə məruz qalıb."),
    (T.AIR_STRIKE, "Pilotsuz uçan aparatlar hərbi obyektə zərbə endirib."),
    (T.AIR_RAID_ALERT, "Şəhərdə hava hücumu həyəcan siqnalı verilib."),
    (T.EVACUATION, "Sərhədyanı kəndlərin sakinləri təxliyə edilib."),
    (T.OFFENSIVE, "Ordu əks-hücuma keçib."),
    (T.MOBILIZATION, "Sərhədə əlavə qoşun yeridilib."),
    (T.CEASEFIRE_BREACH, "Ermənistan tərəfi atəşkəs rejimini pozub."),
    (T.CASUALTIES, "Hücum nəticəsində iki mülki şəxs həlak olub."),
    # Ukrainian
    (T.SHELLING, "Окупанти обстріляли Херсон з артилерії."),
    (T.SHELLING, "Внаслідок обстрілу пошкоджено житлові будинки."),
    (T.AIR_STRIKE, "Ворог завдав авіаудару по Куп'янську керованими авіабомбами."),
    (T.AIR_STRIKE, "Ударні дрони атакували енергетичну інфраструктуру Одещини."),
    (T.ARMED_CLASH, "Тривають запеклі бої поблизу Покровська."),
    (T.EXPLOSION, "У центрі міста пролунали вибухи."),
    (T.AIR_RAID_ALERT, "У Києві та шести областях оголошено повітряну тривогу."),
    (T.AIR_RAID_ALERT, "Пролунали сирени, мешканців закликають пройти в укриття."),
    (T.EVACUATION, "Влада оголосила примусову евакуацію дітей з прифронтових громад."),
    (T.EVACUATION, "Тисячі людей покинули свої домівки."),
    (T.OFFENSIVE, "Російські війська розпочали наступ на Харківщині."),
    (T.MOBILIZATION, "Верховна Рада продовжила загальну мобілізацію."),
    (T.MOBILIZATION, "Росія стягує війська до кордону."),
    (T.TERRITORIAL_CHANGE, "Сили оборони звільнили село на Запоріжжі."),
    (T.CEASEFIRE_BREACH, "Росія порушила режим припинення вогню."),
    (T.CEASEFIRE_BREACH, "Великоднє перемир'я було зірване вже вночі."),
    (T.BLOCKADE, "Місто опинилося в оточенні."),
    (T.CASUALTIES, "Загинули троє цивільних, ще семеро поранені."),
    (T.CASUALTIES, "Внаслідок атаки поранено п'ятьох людей."),
    (T.DE_ESCALATION, "Україна та Росія провели обмін полоненими."),
]

DENIED = [
    (T.MOBILIZATION, "В Кремле заявили, что новой волны мобилизации не будет."),
    (T.CASUALTIES, "Потерь среди мирного населения нет."),
    (T.CEASEFIRE_BREACH, "Տավուշում հրադադարի խախտումներ չեն գրանցվել։"),
    (T.CEASEFIRE_BREACH, "Gecə ərzində atəşkəs pozulmayıb."),
    (T.MOBILIZATION, "Müdafiə Nazirliyi səfərbərlik barədə xəbərləri təkzib edib."),
    (T.SHELLING, "Обстрілів за добу не зафіксовано."),
    (T.MOBILIZATION, "У Міноборони спростували чутки про нову хвилю мобілізації."),
]

BENIGN_SENSES = [
    "В школах города прошла учебная эвакуация.",
    "С наступлением весны в парках открылись кафе.",
    "Դպրոցներում անցկացվել է տարհանման վարժանք։",
    "Məktəblərdə təxliyə təlimi keçirilib.",
    "Наступного тижня в школах пройдуть навчання з евакуації.",
    "З настанням весни ціни на овочі знизилися.",
    "Ракета-носій вивела на орбіту супутник.",
]


@pytest.mark.parametrize(("signal_type", "text"), CORE)
def test_core_types_in_every_language(signal_type: T, text: str) -> None:
    assert signal_type in {d.type for d in CLASSIFIER.classify(text)}


@pytest.mark.parametrize(("signal_type", "text"), DENIED)
def test_denials_in_every_language(signal_type: T, text: str) -> None:
    assert signal_type not in {d.type for d in CLASSIFIER.classify(text)}


@pytest.mark.parametrize("text", BENIGN_SENSES)
def test_benign_senses_in_every_language(text: str) -> None:
    assert CLASSIFIER.classify(text) == []


def test_a_number_is_not_armenian_negation() -> None:
    """չ- negates a verb, but չորս is "four": a count before the victims must not veto them."""
    assert T.CASUALTIES in {d.type for d in CLASSIFIER.classify("Հարվածից չորս զինծառայող վիրավորվել է։")}
