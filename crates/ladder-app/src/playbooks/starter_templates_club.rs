//! The starter templates of the club's playbooks (a welcome, a tier up, a tier down, points about to
//! expire, the referral code) and the card sent by email, in English, Hebrew, Persian and Russian.

use super::starter_templates::StarterTemplate;
use ladder_domain::Channel;
use ladder_domain::messaging::MessagePurpose;

/// Every club starter template: each name and channel in each of the four languages.
pub(crate) const CLUB_STARTER_TEMPLATES: &[StarterTemplate] = &[
    // ── club_welcome: a welcome to the club, the card and how points work, no offer ───────────────
    StarterTemplate {
        name: "club_welcome",
        channel: Channel::Email,
        language: "en",
        purpose: MessagePurpose::Service,
        subject: Some(r#"Welcome to our customer club, {{ first_name | default("friend") }}"#),
        body: r#"Hi {{ first_name | default("there") }},

Welcome to our customer club! We're really glad to have you with us.

Your card number is {{ club.card_number }}. Just mention it whenever you order, and your points will go straight onto your card.

{% if club.card_url is defined %}Your card is on your phone too, to show at the till: {{ club.card_url }}

{% endif %}It's simple: you earn points on every order, and you can spend them on your later orders.

{% if club.points is defined %}Your points balance right now: {{ club.points }}.

{% endif %}And if you ever want to tell a friend about us, they can use your referral code, {{ club.referral_code }}, when they place their first order.

There's nothing else you need to do. If you have any questions about the club, just reply to this email.

Warmly,
{{ shop.name | default("The team") }}"#,
    },
    StarterTemplate {
        name: "club_welcome",
        channel: Channel::Email,
        language: "he",
        purpose: MessagePurpose::Service,
        subject: Some(r#"ברוכים הבאים למועדון הלקוחות שלנו"#),
        body: r#"שלום {{ first_name | default("לך") }},

ברוכים הבאים למועדון הלקוחות שלנו! אנחנו ממש שמחים שהצטרפת.

מספר הכרטיס שלך: {{ club.card_number }}. מספיק למסור אותו בכל הזמנה, והנקודות יירשמו לזכותך.

{% if club.card_url is defined %}הכרטיס נמצא גם בטלפון, להצגה בקופה: {{ club.card_url }}

{% endif %}איך זה עובד? פשוט: על כל הזמנה צוברים נקודות, ואפשר לממש אותן בהזמנות הבאות.

{% if club.points is defined %}יתרת הנקודות שלך כרגע: {{ club.points }}.

{% endif %}ואם פעם יתחשק לך לספר עלינו לחברים, הם יכולים להשתמש בקוד ההפניה שלך, {{ club.referral_code }}, בהזמנה הראשונה שלהם.

אין צורך לעשות שום דבר נוסף. ואם יש שאלות על המועדון, פשוט עונים למייל הזה.

בחום,
{{ shop.name | default("צוות החנות") }}"#,
    },
    StarterTemplate {
        name: "club_welcome",
        channel: Channel::Email,
        language: "fa",
        purpose: MessagePurpose::Service,
        subject: Some(r#"به باشگاه مشتریان ما خوش آمدید"#),
        body: r#"{{ first_name | default("دوست") }} عزیز، سلام

به باشگاه مشتریان ما خوش آمدید! خیلی خوشحالیم که به جمع ما پیوستید.

شمارهٔ کارت شما {{ club.card_number }} است. کافی است هنگام هر سفارش آن را اعلام کنید تا امتیازهایتان ثبت شود.

{% if club.card_url is defined %}کارت شما در تلفنتان هم هست، برای نشان دادن در صندوق: {{ club.card_url }}

{% endif %}روشش ساده است: با هر سفارش امتیاز جمع می‌کنید و می‌توانید آن را در سفارش‌های بعدی‌تان خرج کنید.

{% if club.points is defined %}در حال حاضر {{ club.points }} امتیاز در کارت شما ثبت شده است.

{% endif %}اگر روزی خواستید ما را به دوستانتان معرفی کنید، آن‌ها می‌توانند در اولین سفارششان از کد معرفی شما، {{ club.referral_code }}، استفاده کنند.

کار دیگری لازم نیست انجام دهید. اگر دربارهٔ باشگاه سؤالی دارید، کافی است به همین ایمیل پاسخ دهید.

با مهر،
{{ shop.name | default("تیم فروشگاه") }}"#,
    },
    StarterTemplate {
        name: "club_welcome",
        channel: Channel::Email,
        language: "ru",
        purpose: MessagePurpose::Service,
        subject: Some(r#"Добро пожаловать в наш клуб покупателей"#),
        body: r#"Здравствуйте, {{ first_name | default("дорогой друг") }}!

Добро пожаловать в наш клуб покупателей! Мы очень рады, что вы с нами.

Номер вашей карты: {{ club.card_number }}. Просто называйте его при каждом заказе, и баллы будут начисляться на вашу карту.

{% if club.card_url is defined %}Карта есть и в вашем телефоне — её можно показать на кассе: {{ club.card_url }}

{% endif %}Всё просто: за каждый заказ вы получаете баллы, а потом можете потратить их на следующие покупки.

{% if club.points is defined %}Сейчас на вашей карте баллов: {{ club.points }}.

{% endif %}А если захотите рассказать о нас друзьям, они смогут указать ваш код приглашения {{ club.referral_code }} при первом заказе.

Больше ничего делать не нужно. Если появятся вопросы о клубе, просто ответьте на это письмо.

С теплом,
{{ shop.name | default("Команда магазина") }}"#,
    },
    StarterTemplate {
        name: "club_welcome",
        channel: Channel::Sms,
        language: "en",
        purpose: MessagePurpose::Service,
        subject: None,
        body: r#"Welcome to our club, {{ first_name | default("friend") }}! Your card number: {{ club.card_number }}. You earn points on every order. {{ shop.name | default("The team") }}"#,
    },
    StarterTemplate {
        name: "club_welcome",
        channel: Channel::Sms,
        language: "he",
        purpose: MessagePurpose::Service,
        subject: None,
        body: r#"שלום {{ first_name | default("לך") }}, ברוכים הבאים למועדון הלקוחות שלנו! מספר הכרטיס שלך: {{ club.card_number }}. {{ shop.name | default("צוות החנות") }}"#,
    },
    StarterTemplate {
        name: "club_welcome",
        channel: Channel::Sms,
        language: "fa",
        purpose: MessagePurpose::Service,
        subject: None,
        body: r#"{{ first_name | default("دوست") }} عزیز، به باشگاه مشتریان ما خوش آمدید! شمارهٔ کارت شما: {{ club.card_number }}. {{ shop.name | default("تیم فروشگاه") }}"#,
    },
    StarterTemplate {
        name: "club_welcome",
        channel: Channel::Sms,
        language: "ru",
        purpose: MessagePurpose::Service,
        subject: None,
        body: r#"{{ first_name | default("Здравствуйте") }}, добро пожаловать в наш клуб покупателей! Номер вашей карты: {{ club.card_number }}. {{ shop.name | default("Ваш магазин") }}"#,
    },
    // ── club_tier_up: congratulations on a higher tier ────────────────────────────────────────────
    StarterTemplate {
        name: "club_tier_up",
        channel: Channel::Email,
        language: "en",
        purpose: MessagePurpose::Offer,
        subject: Some(r#"Congratulations, {{ first_name | default("friend") }}: you've moved up a tier"#),
        body: r#"Hi {{ first_name | default("there") }},

Congratulations! Thanks to your orders over the last few months, you've moved up to a new tier in our customer club{% if club.tier is defined %}: {{ club.tier }}{% endif %}.

{% if club.perks is defined %}What your new tier gives you: {{ club.perks }}.

{% endif %}Your points balance: {{ club.points }}. You can spend your points on any order, whenever you like.

Thank you, truly, for choosing us again and again. It's customers like you who keep a small shop like ours going, and we're delighted to give a little back.

Warmly,
{{ shop.name | default("The team") }}"#,
    },
    StarterTemplate {
        name: "club_tier_up",
        channel: Channel::Email,
        language: "he",
        purpose: MessagePurpose::Offer,
        subject: Some(r#"מזל טוב! עלית דרגה במועדון"#),
        body: r#"שלום {{ first_name | default("לך") }},

מזל טוב! בזכות ההזמנות שלך בחודשים האחרונים עלית דרגה במועדון הלקוחות שלנו.{% if club.tier is defined %} הדרגה החדשה שלך: {{ club.tier }}.{% endif %}

{% if club.perks is defined %}ההטבות בדרגה החדשה: {{ club.perks }}.

{% endif %}יתרת הנקודות שלך: {{ club.points }}. אפשר לממש אותן בכל הזמנה, מתי שנוח.

תודה מכל הלב שבחרת בנו שוב ושוב. לקוחות כמוך הם מה שמחזיק חנות קטנה כמו שלנו, ואנחנו שמחים להחזיר לך קצת מהטוב.

בחום,
{{ shop.name | default("צוות החנות") }}"#,
    },
    StarterTemplate {
        name: "club_tier_up",
        channel: Channel::Email,
        language: "fa",
        purpose: MessagePurpose::Offer,
        subject: Some(r#"تبریک! سطح شما در باشگاه بالاتر رفت"#),
        body: r#"{{ first_name | default("دوست") }} عزیز، سلام

تبریک می‌گوییم! به لطف خریدهای چند ماه اخیرتان، در باشگاه مشتریان ما به سطح بالاتری رسیده‌اید{% if club.tier is defined %}: {{ club.tier }}{% endif %}.

{% if club.perks is defined %}مزایای سطح تازهٔ شما: {{ club.perks }}.

{% endif %}موجودی امتیاز شما: {{ club.points }}. هر وقت خواستید، می‌توانید امتیازهایتان را در هر سفارشی خرج کنید.

از صمیم قلب ممنونیم که بارها و بارها ما را انتخاب کرده‌اید. مشتریانی مثل شما هستند که فروشگاه کوچکی مثل ما را سرپا نگه می‌دارند، و خوشحالیم که می‌توانیم کمی از این لطف را جبران کنیم.

با مهر،
{{ shop.name | default("تیم فروشگاه") }}"#,
    },
    StarterTemplate {
        name: "club_tier_up",
        channel: Channel::Email,
        language: "ru",
        purpose: MessagePurpose::Offer,
        subject: Some(r#"Поздравляем: ваш уровень в клубе повысился!"#),
        body: r#"Здравствуйте, {{ first_name | default("дорогой друг") }}!

Поздравляем! Благодаря вашим заказам за последние месяцы ваш уровень в нашем клубе покупателей повысился.{% if club.tier is defined %} Ваш новый уровень — {{ club.tier }}.{% endif %}

{% if club.perks is defined %}Что даёт новый уровень: {{ club.perks }}.

{% endif %}Баллов на вашей карте: {{ club.points }}. Их можно потратить на любой заказ, когда вам удобно.

От всей души спасибо, что снова и снова выбираете нас. Небольшие магазины вроде нашего держатся именно на таких покупателях, как вы, и нам приятно хоть немного отблагодарить вас.

С теплом,
{{ shop.name | default("Команда магазина") }}"#,
    },
    // ── club_tier_down: a kind word and a small gift after a lower tier ───────────────────────────
    StarterTemplate {
        name: "club_tier_down",
        channel: Channel::Email,
        language: "en",
        purpose: MessagePurpose::Offer,
        subject: Some(r#"A small thank-you from us, {{ first_name | default("friend") }}"#),
        body: r#"Hi {{ first_name | default("there") }},

Our club tiers follow the last few months of orders, so they shift a little from time to time. Yours has just been updated{% if club.tier is defined %}: your tier is now {{ club.tier }}{% endif %}.

None of that changes how glad we are to have you. Thank you for being a member of our club.

As a small gift from us, shipping is free on your orders for the next 30 days. There's nothing you need to do: it's already set up for you.

And your points are still yours to spend, whenever you like. Your points balance: {{ club.points }}.

If there's ever anything we could do better, just reply to this email. We read every message ourselves.

Warmly,
{{ shop.name | default("The team") }}"#,
    },
    StarterTemplate {
        name: "club_tier_down",
        channel: Channel::Email,
        language: "he",
        purpose: MessagePurpose::Offer,
        subject: Some(r#"מתנה קטנה מאיתנו, עם תודה"#),
        body: r#"שלום {{ first_name | default("לך") }},

הדרגות במועדון שלנו נקבעות לפי ההזמנות בחודשים האחרונים, ולכן הן משתנות מדי פעם. הדרגה שלך עודכנה עכשיו{% if club.tier is defined %}, וכעת היא {{ club.tier }}{% endif %}.

זה לא משנה דבר בשמחה שלנו לראות אותך אצלנו. תודה שבחרת להיות חלק ממועדון הלקוחות שלנו.

וכמתנה קטנה מאיתנו: המשלוח על כל ההזמנות שלך ב־30 הימים הקרובים – חינם. אין צורך לעשות כלום, ההטבה כבר פעילה.

והנקודות שלך נשארות שלך, לממש מתי שנוח. יתרת הנקודות שלך: {{ club.points }}.

ואם יש משהו שנוכל לעשות טוב יותר, פשוט עונים למייל הזה. אנחנו קוראים כל הודעה בעצמנו.

בחום,
{{ shop.name | default("צוות החנות") }}"#,
    },
    StarterTemplate {
        name: "club_tier_down",
        channel: Channel::Email,
        language: "fa",
        purpose: MessagePurpose::Offer,
        subject: Some(r#"هدیه‌ای کوچک از طرف ما، با سپاس"#),
        body: r#"{{ first_name | default("دوست") }} عزیز، سلام

سطح‌های باشگاه ما بر اساس سفارش‌های چند ماه اخیر تعیین می‌شوند و به همین خاطر گاهی تغییر می‌کنند. سطح شما به‌تازگی به‌روز شده است{% if club.tier is defined %} و اکنون {{ club.tier }} است{% endif %}.

این هیچ چیزی را در خوشحالی ما از بودنتان تغییر نمی‌دهد. ممنون که عضو باشگاه مشتریان ما هستید.

به رسم قدردانی، هدیهٔ کوچکی برایتان در نظر گرفته‌ایم: تا ۳۰ روز آینده، ارسال همهٔ سفارش‌هایتان رایگان است. لازم نیست کاری انجام دهید؛ این هدیه از همین حالا فعال است.

امتیازهایتان هم همچنان مال خودتان است و هر وقت خواستید می‌توانید خرجشان کنید. موجودی امتیاز شما: {{ club.points }}.

اگر جایی هست که می‌توانیم بهتر باشیم، کافی است به همین ایمیل پاسخ دهید؛ همهٔ پیام‌ها را خودمان می‌خوانیم.

با مهر،
{{ shop.name | default("تیم فروشگاه") }}"#,
    },
    StarterTemplate {
        name: "club_tier_down",
        channel: Channel::Email,
        language: "ru",
        purpose: MessagePurpose::Offer,
        subject: Some(r#"Небольшой подарок от нас — с благодарностью"#),
        body: r#"Здравствуйте, {{ first_name | default("дорогой друг") }}!

Уровни в нашем клубе зависят от заказов за последние несколько месяцев, поэтому время от времени они меняются. Ваш уровень только что обновился{% if club.tier is defined %}: теперь это {{ club.tier }}{% endif %}.

Это ничуть не меняет того, как мы рады, что вы с нами. Спасибо, что остаётесь в нашем клубе покупателей.

В знак благодарности у нас для вас небольшой подарок: в ближайшие 30 дней мы доставим ваши заказы бесплатно. Ничего делать не нужно — подарок уже действует.

А ваши баллы по-прежнему ваши, и потратить их можно когда угодно. Баллов на вашей карте: {{ club.points }}.

Если мы можем что-то делать лучше, просто ответьте на это письмо — мы сами читаем каждое сообщение.

С теплом,
{{ shop.name | default("Команда магазина") }}"#,
    },
    // ── club_points_expiring: a reminder that some points expire soon ─────────────────────────────
    StarterTemplate {
        name: "club_points_expiring",
        channel: Channel::Email,
        language: "en",
        purpose: MessagePurpose::Offer,
        subject: Some(r#"Some of your club points expire soon"#),
        body: r#"Hi {{ first_name | default("there") }},

A quick, friendly reminder about the points on your club card: we'd hate for you to lose any of them.

{% if club.expiring_points is defined %}Points expiring{% if club.expiring_on is defined %} on {{ club.expiring_on }}{% else %} soon{% endif %}: {{ club.expiring_points }}.
{% else %}Some of them expire{% if club.expiring_on is defined %} on {{ club.expiring_on }}{% else %} soon{% endif %}, so this is a good moment to use them.
{% endif %}Your points balance: {{ club.points }} (card {{ club.card_number }}).

You can spend your points on any order: just mention your card number when you order.

Warmly,
{{ shop.name | default("The team") }}"#,
    },
    StarterTemplate {
        name: "club_points_expiring",
        channel: Channel::Email,
        language: "he",
        purpose: MessagePurpose::Offer,
        subject: Some(r#"תזכורת: נקודות מועדון שעומדות לפוג"#),
        body: r#"שלום {{ first_name | default("לך") }},

רק תזכורת קטנה וידידותית לגבי הנקודות בכרטיס המועדון שלך: חבל שילכו לאיבוד.

{% if club.expiring_points is defined %}נקודות שיפוגו{% if club.expiring_on is defined %} בתאריך {{ club.expiring_on }}{% else %} בקרוב{% endif %}: {{ club.expiring_points }}.
{% else %}כמה מהן יפוגו{% if club.expiring_on is defined %} בתאריך {{ club.expiring_on }}{% else %} בקרוב{% endif %}, אז זה זמן טוב לממש אותן.
{% endif %}יתרת הנקודות שלך: {{ club.points }} (כרטיס {{ club.card_number }}).

אפשר לממש את הנקודות בכל הזמנה: פשוט מוסרים את מספר הכרטיס בזמן ההזמנה.

בחום,
{{ shop.name | default("צוות החנות") }}"#,
    },
    StarterTemplate {
        name: "club_points_expiring",
        channel: Channel::Email,
        language: "fa",
        purpose: MessagePurpose::Offer,
        subject: Some(r#"یادآوری: بخشی از امتیازهایتان به‌زودی منقضی می‌شود"#),
        body: r#"{{ first_name | default("دوست") }} عزیز، سلام

یک یادآوری کوتاه و دوستانه دربارهٔ امتیازهای کارت باشگاهتان؛ حیف است حتی بخشی از آن‌ها از دستتان برود.

{% if club.expiring_points is defined %}{{ club.expiring_points }} امتیاز از موجودی شما{% if club.expiring_on is defined %} در تاریخ {{ club.expiring_on }}{% else %} به‌زودی{% endif %} منقضی می‌شود.
{% else %}بخشی از این امتیازها{% if club.expiring_on is defined %} در تاریخ {{ club.expiring_on }}{% else %} به‌زودی{% endif %} منقضی می‌شود؛ پس حالا وقت خوبی برای استفاده از آن‌هاست.
{% endif %}موجودی امتیاز شما: {{ club.points }} (کارت {{ club.card_number }}).

می‌توانید امتیازهایتان را در هر سفارشی خرج کنید؛ کافی است هنگام سفارش شمارهٔ کارتتان را اعلام کنید.

با مهر،
{{ shop.name | default("تیم فروشگاه") }}"#,
    },
    StarterTemplate {
        name: "club_points_expiring",
        channel: Channel::Email,
        language: "ru",
        purpose: MessagePurpose::Offer,
        subject: Some(r#"Скоро сгорит часть ваших баллов"#),
        body: r#"Здравствуйте, {{ first_name | default("дорогой друг") }}!

Небольшое дружеское напоминание о баллах на вашей клубной карте: нам бы очень не хотелось, чтобы они пропали.

{% if club.expiring_points is defined %}Баллы, которые сгорят{% if club.expiring_on is defined %} {{ club.expiring_on }}{% else %} в ближайшее время{% endif %}: {{ club.expiring_points }}.
{% else %}Часть баллов сгорит{% if club.expiring_on is defined %} {{ club.expiring_on }}{% else %} уже скоро{% endif %}, так что сейчас самое время их потратить.
{% endif %}Всего баллов на карте {{ club.card_number }}: {{ club.points }}.

Потратить баллы можно на любой заказ: просто назовите номер карты, когда будете оформлять заказ.

С теплом,
{{ shop.name | default("Команда магазина") }}"#,
    },
    StarterTemplate {
        name: "club_points_expiring",
        channel: Channel::Sms,
        language: "en",
        purpose: MessagePurpose::Offer,
        subject: None,
        body: r#"Hi {{ first_name | default("there") }}, {% if club.expiring_points is defined %}club points expiring{% if club.expiring_on is defined %} on {{ club.expiring_on }}{% else %} soon{% endif %}: {{ club.expiring_points }}.{% else %}some of your club points expire soon.{% endif %} Spend them on your next order! {{ shop.name | default("The team") }}"#,
    },
    StarterTemplate {
        name: "club_points_expiring",
        channel: Channel::Sms,
        language: "he",
        purpose: MessagePurpose::Offer,
        subject: None,
        body: r#"שלום {{ first_name | default("לך") }}, {% if club.expiring_points is defined %}נקודות מועדון שיפוגו{% if club.expiring_on is defined %} בתאריך {{ club.expiring_on }}{% else %} בקרוב{% endif %}: {{ club.expiring_points }}.{% else %}כמה מנקודות המועדון שלך יפוגו בקרוב.{% endif %} כדאי לממש אותן בהזמנה הבאה! {{ shop.name | default("צוות החנות") }}"#,
    },
    StarterTemplate {
        name: "club_points_expiring",
        channel: Channel::Sms,
        language: "fa",
        purpose: MessagePurpose::Offer,
        subject: None,
        body: r#"{{ first_name | default("دوست") }} عزیز، {% if club.expiring_points is defined %}{{ club.expiring_points }} امتیاز باشگاه شما{% if club.expiring_on is defined %} در تاریخ {{ club.expiring_on }}{% else %} به‌زودی{% endif %} منقضی می‌شود.{% else %}بخشی از امتیازهای باشگاه شما به‌زودی منقضی می‌شود.{% endif %} در سفارش بعدی خرجشان کنید! {{ shop.name | default("تیم فروشگاه") }}"#,
    },
    StarterTemplate {
        name: "club_points_expiring",
        channel: Channel::Sms,
        language: "ru",
        purpose: MessagePurpose::Offer,
        subject: None,
        body: r#"{{ first_name | default("Здравствуйте") }}, {% if club.expiring_points is defined %}баллы, которые сгорят{% if club.expiring_on is defined %} {{ club.expiring_on }}{% else %} скоро{% endif %}: {{ club.expiring_points }}.{% else %}часть ваших баллов скоро сгорит.{% endif %} Потратьте их на следующий заказ! {{ shop.name | default("Ваш магазин") }}"#,
    },
    // ── club_referral_code: sharing the referral code with friends ────────────────────────────────
    StarterTemplate {
        name: "club_referral_code",
        channel: Channel::Email,
        language: "en",
        purpose: MessagePurpose::Offer,
        subject: Some(r#"Share your code with a friend"#),
        body: r#"Hi {{ first_name | default("there") }},

If you have friends who'd enjoy our shop, we'd love to meet them, and to say thank you to you both.

Your referral code: {{ club.referral_code }}

Here's how it works:
- A friend who brings your code to their first order gets a welcome gift from us.
- When their first order is complete, you earn club points.

Pass the code on however suits you: in a message, over a coffee, whatever feels natural. No pressure at all.

Thank you in advance for every friend who finds us through you.

Warmly,
{{ shop.name | default("The team") }}"#,
    },
    StarterTemplate {
        name: "club_referral_code",
        channel: Channel::Email,
        language: "he",
        purpose: MessagePurpose::Offer,
        subject: Some(r#"קוד ההפניה שלך, לשתף עם חברים"#),
        body: r#"שלום {{ first_name | default("לך") }},

אם יש לך חברים שייהנו מהחנות שלנו, נשמח מאוד להכיר אותם – ולהגיד תודה לשניכם.

קוד ההפניה שלך: {{ club.referral_code }}

איך זה עובד:
- מי שמביא את הקוד להזמנה הראשונה שלו מקבל מאיתנו מתנת הצטרפות.
- כשההזמנה הראשונה שלו מושלמת, נקודות מועדון נכנסות לכרטיס שלך.

אפשר להעביר את הקוד בכל דרך שנוחה: בהודעה, על כוס קפה, איך שמרגיש טבעי. בלי שום לחץ.

ותודה מראש על כל חבר וחברה שמגיעים אלינו בזכותך.

בחום,
{{ shop.name | default("צוות החנות") }}"#,
    },
    StarterTemplate {
        name: "club_referral_code",
        channel: Channel::Email,
        language: "fa",
        purpose: MessagePurpose::Offer,
        subject: Some(r#"کد معرفی‌تان را با دوستانتان به اشتراک بگذارید"#),
        body: r#"{{ first_name | default("دوست") }} عزیز، سلام

اگر دوستانی دارید که فروشگاه ما به دلشان می‌نشیند، خیلی دوست داریم با آن‌ها آشنا شویم و از هر دوی شما تشکر کنیم.

کد معرفی شما: {{ club.referral_code }}

روش کار این است:
- دوستی که هنگام اولین سفارشش این کد را اعلام کند، از طرف ما هدیهٔ خوش‌آمد می‌گیرد.
- وقتی اولین سفارش او کامل شد، امتیاز باشگاه به کارت شما اضافه می‌شود.

هر طور که راحت‌تر هستید کد را به دستشان برسانید: با یک پیام، سر یک فنجان چای، یا هر طور که طبیعی است. هیچ اجباری در کار نیست.

پیشاپیش از بابت هر دوستی که به‌واسطهٔ شما به ما سر می‌زند ممنونیم.

با مهر،
{{ shop.name | default("تیم فروشگاه") }}"#,
    },
    StarterTemplate {
        name: "club_referral_code",
        channel: Channel::Email,
        language: "ru",
        purpose: MessagePurpose::Offer,
        subject: Some(r#"Поделитесь своим кодом с друзьями"#),
        body: r#"Здравствуйте, {{ first_name | default("дорогой друг") }}!

Если среди ваших друзей есть те, кому понравится наш магазин, мы будем очень рады с ними познакомиться — и отблагодарить вас обоих.

Ваш код приглашения: {{ club.referral_code }}

Как это работает:
- друг, который укажет ваш код при первом заказе, получит от нас приветственный подарок;
- когда его первый заказ будет выполнен, вам начислятся баллы клуба.

Передайте код так, как вам удобно: в сообщении, за чашкой кофе — как получится. Никакой спешки и никаких обязательств.

Заранее спасибо за каждого друга, который придёт к нам благодаря вам.

С теплом,
{{ shop.name | default("Команда магазина") }}"#,
    },
    StarterTemplate {
        name: "club_referral_code",
        channel: Channel::Sms,
        language: "en",
        purpose: MessagePurpose::Offer,
        subject: None,
        body: r#"Hi {{ first_name | default("there") }}, share your code {{ club.referral_code }}: friends get a welcome gift on their first order, and you earn points. {{ shop.name | default("The team") }}"#,
    },
    StarterTemplate {
        name: "club_referral_code",
        channel: Channel::Sms,
        language: "he",
        purpose: MessagePurpose::Offer,
        subject: None,
        body: r#"שלום {{ first_name | default("לך") }}, קוד ההפניה שלך: {{ club.referral_code }}. חברים שמביאים אותו להזמנה הראשונה מקבלים מתנה, ולך מחכות נקודות. {{ shop.name | default("צוות החנות") }}"#,
    },
    StarterTemplate {
        name: "club_referral_code",
        channel: Channel::Sms,
        language: "fa",
        purpose: MessagePurpose::Offer,
        subject: None,
        body: r#"{{ first_name | default("دوست") }} عزیز، کد معرفی شما: {{ club.referral_code }}. دوستانتان با اولین سفارش هدیه می‌گیرند و شما امتیاز. {{ shop.name | default("تیم فروشگاه") }}"#,
    },
    StarterTemplate {
        name: "club_referral_code",
        channel: Channel::Sms,
        language: "ru",
        purpose: MessagePurpose::Offer,
        subject: None,
        body: r#"{{ first_name | default("Здравствуйте") }}, ваш код приглашения: {{ club.referral_code }}. Друзьям — подарок к первому заказу, вам — баллы. {{ shop.name | default("Ваш магазин") }}"#,
    },
    // ── club_card: the member's card, sent when they or the staff ask ─────────────────────────────
    StarterTemplate {
        name: "club_card",
        channel: Channel::Email,
        language: "en",
        purpose: MessagePurpose::Transactional,
        subject: Some(r#"Your club card{% if shop.name is defined %} at {{ shop.name }}{% endif %}"#),
        body: r#"Hi {{ first_name | default("there") }},

Here is your club card, as you asked.

Card number: {{ club.card_number }}
{% if club.card_url is defined %}
Your card on your phone, with its barcode to show at the till: {{ club.card_url }}
{% endif %}
Your points balance: {{ club.points }}.

Warmly,
{{ shop.name | default("The team") }}"#,
    },
    StarterTemplate {
        name: "club_card",
        channel: Channel::Email,
        language: "he",
        purpose: MessagePurpose::Transactional,
        subject: Some(r#"כרטיס המועדון שלך"#),
        body: r#"שלום {{ first_name | default("לך") }},

הנה כרטיס המועדון שלך, כפי שביקשת.

מספר הכרטיס: {{ club.card_number }}
{% if club.card_url is defined %}
הכרטיס בטלפון, עם הברקוד להצגה בקופה: {{ club.card_url }}
{% endif %}
נקודות לזכותך: {{ club.points }}.

בחום,
{{ shop.name | default("צוות החנות") }}"#,
    },
    StarterTemplate {
        name: "club_card",
        channel: Channel::Email,
        language: "fa",
        purpose: MessagePurpose::Transactional,
        subject: Some(r#"کارت باشگاه شما"#),
        body: r#"{{ first_name | default("دوست") }} عزیز، سلام

این کارت باشگاه شماست، همان‌طور که خواسته بودید.

شمارهٔ کارت: {{ club.card_number }}
{% if club.card_url is defined %}
کارت شما در تلفن، با بارکدی برای نشان دادن در صندوق: {{ club.card_url }}
{% endif %}
امتیازهای شما: {{ club.points }}

با مهر،
{{ shop.name | default("تیم فروشگاه") }}"#,
    },
    StarterTemplate {
        name: "club_card",
        channel: Channel::Email,
        language: "ru",
        purpose: MessagePurpose::Transactional,
        subject: Some(r#"Ваша карта клуба"#),
        body: r#"Здравствуйте, {{ first_name | default("дорогой друг") }}!

Вот ваша карта клуба, как вы просили.

Номер карты: {{ club.card_number }}
{% if club.card_url is defined %}
Карта в вашем телефоне, со штрихкодом для кассы: {{ club.card_url }}
{% endif %}
Ваш баланс баллов: {{ club.points }}.

С теплом,
{{ shop.name | default("Ваш магазин") }}"#,
    },
];
