//! The tables every backend holds, column by column, in one canonical form: what `ladder db copy` moves
//! between backends and checks. Each backend keeps its own SQL types; here a column only says how its
//! values read as text.

/// How a column's values are typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// 64-bit integer (ids, Unix seconds, day numbers, minor units).
    Int,
    /// Text.
    Text,
    /// Boolean, as `0` or `1`.
    Bool,
    /// 64-bit float, as Rust's shortest round-trip text.
    Float,
}

/// One table: its name, its columns in order, and how many leading columns form its key.
#[derive(Debug, Clone, Copy)]
pub struct Table {
    /// The table's name.
    pub name: &'static str,
    /// Columns and their kinds.
    pub columns: &'static [(&'static str, Kind)],
    /// The first this many columns are the primary key (rows are exported in key order).
    pub key: usize,
    /// Whether the first column is a generated id whose sequence must follow a restore.
    pub generated_id: bool,
}

impl Table {
    /// A table of one row that every database has from its creation (the shop's settings and marks): a
    /// restore replaces that row instead of adding one.
    pub fn is_singleton(&self) -> bool {
        matches!(self.name, "shop_settings" | "shop_state")
    }
}

use Kind::*;

/// Every table, parents before children.
pub const TABLES: &[Table] = &[
    Table {
        name: "shop_settings",
        columns: &[
            ("id", Int),
            ("name", Text),
            ("country", Text),
            ("city", Text),
            ("time_zone", Text),
            ("language", Text),
            ("currency", Text),
            ("opening_days", Text),
            ("sender_name", Text),
            ("sender_address", Text),
            ("sender_email", Text),
            ("sender_phone", Text),
            ("active_p_alive", Float),
            ("at_risk_p_alive", Float),
            ("lapsed_p_alive", Float),
            ("at_risk_gaps", Float),
            ("lapsed_gaps", Float),
            ("lost_gaps", Float),
            ("lost_min_days", Float),
            ("min_repeat_customers", Int),
            ("send_email_window_hours", Int),
            ("send_sms_window_hours", Int),
            ("send_marketing_per_period", Int),
            ("send_marketing_period_days", Int),
            ("send_quiet_from", Text),
            ("send_quiet_to", Text),
            ("send_quiet_email", Bool),
            ("send_closed_days", Text),
            ("send_days_after_purchase", Int),
            ("send_israel_existing_customers", Bool),
            ("send_israel_terms", Text),
            ("send_track_clicks", Bool),
            ("send_sms_part_price_minor", Int),
        ],
        key: 1,
        generated_id: false,
    },
    Table {
        name: "shop_state",
        columns: &[
            ("id", Int),
            ("data_changed_at", Int),
            ("campaigns_changed_at", Int),
            ("scored_at", Int),
            ("scored_as_of", Int),
            ("state_basis", Text),
            ("scoring_context", Text),
            ("demo_seed", Int),
        ],
        key: 1,
        generated_id: false,
    },
    Table {
        name: "customers",
        columns: &[
            ("id", Int),
            ("external_id", Text),
            ("kind", Text),
            ("first_name", Text),
            ("last_name", Text),
            ("company", Text),
            ("industry", Text),
            ("email", Text),
            ("phone", Text),
            ("address", Text),
            ("city", Text),
            ("region", Text),
            ("country", Text),
            ("birthday", Text),
            ("profession", Text),
            ("income_band", Text),
            ("preferred_language", Text),
            ("preferred_channel", Text),
            ("referred_by", Text),
            ("created_at", Int),
            ("attributes", Text),
            ("phone_e164", Text),
            ("phone_national", Text),
        ],
        key: 1,
        generated_id: true,
    },
    Table { name: "customer_tags", columns: &[("customer_id", Int), ("tag", Text)], key: 2, generated_id: false },
    Table {
        name: "consents",
        columns: &[
            ("customer_id", Int),
            ("channel", Text),
            ("purpose", Text),
            ("granted", Bool),
            ("at", Int),
            ("source", Text),
            ("method", Text),
            ("basis", Text),
            ("evidence", Text),
        ],
        key: 3,
        generated_id: false,
    },
    Table {
        name: "consent_events",
        columns: &[
            ("id", Int),
            ("customer_id", Int),
            ("channel", Text),
            ("purpose", Text),
            ("action", Text),
            ("at", Int),
            ("method", Text),
            ("basis", Text),
            ("source", Text),
            ("evidence", Text),
        ],
        key: 1,
        generated_id: true,
    },
    Table {
        name: "products",
        columns: &[
            ("id", Int),
            ("sku", Text),
            ("name", Text),
            ("category", Text),
            ("price_minor", Int),
            ("currency", Text),
        ],
        key: 1,
        generated_id: true,
    },
    Table {
        name: "orders",
        columns: &[
            ("id", Int),
            ("external_id", Text),
            ("customer_id", Int),
            ("ordered_at", Int),
            ("currency", Text),
            ("campaign_code", Text),
            ("one_off", Bool),
            ("status", Text),
            ("total_minor", Int),
        ],
        key: 1,
        generated_id: true,
    },
    Table {
        name: "order_lines",
        columns: &[
            ("order_id", Int),
            ("line_no", Int),
            ("product_id", Int),
            ("quantity", Int),
            ("unit_price_minor", Int),
        ],
        key: 2,
        generated_id: false,
    },
    Table {
        name: "interactions",
        columns: &[
            ("id", Int),
            ("customer_id", Int),
            ("at", Int),
            ("kind", Text),
            ("note", Text),
            ("campaign_code", Text),
        ],
        key: 1,
        generated_id: true,
    },
    Table {
        name: "customer_scores",
        columns: &[
            ("customer_id", Int),
            ("as_of", Int),
            ("rung", Text),
            ("rung_reason", Text),
            ("state", Text),
            ("state_reason", Text),
            ("lifecycle_stage", Text),
            ("recency_days", Int),
            ("orders", Int),
            ("first_order", Int),
            ("second_order", Int),
            ("third_order", Int),
            ("last_order", Int),
            ("spend_minor", Int),
            ("rfm_r", Int),
            ("rfm_f", Int),
            ("rfm_m", Int),
            ("rfm_segment", Text),
            ("fourth_order", Int),
            ("p_alive", Float),
            ("expected_purchases_90d", Float),
            ("expected_purchases_365d", Float),
            ("expected_next_order", Int),
            ("expected_spend_minor", Int),
            ("clv_minor", Int),
            ("has_value", Bool),
            ("event_buyer", Bool),
        ],
        key: 1,
        generated_id: false,
    },
    Table {
        name: "ladder_history",
        columns: &[
            ("id", Int),
            ("customer_id", Int),
            ("kind", Text),
            ("from_value", Text),
            ("to_value", Text),
            ("at", Int),
            ("reason", Text),
        ],
        key: 1,
        generated_id: true,
    },
    // Browser sessions (`web_sessions`) are not copied: they last hours, and signing in again on the new
    // database is safer than carrying cookies over; nor are password resets (an hour). Nor are jobs:
    // finish or cancel them before a copy.
    Table {
        name: "users",
        columns: &[
            ("id", Int),
            ("email", Text),
            ("name", Text),
            ("role", Text),
            ("language", Text),
            ("password_hash", Text),
            ("created_at", Int),
            ("disabled", Bool),
        ],
        key: 1,
        generated_id: true,
    },
    Table {
        name: "api_tokens",
        columns: &[
            ("id", Int),
            ("user_id", Int),
            ("name", Text),
            ("token_hash", Text),
            ("created_at", Int),
            ("last_used_at", Int),
            ("expires_at", Int),
        ],
        key: 1,
        generated_id: true,
    },
    Table {
        name: "audit_log",
        columns: &[
            ("id", Int),
            ("at", Int),
            ("user_id", Int),
            ("action", Text),
            ("target", Text),
            ("detail", Text),
            ("actor", Text),
        ],
        key: 1,
        generated_id: true,
    },
    Table {
        name: "segments",
        columns: &[
            ("id", Int),
            ("name", Text),
            ("name_key", Text),
            ("definition", Text),
            ("created_by", Int),
            ("created_at", Int),
            ("updated_at", Int),
        ],
        key: 1,
        generated_id: true,
    },
    Table {
        name: "campaigns",
        columns: &[
            ("id", Text),
            ("name", Text),
            ("kind", Text),
            ("channel", Text),
            ("status", Text),
            ("starts", Int),
            ("ends", Int),
            ("window_days", Int),
            ("target_segment", Text),
            ("target_size", Int),
            ("notes", Text),
            ("budget_minor", Int),
            ("expected_revenue_minor", Int),
            ("expected_responses", Int),
            ("expected_sales", Int),
        ],
        key: 1,
        generated_id: false,
    },
    Table { name: "campaign_codes", columns: &[("campaign_id", Text), ("code", Text)], key: 2, generated_id: false },
    Table {
        name: "campaign_costs",
        columns: &[("id", Int), ("campaign_id", Text), ("spent_on", Int), ("amount_minor", Int), ("note", Text)],
        key: 1,
        generated_id: true,
    },
    Table { name: "customer_aliases", columns: &[("alias", Text), ("external_id", Text)], key: 1, generated_id: false },
    Table { name: "suppressions", columns: &[("hash", Text), ("created_at", Int)], key: 1, generated_id: false },
    Table {
        name: "deliverability_suppressions",
        columns: &[
            ("channel", Text),
            ("address_key", Text),
            ("hint", Text),
            ("reason", Text),
            ("at", Int),
            ("source", Text),
            ("detail", Text),
        ],
        key: 2,
        generated_id: false,
    },
    Table {
        name: "outbox",
        columns: &[
            ("id", Int),
            ("cause", Text),
            ("customer_id", Int),
            ("channel", Text),
            ("template", Text),
            ("template_version", Int),
            ("language", Text),
            ("purpose", Text),
            ("status", Text),
            ("reason", Text),
            ("not_before", Int),
            ("lease_until", Int),
            ("attempts", Int),
            ("message_id", Text),
            ("created_at", Int),
            ("sent_at", Int),
            ("merged", Text),
        ],
        key: 1,
        generated_id: true,
    },
    Table {
        name: "message_clicks",
        columns: &[("id", Int), ("outbox_id", Int), ("link", Int), ("at", Int)],
        key: 1,
        generated_id: true,
    },
    Table {
        name: "message_templates",
        columns: &[
            ("name", Text),
            ("channel", Text),
            ("language", Text),
            ("version", Int),
            ("purpose", Text),
            ("subject", Text),
            ("body", Text),
            ("created_at", Int),
        ],
        key: 4,
        generated_id: false,
    },
    Table {
        name: "broadcasts",
        columns: &[
            ("id", Int),
            ("name", Text),
            ("template", Text),
            ("channel", Text),
            ("audience", Text),
            ("campaign_code", Text),
            ("send_at", Int),
            ("status", Text),
            ("created_by", Text),
            ("created_at", Int),
            ("enqueued_at", Int),
            ("enqueued", Int),
            ("defer_capped", Bool),
        ],
        key: 1,
        generated_id: true,
    },
    Table {
        name: "signing_keys",
        columns: &[("name", Text), ("secret", Text), ("created_at", Int)],
        key: 1,
        generated_id: false,
    },
    Table {
        name: "import_column_pairs",
        columns: &[("kind", Text), ("source", Text), ("pairs", Text), ("saved_at", Int)],
        key: 2,
        generated_id: false,
    },
    Table {
        name: "playbooks",
        columns: &[
            ("key", Text),
            ("enabled", Bool),
            ("control_percent", Int),
            ("definition", Text),
            ("enabled_since", Int),
            ("updated_at", Int),
        ],
        key: 1,
        generated_id: false,
    },
    Table {
        name: "playbook_runs",
        columns: &[
            ("id", Int),
            ("playbook", Text),
            ("customer_id", Int),
            ("occurrence", Text),
            ("grp", Text),
            ("status", Text),
            ("entered_on", Int),
            ("entered_at", Int),
            ("orders_at_entry", Int),
            ("step", Int),
            ("next_at", Int),
            ("ended_at", Int),
            ("ended_reason", Text),
        ],
        key: 1,
        generated_id: true,
    },
    Table {
        name: "playbook_steps",
        columns: &[("run_id", Int), ("step", Int), ("at", Int), ("outcome", Text), ("reason", Text)],
        key: 2,
        generated_id: false,
    },
    Table {
        name: "tasks",
        columns: &[
            ("id", Int),
            ("customer_id", Int),
            ("run_id", Int),
            ("playbook", Text),
            ("step", Int),
            ("kind", Text),
            ("reason", Text),
            ("script", Text),
            ("due", Int),
            ("assignee_user", Int),
            ("assignee_role", Text),
            ("value_minor", Int),
            ("complaint", Bool),
            ("status", Text),
            ("snoozed_until", Int),
            ("outcome", Text),
            ("note", Text),
            ("created_at", Int),
            ("done_at", Int),
            ("done_by", Text),
        ],
        key: 1,
        generated_id: true,
    },
    Table { name: "playbook_days", columns: &[("day", Int), ("evaluated_at", Int)], key: 1, generated_id: false },
    Table {
        name: "task_digests",
        columns: &[("user_id", Int), ("day", Int), ("sent_at", Int), ("tasks", Int)],
        key: 2,
        generated_id: false,
    },
    Table {
        name: "club_settings",
        columns: &[("id", Int), ("rules", Text), ("updated_at", Int)],
        key: 1,
        generated_id: false,
    },
    Table {
        name: "club_members",
        columns: &[
            ("customer_id", Int),
            ("card_number", Text),
            ("referral_code", Text),
            ("joined_at", Int),
            ("earn_from", Int),
            ("terms_version", Text),
            ("terms_evidence", Text),
            ("joined_by", Text),
            ("tier", Text),
            ("tier_since", Int),
            ("below_since", Int),
            ("blocked_at", Int),
        ],
        key: 1,
        generated_id: false,
    },
    Table {
        name: "club_cards",
        columns: &[
            ("number", Text),
            ("customer_id", Int),
            ("issued_at", Int),
            ("blocked_at", Int),
            ("blocked_reason", Text),
        ],
        key: 1,
        generated_id: false,
    },
    Table {
        name: "club_ledger",
        columns: &[
            ("id", Int),
            ("customer_id", Int),
            ("kind", Text),
            ("reason", Text),
            ("points", Int),
            ("remaining", Int),
            ("at", Int),
            ("available_on", Int),
            ("expires_on", Int),
            ("order_id", Int),
            ("reference", Text),
            ("actor", Text),
            ("note", Text),
            ("unrecovered", Int),
            ("expired_lot", Int),
        ],
        key: 1,
        generated_id: true,
    },
    Table {
        name: "club_draws",
        columns: &[("entry_id", Int), ("lot_id", Int), ("points", Int)],
        key: 2,
        generated_id: false,
    },
    Table {
        name: "club_tier_moves",
        columns: &[
            ("id", Int),
            ("customer_id", Int),
            ("from_tier", Text),
            ("to_tier", Text),
            ("day", Int),
            ("at", Int),
            ("reason", Text),
        ],
        key: 1,
        generated_id: true,
    },
    Table {
        name: "club_perk_grants",
        columns: &[
            ("id", Int),
            ("customer_id", Int),
            ("perk", Text),
            ("from_day", Int),
            ("until_day", Int),
            ("reason", Text),
            ("reference", Text),
            ("actor", Text),
            ("at", Int),
        ],
        key: 1,
        generated_id: true,
    },
];

/// A row in canonical text form: `None` is SQL NULL.
pub type TextRow = Vec<Option<String>>;

/// The canonical text of a float: the shortest text that reads back to the same value.
pub fn float_text(v: f64) -> String {
    format!("{v:?}")
}

/// The columns of a customer's row after `external_id`, in [`CustomerColumns`] order, for both
/// backends' statements.
pub const CUSTOMER_COLUMNS: &str = "kind, first_name, last_name, company, industry, email, phone, address, city, region, \
     country, birthday, profession, income_band, preferred_language, preferred_channel, referred_by, phone_e164, \
     phone_national, created_at, attributes";

/// Where the phone is among [`CustomerColumns::texts`], and the country it is read in.
const PHONE: usize = 6;
const COUNTRY: usize = 10;
/// Where the phone's normal forms are: derived from the phone and the country, never written alone.
const PHONE_E164: usize = 17;
const PHONE_NATIONAL: usize = 18;

/// The stored forms of a phone in `country`: its E.164 and its national digits; the national digits are
/// the phone's own digits when it is not a number of its country's plan, so that search still finds it.
pub fn phone_forms(phone: &str, country: Option<&str>) -> (Option<String>, Option<String>) {
    match ladder_domain::phone::forms(phone, country) {
        Some(f) => (Some(f.e164), Some(f.national)),
        None => (None, Some(phone.chars().filter(char::is_ascii_digit).collect::<String>()).filter(|d| !d.is_empty())),
    }
}

/// A customer's row after `external_id`, as both backends store it: nineteen text columns (`kind` to
/// `referred_by`, then the phone's E.164 and national digits), `created_at` and the attributes as a JSON
/// object. Empty texts are stored as NULL. Comparing two tells whether an upsert changes anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerColumns {
    /// `kind` … `phone_national`.
    pub texts: [Option<String>; 19],
    /// Unix seconds.
    pub created_at: Option<i64>,
    /// The attributes as a JSON object, or NULL without any.
    pub attributes: Option<String>,
}

impl CustomerColumns {
    /// This row over the `stored` one, where it gives nothing: its texts and date where set, the stored
    /// ones elsewhere; attributes merged by name, its own winning; the phone's forms read again.
    pub fn over(&self, stored: &Self) -> Self {
        let texts = std::array::from_fn(|i| self.texts[i].clone().or_else(|| stored.texts[i].clone()));
        let attributes = match (&self.attributes, &stored.attributes) {
            (Some(new), Some(old)) => {
                let mut merged: serde_json::Map<String, serde_json::Value> =
                    serde_json::from_str(old).unwrap_or_default();
                merged.extend(
                    serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(new).unwrap_or_default(),
                );
                Some(serde_json::Value::Object(merged).to_string())
            }
            (new, old) => new.clone().or_else(|| old.clone()),
        };
        let mut merged = Self { texts, created_at: self.created_at.or(stored.created_at), attributes };
        // The forms of whichever row gave both the phone and the country; read again only when each gave one.
        let read_from =
            |row: &Self| row.texts[PHONE] == merged.texts[PHONE] && row.texts[COUNTRY] == merged.texts[COUNTRY];
        let forms = if read_from(self) {
            PhoneForms::stored(self)
        } else if read_from(stored) {
            PhoneForms::stored(stored)
        } else {
            PhoneForms::read(merged.texts[PHONE].as_deref(), merged.texts[COUNTRY].as_deref())
        };
        forms.set(&mut merged);
        merged
    }

    /// The stored form of a customer.
    pub fn of(c: &ladder_domain::Customer) -> Self {
        let forms = PhoneForms::of(c);
        Self::with_forms(c, &forms)
    }

    /// The stored form of a customer whose phone's forms were read before (on another thread, say);
    /// forms read from another phone or country are read again.
    pub fn with_forms(c: &ladder_domain::Customer, forms: &PhoneForms) -> Self {
        let s = |v: &Option<String>| v.clone().filter(|s| !s.is_empty());
        let mut row = Self {
            texts: [
                c.kind.map(|k| k.as_str().to_owned()),
                s(&c.first_name),
                s(&c.last_name),
                s(&c.company),
                s(&c.industry),
                s(&c.email),
                s(&c.phone),
                s(&c.address),
                s(&c.city),
                s(&c.region),
                s(&c.country),
                c.birthday.map(|b| b.to_string()),
                s(&c.profession),
                s(&c.income_band),
                s(&c.preferred_language),
                c.preferred_channel.map(|ch| ch.as_str().to_owned()),
                s(&c.referred_by),
                None,
                None,
            ],
            created_at: c.created_at.map(|t| t.timestamp()),
            attributes: (!c.attributes.is_empty())
                .then(|| serde_json::to_string(&c.attributes).unwrap_or_else(|_| "{}".to_owned())),
        };
        let forms = if forms.read_from(&row) { forms.clone() } else { PhoneForms::stored(&row).reread() };
        forms.set(&mut row);
        row
    }
}

/// A phone's stored forms with the phone and country they were read from. Reading them against the
/// numbering plans costs about 15 µs a phone, so an import reads them on its parsing thread
/// ([`PreparedCustomer`]) and the writing thread only writes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PhoneForms {
    phone: Option<String>,
    country: Option<String>,
    e164: Option<String>,
    national: Option<String>,
}

impl PhoneForms {
    /// The forms of a customer's phone.
    pub fn of(c: &ladder_domain::Customer) -> Self {
        let given = |v: &Option<String>| v.clone().filter(|s| !s.is_empty());
        Self::read(given(&c.phone).as_deref(), given(&c.country).as_deref())
    }

    /// The forms of `phone` read in `country`.
    fn read(phone: Option<&str>, country: Option<&str>) -> Self {
        let (e164, national) = phone.map_or((None, None), |p| phone_forms(p, country));
        Self { phone: phone.map(str::to_owned), country: country.map(str::to_owned), e164, national }
    }

    /// The forms a row holds, with its phone and country.
    fn stored(row: &CustomerColumns) -> Self {
        Self {
            phone: row.texts[PHONE].clone(),
            country: row.texts[COUNTRY].clone(),
            e164: row.texts[PHONE_E164].clone(),
            national: row.texts[PHONE_NATIONAL].clone(),
        }
    }

    /// These forms read again from their phone and country.
    fn reread(&self) -> Self {
        Self::read(self.phone.as_deref(), self.country.as_deref())
    }

    /// Whether these forms were read from the row's phone and country.
    fn read_from(&self, row: &CustomerColumns) -> bool {
        self.phone == row.texts[PHONE] && self.country == row.texts[COUNTRY]
    }

    fn set(self, row: &mut CustomerColumns) {
        row.texts[PHONE_E164] = self.e164;
        row.texts[PHONE_NATIONAL] = self.national;
    }
}

/// A customer to write with its phone's forms already read: what an import's parsing thread hands to
/// the writing one ([`crate::CustomerTx::put_customers`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreparedCustomer {
    /// The customer as given; changing its phone or country after preparing only costs reading them again.
    pub customer: ladder_domain::Customer,
    phone: PhoneForms,
}

impl PreparedCustomer {
    /// Reads the phone's forms of `customer`.
    pub fn new(customer: ladder_domain::Customer) -> Self {
        let phone = PhoneForms::of(&customer);
        Self { customer, phone }
    }

    /// The customer's stored row.
    pub fn row(&self) -> CustomerColumns {
        CustomerColumns::with_forms(&self.customer, &self.phone)
    }
}
