//! What the audit log records: who did it (an [`Actor`]) and what they did (an [`Action`], with what it
//! changed, field by field). Typed here so that every door writes the same entry for the same change, and
//! so that `ladder-i18n` can say it in the reader's language.

use crate::access::{Permission, Role};
use serde::{Deserialize, Serialize};

/// Who asks for a change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Actor {
    /// A user signed in to the pages.
    User {
        /// The user.
        id: i64,
        /// Their role when they asked.
        role: Role,
    },
    /// A user's API token.
    Token {
        /// The token.
        id: i64,
        /// Whose token.
        user_id: i64,
        /// The owner's role when it was used.
        role: Role,
    },
    /// Someone at the machine's command line, who can open the database anyway.
    Cli,
    /// Ladder itself: the scheduler, housekeeping.
    System,
    /// A customer, through a link Ladder signed for them (one-click unsubscribe, the preference page):
    /// may change only their own answers, which the link names.
    Customer {
        /// The customer's id.
        customer_id: String,
    },
}

impl Actor {
    /// Whether this actor may do what `permission` covers: users and tokens by their role; the command
    /// line and the system may do everything.
    pub fn allows(&self, permission: Permission) -> bool {
        match self {
            Actor::User { role, .. } | Actor::Token { role, .. } => role.allows(permission),
            Actor::Cli | Actor::System => true,
            Actor::Customer { .. } => false,
        }
    }

    /// The user behind the actor, if a user.
    pub fn user_id(&self) -> Option<i64> {
        match self {
            Actor::User { id, .. } => Some(*id),
            Actor::Token { user_id, .. } => Some(*user_id),
            Actor::Cli | Actor::System | Actor::Customer { .. } => None,
        }
    }

    /// The stable name the audit log keeps: `user:3`, `token:7`, `cli`, `system`.
    pub fn name(&self) -> String {
        match self {
            Actor::User { id, .. } => format!("user:{id}"),
            Actor::Token { id, .. } => format!("token:{id}"),
            Actor::Cli => "cli".to_owned(),
            Actor::System => "system".to_owned(),
            Actor::Customer { customer_id } => format!("customer:{customer_id}"),
        }
    }
}

/// One field's value before and after a change (`None`: empty).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    /// The field, as files and forms name it (`email`, `consent_sms`).
    pub field: String,
    /// Before.
    pub before: Option<String>,
    /// After.
    pub after: Option<String>,
}

/// The changes between two versions of a record, field by field: only the fields that differ.
pub fn changes(fields: &[(&str, Option<String>, Option<String>)]) -> Vec<FieldChange> {
    fields
        .iter()
        .filter(|(_, before, after)| before != after)
        .map(|(field, before, after)| FieldChange {
            field: (*field).to_owned(),
            before: before.clone(),
            after: after.clone(),
        })
        .collect()
}

/// The changes between two versions of a record given as its named fields (in any order; a field only
/// one side has counts as empty on the other): only the fields that differ, in the order of `after`, then
/// those only `before` had.
pub fn changes_between<N: AsRef<str>>(
    before: &[(N, Option<String>)],
    after: &[(N, Option<String>)],
) -> Vec<FieldChange> {
    let value = |list: &[(N, Option<String>)], name: &str| {
        list.iter().find(|(n, _)| n.as_ref() == name).and_then(|(_, v)| v.clone())
    };
    let mut names: Vec<&str> = after.iter().map(|(n, _)| n.as_ref()).collect();
    for (n, _) in before {
        if !names.contains(&n.as_ref()) {
            names.push(n.as_ref());
        }
    }
    let pairs: Vec<(&str, Option<String>, Option<String>)> =
        names.into_iter().map(|n| (n, value(before, n), value(after, n))).collect();
    changes(&pairs)
}

/// What was done. The tag (`customer.changed`) is the audit log's stable action name; the fields are its
/// detail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action")]
pub enum Action {
    /// A customer was added.
    #[serde(rename = "customer.created")]
    CustomerCreated {
        /// The business's id.
        customer_id: String,
    },
    /// A customer's profile or consents changed.
    #[serde(rename = "customer.changed")]
    CustomerChanged {
        /// The business's id.
        customer_id: String,
        /// What changed.
        changes: Vec<FieldChange>,
    },
    /// Two customers were made one: `absorbed`'s id is now an alias of `customer_id`.
    #[serde(rename = "customer.merged")]
    CustomersMerged {
        /// The customer kept.
        customer_id: String,
        /// The one merged into it.
        absorbed: String,
    },
    /// A customer was deleted with their orders.
    #[serde(rename = "customer.deleted")]
    CustomerDeleted {
        /// The business's id.
        customer_id: String,
    },
    /// A customer's personal data was erased; their orders stay under an anonymous id. The entry names
    /// only that id: the audit log keeps no personal data of an erased person.
    #[serde(rename = "customer.erased")]
    CustomerErased {
        /// The anonymous id the orders stay under.
        customer_id: String,
    },
    /// One customer's data was exported (a request for access).
    #[serde(rename = "customer.exported")]
    CustomerExported {
        /// The business's id.
        customer_id: String,
    },
    /// An interaction (a note, a call) was recorded.
    #[serde(rename = "interaction.added")]
    InteractionAdded {
        /// The customer.
        customer_id: String,
        /// Its kind.
        kind: crate::InteractionKind,
    },
    /// An order was stored (inserted or updated).
    #[serde(rename = "order.saved")]
    OrderSaved {
        /// The business's order id.
        order_id: String,
        /// Its customer.
        customer_id: String,
        /// `inserted` or `updated`.
        outcome: String,
    },
    /// An order was marked one-off, or counted again.
    #[serde(rename = "order.one_off")]
    OrderOneOff {
        /// The business's order id.
        order_id: String,
        /// Its customer.
        customer_id: String,
        /// Whether it is now one-off.
        one_off: bool,
    },
    /// An address was blocked for deliverability (a bounce, a complaint, the shop's decision).
    #[serde(rename = "address.suppressed")]
    AddressSuppressed {
        /// The channel.
        channel: crate::Channel,
        /// The address, masked.
        hint: String,
        /// Why.
        reason: crate::messaging::SuppressionReason,
    },
    /// A blocked address was unblocked.
    #[serde(rename = "address.unsuppressed")]
    AddressUnsuppressed {
        /// The channel.
        channel: crate::Channel,
        /// The address, masked.
        hint: String,
    },
    /// A message to one customer was enqueued.
    #[serde(rename = "message.enqueued")]
    MessageEnqueued {
        /// To whom.
        customer_id: String,
        /// The template.
        template: String,
        /// The channel.
        channel: crate::Channel,
    },
    /// A broadcast was composed.
    #[serde(rename = "broadcast.created")]
    BroadcastCreated {
        /// Its id.
        broadcast_id: i64,
        /// The template.
        template: String,
        /// The channel.
        channel: crate::Channel,
        /// Whom it is for, in words.
        audience: String,
    },
    /// A broadcast was asked to be sent.
    #[serde(rename = "broadcast.sent")]
    BroadcastSent {
        /// Its id.
        broadcast_id: i64,
    },
    /// A broadcast's messages were enqueued.
    #[serde(rename = "broadcast.enqueued")]
    BroadcastEnqueued {
        /// Its id.
        broadcast_id: i64,
        /// Messages enqueued to go.
        queued: u64,
        /// Messages decided against, with their reasons in the outbox.
        skipped: u64,
    },
    /// A playbook was turned on or off, or its control share changed.
    #[serde(rename = "playbook.changed")]
    PlaybookChanged {
        /// Its key.
        key: String,
        /// On or off.
        enabled: bool,
        /// The control group's share, percent.
        control_percent: u32,
        /// Days reached back over when turned on (0: from now).
        catch_up_days: u32,
    },
    /// A person started a playbook for a chosen list.
    #[serde(rename = "playbook.started")]
    PlaybookStarted {
        /// Its key.
        key: String,
        /// Runs started (a customer started the same day already is not started again).
        started: u64,
    },
    /// The playbooks evaluated a day: runs started, messages enqueued, tasks created.
    #[serde(rename = "playbooks.evaluated")]
    PlaybooksEvaluated {
        /// The day.
        day: chrono::NaiveDate,
        /// Runs started.
        started: u64,
        /// Messages enqueued.
        messages: u64,
        /// Tasks created.
        tasks: u64,
    },
    /// A task was done, snoozed, skipped or reassigned.
    #[serde(rename = "task.changed")]
    TaskChanged {
        /// Its id.
        task_id: i64,
        /// Its customer.
        customer_id: String,
        /// Its new status.
        status: String,
        /// How it ended.
        outcome: Option<String>,
    },
    /// A message template was saved (a new version).
    #[serde(rename = "template.saved")]
    TemplateSaved {
        /// Its name.
        name: String,
        /// Its channel.
        channel: crate::Channel,
        /// Its language.
        language: String,
        /// The version saved.
        version: u32,
    },
    /// A file was imported.
    #[serde(rename = "import.run")]
    ImportRun {
        /// `customers`, `orders` or `interactions`.
        kind: String,
        /// The file's name.
        file: String,
        /// Rows read.
        read: u64,
        /// Rows inserted.
        inserted: u64,
        /// Rows updated.
        updated: u64,
        /// Rows rejected (skipped as invalid).
        rejected: u64,
    },
    /// The shop was scored.
    #[serde(rename = "scoring.run")]
    ScoringRun {
        /// The day scored as of.
        as_of: chrono::NaiveDate,
        /// Customers placed.
        customers: u64,
        /// Rung changes recorded.
        rung_changes: u64,
        /// State changes recorded.
        state_changes: u64,
    },
    /// Work was put in the queue.
    #[serde(rename = "job.enqueued")]
    JobEnqueued {
        /// The job.
        job_id: i64,
        /// Its kind.
        kind: String,
    },
    /// A failed or cancelled job was put back in the queue.
    #[serde(rename = "job.retried")]
    JobRetried {
        /// The job.
        job_id: i64,
        /// Its kind.
        kind: String,
    },
    /// A waiting job was cancelled.
    #[serde(rename = "job.cancelled")]
    JobCancelled {
        /// The job.
        job_id: i64,
        /// Its kind.
        kind: String,
    },
    /// A user was added.
    #[serde(rename = "user.created")]
    UserCreated {
        /// Their email.
        email: String,
        /// Their role.
        role: Role,
    },
    /// A user changed (name, role, language, password, enabled).
    #[serde(rename = "user.changed")]
    UserChanged {
        /// Their email.
        email: String,
        /// What changed (a new password shows as changed, never its value).
        changes: Vec<FieldChange>,
    },
    /// Someone signed in.
    #[serde(rename = "user.signed_in")]
    SignedIn {
        /// The account.
        email: String,
    },
    /// A sign-in failed.
    #[serde(rename = "user.sign_in_failed")]
    SignInFailed {
        /// The email typed.
        email: String,
    },
    /// Someone signed out.
    #[serde(rename = "user.signed_out")]
    SignedOut {
        /// The account.
        email: String,
    },
    /// An API token was made.
    #[serde(rename = "token.created")]
    TokenCreated {
        /// The token's id.
        token_id: i64,
        /// What its owner called it.
        name: String,
    },
    /// An API token was revoked.
    #[serde(rename = "token.revoked")]
    TokenRevoked {
        /// The token's id.
        token_id: i64,
    },
    /// A segment was saved.
    #[serde(rename = "segment.saved")]
    SegmentSaved {
        /// The segment.
        segment_id: i64,
        /// Its name.
        name: String,
        /// Its rule, as stored.
        rule: String,
        /// Whether it is new.
        created: bool,
    },
    /// A segment was deleted.
    #[serde(rename = "segment.deleted")]
    SegmentDeleted {
        /// The segment.
        segment_id: i64,
        /// Its name.
        name: String,
    },
    /// A campaign was created or changed.
    #[serde(rename = "campaign.saved")]
    CampaignSaved {
        /// The campaign.
        campaign_id: String,
        /// `inserted` or `updated`.
        outcome: String,
        /// What changed.
        changes: Vec<FieldChange>,
    },
    /// A dated cost was added to a campaign.
    #[serde(rename = "campaign.cost_added")]
    CampaignCostAdded {
        /// The campaign.
        campaign_id: String,
        /// The day spent.
        on: chrono::NaiveDate,
        /// The amount, minor units.
        amount_minor: i64,
        /// The note.
        note: Option<String>,
    },
    /// How a source's file columns pair with Ladder's was saved on the import page.
    #[serde(rename = "import.columns_paired")]
    ImportColumnsPaired {
        /// `customers`, `orders` or `interactions`.
        kind: String,
        /// The pairs: the file's column, then Ladder's (`-`: left out).
        pairs: Vec<(String, String)>,
    },
    /// Campaign costs were imported from a file.
    #[serde(rename = "campaign.costs_imported")]
    CampaignCostsImported {
        /// The file's name.
        file: String,
        /// Costs added.
        added: u64,
        /// Costs already recorded.
        unchanged: u64,
    },
    /// The shop's settings changed.
    #[serde(rename = "settings.changed")]
    SettingsChanged {
        /// What changed.
        changes: Vec<FieldChange>,
    },
    /// The club's rules were saved.
    #[serde(rename = "club.rules_changed")]
    ClubRulesChanged {
        /// The points' terms version now asked for.
        terms_version: String,
    },
    /// A customer joined the club.
    #[serde(rename = "club.joined")]
    ClubJoined {
        /// The member.
        customer_id: String,
        /// Orders from this day earn points.
        earn_from: chrono::NaiveDate,
        /// Points their earlier orders earned at once.
        points: i64,
        /// The member whose referral code they came with (recorded as who brought them).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        referred_by: Option<String>,
    },
    /// Every customer who was not a member was enrolled.
    #[serde(rename = "club.enrolled")]
    ClubEnrolled {
        /// Members enrolled.
        members: u64,
    },
    /// A member's card was replaced: the old number is blocked.
    #[serde(rename = "club.card_replaced")]
    ClubCardReplaced {
        /// The member.
        customer_id: String,
        /// Why (`lost`, `damaged`).
        reason: String,
    },
    /// Staff gave or took points by hand.
    #[serde(rename = "club.points_adjusted")]
    ClubPointsAdjusted {
        /// The member.
        customer_id: String,
        /// Points, signed.
        points: i64,
        /// The reason given.
        reason: String,
    },
    /// A member spent points.
    #[serde(rename = "club.points_redeemed")]
    ClubPointsRedeemed {
        /// The member.
        customer_id: String,
        /// Points spent.
        points: i64,
        /// The till's or shop's reference.
        reference: Option<String>,
    },
    /// The club was evaluated: points earned, reversed and expired, tiers moved.
    #[serde(rename = "club.evaluated")]
    ClubEvaluated {
        /// The day.
        day: chrono::NaiveDate,
        /// Points earned by orders.
        earned: i64,
        /// Points taken back from refunded or cancelled orders.
        reversed: i64,
        /// Points expired.
        expired: i64,
        /// Members who changed tier.
        moved: u64,
    },
    /// The demo shop was made.
    #[serde(rename = "demo.created")]
    DemoCreated {
        /// Its seed.
        seed: u64,
        /// Its customers.
        customers: u64,
    },
}

impl Action {
    /// The stable action name (`customer.changed`).
    pub fn name(&self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.get("action").and_then(|a| a.as_str()).map(str::to_owned))
            .unwrap_or_default()
    }

    /// What the action is about, as the audit log's target (`customer:C17`, `user:dana@example.com`).
    pub fn target(&self) -> String {
        match self {
            Action::CustomerCreated { customer_id }
            | Action::CustomerChanged { customer_id, .. }
            | Action::CustomersMerged { customer_id, .. }
            | Action::CustomerDeleted { customer_id }
            | Action::CustomerErased { customer_id }
            | Action::CustomerExported { customer_id }
            | Action::InteractionAdded { customer_id, .. }
            | Action::MessageEnqueued { customer_id, .. } => format!("customer:{customer_id}"),
            Action::OrderSaved { order_id, .. } | Action::OrderOneOff { order_id, .. } => format!("order:{order_id}"),
            Action::ImportRun { file, .. } | Action::CampaignCostsImported { file, .. } => format!("file:{file}"),
            Action::ImportColumnsPaired { kind, .. } => format!("columns:{kind}"),
            Action::ScoringRun { as_of, .. } => format!("scoring:{as_of}"),
            Action::JobEnqueued { job_id, .. }
            | Action::JobRetried { job_id, .. }
            | Action::JobCancelled { job_id, .. } => {
                format!("job:{job_id}")
            }
            Action::UserCreated { email, .. }
            | Action::UserChanged { email, .. }
            | Action::SignedIn { email }
            | Action::SignInFailed { email }
            | Action::SignedOut { email } => format!("user:{email}"),
            Action::TokenCreated { token_id, .. } | Action::TokenRevoked { token_id } => format!("token:{token_id}"),
            Action::SegmentSaved { segment_id, .. } | Action::SegmentDeleted { segment_id, .. } => {
                format!("segment:{segment_id}")
            }
            Action::CampaignSaved { campaign_id, .. } | Action::CampaignCostAdded { campaign_id, .. } => {
                format!("campaign:{campaign_id}")
            }
            Action::AddressSuppressed { channel, hint, .. } | Action::AddressUnsuppressed { channel, hint } => {
                format!("address:{channel}:{hint}")
            }
            Action::TemplateSaved { name, .. } => format!("template:{name}"),
            Action::BroadcastCreated { broadcast_id, .. }
            | Action::BroadcastSent { broadcast_id }
            | Action::BroadcastEnqueued { broadcast_id, .. } => format!("broadcast:{broadcast_id}"),
            Action::SettingsChanged { .. } => "settings".to_owned(),
            Action::PlaybookChanged { key, .. } | Action::PlaybookStarted { key, .. } => format!("playbook:{key}"),
            Action::PlaybooksEvaluated { day, .. } => format!("playbooks:{day}"),
            Action::TaskChanged { customer_id, .. } => format!("customer:{customer_id}"),
            Action::DemoCreated { seed, .. } => format!("demo:{seed}"),
            Action::ClubJoined { customer_id, .. }
            | Action::ClubCardReplaced { customer_id, .. }
            | Action::ClubPointsAdjusted { customer_id, .. }
            | Action::ClubPointsRedeemed { customer_id, .. } => format!("customer:{customer_id}"),
            Action::ClubRulesChanged { .. } | Action::ClubEnrolled { .. } => "club".to_owned(),
            Action::ClubEvaluated { day, .. } => format!("club:{day}"),
        }
    }

    /// The whole action as JSON: what the audit log keeps as the detail, and reads back.
    pub fn detail(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The action an audit entry recorded, from its detail; `None` for entries of older versions, which
    /// kept words instead.
    pub fn from_detail(detail: &str) -> Option<Action> {
        serde_json::from_str(detail).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actors_have_stable_names_and_their_roles_rights() {
        assert_eq!(Actor::User { id: 3, role: Role::Viewer }.name(), "user:3");
        assert_eq!(Actor::Token { id: 7, user_id: 3, role: Role::Sales }.name(), "token:7");
        assert_eq!(Actor::Cli.name(), "cli");
        assert!(!Actor::User { id: 3, role: Role::Viewer }.allows(Permission::EditCustomers));
        assert!(Actor::Token { id: 7, user_id: 3, role: Role::Sales }.allows(Permission::EditCustomers));
        assert!(Actor::Cli.allows(Permission::ManageUsers) && Actor::System.allows(Permission::ManageSettings));
        assert_eq!(Actor::Token { id: 7, user_id: 3, role: Role::Sales }.user_id(), Some(3));
    }

    #[test]
    fn actions_round_trip_through_their_detail() {
        let action = Action::CustomerChanged {
            customer_id: "C1".into(),
            changes: changes(&[
                ("email", Some("a@b.cd".into()), Some("a@b.cd".into())),
                ("consent_email", Some("yes".into()), Some("no".into())),
            ]),
        };
        assert_eq!(action.name(), "customer.changed");
        assert_eq!(action.target(), "customer:C1");
        let detail = action.detail();
        assert_eq!(
            detail,
            r#"{"action":"customer.changed","customer_id":"C1","changes":[{"field":"consent_email","before":"yes","after":"no"}]}"#
        );
        assert_eq!(Action::from_detail(&detail), Some(action));
        assert_eq!(Action::from_detail("edited the profile"), None, "older entries kept words");
    }
}
