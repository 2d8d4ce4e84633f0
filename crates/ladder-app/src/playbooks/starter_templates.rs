//! The templates the starter playbooks send and the scripts their tasks follow, in English, Hebrew,
//! Persian and Russian: a shop has them from its first day and edits them like any other.

use ladder_domain::Channel;
use ladder_domain::messaging::MessagePurpose;

/// One variant of a starter template.
pub(crate) struct StarterTemplate {
    /// The template's name, as the playbooks' steps name it (`checkin`).
    pub name: &'static str,
    /// The channel this variant is for.
    pub channel: Channel,
    /// The language of the text (`en`, `he`, `fa`, `ru`).
    pub language: &'static str,
    /// What the message is for: a service message or an offer.
    pub purpose: MessagePurpose,
    /// The subject line: an email's, none on the other channels.
    pub subject: Option<&'static str>,
    /// The text, in the template language (minijinja), with a fallback for every field a customer may lack.
    pub body: &'static str,
}

/// Every starter template: each name and channel in each of the four languages.
pub(crate) const STARTER_TEMPLATES: &[StarterTemplate] = &[
    // ── checkin: "how is it?" after a purchase, no offer ──────────────────────────────────────────
    StarterTemplate {
        name: "checkin",
        channel: Channel::Email,
        language: "en",
        purpose: MessagePurpose::Service,
        subject: Some(r#"How's the {{ last_purchase.product_name | default("new purchase") }} treating you?"#),
        body: r#"Hi {{ first_name | default("there") }},

It's been a little while since your last order, and we wanted to check in: how are you getting on with your {{ last_purchase.product_name | default("purchase") }}? Is it everything you hoped for?

If anything isn't quite right (the size, how it works, how to look after it, anything at all), just reply to this email. A real person reads every reply, and we're always glad to help.

This isn't a sales email and there's nothing to buy here. We simply like knowing our customers are happy.

Warmly,
{{ shop.name | default("The team") }}"#,
    },
    StarterTemplate {
        name: "checkin",
        channel: Channel::Email,
        language: "he",
        purpose: MessagePurpose::Service,
        subject: Some(r#"מה דעתך על {{ last_purchase.product_name | default("הקנייה האחרונה") }}?"#),
        body: r#"שלום {{ first_name | default("לך") }},

עבר קצת זמן מאז הקנייה האחרונה שלך אצלנו, ורצינו לשאול מה דעתך על {{ last_purchase.product_name | default("מה שבחרת") }}. הכול בסדר? זה מה שקיווית לקבל?

אם משהו לא לגמרי כמו שצריך – המידה, השימוש או כל דבר אחר – פשוט עונים למייל הזה. כל תשובה מגיעה אלינו ישירות, ונשמח לעזור.

אין כאן שום הצעה או מבצע. רק רצינו לדעת שטוב לך עם מה שבחרת.

בחום,
{{ shop.name | default("צוות החנות") }}"#,
    },
    StarterTemplate {
        name: "checkin",
        channel: Channel::Email,
        language: "fa",
        purpose: MessagePurpose::Service,
        subject: Some(r#"{{ last_purchase.product_name | default("خرید اخیرتان") }} چطور است؟"#),
        body: r#"{{ first_name | default("دوست") }} عزیز، سلام

چند وقتی از خرید {{ last_purchase.product_name | default("اخیرتان") }} می‌گذرد و خواستیم بپرسیم: از آن راضی هستید؟ همه چیز همان‌طور است که انتظار داشتید؟

اگر چیزی درست نیست – اندازه، نحوهٔ استفاده یا هر چیز دیگر – کافی است به همین ایمیل پاسخ دهید. پاسخ‌تان را خودمان می‌خوانیم و با کمال میل کمک می‌کنیم.

این ایمیل تبلیغاتی نیست و قرار نیست چیزی بفروشیم؛ فقط دوست داریم بدانیم از خریدتان راضی هستید.

با مهر،
{{ shop.name | default("تیم فروشگاه") }}"#,
    },
    StarterTemplate {
        name: "checkin",
        channel: Channel::Email,
        language: "ru",
        purpose: MessagePurpose::Service,
        subject: Some(r#"Как вам {{ last_purchase.product_name | default("ваша покупка") }}?"#),
        body: r#"Здравствуйте, {{ first_name | default("дорогой друг") }}!

С вашей последней покупки прошло немного времени, и мы хотели спросить: как вам {{ last_purchase.product_name | default("покупка") }}? Всё ли так, как вы ожидали?

Если что-то не так — размер, как пользоваться или что угодно ещё, — просто ответьте на это письмо. Мы сами читаем каждый ответ и с радостью поможем.

Это не рекламное письмо, и мы ничего не предлагаем купить: нам просто важно, чтобы вы были довольны.

С теплом,
{{ shop.name | default("Команда магазина") }}"#,
    },
    StarterTemplate {
        name: "checkin",
        channel: Channel::Sms,
        language: "en",
        purpose: MessagePurpose::Service,
        subject: None,
        body: r#"Hi {{ first_name | default("there") }}, how's your {{ last_purchase.product_name | default("recent purchase") }} working out? Any questions, just reply, happy to help. {{ shop.name | default("The team") }}"#,
    },
    StarterTemplate {
        name: "checkin",
        channel: Channel::Sms,
        language: "he",
        purpose: MessagePurpose::Service,
        subject: None,
        body: r#"שלום {{ first_name | default("לך") }}, מה דעתך על {{ last_purchase.product_name | default("מה שקנית") }}? אם צריך עזרה, פשוט עונים להודעה. {{ shop.name | default("צוות החנות") }}"#,
    },
    StarterTemplate {
        name: "checkin",
        channel: Channel::Sms,
        language: "fa",
        purpose: MessagePurpose::Service,
        subject: None,
        body: r#"{{ first_name | default("دوست") }} عزیز، از {{ last_purchase.product_name | default("خریدتان") }} راضی هستید؟ اگر کمکی لازم است، همین پیام را پاسخ دهید. {{ shop.name | default("تیم فروشگاه") }}"#,
    },
    StarterTemplate {
        name: "checkin",
        channel: Channel::Sms,
        language: "ru",
        purpose: MessagePurpose::Service,
        subject: None,
        body: r#"{{ first_name | default("Здравствуйте") }}, как вам {{ last_purchase.product_name | default("покупка") }}? Если нужна помощь, просто ответьте на это сообщение. {{ shop.name | default("Ваш магазин") }}"#,
    },
    // ── checkin_call: a service call after a purchase ─────────────────────────────────────────────
    StarterTemplate {
        name: "checkin_call",
        channel: Channel::Phone,
        language: "en",
        purpose: MessagePurpose::Service,
        subject: None,
        body: r#"Call: {{ name | default("the customer") }}
Last purchase: {{ last_purchase.product_name | default("not recorded") }} ({{ last_purchase.date | default("date unknown") }})

This is a service call, not a sales call: no offers, no discounts, no "while I have you...".

1. Greet them by name: "Hi {{ first_name | default("there") }}, it's [your name] from {{ shop.name | default("the shop") }}. Have you got a minute?" If it's a bad time, ask when suits them better and note it.
2. Ask: "We just wanted to hear how you're getting on with the {{ last_purchase.product_name | default("things you bought") }}. Is it working out?"
3. Listen. Let them talk; don't rush to fix or defend anything.
4. If there's a problem, write it down in their words, tell them what happens next and when, and make sure someone follows it up.
5. Thank them: "Thanks so much for your time, it really helps us."

After the call, note: how they're getting on, any problem, and anything you promised."#,
    },
    StarterTemplate {
        name: "checkin_call",
        channel: Channel::Phone,
        language: "he",
        purpose: MessagePurpose::Service,
        subject: None,
        body: r#"שיחה עם: {{ name | default("הלקוח/ה") }}
קנייה אחרונה: {{ last_purchase.product_name | default("לא רשומה") }} ({{ last_purchase.date | default("תאריך לא ידוע") }})

זו שיחת שירות ולא שיחת מכירה: בלי הצעות, בלי הנחות, בלי "ודרך אגב...".

1. לפתוח בשם: "שלום {{ first_name | default("לך") }}, כאן [השם שלך] מ{{ shop.name | default("החנות") }}. יש לך דקה?" אם זה לא זמן טוב – לשאול מתי נוח ולרשום.
2. לשאול: "רצינו לשמוע מה דעתך על {{ last_purchase.product_name | default("מה שקנית אצלנו") }}. הכול בסדר?"
3. להקשיב. לתת לדבר, לא למהר לתקן או להתגונן.
4. אם יש בעיה – לרשום אותה במילים של הלקוח, להגיד מה יקרה עכשיו ומתי, ולוודא שמישהו ממשיך לטפל.
5. להודות: "תודה רבה על הזמן, זה עוזר לנו מאוד."

אחרי השיחה לרשום: איך הולך עם המוצר, בעיות אם היו, ומה הובטח."#,
    },
    StarterTemplate {
        name: "checkin_call",
        channel: Channel::Phone,
        language: "fa",
        purpose: MessagePurpose::Service,
        subject: None,
        body: r#"تماس با: {{ name | default("مشتری") }}
آخرین خرید: {{ last_purchase.product_name | default("ثبت نشده") }} ({{ last_purchase.date | default("تاریخ نامشخص") }})

این تماس برای پیگیری و خدمات است، نه فروش: بدون پیشنهاد، بدون تخفیف، بدون «راستی، حالا که پشت خط هستید...».

۱. با نام سلام کنید: «{{ first_name | default("دوست") }} عزیز، سلام! [نام شما] هستم از {{ shop.name | default("فروشگاه") }}. یک دقیقه وقت دارید؟» اگر وقت مناسبی نیست، بپرسید چه زمانی بهتر است و یادداشت کنید.
۲. بپرسید: «خواستیم بدانیم از {{ last_purchase.product_name | default("خریدتان") }} راضی هستید؟ همه چیز خوب است؟»
۳. گوش کنید. بگذارید حرفشان را بزنند؛ برای توضیح دادن یا درست کردن عجله نکنید.
۴. اگر مشکلی هست، آن را با کلمات خود مشتری یادداشت کنید، بگویید قدم بعدی چیست و کی انجام می‌شود، و مطمئن شوید کسی پیگیری‌اش می‌کند.
۵. تشکر کنید: «خیلی ممنون که وقت گذاشتید، واقعاً به ما کمک می‌کند.»

بعد از تماس یادداشت کنید: نظرشان دربارهٔ خرید، مشکلی اگر بود، و هر قولی که دادید."#,
    },
    StarterTemplate {
        name: "checkin_call",
        channel: Channel::Phone,
        language: "ru",
        purpose: MessagePurpose::Service,
        subject: None,
        body: r#"Звонок: {{ name | default("покупатель") }}
Последняя покупка: {{ last_purchase.product_name | default("не указана") }} ({{ last_purchase.date | default("дата неизвестна") }})

Это звонок заботы, а не продаж: никаких предложений, скидок и «кстати, у нас тут...».

1. Поздоровайтесь по имени: «{{ first_name | default("Здравствуйте") }}, добрый день! Меня зовут [ваше имя], я из {{ shop.name | default("магазина") }}. Вам удобно говорить?» Если неудобно, спросите, когда перезвонить, и запишите.
2. Спросите: «Хотели узнать, как вам {{ last_purchase.product_name | default("ваша покупка") }}. Всё в порядке?»
3. Слушайте. Дайте человеку выговориться, не спешите оправдываться или сразу всё исправлять.
4. Если есть проблема, запишите её словами покупателя, скажите, что будет дальше и когда, и проследите, чтобы этим кто-то занялся.
5. Поблагодарите: «Спасибо, что уделили время, это нам очень помогает.»

После звонка запишите: как покупателю товар, какие были проблемы и что вы пообещали."#,
    },
    // ── first_to_second: a personal note after the first purchase ─────────────────────────────────
    StarterTemplate {
        name: "first_to_second",
        channel: Channel::Email,
        language: "en",
        purpose: MessagePurpose::Offer,
        subject: Some(r#"A little note after your first order"#),
        body: r#"Hi {{ first_name | default("there") }},

Thank you again for your first order with us. For a small shop like ours every new customer is a real joy, and we hope your {{ last_purchase.product_name | default("order") }} is already earning its place.

{% if recommended_product.name is defined %}We've been thinking about what might go nicely with it, and we'd suggest the {{ recommended_product.name }}{% if recommended_product.price is defined %} ({{ recommended_product.price }}){% endif %}. Customers with a taste like yours often come back for it, and we think you'd enjoy it too.

{% endif %}Whenever you're ready for your next visit, we'll be glad to see you. And if you'd like a suggestion made just for you, simply reply: we're happy to help you choose.

Warmly,
{{ shop.name | default("The team") }}"#,
    },
    StarterTemplate {
        name: "first_to_second",
        channel: Channel::Email,
        language: "he",
        purpose: MessagePurpose::Offer,
        subject: Some(r#"מילה קטנה אחרי ההזמנה הראשונה שלך"#),
        body: r#"שלום {{ first_name | default("לך") }},

שוב תודה על ההזמנה הראשונה שלך אצלנו. לחנות קטנה כמו שלנו כל לקוח חדש הוא שמחה אמיתית, ואנחנו מקווים שכבר נהנית ממה שבחרת.

{% if recommended_product.name is defined %}חשבנו מה יכול להשתלב יפה עם מה שבחרת, ויש לנו המלצה: {{ recommended_product.name }}{% if recommended_product.price is defined %} ({{ recommended_product.price }}){% endif %}. לקוחות עם טעם דומה לשלך אוהבים מאוד את השילוב הזה, ונראה לנו שגם לך הוא יתאים.

{% endif %}מתי שיתחשק לך לחזור, נשמח לראות אותך. ואם בא לך לקבל המלצה אישית, פשוט עונים למייל הזה ונעזור לבחור.

בחום,
{{ shop.name | default("צוות החנות") }}"#,
    },
    StarterTemplate {
        name: "first_to_second",
        channel: Channel::Email,
        language: "fa",
        purpose: MessagePurpose::Offer,
        subject: Some(r#"یادداشتی کوتاه بعد از اولین خریدتان"#),
        body: r#"{{ first_name | default("دوست") }} عزیز، سلام

باز هم از اولین خریدتان از ما ممنونیم. برای فروشگاه کوچکی مثل ما، هر مشتری تازه یک دلگرمی واقعی است، و امیدواریم {{ last_purchase.product_name | default("خریدتان") }} حسابی به کارتان آمده باشد.

{% if recommended_product.name is defined %}کمی فکر کردیم چه چیزی می‌تواند قدم بعدی خوبی باشد و پیشنهادمان {{ recommended_product.name }}{% if recommended_product.price is defined %} ({{ recommended_product.price }}){% endif %} است. مشتری‌هایی با سلیقه‌ای شبیه شما از آن خیلی راضی بوده‌اند و فکر می‌کنیم به دل شما هم بنشیند.

{% endif %}هر وقت خواستید دوباره سر بزنید، خوشحال می‌شویم ببینیمتان. اگر هم پیشنهادی مخصوص خودتان می‌خواهید، کافی است به همین ایمیل پاسخ دهید تا در انتخاب کمکتان کنیم.

با مهر،
{{ shop.name | default("تیم فروشگاه") }}"#,
    },
    StarterTemplate {
        name: "first_to_second",
        channel: Channel::Email,
        language: "ru",
        purpose: MessagePurpose::Offer,
        subject: Some(r#"Пара слов после вашего первого заказа"#),
        body: r#"Здравствуйте, {{ first_name | default("дорогой друг") }}!

Ещё раз спасибо за ваш первый заказ у нас. Для небольшого магазина вроде нашего каждый новый покупатель — настоящая радость, и мы надеемся, что покупка уже пришлась вам по душе.

{% if recommended_product.name is defined %}Мы подумали, что могло бы стать хорошим следующим шагом, и хотим предложить: {{ recommended_product.name }}{% if recommended_product.price is defined %} ({{ recommended_product.price }}){% endif %}. Покупателям с похожим вкусом это очень нравится — думаем, понравится и вам.

{% endif %}Будем рады видеть вас снова, когда захотите. А если нужен совет именно под вас, просто ответьте на это письмо: мы с удовольствием поможем выбрать.

С теплом,
{{ shop.name | default("Команда магазина") }}"#,
    },
    // ── second_to_third: "we'd love to see you again" ─────────────────────────────────────────────
    StarterTemplate {
        name: "second_to_third",
        channel: Channel::Email,
        language: "en",
        purpose: MessagePurpose::Offer,
        subject: Some(r#"We'd love to see you again, {{ first_name | default("friend") }}"#),
        body: r#"Hi {{ first_name | default("there") }},

You've come back to us a second time, and that really means a lot. It's customers like you who keep a small shop like ours going, so thank you.

{% if recommended_product.name is defined %}We've picked out something we think you'll like: the {{ recommended_product.name }}{% if recommended_product.price is defined %} ({{ recommended_product.price }}){% endif %}. Going by what you've chosen before, it felt like a good fit for you.

{% endif %}We'd love to see you again soon. If there's something you're looking for, just tell us and we'll keep an eye out for you.

Warmly,
{{ shop.name | default("The team") }}"#,
    },
    StarterTemplate {
        name: "second_to_third",
        channel: Channel::Email,
        language: "he",
        purpose: MessagePurpose::Offer,
        subject: Some(r#"נשמח לראות אותך שוב"#),
        body: r#"שלום {{ first_name | default("לך") }},

חזרת אלינו בפעם השנייה, וזה ממש משמח אותנו. לקוחות כמוך הם מה שמחזיק חנות קטנה כמו שלנו – אז תודה.

{% if recommended_product.name is defined %}בחרנו משהו שנראה לנו שיתאים לך: {{ recommended_product.name }}{% if recommended_product.price is defined %} ({{ recommended_product.price }}){% endif %}. לפי מה שבחרת עד עכשיו, זה הרגיש לנו בדיוק בשבילך.

{% endif %}נשמח לראות אותך שוב בקרוב. ואם יש משהו מסוים שחסר לך, נשמח לשמוע ונשים עין בשבילך.

בחום,
{{ shop.name | default("צוות החנות") }}"#,
    },
    StarterTemplate {
        name: "second_to_third",
        channel: Channel::Email,
        language: "fa",
        purpose: MessagePurpose::Offer,
        subject: Some(r#"دوست داریم باز هم ببینیمتان"#),
        body: r#"{{ first_name | default("دوست") }} عزیز، سلام

این بار دوم است که به ما سر زده‌اید و این برایمان خیلی ارزش دارد. مشتریانی مثل شما هستند که فروشگاه کوچکی مثل ما را سرپا نگه می‌دارند؛ از صمیم قلب ممنونیم.

{% if recommended_product.name is defined %}چیزی را برایتان انتخاب کرده‌ایم که فکر می‌کنیم دوستش داشته باشید: {{ recommended_product.name }}{% if recommended_product.price is defined %} ({{ recommended_product.price }}){% endif %}. با توجه به انتخاب‌های قبلی‌تان، به نظرمان خیلی به شما می‌آید.

{% endif %}خیلی دوست داریم به‌زودی دوباره ببینیمتان. اگر دنبال چیز خاصی هستید، به ما بگویید تا حواسمان باشد.

با مهر،
{{ shop.name | default("تیم فروشگاه") }}"#,
    },
    StarterTemplate {
        name: "second_to_third",
        channel: Channel::Email,
        language: "ru",
        purpose: MessagePurpose::Offer,
        subject: Some(r#"Будем рады видеть вас снова"#),
        body: r#"Здравствуйте, {{ first_name | default("дорогой друг") }}!

Вы вернулись к нам уже второй раз, и для нас это очень ценно. Небольшие магазины вроде нашего держатся именно на таких покупателях, как вы, — спасибо!

{% if recommended_product.name is defined %}Мы присмотрели для вас кое-что, что, как нам кажется, вам понравится: {{ recommended_product.name }}{% if recommended_product.price is defined %} ({{ recommended_product.price }}){% endif %}. Судя по тому, что вы выбирали раньше, это вам подойдёт.

{% endif %}Будем рады скоро увидеть вас снова. Если вы что-то ищете, просто напишите нам, и мы постараемся это для вас найти.

С теплом,
{{ shop.name | default("Команда магазина") }}"#,
    },
    StarterTemplate {
        name: "second_to_third",
        channel: Channel::Sms,
        language: "en",
        purpose: MessagePurpose::Offer,
        subject: None,
        body: r#"Hi {{ first_name | default("there") }}, thanks for coming back to us!{% if recommended_product.name is defined %} We think you'd love the {{ recommended_product.name }}.{% endif %} Hope to see you again soon. {{ shop.name | default("The team") }}"#,
    },
    StarterTemplate {
        name: "second_to_third",
        channel: Channel::Sms,
        language: "he",
        purpose: MessagePurpose::Offer,
        subject: None,
        body: r#"שלום {{ first_name | default("לך") }}, תודה שחזרת אלינו!{% if recommended_product.name is defined %} המלצה בשבילך: {{ recommended_product.name }}.{% endif %} נשמח לראות אותך שוב. {{ shop.name | default("צוות החנות") }}"#,
    },
    StarterTemplate {
        name: "second_to_third",
        channel: Channel::Sms,
        language: "fa",
        purpose: MessagePurpose::Offer,
        subject: None,
        body: r#"{{ first_name | default("دوست") }} عزیز، ممنون که دوباره سر زدید!{% if recommended_product.name is defined %} پیشنهاد ما برای شما: {{ recommended_product.name }}.{% endif %} منتظر دیدارتان هستیم. {{ shop.name | default("تیم فروشگاه") }}"#,
    },
    StarterTemplate {
        name: "second_to_third",
        channel: Channel::Sms,
        language: "ru",
        purpose: MessagePurpose::Offer,
        subject: None,
        body: r#"{{ first_name | default("Здравствуйте") }}, спасибо, что вернулись к нам!{% if recommended_product.name is defined %} Присмотрели для вас: {{ recommended_product.name }}.{% endif %} Будем рады видеть вас снова. {{ shop.name | default("Ваш магазин") }}"#,
    },
    // ── second_to_third_call: thanking the best new regulars ──────────────────────────────────────
    StarterTemplate {
        name: "second_to_third_call",
        channel: Channel::Phone,
        language: "en",
        purpose: MessagePurpose::Service,
        subject: None,
        body: r#"Call: {{ name | default("the customer") }}
Last purchase: {{ last_purchase.product_name | default("not recorded") }} ({{ last_purchase.date | default("date unknown") }})
{% if recommended_product.name is defined %}Worth mentioning if it fits: {{ recommended_product.name }}{% if recommended_product.price is defined %} ({{ recommended_product.price }}){% endif %}
{% endif %}
This customer has just come back for the second time: one of our best new regulars. The call is to say thank you and to listen, not to sell.

1. Greet them by name: "Hi {{ first_name | default("there") }}, it's [your name] from {{ shop.name | default("the shop") }}. Have you got a minute?"
2. Thank them: "We noticed you've come back to us, and we just wanted to say thank you. It means a lot to a shop like ours."
3. Ask what they'd like: "Is there anything you're looking for, or anything you'd love us to stock?" Listen, and note what they say.
{% if recommended_product.name is defined %}4. If it fits the conversation, mention the {{ recommended_product.name }}: "When it came in, we thought of you." No pressure: mention it once, then let it go.
{% endif %}Close warmly: "Thanks again, we hope to see you soon."

After the call, note: what they're looking for, what they liked, and anything you promised."#,
    },
    StarterTemplate {
        name: "second_to_third_call",
        channel: Channel::Phone,
        language: "he",
        purpose: MessagePurpose::Service,
        subject: None,
        body: r#"שיחה עם: {{ name | default("הלקוח/ה") }}
קנייה אחרונה: {{ last_purchase.product_name | default("לא רשומה") }} ({{ last_purchase.date | default("תאריך לא ידוע") }})
{% if recommended_product.name is defined %}אפשר להזכיר, אם זה מתאים: {{ recommended_product.name }}{% if recommended_product.price is defined %} ({{ recommended_product.price }}){% endif %}
{% endif %}
הלקוח הזה חזר אלינו עכשיו בפעם השנייה – אחד הלקוחות הקבועים החדשים והטובים שלנו. מטרת השיחה: להגיד תודה ולהקשיב, לא למכור.

1. לפתוח בשם: "שלום {{ first_name | default("לך") }}, כאן [השם שלך] מ{{ shop.name | default("החנות") }}. יש לך דקה?"
2. להודות: "ראינו שחזרת אלינו, ורצינו פשוט להגיד תודה. זה מאוד חשוב לחנות כמו שלנו."
3. לשאול מה היה רוצה: "יש משהו שחסר לך, או משהו שהיית רוצה שנביא לחנות?" להקשיב ולרשום.
{% if recommended_product.name is defined %}4. אם זה משתלב בשיחה – להזכיר את {{ recommended_product.name }}: "כשזה הגיע אלינו, ישר חשבנו עליך." בלי לחץ: להזכיר פעם אחת ולהמשיך הלאה.
{% endif %}לסיים בחום: "שוב תודה, נשמח לראות אותך בקרוב."

אחרי השיחה לרשום: מה הלקוח מחפש, מה אהב, ומה הובטח."#,
    },
    StarterTemplate {
        name: "second_to_third_call",
        channel: Channel::Phone,
        language: "fa",
        purpose: MessagePurpose::Service,
        subject: None,
        body: r#"تماس با: {{ name | default("مشتری") }}
آخرین خرید: {{ last_purchase.product_name | default("ثبت نشده") }} ({{ last_purchase.date | default("تاریخ نامشخص") }})
{% if recommended_product.name is defined %}اگر مناسب بود، می‌توانید اشاره کنید به: {{ recommended_product.name }}{% if recommended_product.price is defined %} ({{ recommended_product.price }}){% endif %}
{% endif %}
این مشتری تازه برای بار دوم به ما سر زده است؛ یکی از بهترین مشتریان ثابت تازه‌مان. هدف تماس: تشکر کردن و شنیدن، نه فروختن.

۱. با نام سلام کنید: «{{ first_name | default("دوست") }} عزیز، سلام! [نام شما] هستم از {{ shop.name | default("فروشگاه") }}. یک دقیقه وقت دارید؟»
۲. تشکر کنید: «دیدیم که دوباره به ما سر زدید و فقط خواستیم تشکر کنیم. این برای فروشگاهی مثل ما خیلی ارزش دارد.»
۳. بپرسید چه می‌خواهند: «دنبال چیز خاصی هستید؟ یا چیزی هست که دوست دارید ما بیاوریم؟» گوش کنید و یادداشت کنید.
{% if recommended_product.name is defined %}۴. اگر در گفت‌وگو جا افتاد، {{ recommended_product.name }} را مطرح کنید: «وقتی این رسید، یاد شما افتادیم.» بدون اصرار: فقط یک بار بگویید و بگذرید.
{% endif %}با گرمی خداحافظی کنید: «باز هم ممنون، امیدواریم به‌زودی ببینیمتان.»

بعد از تماس یادداشت کنید: دنبال چه هستند، چه چیزی را دوست داشتند، و هر قولی که دادید."#,
    },
    StarterTemplate {
        name: "second_to_third_call",
        channel: Channel::Phone,
        language: "ru",
        purpose: MessagePurpose::Service,
        subject: None,
        body: r#"Звонок: {{ name | default("покупатель") }}
Последняя покупка: {{ last_purchase.product_name | default("не указана") }} ({{ last_purchase.date | default("дата неизвестна") }})
{% if recommended_product.name is defined %}Можно упомянуть, если будет к месту: {{ recommended_product.name }}{% if recommended_product.price is defined %} ({{ recommended_product.price }}){% endif %}
{% endif %}
Этот покупатель только что вернулся к нам во второй раз — один из наших лучших новых постоянных покупателей. Цель звонка — поблагодарить и выслушать, а не продать.

1. Поздоровайтесь по имени: «{{ first_name | default("Здравствуйте") }}, добрый день! Меня зовут [ваше имя], я из {{ shop.name | default("магазина") }}. Вам удобно говорить?»
2. Поблагодарите: «Мы заметили, что вы снова к нам заглянули, и просто хотели сказать спасибо. Для магазина вроде нашего это очень много значит.»
3. Спросите, чего бы хотелось: «Может быть, вы что-то ищете или хотели бы, чтобы у нас что-то появилось?» Выслушайте и запишите.
{% if recommended_product.name is defined %}4. Если это уместно в разговоре, упомяните «{{ recommended_product.name }}»: «Когда это к нам поступило, мы сразу подумали о вас.» Без нажима: скажите один раз и больше не возвращайтесь к этому.
{% endif %}Тепло попрощайтесь: «Ещё раз спасибо, будем рады видеть вас снова.»

После звонка запишите: что покупатель ищет, что ему понравилось и что вы пообещали."#,
    },
    // ── winback: "we miss you", with a small welcome-back gift ────────────────────────────────────
    StarterTemplate {
        name: "winback",
        channel: Channel::Email,
        language: "en",
        purpose: MessagePurpose::Offer,
        subject: Some(r#"We miss you, {{ first_name | default("friend") }}"#),
        body: r#"Hi {{ first_name | default("there") }},

It's been a while since we last saw you, and honestly, we've missed you. We hope all is well with you.

To say welcome back, we've set aside a small gift for you: a discount on your next order. Just mention this email when you order (or reply to it), and we'll take care of the rest.

{% if recommended_product.name is defined %}If you're looking for ideas, we think you'd like the {{ recommended_product.name }}{% if recommended_product.price is defined %} ({{ recommended_product.price }}){% endif %}.

{% endif %}And if something put you off last time, we'd really like to know. Just hit reply: we read every message ourselves.

Hope to see you soon,
{{ shop.name | default("The team") }}"#,
    },
    StarterTemplate {
        name: "winback",
        channel: Channel::Email,
        language: "he",
        purpose: MessagePurpose::Offer,
        subject: Some(r#"התגעגענו אליך"#),
        body: r#"שלום {{ first_name | default("לך") }},

עבר זמן מאז שראינו אותך, ובאמת התגעגענו. מקווים שהכול טוב אצלך.

כמתנת "ברוכים השבים" שמרנו לך הנחה קטנה על ההזמנה הבאה. פשוט מזכירים את המייל הזה בהזמנה (או עונים לו), ואנחנו נדאג לשאר.

{% if recommended_product.name is defined %}ואם מחפשים רעיון, יש לנו המלצה בשבילך: {{ recommended_product.name }}{% if recommended_product.price is defined %} ({{ recommended_product.price }}){% endif %}.

{% endif %}ואם משהו לא היה בסדר בפעם הקודמת, נשמח מאוד לדעת. פשוט עונים למייל – אנחנו קוראים כל הודעה בעצמנו.

מחכים לך,
{{ shop.name | default("צוות החנות") }}"#,
    },
    StarterTemplate {
        name: "winback",
        channel: Channel::Email,
        language: "fa",
        purpose: MessagePurpose::Offer,
        subject: Some(r#"دلمان برایتان تنگ شده"#),
        body: r#"{{ first_name | default("دوست") }} عزیز، سلام

مدتی است که شما را ندیده‌ایم و راستش دلمان برایتان تنگ شده. امیدواریم حالتان خوب باشد.

به رسم خوش‌آمدگویی، هدیهٔ کوچکی برایتان کنار گذاشته‌ایم: تخفیفی روی سفارش بعدی‌تان. کافی است موقع سفارش به همین ایمیل اشاره کنید (یا به آن پاسخ دهید) تا بقیه‌اش با ما.

{% if recommended_product.name is defined %}اگر دنبال ایده هستید، فکر می‌کنیم {{ recommended_product.name }}{% if recommended_product.price is defined %} ({{ recommended_product.price }}){% endif %} را دوست داشته باشید.

{% endif %}و اگر دفعهٔ قبل چیزی باعث دلخوری‌تان شده، خیلی دوست داریم بدانیم. کافی است پاسخ دهید؛ همهٔ پیام‌ها را خودمان می‌خوانیم.

به امید دیدار،
{{ shop.name | default("تیم فروشگاه") }}"#,
    },
    StarterTemplate {
        name: "winback",
        channel: Channel::Email,
        language: "ru",
        purpose: MessagePurpose::Offer,
        subject: Some(r#"Мы по вам скучаем"#),
        body: r#"Здравствуйте, {{ first_name | default("дорогой друг") }}!

Мы давно вас не видели и, честно говоря, соскучились. Надеемся, у вас всё хорошо.

Чтобы отметить ваше возвращение, мы приготовили небольшой подарок — скидку на следующий заказ. Просто упомяните это письмо при заказе (или ответьте на него), а об остальном мы позаботимся.

{% if recommended_product.name is defined %}Если ищете идею, нам кажется, вам понравится {{ recommended_product.name }}{% if recommended_product.price is defined %} ({{ recommended_product.price }}){% endif %}.

{% endif %}А если в прошлый раз что-то пошло не так, нам очень важно об этом знать. Просто ответьте на письмо — мы сами читаем каждое сообщение.

Ждём вас,
{{ shop.name | default("Команда магазина") }}"#,
    },
    StarterTemplate {
        name: "winback",
        channel: Channel::Sms,
        language: "en",
        purpose: MessagePurpose::Offer,
        subject: None,
        body: r#"Hi {{ first_name | default("there") }}, we've missed you! A small welcome-back discount is waiting on your next order, just mention this text. {{ shop.name | default("The team") }}"#,
    },
    StarterTemplate {
        name: "winback",
        channel: Channel::Sms,
        language: "he",
        purpose: MessagePurpose::Offer,
        subject: None,
        body: r#"שלום {{ first_name | default("לך") }}, התגעגענו! מחכה לך הנחת "ברוכים השבים" על ההזמנה הבאה, פשוט מזכירים את ההודעה. {{ shop.name | default("צוות החנות") }}"#,
    },
    StarterTemplate {
        name: "winback",
        channel: Channel::Sms,
        language: "fa",
        purpose: MessagePurpose::Offer,
        subject: None,
        body: r#"{{ first_name | default("دوست") }} عزیز، دلمان برایتان تنگ شده! برای سفارش بعدی‌تان تخفیف کوچکی کنار گذاشته‌ایم؛ فقط به این پیام اشاره کنید. {{ shop.name | default("تیم فروشگاه") }}"#,
    },
    StarterTemplate {
        name: "winback",
        channel: Channel::Sms,
        language: "ru",
        purpose: MessagePurpose::Offer,
        subject: None,
        body: r#"{{ first_name | default("Здравствуйте") }}, мы соскучились! Для вас небольшая скидка на следующий заказ, просто упомяните это сообщение. {{ shop.name | default("Ваш магазин") }}"#,
    },
    // ── losing_value_call: a valued customer buying less ──────────────────────────────────────────
    StarterTemplate {
        name: "losing_value_call",
        channel: Channel::Phone,
        language: "en",
        purpose: MessagePurpose::Service,
        subject: None,
        body: r#"Call: {{ name | default("the customer") }}
Last purchase: {{ last_purchase.product_name | default("not recorded") }} ({{ last_purchase.date | default("date unknown") }})

A valued, long-standing customer who has been buying less lately. The call is to thank them and to find out, honestly, whether something has changed. Don't offer a discount as a matter of course: if there's a real problem, fix the problem.

1. Greet them by name: "Hi {{ first_name | default("there") }}, it's [your name] from {{ shop.name | default("the shop") }}. Have you got a minute?"
2. Thank them: "You've been with us for a long time, and we really appreciate it."
3. Ask openly: "We haven't seen you as much lately, and we wanted to ask, honestly: has something changed, or did we get something wrong?"
4. Listen. Don't defend or explain; let them finish. Write down what they say, in their words.
5. Offer help with whatever came up: a replacement, advice, an easier way to order. Say clearly what you'll do and by when.
6. If nothing is wrong (life changed, they need less), that's fine: thank them and tell them the door is always open.

After the call, note: what they said, what you promised, and who follows it up."#,
    },
    StarterTemplate {
        name: "losing_value_call",
        channel: Channel::Phone,
        language: "he",
        purpose: MessagePurpose::Service,
        subject: None,
        body: r#"שיחה עם: {{ name | default("הלקוח/ה") }}
קנייה אחרונה: {{ last_purchase.product_name | default("לא רשומה") }} ({{ last_purchase.date | default("תאריך לא ידוע") }})

לקוח ותיק ויקר לנו, שקונה פחות בזמן האחרון. מטרת השיחה: להודות, ולברר בכנות אם משהו השתנה. לא להציע הנחה מיוזמתך; אם יש בעיה אמיתית – לפתור את הבעיה.

1. לפתוח בשם: "שלום {{ first_name | default("לך") }}, כאן [השם שלך] מ{{ shop.name | default("החנות") }}. יש לך דקה?"
2. להודות: "כבר הרבה זמן שאנחנו זוכים לראות אותך אצלנו, ואנחנו באמת מעריכים את זה."
3. לשאול בפתיחות: "שמנו לב שפחות ראינו אותך לאחרונה, ורצינו לשאול בכנות: משהו השתנה? או שאולי משהו אצלנו לא היה בסדר?"
4. להקשיב. לא להתגונן ולא להסביר; לתת לסיים. לרשום את הדברים במילים של הלקוח.
5. להציע עזרה במה שעלה: החלפה, ייעוץ, דרך נוחה יותר להזמין. להגיד בבירור מה ייעשה ועד מתי.
6. אם שום דבר לא קרה (החיים השתנו, יש פחות צורך) – זה בסדר: להודות ולהגיד שהדלת תמיד פתוחה.

אחרי השיחה לרשום: מה נאמר, מה הובטח ומי ממשיך לטפל."#,
    },
    StarterTemplate {
        name: "losing_value_call",
        channel: Channel::Phone,
        language: "fa",
        purpose: MessagePurpose::Service,
        subject: None,
        body: r#"تماس با: {{ name | default("مشتری") }}
آخرین خرید: {{ last_purchase.product_name | default("ثبت نشده") }} ({{ last_purchase.date | default("تاریخ نامشخص") }})

مشتری قدیمی و ارزشمندی که این اواخر کمتر خرید کرده است. هدف تماس: تشکر، و اینکه صادقانه بفهمیم آیا چیزی تغییر کرده است. خودتان پیشنهاد تخفیف ندهید؛ اگر مشکل واقعی هست، خود مشکل را حل کنید.

۱. با نام سلام کنید: «{{ first_name | default("دوست") }} عزیز، سلام! [نام شما] هستم از {{ shop.name | default("فروشگاه") }}. یک دقیقه وقت دارید؟»
۲. تشکر کنید: «مدت‌هاست که مشتری ما هستید و واقعاً قدردانیم.»
۳. صادقانه بپرسید: «این اواخر کمتر شما را دیده‌ایم و خواستیم رک بپرسیم: چیزی تغییر کرده؟ یا شاید ما جایی کوتاهی کرده‌ایم؟»
۴. گوش کنید. توضیح ندهید و از خودتان دفاع نکنید؛ بگذارید حرفشان را کامل بزنند. حرف‌هایشان را با کلمات خودشان یادداشت کنید.
۵. برای هر موضوعی که مطرح شد کمک پیشنهاد کنید: تعویض، راهنمایی، راه راحت‌تری برای سفارش. به‌روشنی بگویید چه کاری و تا چه زمانی انجام می‌شود.
۶. اگر مشکلی در کار نبوده (شرایط زندگی عوض شده، نیازشان کمتر شده)، اشکالی ندارد: تشکر کنید و بگویید درِ فروشگاه همیشه به رویشان باز است.

بعد از تماس یادداشت کنید: چه گفتند، چه قولی دادید و چه کسی پیگیری می‌کند."#,
    },
    StarterTemplate {
        name: "losing_value_call",
        channel: Channel::Phone,
        language: "ru",
        purpose: MessagePurpose::Service,
        subject: None,
        body: r#"Звонок: {{ name | default("покупатель") }}
Последняя покупка: {{ last_purchase.product_name | default("не указана") }} ({{ last_purchase.date | default("дата неизвестна") }})

Давний и ценный для нас покупатель, который в последнее время покупает меньше. Цель звонка — поблагодарить и честно выяснить, не изменилось ли что-то. Не предлагайте скидку по своей инициативе: если есть реальная проблема, решайте саму проблему.

1. Поздоровайтесь по имени: «{{ first_name | default("Здравствуйте") }}, добрый день! Меня зовут [ваше имя], я из {{ shop.name | default("магазина") }}. Вам удобно говорить?»
2. Поблагодарите: «Вы с нами уже давно, и мы это очень ценим.»
3. Спросите открыто: «Мы заметили, что в последнее время вы заходите к нам реже, и хотели честно спросить: что-то изменилось? Может быть, мы где-то ошиблись?»
4. Слушайте. Не оправдывайтесь и не объясняйте, дайте договорить. Запишите сказанное словами покупателя.
5. Предложите помощь в том, о чём шла речь: замену, совет, более удобный способ заказа. Чётко скажите, что вы сделаете и к какому сроку.
6. Если ничего плохого не случилось (просто изменились обстоятельства), это нормально: поблагодарите и скажите, что вам у нас всегда рады.

После звонка запишите: что сказал покупатель, что вы пообещали и кто этим займётся."#,
    },
    // ── birthday: a greeting with a small gift ────────────────────────────────────────────────────
    StarterTemplate {
        name: "birthday",
        channel: Channel::Email,
        language: "en",
        purpose: MessagePurpose::Offer,
        subject: Some(r#"Happy birthday, {{ first_name | default("friend") }}!"#),
        body: r#"Hi {{ first_name | default("there") }},

Happy birthday from all of us! We hope your day is full of good people and good things.

To celebrate, we've put aside a small birthday gift for you: a discount on your next order. Just mention this email when you order (or reply to it), and we'll take care of it.

{% if recommended_product.name is defined %}If you fancy treating yourself, we think you'd love the {{ recommended_product.name }}{% if recommended_product.price is defined %} ({{ recommended_product.price }}){% endif %}.

{% endif %}Have a wonderful birthday, and thank you for being part of our shop's story.

With warm wishes,
{{ shop.name | default("The team") }}"#,
    },
    StarterTemplate {
        name: "birthday",
        channel: Channel::Email,
        language: "he",
        purpose: MessagePurpose::Offer,
        subject: Some(r#"{{ first_name | default("מזל טוב") }}, יום הולדת שמח!"#),
        body: r#"שלום {{ first_name | default("לך") }},

יום הולדת שמח מכולנו! מאחלים לך יום מלא באנשים טובים ובדברים טובים.

לכבוד היום הזה שמרנו לך מתנה קטנה: הנחה על ההזמנה הבאה. פשוט מזכירים את המייל הזה בהזמנה (או עונים לו), ואנחנו נדאג לשאר.

{% if recommended_product.name is defined %}ואם בא לך לפנק את עצמך, יש לנו המלצה בשבילך: {{ recommended_product.name }}{% if recommended_product.price is defined %} ({{ recommended_product.price }}){% endif %}.

{% endif %}שיהיה יום הולדת נפלא, ותודה שבחרת להיות חלק מהסיפור של החנות שלנו.

באיחולים חמים,
{{ shop.name | default("צוות החנות") }}"#,
    },
    StarterTemplate {
        name: "birthday",
        channel: Channel::Email,
        language: "fa",
        purpose: MessagePurpose::Offer,
        subject: Some(r#"{{ first_name | default("دوست") }} عزیز، تولدتان مبارک!"#),
        body: r#"{{ first_name | default("دوست") }} عزیز، سلام

تولدتان مبارک! از طرف همهٔ ما آرزو می‌کنیم امروز پر از آدم‌های خوب و لحظه‌های خوش باشد.

به مناسبت تولدتان هدیهٔ کوچکی برایتان کنار گذاشته‌ایم: تخفیفی روی سفارش بعدی‌تان. کافی است موقع سفارش به همین ایمیل اشاره کنید (یا به آن پاسخ دهید) تا بقیه‌اش با ما.

{% if recommended_product.name is defined %}اگر دلتان می‌خواهد به خودتان هدیه بدهید، فکر می‌کنیم {{ recommended_product.name }}{% if recommended_product.price is defined %} ({{ recommended_product.price }}){% endif %} را دوست داشته باشید.

{% endif %}سالی پر از شادی داشته باشید، و ممنون که بخشی از داستان فروشگاه ما هستید.

با بهترین آرزوها،
{{ shop.name | default("تیم فروشگاه") }}"#,
    },
    StarterTemplate {
        name: "birthday",
        channel: Channel::Email,
        language: "ru",
        purpose: MessagePurpose::Offer,
        subject: Some(r#"С днём рождения, {{ first_name | default("дорогой друг") }}!"#),
        body: r#"Здравствуйте, {{ first_name | default("дорогой друг") }}!

С днём рождения от всех нас! Пусть этот день будет полон хороших людей и приятных моментов.

В честь праздника мы приготовили для вас небольшой подарок — скидку на следующий заказ. Просто упомяните это письмо при заказе (или ответьте на него), а об остальном мы позаботимся.

{% if recommended_product.name is defined %}Если захочется себя порадовать, нам кажется, вам понравится {{ recommended_product.name }}{% if recommended_product.price is defined %} ({{ recommended_product.price }}){% endif %}.

{% endif %}Прекрасного вам дня рождения, и спасибо, что вы с нами!

С тёплыми пожеланиями,
{{ shop.name | default("Команда магазина") }}"#,
    },
    StarterTemplate {
        name: "birthday",
        channel: Channel::Sms,
        language: "en",
        purpose: MessagePurpose::Offer,
        subject: None,
        body: r#"Happy birthday, {{ first_name | default("friend") }}! A small gift is waiting for you: a discount on your next order, just mention this text. {{ shop.name | default("The team") }}"#,
    },
    StarterTemplate {
        name: "birthday",
        channel: Channel::Sms,
        language: "he",
        purpose: MessagePurpose::Offer,
        subject: None,
        body: r#"{{ first_name | default("מזל טוב") }}, יום הולדת שמח! מחכה לך מתנה קטנה: הנחה על ההזמנה הבאה, פשוט מזכירים את ההודעה. {{ shop.name | default("צוות החנות") }}"#,
    },
    StarterTemplate {
        name: "birthday",
        channel: Channel::Sms,
        language: "fa",
        purpose: MessagePurpose::Offer,
        subject: None,
        body: r#"{{ first_name | default("دوست") }} عزیز، تولدتان مبارک! هدیهٔ کوچکی منتظر شماست: تخفیف روی سفارش بعدی؛ فقط به این پیام اشاره کنید. {{ shop.name | default("تیم فروشگاه") }}"#,
    },
    StarterTemplate {
        name: "birthday",
        channel: Channel::Sms,
        language: "ru",
        purpose: MessagePurpose::Offer,
        subject: None,
        body: r#"{{ first_name | default("Здравствуйте") }}, с днём рождения! Для вас небольшой подарок — скидка на следующий заказ, просто упомяните это сообщение. {{ shop.name | default("Ваш магазин") }}"#,
    },
    // ── complaint_apology: a printed letter of apology ────────────────────────────────────────────
    StarterTemplate {
        name: "complaint_apology",
        channel: Channel::Mail,
        language: "en",
        purpose: MessagePurpose::Service,
        subject: None,
        body: r#"Dear {{ first_name | default("friend") }},

We got it wrong, and we are sorry.

You trusted us, and we let you down. There is no excuse for that, and we won't try to offer you one. The mistake was ours, and putting it right is up to us.

Thank you for telling us. Most people who are let down simply never come back, and we would never find out what went wrong. You took the time to tell us, and that gives us the chance to do better, for you and for everyone who shops with us.

Here is what we are doing: we have gone over what happened, step by step, and we are changing the way we work so that it doesn't happen again.

Most of all, we want to make it right for you. Tell us what would feel fair, whether that's a replacement, a repair or your money back, and we will do it. Someone from our shop will be in touch with you, and you are welcome to call or write to us at any time.

We hope you'll give us the chance to show you that we can do better.

With our sincere apologies,
{{ shop.name | default("The team") }}"#,
    },
    StarterTemplate {
        name: "complaint_apology",
        channel: Channel::Mail,
        language: "he",
        purpose: MessagePurpose::Service,
        subject: None,
        body: r#"שלום {{ first_name | default("לך") }},

טעינו, ואנחנו מצטערים.

נתת בנו אמון, ואנחנו אכזבנו. אין לזה שום תירוץ, ולא ננסה למצוא אחד. הטעות הייתה שלנו, והתיקון שלה באחריותנו.

תודה שסיפרת לנו. רוב האנשים שמתאכזבים פשוט לא חוזרים, ואנחנו לעולם לא היינו יודעים מה השתבש. הקדשת מזמנך כדי לספר לנו, וזה נותן לנו הזדמנות להשתפר – בשבילך ובשביל כל מי שקונה אצלנו.

מה אנחנו עושים: עברנו על מה שקרה, שלב אחרי שלב, ואנחנו משנים את הדרך שבה אנחנו עובדים כדי שזה לא יחזור על עצמו.

ויותר מכול, אנחנו רוצים לתקן את זה בשבילך. נשמח לשמוע מה ירגיש לך הוגן – החלפה, תיקון או החזר כספי – ונעשה את זה. מישהו מהחנות ייצור איתך קשר, ואפשר גם להתקשר אלינו או לכתוב לנו בכל זמן.

נשמח מאוד לקבל הזדמנות להוכיח שאנחנו יכולים לעשות טוב יותר.

בהתנצלות כנה,
{{ shop.name | default("צוות החנות") }}"#,
    },
    StarterTemplate {
        name: "complaint_apology",
        channel: Channel::Mail,
        language: "fa",
        purpose: MessagePurpose::Service,
        subject: None,
        body: r#"{{ first_name | default("مشتری") }} گرامی،

ما اشتباه کردیم و صمیمانه عذر می‌خواهیم.

شما به ما اعتماد کردید و ما ناامیدتان کردیم. هیچ بهانه‌ای برای آن نداریم و دنبال بهانه هم نمی‌گردیم. اشتباه از ما بود و جبرانش هم با ماست.

از اینکه به ما گفتید ممنونیم. بیشتر کسانی که دلخور می‌شوند، بی‌صدا می‌روند و دیگر برنمی‌گردند، و ما هرگز نمی‌فهمیم چه چیزی اشتباه بوده است. شما وقت گذاشتید و به ما گفتید، و این فرصتی است تا بهتر شویم؛ هم برای شما و هم برای همهٔ مشتریانمان.

کاری که می‌کنیم: آنچه را پیش آمده قدم‌به‌قدم بررسی کرده‌ایم و روش کارمان را تغییر می‌دهیم تا دیگر تکرار نشود.

و مهم‌تر از همه، می‌خواهیم این موضوع را برای شما جبران کنیم. به ما بگویید چه چیزی به نظرتان منصفانه است – تعویض، تعمیر یا بازگرداندن پول – و همان را انجام می‌دهیم. به‌زودی یکی از همکاران فروشگاه با شما تماس می‌گیرد، و شما هم هر وقت خواستید می‌توانید با ما تماس بگیرید یا برایمان بنویسید.

امیدواریم به ما فرصت دهید تا نشان دهیم می‌توانیم بهتر باشیم.

با پوزش صمیمانه،
{{ shop.name | default("تیم فروشگاه") }}"#,
    },
    StarterTemplate {
        name: "complaint_apology",
        channel: Channel::Mail,
        language: "ru",
        purpose: MessagePurpose::Service,
        subject: None,
        body: r#"Здравствуйте, {{ first_name | default("дорогой друг") }}!

Мы ошиблись, и нам очень жаль.

Вы нам доверились, а мы вас подвели. Этому нет оправданий, и мы не будем их искать. Ошибка наша, и исправлять её тоже нам.

Спасибо, что рассказали нам об этом. Большинство людей, которых подвели, просто молча уходят, и мы бы так и не узнали, что пошло не так. Вы нашли время рассказать нам — и тем самым дали нам шанс стать лучше: для вас и для всех наших покупателей.

Что мы делаем: мы шаг за шагом разобрали, что произошло, и меняем то, как мы работаем, чтобы это не повторилось.

И главное — мы хотим всё исправить для вас. Скажите, что будет для вас справедливым, — замена, ремонт или возврат денег, — и мы это сделаем. Скоро с вами свяжется кто-то из нашего магазина, а вы в любой момент можете позвонить или написать нам сами.

Надеемся, вы дадите нам возможность доказать, что мы можем лучше.

С искренними извинениями,
{{ shop.name | default("Команда магазина") }}"#,
    },
    // ── complaint_call: calling a customer who complained ─────────────────────────────────────────
    StarterTemplate {
        name: "complaint_call",
        channel: Channel::Phone,
        language: "en",
        purpose: MessagePurpose::Service,
        subject: None,
        body: r#"Call: {{ name | default("the customer") }}
Last purchase: {{ last_purchase.product_name | default("not recorded") }} ({{ last_purchase.date | default("date unknown") }})

This customer has complained. The call is to apologise, to listen, and to agree together on how we make it right. A personal letter of apology follows the call.

1. Greet them by name: "Hi {{ first_name | default("there") }}, it's [your name] from {{ shop.name | default("the shop") }}. I'm calling about what happened. Have you got a few minutes?"
2. Apologise first, plainly and without excuses: "We're really sorry. We got it wrong, and that's on us."
3. Listen. Let them tell the whole story, even if you already know it. Don't interrupt, explain or defend. Write down what they say.
4. Thank them: "Thank you for telling us. It's the only way we can put it right."
5. Agree how to make it right: ask what would feel fair (a replacement, a repair, a refund), agree on one thing, and say exactly when it will happen. Promise only what we can really do.
6. Tell them a letter follows: "You'll also get a letter from us in the next few days."
7. Close: "Thank you for giving us the chance to put this right."

After the call, note: what happened (in their words), what was agreed, by when, and who is doing it."#,
    },
    StarterTemplate {
        name: "complaint_call",
        channel: Channel::Phone,
        language: "he",
        purpose: MessagePurpose::Service,
        subject: None,
        body: r#"שיחה עם: {{ name | default("הלקוח/ה") }}
קנייה אחרונה: {{ last_purchase.product_name | default("לא רשומה") }} ({{ last_purchase.date | default("תאריך לא ידוע") }})

התקבלה מהלקוח הזה תלונה. מטרת השיחה: להתנצל, להקשיב ולהסכים יחד איך מתקנים. אחרי השיחה יישלח מכתב התנצלות אישי.

1. לפתוח בשם: "שלום {{ first_name | default("לך") }}, כאן [השם שלך] מ{{ shop.name | default("החנות") }}. אנחנו מתקשרים בקשר למה שקרה. יש לך כמה דקות?"
2. להתחיל בהתנצלות, פשוטה ובלי תירוצים: "אנחנו ממש מצטערים. טעינו, וזה עלינו."
3. להקשיב. לתת לספר את כל הסיפור, גם אם הוא כבר מוכר. לא להפריע, לא להסביר ולא להתגונן. לרשום את הדברים.
4. להודות: "תודה שסיפרת לנו. רק ככה אנחנו יכולים לתקן."
5. להסכים איך מתקנים: לשאול מה ירגיש הוגן (החלפה, תיקון, החזר כספי), לסכם על דבר אחד ולהגיד בדיוק מתי זה יקרה. להבטיח רק את מה שאפשר באמת לקיים.
6. לספר על המכתב: "בימים הקרובים יגיע אליך גם מכתב מאיתנו."
7. לסיים: "תודה שנתת לנו הזדמנות לתקן את זה."

אחרי השיחה לרשום: מה קרה (במילים של הלקוח), על מה סוכם, עד מתי ומי אחראי."#,
    },
    StarterTemplate {
        name: "complaint_call",
        channel: Channel::Phone,
        language: "fa",
        purpose: MessagePurpose::Service,
        subject: None,
        body: r#"تماس با: {{ name | default("مشتری") }}
آخرین خرید: {{ last_purchase.product_name | default("ثبت نشده") }} ({{ last_purchase.date | default("تاریخ نامشخص") }})

این مشتری شکایت کرده است. هدف تماس: عذرخواهی، شنیدن، و توافق بر سر اینکه چطور جبران کنیم. بعد از تماس، یک نامهٔ عذرخواهی شخصی برایشان فرستاده می‌شود.

۱. با نام سلام کنید: «{{ first_name | default("دوست") }} عزیز، سلام. [نام شما] هستم از {{ shop.name | default("فروشگاه") }}. دربارهٔ اتفاقی که افتاد تماس می‌گیرم؛ چند دقیقه وقت دارید؟»
۲. اول عذرخواهی کنید، ساده و بدون بهانه: «واقعاً متأسفیم. اشتباه از ما بود و مسئولیتش با ماست.»
۳. گوش کنید. بگذارید همهٔ ماجرا را تعریف کنند، حتی اگر از قبل می‌دانید. حرفشان را قطع نکنید، توضیح ندهید و از خودتان دفاع نکنید. حرف‌هایشان را یادداشت کنید.
۴. تشکر کنید: «ممنون که به ما گفتید. فقط این‌طوری می‌توانیم درستش کنیم.»
۵. بر سر جبران توافق کنید: بپرسید چه چیزی به نظرشان منصفانه است (تعویض، تعمیر، بازگرداندن پول)، روی یک کار توافق کنید و دقیق بگویید کی انجام می‌شود. فقط قولی بدهید که واقعاً می‌توانیم عملی کنیم.
۶. بگویید نامه‌ای در راه است: «در چند روز آینده نامه‌ای هم از طرف ما به دستتان می‌رسد.»
۷. پایان: «ممنون که به ما فرصت دادید جبران کنیم.»

بعد از تماس یادداشت کنید: چه اتفاقی افتاده (با کلمات خود مشتری)، بر سر چه توافق شد، تا کی، و چه کسی انجامش می‌دهد."#,
    },
    StarterTemplate {
        name: "complaint_call",
        channel: Channel::Phone,
        language: "ru",
        purpose: MessagePurpose::Service,
        subject: None,
        body: r#"Звонок: {{ name | default("покупатель") }}
Последняя покупка: {{ last_purchase.product_name | default("не указана") }} ({{ last_purchase.date | default("дата неизвестна") }})

Покупатель пожаловался. Цель звонка — извиниться, выслушать и вместе договориться, как мы всё исправим. После звонка покупателю уйдёт личное письмо с извинениями.

1. Поздоровайтесь по имени: «{{ first_name | default("Здравствуйте") }}, добрый день! Меня зовут [ваше имя], я из {{ shop.name | default("магазина") }}. Звоню по поводу того, что произошло. У вас есть несколько минут?»
2. Сначала извинитесь — просто и без оправданий: «Нам очень жаль. Мы ошиблись, и это наша вина.»
3. Слушайте. Дайте рассказать всю историю, даже если вы её уже знаете. Не перебивайте, не объясняйте и не оправдывайтесь. Записывайте.
4. Поблагодарите: «Спасибо, что рассказали нам. Только так мы можем это исправить.»
5. Договоритесь, как всё исправить: спросите, что будет справедливым (замена, ремонт, возврат денег), договоритесь об одном решении и точно скажите, когда это произойдёт. Обещайте только то, что мы действительно можем сделать.
6. Предупредите о письме: «В ближайшие дни вы также получите от нас письмо.»
7. Завершите разговор: «Спасибо, что даёте нам возможность всё исправить.»

После звонка запишите: что случилось (словами покупателя), о чём договорились, к какому сроку и кто этим занимается."#,
    },
    // ── advocate_thanks: thanks for recommending the shop ─────────────────────────────────────────
    StarterTemplate {
        name: "advocate_thanks",
        channel: Channel::Email,
        language: "en",
        purpose: MessagePurpose::Service,
        subject: Some(r#"Thank you for telling your friends about us"#),
        body: r#"Hi {{ first_name | default("there") }},

We heard you've been recommending us to your friends, and we wanted to say a proper thank you.

A small shop like ours grows one conversation at a time. When someone walks in because you told them about us, it means more than any advert ever could.

Thank you for trusting us enough to put your name to it. We'll do our very best to look after your friends as well as we try to look after you.

{% if club.referral_code is defined %}If more friends would like to come, your club code {{ club.referral_code }} brings them a welcome gift, and you club points on their first order.

{% endif %}With real gratitude,
{{ shop.name | default("The team") }}"#,
    },
    StarterTemplate {
        name: "advocate_thanks",
        channel: Channel::Email,
        language: "he",
        purpose: MessagePurpose::Service,
        subject: Some(r#"תודה שסיפרת עלינו לחברים"#),
        body: r#"שלום {{ first_name | default("לך") }},

שמענו שהמלצת עלינו לחברים, ורצינו להגיד תודה כמו שצריך.

חנות קטנה כמו שלנו גדלה משיחה לשיחה. כשמישהו מגיע אלינו כי סיפרת לו עלינו, זה שווה יותר מכל פרסומת.

תודה שסמכת עלינו מספיק כדי להמליץ. נעשה כמיטב יכולתנו לדאוג לחברים שלך כמו שאנחנו משתדלים לדאוג לך.

{% if club.referral_code is defined %}אם חברים נוספים ירצו להגיע, קוד המועדון שלך {{ club.referral_code }} מעניק להם מתנת הצטרפות, ולך נקודות מועדון על ההזמנה הראשונה שלהם.

{% endif %}בהכרת תודה,
{{ shop.name | default("צוות החנות") }}"#,
    },
    StarterTemplate {
        name: "advocate_thanks",
        channel: Channel::Email,
        language: "fa",
        purpose: MessagePurpose::Service,
        subject: Some(r#"ممنون که ما را به دوستانتان معرفی کردید"#),
        body: r#"{{ first_name | default("دوست") }} عزیز، سلام

شنیدیم که ما را به دوستانتان معرفی کرده‌اید و خواستیم از ته دل تشکر کنیم.

فروشگاه کوچکی مثل ما با همین گفت‌وگوها رشد می‌کند. وقتی کسی به خاطر حرف شما به ما سر می‌زند، برایمان از هر تبلیغی باارزش‌تر است.

ممنون که آن‌قدر به ما اعتماد داشتید که ما را توصیه کنید. تمام تلاشمان را می‌کنیم که هوای دوستانتان را همان‌طور داشته باشیم که سعی می‌کنیم هوای شما را داشته باشیم.

{% if club.referral_code is defined %}اگر دوستان دیگری هم بخواهند بیایند، کد باشگاه شما {{ club.referral_code }} برایشان هدیهٔ خوش‌آمد دارد و برای شما امتیاز باشگاه با اولین سفارششان.

{% endif %}با سپاس فراوان،
{{ shop.name | default("تیم فروشگاه") }}"#,
    },
    StarterTemplate {
        name: "advocate_thanks",
        channel: Channel::Email,
        language: "ru",
        purpose: MessagePurpose::Service,
        subject: Some(r#"Спасибо, что рассказываете о нас друзьям"#),
        body: r#"Здравствуйте, {{ first_name | default("дорогой друг") }}!

Мы узнали, что вы рекомендуете нас своим друзьям, и хотим сказать вам большое спасибо.

Небольшой магазин вроде нашего растёт от разговора к разговору. Когда к нам приходит человек, потому что вы о нас рассказали, это значит больше любой рекламы.

Спасибо, что доверяете нам настолько, чтобы советовать нас близким. Мы постараемся заботиться о ваших друзьях так же, как стараемся заботиться о вас.

{% if club.referral_code is defined %}Если ещё кто-то из друзей захочет прийти, ваш код клуба {{ club.referral_code }} даст им приветственный подарок, а вам — баллы клуба за их первый заказ.

{% endif %}С благодарностью,
{{ shop.name | default("Команда магазина") }}"#,
    },
    // ── new_loyal: welcome to the golden customers ────────────────────────────────────────────────
    StarterTemplate {
        name: "new_loyal",
        channel: Channel::Email,
        language: "en",
        purpose: MessagePurpose::Offer,
        subject: Some(r#"Welcome to our golden customers, {{ first_name | default("friend") }}"#),
        body: r#"Hi {{ first_name | default("there") }},

You've become one of the faces we're always happy to see, and we'd like to thank you properly: from today, you're one of our golden customers.

What that means for you:
- You'll hear about new arrivals before anyone else.
- You'll have a personal contact at the shop: just reply to this email and it comes straight to us.
- Every now and then, a small surprise from us, as a thank-you.

There's nothing to sign up for and nothing you need to do. It's simply our way of saying we're glad you're here.

{% if club.tier is defined %}In our club you are a {{ club.tier }} member, with {{ club.points }} points to spend (card {{ club.card_number }}).{% if club.perks is defined %} Your perks: {{ club.perks }}.{% endif %}

{% endif %}Warmly,
{{ shop.name | default("The team") }}"#,
    },
    StarterTemplate {
        name: "new_loyal",
        channel: Channel::Email,
        language: "he",
        purpose: MessagePurpose::Offer,
        subject: Some(r#"ברוכים הבאים ללקוחות הזהב שלנו"#),
        body: r#"שלום {{ first_name | default("לך") }},

כבר לא מעט פעמים שמחנו לראות אותך אצלנו, ורצינו להודות כמו שצריך: מהיום יש לך מקום בין לקוחות הזהב שלנו.

מה זה אומר בשבילך:
- גישה מוקדמת לכל מה שחדש בחנות, לפני כולם.
- איש קשר אישי בחנות: פשוט עונים למייל הזה, וזה מגיע ישר אלינו.
- מדי פעם, הפתעה קטנה מאיתנו, סתם כתודה.

אין צורך להירשם ואין שום דבר שצריך לעשות. זו פשוט הדרך שלנו להגיד כמה אנחנו שמחים שבחרת בנו.

{% if club.tier is defined %}במועדון שלנו הדרגה שלך היא {{ club.tier }}, ויש לך {{ club.points }} נקודות לממש (כרטיס {{ club.card_number }}).{% if club.perks is defined %} ההטבות שלך: {{ club.perks }}.{% endif %}

{% endif %}בחום,
{{ shop.name | default("צוות החנות") }}"#,
    },
    StarterTemplate {
        name: "new_loyal",
        channel: Channel::Email,
        language: "fa",
        purpose: MessagePurpose::Offer,
        subject: Some(r#"به جمع مشتریان طلایی ما خوش آمدید"#),
        body: r#"{{ first_name | default("دوست") }} عزیز، سلام

شما از مشتریانی هستید که بارها و بارها خوشحالمان کرده‌اند، و می‌خواهیم درست و حسابی تشکر کنیم: از امروز شما یکی از «مشتریان طلایی» ما هستید.

این یعنی:
- پیش از همه از محصولات تازه باخبر می‌شوید.
- یک رابط شخصی در فروشگاه دارید: کافی است به همین ایمیل پاسخ دهید تا مستقیم به دست خودمان برسد.
- هر از گاهی، هدیه‌ای کوچک و غافلگیرکننده از طرف ما، به رسم قدردانی.

نیازی به ثبت‌نام یا هیچ کار دیگری نیست. این فقط راه ما برای گفتن این است که از بودنتان خوشحالیم.

{% if club.tier is defined %}سطح شما در باشگاه ما {{ club.tier }} است و {{ club.points }} امتیاز برای خرج کردن دارید (کارت {{ club.card_number }}).{% if club.perks is defined %} مزایای شما: {{ club.perks }}.{% endif %}

{% endif %}با مهر،
{{ shop.name | default("تیم فروشگاه") }}"#,
    },
    StarterTemplate {
        name: "new_loyal",
        channel: Channel::Email,
        language: "ru",
        purpose: MessagePurpose::Offer,
        subject: Some(r#"Добро пожаловать в круг наших золотых покупателей"#),
        body: r#"Здравствуйте, {{ first_name | default("дорогой друг") }}!

Мы уже не раз были рады видеть вас у нас и хотим как следует сказать спасибо: с сегодняшнего дня вы в числе наших «золотых покупателей».

Что это значит для вас:
- вы первыми узнаёте о новинках, раньше всех;
- у вас есть личный контакт в магазине: просто ответьте на это письмо, и оно придёт прямо к нам;
- время от времени — небольшие сюрпризы от нас в знак благодарности.

Ничего оформлять не нужно, и делать тоже ничего не нужно. Это просто наш способ сказать, что мы рады, что вы с нами.

{% if club.tier is defined %}В нашем клубе ваш уровень — {{ club.tier }}, баллов к списанию: {{ club.points }} (карта {{ club.card_number }}).{% if club.perks is defined %} Ваши привилегии: {{ club.perks }}.{% endif %}

{% endif %}С теплом,
{{ shop.name | default("Команда магазина") }}"#,
    },
];
