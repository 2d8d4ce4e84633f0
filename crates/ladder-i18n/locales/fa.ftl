### Ladder's Persian messages. Numbers in placeables are written with Persian digits by the catalog.

app-name = Ladder

## Navigation

nav-dashboard = پیشخوان
nav-customers = مشتریان
nav-ladder = نردبان وفاداری
nav-segments = بخش‌ها
nav-import = درون‌ریزی
nav-settings = تنظیمات

## Session

sign-in = ورود
sign-out = خروج

## Counts

# $count (number): how many customers. A Persian noun after a number stays singular, so there is one form.
customers-count = { $count } مشتری

## The six rungs of the loyalty ladder

rung-suspect = مخاطب سرد
rung-prospect = مشتری بالقوه
rung-customer = مشتری
rung-repeat = مشتری بازگشتی
rung-loyal = مشتری وفادار
rung-advocate = حامی

## Customer states

state-active = فعال
state-at_risk = در معرض ریزش
state-lapsed = غیرفعال
state-lost = از دست رفته

## The web app: frame and navigation
nav-label = منوی اصلی
language = زبان
save = ذخیره
add = افزودن
yes = بله
no = خیر
back-home = بازگشت به پیشخوان
previous = قبلی
next = بعدی
pages = صفحه‌ها
page-past-end = صفحهٔ { $page } وجود ندارد: فهرست { $pages } صفحه دارد.
last-page = رفتن به صفحهٔ آخر
page-of = صفحهٔ { $page } از { $pages }
see-all = مشاهدهٔ همه

## Roles and permissions
role = نقش
role-owner = مالک
role-marketing = بازاریابی
role-sales = فروش
role-support = پشتیبانی
role-viewer = فقط مشاهده
permissions = هر نقش چه کارهایی می‌تواند انجام دهد
permission-view_customers = مشاهدهٔ مشتریان
permission-edit_customers = ویرایش مشتریان
permission-add_interactions = افزودن یادداشت و تماس
permission-view_reports = مشاهدهٔ درآمد و گزارش‌ها
permission-manage_segments = مدیریت بخش‌ها
permission-manage_campaigns = مدیریت کمپین‌ها
permission-import_data = درون‌ریزی داده‌ها
permission-manage_settings = تغییر تنظیمات
permission-manage_users = مدیریت کاربران
permission-use_api = استفاده از API
permission-view_audit = مشاهدهٔ سابقهٔ فعالیت‌ها
permission-adjust_points = افزودن یا کم کردن دستی امتیاز باشگاه
permission-erase_customers = حذف مشتریان و پاک کردن دادهٔ شخصی آنان

## Signing in and the first start
sign-in-title = ورود به فروشگاهتان
sign-in-failed = ایمیل یا رمز عبور اشتباه است.
email = ایمیل
password = رمز عبور
password-rule = دست‌کم ۱۰ کاراکتر.
password-too-short = رمز عبور باید دست‌کم ۱۰ کاراکتر باشد.
password-is-email = رمز عبور نمی‌تواند همان نشانی ایمیل باشد.
email-invalid = لطفاً یک نشانی ایمیل معتبر وارد کنید.
name = نام
setup-title = به Ladder خوش آمدید
setup-intro = هنوز هیچ حسابی ساخته نشده است. حساب مالک را بسازید؛ مالک بعداً می‌تواند اعضای تیم را اضافه کند.
setup-create = ساخت حساب مالک

## Errors
error-not-found = پیدا نشد
error-not-found-detail = در این نشانی چیزی نیست. شاید حذف شده باشد، یا پیوند اشتباه نوشته شده است.
error-forbidden = اجازه ندارید
error-forbidden-detail = نقش شما اجازهٔ این کار را نمی‌دهد. اگر به آن نیاز دارید، از مالک فروشگاه بخواهید.
error-forged = مهلت فرم تمام شده است
error-forged-detail = برای امنیت شما، این فرم پذیرفته نشد. به صفحهٔ قبل برگردید، صفحه را دوباره بارگیری کنید و دوباره امتحان کنید.
error-too-many = تلاش‌های بیش از حد
error-too-many-detail = تعداد ورودهای ناموفق بیش از حد است. ۱۵ دقیقه صبر کنید و دوباره امتحان کنید.
error-internal = مشکلی پیش آمد
error-internal-detail = سرور نتوانست این کار را تمام کند. چیزی تغییر نکرد؛ کمی بعد دوباره امتحان کنید.

## Dashboard
dashboard-title = پیشخوان
scored-as-of = ارزیابی تا تاریخ { $date }
scores-stale = از آن زمان داده‌های تازه‌ای ثبت شده است؛ ارزیابی را دوباره اجرا کنید
not-scored-yet = هنوز مشتریان ارزیابی نشده‌اند. `ladder score` را اجرا کنید.
ladder-funnel = نردبان وفاداری
states-title = خریداران چقدر فعال‌اند
state-none = هنوز سفارشی نداده‌اند
tiles-label = این ماه تا امروز
tile-revenue = درآمد این ماه
tile-orders = سفارش‌های این ماه
tile-average-order = میانگین سفارش
tile-repeat-rate = خریدارانی که برگشتند
tile-against-last-month = { $change } نسبت به ماه گذشته
tile-against-last-year = { $change } نسبت به یک سال پیش
tiles-help = این ماه تا روز ارزیابی، در برابر همان روزهای ماه گذشته و همان ماه در سال پیش. «برگشتند»: خریداران این ماه که پیش‌تر هم سفارش داده بودند.
contact-today = امروز با چه کسانی تماس بگیرید

# $count (number): how many orders. A Persian noun after a number stays singular, so there is one form.
orders-count = { $count } سفارش
last-order-on = آخرین سفارش: { $date }
third-purchase-title = راه رسیدن به خرید سوم
third-purchase-help = مشتریانی که سفارش سوم را می‌دهند خیلی بیشتر می‌مانند: قدمی که باید رویش کار کرد، رسیدن از سفارش دوم به سوم است.
order-number-1 = سفارش اول
order-number-2 = سفارش دوم
order-number-3 = سفارش سوم
conversion-from-previous = { $share } از مرحلهٔ قبل
rfm-title = مشتریان بر پایهٔ بخش RFM
customers = مشتریان
share = سهم
revenue = درآمد
why = چرا
event-buyers-title = خریداران مناسبتی و سفارش‌های یک‌باره
event-buyers-help = برای یک مناسبت خریده‌اند (لباس یک جشن) یا سفارششان یک‌باره علامت خورده است: بازگشتی برایشان پیش‌بینی نمی‌شود، برای خرید سوم پیگیری نمی‌شوند و کارزارها این خریدها را در پیشنهادهای دسته‌ای به حساب نمی‌آورند.
event-buyers-none = خریدار مناسبتی نیست.
losing-value-title = بهترین مشتریانی که ارزششان رو به کاهش است
losing-value-none = هیچ‌کدام از بهترین مشتریان در حال افت نیستند.
customer = مشتری
value-18m = مبلغ خرید در ۱۸ ماه گذشته
what-fell = چه چیزی کم شده
fell-orders = سفارش کمتر
fell-spend = مبلغ خرید کمتر
fell-orders-and-spend = سفارش کمتر و مبلغ خرید کمتر

## Customers
search = جست‌وجو
search-placeholder = نام، ایمیل، تلفن یا شناسه
any-rung = همهٔ پله‌ها
any-state = همهٔ وضعیت‌ها
any-segment = همهٔ بخش‌ها
any-consent = هر نوع رضایت
consents-to = موافق تماس از طریق { $channel }
country = کشور
tag = برچسب
clv-from = ارزش ۱۲ ماه آینده، از
clv-to = ارزش ۱۲ ماه آینده، تا
export-csv = خروجی CSV
contact = اطلاعات تماس
rung = پله
state = وضعیت
segment = بخش
orders = سفارش‌ها
spend = مبلغ خرید
clv = ارزش ۱۲ ماهه
last-order = آخرین سفارش
no-customers-match = هیچ مشتری‌ای پیدا نشد. با فیلترهای کمتری امتحان کنید.

## One customer
placement = جایگاه در نردبان
value = ارزش
p-alive = احتمال اینکه هنوز مشتری باشد
p-alive-short = هنوز مشتری
expected-next-order = زمان احتمالی سفارش بعدی
rfm = RFM
place = محل
tags = برچسب‌ها
tags-help = برچسب‌ها را با ویرگول از هم جدا کنید.
consent = رضایت
consent-unknown = پرسیده نشده
history = سابقه
no-history = هنوز تغییری ثبت نشده است.
change-rung = پله
change-state = وضعیت
one-off = خرید موردی
mark-one-off = خرید موردی: ترجیح به حساب نیاید
unmark-one-off = دوباره خرید عادی به حساب آید
no-orders = هنوز سفارشی ثبت نشده است.
interactions = یادداشت‌ها و تماس‌ها
interaction-kind = نوع
note = یادداشت
note-placeholder = چه اتفاقی افتاد؟
no-interactions = هنوز چیزی ثبت نشده است.
customer-saved = ذخیره شد. نمایه در پایین تغییر را نشان می‌دهد.
customer-created = مشتری افزوده شد. نخستین سفارش یا یادداشتی را در پایین بیفزایید.
order-saved = سفارش ذخیره شد؛ جایگاه مشتری در نردبان به‌روز شد.
interaction-saved = به تعامل‌ها افزوده شد.
one-off-saved = ذخیره شد. سفارش یک‌باره در ترجیحات کالا و پیشنهادهای دسته‌ای به حساب نمی‌آید.
add-customer = افزودن مشتری
new-customer = مشتری جدید
customer-id = شناسهٔ مشتری
customer-id-help = شناسهٔ ثابت خودتان برای این شخص، همان که صندوق یا فروشگاه اینترنتی می‌شناسد.
customer-kind = شخص یا کسب‌وکار
customer-kind-person = شخص
customer-kind-business = کسب‌وکار
industry = صنعت
address = نشانی
region = استان یا منطقه
birthday = زادروز
birthday-help = سال-ماه-روز به تقویم شمسی (مثلاً ۱۳۶۴-۰۱-۲۳)، یا MM-DD-- میلادی بدون سال.
profession = شغل
income-band = سطح درآمد
referred-by = معرفی‌شده از سوی (شناسهٔ مشتری)
custom-fields = فیلدهای دلخواه
custom-fields-help = هر سطر یک فیلد: نام: مقدار.
known-since = آشنا از
brought-by = معرفی‌شده از سوی
brought = معرفی کرده است
consent-given = { $when }، { $where }
consent-history = تغییرهای رضایت
consent-ledger = دفتر رضایت‌ها (با مدرک)
consent-purpose-marketing = پیشنهادها
consent-purpose-newsletter = خبرنامه
consent-action-grant = داده شد
consent-action-withdraw = پس گرفته شد
consent-action-confirm = تأیید شد
consent-method-form = فرم وب
consent-method-checkout = هنگام پرداخت
consent-method-import = از فایل
consent-method-staff = توسط کارکنان
consent-method-api = سامانهٔ فروشگاه (API)
consent-method-reply-stop = پاسخ لغو
consent-method-one-click = لغو با یک کلیک
consent-method-preference-page = صفحهٔ ترجیحات
consent-method-complaint = شکایت
consent-method-merge = ادغام دو پرونده
consent-basis-consent = رضایت صریح
consent-basis-existing-customer = استثنای مشتری فعلی
consent-basis-imported = سوابق خود فروشگاه
messages-sent = پیام‌ها
outbox-status-queued = در انتظار ارسال
outbox-status-held = نگه‌داشته تا زمانش
outbox-status-sending = در حال ارسال
outbox-status-sent = فرستاده شد
outbox-status-skipped = فرستاده نشد
outbox-status-failed = ناموفق
outbox-status-bounced = برگشت خورد
outbox-reason-no-consent = رضایت ندارد
outbox-reason-no-address = در این کانال نشانی ندارد
outbox-reason-address-blocked = نشانی مسدود است (برگشت یا شکایت)
outbox-reason-no-first-name = نام ندارد
outbox-reason-no-last-name = نام خانوادگی ندارد
outbox-reason-no-name = نامی ندارد
outbox-reason-no-last-purchase = هنوز خریدی ندارد
outbox-reason-no-recommended-product = محصولی برای پیشنهاد نیست
outbox-reason-no-attributes = یک فیلد سفارشی کم است
outbox-reason-no-shop = نام فروشگاه تنظیم نشده
message-footer-unsubscribe = لغو اشتراک
message-footer-preferences = انتخاب‌های شما
message-sms-refusal = برای لغو، «لغو» را بفرستید – { $shop }
outbox-reason-contacted-recently = به‌تازگی در این کانال پیام گرفته است
outbox-reason-cap-reached = سقف پیام‌های تبلیغاتی پر شده است
outbox-reason-in-recovery = شکایت در حال رسیدگی است: تا پایان آن پیشنهادی فرستاده نمی‌شود
outbox-reason-quiet-hours = در انتظار پایان ساعات سکوت
outbox-reason-closed-day = در انتظار یک روز کاری
outbox-reason-recent-purchase = در انتظار: همین چند روز پیش خرید کرده است
outbox-reason-waiting-for-the-cap = در انتظار آزاد شدن سقف پیام‌ها
outbox-reason-consent-withdrawn = رضایت از آن پس پس گرفته شده است
outbox-reason-customer-gone = مشتری حذف شده است
outbox-reason-no-template = قالب برای این کانال نسخه‌ای ندارد
add-order = افزودن سفارش
order-id = شناسهٔ سفارش
order-id-help = برای شناسهٔ تازه خالی بگذارید؛ شناسهٔ یکی از سفارش‌های این مشتری آن سفارش را جایگزین می‌کند.
ordered-on = تاریخ
order-code = کد کارزار
order-line-sku = کد کالا
order-line-name = کالا
order-line-quantity = تعداد
order-line-price = قیمت واحد
save-order = ذخیرهٔ سفارش
one-off-help = سفارش‌های یک‌باره (هدیه، لباس یک مهمانی) خرید به شمار می‌آیند، اما در ترجیحات کالا و پیشنهادهای دسته‌ای حساب نمی‌شوند.
event-buyer = خریدار مناسبتی
event-buyer-help = همهٔ سفارش‌ها یک‌باره علامت خورده‌اند: سفارش بعدی و ارزش ۱۲ ماهه پیش‌بینی نمی‌شود و برای خرید سوم پیگیری نمی‌شود.
customer-merged = یکی شد: تاریخچهٔ هر دو اینجاست، شناسهٔ دیگر اکنون به این مشتری می‌رسد و در هر کانال رضایتِ سخت‌گیرانه‌ترِ آن دو ماند.
customer-deleted = مشتری همراه با سفارش‌هایش حذف شد.
customer-erased = دادهٔ شخصی مشتری پاک شد؛ سفارش‌ها بی‌نام می‌مانند و ایمیل و تلفن او از پیام‌های آینده کنار گذاشته می‌شوند.
duplicates-and-privacy = تکراری‌ها و حریم خصوصی
merge-label = مشتری تکراری با این شناسه را در این مشتری ادغام کن
merge-button = ادغام
merge-help = سفارش‌ها، تعامل‌ها و تاریخچهٔ هر دو می‌مانند؛ فیلدی که این مشتری ندارد از دیگری گرفته می‌شود؛ «نه» به هر کانالی از هر کدام پابرجا می‌ماند. شناسهٔ دیگر در فایل‌ها و API همچنان کار می‌کند.
merge-confirm = مشتری دیگر در این مشتری ادغام شود؟ این کار برگشت‌پذیر نیست.
export-data = دریافت همهٔ داده‌های نگه‌داشته‌شده دربارهٔ این مشتری (JSON)
erase-customer = پاک کردن دادهٔ شخصی
delete-customer = حذف همراه با سفارش‌ها
erase-confirm = دادهٔ شخصی این مشتری پاک شود؟ سفارش‌ها بی‌نام می‌مانند. این کار برگشت‌پذیر نیست.
delete-confirm = این مشتری و همهٔ سفارش‌هایش حذف شوند؟ این کار برگشت‌پذیر نیست.
erase-help = پاک کردن پاسخ به درخواستی بر پایهٔ قانون حریم خصوصی است: نام، راه‌های تماس، فیلدهای دلخواه، برچسب‌ها، رضایت‌ها و یادداشت‌ها پاک می‌شوند؛ سفارش‌ها با شناسه‌ای بی‌نام برای آمار فروشگاه می‌مانند. حذف، رکوردی را که به اشتباه ساخته شده همراه با سفارش‌ها برمی‌دارد.
edit-profile = ویرایش مشخصات
first-name = نام
last-name = نام خانوادگی
company = شرکت
phone = تلفن
city = شهر
preferred-language = زبان ترجیحی
preferred-channel = کانال ارتباطی ترجیحی
status-cancelled = لغوشده
status-refunded = وجه بازگردانده‌شده
status-completed = تکمیل‌شده

## Ladder
ladder-title = نردبان وفاداری
ladder-intro = چه کسی روی هر پله ایستاده است و چه کاری به او کمک می‌کند بالاتر برود.
playbook = چه باید کرد
playbook-suspect = می‌شناسیدشان ولی ساکت‌اند: دعوتشان کنید ثبت‌نام کنند یا سری بزنند.
playbook-prospect = علاقه‌مندند: یک پیشنهاد برای اولین سفارش، فقط یک بار، از همان راهی که خودشان انتخاب کرده‌اند.
playbook-customer = یک سفارش: بپرسید محصول چطور بوده و یک خرید دوم مناسب پیشنهاد دهید.
playbook-repeat = دو سفارش: سفارش سوم آن‌ها را مشتری وفادار می‌کند؛ چیز تازه‌ای برای امتحان پیشنهاد دهید.
playbook-loyal = مشتریان وفادار: از آن‌ها تشکر کنید، خبرها را اول به آن‌ها بدهید و هرگز با پیام‌های پشت‌سرهم خسته‌شان نکنید.
playbook-advocate = دوستانشان را می‌آورند: شخصاً از آن‌ها تشکر کنید و معرفی کردن را برایشان آسان کنید.

## Settings
api-tokens = توکن‌های API
api-tokens-help = با توکن‌ها، سامانه‌های فروشگاهتان می‌توانند با دسترسی‌های شما از JSON API استفاده کنند. شرح API در این نشانی است:
api-token-created = همین حالا توکن را کپی کنید؛ دیگر نمایش داده نمی‌شود:
no-tokens = هنوز توکنی ساخته نشده است.
token-name = کاربرد توکن
token-valid-through = معتبر تا (اختیاری)
token-expires = معتبر تا
token-no-expiry = تا زمان لغو
token-expiry-past = توکن نمی‌تواند در روزی که گذشته است منقضی شود.
own-password = گذرواژهٔ شما
current-password = گذرواژهٔ کنونی
new-password = گذرواژهٔ تازه
change-password = تغییر گذرواژه
password-changed = گذرواژهٔ شما تغییر کرد؛ نشست‌های دیگر شما بسته شدند.
password-wrong = گذرواژهٔ کنونی درست نیست.
create-token = ساخت توکن
created = تاریخ ساخت
last-used = آخرین استفاده
revoke = باطل کردن
token-revoked = توکن باطل شد.
users = کاربران
enabled = اجازهٔ ورود
add-user = افزودن کاربر
user-added = کاربر اضافه شد.
user-changed = تغییرات کاربر ذخیره شد.
user-exists = کاربری با این ایمیل از قبل وجود دارد.
user-email-invalid = لطفاً یک نشانی ایمیل معتبر وارد کنید.
user-role-invalid = لطفاً یک نقش انتخاب کنید.
user-last-owner = فروشگاه دست‌کم به یک مالک نیاز دارد که بتواند وارد شود.
audit-log = سابقهٔ فعالیت‌ها
when = زمان
who = چه کسی
what = چه کاری
target = موضوع

## Lifecycle, segments, channels, interactions
stage-reach = آشنایی
stage-acquisition = جذب
stage-development = رشد
stage-retention = نگهداشت
stage-advocacy = حمایت
segment-champions = قهرمانان
segment-loyal = وفاداران
segment-potential_loyalist = وفاداران بالقوه
segment-new = مشتریان جدید
segment-promising = امیدبخش
segment-need_attention = نیازمند توجه
segment-about_to_sleep = در آستانهٔ خواب
segment-cant_lose = نباید از دستشان داد
segment-at_risk = در معرض خطر
segment-hibernating = در خواب زمستانی
channel-email = ایمیل
channel-sms = SMS
channel-phone = تلفن
channel-mail = پست
channel-fax = فکس
interaction-inquiry = استعلام
interaction-sign_up = ثبت‌نام
interaction-visit = بازدید
interaction-click = کلیک
interaction-call = تماس تلفنی
interaction-email = ایمیل
interaction-meeting = جلسه
interaction-referral = معرفی
interaction-complaint = شکایت
interaction-feedback = بازخورد
interaction-recommendation = توصیه
interaction-note = یادداشت

## Segments
segments-intro = بخش مجموعه‌ای ذخیره‌شده از فیلترهاست. اعضای آن همیشه مشتریانی هستند که همین حالا با فیلترها جور درمی‌آیند؛ پس وقتی مشتریان روی نردبان جابه‌جا می‌شوند، بخش خودبه‌خود به‌روز می‌ماند.
segments-saved-title = بخش‌های ذخیره‌شده
segments-name = نام
segments-text = متن
segments-filters = فیلترها
segments-members = اعضای کنونی
segments-edit = ویرایش
segments-delete = حذف
segments-delete-confirm = بخش { $name } حذف شود؟ خود مشتریان تغییری نمی‌کنند.
segments-none = هنوز بخشی ندارید. یکی را در پایین بسازید و ذخیره کنید.
segments-new = بخش جدید
segments-edit-title = ویرایش { $name }
segments-live-count = تعداد مطابق در این لحظه:
segments-count = شمارش
segments-name-placeholder = برای نمونه: مشتریان وفاداری که با دریافت ایمیل موافق‌اند
segments-see-members = نمایش مشتریان
segments-everyone = همهٔ مشتریان
segments-saved = بخش ذخیره شد.
segments-deleted = بخش حذف شد.
segments-name-missing = برای بخش یک نام بنویسید.
segments-name-too-long = نام حداکثر می‌تواند ۱۰۰ کاراکتر داشته باشد.
segments-name-taken = بخشی با این نام از قبل وجود دارد؛ نام دیگری انتخاب کنید.
segments-filter-invalid = یکی از فیلترها مقداری دارد که Ladder آن را نمی‌شناسد. آن را دوباره از فهرست انتخاب کنید.
segments-value-invalid = حدها را به‌صورت عدد ساده بنویسید، مثلاً ۲۵۰۰٫۵۰، و مقدار کمتر را اول بیاورید.

## Import
import-title = درون‌ریزی فایل‌های CSV
import-upload-title = بارگذاری فایل
import-intro = Ladder پیش از هر چیز همهٔ ردیف‌ها را بررسی می‌کند و نشان می‌دهد درون‌ریزی چه خواهد کرد. تا وقتی دکمهٔ «درون‌ریزی» را نزنید، چیزی نوشته نمی‌شود.
import-kind = محتوای فایل
import-kind-customers = مشتریان
import-kind-orders = سفارش‌ها
import-kind-interactions = یادداشت‌ها و تماس‌ها
import-file = فایل CSV
import-file-help = با کدگذاری UTF-8 و یک ردیف سرستون، حداکثر { $megabytes } مگابایت.
import-check = بررسی فایل
import-columns-title = ستون‌ها
import-columns-required = الزامی:
import-columns-optional = اختیاری:
import-columns-orders-note = هر ردیف یک قلم از یک سفارش است.
import-columns-custom = هر ستون دیگری به‌عنوان فیلد دلخواه (اضافی) نگه داشته می‌شود.
import-order-hint = اول مشتریان را درون‌ریزی کنید: سفارش‌ها و یادداشت‌ها با customer_id به آن‌ها اشاره می‌کنند.
import-report-title = بررسی { $name }
import-nothing-written = هنوز چیزی نوشته نشده است.
import-result-title = درون‌ریزی { $name }
import-done = انجام شد: { $count } ردیف افزوده یا به‌روز شد.
import-rows-read = ردیف‌های خوانده‌شده
import-would-insert = افزوده می‌شوند
import-would-update = تغییر می‌کنند
import-inserted = افزوده شد
import-updated = تغییر کرد
import-unchanged = از قبل به‌روز
import-rejected = دارای مشکل
import-bad-rows = ردیف‌های دارای مشکل
import-bad-rows-shown = { $shown } ردیف نخست از { $count } ردیف دارای مشکل نمایش داده شده است.
import-line = خط
import-column = ستون
import-value = مقدار
import-problem = مشکل
import-all-or-nothing = درون‌ریزی یا به‌طور کامل انجام می‌شود یا اصلاً انجام نمی‌شود: تا وقتی ردیف‌هایی مشکل دارند، هیچ‌چیز درون‌ریزی نمی‌شود، مگر اینکه صرف‌نظر کردن از آن‌ها را انتخاب کنید. می‌توانید فایل را هم اصلاح کنید و دوباره بررسی کنید.
import-skip-invalid = ردیف‌های درست درون‌ریزی شوند و از { $count } ردیف دارای مشکل صرف‌نظر شود
import-all-valid =
    { $count ->
        [1] تنها ردیف فایل درست است.
       *[other] همهٔ { $count } ردیف درست است.
    }
import-run = درون‌ریزی
import-no-rows = فایل هیچ ردیف داده‌ای ندارد.
import-no-valid-rows = هیچ ردیفی از این فایل قابل درون‌ریزی نیست. فایل را اصلاح کنید و دوباره بررسی کنید.
import-rescore = ارزیابی هنوز داده‌های تازه را در بر نمی‌گیرد.
import-rescore-ask = از مالک فروشگاه بخواهید ارزیابی را دوباره اجرا کند، یا `ladder score` را اجرا کنید.
import-missing-columns = ردیف سرستون این ستون‌های الزامی را ندارد: { $missing }. ستون‌های موجود: { $found }.
import-unreadable = فایل را نمی‌توان به‌صورت CSV خواند: { $message }
import-unreadable-line = خط { $line } را نمی‌توان به‌صورت CSV خواند: { $message }
import-invalid-row = خط { $line }، ستون { $column }، مقدار «{ $value }»: { $problem } هیچ‌چیز درون‌ریزی نشد.
import-choose-kind = مشخص کنید فایل چه چیزی دارد.
import-no-file = یک فایل CSV برای بارگذاری انتخاب کنید؛ فایل انتخاب‌شده خالی است.
import-too-large = حجم فایل بیش از { $megabytes } مگابایت است. آن را به چند فایل کوچک‌تر تقسیم کنید، یا روی سرور با `ladder import` درون‌ریزی کنید.
import-upload-gone = فایل بارگذاری‌شده دیگر نگه داشته نمی‌شود: فایل‌ها فقط یک ساعت می‌مانند. دوباره آن را بارگذاری کنید.

## Shop settings
settings-account = حساب و کاربران
nav-shop-settings = تنظیمات فروشگاه
shop-read-only = فقط مالک فروشگاه می‌تواند این تنظیمات را تغییر دهد.
shop-currency-title = واحد پول
shop-field-currency = واحد پول فروشگاه
shop-help-currency = کد سه‌حرفی ISO 4217، برای نمونه IRR (ریال). مبلغ خرید مشتریان و درآمد فقط از سفارش‌هایی با این واحد پول حساب می‌شود. اگر قیمت‌هایتان به تومان است، پیش از درون‌ریزی آن‌ها را به ریال تبدیل کنید.
shop-model-title = وضعیت‌ها بر پایهٔ مدل خرید
shop-model-intro = وقتی مشتریان بازگشتی به اندازهٔ کافی باشند، Ladder برای هر خریدار احتمال اینکه هنوز مشتری باشد، یعنی P(alive)، را برآورد می‌کند و وضعیت را از روی آن تعیین می‌کند.
shop-field-active_p_alive = فعال از P(alive)
shop-help-active_p_alive = فعال، وقتی احتمال دست‌کم این مقدار باشد، بین ۰ و ۱ (پیش‌فرض ۰٫۶).
shop-field-at_risk_p_alive = در معرض ریزش از P(alive)
shop-help-at_risk_p_alive = در معرض ریزش، وقتی دست‌کم این مقدار و کمتر از آستانهٔ فعال باشد (پیش‌فرض ۰٫۳).
shop-field-lapsed_p_alive = غیرفعال از P(alive)
shop-help-lapsed_p_alive = غیرفعال، وقتی دست‌کم این مقدار و کمتر از آستانهٔ در معرض ریزش باشد؛ کمتر از آن، از دست رفته (پیش‌فرض ۰٫۱).
shop-field-min_repeat_customers = مشتریان بازگشتی لازم برای مدل
shop-help-min_repeat_customers = اگر مشتریانی که در دو روز مختلف سفارش داده‌اند کمتر از این باشند، وضعیت‌ها از روی زمان گذشته از آخرین سفارش تعیین می‌شود (پیش‌فرض ۳۰).
shop-recency-title = وضعیت‌ها بر پایهٔ زمان گذشته از آخرین سفارش
shop-recency-intro = بدون مدل، و برای خریدارانی که فقط در یک روز سفارش داده‌اند، وضعیت از مقایسهٔ روزهای گذشته از آخرین سفارش با فاصلهٔ معمول مشتری میان سفارش‌ها به دست می‌آید، یا با فاصلهٔ معمول فروشگاه از سفارش اول تا دوم.
shop-field-at_risk_gaps = در معرض ریزش پس از (چند فاصله)
shop-help-at_risk_gaps = در معرض ریزش، وقتی روزهای گذشته از آخرین سفارش از این تعداد فاصله بیشتر شود (پیش‌فرض ۲).
shop-field-lapsed_gaps = غیرفعال پس از (چند فاصله)
shop-help-lapsed_gaps = غیرفعال، وقتی از این تعداد فاصله بیشتر شود (پیش‌فرض ۳).
shop-field-lost_gaps = از دست رفته پس از (چند فاصله)
shop-help-lost_gaps = از دست رفته پس از این تعداد فاصله یا تعداد روزهای زیر، هر کدام دیرتر باشد (پیش‌فرض ۶).
shop-field-lost_min_days = از دست رفته دست‌کم پس از (روز)
shop-help-lost_min_days = هیچ مشتری‌ای زودتر از این از دست رفته حساب نمی‌شود (پیش‌فرض ۳۶۵).
shop-save-help = آستانه‌های تازه از ارزیابی بعدی به کار می‌روند.
shop-saved = تنظیمات ذخیره شد. برای جای دادن مشتریان با این تنظیمات، همین حالا ارزیابی را اجرا کنید.
shop-scoring-title = ارزیابی مشتریان
shop-not-scored = هنوز مشتریان ارزیابی نشده‌اند.
shop-score-now = ارزیابی همین حالا
shop-score-help = هر مشتری را با آستانه‌های ذخیره‌شده و تا امروز روی نردبان جای می‌دهد. در فروشگاه بزرگ کمی طول می‌کشد.
shop-scored =
    { $count ->
        [1] ارزیابی انجام شد: یک مشتری روی نردبان جای گرفت.
       *[other] ارزیابی انجام شد: { $count } مشتری روی نردبان جای گرفتند.
    }
shop-problem-number = در «{ $field }» باید یک عدد بنویسید.
shop-problem-currency = «{ $code }» کد پول ISO 4217 نیست؛ مانند IRR یا USD.
shop-problem-probability = «{ $field }» باید بین ۰ و ۱ باشد.
shop-problem-positive = «{ $field }» باید بیشتر از ۰ باشد.
shop-problem-above = «{ $field }» نباید بیشتر از «{ $limit }» باشد.

## Movement on the ladder
movement-title = جابه‌جایی در نردبان
movement-since = از تاریخ
show = نمایش
movement-from = از
movement-to = به
movement-count = جابه‌جایی‌ها
movement-new = تازه جای‌گرفته
movement-none = در این بازه کسی جابه‌جا نشده است.
ladder-moved-in = ورود در ۳۰ روز اخیر: { $count }
ladder-moved-out = خروج: { $count }

## Reports

nav-reports = گزارش‌ها
cohorts-title = گروه‌های ماهانه: چه کسانی به خرید ادامه می‌دهند
cohorts-first-order = اولین سفارش
cohorts-size = مشتریان
cohorts-months-since = ماه‌های پس از اولین سفارش
cohorts-help = هر ردیف مشتریانی است که اولین سفارششان در آن ماه بوده است؛ هر خانه سهم کسانی از آن‌هاست که همان تعداد ماه بعد دوباره سفارش داده‌اند.
cohorts-none = هنوز گروهی نیست: گروه‌ها پس از ارزیابی سفارش‌ها نمایش داده می‌شوند.
third-by-cohort-title = خرید سوم بر پایهٔ ماه نخستین سفارش
third-by-cohort-help = از مشتریانی که نخستین سفارششان در هر ماه بوده: سهم کسانی که سفارش دوم و سوم دادند و میانهٔ روزهای میان آن‌ها. ماه‌های اخیر فرصت کمتری داشته‌اند.
third-by-campaign-title = خرید سوم بر پایهٔ کارزار نخستین سفارش
third-by-campaign-help = کدام کارزارها مشتریانی می‌آورند که برمی‌گردند: سهم مشتریانشان با سفارش دوم و سوم.
first-campaign = کارزار نخستین سفارش
no-campaign = بدون کد کارزار
days-to-second = روز تا سفارش دوم
days-second-to-third = روز از دوم تا سوم
clv-title = مشتریان بر پایهٔ ارزش ۱۲ ماهه
clv-range = { $from } تا { $to }
clv-range-open = { $from } و بیشتر
clv-help = مبلغی که انتظار می‌رود هر مشتری در ۱۲ ماه آینده خرج کند، بر پایهٔ آخرین ارزیابی.
clv-none = هنوز هیچ مشتری ارزش ۱۲ ماهه ندارد.

## Orders and products in filters
orders-from = تعداد سفارش از
orders-to = تعداد سفارش تا
product-or-category = محصول (کد کالا) یا دسته
moved-from = از { $rung }
moved-to = به { $rung }

## Campaigns

nav-campaigns = کمپین‌ها
campaigns-title = کمپین‌ها
campaigns-intro = هر کمپین چقدر خرج برداشت و چه آورد، چه کسانی را با چه هزینه‌ای جذب کرد — و آیا این مشتریان برای سفارش دوم و سوم برگشتند. همهٔ عددها از روی سفارش‌ها و هزینه‌ها حساب می‌شوند.
campaigns-as-of = شمردن سفارش‌ها تا
campaigns-show = نمایش
campaigns-none = هنوز کمپینی ندارید. یک کمپین با کدهایی که روی سفارش‌هایش می‌آید بسازید تا نتیجه‌هایش اینجا نمایش داده شود.
campaigns-help = ROI = (درآمد − هزینه) ÷ هزینه. کمپین مشتری‌ای را جذب می‌کند که اولین سفارشش (یا ثبت‌نامش) در بازهٔ زمانی کمپین، کد آن را داشته باشد.
campaigns-charts-help = جذب ارزان وقتی کسی برنمی‌گردد ارزش چندانی ندارد: هزینهٔ هر مشتری جذب‌شده را با سهم کسانی که به سفارش سوم رسیده‌اند و با ارزش پیش‌بینی‌شده‌شان مقایسه کنید.
campaign-new = کمپین جدید
campaign-create = ساخت کمپین
campaign-edit = ویرایش کمپین
campaign-name = کمپین
campaign-cost = هزینه
campaign-revenue = درآمد
campaign-responses = پاسخ‌ها
campaign-sales = فروش‌ها
campaign-roi = ROI
campaign-roi-none = هزینه‌ای ثبت نشده
campaign-acquired = مشتریان جذب‌شده
campaign-cpa = هزینهٔ هر مشتری جذب‌شده
campaign-second-order = به سفارش دوم رسیدند
campaign-third-order = به سفارش سوم رسیدند
campaign-third-order-title = مشتریان جذب‌شده‌ای که به سفارش سوم رسیدند
campaign-value-per-acquired = ارزش ۱۲ ماههٔ پیش‌بینی‌شده برای هر مشتری جذب‌شده
# $budget (string): the budget, formatted.
campaign-of-budget = از بودجهٔ { $budget }
# $value (string): the expected figure, formatted.
campaign-expected-short = هدف: { $value }
campaign-expected = مورد انتظار
campaign-actual = واقعی
campaign-versus-title = هدف و عملکرد
campaign-quality-title = مشتریان جذب‌شده پس از آن چه کردند
campaign-quality-help = کمپینی که خریداران یک‌بارهٔ یک رویداد را می‌آورد، کمتر از کمپینی می‌ارزد که مشتریان همیشگی می‌آورد.
campaign-revenue-12m = درآمد در ۱۲ ماه نخستشان
campaign-clv = ارزش ۱۲ ماههٔ پیش‌بینی‌شده
# $value (string): an amount, formatted.
campaign-per-customer = { $value } برای هر مشتری
campaign-rungs-title = مشتریان جذب‌شده اکنون روی کدام پله‌اند
# $count (number): acquired customers the last scoring has not placed yet. A Persian noun after a number
# stays singular, so there is one form.
campaign-unscored = { $count ->
    [1] یک مشتری جذب‌شده هنوز ارزیابی نشده است.
   *[other] { $count } مشتری جذب‌شده هنوز ارزیابی نشده‌اند.
}
campaign-weeks-title = درآمد شمرده‌شده در گذر زمان
# $date (string): the first day of the week.
campaign-week-of = هفتهٔ { $date }
campaign-weeks-none = کمپین هنوز شروع نشده است.
campaign-acquired-title = مشتریانی که کمپین آورد
campaign-reactivated = بازگردانده‌شده
campaign-reactivated-help = مشتریان خاموشی که با کد آن دوباره سفارش دادند
campaign-reactivated-title = مشتریان خاموشی که بازگرداند
campaign-reactivated-none = هیچ مشتری خاموشی در بازهٔ آن با کدهایش سفارش نداد. کارزار بازگردانی این‌جا سنجیده می‌شود: مشتریان در خطر یا ازدست‌رفته — بیش از دو برابر فاصلهٔ همیشگی‌شان، و دست‌کم ۶۰ روز، بی سفارش — که با یک کد دوباره سفارش دادند.
campaign-days-quiet = روزهای بی سفارش
campaign-acquired-none = کمپین هنوز کسی را جذب نکرده است.
campaign-acquired-csv = دریافت همه به‌صورت CSV
campaign-customer = مشتری
campaign-how = چگونه
campaign-on = تاریخ
campaign-orders = سفارش‌ها
campaign-rung-now = پلهٔ کنونی
campaign-not-scored = هنوز ارزیابی نشده
campaign-by-signup = با این کد ثبت‌نام کرد
# $order (string): the order's id.
campaign-by-order = اولین سفارش { $order }
# $count (number): rows not shown. A Persian noun after a number stays singular, so there is one form.
campaign-more = و { $count } ردیف دیگر.
campaign-counted-title = سفارش‌های شمرده‌شده
campaign-counted-none = هنوز هیچ سفارشی با کدهای کمپین شمرده نشده است.
campaign-excluded-title = سفارش‌های کددار که شمرده نشدند
campaign-excluded-none = هیچ‌کدام.
campaign-why-not = چرا شمرده نشد
campaign-excluded-outside_window = بیرون از بازهٔ زمانی کمپین
campaign-excluded-refunded = وجه بازگردانده‌شده
campaign-excluded-cancelled = لغوشده
campaign-order = سفارش
campaign-amount = مبلغ
campaign-costs-title = هزینه‌ها
campaign-costs-none = هنوز هزینه‌ای ثبت نشده است: تا هزینه‌ای ثبت نشود، ROI را نمی‌توان حساب کرد.
campaign-cost-note = بابت
campaign-cost-total = هزینهٔ واقعی
campaign-cost-add = افزودن هزینه
campaign-costs-import-title = درون‌ریزی هزینه‌ها از فایل CSV
campaign-costs-import-help = هر ردیف یک هزینه: شناسهٔ کمپین، تاریخ میلادی به شکل YYYY-MM-DD با رقم‌های لاتین (مثلاً 2026-11-23، نه تاریخ شمسی)، مبلغ به واحد پول فروشگاه و یک یادداشت اختیاری. یا همهٔ ردیف‌ها افزوده می‌شوند یا هیچ‌کدام؛ ردیف‌هایی که از قبل ثبت شده‌اند دوباره افزوده نمی‌شوند، پس می‌توانید یک فایل را بی‌خطر دو بار درون‌ریزی کنید.
campaign-costs-import = درون‌ریزی هزینه‌ها
# $added (number): costs added; $already (number): rows already recorded. A Persian noun after a number
# stays singular, so there is one form.
campaign-costs-imported = { $added } هزینه افزوده شد؛ { $already } مورد از قبل ثبت شده بود.
campaign-saved = کمپین ذخیره شد.
campaign-cost-added = هزینه افزوده شد.
campaign-codes = کدها
campaign-target = مخاطبان هدف
# $days (number): days after the end; $date (string): the last day orders count.
campaign-window = سفارش‌ها تا { $date } شمرده می‌شوند ({ $days } روز پس از پایان)
campaign-window-open = باز: پایانی تعیین نشده
campaign-no-currency = فروشگاه هنوز واحد پول ندارد: اول سفارش‌ها را درون‌ریزی کنید، یا واحد پول را در تنظیمات فروشگاه تعیین کنید.
# $id (string): the campaign id.
campaign-id-taken = کمپینی با شناسهٔ { $id } از قبل وجود دارد؛ برای تغییرش آن را باز کنید، یا شناسهٔ دیگری انتخاب کنید.
# $field (string): the field's name; $value (string): what was typed; $problem (string): what is wrong.
campaign-field-invalid = { $field } («{ $value }»): { $problem }
campaign-help-codes = کدهای تخفیف یا UTM که روی سفارش‌ها و ثبت‌نام‌های این کمپین می‌آیند، جداشده با ویرگول؛ بزرگی و کوچکی حروف در مقایسه مهم نیست.
campaign-field-id = شناسه
campaign-field-name = نام
campaign-field-kind = نوع
campaign-field-channel = کانال
campaign-field-status = وضعیت
campaign-field-starts = روز شروع
campaign-field-ends = روز پایان
campaign-field-codes = کدها
campaign-field-window_days = چند روز پس از پایان، سفارش‌ها هنوز شمرده شوند
campaign-field-target_segment = بخش هدف
campaign-field-target_size = اندازهٔ مخاطبان هدف
campaign-field-budget = بودجه
campaign-field-expected_revenue = درآمد مورد انتظار
campaign-field-expected_responses = پاسخ‌های مورد انتظار
campaign-field-expected_sales = فروش مورد انتظار
campaign-field-notes = یادداشت‌ها
campaign-field-spent_on = روز
campaign-field-amount = مبلغ
campaign-kind-advertisement = تبلیغ
campaign-kind-email = ایمیل
campaign-kind-sms = SMS
campaign-kind-direct_mail = پست مستقیم
campaign-kind-social = شبکه‌های اجتماعی
campaign-kind-referral_programme = برنامهٔ معرفی دوستان
campaign-kind-event = رویداد
campaign-kind-other = دیگر
campaign-status-planning = در حال برنامه‌ریزی
campaign-status-active = فعال
campaign-status-completed = پایان‌یافته
campaign-status-cancelled = لغوشده
campaign-help-target-segment = نام یک بخش ذخیره‌شده، کمپین را به کسانی که اکنون در آن هستند پیوند می‌دهد.

## What is wrong with a value (forms, the API, imports)

problem-required = این مورد الزامی است.
problem-too-long = حداکثر { $max } کاراکتر.
problem-not-email = این نشانی ایمیل نیست؛ آن را به شکل name@example.com بنویسید.
problem-not-phone = این شمارهٔ تلفن نیست: از رقم، فاصله، +، - و پرانتز استفاده کنید، از ۵ تا ۱۵ رقم.
problem-not-date = این تاریخ نیست؛ از قالب { $expected } استفاده کنید.
problem-not-gregorian = سال { $year } پیش از ۱۹۰۰ است: تاریخ‌ها در این‌جا میلادی‌اند (YYYY-MM-DD، مثلاً 2026-11-23). تاریخ‌های شمسی یا عبری را پیش از ورود به میلادی برگردانید.
problem-template-syntax = قالب در خط { $line } خوانده نمی‌شود: { $detail }
problem-unknown-merge-field = { $field } فیلد ادغام نیست؛ از first_name، last_name، name، shop.name، last_purchase.date، last_purchase.product_name، last_purchase.category، recommended_product.name، recommended_product.price، club.card_number، club.referral_code، club.tier، club.points، club.perks، unsubscribe_url، preferences_url یا attributes.NAME استفاده کنید
problem-in-future = این تاریخ هنوز نرسیده است.
problem-in-past = این تاریخ گذشته است؛ امروز یا روزی پس از آن را بدهید.
problem-not-whole-number = یک عدد صحیح وارد کنید.
problem-not-number = یک عدد وارد کنید.
problem-not-between = عددی از { $min } تا { $max } وارد کنید.
problem-not-positive = عددی بزرگ‌تر از ۰ وارد کنید.
problem-below-minimum = { $min } یا بیشتر وارد کنید.
problem-above-maximum = { $max } یا کمتر وارد کنید.
problem-above-field = این مقدار نباید از «{ $other }» بیشتر باشد.
problem-below-field = این مقدار نباید از «{ $other }» کمتر باشد.
problem-not-one-of = یکی از این‌ها را به کار ببرید: { $choices }.
problem-not-currency = این کد ارز نیست؛ از سه حرف مانند IRR، EUR، ILS یا RUB استفاده کنید.
problem-not-country = از کد دوحرفی کشور مانند IR، IL، RU یا GB استفاده کنید.
problem-not-time-zone = این منطقهٔ زمانی نیست؛ یکی مانند Asia/Tehran، Asia/Jerusalem یا Europe/Moscow به کار ببرید.
problem-password-too-short = گذرواژه دست‌کم { $min } کاراکتر لازم دارد.
problem-password-is-email = گذرواژه نباید همان نشانی ایمیل باشد.
problem-wrong-password = گذرواژهٔ کنونی درست نیست.
problem-taken = این مقدار پیش‌تر به کار رفته است.
problem-unknown = چیزی با این شناسه وجود ندارد.
problem-in-field = { $field }: { $problem }

## More problems, mostly of imported rows

problem-not-yes-or-no = این بله یا خیر نیست.
problem-not-birthday = این تاریخ تولد نیست؛ از YYYY-MM-DD استفاده کنید، یا ‎--MM-DD‏ وقتی سال معلوم نیست.
problem-not-attribute = هر فیلد دلخواه را در سطری جدا به شکل نام: مقدار بنویسید (سایز کفش: ۳۸).
problem-not-amount = این مبلغ نیست؛ عددی اعشاری مانند 12.50 بنویسید.
# $currency (text): the currency's code; $decimals (number): its decimals.
problem-too-precise = رقم‌های اعشار این بیش از حد مجاز { $currency } است ({ $decimals }).
problem-too-large = این بیش از حد بزرگ است.
problem-negative-quantity = این منفی است؛ تعداد دست‌کم ۱ است (برای مرجوعی وضعیت refunded را به کار ببرید).
problem-negative-price = این منفی است؛ برای بازپرداخت وضعیت refunded را به کار ببرید.
problem-self-referral = این خودِ مشتری است؛ مشتری نمی‌تواند خودش را معرفی کند.
problem-unknown-referrer = این مشتری شناخته‌شده‌ای نیست؛ معرف را هم درون‌ریزی کنید یا referred_by را خالی بگذارید.
problem-unknown-customer = این مشتری شناخته‌شده‌ای نیست؛ اول پروندهٔ مشتریان را درون‌ریزی کنید.
# $line (number): the order's first line in the file.
problem-differs-from-first-line = این با سطر اول سفارش (سطر { $line }) فرق دارد؛ همهٔ سطرهای یک سفارش مشتری، زمان، ارز، وضعیت، کد و علامت یک‌باره را مشترک دارند.
problem-order-of-another-customer = این سفارش از قبل متعلق به مشتری دیگری است.
# $line (number): the line of the file where the quote opened.
problem-unclosed-quote = گیومه‌ای (") که در سطر { $line } باز شده هرگز بسته نشده است، پس سطرهای پس از آن در این مقدار خوانده شدند؛ گیومه را ببندید یا بردارید.
# $currency (text): the shop's currency.
problem-not-shop-currency = این ارز فروشگاه نیست؛ هزینه‌های کمپین به { $currency } نگه داشته می‌شوند، اول مبلغ را تبدیل کنید.
problem-not-card-number = این شمارهٔ کارت نیست: شمارهٔ کارت ۱۲ تا ۱۹ رقم دارد.
problem-card-check-digit = رقم کنترل شمارهٔ کارت درست نیست؛ ببینید رقمی اشتباه وارد نشده باشد.
problem-card-blocked = این کارت در { $on } مسدود شده است: کارت تازهٔ عضو را بخواهید یا او را با تلفن یا نام پیدا کنید.
problem-not-enough-points = بیش از آنچه عضو می‌تواند خرج کند: اکنون { $available } امتیاز در دسترس است.

## Field names, where a problem names its field

field-phone = تلفن
field-customer-id = شناسهٔ مشتری
field-referred-by = معرفی‌شده توسط
field-time-zone = منطقهٔ زمانی
field-kind = نوع
field-region = استان
field-address = نشانی
field-birthday = زادروز

## Background jobs

nav-jobs = کارها
job-kind-score = ارزیابی
job-kind-import = درون‌ریزی
job-kind-noop = کار آزمایشی
job-kind-housekeeping = نگهداری
job-status-queued = در انتظار
job-status-running = در حال اجرا
job-status-done = انجام شد
job-status-failed = ناموفق، دوباره تلاش می‌شود
job-status-dead = ناموفق
job-status-cancelled = لغو شد
# $attempt (number): this attempt; $of (number): the most attempts.
job-attempt = تلاش { $attempt } از { $of }
# $done (number), $total (number): rows or customers so far and in all.
job-progress = { $done } از { $total }
job-running = در حال اجرا…
job-waiting = در انتظار یک کارگر…
job-refreshes = این صفحه تا پایان کار خودش تازه می‌شود؛ می‌توانید آن را ببندید، کار ادامه می‌یابد.
job-error = چه اشکالی پیش آمد:
job-retry = تلاش دوباره
job-cancel = لغو
job-busy = کاری با همین کار از قبل در انتظار یا در حال اجراست؛ این کار دوباره به صف برنگشت.
# $rungs (number), $states (number): changes recorded.
job-scored-changes = { $rungs } تغییر پله و { $states } تغییر وضعیت ثبت شد.
jobs-intro = ارزیابی‌ها و درون‌ریزی‌ها در پس‌زمینه اجرا می‌شوند. کار ناموفق چند بار دوباره امتحان می‌شود؛ کارهایی که همچنان ناموفق‌اند اینجا منتظر شما می‌مانند.
jobs-all = همه
jobs-kind = کار
jobs-status = وضعیت
jobs-created = درخواست شده
jobs-attempts = تلاش‌ها
jobs-error = آخرین خطا
jobs-none = هنوز کاری نیست.
import-another = درون‌ریزی پرونده‌ای دیگر
import-pair-title = جفت‌کردن ستون‌های پرونده
import-pair-intro = { $file } ({ $kind }) ستون‌هایش را به نام‌های خودش نامیده است. بگویید هر ستون چه دارد؛ Ladder آن را برای پروندهٔ بعدی با همین ستون‌ها به یاد می‌سپارد.
import-pair-remembered = مانند دفعهٔ پیش برای پرونده‌ای با همین ستون‌ها جفت شد.
import-pair-theirs = ستون در پرونده
import-pair-sample = نخستین مقدار
import-pair-ours = فیلد Ladder
import-pair-custom = فیلد سفارشی، با همین نام
import-pair-left-out = کنار گذاشتن
import-pair-help = فیلدهای دارای * الزامی‌اند. هر فیلد Ladder دست‌بالا یک ستون می‌گیرد.
import-pair-problem = { $column }: { $problem }

## The shop's profile

shop-profile-title = فروشگاه
shop-profile-intro = فروشگاه کجاست و چه زمانی باز است: روزها و ساعت‌ها در منطقهٔ زمانی آن شمرده می‌شوند و پیام‌ها به نام آن فرستاده می‌شوند.
shop-field-name = نام فروشگاه
shop-field-country = کشور
shop-field-city = شهر
shop-field-time_zone = منطقهٔ زمانی
shop-field-language = زبان فروشگاه
shop-field-opening_days = روزهای باز
shop-field-sender_name = نام فرستنده
shop-field-sender_address = نشانی پستی
shop-field-sender_email = ایمیل فرستنده
shop-field-sender_phone = تلفن فرستنده
shop-help-country = دو حرف، مانند IR،‏ IL،‏ RU یا GB.
shop-help-time_zone = مانند Asia/Tehran،‏ Asia/Jerusalem یا Europe/Moscow.
shop-help-sender_address = روی نامه‌ها و پایین ایمیل‌ها چاپ می‌شود، همان‌طور که قانون می‌خواهد.
shop-sender-title = فرستنده
shop-sender-intro = پیام‌ها از طرف چه کسی است و مشتریان چگونه به فروشگاه دسترسی دارند.
weekday-mon = دوشنبه
weekday-tue = سه‌شنبه
weekday-wed = چهارشنبه
weekday-thu = پنجشنبه
weekday-fri = جمعه
weekday-sat = شنبه
weekday-sun = یکشنبه

## The audit log

audit-by-cli = خط فرمان
audit-by-system = Ladder
# $email (text): the token owner's email.
audit-by-token = توکن API ‏{ $email }
audit-action-customer-created = مشتری افزود
audit-action-customer-changed = مشتری را تغییر داد
audit-action-customer-merged = دو مشتری را یکی کرد
audit-action-customer-deleted = مشتری را حذف کرد
audit-action-customer-erased = دادهٔ شخصی مشتری را پاک کرد
audit-action-customer-exported = دادهٔ مشتری را برون‌بری کرد
audit-action-address-suppressed = نشانی را مسدود کرد (برگشت یا شکایت)
audit-action-address-unsuppressed = مسدودی نشانی را برداشت
audit-action-template-saved = قالب پیام را ذخیره کرد
audit-action-broadcast-created = یک ارسال گروهی نوشت
audit-action-broadcast-sent = یک ارسال گروهی فرستاد
audit-action-broadcast-enqueued = پیام‌های ارسال گروهی را در صف گذاشت
audit-action-message-enqueued = پیامی را در صف گذاشت
audit-action-interaction-added = تعاملی ثبت کرد
audit-action-order-saved = سفارشی ذخیره کرد
audit-action-order-one-off = سفارشی را به‌عنوان خرید موردی علامت زد
audit-action-import-run = پرونده‌ای درون‌ریزی کرد
audit-action-import-columns-paired = ستون‌های یک پرونده را جفت کرد
audit-action-scoring-run = مشتریان را ارزیابی کرد
audit-action-job-enqueued = کاری درخواست کرد
audit-action-job-retried = کاری را دوباره امتحان کرد
audit-action-job-cancelled = کاری را لغو کرد
audit-action-user-created = کاربری افزود
audit-action-user-changed = کاربری را تغییر داد
audit-action-user-signed-in = وارد شد
audit-action-user-sign-in-failed = ورود ناموفق
audit-action-user-signed-out = خارج شد
audit-action-token-created = توکن API ساخت
audit-action-token-revoked = توکن API را باطل کرد
audit-action-segment-saved = بخشی را ذخیره کرد
audit-action-segment-deleted = بخشی را حذف کرد
audit-action-campaign-saved = کمپینی را ذخیره کرد
audit-action-campaign-cost-added = هزینه‌ای به کمپین افزود
audit-action-campaign-costs-imported = هزینه‌های کمپین را درون‌ریزی کرد
audit-action-settings-changed = تنظیمات فروشگاه را تغییر داد
audit-action-demo-created = فروشگاه نمایشی را ساخت

## Reasons: why a customer stands where they stand

reason-known-contact = مخاطب شناخته‌شده؛ هنوز تعامل یا سفارشی نیست
# $count (number): interactions.
reason-interactions = { $count } تعامل؛ هنوز سفارشی نیست
# $count (number): interactions; $last (text): the latest one's kind; $on (text): its date.
reason-interactions-last = { $count } تعامل، آخرین: { $last } در { $on }؛ هنوز سفارشی نیست
reason-referred = معرفی‌شده از طرف یک مشتری؛ هنوز سفارشی نیست
# $n (number): the order's number; $on (text): its date.
reason-order-on = سفارش شمارهٔ { $n } در { $on }
# $n (number): counted orders.
reason-orders = { $n } سفارش
# $order (text): the order that made the rung, as reason-order-on says it; $standing: active or at_risk.
reason-loyal = { $order }، { $standing ->
        [at_risk] در خطر
       *[other] فعال
    }
# $order (text): as above; $state (text): lapsed, lost, or none (at risk stays loyal).
reason-not-active = { $order }، اما { $state ->
        [at_risk] در خطر
        [lapsed] غیرفعال
        [lost] ازدست‌رفته
       *[other] نه فعال
    }
# $order (text): as above; $buyers (number): referred customers who ordered.
reason-advocate-referrals = وفادار ({ $order }، { $standing ->
        [at_risk] در خطر
       *[other] فعال
    }) و { $buyers } مشتریِ معرفی‌شده سفارش داده‌اند
# $order (text): as above.
reason-advocate-recommended = وفادار ({ $order }، { $standing ->
        [at_risk] در خطر
       *[other] فعال
    }) و ما را در جمع توصیه کرده است
# $days (number): days since the last order.
reason-since-order = { $days ->
        [0] آخرین سفارش امروز
        [1] آخرین سفارش دیروز
       *[other] آخرین سفارش { $days } روز پیش
    }
# $days (number): days since the last order.
reason-no-order-for = { $days } روز بدون سفارش
# $days (number or text): the customer's usual gap.
reason-usual-own = معمولاً هر { $days } روز
# $days (number or text): the shop's usual gap from a first to a second order.
reason-usual-shop = مشتریان معمولاً ظرف { $days } روز برمی‌گردند
# $first (text), $second (text): two parts of a reason.
reason-and = { $first }، { $second }
# $days (number): days since the last order; $state (text): at_risk, lapsed or lost; $after (number or text): days after which the state begins.
reason-overdue = { $days } روز بدون سفارش ({ $state ->
        [at_risk] در خطر
        [lapsed] غیرفعال
       *[lost] ازدست‌رفته
    } پس از { $after } روز)
# $days, $state, $after: as above; $usual (text): the usual gap.
reason-overdue-usual = { $days } روز بدون سفارش، { $usual } ({ $state ->
        [at_risk] در خطر
        [lapsed] غیرفعال
       *[lost] ازدست‌رفته
    } پس از { $after } روز)
# $now (text): P(alive).
reason-p-alive = P(alive) ‏{ $now }
# $before (text), $now (text): P(alive) at the previous scoring and now.
reason-p-alive-fell = P(alive) از { $before } به { $now } کاهش یافت
# $before (text), $now (text): as above.
reason-p-alive-rose = P(alive) از { $before } به { $now } افزایش یافت
# $what (text): the figure; $why (text): the history behind it.
reason-because = { $what }: { $why }
reason-no-order-yet = تا این تاریخ سفارش شمرده‌شده‌ای نیست
# $stage (text): the lifecycle stage; $rung (text): the rung.
reason-lifecycle = { $stage }، بر پایهٔ پلهٔ نردبان: { $rung }
# $customers (number), $repeat (number): buyers and repeat buyers fitted on; $r, $alpha, $a, $b (text): the parameters; $spend (text): yes or no.
reason-model-fitted = وضعیت‌ها از P(alive) مدل BG/NBD، برازش‌شده بر { $customers } مشتری ({ $repeat } با خرید تکراری): r = { $r }، α = { $alpha } روز، a = { $a }، b = { $b }؛ { $spend ->
        [yes] مبلغ خرید از Gamma-Gamma
       *[no] بدون مدل مبلغ خرید (خرید تکراری کم)
    }
# $repeat (number): customers who ordered on two different days; $needed (number): how many the model needs.
reason-model-too-few-repeat = وضعیت‌ها از قاعدهٔ تازگی: فقط { $repeat } مشتری در دو روز مختلف سفارش داده‌اند و BG/NBD به { $needed } نیاز دارد
reason-model-not-converged = وضعیت‌ها از قاعدهٔ تازگی: برازش BG/NBD همگرا نشد
# $error (text): the fit's error, in English.
reason-model-failed = وضعیت‌ها از قاعدهٔ تازگی: BG/NBD برازش نشد ({ $error })
# $on (text): the day; $categories (text): the categories.
reason-event-occasion-day = همهٔ خریدهایش در { $on } بود، در دسته‌های فصلی ({ $categories })
# $from (text), $to (text): the first and last day; $categories (text): the categories.
reason-event-occasion = همهٔ خریدهایش بین { $from } و { $to } بود، در دسته‌های فصلی ({ $categories })
# $categories (text): the categories; $dates (text): the days.
reason-event-seasonal-orders = { $categories } در { $dates }، برخلاف بقیهٔ سفارش‌هایش
# $dates (text): the days.
reason-event-one-off = علامت‌خورده به‌عنوان خرید موردی ({ $dates })
reason-roi-no-cost = هزینه‌ای ثبت نشده است
reason-roi-negative-cost = جمع هزینه‌ها کمتر از صفر است

## Unsubscribe and preference pages
unsubscribe-title = لغو اشتراک
unsubscribe-question = دیگر این پیام‌ها را از { $shop } دریافت نکنید؟
unsubscribe-button = بله، اشتراکم را لغو کنید
unsubscribe-done = انجام شد: { $shop } دیگر از راه { $channel } چنین پیامی برایتان نمی‌فرستد.
preferences-link = انتخاب پیام‌هایی که دریافت می‌کنید
preferences-title = پیام‌هایی که دریافت می‌کنید
preferences-greeting = سلام { $name }.
preferences-intro = انتخاب کنید { $shop } چه پیام‌هایی برایتان بفرستد.
preferences-choice = { $topic } از راه { $channel }
preferences-save = ذخیرهٔ انتخاب‌ها
preferences-saved = انتخاب‌های شما ذخیره شد.

## Messages pages
nav-messages = پیام‌ها
messages-intro = قالب‌ها، ارسال‌های گروهی و هر پیامی که فرستاده شده: هر کدام با رضایت، سقف‌ها و ساعات سکوت سنجیده می‌شود.
messages-broadcasts = ارسال‌های گروهی
messages-broadcast-new = ارسال گروهی تازه
messages-broadcast-name = نام
messages-template = قالب
messages-audience = مخاطبان
messages-status = وضعیت
messages-enqueued = پیام‌ها
messages-no-broadcasts = هنوز ارسال گروهی‌ای نیست.
messages-templates = قالب‌ها
messages-template-new = قالب تازه
messages-channel = کانال
messages-language = زبان
messages-purpose = هدف
messages-version = نسخه
messages-no-templates = هنوز قالبی نیست.
messages-outbox = صندوق خروجی
messages-any-status = هر وضعیتی
messages-filter = نمایش
messages-customer = مشتری
messages-reason = چرا
messages-audience-all = همهٔ مشتریان (هر کدام همچنان رضایت لازم دارد)
messages-audience-newsletter = مشترکان خبرنامه
messages-audience-segment = بخش { $id }
messages-audience-rung = یک پلهٔ نردبان
messages-audience-saved-segment = یک بخش ذخیره‌شده
messages-any-state = هر وضعیتی
messages-code = کد کمپین
messages-broadcast-create = نوشتن و شمارش
messages-broadcast-intro = اول آن را بنویسید: پیش از هر ارسالی می‌بینید چه کسی آن را می‌گیرد و چه کسی نه، و چرا.
messages-template-intro = برای هر زبان یک بار بنویسید؛ پیش‌نمایش پیام را همان‌طور نشان می‌دهد که یک مشتری واقعی دریافت می‌کند.
messages-template-name = نام
messages-subject = موضوع (ایمیل)
messages-body = متن
messages-merge-fields = فیلدهایی که می‌توانید به کار ببرید:
messages-preview-for = پیش‌نمایش برای مشتری
messages-template-save = ذخیره (نسخهٔ تازه)
messages-preview = پیش‌نمایش
messages-preview-skipped = این مشتری چیزی دریافت نمی‌کند:
messages-sms-parts = { $parts } بخش پیامک ({ $units } نویسه، { $encoding }): هر بخش جداگانه هزینه دارد.
messages-forecast = چه کسی دریافت می‌کند
messages-will-go = فرستاده می‌شود
messages-will-wait = منتظر می‌ماند
messages-will-not-go = فرستاده نمی‌شود
messages-send = ارسال
messages-send-confirm = اکنون برای { $count } مشتری فرستاده شود؟
messages-report = سرنوشت پیام‌ها
messages-being-sent = پیام‌ها در حال آماده شدن‌اند؛ وقتی به صندوق خروجی برسند اینجا نشان داده می‌شوند.
messages-caps = سقف‌ها
messages-caps-wait = مشتری‌ای که به سقف رسیده تا آزاد شدن آن صبر می‌کند، به جای رد شدن
messages-defer-capped = به جای رد کردن مشتری‌ای که به‌تازگی پیام گرفته یا به سقف پیشنهادها رسیده، صبر کن: پیامش وقتی سقف آزاد شود می‌رود
messages-sms-language = زبان
messages-sms-messages = پیام‌ها
messages-sms-parts-each = بخش هر پیام
messages-sms-parts-total = همهٔ بخش‌ها
messages-sms-cost = هزینهٔ تخمینی: { $cost }
messages-sms-no-price = برای دیدن هزینه، بهای یک بخش را در تنظیمات فروشگاه وارد کنید.
messages-results = چه نتیجه‌ای داشت
messages-results-window = از لحظهٔ ارسال پیام هر مشتری شمرده می‌شود: لغو اشتراک‌ها و خریدها در { $days } روز، و هر سفارشی که کد کمپین این ارسال را دارد.
messages-results-orders = سفارش‌ها
messages-results-customers = مشتریان
messages-results-total = جمع
messages-results-clicked = روی پیوند کلیک کردند
messages-results-unsubscribed = لغو اشتراک
messages-results-attributed = سفارش‌های با کد کمپین
messages-results-bought-after = خرید در { $days } روز
messages-results-no-code = این ارسال کد کمپین ندارد، پس هیچ سفارشی به آن نسبت داده نمی‌شود؛ خریدهای درون بازه با این حال شمرده می‌شوند.
messages-template-saved = قالب ذخیره شد.
messages-broadcast-created = ارسال گروهی نوشته شد: ببینید چه کسی آن را می‌گیرد، سپس بفرستید.
messages-broadcast-sent = ارسال گروهی در حال فرستادن است.
messages-template-missing = یک قالب انتخاب کنید.
messages-rung-missing = یک پله انتخاب کنید.
messages-segment-missing = یک بخش انتخاب کنید.
broadcast-status-draft = پیش‌نویس: فرستاده نشده
broadcast-status-queued = در حال ارسال
broadcast-status-enqueued = به صندوق خروجی رفت
broadcast-status-cancelled = لغو شد
purpose-transactional = تراکنشی
purpose-service = خدماتی
purpose-offer = پیشنهاد
purpose-newsletter = خبرنامه
language-en = انگلیسی
language-he = عبری
language-fa = فارسی
language-ru = روسی

## Sending rules on the shop page
shop-sending-title = مزاحم نبودن
shop-sending-intro = مشتریان چند وقت یک بار و چه زمانی از فروشگاه پیام بگیرند. رسید و بازنشانی گذرواژه هرگز نگه داشته نمی‌شوند.
shop-field-email_window_hours = ساعت‌های میان دو ایمیل
shop-field-sms_window_hours = ساعت‌های میان دو پیامک
shop-field-marketing_per_period = حداکثر پیشنهاد
shop-field-marketing_period_days = … در این چند روز
shop-field-days_after_purchase = روزهای بی‌پیشنهاد پس از خرید
shop-field-quiet_from = سکوت از
shop-field-quiet_to = سکوت تا
shop-field-quiet_email = ایمیل هم ساعات سکوت را رعایت کند
shop-field-closed_days = روزهایی که جز رسید چیزی فرستاده نمی‌شود
shop-field-israel_existing_customers = اسرائیل: استفاده از استثنای مشتری موجود
shop-help-israel_existing_customers = تنها اگر مشتریان هنگام خرید مشخصات خود را داده‌اند، به آنان گفته شده پیشنهاد خواهند گرفت، می‌توانستند نپذیرند و پیشنهادها برای کالاهای مشابه است (قانون ارتباطات اسرائیل، بند ۳۰الف).
shop-field-israel_exception_terms = فروشگاه چگونه این شرایط را رعایت می‌کند
shop-help-israel_exception_terms = برای روشن کردن استثنا لازم است و همراه تغییر نگه داشته می‌شود: مشتریان کجا هنگام خرید مشخصات خود را می‌دهند، متنی که به آنان می‌گوید پیشنهاد خواهند گرفت، چگونه می‌توانند نپذیرند، و پیشنهادها برای کدام کالاهاست.
shop-field-track_clicks = شمردن کلیک روی پیوندهای ایمیل‌های پیشنهاد و خبرنامه
shop-help-track_clicks = هر نشانی وب در چنین ایمیلی از پیوندی امضاشده به این فروشگاه می‌گذرد که کلیک را می‌شمارد و سپس به آن نشانی می‌رود (پیوندهای لغو اشتراک مستقیم می‌مانند). باز شدن ایمیل هرگز شمرده نمی‌شود. به‌طور پیش‌فرض خاموش.
shop-field-sms_part_price = بهای یک بخش پیامک
shop-help-sms_part_price = آنچه درگاه پیامک برای هر بخش می‌گیرد، به پول فروشگاه (مثلاً 0.07): ارسال پیامکی پیش از فرستادن هزینه‌اش را نشان می‌دهد. خالی: نشان داده نمی‌شود.

## The call list
messages-calls = فهرست تماس‌ها
messages-calls-intro = تماس‌هایی که اکنون باید گرفت، هر کدام با آنچه باید به آن مشتری گفت. نتیجهٔ هر تماس را ثبت کنید: در سابقهٔ او می‌نشیند.
messages-no-calls = تماسی در نوبت نیست.
messages-call-note = یادداشت
messages-call-recorded = تماس ثبت شد.
call-outcome-reached = پاسخ داد
call-outcome-no_answer = پاسخ نداد: فردا
call-outcome-declined = خواست تماس گرفته نشود
call-outcome-wrong_number = شمارهٔ اشتباه

## Printed letters
letter-notice-sender = فرستنده: { $name }، { $contact }.
letter-notice-source = نشانی شما از سوابق مشتریان ما است.
letter-notice-removal = برای اینکه دیگر نامه‌ای از ما نگیرید، به ما بگویید: { $contact }.

## Password reset by email
password-reset-mail-subject = گذرواژهٔ تازهٔ Ladder شما
password-reset-mail-body =
    کسی (امیدواریم خودتان) خواسته است گذرواژهٔ تازه‌ای برای Ladder بگذارد. برای انتخاب آن، این پیوند را ظرف یک ساعت باز کنید:

    { $link }

    اگر شما نبودید، کاری نکنید: گذرواژهٔ شما همان می‌ماند.
password-forgot-title = گذرواژه را فراموش کرده‌اید؟
password-forgot-intro = ایمیل حساب خود را بنویسید: پیوندی برای گذاشتن گذرواژهٔ تازه می‌فرستیم.
password-forgot-send = فرستادن پیوند
password-forgot-sent = اگر حسابی با این ایمیل باشد، پیوندی در راه است. یک بار و تا یک ساعت کار می‌کند.
password-reset-title = انتخاب گذرواژهٔ تازه
password-reset-new = گذرواژهٔ تازه
password-reset-set = گذاشتن گذرواژه
password-reset-link-gone = این پیوند به کار رفته یا بیش از یک ساعت از آن گذشته است: پیوند تازه‌ای بخواهید.
password-reset-done = گذرواژهٔ تازه گذاشته شد: با آن وارد شوید.

## Playbooks and the team's queue
nav-today = امروز
nav-playbooks = سناریوها
playbooks-intro = پیگیری‌هایی که خودشان اجرا می‌شوند: هر سناریو وقتی برای مشتری اتفاقی می‌افتد شروع می‌شود، پیامی می‌فرستد یا به یک نفر کاری می‌سپارد، و یک گروه کنترل کوچک نگه می‌دارد تا نشان دهد چه چیزی را تغییر داد.
playbooks-name = سناریو
playbooks-on = روشن
playbooks-entered-week = ورود این هفته
playbooks-entered = ورود در کل
playbooks-goal-rate = رسیدن به هدف
playbooks-lift = تفاوتی که ایجاد کرد
playbooks-is-on = روشن
playbooks-is-off = خاموش
playbooks-control-count = { $count } نفر در گروه کنترل
playbooks-no-control = بدون گروه کنترل
playbooks-not-enough-data = هنوز داده کافی نیست
playbooks-points = واحد درصد
playbooks-interval = ۹۵٪ بین { $low } و { $high }
playbooks-saved = سناریو ذخیره شد.
playbook-post_purchase_checkin = احوال‌پرسی پس از خرید
playbook-first_to_second = از سفارش اول به دوم
playbook-second_to_third = از سفارش دوم به سوم
playbook-winback = بازگرداندن مشتری همیشگی
playbook-losing_value_call = تماس با مشتری برتری که کمتر می‌خرد
playbook-birthday = تبریک تولد
playbook-complaint_apology = عذرخواهی برای شکایت
playbook-advocate_thanks = تشکر از مشتری معرّف
playbook-new_loyal = خوش‌آمد به مشتری وفادار تازه
playbook-club_welcome = خوش‌آمد به عضو تازهٔ باشگاه
playbook-club_tier_up = تشکر از عضوی که سطحش بالا رفت
playbook-club_tier_down = سخنی مهربان وقتی سطح عضو پایین می‌آید
playbook-club_points_expiring = یادآوری پیش از منقضی شدن امتیازها
playbook-about-post_purchase_checkin = سه روز پس از سفارش، بپرسید محصول چطور است. پیام خدماتی: هرگز پیشنهاد فروش نیست.
playbook-about-first_to_second = وقتی خریدار اول به فاصلهٔ معمول فروشگاه تا سفارش دوم می‌رسد، پیامی شخصی با محصولی که به او می‌خورد.
playbook-about-second_to_third = وقتی مشتری با دو سفارش به موعد سفارش بعدی می‌رسد، پیامی شخصی؛ باارزش‌ترین‌ها تماس هم می‌گیرند. سفارش سوم مشتری همیشگی می‌سازد.
playbook-about-winback = وقتی مشتری همیشگی دیگر نمی‌آید (و یک بار دیگر اگر از دست رفت)، پیامی که می‌گوید دلتان برایش تنگ شده، با یک پیشنهاد.
playbook-about-losing_value_call = یک نفر با بهترین مشتریانی که کمتر از قبل می‌خرند تماس می‌گیرد، تا وقتی هنوز فعال‌اند. هرگز پیام خودکار نیست.
playbook-about-birthday = یک روز پیش از تولد (یا آخرین روز کاری پیش از آن)، تبریکی با یک پیشنهاد.
playbook-about-complaint_apology = یک شکایت، تماسی در همان روز و نامهٔ عذرخواهی شخصی به یک نفر می‌سپارد. تا تماس انجام نشده، مشتری پیام تبلیغاتی نمی‌گیرد.
playbook-about-advocate_thanks = وقتی کسی معرّف می‌شود، یا دوستی که فرستاده اولین سفارشش را می‌دهد، یک تشکر.
playbook-about-new_loyal = وقتی مشتری وفادار می‌شود، خوش‌آمدی به جمع مشتریان همیشگی و آنچه می‌گیرند.
playbook-about-club_welcome = وقتی مشتری به باشگاه می‌پیوندد (نه وقتی همه یک‌جا عضو می‌شوند): امتیاز خوش‌آمد و شمارهٔ کارتش.
playbook-about-club_tier_up = وقتی سطح عضو بالا می‌رود: تشکر همراه با مزایایش، و یک هفته بعد کد معرفی‌اش.
playbook-about-club_tier_down = وقتی سطح عضو پایین می‌آید: ارسال رایگان برای مدتی و سخنی مهربان، هرگز سرزنش.
playbook-about-club_points_expiring = یک ماه پیش از منقضی شدن بخشی از امتیازهای عضو: چه مقدار و چه زمانی.
playbook-when = چه وقت
playbook-who = چه کسی
playbook-then = سپس
playbook-not-contacted-days = نه اگر در این چند روز پیامی گرفته‌اند (خالی: بدون محدودیت)
playbook-reentry-days = مشتری پس از این چند روز می‌تواند دوباره وارد شود (۰: هر بار که دوباره پیش بیاید)
playbook-field-days = روز
playbook-field-points = امتیاز
playbook-field-due-days = مهلت به روز
playbook-field-channel = کانال
playbook-field-fallback = وگرنه
playbook-no-fallback = هیچ‌چیز دیگر
playbook-goal = وقتی به هدف رسیده تمام می‌شود که { $goal }.
playbook-goal-days = شمارش در چند روز
playbook-goal-second_order = سفارش دوم برسد
playbook-goal-third_order = سفارش سوم برسد
playbook-goal-any_order = دوباره سفارش دهند
playbook-goal-order_or_reached = سفارش دهند یا کسی با آن‌ها صحبت کند
playbook-goal-task_done = کار آن نفر انجام شود
playbook-settings = تنظیمات
playbook-service = پیگیری خدماتی: همهٔ واجدان شرایط آن را می‌گیرند، پس گروه کنترل ندارد.
playbook-control-percent = گروه کنترل، درصد واجدان شرایط (۰: بدون)
playbook-catch-up-days = هنگام روشن کردن، این چند روز به عقب برگردد (۰: از حالا)
playbook-save = ذخیره
playbook-try = امتحان روی امروز
playbook-try-intro = ببینید امروز چه کسی وارد می‌شود و چه اتفاقی برایش می‌افتد، بی‌آنکه چیزی فرستاده یا نوشته شود.
playbook-try-now = امروز چه کسی وارد می‌شود؟
playbook-try-counts = امروز { $treated } نفر وارد می‌شوند و { $control } نفر در گروه کنترل می‌مانند: { $messages } پیام برای امتحان (رضایت، محدودیت‌ها و ساعت‌های سکوت هنگام رفتن هر کدام بررسی می‌شود)، { $tasks } کار.
playbook-try-skipped = { $count } قدم انجام نمی‌شود (قدمی فقط برای دهک بالا به ارزش، یا شرایطی که دیگر برقرار نیست).
playbook-try-nobody = امروز کسی وارد نمی‌شود.
playbook-group = گروه
playbook-would = امروز چه اتفاقی می‌افتد
playbook-group-treated = دریافت‌کننده
playbook-group-control = کنترل
playbook-nothing-today = امروز هیچ (گروه کنترل، یا قدمی که انجام نشد)
playbook-report = چه چیزی را تغییر داد
playbook-goal-reached = رسیدن به هدف
playbook-revenue-per-customer = درآمد هر مشتری
playbook-unsubscribed = لغو اشتراک
playbook-sent-done = { $messages } پیام فرستاده شد، { $tasks } کار انجام شد.
playbook-trigger-days-after-order = { $days } روز پس از یک سفارش
playbook-trigger-first-order-gap = تا حالا یک سفارش، و فاصلهٔ معمول فروشگاه تا سفارش دوم تازه گذشته است
playbook-trigger-second-order-due = تا حالا دو سفارش، و موعد سفارش بعدی رسیده (به آهنگ خودشان، وگرنه فروشگاه) و از آن پس سفارشی نیست
playbook-trigger-losing-value = از میان بهترین مشتریانی که کمتر از قبل می‌خرند
playbook-trigger-birthday = { $days ->
    [one] تولد فرداست (یا آخرین روز کاری پیش از آن، وقتی فروشگاه بسته است)
   *[other] تولد { $days } روز دیگر است
}
playbook-trigger-date-attribute = تاریخ «{ $attribute }» { $days } روز دیگر است
playbook-trigger-segment = به بخش «{ $segment }» می‌پیوندند
playbook-trigger-order-placed = سفارشی ثبت می‌شود
playbook-trigger-rung-from = روی نردبان از { $from } به { $to } می‌روند
playbook-trigger-rung = روی نردبان به { $to } می‌رسند
playbook-trigger-state-from = وضعیتشان از { $from } به { $to } تغییر می‌کند
playbook-trigger-state = وضعیتشان به { $to } تغییر می‌کند
playbook-trigger-interaction = با آن‌ها ثبت شد: { $kind }
playbook-trigger-referral = مشتری‌ای که آورده‌اند اولین سفارشش را می‌دهد
playbook-trigger-club-joined = به باشگاه می‌پیوندند
playbook-trigger-tier-up = سطحشان در باشگاه بالا می‌رود
playbook-trigger-tier-down = سطحشان در باشگاه پایین می‌آید
playbook-trigger-tier-up-to = به سطح «{ $tier }» بالا می‌روند
playbook-trigger-tier-down-to = به سطح «{ $tier }» پایین می‌آیند
playbook-trigger-points-expiring = { $days ->
    [one] بخشی از امتیازهایشان فردا منقضی می‌شود
   *[other] بخشی از امتیازهایشان { $days } روز دیگر منقضی می‌شود
}
playbook-trigger-manual = با دست برای فهرستی انتخابی شروع می‌شود
playbook-if-no-event-buyers = خریدار مناسبتی نیست (کسی که همهٔ سفارش‌هایش یک‌باره بوده)
playbook-if-min-rung = دست‌کم { $rung } روی نردبان
playbook-if-states = وضعیت: { $states }
playbook-if-segment = در بخش «{ $segment }»
playbook-if-min-clv = ارزش ۱۲ ماهه دست‌کم { $value }
playbook-if-not-contacted = بدون پیام در { $days } روز گذشته
playbook-if-alone-in-goal = در سناریوی دیگری با همین هدف نیست
playbook-if-anyone = هر کسی
playbook-jump-next = ادامه
playbook-jump-skip = از { $count } قدم بعدی بگذر
playbook-jump-end = پایان
playbook-step-wait = { $days } روز صبر کن.
playbook-step-wait-until = { $days } روز صبر کن، سپس ساعت { $hour }:00 ادامه بده.
playbook-step-message = «{ $template }» را با { $channel } بفرست.
playbook-step-message-else = «{ $template }» را با { $channel } بفرست، وگرنه با { $fallback }.
playbook-step-task = { $days ->
    [0] به یک نفر کاری بسپار: { $task }، برای همان روز.
   *[other] به یک نفر کاری بسپار: { $task }، با مهلت { $days } روز.
}
playbook-step-script = با متن «{ $template }».
playbook-step-top-decile = فقط برای دهک بالا به ارزش؛ برای بقیه انجام نمی‌شود.
playbook-step-tag = برچسب «{ $tag }» را اضافه کن.
playbook-step-give-points = { $points } امتیاز بده («{ $reason }»)؛ برای کسانی که عضو باشگاه نیستند رد می‌شود.
playbook-step-give-perk = { $perk } را برای { $days } روز بده؛ برای کسانی که عضو باشگاه نیستند رد می‌شود.
playbook-step-referral-code = کد معرفی‌شان را با { $channel } بفرست.
playbook-step-referral-code-else = کد معرفی‌شان را با { $channel } بفرست، وگرنه با { $fallback }.
playbook-step-branch = اگر از آغاز { $test }: { $yes }؛ وگرنه { $no }.
playbook-branch-ordered = سفارش داده‌اند
playbook-branch-answered = پاسخ داده‌اند
task-kind-call = تماس
task-kind-letter = نامهٔ شخصی
task-kind-visit = دیدار
task-why-second_to_third-call = دو سفارش و موعد سومی رسیده: تماس بگیرید و حالشان را بپرسید.
task-why-losing_value_call-call = مشتری برتری که کمتر می‌خرد: تماس بگیرید و گوش کنید.
task-why-complaint_apology-call = یک شکایت: امروز تماس بگیرید و درستش کنید.
task-why-complaint_apology-letter = یک شکایت: نامهٔ عذرخواهی شخصی بفرستید.
task-outcome-reached = صحبت شد
task-outcome-no_answer = پاسخ نداد: فردا
task-outcome-wrong_number = شمارهٔ اشتباه
task-outcome-ordered = سفارش داد
task-outcome-refused_contact = خواست با او تماس نگیرند
task-outcome-sent = نامه فرستاده شد
today-intro = کار امروز تیم، اول عقب‌افتاده‌ها، بعد مشتریانی که بیشترین ارزش در میان است. کاری که انجام، به تعویق یا به دیگری سپرده شود از فهرست شما بیرون می‌رود.
today-mine = کارهای من
today-shop = کارهای فروشگاه
today-none = امروز کاری نیست.
today-overdue = { $count } روز عقب‌افتاده
today-due = مهلت { $date }
today-value = ارزش سالانه { $value }
today-consents = رضایت به شنیدن با { $channels }
today-no-consent = بدون رضایت تبلیغاتی
today-prefers = ترجیح: { $channel }
today-script = چه بگویید
today-note = یادداشت
today-snooze-until = به تعویق تا
today-snooze = به تعویق
today-give-to = سپردن به
today-give = بسپار
today-skip = رد کردن
today-task-done = انجام شد: در تاریخچهٔ مشتری ثبت است.
today-task-snoozed = به تعویق افتاد: در روزی که انتخاب کردید برمی‌گردد.
today-task-skipped = رد شد.
today-task-assigned = سپرده شد.
today-open-queue = باز کردن صف امروز ({ $count } کار)
task-digest-subject = امروز: { $count } کار برای شما
task-digest-intro = صبح بخیر. امروز { $count } مشتری منتظر شما هستند، اول عقب‌افتاده‌ها:
task-digest-more = و { $count } مورد دیگر
task-digest-link = باز کردن صف امروز: { $link }
today-choose = انتخاب…
playbooks-no-goal = هدفی برای سنجش ندارد
audit-action-playbook-changed = سناریویی روشن یا خاموش شد یا تنظیماتش تغییر کرد
audit-action-playbook-started = سناریویی با دست برای مشتریان انتخابی شروع شد
audit-action-playbooks-evaluated = روز سناریوها ارزیابی شد
audit-action-club-rules-changed = قوانین باشگاه تغییر کرد
audit-action-club-joined = مشتری به باشگاه پیوست
audit-action-club-enrolled = همهٔ مشتریان عضو باشگاه شدند
audit-action-club-card-replaced = کارت یک عضو جایگزین شد
audit-action-club-points-adjusted = امتیاز باشگاه دستی افزوده یا کم شد
audit-action-club-points-redeemed = عضوی امتیاز باشگاه خرج کرد
audit-action-club-evaluated = باشگاه ارزیابی شد: امتیازها و سطح‌ها
audit-action-task-changed = کاری انجام، به تعویق، رد یا به دیگری سپرده شد

## The club

club-points = { $count } امتیاز
nav-club = باشگاه
club-till = صندوق
club-intro = اعضا، سطح و امتیازهایشان. در صندوق کارت را اسکن یا تایپ کنید تا عضو را ببینید و امتیاز خرج کنید:
club-redeemed = { $points } خرج شد.
club-not-enough = امتیاز کافی نیست: اکنون { $points } در دسترس است.
club-points-whole = امتیاز را به عدد صحیح وارد کنید.
club-card-or-phone = شمارهٔ کارت، تلفن، ایمیل یا شناسهٔ مشتری
club-look-up = جست‌وجو
club-till-help = اسکنر شمارهٔ کارت را تایپ می‌کند و Enter می‌زند؛ رقم آخر شمارهٔ کارت بقیه را کنترل می‌کند.
club-redeem = خرج کردن امتیاز
club-points-to-spend = امتیاز برای خرج
club-reference = رسید یا سفارش (اختیاری)
club-members = اعضا
club-active-members = { $count } نفر در ۱۲ ماه گذشته خرید کرده‌اند
club-revenue-share = سهم اعضا از درآمد
club-twelve-months = ۱۲ ماه گذشته
club-liability = امتیازهای خرج‌نشده، به پول
club-outstanding = { $points } هنوز خرج نشده
club-points-year = امتیازها در ۱۲ ماه گذشته
club-issued = داده‌شده
club-redeemed-total = خرج‌شده
club-expired = منقضی‌شده
club-redemption-rate = نرخ خرج
club-third-members = خرید سوم: اعضا
club-third-others = خرید سوم: مشتریان دیگر
club-tiers = سطح‌ها
club-tier = سطح
club-threshold = از (۱۲ ماه)
club-multiplier = امتیاز
club-perks = مزایا
club-rules-summary = امتیاز کسب‌شده پس از { $pending } روز قابل خرج است؛ عضو فقط پس از { $grace } روز زیر آستانهٔ سطح، یک سطح پایین می‌رود.
club-member-blocked = این عضویت مسدود است: کارت دیگر کار نمی‌کند.
club-balance = امتیاز در دسترس
club-pending = در انتظار
club-expiring = رو به انقضا
club-expiring-on = { $points } در { $day }
club-perk-free-shipping = ارسال رایگان
club-perk-extended-warranty = گارانتی تمدیدشده
club-perk-early-access = دسترسی زودهنگام
club-perk-birthday-gift = هدیهٔ تولد
club-perk-welcome-gift = هدیهٔ خوش‌آمد
club-referral-code = کد معرفی
club-statement = صورت‌حساب امتیاز
club-when = زمان
club-movement = گردش
club-points-column = امتیاز
club-kind-earn = کسب‌شده
club-kind-redeem = خرج‌شده
club-kind-expire = منقضی‌شده
club-kind-reverse = پس گرفته‌شده (سفارش برگشتی)
club-kind-adjust = اصلاح کارکنان
club-no-movements = هنوز امتیازی نیست.
club-replace-confirm = این کارت مسدود و شمارهٔ تازه صادر شود؟
club-replace-card = کارت گم شده: صدور کارت تازه
club-accepted-terms = مشتری قوانین باشگاه را خوانده و پذیرفته است.
club-no-marketing-bundled = عضویت، او را در پیام‌های تبلیغاتی ثبت‌نام نمی‌کند؛ این را جداگانه بپرسید.
club-join = عضویت در باشگاه
club-not-a-member = عضو باشگاه نیست.
club-joined = عضو باشگاه شد؛ شمارهٔ کارت آماده است.
club-card-replaced = شمارهٔ کارت تازه صادر شد؛ قبلی مسدود است.
club-terms-needed = برای عضویت، مشتری باید قوانین باشگاه را بپذیرد.
club-card-tier = عضو سطح { $tier }
club-card-referral = دوستتان را با کد خود بیاورید: { $code }
club-card-terms = عضو باشگاه مشتریان { $shop }. این کارت را در صندوق نشان دهید تا امتیاز بگیرید و خرج کنید.
club-card-title = کارت باشگاه شما
club-card-download = دریافت کارت (PDF)
club-card-show-at-till = این صفحه را در صندوق نشان دهید: بارکد یا کد QR همان کارت شماست.
club-card-email = فرستادن کارت با ایمیل
club-card-emailed = کارت با ایمیل در راه است.
club-card-email-again = این کارت پیش‌تر با ایمیل فرستاده شده است؛ شمارهٔ کارت تازه دوباره فرستاده می‌شود.
club-card-email-skipped = کارت با ایمیل فرستاده نشد: نشانی ایمیلی نیست یا مسدود است.
