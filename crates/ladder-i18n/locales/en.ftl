### Ladder's English messages: the source text and the fallback for every other locale.
### Every message here must also be in he.ftl, fa.ftl and ru.ftl, with the same variables.

app-name = Ladder

## Navigation

nav-dashboard = Dashboard
nav-customers = Customers
nav-ladder = Ladder
nav-segments = Segments
nav-import = Import
nav-settings = Settings

## Session

sign-in = Sign in
sign-out = Sign out

## Counts

# $count (number): how many customers.
customers-count =
    { $count ->
        [one] { $count } customer
       *[other] { $count } customers
    }

## The six rungs of the loyalty ladder

rung-suspect = Suspect
rung-prospect = Prospect
rung-customer = Customer
rung-repeat = Repeat customer
rung-loyal = Loyal customer
rung-advocate = Advocate

## Customer states

state-active = Active
state-at_risk = At risk
state-lapsed = Lapsed
state-lost = Lost

## The web app: frame and navigation
nav-label = Main menu
language = Language
save = Save
add = Add
yes = Yes
no = No
back-home = Back to the dashboard
previous = Previous
next = Next
pages = Pages
page-past-end = There is no page { $page }: the list has { $pages ->
        [one] one page
       *[other] { $pages } pages
    }.
last-page = Go to the last page
page-of = Page { $page } of { $pages }
see-all = See all

## Roles and permissions
role = Role
role-owner = Owner
role-marketing = Marketing
role-sales = Sales
role-support = Support
role-viewer = Viewer
permissions = What each role may do
permission-view_customers = See customers
permission-edit_customers = Edit customers
permission-add_interactions = Add notes and calls
permission-view_reports = See revenue and reports
permission-manage_segments = Manage segments
permission-manage_campaigns = Manage campaigns
permission-import_data = Import data
permission-manage_settings = Change settings
permission-manage_users = Manage users
permission-use_api = Use the API
permission-view_audit = See the audit log
permission-adjust_points = Give or take club points by hand
permission-erase_customers = Delete and erase customers

## Signing in and the first start
sign-in-title = Sign in to your shop
sign-in-failed = The email or the password is wrong.
email = Email
password = Password
password-rule = At least 10 characters.
password-too-short = The password needs at least 10 characters.
password-is-email = The password may not be the email address.
email-invalid = Please enter a valid email address.
name = Name
setup-title = Welcome to Ladder
setup-intro = Nobody has an account yet. Create the owner's account: the owner can add the team afterwards.
setup-create = Create the owner's account

## Errors
error-not-found = Not found
error-not-found-detail = There is nothing at this address. It may have been removed, or the link is mistyped.
error-forbidden = Not allowed
error-forbidden-detail = Your role does not allow this. Ask the shop's owner if you need it.
error-forged = The form expired
error-forged-detail = For your safety the form could not be accepted. Go back, reload the page and try again.
error-too-many = Too many attempts
error-too-many-detail = Too many failed sign-ins. Wait 15 minutes and try again.
error-internal = Something went wrong
error-internal-detail = The server could not finish this. Nothing was changed; try again in a moment.

## Dashboard
dashboard-title = Dashboard
scored-as-of = Scores as of { $date }
scores-stale = new data since; run the scoring again
not-scored-yet = The customers have not been scored yet. Run `ladder score`.
ladder-funnel = The loyalty ladder
states-title = How alive the buyers are
state-none = No orders yet
tiles-label = This month so far
tile-revenue = Revenue this month
tile-orders = Orders this month
tile-average-order = Average order
tile-repeat-rate = Buyers who came back
tile-against-last-month = { $change } against last month
tile-against-last-year = { $change } against a year ago
tiles-help = This month up to the scoring's day, against the same days of last month and of the month a year ago. "Came back": buyers of the month who had ordered before.
contact-today = Whom to contact today
orders-count = { $count ->
    [one] { $count } order
   *[other] { $count } orders
}
last-order-on = last order { $date }
third-purchase-title = The road to the third purchase
third-purchase-help = Customers with a third order stay far more often: the step from the second to the third is the one to work on.
order-number-1 = 1st order
order-number-2 = 2nd order
order-number-3 = 3rd order
conversion-from-previous = { $share } of the step before
rfm-title = Customers by RFM segment
customers = Customers
share = Share
revenue = Revenue
why = Why
event-buyers-title = Event buyers and one-off orders
event-buyers-help = Bought for one occasion (a holiday's costumes) or marked one-off: they get no predicted return and are not pushed to a third purchase, and campaigns leave these purchases out of category offers.
event-buyers-none = No event buyers.
losing-value-title = Best customers losing value
losing-value-none = None of the best customers is slipping.
customer = Customer
value-18m = Spent in 18 months
what-fell = What fell
fell-orders = Fewer orders
fell-spend = Lower spend
fell-orders-and-spend = Fewer orders and lower spend

## Customers
search = Search
search-placeholder = Name, email, phone or id
any-rung = Any rung
any-state = Any state
any-segment = Any segment
any-consent = Any consent
consents-to = Agrees to { $channel }
country = Country
tag = Tag
clv-from = 12-month value from
clv-to = 12-month value up to
export-csv = Export as CSV
contact = Contact
rung = Rung
state = State
segment = Segment
orders = Orders
spend = Spent
clv = 12-month value
last-order = Last order
no-customers-match = No customer matches. Try fewer filters.

## One customer
placement = On the ladder
value = Value
p-alive = Chance they are still a customer
p-alive-short = Still a customer
expected-next-order = Next order expected
rfm = RFM
place = Place
tags = Tags
tags-help = Separate tags with commas.
consent = Consent
consent-unknown = Not asked
history = History
no-history = No changes yet.
change-rung = Rung
change-state = State
one-off = one-off
mark-one-off = One-off: don't treat as a preference
unmark-one-off = Treat as a regular purchase again
no-orders = No orders yet.
interactions = Notes and contacts
interaction-kind = Kind
note = Note
note-placeholder = What happened?
no-interactions = Nothing recorded yet.
customer-saved = Saved. The profile below shows the change.
customer-created = The customer was added. Add their first order below, or a note.
order-saved = The order was saved; the customer's place on the ladder is updated.
interaction-saved = Added to the interactions.
one-off-saved = Saved. A one-off order stays out of product preferences and category offers.
add-customer = Add a customer
new-customer = New customer
customer-id = Customer id
customer-id-help = Your own, stable id for this person, as your till or web shop knows them.
customer-kind = Person or business
customer-kind-person = Person
customer-kind-business = Business
industry = Industry
address = Address
region = Region
birthday = Birthday
birthday-help = YYYY-MM-DD, or --MM-DD without the year.
profession = Profession
income-band = Income band
referred-by = Brought by (customer id)
custom-fields = Custom fields
custom-fields-help = One per line: name: value.
known-since = Known since
brought-by = Brought by
brought = Brought
consent-given = { $when }, { $where }
consent-history = Consent changes
consent-ledger = Consent ledger (with evidence)
consent-purpose-marketing = offers
consent-purpose-newsletter = newsletter
consent-action-grant = given
consent-action-withdraw = withdrawn
consent-action-confirm = confirmed
consent-method-form = web form
consent-method-checkout = checkout
consent-method-import = imported file
consent-method-staff = by staff
consent-method-api = shop system (API)
consent-method-reply-stop = reply STOP
consent-method-one-click = one-click unsubscribe
consent-method-preference-page = preference page
consent-method-complaint = complaint
consent-method-merge = merge of two records
consent-basis-consent = explicit consent
consent-basis-existing-customer = existing-customer exception
consent-basis-imported = the shop's own records
messages-sent = Messages
outbox-status-queued = waiting to be sent
outbox-status-held = held until its time
outbox-status-sending = being sent
outbox-status-sent = sent
outbox-status-skipped = not sent
outbox-status-failed = failed
outbox-status-bounced = bounced
outbox-reason-no-consent = no consent
outbox-reason-no-address = no address on this channel
outbox-reason-address-blocked = the address is blocked (bounce or complaint)
outbox-reason-no-first-name = no first name
outbox-reason-no-last-name = no last name
outbox-reason-no-name = no name
outbox-reason-no-last-purchase = no purchase yet
outbox-reason-no-recommended-product = no product to recommend
outbox-reason-no-attributes = a custom field is missing
outbox-reason-no-shop = the shop's name is not set
message-footer-unsubscribe = Unsubscribe
message-footer-preferences = Your choices
message-sms-refusal = Reply STOP to opt out – { $shop }
outbox-reason-contacted-recently = contacted recently on this channel
outbox-reason-cap-reached = the cap of marketing messages is reached
outbox-reason-in-recovery = a complaint is being answered: no offers until it is
outbox-reason-quiet-hours = waiting for the end of quiet hours
outbox-reason-closed-day = waiting for an open day
outbox-reason-recent-purchase = waiting: they bought only days ago
outbox-reason-waiting-for-the-cap = waiting for the cap of messages to free
outbox-reason-consent-withdrawn = consent withdrawn since
outbox-reason-customer-gone = the customer was deleted
outbox-reason-no-template = the template has no variant for this channel
add-order = Add an order
order-id = Order id
order-id-help = Leave empty for a new id; an id of this customer's order replaces that order.
ordered-on = Date
order-code = Campaign code
order-line-sku = SKU
order-line-name = Product
order-line-quantity = Quantity
order-line-price = Unit price
save-order = Save the order
one-off-help = One-off orders (a gift, a costume for one party) count as purchases, but stay out of product preferences and category offers.
event-buyer = Event buyer
event-buyer-help = Every order was marked one-off: no next order is predicted and no 12-month value, and they are not pushed to a third purchase.
customer-merged = Merged: both histories are here, the other id now leads to this customer, and each consent is the more restrictive of the two.
customer-deleted = The customer was deleted with their orders.
customer-erased = The customer's personal data was erased; their orders stay, anonymised, and their email and phone are kept out of future mailings.
duplicates-and-privacy = Duplicates and privacy
merge-label = Merge into this customer the duplicate with the id
merge-button = Merge
merge-help = Orders, interactions and history of both are kept; a field this customer lacks is taken from the other; a "no" to any channel from either stands. The other id keeps working in files and the API.
merge-confirm = Merge the other customer into this one? This cannot be undone.
export-data = Download everything kept about this customer (JSON)
erase-customer = Erase personal data
delete-customer = Delete with orders
erase-confirm = Erase this customer's personal data? Their orders stay, anonymised. This cannot be undone.
delete-confirm = Delete this customer and all their orders? This cannot be undone.
erase-help = Erasing answers a request under privacy law: the name, contact details, custom fields, tags, consents and notes go; the orders stay under an anonymous id for the shop's figures. Deleting removes a record made by mistake, orders too.
edit-profile = Edit the profile
first-name = First name
last-name = Last name
company = Company
phone = Phone
city = City
preferred-language = Preferred language
preferred-channel = Preferred channel
status-cancelled = cancelled
status-refunded = refunded
status-completed = completed

## Ladder
ladder-title = The ladder
ladder-intro = Who stands on each rung, and what to do to help them up.
playbook = Playbook
playbook-suspect = Known but silent: invite them to sign up or visit.
playbook-prospect = Interested: a first-order offer, sent once, through the channel they chose.
playbook-customer = One order: ask how the product is, and suggest a natural second one.
playbook-repeat = Two orders: the third makes a regular; offer something new to try.
playbook-loyal = Regulars: thank them, tell them first, and never bombard them.
playbook-advocate = They bring friends: thank them personally and make referring easy.

## Settings
api-tokens = API tokens
api-tokens-help = Tokens let your shop's systems use the JSON API with your permissions. The API is described at
api-token-created = Copy the token now; it is not shown again:
no-tokens = No tokens yet.
token-name = What the token is for
token-valid-through = Works through (optional)
token-expires = Works through
token-no-expiry = until revoked
token-expiry-past = A token cannot stop working on a day that has passed.
own-password = Your password
current-password = Current password
new-password = New password
change-password = Change the password
password-changed = Your password was changed; your other sessions were signed out.
password-wrong = The current password is not right.
create-token = Create a token
created = Created
last-used = Last used
revoke = Revoke
token-revoked = The token was revoked.
users = Users
enabled = Can sign in
add-user = Add a user
user-added = The user was added.
user-changed = The user was changed.
user-exists = A user with this email exists already.
user-email-invalid = Please enter a valid email address.
user-role-invalid = Please choose a role.
user-last-owner = The shop needs at least one owner who can sign in.
audit-log = Audit log
when = When
who = Who
what = What
target = About

## Lifecycle, segments, channels, interactions
stage-reach = Reach
stage-acquisition = Acquisition
stage-development = Development
stage-retention = Retention
stage-advocacy = Advocacy
segment-champions = Champions
segment-loyal = Loyal
segment-potential_loyalist = Potential loyalists
segment-new = New
segment-promising = Promising
segment-need_attention = Need attention
segment-about_to_sleep = About to sleep
segment-cant_lose = Can't lose them
segment-at_risk = At risk
segment-hibernating = Hibernating
channel-email = email
channel-sms = SMS
channel-phone = phone
channel-mail = post
channel-fax = fax
interaction-inquiry = Inquiry
interaction-sign_up = Sign-up
interaction-visit = Visit
interaction-click = Click
interaction-call = Call
interaction-email = Email
interaction-meeting = Meeting
interaction-referral = Referral
interaction-complaint = Complaint
interaction-feedback = Feedback
interaction-recommendation = Recommendation
interaction-note = Note

## Segments
segments-intro = A segment is a saved set of filters. Its members are always the customers who match now, so it stays current as customers move along the ladder.
segments-saved-title = Saved segments
segments-name = Name
segments-text = Text
segments-filters = Filters
segments-members = Members now
segments-edit = Edit
segments-delete = Delete
# $name: the segment's name.
segments-delete-confirm = Delete the segment { $name }? Its customers are not affected.
segments-none = No segments yet. Build one below and save it.
segments-new = New segment
# $name: the segment's name.
segments-edit-title = Edit { $name }
segments-live-count = Matching now:
segments-count = Count
segments-name-placeholder = For example: loyal customers who agree to email
segments-see-members = Show them
segments-everyone = All customers
segments-saved = The segment was saved.
segments-deleted = The segment was deleted.
segments-name-missing = Give the segment a name.
segments-name-too-long = The name may have at most 100 characters.
segments-name-taken = A segment with this name exists already; choose another name.
segments-filter-invalid = A filter has a value Ladder does not know. Choose it again from the list.
segments-value-invalid = Write the limits as plain numbers, such as 2500.50, with the lower one first.

## Import
import-title = Import CSV files
import-upload-title = Upload a file
import-intro = Ladder first checks every row and shows what the import would do. Nothing is written until you press Import.
import-kind = What the file holds
import-kind-customers = Customers
import-kind-orders = Orders
import-kind-interactions = Interactions
import-file = CSV file
# $megabytes (number): the largest upload.
import-file-help = UTF-8 with a header row, at most { $megabytes } MB.
import-check = Check the file
import-columns-title = Columns
import-columns-required = Required:
import-columns-optional = Optional:
import-columns-orders-note = One row per order line.
import-columns-custom = Any other column is kept as a custom field.
import-order-hint = Import the customers first: orders and interactions refer to them by customer_id.
# $name: the uploaded file's name.
import-report-title = Check of { $name }
import-nothing-written = Nothing has been written yet.
# $name: the uploaded file's name.
import-result-title = Import of { $name }
# $count (number): rows added or changed.
import-done =
    { $count ->
        [one] Done: { $count } row was added or changed.
       *[other] Done: { $count } rows were added or changed.
    }
import-rows-read = Rows read
import-would-insert = Would be added
import-would-update = Would be changed
import-inserted = Added
import-updated = Changed
import-unchanged = Already up to date
import-rejected = With problems
import-bad-rows = Rows with problems
# $shown (number): rows listed; $count (number): all rows with problems.
import-bad-rows-shown =
    { $count ->
        [one] The first { $shown } of { $count } row with problems is shown.
       *[other] The first { $shown } of { $count } rows with problems are shown.
    }
import-line = Line
import-column = Column
import-value = Value
import-problem = Problem
import-all-or-nothing = An import is all or nothing: while rows have problems, nothing is imported unless you choose to skip them. You can also fix the file and check it again.
# $count (number): rows with problems.
import-skip-invalid =
    { $count ->
        [one] Import the valid rows and skip the { $count } row with a problem
       *[other] Import the valid rows and skip the { $count } rows with problems
    }
# $count (number): rows read.
import-all-valid =
    { $count ->
        [one] The { $count } row is valid.
       *[other] All { $count } rows are valid.
    }
import-run = Import
import-no-rows = The file has no data rows.
import-no-valid-rows = No row of the file can be imported. Fix the file and check it again.
import-rescore = The scores do not include the new data yet.
import-rescore-ask = Ask the shop's owner to score again, or run `ladder score`.
# $missing, $found: lists of column names.
import-missing-columns = The header lacks the required columns: { $missing }. It has: { $found }.
# $message: the reader's explanation, in English.
import-unreadable = The file cannot be read as CSV: { $message }
# $line (number); $message: the reader's explanation, in English.
import-unreadable-line = Line { $line } cannot be read as CSV: { $message }
# $line (number); $column, $value: where; $problem: what is wrong, in English.
import-invalid-row = Line { $line }, column { $column }, value “{ $value }”: { $problem } Nothing was imported.
import-choose-kind = Choose what the file holds.
import-no-file = Choose a CSV file to upload; the file chosen is empty.
# $megabytes (number): the largest upload.
import-too-large = The file is larger than { $megabytes } MB. Split it into smaller files, or import it on the server with `ladder import`.
import-upload-gone = The uploaded file is no longer kept: uploads wait for one hour. Upload it again.

## Shop settings
settings-account = Account and users
nav-shop-settings = Shop settings
shop-read-only = Only the shop's owner can change these settings.
shop-currency-title = Currency
shop-field-currency = Shop currency
shop-help-currency = An ISO 4217 code, such as EUR, USD, ILS or RUB. Spend and revenue count the orders in this currency.
shop-model-title = States from the purchase model
shop-model-intro = With enough repeat customers, Ladder estimates for every buyer the chance that they are still a customer, P(alive), and sets the state from it.
shop-field-active_p_alive = Active from P(alive)
shop-help-active_p_alive = Active when the chance is at least this, from 0 to 1 (default 0.6).
shop-field-at_risk_p_alive = At risk from P(alive)
shop-help-at_risk_p_alive = At risk when at least this and below active (default 0.3).
shop-field-lapsed_p_alive = Lapsed from P(alive)
shop-help-lapsed_p_alive = Lapsed when at least this and below at risk; lost below it (default 0.1).
shop-field-min_repeat_customers = Repeat customers the model needs
shop-help-min_repeat_customers = With fewer customers who ordered on two different days, the states come from the time since the last order (default 30).
shop-recency-title = States from the time since the last order
shop-recency-intro = Without the model, and for buyers with a single order day, the state compares the days since the last order with the customer's usual gap between orders, or the shop's usual gap from a first to a second order.
shop-field-at_risk_gaps = At risk after (gaps)
shop-help-at_risk_gaps = At risk once the days since the last order exceed this many gaps (default 2).
shop-field-lapsed_gaps = Lapsed after (gaps)
shop-help-lapsed_gaps = Lapsed once they exceed this many gaps (default 3).
shop-field-lost_gaps = Lost after (gaps)
shop-help-lost_gaps = Lost after this many gaps or the days below, whichever is later (default 6).
shop-field-lost_min_days = Lost after at least (days)
shop-help-lost_min_days = Nobody is lost sooner than this (default 365).
shop-save-help = New thresholds apply from the next scoring.
shop-saved = The settings were saved. Score now to place the customers with them.
shop-scoring-title = Scoring
shop-not-scored = The customers have not been scored yet.
shop-score-now = Score now
shop-score-help = Places every customer as of today with the saved thresholds. In a large shop this takes a while.
# $count (number): customers scored.
shop-scored =
    { $count ->
        [one] Scored: { $count } customer was placed on the ladder.
       *[other] Scored: { $count } customers were placed on the ladder.
    }
# $field: a field's name.
shop-problem-number = “{ $field }” needs a number.
# $code: what was typed.
shop-problem-currency = “{ $code }” is not an ISO 4217 currency code, such as EUR or USD.
# $field: a field's name.
shop-problem-probability = “{ $field }” must be between 0 and 1.
# $field: a field's name.
shop-problem-positive = “{ $field }” must be more than 0.
# $field, $limit: fields' names.
shop-problem-above = “{ $field }” may not be higher than “{ $limit }”.

## Movement on the ladder
movement-title = Moves on the ladder
movement-since = Since
show = Show
movement-from = From
movement-to = To
movement-count = Moves
movement-new = Newly placed
movement-none = Nobody moved in this period.
ladder-moved-in = { $count } in, 30 days
ladder-moved-out = { $count } out

## Reports

nav-reports = Reports
cohorts-title = Cohorts: who keeps buying
cohorts-first-order = First order
cohorts-size = Customers
cohorts-months-since = Months after the first order
cohorts-help = Each row is the customers whose first order fell in that month; each cell is the share of them who ordered again that many months later.
cohorts-none = No cohorts yet: they appear once orders have been scored.
third-by-cohort-title = The third purchase by month of the first order
third-by-cohort-help = Of the customers whose first order fell in each month: the share who made a second and a third order, and the median days between. Recent months have had less time.
third-by-campaign-title = The third purchase by campaign of the first order
third-by-campaign-help = Which campaigns bring customers who come back: the share of their customers with a second and a third order.
first-campaign = Campaign of the first order
no-campaign = No campaign code
days-to-second = Days to the 2nd
days-second-to-third = Days 2nd → 3rd
clv-title = Customers by 12-month value
clv-range = { $from } – { $to }
clv-range-open = { $from } or more
clv-help = What each customer is expected to spend in the next 12 months, from the last scoring.
clv-none = No customer has a 12-month value yet.

## Orders and products in filters
orders-from = Orders from
orders-to = Orders up to
product-or-category = Product (SKU) or category
moved-from = from { $rung }
moved-to = to { $rung }

## Campaigns

nav-campaigns = Campaigns
campaigns-title = Campaigns
campaigns-intro = What each campaign cost and brought, whom it acquired and at what cost — and whether those customers came back for a second and third order. Every figure is computed from orders and costs.
campaigns-as-of = Count orders up to
campaigns-show = Show
campaigns-none = No campaigns yet. Create one with the codes its orders carry, and its results appear here.
campaigns-help = ROI = (revenue − cost) ÷ cost. A campaign acquires a customer when their first order (or their sign-up) carries its code within its window.
campaigns-charts-help = Cheap acquisitions are worth little if nobody comes back: compare the cost per acquired customer with the share that reached a third order and with their predicted value.
campaign-new = New campaign
campaign-create = Create the campaign
campaign-edit = Change the campaign
campaign-name = Campaign
campaign-cost = Cost
campaign-revenue = Revenue
campaign-responses = Responses
campaign-sales = Sales
campaign-roi = ROI
campaign-roi-none = no cost recorded
campaign-acquired = Customers acquired
campaign-cpa = Cost per acquired customer
campaign-second-order = Reached a 2nd order
campaign-third-order = Reached a 3rd order
campaign-third-order-title = Acquired customers who reached a 3rd order
campaign-value-per-acquired = Predicted 12-month value per acquired customer
# $budget (string): the budget, formatted.
campaign-of-budget = budget { $budget }
# $value (string): the expected figure, formatted.
campaign-expected-short = expected { $value }
campaign-expected = Expected
campaign-actual = Actual
campaign-versus-title = Expected and actual
campaign-quality-title = What the acquired customers did next
campaign-quality-help = A campaign that buys one-time event buyers is worth less than one that brings regulars.
campaign-revenue-12m = Revenue in their first 12 months
campaign-clv = Predicted 12-month value
# $value (string): an amount, formatted.
campaign-per-customer = { $value } per customer
campaign-rungs-title = Where the acquired customers stand now
# $count (number): acquired customers the last scoring has not placed yet.
campaign-unscored = { $count ->
    [one] { $count } acquired customer is not scored yet.
   *[other] { $count } acquired customers are not scored yet.
}
campaign-weeks-title = Revenue counted over time
# $date (string): the first day of the week.
campaign-week-of = week of { $date }
campaign-weeks-none = The campaign has not started yet.
campaign-acquired-title = Customers it brought
campaign-reactivated = Brought back
campaign-reactivated-help = Quiet customers who ordered again with its code
campaign-reactivated-title = Quiet customers it brought back
campaign-reactivated-none = Nobody who had gone quiet ordered with its codes in its window. A win-back campaign is measured here: customers at risk or lapsed — more than twice their usual gap, and at least 60 days, without an order — who ordered again with a code.
campaign-days-quiet = Days without an order
campaign-acquired-none = The campaign has not acquired anyone yet.
campaign-acquired-csv = Download all as CSV
campaign-customer = Customer
campaign-how = How
campaign-on = Day
campaign-orders = Orders
campaign-rung-now = Rung now
campaign-not-scored = not scored yet
campaign-by-signup = signed up with the code
# $order (string): the order's id.
campaign-by-order = first order { $order }
# $count (number): rows not shown.
campaign-more = { $count ->
    [one] and { $count } more.
   *[other] and { $count } more.
}
campaign-counted-title = Orders counted
campaign-counted-none = No order with the campaign's codes counts yet.
campaign-excluded-title = Orders with a code that did not count
campaign-excluded-none = None.
campaign-why-not = Why not
campaign-excluded-outside_window = outside the campaign's window
campaign-excluded-refunded = refunded
campaign-excluded-cancelled = cancelled
campaign-order = Order
campaign-amount = Amount
campaign-costs-title = Costs
campaign-costs-none = No cost recorded yet: the ROI cannot be computed until there is one.
campaign-cost-note = What for
campaign-cost-total = Actual cost
campaign-cost-add = Add the cost
campaign-costs-import-title = Import costs from a CSV file
campaign-costs-import-help = One row per cost: the campaign's id, the day (YYYY-MM-DD), the amount in the shop's currency and an optional note. All rows are added or none; rows already recorded are not added again, so a file can be imported twice safely.
campaign-costs-import = Import costs
# $added (number): costs added; $already (number): rows already recorded.
campaign-costs-imported = { $added ->
    [one] { $added } cost added
   *[other] { $added } costs added
}; { $already } already recorded.
campaign-saved = The campaign is saved.
campaign-cost-added = The cost is added.
campaign-codes = Codes
campaign-target = Target
# $days (number): days after the end; $date (string): the last day orders count.
campaign-window = orders count until { $date } ({ $days } days after the end)
campaign-window-open = open: no end set
campaign-no-currency = The shop has no currency yet: import orders first, or set it in the shop settings.
# $id (string): the campaign id.
campaign-id-taken = A campaign with the id { $id } exists already; open it to change it, or choose another id.
# $field (string): the field's name; $value (string): what was typed; $problem (string): what is wrong.
campaign-field-invalid = { $field } (“{ $value }”): { $problem }
campaign-help-codes = The coupon or UTM codes its orders and sign-ups carry, separated by commas; compared without regard to case.
campaign-field-id = Id
campaign-field-name = Name
campaign-field-kind = Type
campaign-field-channel = Channel
campaign-field-status = Status
campaign-field-starts = First day
campaign-field-ends = Last day
campaign-field-codes = Codes
campaign-field-window_days = Days orders still count after the end
campaign-field-target_segment = Target segment
campaign-field-target_size = Target size
campaign-field-budget = Budget
campaign-field-expected_revenue = Expected revenue
campaign-field-expected_responses = Expected responses
campaign-field-expected_sales = Expected sales
campaign-field-notes = Notes
campaign-field-spent_on = Day
campaign-field-amount = Amount
campaign-kind-advertisement = Advertisement
campaign-kind-email = Email
campaign-kind-sms = SMS
campaign-kind-direct_mail = Direct mail
campaign-kind-social = Social media
campaign-kind-referral_programme = Referral programme
campaign-kind-event = Event
campaign-kind-other = Other
campaign-status-planning = Planning
campaign-status-active = Active
campaign-status-completed = Completed
campaign-status-cancelled = Cancelled
campaign-help-target-segment = A saved segment's name links the campaign to whom it holds now.

## What is wrong with a value (forms, the API, imports)

problem-required = This is required.
# $max (number): the most characters.
problem-too-long = At most { $max } characters.
problem-not-email = This is not an email address; write it as name@example.com.
problem-not-phone = This is not a phone number: use digits, spaces, +, - and brackets, 5 to 15 digits.
# $expected (text): the form a date takes, such as YYYY-MM-DD.
problem-not-date = This is not a date; use { $expected }.
problem-not-gregorian = The year { $year } is before 1900: dates here are Gregorian (YYYY-MM-DD, for example 2026-11-23). Convert Jalali or Hebrew dates before importing.
problem-template-syntax = The template cannot be read at line { $line }: { $detail }
problem-unknown-merge-field = { $field } is not a merge field; use first_name, last_name, name, shop.name, last_purchase.date, last_purchase.product_name, last_purchase.category, recommended_product.name, recommended_product.price, club.card_number, club.referral_code, club.tier, club.points, club.perks, unsubscribe_url, preferences_url or attributes.NAME
problem-in-future = This lies in the future.
problem-in-past = This date has passed; give today or a later day.
problem-not-whole-number = Enter a whole number.
problem-not-number = Enter a number.
# $min, $max (text): the range's ends.
problem-not-between = Enter a number from { $min } to { $max }.
problem-not-positive = Enter a number above 0.
# $min (text): the lowest allowed.
problem-below-minimum = Enter { $min } or more.
# $max (text): the highest allowed.
problem-above-maximum = Enter { $max } or less.
# $other (text): the other field's name.
problem-above-field = This may not be above “{ $other }”.
# $other (text): the other field's name.
problem-below-field = This may not be below “{ $other }”.
# $choices (text): the names the field knows.
problem-not-one-of = Use one of: { $choices }.
problem-not-currency = This is not an ISO 4217 currency code; use three letters such as EUR, ILS, IRR or RUB.
problem-not-country = Use the country's two-letter code, such as IL, IR, RU or GB.
problem-not-time-zone = This is not a time zone; use one such as Asia/Jerusalem, Asia/Tehran or Europe/Moscow.
# $min (number): the fewest characters.
problem-password-too-short = The password needs at least { $min } characters.
problem-password-is-email = The password may not be the email address.
problem-wrong-password = The current password is not right.
problem-taken = This is already in use.
problem-unknown = Nothing with this id exists.
# $field (text): the field's name; $problem (text): what is wrong with it.
problem-in-field = { $field }: { $problem }

## More problems, mostly of imported rows

problem-not-yes-or-no = This is not yes or no.
problem-not-birthday = This is not a birthday; use YYYY-MM-DD, or --MM-DD when the year is unknown.
problem-not-attribute = Write each custom field on its own line as name: value (shoe size: 38).
problem-not-amount = This is not an amount; write a decimal number such as 12.50.
# $currency (text): the currency's code; $decimals (number): its decimals.
problem-too-precise = This has more decimals than { $currency } allows ({ $decimals }).
problem-too-large = This is too large.
problem-negative-quantity = This is negative; a quantity is at least 1 (use status refunded for returns).
problem-negative-price = This is negative; use status refunded for refunds.
problem-self-referral = This is the customer themself; a customer cannot refer themself.
problem-unknown-referrer = This is not a known customer; import the referrer too, or leave referred_by empty.
problem-unknown-customer = This is not a known customer; import the customers file first.
# $line (number): the order's first line in the file.
problem-differs-from-first-line = This differs from the order's first line (line { $line }); all lines of an order share its customer, time, currency, status, code and one-off mark.
problem-order-of-another-customer = This order already belongs to another customer.
# $line (number): the line of the file where the quote opened.
problem-unclosed-quote = A quote (") opened on line { $line } is never closed, so the lines after it were read into this value; close the quote or remove it.
# $currency (text): the shop's currency.
problem-not-shop-currency = This is not the shop's currency; campaign costs are kept in { $currency }, convert the amount first.
problem-not-card-number = This is not a card number: a card number has 12 to 19 digits.
problem-card-check-digit = The card number's check digit does not match; look for a mistyped digit.
problem-card-blocked = This card was blocked on { $on }: ask for the member's new card, or look them up by phone or name.
problem-not-enough-points = More than the member can spend: { $available ->
        [one] { $available } point is
       *[other] { $available } points are
    } available now.

## Field names, where a problem names its field

field-phone = Phone
field-customer-id = Customer id
field-referred-by = Referred by
field-time-zone = Time zone
field-kind = Kind
field-region = Region
field-address = Address
field-birthday = Birthday

## Background jobs

nav-jobs = Jobs
job-kind-score = Scoring
job-kind-import = Import
job-kind-noop = Test job
job-kind-housekeeping = Housekeeping
job-status-queued = Waiting
job-status-running = Running
job-status-done = Done
job-status-failed = Failed, will retry
job-status-dead = Failed
job-status-cancelled = Cancelled
# $attempt (number): this attempt; $of (number): the most attempts.
job-attempt = Attempt { $attempt } of { $of }
# $done (number), $total (number): rows or customers so far and in all.
job-progress = { $done } of { $total }
job-running = Running…
job-waiting = Waiting for a worker…
job-refreshes = This page refreshes itself until the job ends; you may leave it, the job goes on.
job-error = What went wrong:
job-retry = Retry
job-cancel = Cancel
job-busy = A job doing the same work is already waiting or running; this one was not put back in the queue.
# $rungs (number), $states (number): changes recorded.
job-scored-changes = { $rungs } rung changes and { $states } state changes were recorded.
jobs-intro = Scorings and imports run in the background. Failed jobs are retried a few times; those that keep failing wait here for you.
jobs-all = All
jobs-kind = Job
jobs-status = Status
jobs-created = Asked for
jobs-attempts = Attempts
jobs-error = Last error
jobs-none = No jobs yet.
import-another = Import another file
import-pair-title = Pair the file's columns
import-pair-intro = { $file } ({ $kind }) names its columns its own way. Say what each one holds; Ladder remembers it for the next file with these columns.
import-pair-remembered = Paired as last time for a file with these columns.
import-pair-theirs = Column in the file
import-pair-sample = First value
import-pair-ours = Ladder's field
import-pair-custom = A custom field, under this name
import-pair-left-out = Leave out
import-pair-help = Fields marked * are required. Each of Ladder's fields takes one column at most.
import-pair-problem = { $column }: { $problem }

## The shop's profile

shop-profile-title = The shop
shop-profile-intro = Where the shop is and when it is open: days and times are counted in its time zone, and messages are sent in its name.
shop-field-name = Shop name
shop-field-country = Country
shop-field-city = City
shop-field-time_zone = Time zone
shop-field-language = Language of the shop
shop-field-opening_days = Open on
shop-field-sender_name = Sender name
shop-field-sender_address = Postal address
shop-field-sender_email = Sender email
shop-field-sender_phone = Sender phone
shop-help-country = Two letters, such as IL, IR, RU or GB.
shop-help-time_zone = Such as Asia/Jerusalem, Asia/Tehran or Europe/Moscow.
shop-help-sender_address = Printed on letters and at the foot of emails, as the law asks.
shop-sender-title = Sender
shop-sender-intro = Who messages come from, and how customers can reach the shop.
weekday-mon = Monday
weekday-tue = Tuesday
weekday-wed = Wednesday
weekday-thu = Thursday
weekday-fri = Friday
weekday-sat = Saturday
weekday-sun = Sunday

## The audit log

audit-by-cli = Command line
audit-by-system = Ladder
# $email (text): the token owner's email.
audit-by-token = API token of { $email }
audit-action-customer-created = Added a customer
audit-action-customer-changed = Changed a customer
audit-action-customer-merged = Merged two customers
audit-action-customer-deleted = Deleted a customer
audit-action-customer-erased = Erased a customer's personal data
audit-action-customer-exported = Exported a customer's data
audit-action-address-suppressed = Blocked an address (bounce or complaint)
audit-action-address-unsuppressed = Unblocked an address
audit-action-template-saved = Saved a message template
audit-action-broadcast-created = Composed a broadcast
audit-action-broadcast-sent = Sent a broadcast
audit-action-broadcast-enqueued = Enqueued a broadcast's messages
audit-action-message-enqueued = Enqueued a message
audit-action-interaction-added = Recorded an interaction
audit-action-order-saved = Saved an order
audit-action-order-one-off = Marked an order one-off
audit-action-import-run = Imported a file
audit-action-import-columns-paired = Paired a file's columns
audit-action-scoring-run = Scored the customers
audit-action-job-enqueued = Asked for a job
audit-action-job-retried = Retried a job
audit-action-job-cancelled = Cancelled a job
audit-action-user-created = Added a user
audit-action-user-changed = Changed a user
audit-action-user-signed-in = Signed in
audit-action-user-sign-in-failed = Failed to sign in
audit-action-user-signed-out = Signed out
audit-action-token-created = Created an API token
audit-action-token-revoked = Revoked an API token
audit-action-segment-saved = Saved a segment
audit-action-segment-deleted = Deleted a segment
audit-action-campaign-saved = Saved a campaign
audit-action-campaign-cost-added = Added a campaign cost
audit-action-campaign-costs-imported = Imported campaign costs
audit-action-settings-changed = Changed the shop settings
audit-action-demo-created = Created the demo shop

## Reasons: why a customer stands where they stand

reason-known-contact = known contact; no interaction or order yet
# $count (number): interactions.
reason-interactions = { $count ->
        [one] 1 interaction
       *[other] { $count } interactions
    }; no order yet
# $count (number): interactions; $last (text): the latest one's kind; $on (text): its date.
reason-interactions-last = { $count ->
        [one] 1 interaction
       *[other] { $count } interactions
    }, last: { $last } on { $on }; no order yet
reason-referred = referred by a customer; no order yet
# $n (number): the order's number; $on (text): its date.
reason-order-on = { NUMBER($n, type: "ordinal") ->
        [one] { $n }st
        [two] { $n }nd
        [few] { $n }rd
       *[other] { $n }th
    } order on { $on }
# $n (number): counted orders.
reason-orders = { $n } orders
# $order (text): the order that made the rung, as reason-order-on says it; $standing: active or at_risk.
reason-loyal = { $order }, { $standing ->
        [at_risk] at risk
       *[other] active
    }
# $order (text): as above; $state (text): lapsed, lost, or none (at risk stays loyal).
reason-not-active = { $order }, but { $state ->
        [at_risk] at risk
        [lapsed] lapsed
        [lost] lost
       *[other] not active
    }
# $order (text): as above; $buyers (number): referred customers who ordered.
reason-advocate-referrals = loyal ({ $order }, { $standing ->
        [at_risk] at risk
       *[other] active
    }) and { $buyers ->
        [one] 1 referred customer has ordered
       *[other] { $buyers } referred customers have ordered
    }
# $order (text): as above.
reason-advocate-recommended = loyal ({ $order }, { $standing ->
        [at_risk] at risk
       *[other] active
    }) and recommended us in public
# $days (number): days since the last order.
reason-since-order = { $days ->
        [0] last order today
        [1] last order yesterday
       *[other] last order { $days } days ago
    }
# $days (number): days since the last order.
reason-no-order-for = no order for { $days } days
# $days (number or text): the customer's usual gap.
reason-usual-own = { $days ->
        [one] usually every day
       *[other] usually every { $days } days
    }
# $days (number or text): the shop's usual gap from a first to a second order.
reason-usual-shop = { $days ->
        [one] customers usually return within a day
       *[other] customers usually return within { $days } days
    }
# $first (text), $second (text): two parts of a reason.
reason-and = { $first }, { $second }
# $days (number): days since the last order; $state (text): at_risk, lapsed or lost; $after (number or text): days after which the state begins.
reason-overdue = no order for { $days } days ({ $state ->
        [at_risk] at risk
        [lapsed] lapsed
       *[lost] lost
    } after { $after } days)
# $days, $state, $after: as above; $usual (text): the usual gap.
reason-overdue-usual = no order for { $days } days, { $usual } ({ $state ->
        [at_risk] at risk
        [lapsed] lapsed
       *[lost] lost
    } after { $after } days)
# $now (text): P(alive).
reason-p-alive = P(alive) { $now }
# $before (text), $now (text): P(alive) at the previous scoring and now.
reason-p-alive-fell = P(alive) fell from { $before } to { $now }
# $before (text), $now (text): as above.
reason-p-alive-rose = P(alive) rose from { $before } to { $now }
# $what (text): the figure; $why (text): the history behind it.
reason-because = { $what }: { $why }
reason-no-order-yet = no counted order by this date
# $stage (text): the lifecycle stage; $rung (text): the rung.
reason-lifecycle = { $stage }, from the rung: { $rung }
# $customers (number), $repeat (number): buyers and repeat buyers fitted on; $r, $alpha, $a, $b (text): the parameters; $spend (text): yes or no.
reason-model-fitted = states from BG/NBD P(alive), fitted on { $customers } customers ({ $repeat } with repeat purchases): r = { $r }, α = { $alpha } days, a = { $a }, b = { $b }; { $spend ->
        [yes] spend from Gamma-Gamma
       *[no] no spend model (too little repeat spend)
    }
# $repeat (number): customers who ordered on two different days; $needed (number): how many the model needs.
reason-model-too-few-repeat = states from the recency rule: only { $repeat } customers have ordered on two different days, and BG/NBD needs { $needed }
reason-model-not-converged = states from the recency rule: the BG/NBD fit did not converge
# $error (text): the fit's error, in English.
reason-model-failed = states from the recency rule: BG/NBD could not be fitted ({ $error })
# $on (text): the day; $categories (text): the categories.
reason-event-occasion-day = all their buying was on { $on }, in seasonal categories ({ $categories })
# $from (text), $to (text): the first and last day; $categories (text): the categories.
reason-event-occasion = all their buying was between { $from } and { $to }, in seasonal categories ({ $categories })
# $categories (text): the categories; $dates (text): the days.
reason-event-seasonal-orders = { $categories } on { $dates }, unlike the rest of their orders
# $dates (text): the days.
reason-event-one-off = marked one-off ({ $dates })
reason-roi-no-cost = no cost recorded
reason-roi-negative-cost = the costs sum below zero

## Unsubscribe and preference pages
unsubscribe-title = Unsubscribe
unsubscribe-question = Stop receiving these messages from { $shop }?
unsubscribe-button = Yes, unsubscribe me
unsubscribe-done = Done: { $shop } will send you no more of these messages by { $channel }.
preferences-link = Choose what you receive
preferences-title = What you receive
preferences-greeting = Hello { $name }.
preferences-intro = Choose which messages { $shop } may send you.
preferences-choice = { $topic } by { $channel }
preferences-save = Save my choices
preferences-saved = Your choices are saved.

## Messages pages
nav-messages = Messages
messages-intro = Templates, broadcasts and every message sent: each checked against consent, caps and quiet hours.
messages-broadcasts = Broadcasts
messages-broadcast-new = New broadcast
messages-broadcast-name = Name
messages-template = Template
messages-audience = Audience
messages-status = Status
messages-enqueued = Messages
messages-no-broadcasts = No broadcast yet.
messages-templates = Templates
messages-template-new = New template
messages-channel = Channel
messages-language = Language
messages-purpose = Purpose
messages-version = Version
messages-no-templates = No template yet.
messages-outbox = Outbox
messages-any-status = any status
messages-filter = Show
messages-customer = Customer
messages-reason = Why
messages-audience-all = all customers (each still needs consent)
messages-audience-newsletter = newsletter subscribers
messages-audience-segment = segment { $id }
messages-audience-rung = a rung of the ladder
messages-audience-saved-segment = a saved segment
messages-any-state = any state
messages-code = Campaign code
messages-broadcast-create = Compose and count
messages-broadcast-intro = Compose it first: before anything is sent you see who will receive it and who will not, and why.
messages-template-intro = Write once per language; the preview shows the message as a real customer will receive it.
messages-template-name = Name
messages-subject = Subject (email)
messages-body = Text
messages-merge-fields = Fields you may use:
messages-preview-for = Preview for customer
messages-template-save = Save (a new version)
messages-preview = Preview
messages-preview-skipped = This customer would get nothing:
messages-sms-parts = { $parts } text message parts ({ $units } characters, { $encoding }): each part is billed.
messages-forecast = Who will receive it
messages-will-go = will go
messages-will-wait = will wait
messages-will-not-go = will not go
messages-send = Send
messages-send-confirm = Send to { $count } customers now?
messages-report = What became of its messages
messages-being-sent = Its messages are being prepared; this page shows them once they are in the outbox.
messages-caps = Caps
messages-caps-wait = a customer at a cap waits until it frees, instead of being skipped
messages-defer-capped = Wait instead of skipping a customer contacted recently or at the cap of offers: their message goes once the cap frees
messages-sms-language = Language
messages-sms-messages = Messages
messages-sms-parts-each = Parts each
messages-sms-parts-total = Parts in all
messages-sms-cost = Estimated cost: { $cost }
messages-sms-no-price = Set the price of one part on the shop's settings to see the cost.
messages-results = What it brought
messages-results-window = Counted from when each customer's message was sent: unsubscriptions and purchases within { $days } days, and every order that carries the broadcast's campaign code.
messages-results-orders = Orders
messages-results-customers = Customers
messages-results-total = Total
messages-results-clicked = Followed a link
messages-results-unsubscribed = Unsubscribed
messages-results-attributed = Orders with the campaign code
messages-results-bought-after = Bought within { $days } days
messages-results-no-code = This broadcast has no campaign code, so no order is attributed to it; the purchases within the window are counted all the same.
messages-template-saved = The template is saved.
messages-broadcast-created = The broadcast is composed: check who will receive it, then send it.
messages-broadcast-sent = The broadcast is being sent.
messages-template-missing = Choose a template.
messages-rung-missing = Choose a rung.
messages-segment-missing = Choose a segment.
broadcast-status-draft = draft: not sent
broadcast-status-queued = being sent
broadcast-status-enqueued = sent to the outbox
broadcast-status-cancelled = cancelled
purpose-transactional = transactional
purpose-service = service
purpose-offer = offer
purpose-newsletter = newsletter
language-en = English
language-he = Hebrew
language-fa = Persian
language-ru = Russian

## Sending rules on the shop page
shop-sending-title = Never a nuisance
shop-sending-intro = How often and when customers may hear from the shop. Receipts and password resets are never held back.
shop-field-email_window_hours = Hours between two emails
shop-field-sms_window_hours = Hours between two text messages
shop-field-marketing_per_period = Offers at most
shop-field-marketing_period_days = … in this many days
shop-field-days_after_purchase = Days without offers after a purchase
shop-field-quiet_from = Quiet from
shop-field-quiet_to = Quiet until
shop-field-quiet_email = Email keeps quiet hours too
shop-field-closed_days = Days nothing but receipts goes out
shop-field-israel_existing_customers = Israel: use the existing-customer exception
shop-help-israel_existing_customers = Only if, when they bought, customers gave their details, were told they would get offers, could refuse, and the offers are for similar products (Communications Law §30A).
shop-field-israel_exception_terms = How the shop meets these conditions
shop-help-israel_exception_terms = Required to turn the exception on, and kept with the change: where customers give their details when they buy, the words that tell them offers will come, how they can refuse, which products the offers are for.
shop-field-track_clicks = Count clicks on the links in offer and newsletter emails
shop-help-track_clicks = Each web address in such an email goes through a signed link to this shop that counts the click, then leads on to it (the unsubscribe links stay direct). Opens are never tracked. Off by default.
shop-field-sms_part_price = Price of one text message part
shop-help-sms_part_price = What your SMS gateway charges per part, in the shop's currency (such as 0.07): a text broadcast shows its cost before it is sent. Empty: not shown.

## The call list
messages-calls = Call list
messages-calls-intro = Calls due now, each with what to say to that customer. Record how each went: it lands on their history.
messages-no-calls = No call is due.
messages-call-note = Note
messages-call-recorded = The call is recorded.
call-outcome-reached = Reached
call-outcome-no_answer = No answer: tomorrow
call-outcome-declined = Asked not to be called
call-outcome-wrong_number = Wrong number

## Printed letters
letter-notice-sender = Sent by { $name }, { $contact }.
letter-notice-source = Your address comes from our customer records.
letter-notice-removal = To receive no more letters from us, tell us: { $contact }.

## Password reset by email
password-reset-mail-subject = Your new Ladder password
password-reset-mail-body =
    Someone (we hope you) asked to set a new password for Ladder. Open this link within an hour to choose it:

    { $link }

    If it was not you, do nothing: your password stays as it is.
password-forgot-title = Forgot your password?
password-forgot-intro = Type your account's email: we send a link to set a new password.
password-forgot-send = Send the link
password-forgot-sent = If an account has that email, a link is on its way. It works once, for an hour.
password-reset-title = Choose a new password
password-reset-new = New password
password-reset-set = Set the password
password-reset-link-gone = This link has been used or is more than an hour old: ask for a new one.
password-reset-done = Your new password is set: sign in with it.

## Playbooks and the team's queue
nav-today = Today
nav-playbooks = Playbooks
playbooks-intro = Follow-ups that run by themselves: each playbook starts when something happens to a customer, sends a message or gives a person a task, and keeps a small control group to show what it changed.
playbooks-name = Playbook
playbooks-on = On
playbooks-entered-week = Entered this week
playbooks-entered = Entered in all
playbooks-goal-rate = Goal reached
playbooks-lift = Difference it made
playbooks-is-on = On
playbooks-is-off = Off
playbooks-control-count = { $count } in the control group
playbooks-no-control = no control group
playbooks-not-enough-data = not enough data yet
playbooks-points = points
playbooks-interval = 95 % between { $low } and { $high }
playbooks-saved = The playbook is saved.
playbook-post_purchase_checkin = Check in after a purchase
playbook-first_to_second = From the first order to the second
playbook-second_to_third = From the second order to the third
playbook-winback = Win back a regular
playbook-losing_value_call = Call a best customer who buys less
playbook-birthday = Birthday greeting
playbook-complaint_apology = Apologise for a complaint
playbook-advocate_thanks = Thank an advocate
playbook-new_loyal = Welcome a new regular
playbook-club_welcome = Welcome a new club member
playbook-club_tier_up = Thank a member who moved up a tier
playbook-club_tier_down = A kind word when a member moves down a tier
playbook-club_points_expiring = Remind a member before points expire
playbook-about-post_purchase_checkin = Three days after an order, ask how the product is. A service message: never an offer.
playbook-about-first_to_second = When a first-time buyer reaches the shop's usual wait for a second order, a personal message with a product that suits them.
playbook-about-second_to_third = When a customer with two orders is due for the next, a personal message; the most valuable get a call too. The third order makes a regular.
playbook-about-winback = When a regular lapses (and once more if they are lost), a message that says you miss them, with an offer.
playbook-about-losing_value_call = A person calls the best customers who buy less than they did, while they are still active. Never an automatic message.
playbook-about-birthday = The day before the birthday (or the last opening day before it), a greeting with an offer.
playbook-about-complaint_apology = A complaint gives a person a call within the day and a personal apology letter. Until the call is done, the customer hears no marketing.
playbook-about-advocate_thanks = When someone becomes an advocate, or a friend they sent places a first order, a thank-you.
playbook-about-new_loyal = When a customer becomes loyal, a welcome to the regulars with what they get.
playbook-about-club_welcome = When a customer joins the club (not when everyone is enrolled at once): welcome points and their card number.
playbook-about-club_tier_up = When a member moves up a tier: a thank-you with their perks, and their referral code a week later.
playbook-about-club_tier_down = When a member moves down a tier: free shipping for a while and a kind word, never a reproach.
playbook-about-club_points_expiring = A month before some of a member's points expire: how many, and when.
playbook-when = When
playbook-who = Who
playbook-then = Then
playbook-not-contacted-days = Not if they had a message within these many days (empty: no limit)
playbook-reentry-days = A customer may enter again after these many days (0: whenever it happens anew)
playbook-field-days = Days
playbook-field-points = Points
playbook-field-due-days = Due in days
playbook-field-channel = Channel
playbook-field-fallback = Else
playbook-no-fallback = nothing else
playbook-goal = It ends as reached when { $goal }.
playbook-goal-days = Counted within days
playbook-goal-second_order = the second order arrives
playbook-goal-third_order = the third order arrives
playbook-goal-any_order = they order again
playbook-goal-order_or_reached = they order or a person reaches them
playbook-goal-task_done = the person's task is done
playbook-settings = Settings
playbook-service = A service follow-up: everyone who qualifies gets it, so it keeps no control group.
playbook-control-percent = Control group, percent of those who qualify (0: none)
playbook-catch-up-days = When turned on, reach back over these many days (0: from now on)
playbook-save = Save
playbook-try = Try it on today
playbook-try-intro = See who would enter today and what would happen to them, without sending or writing anything.
playbook-try-now = Who would enter today?
playbook-try-counts = Today { $treated } would enter and { $control } would be kept as the control group: { $messages } messages to try (consent, limits and quiet hours are checked as each goes), { $tasks } tasks.
playbook-try-skipped = { $count } steps would be skipped (a step only for the top tenth by value, or the conditions no longer met).
playbook-try-nobody = Nobody would enter today.
playbook-group = Group
playbook-would = What would happen today
playbook-group-treated = Treated
playbook-group-control = Control
playbook-nothing-today = nothing today (control group, or a step skipped)
playbook-report = What it changed
playbook-goal-reached = Goal reached
playbook-revenue-per-customer = Revenue per customer
playbook-unsubscribed = Unsubscribed
playbook-sent-done = { $messages } messages sent, { $tasks } tasks done.
playbook-trigger-days-after-order = { $days ->
    [one] A day after an order
   *[other] { $days } days after an order
}
playbook-trigger-first-order-gap = One order so far, and the shop's usual wait for a second one has just passed
playbook-trigger-second-order-due = Two orders so far, and the next one is due (their own rhythm, else the shop's) with none since
playbook-trigger-losing-value = Among the best customers who buy less than they did
playbook-trigger-birthday = { $days ->
    [one] The birthday is tomorrow (the last opening day before it, when the shop is closed)
   *[other] The birthday is { $days } days ahead
}
playbook-trigger-date-attribute = The date “{ $attribute }” is { $days } days ahead
playbook-trigger-segment = They join the segment “{ $segment }”
playbook-trigger-order-placed = An order is placed
playbook-trigger-rung-from = They move on the ladder from { $from } to { $to }
playbook-trigger-rung = They reach { $to } on the ladder
playbook-trigger-state-from = Their state changes from { $from } to { $to }
playbook-trigger-state = Their state changes to { $to }
playbook-trigger-interaction = Recorded with them: { $kind }
playbook-trigger-referral = A customer they brought places a first order
playbook-trigger-club-joined = They join the club
playbook-trigger-tier-up = They move up a tier in the club
playbook-trigger-tier-down = They move down a tier in the club
playbook-trigger-tier-up-to = They move up to the tier “{ $tier }”
playbook-trigger-tier-down-to = They move down to the tier “{ $tier }”
playbook-trigger-points-expiring = { $days ->
    [one] Some of their points expire tomorrow
   *[other] Some of their points expire in { $days } days
}
playbook-trigger-manual = Started by hand for a chosen list
playbook-if-no-event-buyers = not an event buyer (someone whose every order was a one-off)
playbook-if-min-rung = at least { $rung } on the ladder
playbook-if-states = state: { $states }
playbook-if-segment = in the segment “{ $segment }”
playbook-if-min-clv = a 12-month value of at least { $value }
playbook-if-not-contacted = { $days ->
    [one] no message in the last day
   *[other] no message in the last { $days } days
}
playbook-if-alone-in-goal = not in another playbook with the same goal
playbook-if-anyone = anyone
playbook-jump-next = go on
playbook-jump-skip = { $count ->
    [one] skip the next step
   *[other] skip the next { $count } steps
}
playbook-jump-end = end the run
playbook-step-wait = { $days ->
    [one] Wait a day.
   *[other] Wait { $days } days.
}
playbook-step-wait-until = Wait { $days } days, then go on at { $hour }:00.
playbook-step-message = Send “{ $template }” by { $channel }.
playbook-step-message-else = Send “{ $template }” by { $channel }, else by { $fallback }.
playbook-step-task = { $days ->
    [0] Give a person a task: { $task }, due the same day.
    [one] Give a person a task: { $task }, due the next day.
   *[other] Give a person a task: { $task }, due in { $days } days.
}
playbook-step-script = With the script “{ $template }”.
playbook-step-top-decile = Only for the top tenth by value; skipped for the rest.
playbook-step-tag = Add the tag “{ $tag }”.
playbook-step-give-points = { $points ->
    [one] Give them { $points } point (“{ $reason }”); skipped for those not in the club.
   *[other] Give them { $points } points (“{ $reason }”); skipped for those not in the club.
}
playbook-step-give-perk = { $days ->
    [one] Give them { $perk } for a day; skipped for those not in the club.
   *[other] Give them { $perk } for { $days } days; skipped for those not in the club.
}
playbook-step-referral-code = Send their referral code by { $channel }.
playbook-step-referral-code-else = Send their referral code by { $channel }, else by { $fallback }.
playbook-step-branch = If they { $test } since it began: { $yes }; else { $no }.
playbook-branch-ordered = ordered
playbook-branch-answered = answered
task-kind-call = a call
task-kind-letter = a personal letter
task-kind-visit = a visit
task-why-second_to_third-call = Two orders and the third is due: call and ask how they are.
task-why-losing_value_call-call = A best customer buying less: call and listen.
task-why-complaint_apology-call = A complaint: call today and put it right.
task-why-complaint_apology-letter = A complaint: send a personal apology letter.
task-outcome-reached = Reached
task-outcome-no_answer = No answer: tomorrow
task-outcome-wrong_number = Wrong number
task-outcome-ordered = Ordered
task-outcome-refused_contact = Asked not to be contacted
task-outcome-sent = Letter sent
today-intro = The team's work for today, overdue first, then the customers with the most at stake. Done, snoozed or given to someone else, a task leaves your list.
today-mine = My tasks
today-shop = The shop's tasks
today-none = Nothing to do today.
today-overdue = { $count ->
    [one] a day overdue
   *[other] { $count } days overdue
}
today-due = due { $date }
today-value = worth { $value } a year
today-consents = agrees to hear by { $channels }
today-no-consent = no consent to marketing
today-prefers = prefers { $channel }
today-script = What to say
today-note = Note
today-snooze-until = Snooze until
today-snooze = Snooze
today-give-to = Give to
today-give = Give
today-skip = Skip
today-task-done = Done: it is on the customer's history.
today-task-snoozed = Snoozed: it comes back on the day you chose.
today-task-skipped = Skipped.
today-task-assigned = Given.
today-open-queue = { $count ->
    [one] Open today's queue (1 task)
   *[other] Open today's queue ({ $count } tasks)
}
task-digest-subject = { $count ->
    [one] Today: 1 task for you
   *[other] Today: { $count } tasks for you
}
task-digest-intro = { $count ->
    [one] Good morning. One customer is waiting for you today:
   *[other] Good morning. { $count } customers are waiting for you today, overdue first:
}
task-digest-more = and { $count } more
task-digest-link = Open today's queue: { $link }
today-choose = choose…
playbooks-no-goal = no goal to measure
audit-action-playbook-changed = A playbook was turned on or off, or its settings changed
audit-action-playbook-started = A playbook was started by hand for chosen customers
audit-action-playbooks-evaluated = The playbooks' day was evaluated
audit-action-club-rules-changed = The club's rules were changed
audit-action-club-joined = A customer joined the club
audit-action-club-enrolled = Every customer was enrolled in the club
audit-action-club-card-replaced = A member's card was replaced
audit-action-club-points-adjusted = Club points were given or taken by hand
audit-action-club-points-redeemed = A member spent club points
audit-action-club-evaluated = The club was evaluated: points and tiers
audit-action-task-changed = A task was done, snoozed, skipped or given to someone

## The club

club-points = { $count ->
        [one] { $count } point
       *[other] { $count } points
    }
nav-club = Club
club-till = Till
club-intro = Members, their tiers and points. At the till, scan or type a card to see the member and redeem points:
club-redeemed = Spent { $points }.
club-not-enough = Not enough points: { $points } available now.
club-points-whole = Enter the points as a whole number.
club-card-or-phone = Card number, phone, email or customer id
club-look-up = Look up
club-till-help = A scanner types the card number and presses Enter; a card number's last digit checks the others.
club-redeem = Redeem points
club-points-to-spend = Points to spend
club-reference = Receipt or order (optional)
club-members = Members
club-active-members = { $count ->
        [one] { $count } ordered in the last 12 months
       *[other] { $count } ordered in the last 12 months
    }
club-revenue-share = Members' share of revenue
club-twelve-months = the last 12 months
club-liability = Points outstanding, in money
club-outstanding = { $points } not yet spent
club-points-year = Points in the last 12 months
club-issued = Issued
club-redeemed-total = Redeemed
club-expired = Expired
club-redemption-rate = Redemption rate
club-third-members = Third purchase: members
club-third-others = Third purchase: other customers
club-tiers = Tiers
club-tier = Tier
club-threshold = From (12 months)
club-multiplier = Points
club-perks = Perks
club-rules-summary = Earned points can be spent after { $pending } days; a member moves down a tier only after { $grace } days below it.
club-member-blocked = This membership is blocked: the card no longer works.
club-balance = Points available
club-pending = Pending
club-expiring = Expiring
club-expiring-on = { $points } on { $day }
club-perk-free-shipping = Free shipping
club-perk-extended-warranty = Extended warranty
club-perk-early-access = Early access
club-perk-birthday-gift = Birthday gift
club-perk-welcome-gift = Welcome gift
club-referral-code = Referral code
club-statement = Statement
club-when = When
club-movement = Movement
club-points-column = Points
club-kind-earn = Earned
club-kind-redeem = Spent
club-kind-expire = Expired
club-kind-reverse = Taken back (order returned)
club-kind-adjust = Adjusted by staff
club-no-movements = No points yet.
club-replace-confirm = Block this card and issue a new number?
club-replace-card = Card lost: issue a new one
club-accepted-terms = The customer has read and accepted the club's terms.
club-no-marketing-bundled = Joining does not sign them up for marketing messages; ask about that separately.
club-join = Enrol in the club
club-not-a-member = Not a member of the club.
club-joined = Enrolled in the club; their card number is ready.
club-card-replaced = A new card number was issued; the old one is blocked.
club-terms-needed = To enrol, the customer must accept the club's terms.
club-card-tier = { $tier } member
club-card-referral = Bring a friend with your code: { $code }
club-card-terms = Member of the customer club of { $shop }. Show this card at the till to earn and spend points.
club-card-title = Your club card
club-card-download = Download the card (PDF)
club-card-show-at-till = Show this page at the till: the barcode or the QR code is your card.
club-card-email = Email the card
club-card-emailed = The card is on its way by email.
club-card-email-again = This card was emailed already; a new card number would be emailed again.
club-card-email-skipped = The card could not be emailed: no email address, or it is blocked.
