"""Russian, Armenian and Azerbaijani news sentences, written for these tests."""

from __future__ import annotations

import pytest

from streams.classifier import Classifier
from tocsin.records import SignalType as T

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
