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
permission-edit_customers = Редактирование клиентов
permission-add_interactions = Добавление заметок и звонков
permission-view_reports = Просмотр выручки и отчётов
permission-manage_segments = Управление сегментами
permission-manage_campaigns = Управление кампаниями
permission-import_data = Импорт данных
permission-manage_settings = Изменение настроек
permission-manage_users = Управление пользователями
permission-use_api = Доступ к API
permission-view_audit = Просмотр журнала действий

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
dashboard-title = Сегодня
scored-as-of = Оценка на { $date }
scores-stale = с тех пор появились новые данные; запустите оценку заново
not-scored-yet = Клиенты ещё не оценены. Запустите `ladder score`.
ladder-funnel = Лестница лояльности
states-title = Насколько активны покупатели
state-none = Заказов пока нет
contact-today = С кем связаться сегодня
contact-none = Сегодня никому звонить не нужно.
contact-push-third = Уже два заказа: после третьего клиент станет постоянным. Пригласите его снова и предложите что-то новое.
contact-welcome-back = Постоянный клиент давно не появлялся: лично пригласите его вернуться.
contact-thank-advocate = Приводит к вам клиентов: скажите спасибо.
contact-ask-recent = Недавний первый заказ: спросите, понравился ли товар.

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
third-purchase-help = Клиенты, сделавшие третий заказ, остаются гораздо чаще: работать стоит именно над шагом от второго заказа к третьему.
order-number-1 = Первый заказ
order-number-2 = Второй заказ
order-number-3 = Третий заказ
conversion-from-previous = { $share } от предыдущего шага
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
clv-from = Ценность от
clv-to = Ценность до

# $count (number): the count is over this number. After «более» the noun is in the genitive:
# более 1 клиента, более 21 клиента, более 2 клиентов, более 5 клиентов.
customers-more-than =
    { $count ->
        [one] Более { $count } клиента
        [few] Более { $count } клиентов
        [many] Более { $count } клиентов
       *[other] Более { $count } клиента
    }
export-csv = Экспорт в CSV
contact = Контакты
rung = Ступень
state = Состояние
segment = Сегмент
orders = Заказы
spend = Потрачено
clv = Ценность за 12 месяцев
last-order = Последний заказ
no-customers-match = Подходящих клиентов нет. Попробуйте убрать часть фильтров.

## One customer
placement = Место на лестнице
value = Ценность
p-alive = Вероятность, что это всё ещё ваш клиент
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
mark-one-off = Отметить как разовый
unmark-one-off = Снова учитывать
no-orders = Заказов пока нет.
interactions = Заметки и контакты
interaction-kind = Тип
note = Заметка
note-placeholder = Что произошло?
no-interactions = Пока ничего не записано.
edit-profile = Редактировать профиль
first-name = Имя
last-name = Фамилия
company = Компания
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
playbook-customer = Один заказ: спросите, как им товар, и предложите естественный второй.
playbook-repeat = Два заказа: после третьего клиент станет постоянным; предложите попробовать что-то новое.
playbook-loyal = Постоянные клиенты: благодарите их, сообщайте им новости первыми и никогда не засыпайте сообщениями.
playbook-advocate = Приводят друзей: лично поблагодарите их и сделайте так, чтобы рекомендовать вас было легко.

## Settings
api-tokens = API-токены
api-tokens-help = Токены позволяют системам вашего магазина работать с JSON API с вашими правами. Описание API:
api-token-created = Скопируйте токен сейчас — больше он показан не будет:
no-tokens = Токенов пока нет.
token-name = Для чего этот токен
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
segment-hibernating = В спячке
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
