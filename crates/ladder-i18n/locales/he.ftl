### Ladder's Hebrew messages.

app-name = Ladder

## Navigation

nav-dashboard = לוח בקרה
nav-customers = לקוחות
nav-ladder = סולם הנאמנות
nav-segments = פלחים
nav-import = ייבוא
nav-settings = הגדרות

## Session

sign-in = התחברות
sign-out = התנתקות

## Counts

# $count (number): how many customers.
customers-count =
    { $count ->
        [one] לקוח אחד
       *[other] { $count } לקוחות
    }

## The six rungs of the loyalty ladder

rung-suspect = ליד קר
rung-prospect = מתעניין
rung-customer = לקוח
rung-repeat = לקוח חוזר
rung-loyal = לקוח נאמן
rung-advocate = ממליץ

## Customer states

state-active = פעיל
state-at_risk = בסיכון
state-lapsed = רדום
state-lost = אבוד

## The web app: frame and navigation
nav-label = תפריט ראשי
language = שפה
save = שמירה
add = הוספה
yes = כן
no = לא
back-home = חזרה ללוח הבקרה
previous = הקודם
next = הבא
pages = עמודים
page-of = עמוד { $page } מתוך { $pages }
see-all = הצגת הכול

## Roles and permissions
role = תפקיד
role-owner = בעלים
role-marketing = שיווק
role-sales = מכירות
role-support = תמיכה
role-viewer = צפייה בלבד
permissions = מה כל תפקיד רשאי לעשות
permission-view_customers = צפייה בלקוחות
permission-edit_customers = עריכת לקוחות
permission-add_interactions = הוספת הערות ושיחות
permission-view_reports = צפייה בהכנסות ובדוחות
permission-manage_segments = ניהול פלחים
permission-manage_campaigns = ניהול קמפיינים
permission-import_data = ייבוא נתונים
permission-manage_settings = שינוי הגדרות
permission-manage_users = ניהול משתמשים
permission-use_api = שימוש ב-API
permission-view_audit = צפייה ביומן הפעולות

## Signing in and the first start
sign-in-title = כניסה לחנות שלך
sign-in-failed = כתובת האימייל או הסיסמה שגויות.
email = אימייל
password = סיסמה
password-rule = לפחות 10 תווים.
password-too-short = הסיסמה צריכה להכיל לפחות 10 תווים.
password-is-email = הסיסמה לא יכולה להיות כתובת האימייל.
email-invalid = יש להזין כתובת אימייל תקינה.
name = שם
setup-title = ברוכים הבאים ל-Ladder
setup-intro = עדיין אין אף חשבון. יש ליצור את חשבון הבעלים: אחר כך הבעלים יוכלו להוסיף את הצוות.
setup-create = יצירת חשבון הבעלים

## Errors
error-not-found = לא נמצא
error-not-found-detail = אין כלום בכתובת הזו. ייתכן שהתוכן הוסר או שיש טעות בקישור.
error-forbidden = אין הרשאה
error-forbidden-detail = התפקיד שלך לא מאפשר את הפעולה הזו. אם צריך, אפשר לפנות לבעלי החנות.
error-forged = תוקף הטופס פג
error-forged-detail = מטעמי אבטחה לא ניתן היה לקבל את הטופס. יש לחזור אחורה, לרענן את הדף ולנסות שוב.
error-too-many = יותר מדי ניסיונות
error-too-many-detail = יותר מדי ניסיונות כניסה שנכשלו. יש להמתין 15 דקות ולנסות שוב.
error-internal = משהו השתבש
error-internal-detail = השרת לא הצליח להשלים את הפעולה. שום דבר לא השתנה; כדאי לנסות שוב בעוד רגע.

## Dashboard
dashboard-title = היום
scored-as-of = ציונים נכון לתאריך { $date }
scores-stale = מאז נוספו נתונים חדשים; כדאי להריץ שוב את חישוב הציונים
not-scored-yet = הלקוחות עדיין לא קיבלו ציון. יש להריץ את `ladder score`.
ladder-funnel = סולם הנאמנות
states-title = עד כמה הקונים עדיין פעילים
state-none = עדיין אין הזמנות
contact-today = עם מי ליצור קשר היום
contact-none = היום אין צורך להתקשר לאף אחד.
contact-push-third = שתי הזמנות עד עכשיו: הזמנה שלישית תהפוך אותו ללקוח נאמן. כדאי להזמין אותו לחזור עם משהו חדש.
contact-welcome-back = לקוח נאמן שנעלם לאחרונה: כדאי לפנות אליו אישית ולהזמין אותו לחזור.
contact-thank-advocate = מביא לך לקוחות: זה הזמן להגיד תודה.
contact-ask-recent = הזמנה ראשונה לאחרונה: כדאי לשאול איך המוצר.

# $count (number): how many orders.
orders-count =
    { $count ->
        [one] הזמנה אחת
        [two] שתי הזמנות
       *[other] { $count } הזמנות
    }
last-order-on = הזמנה אחרונה: { $date }
third-purchase-title = הדרך לרכישה השלישית
third-purchase-help = לקוחות שמגיעים להזמנה שלישית נשארים לעיתים קרובות הרבה יותר: הצעד מההזמנה השנייה לשלישית הוא זה שכדאי לעבוד עליו.
order-number-1 = הזמנה ראשונה
order-number-2 = הזמנה שנייה
order-number-3 = הזמנה שלישית
conversion-from-previous = { $share } מהשלב הקודם
losing-value-title = לקוחות מובילים שהערך שלהם יורד
losing-value-none = אף אחד מהלקוחות המובילים לא נמצא בירידה.
customer = לקוח
value-18m = הוצאה ב-18 חודשים
what-fell = מה ירד
fell-orders = פחות הזמנות
fell-spend = הוצאה נמוכה יותר
fell-orders-and-spend = פחות הזמנות והוצאה נמוכה יותר

## Customers
search = חיפוש
search-placeholder = שם, אימייל, טלפון או מזהה
any-rung = כל השלבים
any-state = כל המצבים
any-segment = כל הפלחים
any-consent = כל סוגי ההסכמה
consents-to = הסכמה לפנייה דרך { $channel }
country = מדינה
tag = תגית
clv-from = ערך מינימלי
clv-to = ערך מרבי

# $count (number): the number the customers exceed.
customers-more-than =
    { $count ->
        [one] יותר מלקוח אחד
       *[other] יותר מ-{ $count } לקוחות
    }
export-csv = ייצוא ל-CSV
contact = פרטי קשר
rung = שלב
state = מצב
segment = פלח
orders = הזמנות
spend = הוצאה
clv = ערך ל-12 חודשים
last-order = הזמנה אחרונה
no-customers-match = אין לקוחות מתאימים. כדאי לנסות עם פחות מסננים.

## One customer
placement = מיקום בסולם
value = ערך
p-alive = הסיכוי שהוא עדיין לקוח
expected-next-order = ההזמנה הבאה צפויה
rfm = RFM
place = מיקום
tags = תגיות
tags-help = יש להפריד בין התגיות בפסיקים.
consent = הסכמה
consent-unknown = לא נשאל
history = היסטוריה
no-history = עדיין אין שינויים.
change-rung = שלב
change-state = מצב
one-off = חד-פעמית
mark-one-off = סימון כחד-פעמית
unmark-one-off = החזרה לספירה
no-orders = עדיין אין הזמנות.
interactions = הערות ופניות
interaction-kind = סוג
note = הערה
note-placeholder = מה קרה?
no-interactions = עדיין לא נרשם דבר.
edit-profile = עריכת הפרופיל
first-name = שם פרטי
last-name = שם משפחה
company = חברה
city = עיר
preferred-language = שפה מועדפת
preferred-channel = ערוץ מועדף
status-cancelled = בוטלה
status-refunded = זוכתה
status-completed = הושלמה

## Ladder
ladder-title = סולם הנאמנות
ladder-intro = מי נמצא בכל שלב, ומה אפשר לעשות כדי לעזור לו לעלות.
playbook = מה עושים
playbook-suspect = מוכרים לנו אבל שותקים: כדאי להזמין אותם להירשם או לבקר.
playbook-prospect = מתעניינים: הצעה להזמנה ראשונה, פעם אחת בלבד, בערוץ שהם בחרו.
playbook-customer = הזמנה אחת: לשאול איך המוצר, ולהציע הזמנה שנייה שמתבקשת מאליה.
playbook-repeat = שתי הזמנות: השלישית הופכת אותם ללקוחות נאמנים; כדאי להציע משהו חדש לנסות.
playbook-loyal = לקוחות נאמנים: להודות להם, לעדכן אותם ראשונים, ולעולם לא להציף אותם בהודעות.
playbook-advocate = ממליצים עלינו לחברים: להודות להם אישית ולהקל עליהם להמליץ.

## Settings
api-tokens = אסימוני API
api-tokens-help = אסימונים מאפשרים למערכות של החנות להשתמש ב-JSON API עם ההרשאות שלך. תיעוד ה-API נמצא בכתובת
api-token-created = כדאי להעתיק את האסימון עכשיו; הוא לא יוצג שוב:
no-tokens = עדיין אין אסימונים.
token-name = למה משמש האסימון
create-token = יצירת אסימון
created = נוצר
last-used = שימוש אחרון
revoke = ביטול
token-revoked = האסימון בוטל.
users = משתמשים
enabled = הרשאת כניסה
add-user = הוספת משתמש
user-added = המשתמש נוסף.
user-changed = פרטי המשתמש עודכנו.
user-exists = כבר קיים משתמש עם כתובת האימייל הזו.
user-email-invalid = יש להזין כתובת אימייל תקינה.
user-role-invalid = יש לבחור תפקיד.
user-last-owner = לחנות צריך להיות לפחות בעלים אחד עם הרשאת כניסה.
audit-log = יומן פעולות
when = מתי
who = מי
what = מה
target = על מה

## Lifecycle, segments, channels, interactions
stage-reach = חשיפה
stage-acquisition = גיוס
stage-development = פיתוח
stage-retention = שימור
stage-advocacy = המלצה
segment-champions = אלופים
segment-loyal = נאמנים
segment-potential_loyalist = נאמנים פוטנציאליים
segment-new = חדשים
segment-promising = מבטיחים
segment-need_attention = זקוקים לתשומת לב
segment-about_to_sleep = עומדים להירדם
segment-cant_lose = אסור לאבד אותם
segment-at_risk = בסיכון
segment-hibernating = בתרדמה
channel-email = אימייל
channel-sms = SMS
channel-phone = טלפון
channel-mail = דואר
channel-fax = פקס
interaction-inquiry = פנייה
interaction-sign_up = הרשמה
interaction-visit = ביקור
interaction-click = הקלקה
interaction-call = שיחה
interaction-email = אימייל
interaction-meeting = פגישה
interaction-referral = הפניה
interaction-complaint = תלונה
interaction-feedback = משוב
interaction-recommendation = המלצה
interaction-note = הערה
