//! The club on hand-built histories at fixed dates: the third order's bonus, pending and expiry dated at
//! the order, tiers up at once and down after the grace period, a refund of points already partly spent
//! (never below zero), a retried redemption, staff adjustments by role, a lost card.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use ladder_app::club::{self, Joining, Redemption};
use ladder_app::import::{ImportKind, ImportOptions, import_file};
use ladder_app::{Actor, App, AppError, ManualClock, NoProgress};
use ladder_domain::Role;
use ladder_domain::club::{ClubRules, EntryKind};
use ladder_domain::validate::Problem;
use ladder_store::Store;
use ladder_store_sqlite::SqliteStore;
use std::sync::Arc;

fn time(s: &str) -> DateTime<Utc> {
    ladder_domain::date::parse_timestamp(s).expect("time")
}

fn day(s: &str) -> NaiveDate {
    ladder_domain::date::parse_date(s).expect("date")
}

struct Shop {
    dir: tempfile::TempDir,
    app: App,
    clock: Arc<ManualClock>,
}

impl Shop {
    /// A shop in EUR: a point per euro, 14 days pending, 12 months; Gold from €1,000 of 12 months' spend.
    fn new(customers: &str, orders: &str) -> Self {
        let dir = tempfile::tempdir().expect("temporary folder");
        let store = SqliteStore::open(dir.path().join("ladder.db")).expect("open");
        let clock = Arc::new(ManualClock::new(time("2025-06-01T12:00:00Z")));
        let shop = Self { dir, app: App::with_clock(Arc::new(store), clock.clone()), clock };
        shop.import(ImportKind::Customers, &format!("customer_id,first_name,email,birthday\n{customers}"));
        shop.import(
            ImportKind::Orders,
            &format!("order_id,customer_id,ordered_at,sku,category,quantity,unit_price,currency,status\n{orders}"),
        );
        shop
    }

    fn store(&self) -> &dyn Store {
        self.app.store()
    }

    fn import(&self, kind: ImportKind, content: &str) {
        let path = self.dir.path().join("file.csv");
        std::fs::write(&path, content).expect("write");
        import_file(&self.app, &Actor::Cli, kind, &path, &ImportOptions::default(), &NoProgress).expect("import");
    }

    fn at(&self, s: &str) {
        self.clock.set(time(&format!("{s}T12:00:00Z")));
    }

    fn join(&self, customer: &str, since: Option<&str>) -> club::MemberView {
        let joining = Joining {
            customer_id: customer.into(),
            since: since.map(day),
            channel: "till".into(),
            address: None,
            referral_code: None,
        };
        club::join(&self.app, &Actor::Cli, &joining).expect("join")
    }

    fn evaluate(&self, on: &str) -> club::Evaluation {
        self.at(on);
        club::evaluate(&self.app, &Actor::Cli, day(on), &NoProgress).expect("evaluate")
    }

    fn show(&self, customer: &str) -> club::MemberView {
        let store = self.store();
        let member = club::find(store, customer).expect("member");
        club::view(store, &club::rules(store).expect("rules"), &member, club::today(&self.app).expect("today"))
            .expect("view")
    }

    fn ledger(&self, customer: &str) -> Vec<(EntryKind, String, i64)> {
        let member = club::find(self.store(), customer).expect("member");
        self.store()
            .club_ledger(member.customer)
            .expect("ledger")
            .into_iter()
            .map(|e| (e.kind, e.reason, e.points))
            .collect()
    }

    fn redeem(&self, member: &str, points: i64, key: Option<&str>) -> Result<club::Redeemed, AppError> {
        let r = Redemption {
            member: member.into(),
            points,
            reference: Some("till 1".into()),
            idempotency_key: key.map(str::to_owned),
        };
        club::redeem(&self.app, &Actor::Cli, &r)
    }
}

/// The sum of a member's ledger, and the statement's last running balance: always the same.
fn adds_up(shop: &Shop, customer: &str) -> i64 {
    let member = club::find(shop.store(), customer).expect("member");
    let statement = club::statement(shop.store(), &member).expect("statement");
    let sum: i64 = statement.iter().map(|l| l.entry.points).sum();
    assert_eq!(statement.last().map_or(0, |l| l.balance), sum);
    for lot in shop.store().club_ledger(member.customer).expect("ledger") {
        assert!(lot.remaining >= 0, "{lot:?}");
    }
    sum
}

#[test]
fn the_third_order_earns_its_bonus_and_points_are_dated_at_the_order() {
    let shop = Shop::new(
        "C1,Dana,dana@example.com,\n",
        "O1,C1,2025-03-01,COF,coffee,1,40.00,EUR,completed\n\
         O2,C1,2025-04-01,COF,coffee,1,25.50,EUR,completed\n\
         O3,C1,2025-05-25,COF,coffee,2,10.00,EUR,completed\n",
    );
    let joined = shop.join("C1", Some("2025-01-01"));
    assert!(joined.card_number.starts_with("27") && joined.card_number.len() == 15, "{}", joined.card_number);
    assert_eq!(
        shop.ledger("C1"),
        [
            (EntryKind::Earn, "order".into(), 40),
            (EntryKind::Earn, "order".into(), 25),
            (EntryKind::Earn, "order".into(), 20),
            (EntryKind::Earn, "third_order".into(), 100),
        ]
    );
    // On 1 June O3's points (earned 25 May) are still pending until 8 June.
    assert_eq!((joined.points_balance, joined.points_pending), (65, 120));
    assert_eq!(joined.points_expiring[0].on, day("2026-03-01"), "12 months after the order");
    assert_eq!(joined.tier.as_deref(), Some("silver"));
    shop.at("2025-06-08");
    assert_eq!(shop.show("C1").points_balance, 185);
    // Evaluating again earns nothing more.
    let again = shop.evaluate("2025-06-08");
    assert_eq!((again.earned, again.earn_rows), (0, 0));
    assert_eq!(adds_up(&shop, "C1"), 185);
    // A member joining without --since earns from today only.
    let shop2 = Shop::new("C2,Lev,,\n", "O9,C2,2025-05-01,COF,coffee,1,40.00,EUR,completed\n");
    assert_eq!(shop2.join("C2", None).points_pending, 0);
}

#[test]
fn tiers_go_up_at_once_and_down_one_step_after_the_grace_period() {
    let shop = Shop::new(
        "C1,Dana,,\n",
        "O1,C1,2024-07-01,TV,tv,1,1200.00,EUR,completed\n\
         O2,C1,2025-05-01,COF,coffee,1,10.00,EUR,completed\n",
    );
    let joined = shop.join("C1", Some("2024-01-01"));
    assert_eq!(joined.tier.as_deref(), Some("gold"), "€1,210 in the last 12 months");
    assert!(joined.perks.contains(&ladder_domain::club::Perk::FreeShipping));
    // O1 leaves the 12 months on 2 July 2025: below Gold from then, down after 30 days.
    shop.evaluate("2025-07-02");
    let member = club::find(shop.store(), "C1").expect("member");
    assert_eq!((member.tier.as_deref(), member.below_since), (Some("gold"), Some(day("2025-07-02"))));
    shop.evaluate("2025-07-31");
    assert_eq!(shop.show("C1").tier.as_deref(), Some("gold"), "29 days below: still in grace");
    let down = shop.evaluate("2025-08-01");
    assert_eq!(down.moved_down, 1);
    assert_eq!(shop.show("C1").tier.as_deref(), Some("silver"));
    let moves = shop.store().club_tier_moves(member.customer).expect("moves");
    let seen: Vec<_> = moves.iter().map(|m| (m.from.as_deref(), m.to.as_str(), m.day)).collect();
    assert_eq!(seen, [(None, "gold", day("2025-06-01")), (Some("gold"), "silver", day("2025-08-01"))]);
    assert!(moves[1].reason.contains("grace_over"), "{}", moves[1].reason);
    // A big order lifts them at once, at the member's own evaluation.
    shop.at("2025-08-10");
    shop.import(ImportKind::Orders, "order_id,customer_id,ordered_at,sku,category,quantity,unit_price,currency,status\nO3,C1,2025-08-10,TV,tv,1,3100.00,EUR,completed\n");
    let one = club::evaluate::evaluate_one(&shop.app, member.customer).expect("evaluate one").expect("a member");
    assert_eq!(one.moved_up, 1);
    assert_eq!(shop.show("C1").tier.as_deref(), Some("platinum"), "up more than one tier at once");
}

#[test]
fn a_refund_takes_back_points_already_partly_spent_and_never_goes_below_zero() {
    let shop = Shop::new(
        "C1,Dana,,\n",
        "O1,C1,2025-04-01,TV,tv,1,100.00,EUR,completed\n\
         O2,C1,2025-05-25,COF,coffee,1,20.00,EUR,completed\n",
    );
    shop.join("C1", Some("2025-01-01"));
    let spent = shop.redeem("C1", 70, Some("k1")).expect("redeem");
    assert_eq!((spent.points, spent.points_balance), (70, 30), "O2's 20 are pending");
    shop.import(ImportKind::Orders, "order_id,customer_id,ordered_at,sku,category,quantity,unit_price,currency,status\nO1,C1,2025-04-01,TV,tv,1,100.00,EUR,refunded\n");
    let done = shop.evaluate("2025-06-01");
    // O1's 30 left, then 20 of the 70 spent from O2's (pending) lot; the other 50 are forgiven.
    assert_eq!((done.reversed, done.forgiven), (50, 50));
    let member = club::find(shop.store(), "C1").expect("member");
    let reversal = shop
        .store()
        .club_ledger(member.customer)
        .expect("ledger")
        .into_iter()
        .find(|e| e.kind == EntryKind::Reverse)
        .expect("reversed");
    assert_eq!((reversal.points, reversal.unrecovered, reversal.order_id.as_deref()), (-50, 50, Some("O1")));
    assert_eq!(adds_up(&shop, "C1"), 0);
    let view = shop.show("C1");
    assert_eq!((view.points_balance, view.points_pending), (0, 0));
    assert_eq!(shop.evaluate("2025-06-02").reversed, 0, "reversed once");
}

#[test]
fn a_retried_redemption_spends_once_and_too_many_points_are_refused_with_the_balance() {
    let shop = Shop::new("C1,Dana,dana@example.com,\n", "O1,C1,2025-04-01,TV,tv,1,100.00,EUR,completed\n");
    let card = shop.join("C1", Some("2025-01-01")).card_number;
    let first = shop.redeem(&card, 40, Some("till-7-0001")).expect("redeem");
    let again = shop.redeem(&ladder_domain::club::grouped(&card), 40, Some("till-7-0001")).expect("retried");
    assert_eq!((again.entry_id, again.replayed, first.replayed), (first.entry_id, true, false));
    assert_eq!(again.points_balance, 60);
    assert_eq!(shop.ledger("C1").iter().filter(|(k, ..)| *k == EntryKind::Redeem).count(), 1);
    assert!(
        matches!(shop.redeem(&card, 10, Some("till-7-0001")), Err(AppError::Conflict(_))),
        "a key for another request"
    );
    match shop.redeem("dana@example.com", 61, Some("till-7-0002")) {
        Err(AppError::Invalid(e)) => assert_eq!(e.problem, Problem::NotEnoughPoints { available: 60 }),
        other => panic!("{other:?}"),
    }
    assert_eq!(adds_up(&shop, "C1"), 60);
    // A mistyped card number is caught by its check digit.
    let mut typo = card.clone().into_bytes();
    typo[5] = if typo[5] == b'9' { b'0' } else { typo[5] + 1 };
    assert!(matches!(club::typed_card(std::str::from_utf8(&typo).unwrap()), Err(AppError::Invalid(_))));
}

#[test]
fn staff_adjust_by_role_with_a_reason_and_a_lost_card_is_blocked() {
    let shop = Shop::new("C1,Dana,,\n", "");
    shop.join("C1", None);
    let user = |email: &str, role| {
        let new = ladder_store::NewUser {
            email: email.into(),
            name: email.into(),
            role,
            language: "en".into(),
            password_hash: "x".into(),
        };
        let mut tx = shop.store().begin().expect("begin");
        let id = tx.create_user(&new, time("2025-01-01T00:00:00Z")).expect("user").id;
        tx.commit().expect("commit");
        Actor::User { id, role }
    };
    let support = user("s@shop.example", Role::Support);
    assert!(matches!(club::adjust(&shop.app, &support, "C1", 50, "goodwill"), Err(AppError::Forbidden(_))));
    let marketing = user("m@shop.example", Role::Marketing);
    let name = marketing.name();
    assert!(matches!(club::adjust(&shop.app, &marketing, "C1", 50, " "), Err(AppError::Invalid(_))));
    let given = club::adjust(&shop.app, &marketing, "C1", 50, "goodwill").expect("give");
    assert_eq!((given.kind, given.points, given.note.as_deref()), (EntryKind::Adjust, 50, Some("goodwill")));
    assert_eq!(shop.show("C1").points_balance, 50, "given points can be spent at once");
    club::adjust(&shop.app, &marketing, "C1", -20, "typo at the till").expect("take");
    assert!(matches!(club::adjust(&shop.app, &marketing, "C1", -31, "too many"), Err(AppError::Invalid(_))));
    assert_eq!(adds_up(&shop, "C1"), 30);
    let audit = shop.store().audit_log(10, None).expect("audit");
    assert!(audit.iter().any(|a| a.action == "club.points_adjusted" && a.actor == name), "{audit:?}");

    let old = shop.show("C1").card_number;
    let member = club::replace_card(&shop.app, &support, "C1", "lost").expect("replace");
    assert_ne!(member.card_number, old);
    match club::find(shop.store(), &old) {
        Err(AppError::Invalid(e)) => assert!(matches!(e.problem, Problem::CardBlocked { .. }), "{e:?}"),
        other => panic!("the old card is blocked: {other:?}"),
    }
    assert_eq!(club::find(shop.store(), &member.card_number).expect("new card").customer_id, "C1");
    assert_eq!(adds_up(&shop, "C1"), 30, "the history stays");
}

#[test]
fn points_expire_at_the_end_of_their_time_and_rules_are_checked() {
    let shop = Shop::new("C1,Dana,,\n", "O1,C1,2025-04-10,TV,tv,1,100.00,EUR,completed\n");
    let mut rules = ClubRules::for_currency(ladder_domain::Currency::parse("EUR").unwrap());
    rules.expiry = ladder_domain::club::Expiry::EndOfMonth { months: 2 };
    club::set_rules(&shop.app, &Actor::Cli, &rules).expect("rules");
    let joined = shop.join("C1", Some("2025-01-01"));
    assert_eq!(joined.points_expiring[0].on, day("2025-07-01"), "the end of June: 2 months after April's end");
    assert_eq!(shop.evaluate("2025-06-30").expired, 0);
    assert_eq!(shop.evaluate("2025-07-01").expired, 100);
    assert_eq!(shop.evaluate("2025-07-02").expired, 0, "once");
    assert_eq!(adds_up(&shop, "C1"), 0);
    rules.tiers[1].threshold = -5;
    assert!(matches!(club::set_rules(&shop.app, &Actor::Cli, &rules), Err(AppError::Invalid(_))));
    let viewer = Actor::User { id: 9, role: Role::Viewer };
    assert!(matches!(club::evaluate(&shop.app, &viewer, day("2025-07-03"), &NoProgress), Err(AppError::Forbidden(_))));
    let _ = Duration::days(1);
}

#[test]
fn a_friend_who_joins_with_a_code_is_linked_and_their_first_order_rewards_the_member_once() {
    let shop = Shop::new("C1,Dana,,\nC2,Lev,,\nC3,Mira,,\n", "");
    let code = shop.join("C1", None).referral_code;
    let with_code = |customer: &str, code: &str| {
        let joining = Joining {
            customer_id: customer.into(),
            since: None,
            channel: "web".into(),
            address: None,
            referral_code: Some(code.into()),
        };
        club::join(&shop.app, &Actor::Cli, &joining)
    };
    match with_code("C3", "NOSUCHCD") {
        Err(AppError::Invalid(e)) => {
            assert_eq!((e.field.as_str(), e.problem), ("referral_code", Problem::UnknownReferrer))
        }
        other => panic!("{other:?}"),
    }
    let friend = with_code("C2", &code.to_lowercase()).expect("joins with the code, typed in lower case");
    assert!(friend.perks.contains(&ladder_domain::club::Perk::WelcomeGift), "a welcome until the first order");
    let c2 = shop.store().customer("C2").expect("read").expect("C2");
    assert_eq!(c2.profile.referred_by.as_deref(), Some("C1"));

    shop.at("2025-06-02");
    let orders = "order_id,customer_id,ordered_at,sku,category,quantity,unit_price,currency,status\n";
    shop.import(ImportKind::Orders, &format!("{orders}F1,C2,2025-06-02,COF,coffee,1,30.00,EUR,completed\n"));
    let referral = |shop: &Shop| shop.ledger("C1").into_iter().filter(|(_, r, _)| r == "referral").count();
    club::evaluate::evaluate_one(&shop.app, c2.id).expect("the order's job");
    assert_eq!(referral(&shop), 1, "the member who brought them earns at the friend's first order");
    assert_eq!(shop.ledger("C1").iter().find(|(_, r, _)| r == "referral").map(|e| e.2), Some(200));
    assert!(!shop.show("C2").perks.contains(&ladder_domain::club::Perk::WelcomeGift), "the welcome is used");
    shop.import(ImportKind::Orders, &format!("{orders}F2,C2,2025-06-03,COF,coffee,1,30.00,EUR,completed\n"));
    shop.evaluate("2025-06-04");
    assert_eq!(referral(&shop), 1, "once, for the first order only");
    let report = club::report(&shop.app, &Actor::Cli, day("2025-06-04")).expect("report");
    assert_eq!(report.figures.friends, 1);
}

#[test]
fn the_starter_thank_you_names_the_referral_code_of_members_only() {
    let shop = Shop::new("C1,Dana,,\nC2,Lev,,\n", "O1,C1,2025-05-01,COF,coffee,1,30.00,EUR,completed\n");
    let code = shop.join("C1", Some("2025-01-01")).referral_code;
    {
        let mut tx = shop.store().begin().expect("begin");
        ladder_app::playbooks::engine::ensure_starter_templates(shop.store(), tx.as_mut(), shop.app.now())
            .expect("starter templates");
        tx.commit().expect("commit");
    }
    let preview = |customer: &str, name: &str| {
        ladder_app::templates::preview(&shop.app, &Actor::Cli, name, ladder_domain::Channel::Email, customer)
            .expect("preview")
            .expect("rendered")
            .body
    };
    let member = preview("C1", "advocate_thanks");
    assert!(member.contains(&format!("your club code {code}")), "{member}");
    assert!(!preview("C2", "advocate_thanks").contains("club code"), "not a member: no code, still sent");
    let loyal = preview("C1", "new_loyal");
    assert!(loyal.contains("a Silver member, with 30 points to spend"), "{loyal}");
    assert!(loyal.contains("Your perks: Birthday gift."), "{loyal}");
}

#[test]
fn the_club_playbooks_welcome_once_remind_before_points_expire_and_give_a_perk_on_the_way_down() {
    use ladder_app::playbooks::{self, PlaybookChange};
    use ladder_domain::club::Perk;
    let shop = Shop::new(
        "C1,Dana,dana@example.com,\nC2,Lev,lev@example.com,\n",
        "O1,C1,2024-07-01,TV,tv,1,1200.00,EUR,completed\n\
         O2,C1,2025-05-01,COF,coffee,1,10.00,EUR,completed\n\
         O3,C2,2025-05-01,COF,coffee,1,30.00,EUR,completed\n",
    );
    let score = |on: &str| {
        let options = ladder_app::score::ScoreOptions::default();
        ladder_app::score::score(&shop.app, &Actor::Cli, day(on), &options, &NoProgress).expect("score");
    };
    let evaluate = |on: &str| {
        shop.at(on);
        playbooks::evaluate(&shop.app, &Actor::Cli, day(on), false, &NoProgress).expect("evaluate playbooks")
    };
    // The measured playbooks keep a control group; here everyone is treated.
    for key in ["club_tier_down", "club_points_expiring"] {
        let change = PlaybookChange { control_percent: Some(0), ..PlaybookChange::default() };
        playbooks::set(&shop.app, &Actor::Cli, key, &change).expect("no control group");
    }
    let runs = |customer: &str| -> Vec<(String, String)> {
        let id = shop.store().customer(customer).expect("read").expect("customer").id;
        let q = ladder_store::RunQuery { customer: Some(id), ..ladder_store::RunQuery::default() };
        let mut runs: Vec<_> =
            shop.store().runs(&q).expect("runs").into_iter().map(|r| (r.playbook, r.occurrence)).collect();
        runs.sort();
        runs
    };
    let gifts = |customer: &str| shop.ledger(customer).into_iter().filter(|(_, why, _)| why == "playbook").count();
    score("2025-06-01");
    shop.join("C1", Some("2024-01-01"));
    evaluate("2025-06-01");
    // O1's 1,200 points expire on 1 July 2025: the reminder is due 30 days before.
    let c1 = shop.store().customer("C1").expect("read").expect("customer").id;
    assert_eq!(
        runs("C1"),
        [
            ("club_points_expiring".to_owned(), "expiring:2025-07-01".to_owned()),
            ("club_welcome".to_owned(), format!("club_joined:{}", c1.0)),
        ],
        "joining is news; the first tier given at joining is not a move up"
    );
    assert!(shop.ledger("C1").contains(&(EntryKind::Adjust, "playbook".into(), 50)), "{:?}", shop.ledger("C1"));
    evaluate("2025-06-01");
    assert_eq!(gifts("C1"), 1, "a day evaluated twice gives once");
    assert_eq!(adds_up(&shop, "C1"), 1_200 + 10 + 50);
    let sent = shop
        .store()
        .outbox(&ladder_store::OutboxQuery { customer_id: Some("C1".into()), limit: 50, ..Default::default() })
        .expect("outbox");
    assert!(sent.iter().any(|m| m.template == "club_welcome"), "{sent:?}");
    let reminder = ladder_app::templates::preview(
        &shop.app,
        &Actor::Cli,
        "club_points_expiring",
        ladder_domain::Channel::Email,
        "C1",
    )
    .expect("preview")
    .expect("rendered")
    .body;
    let en = ladder_i18n::Locale::En;
    for said in
        [ladder_i18n::format::format_integer(en, 1_200), ladder_i18n::format::format_date(en, day("2025-07-01"))]
    {
        assert!(reminder.contains(&said), "{said:?} in {reminder}");
    }
    // Enrolling everyone at once is not news: C2 hears nothing and gets no welcome points.
    club::enrol_everyone(&shop.app, &Actor::Cli, day("2025-01-01"), &NoProgress).expect("enrol everyone");
    evaluate("2025-06-01");
    assert!(runs("C2").iter().all(|(key, _)| key != "club_welcome"), "{:?}", runs("C2"));
    assert_eq!(gifts("C2"), 0);
    // Gold from O1 ends after the grace period: down to Silver on 1 August, with free shipping for 30
    // days beside Silver's birthday gift.
    shop.evaluate("2025-07-02");
    shop.evaluate("2025-08-01");
    evaluate("2025-08-01");
    assert!(runs("C1").iter().any(|(key, _)| key == "club_tier_down"), "{:?}", runs("C1"));
    let down = shop.show("C1");
    assert_eq!(down.tier.as_deref(), Some("silver"));
    assert!(down.perks.contains(&Perk::FreeShipping), "{:?}", down.perks);
    shop.at("2025-08-31");
    assert!(!shop.show("C1").perks.contains(&Perk::FreeShipping), "the given perk holds for 30 days");
    let given = shop.store().club_perk_grants(c1).expect("grants");
    assert_eq!(given.len(), 1);
    assert_eq!((given[0].from, given[0].until), (day("2025-08-01"), day("2025-08-31")));
}

#[test]
fn members_from_a_file_join_whole_or_not_at_all_with_the_file_and_line_as_evidence() {
    let shop = Shop::new("C1,Dana,,\nC2,Lev,,\nC3,Mia,,\n", "O1,C2,2025-03-01,COF,coffee,1,40.00,EUR,completed\n");
    let code = shop.join("C1", None).referral_code;
    let file = shop.dir.path().join("members.csv");
    let import = |content: &str| {
        std::fs::write(&file, content).expect("write");
        club::import::import_members(&shop.app, &Actor::Cli, &file, "members.csv")
    };
    // A bad row anywhere: nothing joins, and the error names the file, the line and the column.
    let refused = import(&format!(
        "customer_id,joined_at,since,referral_code\nC2,2025-02-01,2025-01-01,{code}\nC3,yesterday,,\n"
    ))
    .expect_err("a bad date");
    let said = refused.to_string();
    assert!(said.starts_with("members.csv line 3, column \"joined_at\", value \"yesterday\""), "{said}");
    assert!(
        shop.store().club_member(shop.store().customer("C2").expect("read").expect("C2").id).expect("read").is_none()
    );
    let unknown = import("customer_id\nC9\n").expect_err("no such customer").to_string();
    assert!(unknown.contains("line 2, column \"customer_id\""), "{unknown}");
    let missing = import("id\nC2\n").expect_err("no customer_id column").to_string();
    assert!(missing.contains("customer_id"), "{missing}");
    // A good file: C2 joins with their earlier order's points and C1 as who brought them; C1 is a member
    // already and is counted; a second import changes nothing.
    let done = import(&format!(
        "customer_id,joined_at,since,referral_code\nC2,2025-02-01,2025-01-01,{code}\nC1,,,\nC3,2025-05-30,,\n"
    ))
    .expect("import");
    assert_eq!((done.rows, done.joined, done.already, done.points), (3, 2, 1, 40));
    let c2 = club::find(shop.store(), "C2").expect("a member");
    assert_eq!((c2.referred_by.as_deref(), c2.earn_from), (Some("C1"), day("2025-01-01")));
    assert_eq!(c2.joined_at, time("2025-02-01T00:00:00Z"));
    let evidence: serde_json::Value = serde_json::from_str(&c2.terms_evidence).expect("json");
    assert_eq!(
        (evidence["channel"].as_str(), evidence["file"].as_str(), evidence["line"].as_u64()),
        (Some("import"), Some("members.csv"), Some(2))
    );
    let again = import("customer_id\nC2\nC3\n").expect("again");
    assert_eq!((again.joined, again.already), (0, 2));
}
