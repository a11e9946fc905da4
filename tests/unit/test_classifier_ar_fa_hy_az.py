"""Arabic, Persian, Armenian and Azerbaijani headlines and ledes, written for these tests
(development sentences: the lexicons were tuned on them, never on tests/fixtures/heldout).

Each language has every type, in several inflected forms, and quiet sentences: benign
look-alikes (sport, labour strikes, price wars, box-office bombs, drills, games,
markets), denials, hedged or planned events and history."""

from __future__ import annotations

import pytest

from tocsin.records import SignalType as T
from tocsin.streams.classifier import Classifier

CLASSIFIER = Classifier()

ARABIC = [
    (T.SHELLING, "قصفت المدفعية الإسرائيلية أطراف بلدة الخيام جنوبي لبنان."),
    (T.SHELLING, "سقوط قذائف هاون على حي سكني في دمشق."),
    (T.SHELLING, "الفصائل تطلق رشقة صاروخية باتجاه المستوطنات."),
    (T.SHELLING, "وبالقذائف المدفعية استهدف الجيش مواقع في ريف إدلب."),
    (T.AIR_STRIKE, "غارات إسرائيلية تستهدف الضاحية الجنوبية لبيروت."),
    (T.AIR_STRIKE, "طائرات حربية تقصف مواقع في ريف حماة."),
    (T.AIR_STRIKE, "الدفاعات الجوية تعترض طائرة مسيرة فوق أربيل."),
    (T.AIR_STRIKE, "هجوم بطائرة مسيرة يستهدف قاعدة عسكرية شرق سوريا."),
    (T.ARMED_CLASH, "اشتباكات عنيفة بين الجيش وقوات الدعم السريع في الخرطوم."),
    (T.ARMED_CLASH, "مسلحون يهاجمون حاجزا أمنيا في شمال سيناء."),
    (T.ARMED_CLASH, "تبادل لإطلاق النار على الحدود بين البلدين."),
    (T.EXPLOSION, "انفجار عبوة ناسفة بدورية عسكرية في درعا."),
    (T.EXPLOSION, "تفجير انتحاري يهز سوقا شعبية في بغداد."),
    (T.EXPLOSION, "دوي انفجار قوي في وسط المدينة."),
    (T.AIR_RAID_ALERT, "دوت صفارات الإنذار في الجليل الأعلى."),
    (T.AIR_RAID_ALERT, "طلبت السلطات من السكان التوجه إلى الملاجئ."),
    (T.EVACUATION, "إجلاء مئات العائلات من القرى الحدودية."),
    (T.EVACUATION, "آلاف النازحين يفرون من منازلهم في الفاشر."),
    (T.EVACUATION, "الجيش يأمر سكان الأحياء الشرقية بإخلاء منازلهم فورا."),
    (T.OFFENSIVE, "الجيش يشن هجوما واسعا على معاقل المسلحين."),
    (T.OFFENSIVE, "بدء عملية برية في جنوب القطاع."),
    (T.OFFENSIVE, "القوات تتوغل في عمق الأراضي السورية."),
    (T.MOBILIZATION, "الجيش يستدعي جنود الاحتياط ويرفع حالة التأهب."),
    (T.MOBILIZATION, "حشود عسكرية على الحدود الشمالية."),
    (T.MOBILIZATION, "إرسال تعزيزات عسكرية إلى مدينة سرت."),
    (T.TERRITORIAL_CHANGE, "قوات الدعم السريع تسيطر على مدينة ود مدني."),
    (T.TERRITORIAL_CHANGE, "الجيش يستعيد السيطرة على بلدة استراتيجية."),
    (T.TERRITORIAL_CHANGE, "سقوط مدينة الفاشر بيد المتمردين."),
    (T.CEASEFIRE_BREACH, "خرق جديد لوقف إطلاق النار في جنوب لبنان."),
    (T.CEASEFIRE_BREACH, "انهيار الهدنة بعد ساعات من إعلانها."),
    (T.BLOCKADE, "استمرار الحصار المفروض على المدينة لليوم العاشر."),
    (T.BLOCKADE, "إغلاق معبر رفح ومنع دخول المساعدات."),
    (T.CASUALTIES, "مقتل خمسة مدنيين في قصف على ريف إدلب."),
    (T.CASUALTIES, "ارتفاع حصيلة القتلى إلى 40 شخصا."),
    (T.CASUALTIES, "استشهاد ثلاثة فلسطينيين برصاص الاحتلال."),
    (T.THREAT, "إيران تتوعد إسرائيل برد قاس."),
    (T.THREAT, "فرض حظر التجول في المدينة حتى إشعار آخر."),
    (T.THREAT, "إعلان حالة الطوارئ في البلاد."),
    (T.UNREST, "الشرطة تطلق الغاز المسيل للدموع على المحتجين."),
    (T.UNREST, "أعمال شغب في العاصمة بعد مقتل شاب."),
    (T.DE_ESCALATION, "التوصل إلى اتفاق لوقف إطلاق النار في غزة."),
    (T.DE_ESCALATION, "بدء انسحاب القوات من المنطقة العازلة."),
    (T.DE_ESCALATION, "إتمام صفقة تبادل الأسرى بين الطرفين."),
]

ARABIC_QUIET = [
    "المهاجم يسجل هدفين في مباراة الدوري.",
    "إضراب عمال الموانئ يشل حركة الشحن.",
    "حرب الأسعار بين شركات الاتصالات تشتد.",
    "الفيلم الجديد يحقق فشلا ذريعا في شباك التذاكر.",
    "تدريب على إخلاء المدارس في حالات الطوارئ الافتراضية.",
    "لعبة الفيديو الجديدة تتيح للاعبين قصف مواقع العدو.",
    "المستثمرون يتخلون عن الأسهم مع تراجع مؤشر البورصة.",
    "نفى الجيش التقارير عن قصف القرية.",
    "لم يتم تسجيل أي خرق لوقف إطلاق النار.",
    "الجيش يحيي الذكرى العاشرة لمعركة تحرير المدينة.",
    "قد تشن إسرائيل هجوما على رفح في الأيام المقبلة.",
    "رئيس التحرير يعلن استقالته من الصحيفة.",
    "رجال الإطفاء يسيطرون على حريق في مصنع.",
    "اندلاع حريق في مستودع دون وقوع إصابات.",
]

PERSIAN = [
    (T.SHELLING, "نیروهای ارتش مواضع شورشیان را گلوله‌باران کردند."),
    (T.SHELLING, "حمله موشکی به شهر اربیل."),
    (T.SHELLING, "چند موشک به پایگاه آمریکایی اصابت کرد."),
    (T.AIR_STRIKE, "حملات هوایی اسرائیل به جنوب لبنان ادامه دارد."),
    (T.AIR_STRIKE, "جنگنده‌های ائتلاف مواضع حوثی‌ها را بمباران کردند."),
    (T.AIR_STRIKE, "پهپادها یک کاروان نظامی را هدف قرار دادند."),
    (T.ARMED_CLASH, "درگیری مسلحانه در مرز افغانستان و پاکستان."),
    (T.ARMED_CLASH, "افراد مسلح به یک پاسگاه مرزی حمله کردند."),
    (T.ARMED_CLASH, "تبادل آتش میان نیروهای مرزبانی و قاچاقچیان."),
    (T.EXPLOSION, "انفجار بمب کنار جاده‌ای در قندهار."),
    (T.EXPLOSION, "یک بمب‌گذار انتحاری خود را در مسجد منفجر کرد."),
    (T.EXPLOSION, "صدای انفجار مهیب در شهر شنیده شد."),
    (T.AIR_RAID_ALERT, "آژیرهای خطر در تل‌آویو به صدا درآمد."),
    (T.AIR_RAID_ALERT, "ساکنان به پناهگاه‌ها پناه بردند."),
    (T.EVACUATION, "تخلیه ساکنان روستاهای مرزی آغاز شد."),
    (T.EVACUATION, "هزاران نفر از خانه‌های خود گریختند."),
    (T.EVACUATION, "شمار آوارگان جنگ به یک میلیون رسید."),
    (T.OFFENSIVE, "ارتش اسرائیل عملیات زمینی در غزه را آغاز کرد."),
    (T.OFFENSIVE, "تهاجم روسیه به اوکراین وارد سومین سال شد."),
    (T.MOBILIZATION, "اعزام نیروهای کمکی به مرز شرقی."),
    (T.MOBILIZATION, "نیروهای مسلح در حالت آماده‌باش کامل قرار گرفتند."),
    (T.MOBILIZATION, "روسیه بسیج عمومی اعلام کرد."),
    (T.TERRITORIAL_CHANGE, "شورشیان کنترل شهر حلب را در دست گرفتند."),
    (T.TERRITORIAL_CHANGE, "تصرف فرودگاه نظامی توسط نیروهای طالبان."),
    (T.TERRITORIAL_CHANGE, "ارتش روستای مرزی را بازپس گرفت."),
    (T.CEASEFIRE_BREACH, "نقض آتش‌بس در جنوب لبنان."),
    (T.CEASEFIRE_BREACH, "آتش‌بس پس از دو روز فروپاشید."),
    (T.BLOCKADE, "محاصره شهر فاشر ادامه دارد."),
    (T.BLOCKADE, "جلوگیری از ورود کمک‌های بشردوستانه به غزه."),
    (T.CASUALTIES, "دست‌کم ۱۲ نفر در این حمله کشته شدند."),
    (T.CASUALTIES, "سه سرباز زخمی شدند."),
    (T.CASUALTIES, "تلفات غیرنظامیان افزایش یافت."),
    (T.THREAT, "ایران تهدید کرد که به حمله پاسخ نظامی خواهد داد."),
    (T.THREAT, "حکومت نظامی در پایتخت اعلام شد."),
    (T.UNREST, "پلیس با گاز اشک‌آور معترضان را متفرق کرد."),
    (T.UNREST, "شورش در زندان مرکزی."),
    (T.DE_ESCALATION, "توافق آتش‌بس میان دو طرف امضا شد."),
    (T.DE_ESCALATION, "عقب‌نشینی نیروهای ارتش از مناطق مرزی."),
    (T.DE_ESCALATION, "تبادل اسرا میان روسیه و اوکراین."),
]

PERSIAN_QUIET = [
    "مهاجم تیم ملی در دیدار با عراق دو گل زد.",
    "اعتصاب کارگران نفت وارد هفته دوم شد.",
    "جنگ قیمت میان اپراتورهای تلفن همراه.",
    "فیلم تازه در گیشه شکست سنگینی خورد.",
    "رزمایش تخلیه اضطراری در مدارس تهران برگزار شد.",
    "بازی ویدیویی جدید به بازیکنان اجازه بمباران شهرها را می‌دهد.",
    "سرمایه‌گذاران سهام خود را در بورس فروختند.",
    "وزارت دفاع گلوله‌باران روستا را تکذیب کرد.",
    "هیچ حمله‌ای به کاروان صورت نگرفت.",
    "سالگرد بمباران شیمیایی سردشت گرامی داشته شد.",
    "ممکن است ارتش به زودی حمله زمینی را آغاز کند.",
    "تخلیه بار کشتی در بندر عباس انجام شد.",
    "او پس از یک حمله قلبی به بیمارستان منتقل شد.",
    "آتش‌سوزی در یک کارخانه بدون تلفات مهار شد.",
]

ARMENIAN = [
    (T.SHELLING, "Հակառակորդը հրթիռակոծել է Ստեփանակերտը։"),
    (T.SHELLING, "Արկերն ընկել են գյուղի կենտրոնում։"),
    (T.AIR_STRIKE, "Ադրբեջանական ավիացիան հարվածներ է հասցրել սահմանամերձ բնակավայրերին։"),
    (T.AIR_STRIKE, "ՀՕՊ ուժերը խոցել են երկու անօդաչու թռչող սարք։"),
    (T.ARMED_CLASH, "Սահմանի Տավուշի հատվածում թեժ մարտեր են ընթանում։"),
    (T.ARMED_CLASH, "Դիվերսիոն խումբը փորձել է ներթափանցել հայկական դիրքեր։"),
    (T.ARMED_CLASH, "Հակառակորդը հարձակվել է հայկական մարտական դիրքերի վրա։"),
    (T.EXPLOSION, "Զինծառայողը պայթել է ականի վրա։"),
    (T.EXPLOSION, "Երևանի կենտրոնում հզոր պայթյուն է որոտացել։"),
    (T.AIR_RAID_ALERT, "Ստեփանակերտում օդային տագնապ է հայտարարվել։"),
    (T.EVACUATION, "Հազարավոր մարդիկ լքել են իրենց տները։"),
    (T.EVACUATION, "Սկսվել է երեխաների և կանանց տարհանումը։"),
    (T.OFFENSIVE, "Ադրբեջանական զորքերն անցել են հարձակման։"),
    (T.OFFENSIVE, "Ադրբեջանը սկսել է ռազմական գործողություններ Արցախում։"),
    (T.MOBILIZATION, "Ադրբեջանը սահմանին զինտեխնիկա է կուտակում։"),
    (T.MOBILIZATION, "Հայաստանում հայտարարվել է ընդհանուր զորահավաք։"),
    (T.TERRITORIAL_CHANGE, "Հակառակորդը գրավել է մի քանի բարձունք։"),
    (T.TERRITORIAL_CHANGE, "Բանակը ազատագրել է գյուղը։"),
    (T.CEASEFIRE_BREACH, "Ադրբեջանը խախտել է հրադադարի ռեժիմը Սյունիքում։"),
    (T.CEASEFIRE_BREACH, "Հրադադարը տապալվել է մի քանի ժամ անց։"),
    (T.BLOCKADE, "Լաչինի միջանցքը փակված է արդեն երրորդ ամիսը։"),
    (T.BLOCKADE, "Արցախը շրջափակման մեջ է։"),
    (T.CASUALTIES, "Հրետակոծությունից զոհվել է երեք խաղաղ բնակիչ։"),
    (T.CASUALTIES, "Զոհերի թիվը հասել է 50-ի։"),
    (T.THREAT, "Ալիևը սպառնացել է ուժով լուծել հարցը, սպառնալով պատերազմով։"),
    (T.THREAT, "Երկրում ռազմական դրություն է հայտարարվել։"),
    (T.UNREST, "Ոստիկանությունը ցուցարարների դեմ կիրառել է արցունքաբեր գազ։"),
    (T.UNREST, "Ցուցարարները բախվել են ոստիկանության հետ։"),
    (T.DE_ESCALATION, "Կողմերը համաձայնել են հրադադարի շուրջ։"),
    (T.DE_ESCALATION, "Ադրբեջանը վերադարձրել է հայ ռազմագերիներին։"),
]

ARMENIAN_QUIET = [
    "Հավաքականի հարձակվողը գոլ է խփել ֆուտբոլային հանդիպումում։",
    "Տրանսպորտի աշխատողները գործադուլ են հայտարարել։",
    "Ֆիլմը ձախողվել է կինովարձույթում, դրամարկղային պայթյուն չեղավ։",
    "Դպրոցներում անցկացվել են տարհանման ուսումնական վարժանքներ։",
    "Պաշտպանության նախարարությունը հերքել է հրետակոծության մասին տեղեկությունը։",
    "Սահմանին հրետակոծություն չի գրանցվել։",
    "Այսօր 44-օրյա պատերազմի ժամանակ զոհված զինծառայողների հիշատակի օրն է։",
    "Հակառակորդը կարող է հարձակում սկսել։",
    "Բորսայում բաժնետոմսերի գների պայթյուն է գրանցվել։",
]

AZERBAIJANI = [
    (T.SHELLING, "Ermənistan silahlı qüvvələri Tovuz rayonunu artilleriyadan atəşə tutub."),
    (T.SHELLING, "Kəndə düşən mərmilər evlərə ziyan vurub."),
    (T.AIR_STRIKE, "Hava hücumundan müdafiə qüvvələri düşmən dronunu vurub."),
    (T.AIR_STRIKE, "Döyüş təyyarələri terrorçuların bazalarına zərbə endirib."),
    (T.ARMED_CLASH, "Sərhəddə ağır döyüşlər gedir."),
    (T.ARMED_CLASH, "Düşmənin hücumunun qarşısı alınıb, təxribat qrupu geri oturdulub."),
    (T.ARMED_CLASH, "Sərhəd postumuza silahlı basqın edilib, atışma baş verib."),
    (T.EXPLOSION, "Hərbi qulluqçu minaya düşərək yaralanıb."),
    (T.EXPLOSION, "Paytaxtda güclü partlayış səsi eşidilib."),
    (T.AIR_RAID_ALERT, "Şəhərdə hava həyəcanı elan olunub, sakinlər sığınacaqlara keçib."),
    (T.EVACUATION, "Minlərlə sakin evlərini tərk etməyə məcbur olub."),
    (T.EVACUATION, "Sərhədyanı kəndlərdən uşaqlar təxliyə edilir."),
    (T.OFFENSIVE, "Ordumuz bütün cəbhə boyu əks-hücum əməliyyatına başlayıb."),
    (T.OFFENSIVE, "Qarabağda lokal antiterror tədbirləri həyata keçirilir."),
    (T.MOBILIZATION, "Ermənistan sərhədə əlavə qoşun və texnika cəmləşdirir."),
    (T.MOBILIZATION, "Ölkədə qismən səfərbərlik elan edilib."),
    (T.TERRITORIAL_CHANGE, "Füzuli şəhəri işğaldan azad edilib."),
    (T.TERRITORIAL_CHANGE, "Ordumuz strateji yüksəkliyi nəzarətə götürüb."),
    (T.CEASEFIRE_BREACH, "Ermənistan tərəfi atəşkəsi kobud şəkildə pozub."),
    (T.CEASEFIRE_BREACH, "Atəşkəs rejiminə məhəl qoymayaraq mövqelərimizi atəşə tutublar."),
    (T.BLOCKADE, "Şəhər tam mühasirəyə alınıb."),
    (T.BLOCKADE, "Laçın yolu bağlanıb, yük maşınları keçə bilmir."),
    (T.CASUALTIES, "Atəş nəticəsində üç dinc sakin həlak olub."),
    (T.CASUALTIES, "Ölənlərin sayı 12-yə çatıb."),
    (T.THREAT, "Nazir düşməni sərt cavabla hədələyib: təxribat cavabsız qalmayacaq."),
    (T.THREAT, "Şəhərdə komendant saatı tətbiq edilib."),
    (T.UNREST, "Polis etirazçılara qarşı göz yaşardıcı qaz tətbiq edib."),
    (T.UNREST, "Etirazçılar polislə toqquşub."),
    (T.DE_ESCALATION, "Tərəflər atəşkəs barədə razılığa gəlib, atəşkəs razılaşdırılıb."),
    (T.DE_ESCALATION, "Hərbi əsirlər qarşılıqlı şəkildə mübadilə edilib."),
]

AZERBAIJANI_QUIET = [
    "Millimizin hücumçusu matçda iki qol vurub.",
    "Metro işçiləri tətil elan edib.",
    "Mobil operatorlar arasında qiymət müharibəsi kəskinləşir.",
    "Yeni film kassada uğursuz olub.",
    "Məktəblərdə təxliyə təlimi keçirilib.",
    "Yeni video oyunda oyunçular şəhərləri bombalaya bilir.",
    "Birjada səhmlər kəskin ucuzlaşıb, investorlar bazarı tərk edir.",
    "Müdafiə Nazirliyi atəşkəsin pozulması barədə məlumatı təkzib edib.",
    "Gecə ərzində atəşə tutulma qeydə alınmayıb.",
    "1992-ci ildə Xocalı şəhəri mühasirəyə alınmışdı.",
    "Düşmən yeni hücuma hazırlaşır, təxribat ola bilər.",
]

HY_AZ = ARMENIAN + AZERBAIJANI
HY_AZ_QUIET = ARMENIAN_QUIET + AZERBAIJANI_QUIET


def _types(text: str) -> set[T]:
    return {d.type for d in CLASSIFIER.classify(text)}


@pytest.mark.parametrize(("signal_type", "text"), ARABIC + PERSIAN + HY_AZ)
def test_reported_events_are_detected(signal_type: T, text: str) -> None:
    assert signal_type in _types(text)


@pytest.mark.parametrize("text", ARABIC_QUIET + PERSIAN_QUIET + HY_AZ_QUIET)
def test_look_alikes_denials_plans_and_history_stay_quiet(text: str) -> None:
    assert _types(text) == set()
