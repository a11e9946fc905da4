"""Turkish, German, Georgian and Hebrew news sentences, written for these tests (not taken
from the held-out sets, which judge these lexicons and are never read while writing them):
every type in several inflections, and per language benign look-alikes, denials, hedges and
historical mentions that must stay quiet."""

from __future__ import annotations

import pytest

from tocsin.records import SignalType as T
from tocsin.streams.classifier import Classifier

CLASSIFIER = Classifier()

REPORTS = [
    # Turkish: case and verb suffixes, a capital "I" that folds to "i"
    (T.SHELLING, "Rus ordusu gece boyunca Harkiv'i topçu ateşiyle vurdu."),
    (T.SHELLING, "Sınır köyleri havan mermileriyle bombardımana tutuldu."),
    (T.SHELLING, "Gazze'den İsrail'e çok sayıda roket fırlatıldı."),
    (T.AIR_STRIKE, "İsrail savaş uçakları Lübnan'ın güneyini vurdu."),
    (T.AIR_STRIKE, "SİHA SALDIRISINDA İKİ ARAÇ İMHA EDİLDİ"),
    (T.AIR_STRIKE, "Suriye'nin kuzeyine hava saldırısı düzenlendi."),
    (T.ARMED_CLASH, "Ordu ile silahlı gruplar arasında şiddetli çatışmalar yaşanıyor."),
    (T.ARMED_CLASH, "Karakola silahlı saldırı: askerler karşılık verdi."),
    (T.EXPLOSION, "Kabil'de bombalı araçla saldırı düzenlendi."),
    (T.EXPLOSION, "Yol kenarına yerleştirilen el yapımı patlayıcı infilak etti."),
    (T.AIR_RAID_ALERT, "Kiev'de hava saldırısı alarmı verildi, halk sığınaklara koştu."),
    (T.AIR_RAID_ALERT, "Tel Aviv'de sirenler çaldı."),
    (T.EVACUATION, "Cephe hattındaki kasabalardan siviller tahliye ediliyor."),
    (T.EVACUATION, "Binlerce kişi evlerini terk etmek zorunda kaldı."),
    (T.OFFENSIVE, "Ordu sınır ötesi kara harekâtı başlattı."),
    (T.OFFENSIVE, "Ukrayna güneyde karşı taarruza geçti."),
    (T.MOBILIZATION, "Rusya kısmi seferberlik ilan etti."),
    (T.MOBILIZATION, "Sınıra tank ve zırhlı araç sevkiyatı sürüyor: bölgeye yeni birlikler konuşlandırıldı."),
    (T.TERRITORIAL_CHANGE, "Rus güçleri stratejik kenti ele geçirdi."),
    (T.CEASEFIRE_BREACH, "Taraflar birbirini ateşkesi ihlal etmekle suçladı."),
    (T.BLOCKADE, "Kent üç haftadır kuşatma altında."),
    (T.BLOCKADE, "Gazze'ye abluka uygulanıyor."),
    (T.CASUALTIES, "Saldırıda üç sivil hayatını kaybetti, beş kişi yaralandı."),
    (T.CASUALTIES, "Çatışmada iki asker şehit oldu."),
    (T.THREAT, "Hükümet bölgede olağanüstü hal ilan etti."),
    (T.THREAT, "Moskova, Batı'ya ültimatom verdi."),
    (T.UNREST, "Polis göstericilere biber gazı ve tazyikli suyla müdahale etti."),
    (T.DE_ESCALATION, "Taraflar 72 saatlik ateşkes konusunda anlaştı."),
    (T.DE_ESCALATION, "İki ülke arasında esir takası gerçekleştirildi."),
    # German: cases, compounds, separable verbs
    (T.SHELLING, "Russische Truppen haben Charkiw erneut mit Artillerie beschossen."),
    (T.SHELLING, "Bei dem Raketenbeschuss wurden mehrere Wohnhäuser zerstört."),
    (T.SHELLING, "In der Nacht schlugen mehrere Raketen in einem Wohngebiet ein: Raketen schlugen in Dnipro ein."),
    (T.AIR_STRIKE, "Israel fliegt Luftangriffe auf Ziele im Süden des Libanon."),
    (T.AIR_STRIKE, "Kampfjets bombardierten in der Nacht ein Flüchtlingslager."),
    (T.AIR_STRIKE, "Ein Drohnenangriff traf ein Umspannwerk bei Odessa."),
    (T.ARMED_CLASH, "An der Grenze lieferten sich Soldaten heftige Gefechte mit Rebellen."),
    (T.ARMED_CLASH, "Bewaffnete eröffneten das Feuer auf einen Kontrollpunkt."),
    (T.EXPLOSION, "Bei einem Bombenanschlag in Kabul kamen mindestens zwölf Menschen ums Leben."),
    (T.EXPLOSION, "Eine Autobombe explodierte vor dem Polizeipräsidium."),
    (T.AIR_RAID_ALERT, "In ganz Kiew gab es Luftalarm, die Menschen suchten Schutz in U-Bahn-Stationen."),
    (T.AIR_RAID_ALERT, "In Tel Aviv heulten die Sirenen."),
    (T.EVACUATION, "Die Behörden ordneten die Evakuierung von zwölf Dörfern an."),
    (T.EVACUATION, "Tausende Menschen flohen vor den Kämpfen."),
    (T.OFFENSIVE, "Die Armee hat eine Bodenoffensive im Norden des Gazastreifens begonnen."),
    (T.OFFENSIVE, "Russland startete eine neue Offensive gegen Charkiw."),
    (T.MOBILIZATION, "Putin ordnet Teilmobilmachung an."),
    (T.MOBILIZATION, "Russland hat zusätzliche Truppen an die Grenze verlegt."),
    (T.TERRITORIAL_CHANGE, "Russische Truppen haben die Stadt Awdijiwka eingenommen."),
    (T.TERRITORIAL_CHANGE, "Die ukrainische Armee eroberte das Dorf zurück: sie befreite das Dorf am Morgen."),
    (T.CEASEFIRE_BREACH, "Die Waffenruhe wurde schon nach wenigen Stunden gebrochen."),
    (T.BLOCKADE, "Die Stadt ist seit Wochen von Regierungstruppen belagert."),
    (T.CASUALTIES, "Bei dem Angriff wurden drei Zivilisten getötet und zwölf verletzt."),
    (T.THREAT, "Der Präsident verhängte das Kriegsrecht."),
    (T.THREAT, "Teheran drohte mit einem Vergeltungsschlag."),
    (T.UNREST, "Die Polizei setzte Tränengas und Wasserwerfer gegen Demonstranten ein."),
    (T.DE_ESCALATION, "Israel und die Hamas haben eine Waffenruhe vereinbart."),
    (T.DE_ESCALATION, "Russland und die Ukraine vereinbarten einen Gefangenenaustausch."),
    # Georgian: case endings, preverbs
    (T.SHELLING, "რუსულმა ჯარმა ქალაქი საარტილერიო ცეცხლით დაბომბა."),
    (T.SHELLING, "სოფელს ჭურვები დაეცა."),
    (T.AIR_STRIKE, "ისრაელმა სამხრეთ ლიბანში საჰაერო დარტყმები განახორციელა."),
    (T.AIR_STRIKE, "რუსულმა დრონებმა ოდესის პორტზე შეტევა განახორციელეს."),
    (T.ARMED_CLASH, "საზღვარზე შეიარაღებული შეტაკება მოხდა."),
    (T.ARMED_CLASH, "ქალაქის გარეუბანში მძიმე ბრძოლები მიმდინარეობს."),
    (T.EXPLOSION, "ქაბულში ასაფეთქებელი მოწყობილობა აფეთქდა."),
    (T.AIR_RAID_ALERT, "კიევში საჰაერო განგაში გამოცხადდა."),
    (T.AIR_RAID_ALERT, "მოსახლეობა თავშესაფრებში ჩავიდა."),
    (T.EVACUATION, "ხელისუფლებამ სასაზღვრო სოფლების ევაკუაცია დაიწყო."),
    (T.EVACUATION, "ათასობით ადამიანი გაიქცა ქალაქიდან."),
    (T.OFFENSIVE, "უკრაინულმა არმიამ კონტრშეტევა დაიწყო."),
    (T.OFFENSIVE, "რუსეთის ჯარები უკრაინაში შეიჭრნენ."),
    (T.MOBILIZATION, "რუსეთში ნაწილობრივი მობილიზაცია გამოცხადდა."),
    (T.MOBILIZATION, "საზღვართან რუსული ჯარების თავმოყრა გრძელდება."),
    (T.TERRITORIAL_CHANGE, "რუსულმა ძალებმა ქალაქი აიღეს."),
    (T.CEASEFIRE_BREACH, "მხარეები ერთმანეთს ცეცხლის შეწყვეტის დარღვევაში ადანაშაულებენ."),
    (T.BLOCKADE, "ქალაქი ალყაშია უკვე ერთი თვეა."),
    (T.CASUALTIES, "დაბომბვის შედეგად სამი მშვიდობიანი მოქალაქე დაიღუპა."),
    (T.CASUALTIES, "ორი ჯარისკაცი დაიჭრა."),
    (T.THREAT, "პრეზიდენტმა ქვეყანაში საომარი მდგომარეობა გამოაცხადა."),
    (T.UNREST, "პოლიციამ დემონსტრანტების წინააღმდეგ ცრემლსადენი გაზი და წყლის ჭავლი გამოიყენა."),
    (T.DE_ESCALATION, "მხარეები ცეცხლის შეწყვეტაზე შეთანხმდნენ."),
    (T.DE_ESCALATION, "რუსეთმა და უკრაინამ ტყვეები გაცვალეს."),
    # Hebrew: one-letter prefixes, binyanim, gershayim
    (T.SHELLING, "חיזבאללה הפגיז את היישובים בגליל העליון."),
    (T.SHELLING, "עשרות רקטות שוגרו לעבר אשקלון."),
    (T.SHELLING, "מטח של רקטות נורה מרצועת עזה."),
    (T.AIR_STRIKE, "חיל האוויר תקף מטרות של חמאס ברצועה."),
    (T.AIR_STRIKE, "בתקיפה אווירית בדרום לבנון נפגע מבנה."),
    (T.AIR_STRIKE, 'כטב"ם נפץ פגע בבסיס בצפון.'),
    (T.ARMED_CLASH, "חילופי ירי בין כוחות צה\"ל למחבלים בג'נין."),
    (T.ARMED_CLASH, "מחבלים פתחו באש לעבר כוח צבאי."),
    (T.EXPLOSION, "מטען חבלה התפוצץ ליד סיור של הצבא."),
    (T.EXPLOSION, "פיצוץ עז נשמע במרכז העיר."),
    (T.AIR_RAID_ALERT, "אזעקות נשמעו בתל אביב ובמרכז הארץ."),
    (T.AIR_RAID_ALERT, "התושבים נכנסו למרחבים המוגנים."),
    (T.EVACUATION, "המדינה החלה בפינוי תושבי היישובים הסמוכים לגבול."),
    (T.EVACUATION, "אלפי תושבים נמלטו מבתיהם."),
    (T.OFFENSIVE, 'צה"ל פתח במבצע צבאי נרחב ברצועת עזה.'),
    (T.OFFENSIVE, "רוסיה פלשה לאוקראינה."),
    (T.MOBILIZATION, 'צה"ל גייס עשרות אלפי אנשי מילואים.'),
    (T.MOBILIZATION, "כוחות נוספים הוזרמו לגבול הצפון."),
    (T.TERRITORIAL_CHANGE, "הכוחות הרוסיים השתלטו על העיירה."),
    (T.CEASEFIRE_BREACH, "חמאס האשים את ישראל בהפרת הפסקת האש."),
    (T.BLOCKADE, "ישראל הטילה מצור על העיר."),
    (T.CASUALTIES, "שלושה בני אדם נהרגו ועשרה נפצעו בתקיפה."),
    (T.CASUALTIES, "שני חיילים נפצעו באורח קשה."),
    (T.THREAT, "איראן איימה בתגובה צבאית חריפה."),
    (T.THREAT, "הממשלה הכריזה על מצב חירום בדרום."),
    (T.UNREST, "המשטרה פיזרה את המפגינים באמצעות גז מדמיע."),
    (T.DE_ESCALATION, "הפסקת האש נכנסה לתוקף הבוקר."),
    (T.DE_ESCALATION, "הצדדים הסכימו על עסקת חטופים."),
]

QUIET = [
    # Turkish: sport, business, denial, drill, history, hedge
    "Galatasaray'ın forvet hattı maçta rakip savunmayı bombardımana tuttu.",
    "Yeni film gişede patlama yaptı.",
    "Bakanlık, sınır köylerinin bombardımana tutulduğu haberlerini yalanladı.",
    "Okulda yangın tatbikatı yapıldı, öğrenciler tahliye edildi.",
    "Çanakkale Savaşı'nın yıldönümünde şehitler anıldı.",
    "Borsada satış dalgası yatırımcıları kaçırdı.",
    "Gece boyunca çatışma yaşanmadı.",
    "Uzmanlar, bölgede yeni bir saldırı olasılığına dikkat çekti: ordu saldırı düzenleyebilir.",
    "Metal işçileri greve çıktı.",
    # German
    "Der Stürmer eröffnete das Spiel mit einem Schuss aufs Tor.",
    "Der neue Film war an der Kinokasse eine Bombe.",
    "Das Verteidigungsministerium dementierte, dass das Dorf beschossen worden sei.",
    "Beim bundesweiten Warntag heulten um 11 Uhr die Sirenen.",
    "Vor 80 Jahren wurde Dresden bombardiert.",
    "Die Preise für Energie explodierten.",
    "Es gab keinen Beschuss in der Nacht.",
    "Die Gewerkschaft kündigte einen Warnstreik an.",
    "Wegen eines Brandes wurde das Hochhaus evakuiert.",
    # Georgian
    "ფეხბურთის მატჩში ჩვენმა გუნდმა შეტევა დაიწყო.",
    "სკოლაში ევაკუაციის სწავლება ჩატარდა.",
    "თავდაცვის სამინისტრომ უარყო ინფორმაცია, რომ სოფელი დაბომბეს.",
    "2008 წლის ომის დროს ქალაქი დაბომბეს.",
    "ღამით დაბომბვა არ მომხდარა.",
    "ავტოსაგზაო შემთხვევის შედეგად ორი ადამიანი დაიღუპა.",
    # Hebrew
    "הקבוצה פתחה במתקפה בדקות הראשונות של המשחק.",
    "הסרט החדש היה פצצה בקופות.",
    'צה"ל הכחיש את הדיווחים כי הכפר הופגז.',
    "תרגיל פיקוד העורף: אזעקות יופעלו ברחבי הארץ.",
    "לפני 50 שנה, במלחמת יום הכיפורים, הופגזו היישובים ברמת הגולן.",
    "לא נרשמו שיגורים הלילה.",
    "ההסתדרות הכריזה על שביתה כללית.",
    "הבניין פונה בעקבות שריפה.",
]


@pytest.mark.parametrize(("signal_type", "text"), REPORTS)
def test_reports_are_detected(signal_type: T, text: str) -> None:
    assert signal_type in {d.type for d in CLASSIFIER.classify(text)}


@pytest.mark.parametrize("text", QUIET)
def test_look_alikes_denials_drills_and_history_stay_quiet(text: str) -> None:
    assert CLASSIFIER.classify(text) == []


@pytest.mark.parametrize("text", ["SİHA SALDIRISINDA İKİ ARAÇ İMHA EDİLDİ", "ובהפגזות הלילה נפגעו בתים.", "Raketenbeschuss auf Charkiw."])
def test_evidence_offsets_point_into_the_original_text(text: str) -> None:
    spans = [span for detection in CLASSIFIER.classify(text) for span in detection.evidence]
    assert spans
    assert all(text[span.start : span.end] == span.text for span in spans)
