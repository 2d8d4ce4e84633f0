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
page-past-end = אין עמוד { $page }: ברשימה { $pages ->
        [one] עמוד אחד
       *[other] { $pages } עמודים
    }.
last-page = לעמוד האחרון
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
permission-adjust_points = הוספה או הפחתה ידנית של נקודות מועדון
permission-erase_customers = מחיקת לקוחות ומחיקת המידע האישי שלהם

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
dashboard-title = לוח בקרה
scored-as-of = ציונים נכון לתאריך { $date }
scores-stale = מאז נוספו נתונים חדשים; כדאי להריץ שוב את חישוב הציונים
not-scored-yet = הלקוחות עדיין לא קיבלו ציון. יש להריץ את `ladder score`.
ladder-funnel = סולם הנאמנות
states-title = עד כמה הקונים עדיין פעילים
state-none = עדיין אין הזמנות
tiles-label = החודש עד כה
tile-revenue = הכנסות החודש
tile-orders = הזמנות החודש
tile-average-order = הזמנה ממוצעת
tile-repeat-rate = קונים שחזרו
tile-against-last-month = { $change } לעומת החודש שעבר
tile-against-last-year = { $change } לעומת לפני שנה
tiles-help = החודש עד יום הדירוג, לעומת אותם ימים בחודש שעבר ובאותו חודש לפני שנה. „שחזרו”: קונים של החודש שכבר הזמינו בעבר.
contact-today = עם מי ליצור קשר היום

# $count (number): how many orders.
orders-count =
    { $count ->
        [one] הזמנה אחת
        [two] שתי הזמנות
       *[other] { $count } הזמנות
    }
last-order-on = הזמנה אחרונה: { $date }
third-purchase-title = הדרך לרכישה השלישית
third-purchase-help = לקוחות שמגיעים להזמנה שלישית נוטים הרבה יותר להישאר: הצעד מההזמנה השנייה לשלישית הוא זה שכדאי להשקיע בו.
order-number-1 = הזמנה ראשונה
order-number-2 = הזמנה שנייה
order-number-3 = הזמנה שלישית
conversion-from-previous = { $share } מהשלב הקודם
rfm-title = לקוחות לפי פלח RFM
customers = לקוחות
share = חלק
revenue = הכנסות
why = למה
event-buyers-title = קונים לאירוע והזמנות חד־פעמיות
event-buyers-help = קנו לאירוע אחד (תחפושות לחג) או סומנו כחד־פעמיים: לא צפויה להם חזרה, הם לא נדחפים לרכישה שלישית, והקמפיינים לא מתייחסים לרכישות האלה בהצעות לפי קטגוריה.
event-buyers-none = אין קונים לאירוע.
losing-value-title = לקוחות מובילים שהערך שלהם יורד
losing-value-none = אף אחד מהלקוחות המובילים לא נמצא בירידה.
customer = לקוח
value-18m = סכום קניות ב־18 החודשים האחרונים
what-fell = מה ירד
fell-orders = פחות הזמנות
fell-spend = סכום קניות נמוך יותר
fell-orders-and-spend = פחות הזמנות וסכום קניות נמוך יותר

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
clv-from = שווי מינימלי ל־12 החודשים הבאים
clv-to = שווי מרבי ל־12 החודשים הבאים

export-csv = ייצוא ל-CSV
contact = פרטי קשר
rung = שלב
state = מצב
segment = פלח
orders = הזמנות
spend = סכום קניות
clv = ערך ל־12 חודשים
last-order = הזמנה אחרונה
no-customers-match = אין לקוחות מתאימים. כדאי לנסות עם פחות מסננים.

## One customer
placement = מיקום בסולם
value = ערך
p-alive = הסיכוי שהוא עדיין לקוח
p-alive-short = עדיין לקוח
expected-next-order = ההזמנה הבאה צפויה
rfm = RFM
place = עיר ומדינה
tags = תגיות
tags-help = יש להפריד בין התגיות בפסיקים.
consent = הסכמה
consent-unknown = לא נשאל
history = היסטוריה
no-history = עדיין אין שינויים.
change-rung = שלב
change-state = מצב
one-off = חד־פעמית
mark-one-off = חד־פעמי: לא להתייחס כהעדפה
unmark-one-off = להתייחס שוב כרכישה רגילה
no-orders = עדיין אין הזמנות.
interactions = הערות ופניות
interaction-kind = סוג
note = הערה
note-placeholder = מה קרה?
no-interactions = עדיין לא נרשם דבר.
customer-saved = נשמר. הפרופיל למטה מציג את השינוי.
customer-created = הלקוח נוסף. אפשר להוסיף למטה את ההזמנה הראשונה שלו או הערה.
order-saved = ההזמנה נשמרה; מקומו של הלקוח בסולם עודכן.
interaction-saved = נוסף לאינטראקציות.
one-off-saved = נשמר. הזמנה חד־פעמית לא נחשבת בהעדפות המוצרים ובהצעות לפי קטגוריה.
add-customer = הוספת לקוח
new-customer = לקוח חדש
customer-id = מזהה לקוח
customer-id-help = המזהה הקבוע שלכם לאדם הזה, כפי שהקופה או החנות המקוונת מכירות אותו.
customer-kind = אדם או עסק
customer-kind-person = אדם
customer-kind-business = עסק
industry = תחום
address = כתובת
region = אזור
birthday = יום הולדת
birthday-help = YYYY-MM-DD, או MM-DD-- בלי שנה.
profession = מקצוע
income-band = רמת הכנסה
referred-by = הובא על ידי (מזהה לקוח)
custom-fields = שדות מותאמים
custom-fields-help = שדה בכל שורה: שם: ערך.
known-since = מוכר מאז
brought-by = הובא על ידי
brought = הביא
consent-given = { $when }, { $where }
consent-history = שינויי הסכמה
consent-ledger = יומן הסכמות (עם ראיות)
consent-purpose-marketing = מבצעים
consent-purpose-newsletter = ניוזלטר
consent-action-grant = ניתנה
consent-action-withdraw = בוטלה
consent-action-confirm = אושרה
consent-method-form = טופס באתר
consent-method-checkout = בקופה באתר
consent-method-import = מקובץ
consent-method-staff = על ידי הצוות
consent-method-api = מערכת החנות (API)
consent-method-reply-stop = תשובת הסר
consent-method-one-click = הסרה בלחיצה
consent-method-preference-page = דף ההעדפות
consent-method-complaint = תלונה
consent-method-merge = איחוד שתי רשומות
consent-basis-consent = הסכמה מפורשת
consent-basis-existing-customer = חריג לקוח קיים
consent-basis-imported = רישומי החנות
messages-sent = הודעות
outbox-status-queued = ממתינה לשליחה
outbox-status-held = מושהית עד מועדה
outbox-status-sending = נשלחת
outbox-status-sent = נשלחה
outbox-status-skipped = לא נשלחה
outbox-status-failed = נכשלה
outbox-status-bounced = הוחזרה
outbox-reason-no-consent = אין הסכמה
outbox-reason-no-address = אין כתובת בערוץ הזה
outbox-reason-address-blocked = הכתובת חסומה (החזרה או תלונה)
outbox-reason-no-first-name = אין שם פרטי
outbox-reason-no-last-name = אין שם משפחה
outbox-reason-no-name = אין שם
outbox-reason-no-last-purchase = עדיין אין רכישה
outbox-reason-no-recommended-product = אין מוצר להמליץ עליו
outbox-reason-no-attributes = חסר שדה מותאם
outbox-reason-no-shop = שם החנות לא הוגדר
message-footer-unsubscribe = הסרה מרשימת התפוצה
message-footer-preferences = ההעדפות שלך
message-sms-refusal = להסרה השיבו הסר – { $shop }
outbox-reason-contacted-recently = נשלחה הודעה לאחרונה בערוץ זה
outbox-reason-cap-reached = הגיעו למכסת הודעות השיווק
outbox-reason-in-recovery = תלונה בטיפול: אין הצעות עד לסיומה
outbox-reason-quiet-hours = ממתין לסוף שעות השקט
outbox-reason-closed-day = ממתין ליום פתוח
outbox-reason-recent-purchase = ממתין: קנו לפני ימים ספורים
outbox-reason-waiting-for-the-cap = ממתין שהמכסה של ההודעות תתפנה
outbox-reason-consent-withdrawn = ההסכמה בוטלה מאז
outbox-reason-customer-gone = הלקוח נמחק
outbox-reason-no-template = לתבנית אין גרסה לערוץ זה
add-order = הוספת הזמנה
order-id = מזהה הזמנה
order-id-help = השאירו ריק למזהה חדש; מזהה של הזמנה של הלקוח הזה מחליף אותה.
ordered-on = תאריך
order-code = קוד קמפיין
order-line-sku = מק״ט
order-line-name = מוצר
order-line-quantity = כמות
order-line-price = מחיר ליחידה
save-order = שמירת ההזמנה
one-off-help = הזמנות חד־פעמיות (מתנה, תחפושת למסיבה אחת) נחשבות כרכישה, אבל לא נכללות בהעדפות המוצרים ובהצעות לפי קטגוריה.
event-buyer = קונה לאירוע
event-buyer-help = כל ההזמנות סומנו כחד־פעמיות: לא צפויה הזמנה הבאה ואין שווי ל־12 חודשים, והלקוח לא נדחף לרכישה שלישית.
customer-merged = אוחד: ההיסטוריה של שניהם כאן, המזהה האחר מוביל עכשיו ללקוח הזה, ובכל ערוץ נשמרה ההסכמה המחמירה מבין השתיים.
customer-deleted = הלקוח נמחק יחד עם ההזמנות שלו.
customer-erased = המידע האישי של הלקוח נמחק; ההזמנות נשארות באופן אנונימי, והדוא״ל והטלפון לא ייכללו בדיוור בעתיד.
duplicates-and-privacy = כפילויות ופרטיות
merge-label = לאחד לתוך הלקוח הזה את הכפיל שמזההו
merge-button = איחוד
merge-help = ההזמנות, האינטראקציות וההיסטוריה של שניהם נשמרות; שדה שחסר ללקוח הזה נלקח מהאחר; ״לא״ לערוץ כלשהו מאחד מהם נשאר בתוקף. המזהה האחר ממשיך לעבוד בקבצים וב-API.
merge-confirm = לאחד את הלקוח האחר לתוך הלקוח הזה? אי אפשר לבטל זאת.
export-data = הורדת כל המידע שנשמר על הלקוח (JSON)
erase-customer = מחיקת המידע האישי
delete-customer = מחיקה יחד עם ההזמנות
erase-confirm = למחוק את המידע האישי של הלקוח? ההזמנות יישארו באופן אנונימי. אי אפשר לבטל זאת.
delete-confirm = למחוק את הלקוח ואת כל ההזמנות שלו? אי אפשר לבטל זאת.
erase-help = מחיקת מידע עונה לבקשה לפי חוק הגנת הפרטיות: השם, פרטי הקשר, השדות המותאמים, התגיות, ההסכמות וההערות נמחקים; ההזמנות נשארות תחת מזהה אנונימי לצורכי הנתונים של החנות. מחיקה מסירה רשומה שנוצרה בטעות, כולל ההזמנות.
edit-profile = עריכת הפרופיל
first-name = שם פרטי
last-name = שם משפחה
company = חברה
phone = טלפון
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
playbook-customer = הזמנה אחת: לשאול איך היה המוצר, ולהציע הזמנה שנייה שמתבקשת מאליה.
playbook-repeat = שתי הזמנות: השלישית הופכת אותם ללקוחות נאמנים; כדאי להציע משהו חדש לנסות.
playbook-loyal = לקוחות נאמנים: להודות להם, לעדכן אותם ראשונים, ולעולם לא להציף אותם בהודעות.
playbook-advocate = ממליצים עלינו לחברים: להודות להם אישית ולהקל עליהם להמליץ.

## Settings
api-tokens = אסימוני API
api-tokens-help = אסימונים מאפשרים למערכות של החנות להשתמש ב-JSON API עם ההרשאות שלך. תיעוד ה-API נמצא בכתובת
api-token-created = יש להעתיק את האסימון עכשיו – הוא לא יוצג שוב:
no-tokens = עדיין אין אסימונים.
token-name = למה משמש האסימון
token-valid-through = בתוקף עד (לא חובה)
token-expires = בתוקף עד
token-no-expiry = עד לביטול
token-expiry-past = אסימון לא יכול לפוג ביום שכבר עבר.
own-password = הסיסמה שלך
current-password = הסיסמה הנוכחית
new-password = סיסמה חדשה
change-password = שינוי הסיסמה
password-changed = הסיסמה שלך שונתה; שאר החיבורים שלך נותקו.
password-wrong = הסיסמה הנוכחית שגויה.
create-token = יצירת אסימון
created = נוצר
last-used = שימוש אחרון
revoke = ביטול האסימון
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
segment-hibernating = קפואים
channel-email = אימייל
channel-sms = SMS
channel-phone = טלפון
channel-mail = דואר רגיל
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

## Segments
segments-intro = פלח הוא קבוצת מסננים שמורה. החברים בו הם תמיד הלקוחות שמתאימים לה עכשיו, ולכן הוא מתעדכן מעצמו כשלקוחות נעים בסולם.
segments-saved-title = פלחים שמורים
segments-name = שם
segments-text = טקסט
segments-filters = מסננים
segments-members = חברים כעת
segments-edit = עריכה
segments-delete = מחיקה
segments-delete-confirm = למחוק את הפלח { $name }? הלקוחות עצמם לא ישתנו.
segments-none = עדיין אין פלחים. אפשר לבנות פלח למטה ולשמור אותו.
segments-new = פלח חדש
segments-edit-title = עריכת { $name }
segments-live-count = מתאימים כעת:
segments-count = ספירה
segments-name-placeholder = למשל: לקוחות נאמנים שמסכימים לקבל אימייל
segments-see-members = הצגת הלקוחות
segments-everyone = כל הלקוחות
segments-saved = הפלח נשמר.
segments-deleted = הפלח נמחק.
segments-name-missing = יש לתת לפלח שם.
segments-name-too-long = השם יכול להכיל עד 100 תווים.
segments-name-taken = כבר קיים פלח בשם הזה; יש לבחור שם אחר.
segments-filter-invalid = באחד המסננים יש ערך ש-Ladder לא מכיר. יש לבחור אותו שוב מהרשימה.
segments-value-invalid = יש לכתוב את הגבולות כמספרים פשוטים, למשל 2500.50, כשהערך הנמוך ראשון.

## Import
import-title = ייבוא קובצי CSV
import-upload-title = העלאת קובץ
import-intro = לפני הייבוא, Ladder בודק כל שורה ומראה מה הייבוא יעשה. דבר לא נכתב עד שלוחצים על "ייבוא".
import-kind = מה יש בקובץ
import-kind-customers = לקוחות
import-kind-orders = הזמנות
import-kind-interactions = הערות ופניות
import-file = קובץ CSV
import-file-help = בקידוד UTF-8 עם שורת כותרות, עד { $megabytes } MB.
import-check = בדיקת הקובץ
import-columns-title = עמודות
import-columns-required = חובה:
import-columns-optional = רשות:
import-columns-orders-note = שורה לכל פריט בהזמנה.
import-columns-custom = כל עמודה אחרת נשמרת כשדה מותאם אישית.
import-order-hint = יש לייבא קודם את הלקוחות: ההזמנות וההערות מפנות אליהם לפי customer_id.
import-report-title = בדיקת { $name }
import-nothing-written = עדיין לא נכתב דבר.
import-result-title = ייבוא { $name }
import-done =
    { $count ->
        [one] הייבוא הסתיים: שורה אחת נוספה או עודכנה.
        [two] הייבוא הסתיים: שתי שורות נוספו או עודכנו.
       *[other] הייבוא הסתיים: { $count } שורות נוספו או עודכנו.
    }
import-rows-read = שורות שנקראו
import-would-insert = ייווספו
import-would-update = יעודכנו
import-inserted = נוספו
import-updated = עודכנו
import-unchanged = כבר מעודכנות
import-rejected = עם בעיות
import-bad-rows = שורות עם בעיות
import-bad-rows-shown =
    { $count ->
        [one] מוצגות { $shown } הראשונות מתוך שורה אחת עם בעיה.
        [two] מוצגות { $shown } הראשונות מתוך שתי שורות עם בעיות.
       *[other] מוצגות { $shown } הראשונות מתוך { $count } שורות עם בעיות.
    }
import-line = שורה
import-column = עמודה
import-value = ערך
import-problem = בעיה
import-all-or-nothing = ייבוא הוא הכול או כלום: כל עוד יש שורות עם בעיות, דבר לא ייובא אלא אם בוחרים לדלג עליהן. אפשר גם לתקן את הקובץ ולבדוק אותו שוב.
import-skip-invalid =
    { $count ->
        [one] לייבא את השורות התקינות ולדלג על השורה שיש בה בעיה
        [two] לייבא את השורות התקינות ולדלג על שתי השורות שיש בהן בעיות
       *[other] לייבא את השורות התקינות ולדלג על { $count } השורות שיש בהן בעיות
    }
import-all-valid =
    { $count ->
        [one] השורה תקינה.
        [two] שתי השורות תקינות.
       *[other] כל { $count } השורות תקינות.
    }
import-run = ייבוא
import-no-rows = אין בקובץ שורות נתונים.
import-no-valid-rows = אף שורה בקובץ אינה ניתנת לייבוא. יש לתקן את הקובץ ולבדוק אותו שוב.
import-rescore = הציונים עדיין לא כוללים את הנתונים החדשים.
import-rescore-ask = אפשר לבקש מבעלי החנות להריץ שוב את חישוב הציונים, או להריץ `ladder score`.
import-missing-columns = בשורת הכותרות חסרות עמודות חובה: { $missing }. העמודות שבקובץ: { $found }.
import-unreadable = לא ניתן לקרוא את הקובץ כ-CSV: { $message }
import-unreadable-line = לא ניתן לקרוא את שורה { $line } כ-CSV: { $message }
import-invalid-row = שורה { $line }, עמודה { $column }, ערך "{ $value }": { $problem } דבר לא יובא.
import-choose-kind = יש לבחור מה יש בקובץ.
import-no-file = יש לבחור קובץ CSV להעלאה; הקובץ שנבחר ריק.
import-too-large = הקובץ גדול מ־{ $megabytes } MB. אפשר לפצל אותו לקבצים קטנים יותר, או לייבא אותו בשרת עם `ladder import`.
import-upload-gone = הקובץ שהועלה כבר לא שמור: קבצים שהועלו נשמרים שעה אחת. יש להעלות אותו שוב.

## Shop settings
settings-account = חשבון ומשתמשים
nav-shop-settings = הגדרות החנות
shop-read-only = רק בעלי החנות יכולים לשנות את ההגדרות האלה.
shop-currency-title = מטבע
shop-field-currency = מטבע החנות
shop-help-currency = קוד בן שלוש אותיות לפי ISO 4217, למשל ILS, USD או EUR. סכומי הקניות וההכנסות מחושבים רק מהזמנות במטבע הזה.
shop-model-title = מצבים לפי מודל הרכישות
shop-model-intro = כשיש מספיק לקוחות חוזרים, Ladder מעריך לכל קונה את הסיכוי שהוא עדיין לקוח, P(alive), וקובע לפיו את המצב.
shop-field-active_p_alive = פעיל מ-P(alive)
shop-help-active_p_alive = פעיל כשהסיכוי הוא לפחות הערך הזה, בין 0 ל־1 (ברירת מחדל 0.6).
shop-field-at_risk_p_alive = בסיכון מ-P(alive)
shop-help-at_risk_p_alive = בסיכון כשהסיכוי לפחות כזה ונמוך מהסף של פעיל (ברירת מחדל 0.3).
shop-field-lapsed_p_alive = רדום מ-P(alive)
shop-help-lapsed_p_alive = רדום כשהסיכוי לפחות כזה ונמוך מהסף של בסיכון; מתחתיו – אבוד (ברירת מחדל 0.1).
shop-field-min_repeat_customers = לקוחות חוזרים שהמודל צריך
shop-help-min_repeat_customers = כשיש פחות לקוחות שהזמינו בשני ימים שונים, המצבים נקבעים לפי הזמן מאז ההזמנה האחרונה (ברירת מחדל 30).
shop-recency-title = מצבים לפי הזמן מאז ההזמנה האחרונה
shop-recency-intro = בלי המודל, ולקונים שהזמינו ביום אחד בלבד, המצב משווה את מספר הימים מאז ההזמנה האחרונה למרווח הרגיל של הלקוח בין הזמנות, או למרווח הרגיל בחנות בין הזמנה ראשונה לשנייה.
shop-field-at_risk_gaps = בסיכון אחרי (מרווחים)
shop-help-at_risk_gaps = בסיכון כשהימים מאז ההזמנה האחרונה עוברים את מספר המרווחים הזה (ברירת מחדל 2).
shop-field-lapsed_gaps = רדום אחרי (מרווחים)
shop-help-lapsed_gaps = רדום כשהם עוברים את מספר המרווחים הזה (ברירת מחדל 3).
shop-field-lost_gaps = אבוד אחרי (מרווחים)
shop-help-lost_gaps = אבוד אחרי מספר המרווחים הזה או מספר הימים שלמטה, המאוחר מביניהם (ברירת מחדל 6).
shop-field-lost_min_days = אבוד אחרי לפחות (ימים)
shop-help-lost_min_days = אף לקוח אינו נחשב אבוד לפני כן (ברירת מחדל 365).
shop-save-help = הספים החדשים חלים מחישוב הציונים הבא.
shop-saved = ההגדרות נשמרו. אפשר לחשב ציונים עכשיו כדי למקם את הלקוחות לפיהן.
shop-scoring-title = חישוב ציונים
shop-not-scored = הלקוחות עדיין לא קיבלו ציון.
shop-score-now = חישוב ציונים עכשיו
shop-score-help = ממקם כל לקוח נכון להיום לפי הספים השמורים. בחנות גדולה זה לוקח זמן מה.
shop-scored =
    { $count ->
        [one] חישוב הציונים הסתיים: לקוח אחד מוקם בסולם.
        [two] חישוב הציונים הסתיים: שני לקוחות מוקמו בסולם.
       *[other] חישוב הציונים הסתיים: { $count } לקוחות מוקמו בסולם.
    }
shop-problem-number = בשדה "{ $field }" צריך להיות מספר.
shop-problem-currency = "{ $code }" אינו קוד מטבע לפי ISO 4217, כמו ILS או USD.
shop-problem-probability = הערך של "{ $field }" צריך להיות בין 0 ל־1.
shop-problem-positive = הערך של "{ $field }" צריך להיות גדול מ־0.
shop-problem-above = "{ $field }" לא יכול להיות גבוה מ־"{ $limit }".

## Movement on the ladder
movement-title = תנועה בסולם
movement-since = מאז
show = הצגה
movement-from = משלב
movement-to = לשלב
movement-count = מעברים
movement-new = שיבוץ חדש
movement-none = אף אחד לא עבר שלב בתקופה הזו.
ladder-moved-in = { $count } נכנסו ב־30 יום
ladder-moved-out = { $count } יצאו

## Reports

nav-reports = דוחות
cohorts-title = קבוצות לפי חודש: מי ממשיך לקנות
cohorts-first-order = הזמנה ראשונה
cohorts-size = לקוחות
cohorts-months-since = חודשים אחרי ההזמנה הראשונה
cohorts-help = כל שורה היא הלקוחות שההזמנה הראשונה שלהם הייתה באותו חודש; כל תא הוא החלק מהם שהזמינו שוב כעבור מספר החודשים הזה.
cohorts-none = אין עדיין קבוצות: הן יופיעו אחרי שההזמנות יקבלו ציון.
third-by-cohort-title = הרכישה השלישית לפי חודש ההזמנה הראשונה
third-by-cohort-help = מבין הלקוחות שהזמנתם הראשונה הייתה בכל חודש: שיעור מי שהזמינו פעם שנייה ושלישית, והחציון של הימים ביניהן. לחודשים האחרונים היה פחות זמן.
third-by-campaign-title = הרכישה השלישית לפי קמפיין ההזמנה הראשונה
third-by-campaign-help = אילו קמפיינים מביאים לקוחות שחוזרים: שיעור הלקוחות שלהם עם הזמנה שנייה ושלישית.
first-campaign = קמפיין ההזמנה הראשונה
no-campaign = בלי קוד קמפיין
days-to-second = ימים עד השנייה
days-second-to-third = ימים מהשנייה לשלישית
clv-title = לקוחות לפי ערך ל־12 חודשים
clv-range = { $from } – { $to }
clv-range-open = { $from } ומעלה
clv-help = כמה כל לקוח צפוי להוציא ב־12 החודשים הבאים, לפי הציון האחרון.
clv-none = לאף לקוח עדיין אין ערך ל־12 חודשים.

## Orders and products in filters
orders-from = מספר הזמנות מינימלי
orders-to = מספר הזמנות מרבי
product-or-category = מוצר (מק״ט) או קטגוריה
moved-from = מ־{ $rung }
moved-to = אל { $rung }

## Campaigns

nav-campaigns = קמפיינים
campaigns-title = קמפיינים
campaigns-intro = כמה עלה כל קמפיין ומה הוא הכניס, אילו לקוחות הוא גייס ובאיזו עלות – והאם הלקוחות האלה חזרו להזמנה שנייה ושלישית. כל נתון מחושב מההזמנות ומהעלויות.
campaigns-as-of = ספירת הזמנות עד
campaigns-show = הצגה
campaigns-none = עדיין אין קמפיינים. אפשר ליצור קמפיין עם הקודים שמופיעים בהזמנות שלו, והתוצאות שלו יוצגו כאן.
campaigns-help = ROI = (הכנסות − עלות) ÷ עלות. קמפיין מגייס לקוח כשההזמנה הראשונה שלו (או ההרשמה שלו) נושאת את הקוד של הקמפיין בתוך חלון הזמן שלו.
campaigns-charts-help = גיוס זול לא שווה הרבה אם אף אחד לא חוזר: כדאי להשוות את העלות לכל לקוח שגויס לשיעור הלקוחות שהגיעו להזמנה שלישית ולערך הצפוי שלהם.
campaign-new = קמפיין חדש
campaign-create = יצירת הקמפיין
campaign-edit = עריכת הקמפיין
campaign-name = קמפיין
campaign-cost = עלות
campaign-revenue = הכנסות
campaign-responses = תגובות
campaign-sales = מכירות
campaign-roi = ROI
campaign-roi-none = לא נרשמה עלות
campaign-acquired = לקוחות שגויסו
campaign-cpa = עלות לכל לקוח שגויס
campaign-second-order = הגיעו להזמנה שנייה
campaign-third-order = הגיעו להזמנה שלישית
campaign-third-order-title = לקוחות שגויסו והגיעו להזמנה שלישית
campaign-value-per-acquired = ערך צפוי ל־12 חודשים לכל לקוח שגויס
# $budget (string): the budget, formatted.
campaign-of-budget = מתוך תקציב של { $budget }
# $value (string): the expected figure, formatted.
campaign-expected-short = צפי: { $value }
campaign-expected = צפי
campaign-actual = בפועל
campaign-versus-title = צפי מול ביצוע
campaign-quality-title = מה עשו הלקוחות שגויסו אחר כך
campaign-quality-help = קמפיין שמביא קונים חד־פעמיים לאירוע מסוים שווה פחות מקמפיין שמביא לקוחות קבועים.
campaign-revenue-12m = הכנסות ב־12 החודשים הראשונים שלהם
campaign-clv = ערך צפוי ל־12 חודשים
# $value (string): an amount, formatted.
campaign-per-customer = { $value } ללקוח
campaign-rungs-title = איפה הלקוחות שגויסו נמצאים עכשיו
# $count (number): acquired customers the last scoring has not placed yet.
campaign-unscored = { $count ->
    [one] לקוח אחד שגויס עדיין לא קיבל ציון.
    [two] שני לקוחות שגויסו עדיין לא קיבלו ציון.
   *[other] { $count } לקוחות שגויסו עדיין לא קיבלו ציון.
}
campaign-weeks-title = הכנסות שנספרו לאורך זמן
# $date (string): the first day of the week.
campaign-week-of = שבוע מ־{ $date }
campaign-weeks-none = הקמפיין עדיין לא התחיל.
campaign-acquired-title = הלקוחות שהקמפיין הביא
campaign-reactivated = הוחזרו
campaign-reactivated-help = לקוחות שנעלמו והזמינו שוב עם הקוד שלו
campaign-reactivated-title = לקוחות שנעלמו והקמפיין החזיר
campaign-reactivated-none = אף לקוח שנעלם לא הזמין עם הקודים שלו בחלון שלו. כאן נמדד קמפיין החזרה: לקוחות בסיכון או רדומים — יותר מפעמיים המרווח הרגיל שלהם, ולפחות 60 יום, בלי הזמנה — שהזמינו שוב עם קוד.
campaign-days-quiet = ימים בלי הזמנה
campaign-acquired-none = הקמפיין עדיין לא גייס אף לקוח.
campaign-acquired-csv = הורדת הכול כ-CSV
campaign-customer = לקוח
campaign-how = איך
campaign-on = תאריך
campaign-orders = הזמנות
campaign-rung-now = שלב נוכחי
campaign-not-scored = עדיין ללא ציון
campaign-by-signup = נרשם עם הקוד
# $order (string): the order's id.
campaign-by-order = הזמנה ראשונה { $order }
# $count (number): rows not shown.
campaign-more = { $count ->
    [one] ועוד שורה אחת.
    [two] ועוד שתי שורות.
   *[other] ועוד { $count } שורות.
}
campaign-counted-title = הזמנות שנספרו
campaign-counted-none = עדיין לא נספרה אף הזמנה עם הקודים של הקמפיין.
campaign-excluded-title = הזמנות עם קוד שלא נספרו
campaign-excluded-none = אין.
campaign-why-not = למה לא
campaign-excluded-outside_window = מחוץ לחלון הזמן של הקמפיין
campaign-excluded-refunded = זוכתה
campaign-excluded-cancelled = בוטלה
campaign-order = הזמנה
campaign-amount = סכום
campaign-costs-title = עלויות
campaign-costs-none = עדיין לא נרשמה עלות: אי אפשר לחשב ROI לפני שנרשמת עלות.
campaign-cost-note = עבור מה
campaign-cost-total = עלות בפועל
campaign-cost-add = הוספת העלות
campaign-costs-import-title = ייבוא עלויות מקובץ CSV
campaign-costs-import-help = שורה לכל עלות: מזהה הקמפיין, התאריך (YYYY-MM-DD), הסכום במטבע החנות והערה (רשות). כל השורות נוספות, או אף אחת מהן; שורות שכבר נרשמו לא נוספות שוב, כך שאפשר לייבא את אותו קובץ פעמיים בלי חשש.
campaign-costs-import = ייבוא עלויות
# $added (number): costs added; $already (number): rows already recorded.
campaign-costs-imported = { $added ->
    [one] נוספה עלות אחת
    [two] נוספו שתי עלויות
   *[other] נוספו { $added } עלויות
}; כבר היו רשומות: { $already }.
campaign-saved = הקמפיין נשמר.
campaign-cost-added = העלות נוספה.
campaign-codes = קודים
campaign-target = קהל יעד
# $days (number): days after the end; $date (string): the last day orders count.
campaign-window = הזמנות נספרות עד { $date } ({ $days ->
    [one] יום אחד
    [two] יומיים
   *[other] { $days } ימים
} אחרי הסיום)
campaign-window-open = פתוח: לא נקבע תאריך סיום
campaign-no-currency = לחנות עדיין אין מטבע: יש לייבא קודם הזמנות, או לקבוע אותו בהגדרות החנות.
# $id (string): the campaign id.
campaign-id-taken = כבר קיים קמפיין עם המזהה { $id }; אפשר לפתוח אותו כדי לשנות אותו, או לבחור מזהה אחר.
# $field (string): the field's name; $value (string): what was typed; $problem (string): what is wrong.
campaign-field-invalid = { $field } ("{ $value }"): { $problem }
campaign-help-codes = קודי הקופון או ה-UTM שמופיעים בהזמנות ובהרשמות של הקמפיין, מופרדים בפסיקים; אין הבדל בין אותיות גדולות לקטנות.
campaign-field-id = מזהה
campaign-field-name = שם
campaign-field-kind = סוג
campaign-field-channel = ערוץ
campaign-field-status = סטטוס
campaign-field-starts = תאריך התחלה
campaign-field-ends = תאריך סיום
campaign-field-codes = קודים
campaign-field-window_days = כמה ימים אחרי הסיום הזמנות עדיין נספרות
campaign-field-target_segment = פלח יעד
campaign-field-target_size = גודל קהל היעד
campaign-field-budget = תקציב
campaign-field-expected_revenue = הכנסות צפויות
campaign-field-expected_responses = תגובות צפויות
campaign-field-expected_sales = מכירות צפויות
campaign-field-notes = הערות
campaign-field-spent_on = תאריך
campaign-field-amount = סכום
campaign-kind-advertisement = פרסומת
campaign-kind-email = אימייל
campaign-kind-sms = SMS
campaign-kind-direct_mail = דיוור ישיר בדואר
campaign-kind-social = רשתות חברתיות
campaign-kind-referral_programme = חבר מביא חבר
campaign-kind-event = אירוע
campaign-kind-other = אחר
campaign-status-planning = בתכנון
campaign-status-active = פעיל
campaign-status-completed = הסתיים
campaign-status-cancelled = בוטל
campaign-help-target-segment = שם של פלח שמור מקשר את הקמפיין למי שנמצא בו עכשיו.

## What is wrong with a value (forms, the API, imports)

problem-required = שדה חובה.
problem-too-long = לכל היותר { $max } תווים.
problem-not-email = זו אינה כתובת דוא״ל; כתבו אותה כך: name@example.com.
problem-not-phone = זה אינו מספר טלפון: השתמשו בספרות, ברווחים, ב־+, ב־- ובסוגריים, 5 עד 15 ספרות.
problem-not-date = זה אינו תאריך; השתמשו בתבנית { $expected }.
problem-not-gregorian = השנה { $year } מוקדמת מ־1900: התאריכים כאן לועזיים (YYYY-MM-DD, למשל 2026-11-23). המירו תאריכים עבריים או פרסיים לפני הייבוא.
problem-template-syntax = אי אפשר לקרוא את התבנית בשורה { $line }: { $detail }
problem-unknown-merge-field = { $field } אינו שדה מיזוג; השתמשו ב־first_name, last_name, name, shop.name, last_purchase.date, last_purchase.product_name, last_purchase.category, recommended_product.name, recommended_product.price, club.card_number, club.referral_code, club.tier, club.points, club.perks, unsubscribe_url, preferences_url או attributes.NAME
problem-in-future = התאריך הזה עוד לא הגיע.
problem-in-past = התאריך הזה כבר עבר; יש לתת את היום או יום מאוחר יותר.
problem-not-whole-number = הזינו מספר שלם.
problem-not-number = הזינו מספר.
problem-not-between = הזינו מספר בין { $min } ל־{ $max }.
problem-not-positive = הזינו מספר גדול מ־0.
problem-below-minimum = הזינו { $min } או יותר.
problem-above-maximum = הזינו { $max } או פחות.
problem-above-field = הערך לא יכול להיות גבוה מ״{ $other }״.
problem-below-field = הערך לא יכול להיות נמוך מ״{ $other }״.
problem-not-one-of = השתמשו באחד מאלה: { $choices }.
problem-not-currency = זה אינו קוד מטבע; השתמשו בשלוש אותיות, כמו ILS,‏ EUR,‏ IRR או RUB.
problem-not-country = השתמשו בקוד המדינה בן שתי האותיות, כמו IL,‏ IR,‏ RU או GB.
problem-not-time-zone = זה אינו אזור זמן; השתמשו באחד כמו Asia/Jerusalem,‏ Asia/Tehran או Europe/Moscow.
problem-password-too-short = הסיסמה צריכה לפחות { $min } תווים.
problem-password-is-email = הסיסמה לא יכולה להיות כתובת הדוא״ל.
problem-wrong-password = הסיסמה הנוכחית שגויה.
problem-taken = הערך הזה כבר בשימוש.
problem-unknown = אין רשומה עם המזהה הזה.
problem-in-field = { $field }: { $problem }

## More problems, mostly of imported rows

problem-not-yes-or-no = זה לא כן או לא.
problem-not-birthday = זה לא יום הולדת; כתבו YYYY-MM-DD, או ‎--MM-DD‏ כשהשנה לא ידועה.
problem-not-attribute = יש לכתוב כל שדה מותאם בשורה משלו בצורה שם: ערך (מידת נעליים: 38).
problem-not-amount = זה לא סכום; כתבו מספר עשרוני כמו 12.50.
# $currency (text): the currency's code; $decimals (number): its decimals.
problem-too-precise = יש כאן יותר ספרות אחרי הנקודה ממה ש־{ $currency } מרשה ({ $decimals }).
problem-too-large = זה גדול מדי.
problem-negative-quantity = זה שלילי; כמות היא לפחות 1 (להחזרות השתמשו בסטטוס refunded).
problem-negative-price = זה שלילי; להחזרים השתמשו בסטטוס refunded.
problem-self-referral = זה הלקוח עצמו; לקוח לא יכול להפנות את עצמו.
problem-unknown-referrer = זה לא לקוח מוכר; יבאו גם את המפנה, או השאירו את referred_by ריק.
problem-unknown-customer = זה לא לקוח מוכר; יבאו קודם את קובץ הלקוחות.
# $line (number): the order's first line in the file.
problem-differs-from-first-line = זה שונה מהשורה הראשונה של ההזמנה (שורה { $line }); לכל שורות ההזמנה אותו לקוח, זמן, מטבע, סטטוס, קוד וסימון חד־פעמי.
problem-order-of-another-customer = ההזמנה הזאת כבר שייכת ללקוח אחר.
# $line (number): the line of the file where the quote opened.
problem-unclosed-quote = מירכאות (") שנפתחו בשורה { $line } לא נסגרו, ולכן השורות שאחריהן נקראו לתוך הערך הזה; יש לסגור את המירכאות או להסיר אותן.
# $currency (text): the shop's currency.
problem-not-shop-currency = זה לא המטבע של החנות; עלויות קמפיינים נשמרות ב־{ $currency }, המירו קודם את הסכום.
problem-not-card-number = זה לא מספר כרטיס: למספר כרטיס יש 12 עד 19 ספרות.
problem-card-check-digit = ספרת הביקורת של מספר הכרטיס אינה תואמת; בדקו אם הוקלדה ספרה שגויה.
problem-card-blocked = הכרטיס הזה נחסם ב־{ $on }: בקשו את הכרטיס החדש של החבר, או חפשו אותו לפי טלפון או שם.
problem-not-enough-points = יותר ממה שהחבר יכול לממש: זמינות כעת { $available ->
        [one] נקודה אחת
        [two] שתי נקודות
       *[other] { $available } נקודות
    }.

## Field names, where a problem names its field

field-phone = טלפון
field-customer-id = מזהה לקוח
field-referred-by = הופנה על ידי
field-time-zone = אזור זמן
field-kind = סוג
field-region = אזור
field-address = כתובת
field-birthday = יום הולדת

## Background jobs

nav-jobs = משימות
job-kind-score = דירוג
job-kind-import = ייבוא
job-kind-noop = משימת ניסיון
job-kind-housekeeping = תחזוקה
job-status-queued = ממתינה
job-status-running = רצה
job-status-done = הסתיימה
job-status-failed = נכשלה, תנוסה שוב
job-status-dead = נכשלה
job-status-cancelled = בוטלה
# $attempt (number): this attempt; $of (number): the most attempts.
job-attempt = ניסיון { $attempt } מתוך { $of }
# $done (number), $total (number): rows or customers so far and in all.
job-progress = { $done } מתוך { $total }
job-running = רצה…
job-waiting = ממתינה לעובד…
job-refreshes = הדף מתרענן מעצמו עד שהמשימה מסתיימת; אפשר לעזוב אותו, המשימה ממשיכה.
job-error = מה השתבש:
job-retry = נסו שוב
job-cancel = ביטול
job-busy = משימה שעושה את אותה עבודה כבר ממתינה או רצה; המשימה הזאת לא הוחזרה לתור.
# $rungs (number), $states (number): changes recorded.
job-scored-changes = נרשמו { $rungs } שינויי שלב ו־{ $states } שינויי מצב.
jobs-intro = דירוגים וייבואים רצים ברקע. משימה שנכשלה מנוסה שוב כמה פעמים; משימות שממשיכות להיכשל מחכות לכם כאן.
jobs-all = הכול
jobs-kind = משימה
jobs-status = מצב
jobs-created = התבקשה
jobs-attempts = ניסיונות
jobs-error = שגיאה אחרונה
jobs-none = אין עדיין משימות.
import-another = ייבוא קובץ נוסף
import-pair-title = התאמת העמודות של הקובץ
import-pair-intro = ‏{ $file } ({ $kind }) קורא לעמודות שלו בשמות משלו. ציינו מה כל עמודה מכילה; Ladder יזכור זאת לקובץ הבא עם העמודות האלה.
import-pair-remembered = הותאם כמו בפעם הקודמת לקובץ עם העמודות האלה.
import-pair-theirs = עמודה בקובץ
import-pair-sample = ערך ראשון
import-pair-ours = השדה ב־Ladder
import-pair-custom = שדה מותאם אישית, בשם הזה
import-pair-left-out = להשמיט
import-pair-help = שדות המסומנים ב־* הם חובה. כל שדה של Ladder מקבל לכל היותר עמודה אחת.
import-pair-problem = { $column }: { $problem }

## The shop's profile

shop-profile-title = החנות
shop-profile-intro = היכן החנות ומתי היא פתוחה: ימים ושעות נספרים באזור הזמן שלה, והודעות נשלחות בשמה.
shop-field-name = שם החנות
shop-field-country = מדינה
shop-field-city = עיר
shop-field-time_zone = אזור זמן
shop-field-language = שפת החנות
shop-field-opening_days = פתוחה בימים
shop-field-sender_name = שם השולח
shop-field-sender_address = כתובת דואר
shop-field-sender_email = דוא״ל השולח
shop-field-sender_phone = טלפון השולח
shop-help-country = שתי אותיות, כמו IL,‏ IR,‏ RU או GB.
shop-help-time_zone = כמו Asia/Jerusalem,‏ Asia/Tehran או Europe/Moscow.
shop-help-sender_address = מודפסת על מכתבים ובתחתית הודעות דוא״ל, כפי שהחוק דורש.
shop-sender-title = השולח
shop-sender-intro = ממי ההודעות מגיעות, ואיך לקוחות יכולים להגיע לחנות.
weekday-mon = שני
weekday-tue = שלישי
weekday-wed = רביעי
weekday-thu = חמישי
weekday-fri = שישי
weekday-sat = שבת
weekday-sun = ראשון

## The audit log

audit-by-cli = שורת הפקודה
audit-by-system = Ladder
# $email (text): the token owner's email.
audit-by-token = אסימון API של { $email }
audit-action-customer-created = הוסיף לקוח
audit-action-customer-changed = שינה לקוח
audit-action-customer-merged = איחד שני לקוחות
audit-action-customer-deleted = מחק לקוח
audit-action-customer-erased = מחק את המידע האישי של לקוח
audit-action-customer-exported = ייצא את המידע של לקוח
audit-action-address-suppressed = חסם כתובת (החזרה או תלונה)
audit-action-address-unsuppressed = ביטל חסימת כתובת
audit-action-template-saved = שמר תבנית הודעה
audit-action-broadcast-created = חיבר דיוור
audit-action-broadcast-sent = שלח דיוור
audit-action-broadcast-enqueued = הכניס לתור את הודעות הדיוור
audit-action-message-enqueued = הכניס הודעה לתור
audit-action-interaction-added = רשם פנייה
audit-action-order-saved = שמר הזמנה
audit-action-order-one-off = סימן הזמנה כחד־פעמית
audit-action-import-run = ייבא קובץ
audit-action-import-columns-paired = התאים עמודות של קובץ
audit-action-scoring-run = דירג את הלקוחות
audit-action-job-enqueued = ביקש משימה
audit-action-job-retried = ניסה משימה שוב
audit-action-job-cancelled = ביטל משימה
audit-action-user-created = הוסיף משתמש
audit-action-user-changed = שינה משתמש
audit-action-user-signed-in = נכנס
audit-action-user-sign-in-failed = כניסה נכשלה
audit-action-user-signed-out = יצא
audit-action-token-created = יצר אסימון API
audit-action-token-revoked = ביטל אסימון API
audit-action-segment-saved = שמר פלח
audit-action-segment-deleted = מחק פלח
audit-action-campaign-saved = שמר קמפיין
audit-action-campaign-cost-added = הוסיף עלות לקמפיין
audit-action-campaign-costs-imported = ייבא עלויות קמפיינים
audit-action-settings-changed = שינה את הגדרות החנות
audit-action-demo-created = יצר את חנות ההדגמה

## Reasons: why a customer stands where they stand

reason-known-contact = איש קשר מוכר; עדיין אין פנייה או הזמנה
# $count (number): interactions.
reason-interactions = { $count ->
        [one] פנייה אחת
       *[other] { $count } פניות
    }; עדיין אין הזמנה
# $count (number): interactions; $last (text): the latest one's kind; $on (text): its date.
reason-interactions-last = { $count ->
        [one] פנייה אחת
       *[other] { $count } פניות
    }, האחרונה: { $last } ב־{ $on }; עדיין אין הזמנה
reason-referred = הופנה על ידי לקוח; עדיין אין הזמנה
# $n (number): the order's number; $on (text): its date.
reason-order-on = הזמנה מס׳ { $n } ב־{ $on }
# $n (number): counted orders.
reason-orders = { $n } הזמנות
# $order (text): the order that made the rung, as reason-order-on says it; $standing: active or at_risk.
reason-loyal = { $order }, { $standing ->
        [at_risk] בסיכון
       *[other] פעיל
    }
# $order (text): as above; $state (text): lapsed, lost, or none (at risk stays loyal).
reason-not-active = { $order }, אבל { $state ->
        [at_risk] בסיכון
        [lapsed] רדום
        [lost] אבוד
       *[other] לא פעיל
    }
# $order (text): as above; $buyers (number): referred customers who ordered.
reason-advocate-referrals = נאמן ({ $order }, { $standing ->
        [at_risk] בסיכון
       *[other] פעיל
    }) ו{ $buyers ->
        [one] לקוח אחד שהפנה כבר הזמין
       *[other] { $buyers } לקוחות שהפנה כבר הזמינו
    }
# $order (text): as above.
reason-advocate-recommended = נאמן ({ $order }, { $standing ->
        [at_risk] בסיכון
       *[other] פעיל
    }) והמליץ עלינו בפומבי
# $days (number): days since the last order.
reason-since-order = { $days ->
        [0] הזמנה אחרונה היום
        [1] הזמנה אחרונה אתמול
        [one] הזמנה אחרונה לפני יום
        [two] הזמנה אחרונה לפני יומיים
       *[other] הזמנה אחרונה לפני { $days } ימים
    }
# $days (number): days since the last order.
reason-no-order-for = אין הזמנה כבר { $days } ימים
# $days (number or text): the customer's usual gap.
reason-usual-own = { $days ->
        [one] בדרך כלל כל יום
       *[other] בדרך כלל כל { $days } ימים
    }
# $days (number or text): the shop's usual gap from a first to a second order.
reason-usual-shop = { $days ->
        [one] לקוחות חוזרים בדרך כלל בתוך יום
       *[other] לקוחות חוזרים בדרך כלל בתוך { $days } ימים
    }
# $first (text), $second (text): two parts of a reason.
reason-and = { $first }, { $second }
# $days (number): days since the last order; $state (text): at_risk, lapsed or lost; $after (number or text): days after which the state begins.
reason-overdue = אין הזמנה כבר { $days } ימים ({ $state ->
        [at_risk] בסיכון
        [lapsed] רדום
       *[lost] אבוד
    } אחרי { $after } ימים)
# $days, $state, $after: as above; $usual (text): the usual gap.
reason-overdue-usual = אין הזמנה כבר { $days } ימים, { $usual } ({ $state ->
        [at_risk] בסיכון
        [lapsed] רדום
       *[lost] אבוד
    } אחרי { $after } ימים)
# $now (text): P(alive).
reason-p-alive = P(alive) ‏{ $now }
# $before (text), $now (text): P(alive) at the previous scoring and now.
reason-p-alive-fell = P(alive) ירד מ־{ $before } ל־{ $now }
# $before (text), $now (text): as above.
reason-p-alive-rose = P(alive) עלה מ־{ $before } ל־{ $now }
# $what (text): the figure; $why (text): the history behind it.
reason-because = { $what }: { $why }
reason-no-order-yet = אין הזמנה שנספרה עד תאריך זה
# $stage (text): the lifecycle stage; $rung (text): the rung.
reason-lifecycle = { $stage }, לפי השלב בסולם: { $rung }
# $customers (number), $repeat (number): buyers and repeat buyers fitted on; $r, $alpha, $a, $b (text): the parameters; $spend (text): yes or no.
reason-model-fitted = המצבים לפי P(alive) של BG/NBD, שהותאם על { $customers } לקוחות ({ $repeat } עם רכישות חוזרות): r = { $r }, α = { $alpha } ימים, a = { $a }, b = { $b }; { $spend ->
        [yes] סכומי הקניות לפי Gamma-Gamma
       *[no] אין מודל לסכומי הקניות (מעט מדי קניות חוזרות)
    }
# $repeat (number): customers who ordered on two different days; $needed (number): how many the model needs.
reason-model-too-few-repeat = המצבים לפי כלל הטריות: רק { $repeat } לקוחות הזמינו בשני ימים שונים, ו-BG/NBD צריך { $needed }
reason-model-not-converged = המצבים לפי כלל הטריות: התאמת BG/NBD לא התכנסה
# $error (text): the fit's error, in English.
reason-model-failed = המצבים לפי כלל הטריות: לא ניתן היה להתאים את BG/NBD ({ $error })
# $on (text): the day; $categories (text): the categories.
reason-event-occasion-day = כל הקניות היו ב־{ $on }, בקטגוריות עונתיות ({ $categories })
# $from (text), $to (text): the first and last day; $categories (text): the categories.
reason-event-occasion = כל הקניות היו בין { $from } ל־{ $to }, בקטגוריות עונתיות ({ $categories })
# $categories (text): the categories; $dates (text): the days.
reason-event-seasonal-orders = { $categories } ב־{ $dates }, שלא כמו שאר ההזמנות
# $dates (text): the days.
reason-event-one-off = סומן כחד־פעמי ({ $dates })
reason-roi-no-cost = לא נרשמה עלות
reason-roi-negative-cost = סכום העלויות מתחת לאפס

## Unsubscribe and preference pages
unsubscribe-title = הסרה מרשימת התפוצה
unsubscribe-question = להפסיק לקבל הודעות אלה מ־{ $shop }?
unsubscribe-button = כן, הסירו אותי
unsubscribe-done = בוצע: { $shop } לא ישלחו לך עוד הודעות כאלה ב{ $channel }.
preferences-link = בחירת ההודעות שתקבלו
preferences-title = ההודעות שתקבלו
preferences-greeting = שלום { $name }.
preferences-intro = בחרו אילו הודעות { $shop } רשאים לשלוח לכם.
preferences-choice = { $topic } ב{ $channel }
preferences-save = שמירת הבחירות
preferences-saved = הבחירות שלכם נשמרו.

## Messages pages
nav-messages = הודעות
messages-intro = תבניות, דיוורים וכל הודעה שנשלחה: כל אחת נבדקת מול הסכמה, מכסות ושעות שקט.
messages-broadcasts = דיוורים
messages-broadcast-new = דיוור חדש
messages-broadcast-name = שם
messages-template = תבנית
messages-audience = קהל
messages-status = מצב
messages-enqueued = הודעות
messages-no-broadcasts = עדיין אין דיוורים.
messages-templates = תבניות
messages-template-new = תבנית חדשה
messages-channel = ערוץ
messages-language = שפה
messages-purpose = מטרה
messages-version = גרסה
messages-no-templates = עדיין אין תבניות.
messages-outbox = תיבת דואר יוצא
messages-any-status = כל מצב
messages-filter = הצג
messages-customer = לקוח
messages-reason = סיבה
messages-audience-all = כל הלקוחות (לכל אחד נדרשת הסכמה)
messages-audience-newsletter = מנויי הניוזלטר
messages-audience-segment = פלח { $id }
messages-audience-rung = שלב בסולם
messages-audience-saved-segment = פלח שמור
messages-any-state = כל מצב
messages-code = קוד קמפיין
messages-broadcast-create = חיבור וספירה
messages-broadcast-intro = חברו אותו תחילה: לפני שנשלח דבר תראו מי יקבל ומי לא, ומדוע.
messages-template-intro = כתבו פעם אחת לכל שפה; התצוגה המקדימה מראה את ההודעה כפי שלקוח אמיתי יקבל אותה.
messages-template-name = שם
messages-subject = נושא (דוא״ל)
messages-body = טקסט
messages-merge-fields = שדות לשימוש:
messages-preview-for = תצוגה מקדימה עבור לקוח
messages-template-save = שמירה (גרסה חדשה)
messages-preview = תצוגה מקדימה
messages-preview-skipped = לקוח זה לא יקבל דבר:
messages-sms-parts = { $parts } חלקי הודעה ({ $units } תווים, { $encoding }): כל חלק מחויב.
messages-forecast = מי יקבל
messages-will-go = יישלח
messages-will-wait = ימתין
messages-will-not-go = לא יישלח
messages-send = שליחה
messages-send-confirm = לשלוח עכשיו ל־{ $count } לקוחות?
messages-report = מה עלה בגורל ההודעות
messages-being-sent = ההודעות בהכנה; הדף יציג אותן כשייכנסו לתיבת הדואר היוצא.
messages-caps = מכסות
messages-caps-wait = לקוח שהגיע למכסה ממתין עד שתתפנה, במקום שידלגו עליו
messages-defer-capped = להמתין במקום לדלג על לקוח שקיבל הודעה לאחרונה או הגיע למכסת ההצעות: ההודעה תישלח כשהמכסה תתפנה
messages-sms-language = שפה
messages-sms-messages = הודעות
messages-sms-parts-each = חלקים להודעה
messages-sms-parts-total = חלקים בסך הכול
messages-sms-cost = עלות משוערת: { $cost }
messages-sms-no-price = הגדירו בהגדרות העסק את מחיר החלק כדי לראות את העלות.
messages-results = מה זה הביא
messages-results-window = נספר מרגע שליחת ההודעה לכל לקוח: הסרות ורכישות בתוך { $days } ימים, וכל הזמנה שנושאת את קוד הקמפיין של ההפצה.
messages-results-orders = הזמנות
messages-results-customers = לקוחות
messages-results-total = סך הכול
messages-results-clicked = לחצו על קישור
messages-results-unsubscribed = הסירו את עצמם
messages-results-attributed = הזמנות עם קוד הקמפיין
messages-results-bought-after = קנו בתוך { $days } ימים
messages-results-no-code = להפצה זו אין קוד קמפיין, ולכן אף הזמנה אינה מיוחסת לה; הרכישות בתוך החלון נספרות בכל זאת.
messages-template-saved = התבנית נשמרה.
messages-broadcast-created = הדיוור חובר: בדקו מי יקבל אותו ואז שלחו.
messages-broadcast-sent = הדיוור נשלח.
messages-template-missing = בחרו תבנית.
messages-rung-missing = בחרו שלב.
messages-segment-missing = בחרו פלח.
broadcast-status-draft = טיוטה: לא נשלח
broadcast-status-queued = בשליחה
broadcast-status-enqueued = הועבר לתיבת הדואר היוצא
broadcast-status-cancelled = בוטל
purpose-transactional = תפעולית
purpose-service = שירות
purpose-offer = הצעה
purpose-newsletter = ניוזלטר
language-en = אנגלית
language-he = עברית
language-fa = פרסית
language-ru = רוסית

## Sending rules on the shop page
shop-sending-title = לא להטריד
shop-sending-intro = באיזו תדירות ומתי לקוחות ישמעו מהחנות. קבלות ואיפוס סיסמה לעולם אינם מעוכבים.
shop-field-email_window_hours = שעות בין שני דוא״לים
shop-field-sms_window_hours = שעות בין שתי הודעות SMS
shop-field-marketing_per_period = לכל היותר הצעות
shop-field-marketing_period_days = … בכמה ימים
shop-field-days_after_purchase = ימים ללא הצעות אחרי קנייה
shop-field-quiet_from = שקט משעה
shop-field-quiet_to = שקט עד
shop-field-quiet_email = גם דוא״ל שומר על שעות שקט
shop-field-closed_days = ימים שבהם יוצאות רק קבלות
shop-field-israel_existing_customers = ישראל: שימוש בחריג הלקוח הקיים
shop-help-israel_existing_customers = רק אם בעת הקנייה הלקוחות מסרו את פרטיהם, נאמר להם שיקבלו הצעות, ניתנה להם אפשרות לסרב, וההצעות הן למוצרים דומים (חוק התקשורת, סעיף 30א).
shop-field-israel_exception_terms = כיצד העסק עומד בתנאים
shop-help-israel_exception_terms = חובה כדי להפעיל את החריג, ונשמר עם השינוי: היכן הלקוחות מוסרים את פרטיהם בקנייה, הנוסח שמודיע להם שיקבלו הצעות, כיצד הם יכולים לסרב, ולאילו מוצרים ההצעות.
shop-field-track_clicks = ספירת לחיצות על קישורים במיילים של הצעות וניוזלטר
shop-help-track_clicks = כל כתובת אינטרנט במייל כזה עוברת דרך קישור חתום לעסק שסופר את הלחיצה וממשיך אליה (קישורי ההסרה נשארים ישירים). פתיחות לעולם אינן נספרות. כבוי כברירת מחדל.
shop-field-sms_part_price = מחיר חלק אחד של הודעת SMS
shop-help-sms_part_price = כמה שער ה-SMS גובה לכל חלק, במטבע העסק (למשל 0.07): הפצת SMS מציגה את עלותה לפני השליחה. ריק: לא מוצג.

## The call list
messages-calls = רשימת שיחות
messages-calls-intro = שיחות לביצוע עכשיו, לכל אחת מה לומר ללקוח. רשמו איך הלכה כל שיחה: זה נרשם בהיסטוריה שלו.
messages-no-calls = אין שיחות לביצוע.
messages-call-note = הערה
messages-call-recorded = השיחה נרשמה.
call-outcome-reached = נענה
call-outcome-no_answer = אין מענה: מחר
call-outcome-declined = ביקש שלא יתקשרו
call-outcome-wrong_number = מספר שגוי

## Printed letters
letter-notice-sender = נשלח על ידי { $name }, { $contact }.
letter-notice-source = כתובתך נלקחה מרשומות הלקוחות שלנו.
letter-notice-removal = כדי שלא לקבל מאיתנו מכתבים נוספים, הודיעו לנו: { $contact }.

## Password reset by email
password-reset-mail-subject = הסיסמה החדשה שלך ל־Ladder
password-reset-mail-body =
    מישהו (אנחנו מקווים שאת/ה) ביקש לקבוע סיסמה חדשה ל־Ladder. פתחו את הקישור הזה בתוך שעה כדי לבחור אותה:

    { $link }

    אם לא ביקשתם, אין צורך לעשות דבר: הסיסמה נשארת כפי שהיא.
password-forgot-title = שכחת את הסיסמה?
password-forgot-intro = הקלידו את הדוא״ל של החשבון: נשלח קישור לקביעת סיסמה חדשה.
password-forgot-send = שליחת הקישור
password-forgot-sent = אם יש חשבון עם הדוא״ל הזה, קישור בדרך אליו. הוא תקף פעם אחת, למשך שעה.
password-reset-title = בחירת סיסמה חדשה
password-reset-new = סיסמה חדשה
password-reset-set = קביעת הסיסמה
password-reset-link-gone = הקישור כבר שומש או שעברה יותר משעה: בקשו קישור חדש.
password-reset-done = הסיסמה החדשה נקבעה: היכנסו איתה.

## Playbooks and the team's queue
nav-today = היום
nav-playbooks = תרחישים
playbooks-intro = מעקבים שרצים מעצמם: כל תרחיש מתחיל כשמשהו קורה ללקוח, שולח הודעה או נותן משימה לאדם, ושומר קבוצת ביקורת קטנה כדי להראות מה הוא שינה.
playbooks-name = תרחיש
playbooks-on = פעיל
playbooks-entered-week = נכנסו השבוע
playbooks-entered = נכנסו בסך הכול
playbooks-goal-rate = הגיעו ליעד
playbooks-lift = ההבדל שעשה
playbooks-is-on = פעיל
playbooks-is-off = כבוי
playbooks-control-count = { $count } בקבוצת הביקורת
playbooks-no-control = אין קבוצת ביקורת
playbooks-not-enough-data = עדיין אין מספיק נתונים
playbooks-points = נקודות
playbooks-interval = ‏95% בין { $low } ל־{ $high }
playbooks-saved = התרחיש נשמר.
playbook-post_purchase_checkin = בירור אחרי קנייה
playbook-first_to_second = מההזמנה הראשונה לשנייה
playbook-second_to_third = מההזמנה השנייה לשלישית
playbook-winback = להחזיר לקוח קבוע
playbook-losing_value_call = שיחה ללקוח מוביל שקונה פחות
playbook-birthday = ברכת יום הולדת
playbook-complaint_apology = התנצלות על תלונה
playbook-advocate_thanks = תודה לשגריר
playbook-new_loyal = ברוך הבא ללקוח קבוע חדש
playbook-club_welcome = ברוכים הבאים לחבר מועדון חדש
playbook-club_tier_up = תודה לחבר שעלה דרגה
playbook-club_tier_down = מילה טובה כשחבר יורד דרגה
playbook-club_points_expiring = תזכורת לפני שנקודות פגות
playbook-about-post_purchase_checkin = שלושה ימים אחרי הזמנה, לשאול איך המוצר. הודעת שירות: אף פעם לא הצעה.
playbook-about-first_to_second = כשקונה ראשון מגיע לזמן ההמתנה הרגיל של החנות להזמנה שנייה, הודעה אישית עם מוצר שמתאים לו.
playbook-about-second_to_third = כשללקוח עם שתי הזמנות מגיע הזמן להזמנה הבאה, הודעה אישית; החשובים ביותר מקבלים גם שיחה. ההזמנה השלישית עושה לקוח קבוע.
playbook-about-winback = כשלקוח קבוע נעלם (ושוב אם אבד), הודעה שאומרת שמתגעגעים, עם הצעה.
playbook-about-losing_value_call = אדם מתקשר ללקוחות הטובים ביותר שקונים פחות משקנו, כל עוד הם פעילים. אף פעם לא הודעה אוטומטית.
playbook-about-birthday = יום לפני יום ההולדת (או ביום הפתיחה האחרון לפניו), ברכה עם הצעה.
playbook-about-complaint_apology = תלונה נותנת לאדם שיחה בתוך היום ומכתב התנצלות אישי. עד שהשיחה נעשית, הלקוח לא מקבל שיווק.
playbook-about-advocate_thanks = כשמישהו נעשה שגריר, או כשחבר ששלח מזמין לראשונה, תודה.
playbook-about-new_loyal = כשלקוח נעשה נאמן, ברוכים הבאים ללקוחות הקבועים ומה הם מקבלים.
playbook-about-club_welcome = כשלקוח מצטרף למועדון (לא כשכולם נרשמים בבת אחת): נקודות הצטרפות ומספר הכרטיס.
playbook-about-club_tier_up = כשחבר עולה דרגה: תודה עם ההטבות שלו, וקוד ההפניה שלו שבוע אחר כך.
playbook-about-club_tier_down = כשחבר יורד דרגה: משלוח חינם לזמן מה ומילה טובה, אף פעם לא תוכחה.
playbook-about-club_points_expiring = חודש לפני שחלק מהנקודות של חבר פגות: כמה, ומתי.
playbook-when = מתי
playbook-who = מי
playbook-then = ואז
playbook-not-contacted-days = לא אם קיבלו הודעה בתוך מספר הימים הזה (ריק: בלי הגבלה)
playbook-reentry-days = לקוח יכול להיכנס שוב אחרי מספר הימים הזה (0: בכל פעם שזה קורה מחדש)
playbook-field-days = ימים
playbook-field-points = נקודות
playbook-field-due-days = לביצוע בתוך ימים
playbook-field-channel = ערוץ
playbook-field-fallback = אחרת
playbook-no-fallback = שום דבר אחר
playbook-goal = הוא מסתיים בהצלחה כאשר { $goal }.
playbook-goal-days = נספר בתוך ימים
playbook-goal-second_order = מגיעה ההזמנה השנייה
playbook-goal-third_order = מגיעה ההזמנה השלישית
playbook-goal-any_order = הם מזמינים שוב
playbook-goal-order_or_reached = הם מזמינים או שאדם משיג אותם
playbook-goal-task_done = המשימה של האדם בוצעה
playbook-settings = הגדרות
playbook-service = מעקב שירות: כל מי שמתאים מקבל אותו, ולכן אין לו קבוצת ביקורת.
playbook-control-percent = קבוצת ביקורת, אחוז מהמתאימים (0: בלי)
playbook-catch-up-days = בהפעלה, להגיע אחורה מספר ימים כזה (0: מעכשיו)
playbook-save = שמירה
playbook-try = לנסות על היום
playbook-try-intro = לראות מי ייכנס היום ומה יקרה לו, בלי לשלוח או לכתוב דבר.
playbook-try-now = מי ייכנס היום?
playbook-try-counts = היום ייכנסו { $treated } ו־{ $control } יישמרו כקבוצת ביקורת: { $messages } הודעות לנסות (הסכמה, מגבלות ושעות שקט נבדקות כשכל אחת יוצאת), { $tasks } משימות.
playbook-try-skipped = { $count } צעדים ידלגו (צעד רק לעשירון העליון לפי ערך, או שהתנאים כבר לא מתקיימים).
playbook-try-nobody = אף אחד לא ייכנס היום.
playbook-group = קבוצה
playbook-would = מה יקרה היום
playbook-group-treated = מטופלים
playbook-group-control = ביקורת
playbook-nothing-today = כלום היום (קבוצת ביקורת, או צעד שדולג)
playbook-report = מה זה שינה
playbook-goal-reached = הגיעו ליעד
playbook-revenue-per-customer = הכנסה ללקוח
playbook-unsubscribed = הסירו את עצמם
playbook-sent-done = { $messages } הודעות נשלחו, { $tasks } משימות בוצעו.
playbook-trigger-days-after-order = { $days ->
    [one] יום אחרי הזמנה
   *[other] { $days } ימים אחרי הזמנה
}
playbook-trigger-first-order-gap = הזמנה אחת עד עכשיו, וזמן ההמתנה הרגיל של החנות להזמנה שנייה בדיוק עבר
playbook-trigger-second-order-due = שתי הזמנות עד עכשיו, והבאה הגיעה בזמנה (לפי הקצב שלהם, אחרת של החנות) ואין מאז
playbook-trigger-losing-value = בין הלקוחות הטובים ביותר שקונים פחות משקנו
playbook-trigger-birthday = { $days ->
    [one] יום ההולדת מחר (או יום הפתיחה האחרון לפניו, כשהחנות סגורה)
   *[other] יום ההולדת בעוד { $days } ימים
}
playbook-trigger-date-attribute = התאריך „{ $attribute }” בעוד { $days } ימים
playbook-trigger-segment = הם מצטרפים לפלח „{ $segment }”
playbook-trigger-order-placed = מתקבלת הזמנה
playbook-trigger-rung-from = הם עולים בסולם מ־{ $from } ל־{ $to }
playbook-trigger-rung = הם מגיעים ל־{ $to } בסולם
playbook-trigger-state-from = המצב שלהם משתנה מ־{ $from } ל־{ $to }
playbook-trigger-state = המצב שלהם משתנה ל־{ $to }
playbook-trigger-interaction = נרשם איתם: { $kind }
playbook-trigger-referral = לקוח שהביאו מזמין לראשונה
playbook-trigger-club-joined = מצטרפים למועדון
playbook-trigger-tier-up = עולים דרגה במועדון
playbook-trigger-tier-down = יורדים דרגה במועדון
playbook-trigger-tier-up-to = עולים לדרגה „{ $tier }”
playbook-trigger-tier-down-to = יורדים לדרגה „{ $tier }”
playbook-trigger-points-expiring = { $days ->
    [one] חלק מהנקודות פגות מחר
    [two] חלק מהנקודות פגות בעוד יומיים
   *[other] חלק מהנקודות פגות בעוד { $days } ימים
}
playbook-trigger-manual = מופעל ידנית לרשימה נבחרת
playbook-if-no-event-buyers = לא קונה אירוע (מי שכל הזמנה שלו הייתה חד־פעמית)
playbook-if-min-rung = לפחות { $rung } בסולם
playbook-if-states = מצב: { $states }
playbook-if-segment = בפלח „{ $segment }”
playbook-if-min-clv = ערך ל־12 חודשים של לפחות { $value }
playbook-if-not-contacted = { $days ->
    [one] בלי הודעה ביום האחרון
   *[other] בלי הודעה ב־{ $days } הימים האחרונים
}
playbook-if-alone-in-goal = לא בתרחיש אחר עם אותו יעד
playbook-if-anyone = כל אחד
playbook-jump-next = להמשיך
playbook-jump-skip = { $count ->
    [one] לדלג על הצעד הבא
   *[other] לדלג על { $count } הצעדים הבאים
}
playbook-jump-end = לסיים
playbook-step-wait = { $days ->
    [one] לחכות יום.
   *[other] לחכות { $days } ימים.
}
playbook-step-wait-until = לחכות { $days } ימים, ואז להמשיך ב־{ $hour }:00.
playbook-step-message = לשלוח „{ $template }” ב{ $channel }.
playbook-step-message-else = לשלוח „{ $template }” ב{ $channel }, אחרת ב{ $fallback }.
playbook-step-task = { $days ->
    [0] לתת לאדם משימה: { $task }, לביצוע באותו יום.
    [one] לתת לאדם משימה: { $task }, לביצוע למחרת.
   *[other] לתת לאדם משימה: { $task }, לביצוע בתוך { $days } ימים.
}
playbook-step-script = עם התסריט „{ $template }”.
playbook-step-top-decile = רק לעשירון העליון לפי ערך; לשאר מדלגים.
playbook-step-tag = להוסיף את התגית „{ $tag }”.
playbook-step-give-points = { $points ->
    [one] לתת נקודה אחת („{ $reason }”); מי שאינו חבר מועדון מדולג.
   *[other] לתת { $points } נקודות („{ $reason }”); מי שאינו חבר מועדון מדולג.
}
playbook-step-give-perk = { $days ->
    [one] לתת { $perk } ליום אחד; מי שאינו חבר מועדון מדולג.
    [two] לתת { $perk } ליומיים; מי שאינו חבר מועדון מדולג.
   *[other] לתת { $perk } ל־{ $days } ימים; מי שאינו חבר מועדון מדולג.
}
playbook-step-referral-code = לשלוח את קוד ההפניה ב{ $channel }.
playbook-step-referral-code-else = לשלוח את קוד ההפניה ב{ $channel }, ואם לא אז ב{ $fallback }.
playbook-step-branch = אם הם { $test } מאז שהתחיל: { $yes }; אחרת { $no }.
playbook-branch-ordered = הזמינו
playbook-branch-answered = ענו
task-kind-call = שיחה
task-kind-letter = מכתב אישי
task-kind-visit = ביקור
task-why-second_to_third-call = שתי הזמנות והשלישית בזמנה: להתקשר ולשאול מה שלומם.
task-why-losing_value_call-call = לקוח מוביל שקונה פחות: להתקשר ולהקשיב.
task-why-complaint_apology-call = תלונה: להתקשר היום ולתקן.
task-why-complaint_apology-letter = תלונה: לשלוח מכתב התנצלות אישי.
task-outcome-reached = הושג
task-outcome-no_answer = אין מענה: מחר
task-outcome-wrong_number = מספר שגוי
task-outcome-ordered = הזמין
task-outcome-refused_contact = ביקש שלא ליצור קשר
task-outcome-sent = המכתב נשלח
today-intro = העבודה של הצוות להיום, קודם מה שבאיחור, אחר כך הלקוחות שהכי הרבה מונח על הכף אצלם. משימה שבוצעה, נדחתה או הועברה יוצאת מהרשימה שלך.
today-mine = המשימות שלי
today-shop = המשימות של החנות
today-none = אין מה לעשות היום.
today-overdue = { $count ->
    [one] יום באיחור
   *[other] { $count } ימים באיחור
}
today-due = לביצוע { $date }
today-value = שווה { $value } בשנה
today-consents = מסכים לשמוע ב{ $channels }
today-no-consent = אין הסכמה לשיווק
today-prefers = מעדיף { $channel }
today-script = מה לומר
today-note = הערה
today-snooze-until = לדחות עד
today-snooze = דחייה
today-give-to = להעביר אל
today-give = העברה
today-skip = דילוג
today-task-done = בוצע: זה בהיסטוריה של הלקוח.
today-task-snoozed = נדחה: יחזור ביום שבחרת.
today-task-skipped = דולג.
today-task-assigned = הועבר.
today-open-queue = { $count ->
    [one] לפתוח את התור של היום (משימה אחת)
   *[other] לפתוח את התור של היום ({ $count } משימות)
}
task-digest-subject = { $count ->
    [one] היום: משימה אחת בשבילך
   *[other] היום: { $count } משימות בשבילך
}
task-digest-intro = { $count ->
    [one] בוקר טוב. לקוח אחד מחכה לך היום:
   *[other] בוקר טוב. { $count } לקוחות מחכים לך היום, קודם מה שבאיחור:
}
task-digest-more = ועוד { $count }
task-digest-link = לפתוח את התור של היום: { $link }
today-choose = לבחור…
playbooks-no-goal = אין יעד למדידה
audit-action-playbook-changed = תרחיש הופעל, כובה או שונו הגדרותיו
audit-action-playbook-started = תרחיש הופעל ידנית ללקוחות נבחרים
audit-action-playbooks-evaluated = יום התרחישים הוערך
audit-action-club-rules-changed = כללי המועדון שונו
audit-action-club-joined = לקוח הצטרף למועדון
audit-action-club-enrolled = כל הלקוחות צורפו למועדון
audit-action-club-card-replaced = כרטיס של חבר מועדון הוחלף
audit-action-club-points-adjusted = נקודות מועדון נוספו או הופחתו ידנית
audit-action-club-points-redeemed = חבר מועדון מימש נקודות
audit-action-club-evaluated = המועדון הוערך: נקודות ודרגות
audit-action-task-changed = משימה בוצעה, נדחתה, דולגה או הועברה

## The club

club-points = { $count ->
        [one] נקודה אחת
        [two] שתי נקודות
       *[other] { $count } נקודות
    }
nav-club = מועדון
club-till = קופה
club-intro = החברים, הדרגות והנקודות שלהם. בקופה סורקים או מקלידים כרטיס כדי לראות את החבר ולממש נקודות:
club-redeemed = מומשו { $points }.
club-not-enough = אין מספיק נקודות: זמינות כעת { $points }.
club-points-whole = יש להזין מספר נקודות שלם.
club-card-or-phone = מספר כרטיס, טלפון, אימייל או מזהה לקוח
club-look-up = חיפוש
club-till-help = סורק מקליד את מספר הכרטיס ולוחץ Enter; הספרה האחרונה של מספר הכרטיס בודקת את האחרות.
club-redeem = מימוש נקודות
club-points-to-spend = נקודות למימוש
club-reference = קבלה או הזמנה (לא חובה)
club-members = חברים
club-active-members = { $count } הזמינו ב־12 החודשים האחרונים
club-revenue-share = חלק החברים בהכנסות
club-twelve-months = 12 החודשים האחרונים
club-liability = נקודות שטרם מומשו, בכסף
club-outstanding = { $points } שטרם מומשו
club-points-year = נקודות ב־12 החודשים האחרונים
club-issued = הוענקו
club-redeemed-total = מומשו
club-expired = פגו
club-redemption-rate = שיעור מימוש
club-third-members = רכישה שלישית: חברים
club-third-others = רכישה שלישית: לקוחות אחרים
club-tiers = דרגות
club-tier = דרגה
club-threshold = החל מ־(12 חודשים)
club-multiplier = נקודות
club-perks = הטבות
club-rules-summary = נקודות שנצברו ניתנות למימוש אחרי { $pending } ימים; חבר יורד דרגה רק אחרי { $grace } ימים מתחת לסף שלה.
club-member-blocked = החברות הזו חסומה: הכרטיס כבר לא פעיל.
club-balance = נקודות זמינות
club-pending = ממתינות
club-expiring = עומדות לפוג
club-expiring-on = { $points } ב־{ $day }
club-perk-free-shipping = משלוח חינם
club-perk-extended-warranty = אחריות מורחבת
club-perk-early-access = גישה מוקדמת
club-perk-birthday-gift = מתנת יום הולדת
club-perk-welcome-gift = מתנת הצטרפות
club-referral-code = קוד הפניה
club-statement = פירוט תנועות
club-when = מתי
club-movement = תנועה
club-points-column = נקודות
club-kind-earn = נצברו
club-kind-redeem = מומשו
club-kind-expire = פגו
club-kind-reverse = בוטלו (הזמנה הוחזרה)
club-kind-adjust = תיקון של הצוות
club-no-movements = עדיין אין נקודות.
club-replace-confirm = לחסום את הכרטיס הזה ולהנפיק מספר חדש?
club-replace-card = הכרטיס אבד: הנפקת כרטיס חדש
club-accepted-terms = הלקוח קרא ואישר את תקנון המועדון.
club-no-marketing-bundled = ההצטרפות אינה רושמת אותו לדיוור שיווקי; יש לשאול על כך בנפרד.
club-join = צירוף למועדון
club-not-a-member = לא חבר במועדון.
club-joined = צורף למועדון; מספר הכרטיס מוכן.
club-card-replaced = הונפק מספר כרטיס חדש; הישן חסום.
club-terms-needed = כדי להצטרף, הלקוח צריך לאשר את תקנון המועדון.
club-card-tier = חבר/ה בדרגת { $tier }
club-card-referral = הביאו חבר/ה עם הקוד שלכם: { $code }
club-card-terms = חבר/ה במועדון הלקוחות של { $shop }. הציגו את הכרטיס בקופה כדי לצבור ולממש נקודות.
club-card-title = כרטיס המועדון שלך
club-card-download = הורדת הכרטיס (PDF)
club-card-show-at-till = אפשר להציג את הדף הזה בקופה: הברקוד או קוד ה־QR הם הכרטיס שלך.
club-card-email = שליחת הכרטיס במייל
club-card-emailed = הכרטיס בדרך במייל.
club-card-email-again = הכרטיס הזה כבר נשלח במייל; מספר כרטיס חדש יישלח שוב.
club-card-email-skipped = לא ניתן לשלוח את הכרטיס במייל: אין כתובת מייל, או שהיא חסומה.
