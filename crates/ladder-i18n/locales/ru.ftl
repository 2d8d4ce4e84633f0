### Ladder's Russian messages.

app-name = Ladder

## Navigation

nav-dashboard = Обзор
nav-customers = Клиенты
nav-ladder = Лестница лояльности
nav-segments = Сегменты
nav-import = Импорт
nav-settings = Настройки

## Session

sign-in = Войти
sign-out = Выйти

## Counts

# $count (number): how many customers. Russian needs one (1, 21), few (2–4, 22), many (5–20, 25) and
# other (fractions).
customers-count =
    { $count ->
        [one] { $count } клиент
        [few] { $count } клиента
        [many] { $count } клиентов
       *[other] { $count } клиента
    }

## The six rungs of the loyalty ladder

rung-suspect = Холодный контакт
rung-prospect = Потенциальный клиент
rung-customer = Клиент
rung-repeat = Повторный клиент
rung-loyal = Постоянный клиент
rung-advocate = Амбассадор

## Customer states

state-active = Активный
state-at_risk = В зоне риска
state-lapsed = Спящий
state-lost = Ушедший

## The web app: frame and navigation
nav-label = Главное меню
language = Язык
save = Сохранить
add = Добавить
yes = Да
no = Нет
back-home = Вернуться к обзору
previous = Предыдущая
next = Следующая
pages = Страницы
page-past-end = Страницы { $page } нет: в списке { $pages ->
        [one] { $pages } страница
        [few] { $pages } страницы
       *[many] { $pages } страниц
    }.
last-page = На последнюю страницу
page-of = Страница { $page } из { $pages }
see-all = Показать всех

## Roles and permissions
role = Роль
role-owner = Владелец
role-marketing = Маркетинг
role-sales = Продажи
role-support = Поддержка
role-viewer = Только просмотр
permissions = Что разрешено каждой роли
permission-view_customers = Просмотр клиентов
permission-edit_customers = Изменение данных клиентов
permission-add_interactions = Добавление заметок и звонков
permission-view_reports = Просмотр выручки и отчётов
permission-manage_segments = Управление сегментами
permission-manage_campaigns = Управление кампаниями
permission-import_data = Импорт данных
permission-manage_settings = Изменение настроек
permission-manage_users = Управление пользователями
permission-use_api = Доступ к API
permission-view_audit = Просмотр журнала действий
permission-adjust_points = Начислять и списывать баллы клуба вручную
permission-erase_customers = Удалять клиентов и стирать их персональные данные

## Signing in and the first start
sign-in-title = Вход в ваш магазин
sign-in-failed = Неверный адрес эл. почты или пароль.
email = Эл. почта
password = Пароль
password-rule = Не менее 10 символов.
password-too-short = Пароль должен содержать не менее 10 символов.
password-is-email = Пароль не должен совпадать с адресом эл. почты.
email-invalid = Введите правильный адрес эл. почты.
name = Имя
setup-title = Добро пожаловать в Ladder
setup-intro = Учётных записей пока нет. Создайте учётную запись владельца — затем владелец сможет добавить команду.
setup-create = Создать учётную запись владельца

## Errors
error-not-found = Не найдено
error-not-found-detail = По этому адресу ничего нет. Возможно, страницу удалили или в ссылке опечатка.
error-forbidden = Нет доступа
error-forbidden-detail = Ваша роль этого не позволяет. Если вам это нужно, обратитесь к владельцу магазина.
error-forged = Срок действия формы истёк
error-forged-detail = В целях безопасности форма не была принята. Вернитесь назад, обновите страницу и попробуйте ещё раз.
error-too-many = Слишком много попыток
error-too-many-detail = Слишком много неудачных попыток входа. Подождите 15 минут и попробуйте снова.
error-internal = Что-то пошло не так
error-internal-detail = Серверу не удалось выполнить запрос. Ничего не изменилось; попробуйте ещё раз чуть позже.

## Dashboard
dashboard-title = Обзор
scored-as-of = Оценка на { $date }
scores-stale = с тех пор появились новые данные; запустите оценку заново
not-scored-yet = Клиенты ещё не оценены. Запустите `ladder score`.
ladder-funnel = Лестница лояльности
states-title = Насколько активны покупатели
state-none = Заказов пока нет
tiles-label = Этот месяц на сегодня
tile-revenue = Выручка за месяц
tile-orders = Заказы за месяц
tile-average-order = Средний заказ
tile-repeat-rate = Вернувшиеся покупатели
tile-against-last-month = { $change } к прошлому месяцу
tile-against-last-year = { $change } к году назад
tiles-help = Этот месяц до дня оценки — против тех же дней прошлого месяца и того же месяца год назад. «Вернувшиеся» — покупатели месяца, которые уже заказывали раньше.
contact-today = С кем связаться сегодня

# $count (number): how many orders. Russian needs one (1, 21), few (2–4, 22), many (5–20, 25) and
# other (fractions).
orders-count =
    { $count ->
        [one] { $count } заказ
        [few] { $count } заказа
        [many] { $count } заказов
       *[other] { $count } заказа
    }
last-order-on = последний заказ: { $date }
third-purchase-title = Путь к третьей покупке
third-purchase-help = Клиенты, сделавшие третий заказ, гораздо чаще остаются с магазином: работать стоит именно над переходом от второго заказа к третьему.
order-number-1 = Первый заказ
order-number-2 = Второй заказ
order-number-3 = Третий заказ
conversion-from-previous = { $share } от предыдущего шага
rfm-title = Клиенты по сегментам RFM
customers = Клиенты
share = Доля
revenue = Выручка
why = Почему
event-buyers-title = Покупатели к событию и разовые заказы
event-buyers-help = Купили к одному событию (костюмы к празднику) или отмечены как разовые: возврат не прогнозируется, к третьей покупке их не подталкиваем, а кампании не учитывают эти покупки в предложениях по категориям.
event-buyers-none = Покупателей к событию нет.
losing-value-title = Лучшие клиенты, которые теряют ценность
losing-value-none = Никто из лучших клиентов не сдаёт позиций.
customer = Клиент
value-18m = Потрачено за 18 месяцев
what-fell = Что снизилось
fell-orders = Меньше заказов
fell-spend = Ниже сумма покупок
fell-orders-and-spend = Меньше заказов, ниже сумма покупок

## Customers
search = Найти
search-placeholder = Имя, эл. почта, телефон или ID
any-rung = Любая ступень
any-state = Любое состояние
any-segment = Любой сегмент
any-consent = Любое согласие
consents-to = Согласие: { $channel }
country = Страна
tag = Тег
clv-from = Ценность на 12 месяцев вперёд, от
clv-to = Ценность на 12 месяцев вперёд, до

# $count (number): the count is over this number. After «более» the noun is in the genitive:
export-csv = Экспорт в CSV
contact = Контакты
rung = Ступень
state = Состояние
segment = Сегмент
orders = Заказы
spend = Потрачено
clv = Прогноз на 12 месяцев
last-order = Последний заказ
no-customers-match = Подходящих клиентов нет. Попробуйте убрать часть фильтров.

## One customer
placement = Место на лестнице
value = Ценность
p-alive = Вероятность, что это всё ещё ваш клиент
p-alive-short = Ещё клиент
expected-next-order = Ожидаемый следующий заказ
rfm = RFM
place = Местоположение
tags = Теги
tags-help = Разделяйте теги запятыми.
consent = Согласие
consent-unknown = Не спрашивали
history = История
no-history = Изменений пока нет.
change-rung = Ступень
change-state = Состояние
one-off = разовый
mark-one-off = Разовый: не считать предпочтением
unmark-one-off = Снова считать обычной покупкой
no-orders = Заказов пока нет.
interactions = Заметки и контакты
interaction-kind = Тип
note = Заметка
note-placeholder = Что произошло?
no-interactions = Пока ничего не записано.
customer-saved = Сохранено. Профиль ниже показывает изменение.
customer-created = Клиент добавлен. Ниже можно добавить его первый заказ или заметку.
order-saved = Заказ сохранён; место клиента на лестнице обновлено.
interaction-saved = Добавлено во взаимодействия.
one-off-saved = Сохранено. Разовый заказ не учитывается в предпочтениях и предложениях по категориям.
add-customer = Добавить клиента
new-customer = Новый клиент
customer-id = Код клиента
customer-id-help = Ваш постоянный код этого человека — тот, под которым его знают касса или интернет-магазин.
customer-kind = Человек или организация
customer-kind-person = Человек
customer-kind-business = Организация
industry = Отрасль
address = Адрес
region = Регион
birthday = День рождения
birthday-help = ГГГГ-ММ-ДД или --ММ-ДД без года.
profession = Профессия
income-band = Уровень дохода
referred-by = Кто привёл (код клиента)
custom-fields = Свои поля
custom-fields-help = По одному в строке: название: значение.
known-since = Знаем с
brought-by = Привёл
brought = Привёл(а)
consent-given = { $when }, { $where }
consent-history = Изменения согласий
consent-ledger = Журнал согласий (с подтверждениями)
consent-purpose-marketing = предложения
consent-purpose-newsletter = рассылка
consent-action-grant = дано
consent-action-withdraw = отозвано
consent-action-confirm = подтверждено
consent-method-form = веб-форма
consent-method-checkout = при оформлении заказа
consent-method-import = из файла
consent-method-staff = сотрудником
consent-method-api = система магазина (API)
consent-method-reply-stop = ответ СТОП
consent-method-one-click = отписка в один клик
consent-method-preference-page = страница настроек
consent-method-complaint = жалоба
consent-method-merge = объединение двух записей
consent-basis-consent = явное согласие
consent-basis-existing-customer = исключение для клиентов
consent-basis-imported = записи магазина
messages-sent = Сообщения
outbox-status-queued = ждёт отправки
outbox-status-held = отложено до своего времени
outbox-status-sending = отправляется
outbox-status-sent = отправлено
outbox-status-skipped = не отправлено
outbox-status-failed = не удалось
outbox-status-bounced = вернулось
outbox-reason-no-consent = нет согласия
outbox-reason-no-address = нет адреса в этом канале
outbox-reason-address-blocked = адрес заблокирован (возврат или жалоба)
outbox-reason-no-first-name = нет имени
outbox-reason-no-last-name = нет фамилии
outbox-reason-no-name = нет имени
outbox-reason-no-last-purchase = покупок пока нет
outbox-reason-no-recommended-product = нечего рекомендовать
outbox-reason-no-attributes = не хватает дополнительного поля
outbox-reason-no-shop = название магазина не задано
message-footer-unsubscribe = Отписаться
message-footer-preferences = Ваши настройки
message-sms-refusal = Отказ от рассылки: ответьте СТОП – { $shop }
outbox-reason-contacted-recently = недавно получал сообщение по этому каналу
outbox-reason-cap-reached = достигнут предел рекламных сообщений
outbox-reason-in-recovery = жалоба в работе: никаких предложений, пока она не закрыта
outbox-reason-quiet-hours = ждёт окончания тихих часов
outbox-reason-closed-day = ждёт рабочего дня
outbox-reason-recent-purchase = ждёт: покупка была несколько дней назад
outbox-reason-waiting-for-the-cap = ждёт, пока освободится лимит сообщений
outbox-reason-consent-withdrawn = согласие с тех пор отозвано
outbox-reason-customer-gone = клиент удалён
outbox-reason-no-template = у шаблона нет варианта для этого канала
add-order = Добавить заказ
order-id = Номер заказа
order-id-help = Оставьте пустым для нового номера; номер заказа этого клиента заменит тот заказ.
ordered-on = Дата
order-code = Код кампании
order-line-sku = Артикул
order-line-name = Товар
order-line-quantity = Количество
order-line-price = Цена за штуку
save-order = Сохранить заказ
one-off-help = Разовые заказы (подарок, костюм на один праздник) считаются покупками, но не входят в предпочтения и предложения по категориям.
event-buyer = Покупатель к событию
event-buyer-help = Все заказы отмечены как разовые: следующий заказ и ценность на 12 месяцев не прогнозируются, к третьей покупке его не подталкиваем.
customer-merged = Объединено: история обоих здесь, другой код теперь ведёт к этому клиенту, а по каждому каналу осталось более строгое из двух согласий.
customer-deleted = Клиент удалён вместе с заказами.
customer-erased = Персональные данные клиента стёрты; заказы остались обезличенными, а его email и телефон исключены из будущих рассылок.
duplicates-and-privacy = Дубликаты и персональные данные
merge-label = Объединить с этим клиентом дубликат с кодом
merge-button = Объединить
merge-help = Заказы, взаимодействия и история обоих сохраняются; поле, которого нет у этого клиента, берётся у другого; «нет» по любому каналу от любого из них остаётся в силе. Другой код продолжает работать в файлах и API.
merge-confirm = Объединить другого клиента с этим? Отменить нельзя.
export-data = Скачать всё, что хранится об этом клиенте (JSON)
erase-customer = Стереть персональные данные
delete-customer = Удалить вместе с заказами
erase-confirm = Стереть персональные данные этого клиента? Заказы останутся обезличенными. Отменить нельзя.
delete-confirm = Удалить этого клиента и все его заказы? Отменить нельзя.
erase-help = Стирание отвечает на запрос по закону о персональных данных: имя, контакты, свои поля, теги, согласия и заметки удаляются; заказы остаются под анонимным кодом для цифр магазина. Удаление убирает запись, созданную по ошибке, вместе с заказами.
edit-profile = Изменить профиль
first-name = Имя
last-name = Фамилия
company = Компания
phone = Телефон
city = Город
preferred-language = Предпочитаемый язык
preferred-channel = Предпочитаемый канал связи
status-cancelled = отменён
status-refunded = возвращён
status-completed = выполнен

## Ladder
ladder-title = Лестница лояльности
ladder-intro = Кто стоит на каждой ступени и как помочь им подняться выше.
playbook = Что делать
playbook-suspect = Знакомы, но молчат: пригласите их зарегистрироваться или зайти в магазин.
playbook-prospect = Проявили интерес: предложение на первый заказ — один раз и по каналу, который они выбрали.
playbook-customer = Один заказ: спросите, понравился ли товар, и предложите логичную вторую покупку.
playbook-repeat = Два заказа: после третьего клиент станет постоянным; предложите попробовать что-то новое.
playbook-loyal = Постоянные клиенты: благодарите их, сообщайте им новости первыми и никогда не засыпайте сообщениями.
playbook-advocate = Приводят друзей: лично поблагодарите их и сделайте так, чтобы рекомендовать вас было легко.

## Settings
api-tokens = API-токены
api-tokens-help = Токены позволяют системам вашего магазина работать с JSON API с вашими правами. Описание API:
api-token-created = Скопируйте токен сейчас — больше он показан не будет:
no-tokens = Токенов пока нет.
token-name = Для чего этот токен
token-valid-through = Действует по (необязательно)
token-expires = Действует по
token-no-expiry = до отзыва
token-expiry-past = Токен не может истечь в день, который уже прошёл.
own-password = Ваш пароль
current-password = Текущий пароль
new-password = Новый пароль
change-password = Сменить пароль
password-changed = Пароль изменён; остальные ваши сеансы завершены.
password-wrong = Текущий пароль указан неверно.
create-token = Создать токен
created = Создан
last-used = Последнее использование
revoke = Отозвать
token-revoked = Токен отозван.
users = Пользователи
enabled = Вход разрешён
add-user = Добавить пользователя
user-added = Пользователь добавлен.
user-changed = Данные пользователя изменены.
user-exists = Пользователь с таким адресом эл. почты уже есть.
user-email-invalid = Введите правильный адрес эл. почты.
user-role-invalid = Выберите роль.
user-last-owner = В магазине должен быть хотя бы один владелец, которому разрешён вход.
audit-log = Журнал действий
when = Когда
who = Кто
what = Что
target = Объект

## Lifecycle, segments, channels, interactions
stage-reach = Охват
stage-acquisition = Привлечение
stage-development = Развитие
stage-retention = Удержание
stage-advocacy = Рекомендации
segment-champions = Чемпионы
segment-loyal = Лояльные
segment-potential_loyalist = Потенциально лояльные
segment-new = Новички
segment-promising = Перспективные
segment-need_attention = Требуют внимания
segment-about_to_sleep = Засыпающие
segment-cant_lose = Нельзя потерять
segment-at_risk = В зоне риска
segment-hibernating = Остывшие
channel-email = эл. почта
channel-sms = SMS
channel-phone = телефон
channel-mail = обычная почта
channel-fax = факс
interaction-inquiry = Запрос
interaction-sign_up = Регистрация
interaction-visit = Визит
interaction-click = Клик
interaction-call = Звонок
interaction-email = Письмо
interaction-meeting = Встреча
interaction-referral = Приглашение друга
interaction-complaint = Жалоба
interaction-feedback = Отзыв
interaction-recommendation = Рекомендация
interaction-note = Заметка

## Segments
segments-intro = Сегмент — это сохранённый набор фильтров. В него всегда входят клиенты, которые подходят под фильтры сейчас, поэтому он сам обновляется, когда клиенты переходят на другие ступени лестницы.
segments-saved-title = Сохранённые сегменты
segments-name = Название
segments-text = Текст
segments-filters = Фильтры
segments-members = Сейчас в сегменте
segments-edit = Изменить
segments-delete = Удалить
segments-delete-confirm = Удалить сегмент { $name }? Сами клиенты не изменятся.
segments-none = Сегментов пока нет. Соберите сегмент ниже и сохраните его.
segments-new = Новый сегмент
segments-edit-title = Изменение сегмента { $name }
segments-live-count = Подходят сейчас:
segments-count = Посчитать
segments-name-placeholder = Например: постоянные клиенты, согласные на рассылку по эл. почте
segments-see-members = Показать клиентов
segments-everyone = Все клиенты
segments-saved = Сегмент сохранён.
segments-deleted = Сегмент удалён.
segments-name-missing = Укажите название сегмента.
segments-name-too-long = Название может содержать не более 100 символов.
segments-name-taken = Сегмент с таким названием уже есть; выберите другое название.
segments-filter-invalid = В одном из фильтров указано значение, которое Ladder не знает. Выберите его заново из списка.
segments-value-invalid = Укажите границы простыми числами, например 2500,50; меньшее значение — первым.

## Import
import-title = Импорт файлов CSV
import-upload-title = Загрузка файла
import-intro = Сначала Ladder проверяет каждую строку и показывает, что сделает импорт. Ничего не записывается, пока вы не нажмёте «Импортировать».
import-kind = Что в файле
import-kind-customers = Клиенты
import-kind-orders = Заказы
import-kind-interactions = Заметки и контакты
import-file = Файл CSV
import-file-help = В кодировке UTF-8, со строкой заголовков, не больше { $megabytes } МБ.
import-check = Проверить файл
import-columns-title = Столбцы
import-columns-required = Обязательные:
import-columns-optional = Необязательные:
import-columns-orders-note = Одна строка — одна позиция заказа.
import-columns-custom = Любой другой столбец сохраняется как дополнительное поле.
import-order-hint = Сначала импортируйте клиентов: заказы и заметки ссылаются на них по customer_id.
import-report-title = Проверка файла { $name }
import-nothing-written = Пока ничего не записано.
import-result-title = Импорт файла { $name }
import-done =
    { $count ->
        [one] Готово: добавлена или изменена { $count } строка.
        [few] Готово: добавлены или изменены { $count } строки.
        [many] Готово: добавлено или изменено { $count } строк.
       *[other] Готово: добавлено или изменено { $count } строки.
    }
import-rows-read = Прочитано строк
import-would-insert = Будет добавлено
import-would-update = Будет изменено
import-inserted = Добавлено
import-updated = Изменено
import-unchanged = Уже актуальны
import-rejected = С ошибками
import-bad-rows = Строки с ошибками
import-bad-rows-shown =
    { $count ->
        [one] Показаны первые { $shown } из { $count } строки с ошибками.
        [few] Показаны первые { $shown } из { $count } строк с ошибками.
        [many] Показаны первые { $shown } из { $count } строк с ошибками.
       *[other] Показаны первые { $shown } из { $count } строки с ошибками.
    }
import-line = Строка
import-column = Столбец
import-value = Значение
import-problem = Ошибка
import-all-or-nothing = Импорт выполняется целиком или не выполняется вовсе: пока в строках есть ошибки, ничего не будет импортировано, если вы не решите их пропустить. Можно также исправить файл и проверить его снова.
import-skip-invalid =
    { $count ->
        [one] Импортировать правильные строки и пропустить { $count } строку с ошибкой
        [few] Импортировать правильные строки и пропустить { $count } строки с ошибками
        [many] Импортировать правильные строки и пропустить { $count } строк с ошибками
       *[other] Импортировать правильные строки и пропустить { $count } строки с ошибками
    }
import-all-valid =
    { $count ->
        [one] Ошибок нет: проверена { $count } строка.
        [few] Ошибок нет: проверены { $count } строки.
        [many] Ошибок нет: проверено { $count } строк.
       *[other] Ошибок нет: проверено { $count } строки.
    }
import-run = Импортировать
import-no-rows = В файле нет строк с данными.
import-no-valid-rows = Ни одну строку файла нельзя импортировать. Исправьте файл и проверьте его снова.
import-rescore = Оценка клиентов пока не учитывает новые данные.
import-rescore-ask = Попросите владельца магазина запустить оценку заново или выполните `ladder score`.
import-missing-columns = В строке заголовков нет обязательных столбцов: { $missing }. В файле есть: { $found }.
import-unreadable = Файл не удаётся прочитать как CSV: { $message }
import-unreadable-line = Строку { $line } не удаётся прочитать как CSV: { $message }
import-invalid-row = Строка { $line }, столбец { $column }, значение «{ $value }»: { $problem } Ничего не импортировано.
import-choose-kind = Укажите, что содержит файл.
import-no-file = Выберите файл CSV для загрузки; выбранный файл пуст.
import-too-large = Файл больше { $megabytes } МБ. Разделите его на файлы поменьше или импортируйте на сервере командой `ladder import`.
import-upload-gone = Загруженный файл больше не хранится: загрузки хранятся один час. Загрузите его снова.

## Shop settings
settings-account = Учётная запись и пользователи
nav-shop-settings = Настройки магазина
shop-read-only = Изменять эти настройки может только владелец магазина.
shop-currency-title = Валюта
shop-field-currency = Валюта магазина
shop-help-currency = Код ISO 4217, например RUB, EUR или USD. Сумма покупок клиентов и выручка считаются только по заказам в этой валюте.
shop-model-title = Состояния по модели покупок
shop-model-intro = Когда повторных клиентов достаточно, Ladder оценивает для каждого покупателя вероятность того, что он всё ещё ваш клиент, — P(alive) — и по ней определяет состояние.
shop-field-active_p_alive = Порог «Активный» по P(alive)
shop-help-active_p_alive = Активный, если вероятность не ниже этого значения, от 0 до 1 (по умолчанию 0,6).
shop-field-at_risk_p_alive = Порог «В зоне риска» по P(alive)
shop-help-at_risk_p_alive = В зоне риска, если не ниже этого значения и ниже порога «Активный» (по умолчанию 0,3).
shop-field-lapsed_p_alive = Порог «Спящий» по P(alive)
shop-help-lapsed_p_alive = Спящий, если не ниже этого значения и ниже порога «В зоне риска»; ниже — ушедший (по умолчанию 0,1).
shop-field-min_repeat_customers = Минимум повторных клиентов для модели
shop-help-min_repeat_customers = Если клиентов, заказывавших в два разных дня, меньше, состояния определяются по времени с последнего заказа (по умолчанию 30).
shop-recency-title = Состояния по времени с последнего заказа
shop-recency-intro = Без модели, а также для покупателей с одним днём заказов состояние определяется сравнением числа дней с последнего заказа с обычным для клиента промежутком между заказами или с обычным для магазина промежутком от первого заказа до второго.
shop-field-at_risk_gaps = В зоне риска через (промежутков)
shop-help-at_risk_gaps = В зоне риска, когда дней с последнего заказа больше, чем это число промежутков (по умолчанию 2).
shop-field-lapsed_gaps = Спящий через (промежутков)
shop-help-lapsed_gaps = Спящий, когда дней больше, чем это число промежутков (по умолчанию 3).
shop-field-lost_gaps = Ушедший через (промежутков)
shop-help-lost_gaps = Ушедший после этого числа промежутков или указанного ниже числа дней — смотря что позже (по умолчанию 6).
shop-field-lost_min_days = Ушедший не раньше чем через (дней)
shop-help-lost_min_days = Раньше этого срока никто не считается ушедшим (по умолчанию 365).
shop-save-help = Новые пороги действуют со следующей оценки.
shop-saved = Настройки сохранены. Запустите оценку, чтобы распределить клиентов по новым порогам.
shop-scoring-title = Оценка клиентов
shop-not-scored = Клиенты ещё не оценены.
shop-score-now = Оценить сейчас
shop-score-help = Распределяет всех клиентов на сегодняшний день по сохранённым порогам. В большом магазине это занимает некоторое время.
shop-scored =
    { $count ->
        [one] Оценка завершена: на лестнице размещён { $count } клиент.
        [few] Оценка завершена: на лестнице размещены { $count } клиента.
        [many] Оценка завершена: на лестнице размещено { $count } клиентов.
       *[other] Оценка завершена: на лестнице размещено { $count } клиента.
    }
shop-problem-number = В поле «{ $field }» нужно указать число.
shop-problem-currency = «{ $code }» — не код валюты ISO 4217, например RUB или USD.
shop-problem-probability = Значение «{ $field }» должно быть от 0 до 1.
shop-problem-positive = Значение «{ $field }» должно быть больше 0.
shop-problem-above = Значение «{ $field }» не может быть больше, чем «{ $limit }».

## Movement on the ladder
movement-title = Движение по лестнице
movement-since = С даты
show = Показать
movement-from = Откуда
movement-to = Куда
movement-count = Переходы
movement-new = Впервые размещены
movement-none = За этот период никто не сменил ступень.
ladder-moved-in = перешли на ступень за 30 дней: { $count }
ladder-moved-out = покинули ступень: { $count }

## Reports

nav-reports = Отчёты
cohorts-title = Когорты: кто продолжает покупать
cohorts-first-order = Первый заказ
cohorts-size = Клиенты
cohorts-months-since = Месяцев после первого заказа
cohorts-help = Каждая строка — клиенты, сделавшие первый заказ в этом месяце; каждая ячейка — доля тех из них, кто снова сделал заказ спустя столько месяцев.
cohorts-none = Когорт пока нет: они появятся после оценки заказов.
third-by-cohort-title = Третья покупка по месяцу первого заказа
third-by-cohort-help = Из покупателей, чей первый заказ пришёлся на каждый месяц: доля сделавших второй и третий заказ и медиана дней между ними. У последних месяцев было меньше времени.
third-by-campaign-title = Третья покупка по кампании первого заказа
third-by-campaign-help = Какие кампании приводят возвращающихся покупателей: доля их покупателей со вторым и третьим заказом.
first-campaign = Кампания первого заказа
no-campaign = Без кода кампании
days-to-second = Дней до 2-го
days-second-to-third = Дней от 2-го до 3-го
clv-title = Клиенты по прогнозу ценности на 12 месяцев
clv-range = { $from } – { $to }
clv-range-open = { $from } и больше
clv-help = Сколько, по последней оценке, каждый клиент потратит за следующие 12 месяцев.
clv-none = Ни у одного клиента пока нет прогноза ценности на 12 месяцев.

## Orders and products in filters
orders-from = Заказов от
orders-to = Заказов до
product-or-category = Товар (артикул) или категория
moved-from = со ступени «{ $rung }»
moved-to = на ступень «{ $rung }»

## Campaigns

nav-campaigns = Кампании
campaigns-title = Кампании
campaigns-intro = Во что обошлась каждая кампания и что она принесла, кого и какой ценой привлекла — и вернулись ли эти клиенты за вторым и третьим заказом. Все цифры рассчитываются по заказам и затратам.
campaigns-as-of = Учитывать заказы до
campaigns-show = Показать
campaigns-none = Кампаний пока нет. Создайте кампанию с кодами, которые указываются в её заказах, и здесь появятся её результаты.
campaigns-help = ROI = (выручка − затраты) ÷ затраты. Кампания привлекла клиента, если в его первом заказе (или при регистрации) указан её код и это произошло в период учёта кампании.
campaigns-charts-help = Дешёвое привлечение немного стоит, если никто не возвращается: сравните затраты на привлечённого клиента с долей тех, кто дошёл до третьего заказа, и с их прогнозной ценностью.
campaign-new = Новая кампания
campaign-create = Создать кампанию
campaign-edit = Изменить кампанию
campaign-name = Кампания
campaign-cost = Затраты
campaign-revenue = Выручка
campaign-responses = Отклики
campaign-sales = Продажи
campaign-roi = ROI
campaign-roi-none = затраты не внесены
campaign-acquired = Привлечено клиентов
campaign-cpa = Затраты на привлечённого клиента
campaign-second-order = Дошли до 2-го заказа
campaign-third-order = Дошли до 3-го заказа
campaign-third-order-title = Привлечённые клиенты, дошедшие до 3-го заказа
campaign-value-per-acquired = Прогноз ценности на 12 месяцев в расчёте на привлечённого клиента
# $budget (string): the budget, formatted.
campaign-of-budget = из бюджета { $budget }
# $value (string): the expected figure, formatted.
campaign-expected-short = план: { $value }
campaign-expected = План
campaign-actual = Фактически
campaign-versus-title = План и факт
campaign-quality-title = Что привлечённые клиенты сделали потом
campaign-quality-help = Кампания, которая приводит разовых покупателей «по случаю», стоит меньше той, что приводит постоянных клиентов.
campaign-revenue-12m = Выручка за их первые 12 месяцев
campaign-clv = Прогноз ценности на 12 месяцев
# $value (string): an amount, formatted.
campaign-per-customer = { $value } на клиента
campaign-rungs-title = На каких ступенях привлечённые клиенты сейчас
# $count (number): acquired customers the last scoring has not placed yet.
campaign-unscored = { $count ->
    [one] { $count } привлечённый клиент ещё не оценён.
    [few] { $count } привлечённых клиента ещё не оценены.
    [many] { $count } привлечённых клиентов ещё не оценены.
   *[other] { $count } привлечённого клиента ещё не оценены.
}
campaign-weeks-title = Учтённая выручка по времени
# $date (string): the first day of the week.
campaign-week-of = неделя с { $date }
campaign-weeks-none = Кампания ещё не началась.
campaign-acquired-title = Клиенты, которых она привела
campaign-reactivated = Вернула
campaign-reactivated-help = Уснувшие покупатели, снова заказавшие с её кодом
campaign-reactivated-title = Уснувшие покупатели, которых она вернула
campaign-reactivated-none = Никто из уснувших покупателей не заказал с её кодами в её окне. Здесь видно действие кампании возврата: покупатели под угрозой ухода или ушедшие — без заказа дольше двух своих обычных интервалов и не меньше 60 дней, — снова заказавшие с кодом.
campaign-days-quiet = Дней без заказа
campaign-acquired-none = Кампания пока никого не привлекла.
campaign-acquired-csv = Скачать всех в CSV
campaign-customer = Клиент
campaign-how = Способ привлечения
campaign-on = Дата
campaign-orders = Заказы
campaign-rung-now = Ступень сейчас
campaign-not-scored = оценки ещё нет
campaign-by-signup = регистрация с кодом
# $order (string): the order's id.
campaign-by-order = первый заказ { $order }
# $count (number): rows not shown.
campaign-more = { $count ->
    [one] и ещё { $count } строка.
    [few] и ещё { $count } строки.
    [many] и ещё { $count } строк.
   *[other] и ещё { $count } строки.
}
campaign-counted-title = Учтённые заказы
campaign-counted-none = Пока не учтён ни один заказ с кодами кампании.
campaign-excluded-title = Заказы с кодом, которые не учтены
campaign-excluded-none = Нет.
campaign-why-not = Почему не учтён
campaign-excluded-outside_window = вне периода учёта кампании
campaign-excluded-refunded = возвращён
campaign-excluded-cancelled = отменён
campaign-order = Заказ
campaign-amount = Сумма
campaign-costs-title = Затраты
campaign-costs-none = Затраты пока не внесены: пока их нет, ROI рассчитать нельзя.
campaign-cost-note = На что
campaign-cost-total = Фактические затраты
campaign-cost-add = Добавить затраты
campaign-costs-import-title = Импорт затрат из файла CSV
campaign-costs-import-help = Одна строка — одна статья затрат: ID кампании, дата (YYYY-MM-DD), сумма в валюте магазина и необязательная заметка. Добавляются либо все строки, либо ни одной; уже внесённые строки повторно не добавляются, так что один и тот же файл можно без опаски импортировать дважды.
campaign-costs-import = Импортировать затраты
# $added (number): costs added; $already (number): rows already recorded.
campaign-costs-imported = { $added ->
    [one] Добавлена { $added } статья затрат
    [few] Добавлены { $added } статьи затрат
    [many] Добавлено { $added } статей затрат
   *[other] Добавлено { $added } статьи затрат
}; уже были внесены ранее: { $already }.
campaign-saved = Кампания сохранена.
campaign-cost-added = Затраты добавлены.
campaign-codes = Коды
campaign-target = Целевая аудитория
# $days (number): days after the end; $date (string): the last day orders count.
campaign-window = заказы учитываются до { $date } ({ $days } дн. после окончания)
campaign-window-open = без ограничения: дата окончания не задана
campaign-no-currency = У магазина пока не указана валюта: сначала импортируйте заказы или укажите её в настройках магазина.
# $id (string): the campaign id.
campaign-id-taken = Кампания с ID { $id } уже есть; откройте её, чтобы изменить, или выберите другой ID.
# $field (string): the field's name; $value (string): what was typed; $problem (string): what is wrong.
campaign-field-invalid = { $field } («{ $value }»): { $problem }
campaign-help-codes = Коды купонов или UTM-метки, которые указываются в заказах и при регистрации по этой кампании, через запятую; регистр букв не учитывается.
campaign-field-id = ID
campaign-field-name = Название
campaign-field-kind = Тип
campaign-field-channel = Канал
campaign-field-status = Статус
campaign-field-starts = Первый день
campaign-field-ends = Последний день
campaign-field-codes = Коды
campaign-field-window_days = Сколько дней после окончания ещё учитывать заказы
campaign-field-target_segment = Целевой сегмент
campaign-field-target_size = Размер целевой аудитории
campaign-field-budget = Бюджет
campaign-field-expected_revenue = Плановая выручка
campaign-field-expected_responses = Плановые отклики
campaign-field-expected_sales = Плановые продажи
campaign-field-notes = Заметки
campaign-field-spent_on = Дата
campaign-field-amount = Сумма
campaign-kind-advertisement = Реклама
campaign-kind-email = Эл. почта
campaign-kind-sms = SMS
campaign-kind-direct_mail = Рассылка обычной почтой
campaign-kind-social = Соцсети
campaign-kind-referral_programme = Программа «Приведи друга»
campaign-kind-event = Мероприятие
campaign-kind-other = Другое
campaign-status-planning = Планируется
campaign-status-active = Идёт
campaign-status-completed = Завершена
campaign-status-cancelled = Отменена
campaign-help-target-segment = Имя сохранённого сегмента связывает кампанию с теми, кто в нём сейчас.

## What is wrong with a value (forms, the API, imports)

problem-required = Обязательное поле.
problem-too-long =
    Не больше { $max } { $max ->
        [one] символа
       *[other] символов
    }.
problem-not-email = Это не адрес электронной почты; напишите его так: name@example.com.
problem-not-phone = Это не номер телефона: используйте цифры, пробелы, +, - и скобки, от 5 до 15 цифр.
problem-not-date = Это не дата; используйте формат { $expected }.
problem-not-gregorian = Год { $year } раньше 1900: даты здесь — по григорианскому календарю (ГГГГ-ММ-ДД, например 2026-11-23). Переведите даты иранского или еврейского календаря до импорта.
problem-template-syntax = Шаблон не читается в строке { $line }: { $detail }
problem-unknown-merge-field = { $field } — не поле подстановки; используйте first_name, last_name, name, shop.name, last_purchase.date, last_purchase.product_name, last_purchase.category, recommended_product.name, recommended_product.price, club.card_number, club.referral_code, club.tier, club.points, club.perks, unsubscribe_url, preferences_url или attributes.NAME
problem-in-future = Эта дата ещё не наступила.
problem-in-past = Эта дата уже прошла; укажите сегодняшний или более поздний день.
problem-not-whole-number = Введите целое число.
problem-not-number = Введите число.
problem-not-between = Введите число от { $min } до { $max }.
problem-not-positive = Введите число больше 0.
problem-below-minimum = Введите { $min } или больше.
problem-above-maximum = Введите { $max } или меньше.
problem-above-field = Значение не может быть больше, чем «{ $other }».
problem-below-field = Значение не может быть меньше, чем «{ $other }».
problem-not-one-of = Используйте одно из значений: { $choices }.
problem-not-currency = Это не код валюты; используйте три буквы, например RUB, EUR, ILS или IRR.
problem-not-country = Используйте двухбуквенный код страны, например RU, IL, IR или GB.
problem-not-time-zone = Это не часовой пояс; используйте, например, Europe/Moscow, Asia/Jerusalem или Asia/Tehran.
problem-password-too-short =
    Пароль должен содержать не меньше { $min } { $min ->
        [one] символа
       *[other] символов
    }.
problem-password-is-email = Пароль не может совпадать с адресом электронной почты.
problem-wrong-password = Текущий пароль указан неверно.
problem-taken = Это значение уже используется.
problem-unknown = Записи с таким идентификатором нет.
problem-in-field = { $field }: { $problem }

## More problems, mostly of imported rows

problem-not-yes-or-no = Это не «да» и не «нет».
problem-not-birthday = Это не день рождения; пишите ГГГГ-ММ-ДД или --ММ-ДД, если год неизвестен.
problem-not-attribute = Пишите каждое своё поле отдельной строкой: название: значение (размер обуви: 38).
problem-not-amount = Это не сумма; напишите десятичное число, например 12.50.
# $currency (text): the currency's code; $decimals (number): its decimals.
problem-too-precise = Здесь больше знаков после запятой, чем допускает { $currency } ({ $decimals }).
problem-too-large = Это слишком много.
problem-negative-quantity = Это отрицательное число; количество не меньше 1 (для возвратов используйте статус refunded).
problem-negative-price = Это отрицательное число; для возвратов используйте статус refunded.
problem-self-referral = Это сам клиент; клиент не может рекомендовать сам себя.
problem-unknown-referrer = Это неизвестный клиент; импортируйте и того, кто рекомендовал, или оставьте referred_by пустым.
problem-unknown-customer = Это неизвестный клиент; сначала импортируйте файл клиентов.
# $line (number): the order's first line in the file.
problem-differs-from-first-line = Это отличается от первой строки заказа (строка { $line }); у всех строк заказа общие клиент, время, валюта, статус, код и отметка «разовый».
problem-order-of-another-customer = Этот заказ уже принадлежит другому клиенту.
# $line (number): the line of the file where the quote opened.
problem-unclosed-quote = Кавычка ("), открытая в строке { $line }, не закрыта, и следующие строки попали в это значение; закройте кавычку или удалите её.
# $currency (text): the shop's currency.
problem-not-shop-currency = Это не валюта магазина; расходы кампаний ведутся в { $currency }, сначала пересчитайте сумму.
problem-not-card-number = Это не номер карты: в номере карты от 12 до 19 цифр.
problem-card-check-digit = Контрольная цифра номера карты не сходится; проверьте, нет ли опечатки.
problem-card-blocked = Эта карта заблокирована { $on }: попросите новую карту участника или найдите его по телефону или имени.
problem-not-enough-points = Больше, чем участник может потратить: сейчас доступно { $available ->
        [one] { $available } балл
        [few] { $available } балла
       *[many] { $available } баллов
    }.

## Field names, where a problem names its field

field-phone = Телефон
field-customer-id = Код клиента
field-referred-by = Кто привёл
field-time-zone = Часовой пояс
field-kind = Тип
field-region = Регион
field-address = Адрес
field-birthday = День рождения

## Background jobs

nav-jobs = Задачи
job-kind-score = Оценка
job-kind-import = Импорт
job-kind-noop = Пробная задача
job-kind-housekeeping = Обслуживание
job-status-queued = Ожидает
job-status-running = Выполняется
job-status-done = Готово
job-status-failed = Ошибка, будет повтор
job-status-dead = Не удалась
job-status-cancelled = Отменена
# $attempt (number): this attempt; $of (number): the most attempts.
job-attempt = Попытка { $attempt } из { $of }
# $done (number), $total (number): rows or customers so far and in all.
job-progress = { $done } из { $total }
job-running = Выполняется…
job-waiting = Ожидает обработчика…
job-refreshes = Страница обновляется сама, пока задача не закончится; её можно закрыть, задача продолжится.
job-error = Что пошло не так:
job-retry = Повторить
job-cancel = Отменить
job-busy = Задача с той же работой уже ждёт или выполняется; эта задача не возвращена в очередь.
# $rungs (number), $states (number): changes recorded.
job-scored-changes = Записано изменений ступени: { $rungs }, изменений состояния: { $states }.
jobs-intro = Оценки и импорты выполняются в фоне. Неудачная задача повторяется несколько раз; те, что так и не удались, ждут вас здесь.
jobs-all = Все
jobs-kind = Задача
jobs-status = Состояние
jobs-created = Запрошена
jobs-attempts = Попытки
jobs-error = Последняя ошибка
jobs-none = Задач пока нет.
import-another = Импортировать другой файл
import-pair-title = Сопоставьте столбцы файла
import-pair-intro = В файле { $file } ({ $kind }) столбцы названы по-своему. Укажите, что в каждом; Ladder запомнит это для следующего файла с такими же столбцами.
import-pair-remembered = Сопоставлено как в прошлый раз для файла с такими столбцами.
import-pair-theirs = Столбец в файле
import-pair-sample = Первое значение
import-pair-ours = Поле Ladder
import-pair-custom = Своё поле, под этим именем
import-pair-left-out = Пропустить
import-pair-help = Поля со * обязательны. Каждому полю Ladder — не больше одного столбца.
import-pair-problem = { $column }: { $problem }

## The shop's profile

shop-profile-title = Магазин
shop-profile-intro = Где магазин и когда он открыт: дни и часы считаются в его часовом поясе, сообщения отправляются от его имени.
shop-field-name = Название магазина
shop-field-country = Страна
shop-field-city = Город
shop-field-time_zone = Часовой пояс
shop-field-language = Язык магазина
shop-field-opening_days = Открыт по дням
shop-field-sender_name = Имя отправителя
shop-field-sender_address = Почтовый адрес
shop-field-sender_email = Почта отправителя
shop-field-sender_phone = Телефон отправителя
shop-help-country = Две буквы, например RU, IL, IR или GB.
shop-help-time_zone = Например Europe/Moscow, Asia/Jerusalem или Asia/Tehran.
shop-help-sender_address = Печатается в письмах и внизу электронных писем, как требует закон.
shop-sender-title = Отправитель
shop-sender-intro = От кого приходят сообщения и как клиенты могут связаться с магазином.
weekday-mon = Понедельник
weekday-tue = Вторник
weekday-wed = Среда
weekday-thu = Четверг
weekday-fri = Пятница
weekday-sat = Суббота
weekday-sun = Воскресенье

## The audit log

audit-by-cli = Командная строка
audit-by-system = Ladder
# $email (text): the token owner's email.
audit-by-token = API-токен { $email }
audit-action-customer-created = Добавил клиента
audit-action-customer-changed = Изменил клиента
audit-action-customer-merged = Объединил двух клиентов
audit-action-customer-deleted = Удалил клиента
audit-action-customer-erased = Стёр персональные данные клиента
audit-action-customer-exported = Выгрузил данные клиента
audit-action-address-suppressed = Заблокировал адрес (возврат или жалоба)
audit-action-address-unsuppressed = Разблокировал адрес
audit-action-template-saved = Сохранил шаблон сообщения
audit-action-broadcast-created = Составил рассылку
audit-action-broadcast-sent = Отправил рассылку
audit-action-broadcast-enqueued = Поставил сообщения рассылки в очередь
audit-action-message-enqueued = Поставил сообщение в очередь
audit-action-interaction-added = Записал обращение
audit-action-order-saved = Сохранил заказ
audit-action-order-one-off = Отметил заказ разовым
audit-action-import-run = Импортировал файл
audit-action-import-columns-paired = Сопоставил столбцы файла
audit-action-scoring-run = Оценил клиентов
audit-action-job-enqueued = Запросил задачу
audit-action-job-retried = Повторил задачу
audit-action-job-cancelled = Отменил задачу
audit-action-user-created = Добавил пользователя
audit-action-user-changed = Изменил пользователя
audit-action-user-signed-in = Вошёл
audit-action-user-sign-in-failed = Неудачный вход
audit-action-user-signed-out = Вышел
audit-action-token-created = Создал API-токен
audit-action-token-revoked = Отозвал API-токен
audit-action-segment-saved = Сохранил сегмент
audit-action-segment-deleted = Удалил сегмент
audit-action-campaign-saved = Сохранил кампанию
audit-action-campaign-cost-added = Добавил расход кампании
audit-action-campaign-costs-imported = Импортировал расходы кампаний
audit-action-settings-changed = Изменил настройки магазина
audit-action-demo-created = Создал демо-магазин

## Reasons: why a customer stands where they stand

reason-known-contact = известный контакт; обращений и заказов пока нет
# $count (number): interactions.
reason-interactions = { $count ->
        [one] { $count } обращение
        [few] { $count } обращения
        [many] { $count } обращений
       *[other] { $count } обращения
    }; заказов пока нет
# $count (number): interactions; $last (text): the latest one's kind; $on (text): its date.
reason-interactions-last = { $count ->
        [one] { $count } обращение
        [few] { $count } обращения
        [many] { $count } обращений
       *[other] { $count } обращения
    }, последнее: { $last } { $on }; заказов пока нет
reason-referred = пришёл по рекомендации клиента; заказов пока нет
# $n (number): the order's number; $on (text): its date.
reason-order-on = { $n }-й заказ { $on }
# $n (number): counted orders.
reason-orders = { $n ->
        [one] { $n } заказ
        [few] { $n } заказа
        [many] { $n } заказов
       *[other] { $n } заказа
    }
# $order (text): the order that made the rung, as reason-order-on says it; $standing: active or at_risk.
reason-loyal = { $order }, { $standing ->
        [at_risk] в зоне риска
       *[other] активен
    }
# $order (text): as above; $state (text): lapsed, lost, or none (at risk stays loyal).
reason-not-active = { $order }, но { $state ->
        [at_risk] в зоне риска
        [lapsed] спящий
        [lost] ушёл
       *[other] не активен
    }
# $order (text): as above; $buyers (number): referred customers who ordered.
reason-advocate-referrals = постоянный ({ $order }, { $standing ->
        [at_risk] в зоне риска
       *[other] активен
    }), и { $buyers ->
        [one] { $buyers } приведённый клиент уже заказал
        [few] { $buyers } приведённых клиента уже заказали
        [many] { $buyers } приведённых клиентов уже заказали
       *[other] { $buyers } приведённого клиента уже заказали
    }
# $order (text): as above.
reason-advocate-recommended = постоянный ({ $order }, { $standing ->
        [at_risk] в зоне риска
       *[other] активен
    }) и публично рекомендовал нас
# $days (number): days since the last order.
reason-since-order = { $days ->
        [0] последний заказ сегодня
        [1] последний заказ вчера
        [one] последний заказ { $days } день назад
        [few] последний заказ { $days } дня назад
        [many] последний заказ { $days } дней назад
       *[other] последний заказ { $days } дня назад
    }
# $days (number): days since the last order.
reason-no-order-for = { $days ->
        [one] нет заказов { $days } день
        [few] нет заказов { $days } дня
        [many] нет заказов { $days } дней
       *[other] нет заказов { $days } дня
    }
# $days (number or text): the customer's usual gap.
reason-usual-own = { $days ->
        [one] обычно раз в { $days } день
        [few] обычно раз в { $days } дня
        [many] обычно раз в { $days } дней
       *[other] обычно раз в { $days } дня
    }
# $days (number or text): the shop's usual gap from a first to a second order.
reason-usual-shop = { $days ->
        [one] клиенты обычно возвращаются в течение { $days } дня
       *[other] клиенты обычно возвращаются в течение { $days } дней
    }
# $first (text), $second (text): two parts of a reason.
reason-and = { $first }, { $second }
# $days (number): days since the last order; $state (text): at_risk, lapsed or lost; $after (number or text): days after which the state begins.
reason-overdue = { $days ->
        [one] нет заказов { $days } день
        [few] нет заказов { $days } дня
        [many] нет заказов { $days } дней
       *[other] нет заказов { $days } дня
    } ({ $state ->
        [at_risk] в зоне риска
        [lapsed] спящий
       *[lost] ушёл
    } после { $after } дн.)
# $days, $state, $after: as above; $usual (text): the usual gap.
reason-overdue-usual = { $days ->
        [one] нет заказов { $days } день
        [few] нет заказов { $days } дня
        [many] нет заказов { $days } дней
       *[other] нет заказов { $days } дня
    }, { $usual } ({ $state ->
        [at_risk] в зоне риска
        [lapsed] спящий
       *[lost] ушёл
    } после { $after } дн.)
# $now (text): P(alive).
reason-p-alive = P(alive) { $now }
# $before (text), $now (text): P(alive) at the previous scoring and now.
reason-p-alive-fell = P(alive) упала с { $before } до { $now }
# $before (text), $now (text): as above.
reason-p-alive-rose = P(alive) выросла с { $before } до { $now }
# $what (text): the figure; $why (text): the history behind it.
reason-because = { $what }: { $why }
reason-no-order-yet = к этой дате нет засчитанных заказов
# $stage (text): the lifecycle stage; $rung (text): the rung.
reason-lifecycle = { $stage }, по ступени лестницы: { $rung }
# $customers (number), $repeat (number): buyers and repeat buyers fitted on; $r, $alpha, $a, $b (text): the parameters; $spend (text): yes or no.
reason-model-fitted = состояния по P(alive) модели BG/NBD, подобранной на { $customers } клиентах ({ $repeat } с повторными покупками): r = { $r }, α = { $alpha } дн., a = { $a }, b = { $b }; { $spend ->
        [yes] траты по Gamma-Gamma
       *[no] без модели трат (мало повторных трат)
    }
# $repeat (number): customers who ordered on two different days; $needed (number): how many the model needs.
reason-model-too-few-repeat = состояния по правилу давности: лишь { $repeat } клиентов заказывали в два разных дня, а BG/NBD нужно { $needed }
reason-model-not-converged = состояния по правилу давности: подбор BG/NBD не сошёлся
# $error (text): the fit's error, in English.
reason-model-failed = состояния по правилу давности: BG/NBD не удалось подобрать ({ $error })
# $on (text): the day; $categories (text): the categories.
reason-event-occasion-day = все покупки были { $on }, в сезонных категориях ({ $categories })
# $from (text), $to (text): the first and last day; $categories (text): the categories.
reason-event-occasion = все покупки были с { $from } по { $to }, в сезонных категориях ({ $categories })
# $categories (text): the categories; $dates (text): the days.
reason-event-seasonal-orders = { $categories }: { $dates }, не как остальные заказы
# $dates (text): the days.
reason-event-one-off = отмечен разовым ({ $dates })
reason-roi-no-cost = расходы не записаны
reason-roi-negative-cost = сумма расходов меньше нуля

## Unsubscribe and preference pages
unsubscribe-title = Отписаться
unsubscribe-question = Больше не получать эти сообщения от { $shop }?
unsubscribe-button = Да, отпишите меня
unsubscribe-done = Готово: { $shop } больше не будет присылать вам такие сообщения ({ $channel }).
preferences-link = Выбрать, что вы получаете
preferences-title = Что вы получаете
preferences-greeting = Здравствуйте, { $name }.
preferences-intro = Выберите, какие сообщения { $shop } может вам присылать.
preferences-choice = { $topic }: { $channel }
preferences-save = Сохранить
preferences-saved = Ваш выбор сохранён.

## Messages pages
nav-messages = Сообщения
messages-intro = Шаблоны, рассылки и каждое отправленное сообщение: каждое проверяется на согласие, лимиты и тихие часы.
messages-broadcasts = Рассылки
messages-broadcast-new = Новая рассылка
messages-broadcast-name = Название
messages-template = Шаблон
messages-audience = Аудитория
messages-status = Статус
messages-enqueued = Сообщений
messages-no-broadcasts = Рассылок пока нет.
messages-templates = Шаблоны
messages-template-new = Новый шаблон
messages-channel = Канал
messages-language = Язык
messages-purpose = Назначение
messages-version = Версия
messages-no-templates = Шаблонов пока нет.
messages-outbox = Исходящие
messages-any-status = любой статус
messages-filter = Показать
messages-customer = Клиент
messages-reason = Причина
messages-audience-all = все клиенты (каждому нужно согласие)
messages-audience-newsletter = подписчики рассылки
messages-audience-segment = сегмент { $id }
messages-audience-rung = ступень лестницы
messages-audience-saved-segment = сохранённый сегмент
messages-any-state = любое состояние
messages-code = Код кампании
messages-broadcast-create = Составить и посчитать
messages-broadcast-intro = Сначала составьте: до отправки вы увидите, кто получит сообщение, кто нет и почему.
messages-template-intro = Пишите по одному разу на язык; предпросмотр показывает сообщение так, как его получит настоящий клиент.
messages-template-name = Название
messages-subject = Тема (email)
messages-body = Текст
messages-merge-fields = Можно использовать поля:
messages-preview-for = Предпросмотр для клиента
messages-template-save = Сохранить (новая версия)
messages-preview = Предпросмотр
messages-preview-skipped = Этот клиент ничего не получит:
messages-sms-parts = { $parts } частей SMS ({ $units } символов, { $encoding }): каждая часть оплачивается.
messages-forecast = Кто получит
messages-will-go = будет отправлено
messages-will-wait = подождёт
messages-will-not-go = не будет отправлено
messages-send = Отправить
messages-send-confirm = Отправить { $count } клиентам сейчас?
messages-report = Что стало с сообщениями
messages-being-sent = Сообщения готовятся; страница покажет их, когда они попадут в исходящие.
messages-caps = Лимиты
messages-caps-wait = клиент, упёршийся в лимит, ждёт его освобождения, а не пропускается
messages-defer-capped = Ждать, а не пропускать клиента, которому недавно писали или у которого исчерпан лимит предложений: сообщение уйдёт, когда лимит освободится
messages-sms-language = Язык
messages-sms-messages = Сообщения
messages-sms-parts-each = Частей в одном
messages-sms-parts-total = Всего частей
messages-sms-cost = Ориентировочная стоимость: { $cost }
messages-sms-no-price = Укажите цену одной части в настройках магазина, чтобы увидеть стоимость.
messages-results = Что принесла рассылка
messages-results-window = Считается с момента отправки сообщения каждому клиенту: отписки и покупки в течение { $days } дней и все заказы с кодом кампании рассылки.
messages-results-orders = Заказы
messages-results-customers = Клиенты
messages-results-total = Сумма
messages-results-clicked = Перешли по ссылке
messages-results-unsubscribed = Отписались
messages-results-attributed = Заказы с кодом кампании
messages-results-bought-after = Купили в течение { $days } дней
messages-results-no-code = У рассылки нет кода кампании, поэтому заказы ей не приписываются; покупки в течение срока всё равно считаются.
messages-template-saved = Шаблон сохранён.
messages-broadcast-created = Рассылка составлена: проверьте, кто её получит, и отправьте.
messages-broadcast-sent = Рассылка отправляется.
messages-template-missing = Выберите шаблон.
messages-rung-missing = Выберите ступень.
messages-segment-missing = Выберите сегмент.
broadcast-status-draft = черновик: не отправлена
broadcast-status-queued = отправляется
broadcast-status-enqueued = передана в исходящие
broadcast-status-cancelled = отменена
purpose-transactional = транзакционное
purpose-service = сервисное
purpose-offer = предложение
purpose-newsletter = рассылка
language-en = английский
language-he = иврит
language-fa = персидский
language-ru = русский

## Sending rules on the shop page
shop-sending-title = Не надоедать
shop-sending-intro = Как часто и когда клиенты получают сообщения. Чеки и сброс пароля никогда не задерживаются.
shop-field-email_window_hours = Часов между двумя письмами
shop-field-sms_window_hours = Часов между двумя SMS
shop-field-marketing_per_period = Не больше предложений
shop-field-marketing_period_days = … за столько дней
shop-field-days_after_purchase = Дней без предложений после покупки
shop-field-quiet_from = Тихо с
shop-field-quiet_to = Тихо до
shop-field-quiet_email = Письма тоже соблюдают тихие часы
shop-field-closed_days = Дни, когда уходят только чеки
shop-field-israel_existing_customers = Израиль: исключение для существующих клиентов
shop-help-israel_existing_customers = Только если при покупке клиенты оставили данные, им сказали о предложениях, они могли отказаться, и предложения — о похожих товарах (Закон о связи Израиля, §30A).
shop-field-israel_exception_terms = Как магазин выполняет эти условия
shop-help-israel_exception_terms = Нужно, чтобы включить исключение, и сохраняется вместе с изменением: где клиенты оставляют данные при покупке, какими словами им сообщают о предложениях, как они могут отказаться, к каким товарам относятся предложения.
shop-field-track_clicks = Считать переходы по ссылкам в письмах с предложениями и рассылкой
shop-help-track_clicks = Каждый веб-адрес в таком письме ведёт через подписанную ссылку магазина, которая считает переход и ведёт дальше (ссылки отписки остаются прямыми). Открытия писем не отслеживаются никогда. По умолчанию выключено.
shop-field-sms_part_price = Цена одной части SMS
shop-help-sms_part_price = Сколько SMS-шлюз берёт за часть, в валюте магазина (например, 0.07): SMS-рассылка показывает стоимость до отправки. Пусто — не показывается.

## The call list
messages-calls = Список звонков
messages-calls-intro = Звонки на сейчас, к каждому — что сказать клиенту. Отметьте, как прошёл звонок: это попадёт в его историю.
messages-no-calls = Звонков нет.
messages-call-note = Заметка
messages-call-recorded = Звонок записан.
call-outcome-reached = Дозвонились
call-outcome-no_answer = Не ответил: завтра
call-outcome-declined = Просил не звонить
call-outcome-wrong_number = Неверный номер

## Printed letters
letter-notice-sender = Отправитель: { $name }, { $contact }.
letter-notice-source = Ваш адрес взят из наших записей о клиентах.
letter-notice-removal = Чтобы больше не получать от нас писем, сообщите нам: { $contact }.

## Password reset by email
password-reset-mail-subject = Новый пароль для Ladder
password-reset-mail-body =
    Кто-то (надеемся, вы) попросил задать новый пароль для Ladder. Откройте эту ссылку в течение часа, чтобы выбрать его:

    { $link }

    Если это были не вы, ничего не делайте: пароль останется прежним.
password-forgot-title = Забыли пароль?
password-forgot-intro = Введите email учётной записи: мы пришлём ссылку для нового пароля.
password-forgot-send = Прислать ссылку
password-forgot-sent = Если есть учётная запись с этим email, ссылка уже в пути. Она действует один раз, в течение часа.
password-reset-title = Новый пароль
password-reset-new = Новый пароль
password-reset-set = Задать пароль
password-reset-link-gone = Ссылка уже использована или старше часа: запросите новую.
password-reset-done = Новый пароль задан: войдите с ним.

## Playbooks and the team's queue
nav-today = Сегодня
nav-playbooks = Сценарии
playbooks-intro = Сопровождение, которое работает само: каждый сценарий начинается, когда с клиентом что-то происходит, отправляет сообщение или даёт задачу человеку и оставляет небольшую контрольную группу, чтобы показать, что он изменил.
playbooks-name = Сценарий
playbooks-on = Включён
playbooks-entered-week = Вошли за неделю
playbooks-entered = Вошли всего
playbooks-goal-rate = Цель достигнута
playbooks-lift = Разница, которую он дал
playbooks-is-on = Включён
playbooks-is-off = Выключен
playbooks-control-count = в контрольной группе: { $count }
playbooks-no-control = без контрольной группы
playbooks-not-enough-data = пока мало данных
playbooks-points = п. п.
playbooks-interval = 95 % от { $low } до { $high }
playbooks-saved = Сценарий сохранён.
playbook-post_purchase_checkin = Узнать, как покупка
playbook-first_to_second = От первого заказа ко второму
playbook-second_to_third = От второго заказа к третьему
playbook-winback = Вернуть постоянного клиента
playbook-losing_value_call = Позвонить лучшему клиенту, который покупает меньше
playbook-birthday = Поздравление с днём рождения
playbook-complaint_apology = Извиниться за жалобу
playbook-advocate_thanks = Поблагодарить амбассадора
playbook-new_loyal = Приветствие нового постоянного клиента
playbook-club_welcome = Приветствие нового участника клуба
playbook-club_tier_up = Спасибо участнику, поднявшемуся на уровень
playbook-club_tier_down = Доброе слово, когда участник опускается на уровень
playbook-club_points_expiring = Напоминание перед сгоранием баллов
playbook-about-post_purchase_checkin = Через три дня после заказа спросить, как товар. Сервисное сообщение: никогда не предложение.
playbook-about-first_to_second = Когда купивший впервые доходит до обычного для магазина срока второго заказа — личное сообщение с подходящим ему товаром.
playbook-about-second_to_third = Когда клиенту с двумя заказами подходит срок следующего — личное сообщение; самым ценным ещё и звонок. Третий заказ делает клиента постоянным.
playbook-about-winback = Когда постоянный клиент пропадает (и ещё раз, если он потерян) — сообщение, что по нему скучают, с предложением.
playbook-about-losing_value_call = Человек звонит лучшим клиентам, которые покупают меньше прежнего, пока они ещё активны. Никогда не автоматическое сообщение.
playbook-about-birthday = За день до дня рождения (или в последний рабочий день перед ним) — поздравление с предложением.
playbook-about-complaint_apology = Жалоба даёт человеку задачу позвонить в тот же день и отправить личное письмо с извинением. Пока звонок не сделан, клиент не получает рекламы.
playbook-about-advocate_thanks = Когда клиент становится амбассадором или приведённый им друг делает первый заказ — благодарность.
playbook-about-new_loyal = Когда клиент становится лояльным — приветствие в кругу постоянных клиентов и что они получают.
playbook-about-club_welcome = Когда клиент вступает в клуб (не при записи всех сразу): приветственные баллы и номер карты.
playbook-about-club_tier_up = Когда участник поднимается на уровень: благодарность с его привилегиями, а через неделю — его код приглашения.
playbook-about-club_tier_down = Когда участник опускается на уровень: бесплатная доставка на время и доброе слово, никогда не упрёк.
playbook-about-club_points_expiring = За месяц до того, как часть баллов участника сгорит: сколько и когда.
playbook-when = Когда
playbook-who = Кто
playbook-then = Затем
playbook-not-contacted-days = Нет, если было сообщение за столько дней (пусто: без ограничения)
playbook-reentry-days = Клиент может войти снова через столько дней (0: каждый раз, когда это повторится)
playbook-field-days = Дней
playbook-field-points = Баллов
playbook-field-due-days = Срок, дней
playbook-field-channel = Канал
playbook-field-fallback = Иначе
playbook-no-fallback = ничего другого
playbook-goal = Завершается с успехом, когда { $goal }.
playbook-goal-days = Учитывается в течение дней
playbook-goal-second_order = приходит второй заказ
playbook-goal-third_order = приходит третий заказ
playbook-goal-any_order = клиент заказывает снова
playbook-goal-order_or_reached = клиент заказывает или до него дозвонились
playbook-goal-task_done = задача человека выполнена
playbook-settings = Настройки
playbook-service = Сервисное сопровождение: его получают все, кто подходит, поэтому контрольной группы нет.
playbook-control-percent = Контрольная группа, процент подходящих (0: нет)
playbook-catch-up-days = При включении захватить столько прошедших дней (0: с этого момента)
playbook-save = Сохранить
playbook-try = Проверить на сегодня
playbook-try-intro = Посмотреть, кто войдёт сегодня и что с ним будет, ничего не отправляя и не записывая.
playbook-try-now = Кто войдёт сегодня?
playbook-try-counts = Сегодня войдут { $treated }, в контрольной группе останутся { $control }: сообщений к отправке — { $messages } (согласие, лимиты и тихие часы проверяются при отправке каждого), задач — { $tasks }.
playbook-try-skipped = Шагов будет пропущено: { $count } (шаг только для верхних 10 % по ценности или условия больше не выполняются).
playbook-try-nobody = Сегодня никто не войдёт.
playbook-group = Группа
playbook-would = Что будет сегодня
playbook-group-treated = Получают
playbook-group-control = Контроль
playbook-nothing-today = сегодня ничего (контрольная группа или пропущенный шаг)
playbook-report = Что он изменил
playbook-goal-reached = Цель достигнута
playbook-revenue-per-customer = Выручка на клиента
playbook-unsubscribed = Отписались
playbook-sent-done = Отправлено сообщений: { $messages }, выполнено задач: { $tasks }.
playbook-trigger-days-after-order = { $days ->
    [one] Через { $days } день после заказа
    [few] Через { $days } дня после заказа
   *[other] Через { $days } дней после заказа
}
playbook-trigger-first-order-gap = Пока один заказ, и обычный для магазина срок до второго только что прошёл
playbook-trigger-second-order-due = Пока два заказа, и подошёл срок следующего (по их собственному ритму, иначе по магазину), а заказа нет
playbook-trigger-losing-value = Среди лучших клиентов, которые покупают меньше прежнего
playbook-trigger-birthday = { $days ->
    [one] День рождения завтра (или в последний рабочий день перед ним, если магазин закрыт)
    [few] День рождения через { $days } дня
   *[other] День рождения через { $days } дней
}
playbook-trigger-date-attribute = Дата «{ $attribute }» наступит через { $days } дн.
playbook-trigger-segment = Клиент входит в сегмент «{ $segment }»
playbook-trigger-order-placed = Оформлен заказ
playbook-trigger-rung-from = Клиент переходит на лестнице со ступени «{ $from }» на «{ $to }»
playbook-trigger-rung = Клиент достигает ступени «{ $to }»
playbook-trigger-state-from = Состояние меняется с «{ $from }» на «{ $to }»
playbook-trigger-state = Состояние меняется на «{ $to }»
playbook-trigger-interaction = Записано: { $kind }
playbook-trigger-referral = Приведённый им клиент делает первый заказ
playbook-trigger-club-joined = Вступает в клуб
playbook-trigger-tier-up = Поднимается на уровень в клубе
playbook-trigger-tier-down = Опускается на уровень в клубе
playbook-trigger-tier-up-to = Поднимается до уровня «{ $tier }»
playbook-trigger-tier-down-to = Опускается до уровня «{ $tier }»
playbook-trigger-points-expiring = { $days ->
    [one] Часть баллов сгорает через { $days } день
    [few] Часть баллов сгорает через { $days } дня
   *[other] Часть баллов сгорает через { $days } дней
}
playbook-trigger-manual = Запускается вручную для выбранного списка
playbook-if-no-event-buyers = не покупатель к событию (все заказы которого разовые)
playbook-if-min-rung = не ниже ступени «{ $rung }»
playbook-if-states = состояние: { $states }
playbook-if-segment = в сегменте «{ $segment }»
playbook-if-min-clv = ценность за 12 месяцев не меньше { $value }
playbook-if-not-contacted = { $days ->
    [one] без сообщений за последний { $days } день
    [few] без сообщений за последние { $days } дня
   *[other] без сообщений за последние { $days } дней
}
playbook-if-alone-in-goal = не в другом сценарии с той же целью
playbook-if-anyone = любой
playbook-jump-next = продолжить
playbook-jump-skip = { $count ->
    [one] пропустить следующий шаг
    [few] пропустить следующие { $count } шага
   *[other] пропустить следующие { $count } шагов
}
playbook-jump-end = завершить
playbook-step-wait = { $days ->
    [one] Подождать { $days } день.
    [few] Подождать { $days } дня.
   *[other] Подождать { $days } дней.
}
playbook-step-wait-until = Подождать { $days } дн., затем продолжить в { $hour }:00.
playbook-step-message = Отправить «{ $template }» по каналу «{ $channel }».
playbook-step-message-else = Отправить «{ $template }» по каналу «{ $channel }», иначе — «{ $fallback }».
playbook-step-task = { $days ->
    [0] Дать человеку задачу: { $task }, в тот же день.
    [one] Дать человеку задачу: { $task }, срок { $days } день.
    [few] Дать человеку задачу: { $task }, срок { $days } дня.
   *[other] Дать человеку задачу: { $task }, срок { $days } дней.
}
playbook-step-script = По сценарию разговора «{ $template }».
playbook-step-top-decile = Только для верхних 10 % по ценности; для остальных пропускается.
playbook-step-tag = Добавить метку «{ $tag }».
playbook-step-give-points = { $points ->
    [one] Начислить { $points } балл («{ $reason }»); кто не в клубе, пропускается.
    [few] Начислить { $points } балла («{ $reason }»); кто не в клубе, пропускается.
   *[other] Начислить { $points } баллов («{ $reason }»); кто не в клубе, пропускается.
}
playbook-step-give-perk = { $days ->
    [one] Дать «{ $perk }» на { $days } день; кто не в клубе, пропускается.
    [few] Дать «{ $perk }» на { $days } дня; кто не в клубе, пропускается.
   *[other] Дать «{ $perk }» на { $days } дней; кто не в клубе, пропускается.
}
playbook-step-referral-code = Отправить код приглашения по каналу «{ $channel }».
playbook-step-referral-code-else = Отправить код приглашения по каналу «{ $channel }», иначе по каналу «{ $fallback }».
playbook-step-branch = Если с начала клиент { $test }: { $yes }; иначе { $no }.
playbook-branch-ordered = сделал заказ
playbook-branch-answered = ответил
task-kind-call = звонок
task-kind-letter = личное письмо
task-kind-visit = визит
task-why-second_to_third-call = Два заказа, и пора третьему: позвоните и спросите, как дела.
task-why-losing_value_call-call = Лучший клиент покупает меньше: позвоните и выслушайте.
task-why-complaint_apology-call = Жалоба: позвоните сегодня и всё исправьте.
task-why-complaint_apology-letter = Жалоба: отправьте личное письмо с извинением.
task-outcome-reached = Дозвонились
task-outcome-no_answer = Не ответил: завтра
task-outcome-wrong_number = Неверный номер
task-outcome-ordered = Заказал
task-outcome-refused_contact = Просит не связываться
task-outcome-sent = Письмо отправлено
today-intro = Работа команды на сегодня: сначала просроченное, затем клиенты, для которых больше всего на кону. Выполненная, отложенная или переданная задача уходит из вашего списка.
today-mine = Мои задачи
today-shop = Задачи магазина
today-none = На сегодня дел нет.
today-overdue = { $count ->
    [one] просрочено на { $count } день
    [few] просрочено на { $count } дня
   *[other] просрочено на { $count } дней
}
today-due = срок { $date }
today-value = ценность { $value } в год
today-consents = согласен получать: { $channels }
today-no-consent = нет согласия на рекламу
today-prefers = предпочитает: { $channel }
today-script = Что сказать
today-note = Заметка
today-snooze-until = Отложить до
today-snooze = Отложить
today-give-to = Передать
today-give = Передать
today-skip = Пропустить
today-task-done = Готово: это в истории клиента.
today-task-snoozed = Отложено: вернётся в выбранный день.
today-task-skipped = Пропущено.
today-task-assigned = Передано.
today-open-queue = { $count ->
    [one] Открыть очередь на сегодня ({ $count } задача)
    [few] Открыть очередь на сегодня ({ $count } задачи)
   *[other] Открыть очередь на сегодня ({ $count } задач)
}
task-digest-subject = { $count ->
    [one] Сегодня для вас { $count } задача
    [few] Сегодня для вас { $count } задачи
   *[other] Сегодня для вас { $count } задач
}
task-digest-intro = { $count ->
    [one] Доброе утро. Сегодня вас ждёт { $count } клиент:
    [few] Доброе утро. Сегодня вас ждут { $count } клиента, сначала просроченные:
   *[other] Доброе утро. Сегодня вас ждут { $count } клиентов, сначала просроченные:
}
task-digest-more = и ещё { $count }
task-digest-link = Открыть очередь на сегодня: { $link }
today-choose = выбрать…
playbooks-no-goal = нет цели для измерения
audit-action-playbook-changed = Сценарий включён, выключен или изменены его настройки
audit-action-playbook-started = Сценарий запущен вручную для выбранных клиентов
audit-action-playbooks-evaluated = Проведён день сценариев
audit-action-club-rules-changed = Изменены правила клуба
audit-action-club-joined = Клиент вступил в клуб
audit-action-club-enrolled = В клуб записаны все клиенты
audit-action-club-card-replaced = Карта участника заменена
audit-action-club-points-adjusted = Баллы клуба начислены или списаны вручную
audit-action-club-points-redeemed = Участник потратил баллы клуба
audit-action-club-evaluated = Клуб пересчитан: баллы и уровни
audit-action-task-changed = Задача выполнена, отложена, пропущена или передана

## The club

club-points = { $count ->
        [one] { $count } балл
        [few] { $count } балла
       *[many] { $count } баллов
    }
nav-club = Клуб
club-till = Касса
club-intro = Участники, их уровни и баллы. На кассе отсканируйте или введите карту, чтобы увидеть участника и списать баллы:
club-redeemed = Списано { $points }.
club-not-enough = Недостаточно баллов: сейчас доступно { $points }.
club-points-whole = Введите баллы целым числом.
club-card-or-phone = Номер карты, телефон, email или id клиента
club-look-up = Найти
club-till-help = Сканер вводит номер карты и нажимает Enter; последняя цифра номера проверяет остальные.
club-redeem = Списать баллы
club-points-to-spend = Сколько баллов списать
club-reference = Чек или заказ (необязательно)
club-members = Участники
club-active-members = { $count ->
        [one] { $count } покупал за последние 12 месяцев
        [few] { $count } покупали за последние 12 месяцев
       *[many] { $count } покупали за последние 12 месяцев
    }
club-revenue-share = Доля участников в выручке
club-twelve-months = последние 12 месяцев
club-liability = Неизрасходованные баллы в деньгах
club-outstanding = { $points } ещё не потрачено
club-points-year = Баллы за последние 12 месяцев
club-issued = Начислено
club-redeemed-total = Списано
club-expired = Сгорело
club-redemption-rate = Доля списаний
club-third-members = Третья покупка: участники
club-third-others = Третья покупка: остальные клиенты
club-tiers = Уровни
club-tier = Уровень
club-threshold = От (12 месяцев)
club-multiplier = Баллы
club-perks = Привилегии
club-rules-summary = Начисленные баллы можно потратить через { $pending } дн.; участник опускается на уровень ниже только после { $grace } дн. ниже его порога.
club-member-blocked = Участие заблокировано: карта больше не действует.
club-balance = Доступно баллов
club-pending = Ожидают
club-expiring = Сгорают
club-expiring-on = { $points } — { $day }
club-perk-free-shipping = Бесплатная доставка
club-perk-extended-warranty = Расширенная гарантия
club-perk-early-access = Ранний доступ
club-perk-birthday-gift = Подарок на день рождения
club-perk-welcome-gift = Приветственный подарок
club-referral-code = Код приглашения
club-statement = Выписка
club-when = Когда
club-movement = Операция
club-points-column = Баллы
club-kind-earn = Начислено
club-kind-redeem = Списано
club-kind-expire = Сгорело
club-kind-reverse = Отозвано (возврат заказа)
club-kind-adjust = Корректировка сотрудником
club-no-movements = Баллов пока нет.
club-replace-confirm = Заблокировать эту карту и выдать новый номер?
club-replace-card = Карта потеряна: выдать новую
club-accepted-terms = Клиент прочитал и принял правила клуба.
club-no-marketing-bundled = Вступление не подписывает на рекламные рассылки; спросите об этом отдельно.
club-join = Принять в клуб
club-not-a-member = Не участник клуба.
club-joined = Принят в клуб; номер карты готов.
club-card-replaced = Выдан новый номер карты; старый заблокирован.
club-terms-needed = Чтобы вступить, клиент должен принять правила клуба.
club-card-tier = Уровень: { $tier }
club-card-referral = Приводите друзей с вашим кодом: { $code }
club-card-terms = Участник клуба покупателей { $shop }. Покажите карту на кассе, чтобы копить и тратить баллы.
club-card-title = Ваша карта клуба
club-card-download = Скачать карту (PDF)
club-card-show-at-till = Покажите эту страницу на кассе: штрихкод или QR-код — это ваша карта.
club-card-email = Отправить карту по почте
club-card-emailed = Карта отправляется по электронной почте.
club-card-email-again = Эта карта уже отправлена по почте; новый номер карты будет отправлен снова.
club-card-email-skipped = Карту не удалось отправить: нет адреса эл. почты или он заблокирован.
