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
dashboard-title = Today
scored-as-of = Scores as of { $date }
scores-stale = new data since; run the scoring again
not-scored-yet = The customers have not been scored yet. Run `ladder score`.
ladder-funnel = The loyalty ladder
states-title = How alive the buyers are
state-none = No orders yet
contact-today = Whom to contact today
contact-none = Nobody needs a call today.
contact-push-third = Two orders so far: a third makes a regular. Invite them back with something new.
contact-welcome-back = A regular who has gone quiet: welcome them back personally.
contact-thank-advocate = Brings you customers: say thank you.
contact-ask-recent = A recent first order: ask how they like the product.
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
clv-from = Value from
clv-to = Value to
customers-more-than = More than { $count } customers
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
mark-one-off = Mark as one-off
unmark-one-off = Count it again
no-orders = No orders yet.
interactions = Notes and contacts
interaction-kind = Kind
note = Note
note-placeholder = What happened?
no-interactions = Nothing recorded yet.
edit-profile = Edit the profile
first-name = First name
last-name = Last name
company = Company
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
