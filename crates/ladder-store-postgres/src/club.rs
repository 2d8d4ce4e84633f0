//! The customer club (migration 33), over the statements both backends share; the bulk writes (enrolling,
//! earning, tiers) go as arrays in one statement per batch.

use crate::tx::PgTx;
use crate::{Connection, Context, PostgresStore};
use chrono::{DateTime, NaiveDate, Utc};
use ladder_domain::club::{Draw, EntryKind, Lot, Perk};
use ladder_domain::date::{date_day_number, date_of_day, optional_day_number};
use ladder_store::club::{
    Balance, Card, ClubFigures, Earned, Entry, Member, NewEntry, NewMember, OrderToEarn, OrderToReverse, PerkGrant,
    ReferralToReward, SpentLot, TierChange, TierFacts, TierMove, Till,
};
use ladder_store::club_sql as sql;
use ladder_store::{ClubStore, ClubTx, CustomerId, StoreError, StoreResult};
use postgres::Row;

fn time(t: Option<i64>) -> Option<DateTime<Utc>> {
    t.and_then(|t| DateTime::from_timestamp(t, 0))
}

fn day(d: Option<i64>) -> Option<NaiveDate> {
    d.map(date_of_day)
}

fn perk_grants(c: &mut Connection, customer: CustomerId) -> StoreResult<Vec<PerkGrant>> {
    let rows = c.query(sql::PERK_GRANTS, &[&customer.0]).ctx("cannot read a member's perks")?;
    Ok(rows
        .iter()
        .filter_map(|r| {
            Some(PerkGrant {
                customer: CustomerId(r.get(0)),
                perk: Perk::parse(r.get::<_, &str>(1))?,
                from: date_of_day(r.get(2)),
                until: date_of_day(r.get(3)),
                reason: r.get(4),
                reference: r.get(5),
                actor: r.get(6),
                at: time(r.get(7)).unwrap_or_default(),
            })
        })
        .collect())
}

/// The till's read: the card and its member ([`sql::member_by_card`]), then their open lots and perk
/// grants as arrays, each in the order its own read gives ([`sql::LOTS`], [`sql::PERK_GRANTS`]).
fn till() -> String {
    const LOTS: &str = "LEFT JOIN LATERAL (SELECT array_agg(l.id ORDER BY l.id) AS ids,
               array_agg(l.remaining ORDER BY l.id) AS remaining, array_agg(l.available_on ORDER BY l.id) AS available,
               array_agg(l.expires_on ORDER BY l.id) AS expires
            FROM club_ledger l WHERE l.customer_id = m.customer_id AND l.remaining > 0) lots ON true";
    const PERKS: &str = "LEFT JOIN LATERAL (SELECT array_agg(g.perk ORDER BY g.at DESC, g.id DESC) AS perk,
               array_agg(g.from_day ORDER BY g.at DESC, g.id DESC) AS from_day,
               array_agg(g.until_day ORDER BY g.at DESC, g.id DESC) AS until_day,
               array_agg(g.reason ORDER BY g.at DESC, g.id DESC) AS reason,
               array_agg(g.reference ORDER BY g.at DESC, g.id DESC) AS reference,
               array_agg(g.actor ORDER BY g.at DESC, g.id DESC) AS actor,
               array_agg(g.at ORDER BY g.at DESC, g.id DESC) AS at
            FROM club_perk_grants g WHERE g.customer_id = m.customer_id) perks ON true";
    let card = sql::member_by_card();
    let (select, condition) = card.rsplit_once(" WHERE ").expect("the card's read has a condition");
    let (columns, from) = select.rsplit_once(" FROM ").expect("the card's read has tables");
    format!(
        "{columns}, lots.ids, lots.remaining, lots.available, lots.expires, perks.perk, perks.from_day,
                perks.until_day, perks.reason, perks.reference, perks.actor, perks.at
         FROM {from} {LOTS} {PERKS} WHERE {condition}"
    )
}

/// Reads [`till`]'s row.
fn till_row(r: &Row) -> Till {
    let o = r.len() - 11;
    let ints = |i: usize| r.get::<_, Option<Vec<i64>>>(o + i).unwrap_or_default();
    let days = |i: usize| r.get::<_, Option<Vec<Option<i64>>>>(o + i).unwrap_or_default();
    let texts = |i: usize| r.get::<_, Option<Vec<String>>>(o + i).unwrap_or_default();
    let (ids, remaining, available, expires) = (ints(0), ints(1), days(2), days(3));
    let lots = ids
        .iter()
        .zip(&remaining)
        .zip(available.iter().zip(&expires))
        .map(|((&id, &remaining), (available, expires))| Lot {
            id,
            remaining,
            available_on: day(*available).unwrap_or_default(),
            expires_on: day(*expires),
        })
        .collect();
    let (perk, from, until, reason, reference, actor, at) =
        (texts(4), ints(5), ints(6), texts(7), texts(8), texts(9), ints(10));
    let customer = CustomerId(r.get(1));
    let perks = (0..perk.len())
        .filter_map(|i| {
            Some(PerkGrant {
                customer,
                perk: Perk::parse(&perk[i])?,
                from: date_of_day(*from.get(i)?),
                until: date_of_day(*until.get(i)?),
                reason: reason.get(i)?.clone(),
                reference: reference.get(i)?.clone(),
                actor: actor.get(i)?.clone(),
                at: time(at.get(i).copied()).unwrap_or_default(),
            })
        })
        .collect();
    Till { card: card_row(r), member: member_from(r, 5), lots, perks }
}

fn member_row(r: &Row) -> Member {
    member_from(r, 0)
}

fn member_from(r: &Row, o: usize) -> Member {
    Member {
        customer: CustomerId(r.get(o)),
        customer_id: r.get(o + 1),
        card_number: r.get(o + 2),
        referral_code: r.get(o + 3),
        joined_at: time(r.get(o + 4)).unwrap_or_default(),
        earn_from: date_of_day(r.get(o + 5)),
        terms_version: r.get(o + 6),
        terms_evidence: r.get(o + 7),
        joined_by: r.get(o + 8),
        tier: r.get(o + 9),
        tier_since: day(r.get(o + 10)),
        below_since: day(r.get(o + 11)),
        blocked_at: time(r.get(o + 12)),
        referred_by: r.get(o + 13),
        has_ordered: r.get::<_, i64>(o + 14) == 1,
    }
}

fn card_row(r: &Row) -> Card {
    Card {
        number: r.get(0),
        customer: CustomerId(r.get(1)),
        issued_at: time(r.get(2)).unwrap_or_default(),
        blocked_at: time(r.get(3)),
        blocked_reason: r.get(4),
    }
}

fn entry_row(r: &Row) -> Option<Entry> {
    Some(Entry {
        id: r.get(0),
        customer: CustomerId(r.get(1)),
        kind: EntryKind::parse(r.get(2))?,
        reason: r.get(3),
        points: r.get(4),
        remaining: r.get(5),
        at: time(r.get(6)).unwrap_or_default(),
        available_on: day(r.get(7)),
        expires_on: day(r.get(8)),
        order: r.get(9),
        order_id: r.get(10),
        reference: r.get(11),
        actor: r.get(12),
        note: r.get(13),
        unrecovered: r.get(14),
        draws: Vec::new(),
    })
}

fn lot_row(r: &Row) -> Lot {
    Lot {
        id: r.get(0),
        remaining: r.get(1),
        available_on: day(r.get(2)).unwrap_or_default(),
        expires_on: day(r.get(3)),
    }
}

fn draws(c: &mut Connection, statement: &str, key: i64) -> StoreResult<Vec<(i64, Draw)>> {
    let rows = c.query(statement, &[&key]).ctx("cannot read the ledger's draws")?;
    Ok(rows.iter().map(|r| (r.get(0), Draw { lot: r.get(1), points: r.get(2) })).collect())
}

fn with_draws(mut entries: Vec<Entry>, mut all: Vec<(i64, Draw)>) -> Vec<Entry> {
    all.sort_by_key(|(e, d)| (*e, d.lot));
    for e in &mut entries {
        let from = all.partition_point(|(id, _)| *id < e.id);
        e.draws = all[from..].iter().take_while(|(id, _)| *id == e.id).map(|(_, d)| *d).collect();
    }
    entries
}

fn one_i64(
    c: &mut Connection,
    statement: &str,
    params: &[&(dyn postgres::types::ToSql + Sync)],
    what: &str,
) -> StoreResult<i64> {
    c.query_one(statement, params).ctx(what).map(|r| r.get(0))
}

impl ClubStore for PostgresStore {
    fn club_rules(&self) -> StoreResult<Option<String>> {
        self.read(|c| Ok(c.query_opt(sql::RULES, &[]).ctx("cannot read the club's rules")?.map(|r| r.get(0))))
    }

    fn club_customer_id(&self, external_id: &str) -> StoreResult<Option<CustomerId>> {
        self.read(|c| {
            Ok(c.query_opt(sql::CUSTOMER_ID, &[&external_id])
                .ctx("cannot read a customer")?
                .map(|r| CustomerId(r.get(0))))
        })
    }

    fn club_referrer_of(&self, customer: CustomerId) -> StoreResult<Option<CustomerId>> {
        self.read(|c| {
            Ok(c.query_opt(sql::REFERRER_OF, &[&customer.0])
                .ctx("cannot read who brought a customer")?
                .map(|r| CustomerId(r.get(0))))
        })
    }

    fn club_member(&self, customer: CustomerId) -> StoreResult<Option<Member>> {
        self.read(|c| {
            Ok(c.query_opt(&sql::member(), &[&customer.0]).ctx("cannot read a member")?.as_ref().map(member_row))
        })
    }

    fn club_card(&self, number: &str) -> StoreResult<Option<Card>> {
        self.read(|c| Ok(c.query_opt(&sql::card(), &[&number]).ctx("cannot read a card")?.as_ref().map(card_row)))
    }

    fn club_member_by_card(&self, number: &str) -> StoreResult<Option<(Card, Member)>> {
        self.read(|c| {
            let row = c.query_opt(&sql::member_by_card(), &[&number]).ctx("cannot read a card")?;
            Ok(row.map(|r| (card_row(&r), member_from(&r, 5))))
        })
    }

    fn club_till(&self, number: &str) -> StoreResult<Option<Till>> {
        self.read(|c| {
            // One statement: the card, its member, their open lots and perks.
            static TILL: std::sync::LazyLock<String> = std::sync::LazyLock::new(till);
            let Some(r) = c.query_opt(&TILL, &[&number]).ctx("cannot read a card")? else {
                return Ok(None);
            };
            Ok(Some(till_row(&r)))
        })
    }

    fn club_perk_grants(&self, customer: CustomerId) -> StoreResult<Vec<PerkGrant>> {
        self.read(|c| perk_grants(c, customer))
    }

    fn club_points_expiring(&self, from: NaiveDate, to: NaiveDate) -> StoreResult<Vec<(CustomerId, NaiveDate)>> {
        self.read(|c| {
            let rows = c
                .query(sql::POINTS_EXPIRING, &[&date_day_number(from), &date_day_number(to)])
                .ctx("cannot read the points about to expire")?;
            Ok(rows.iter().map(|r| (CustomerId(r.get(0)), date_of_day(r.get(1)))).collect())
        })
    }

    fn club_open_lots(&self, customer: CustomerId) -> StoreResult<Vec<Lot>> {
        self.read(|c| {
            Ok(c.query(sql::LOTS, &[&customer.0]).ctx("cannot read a member's points")?.iter().map(lot_row).collect())
        })
    }

    fn club_cards(&self, customer: CustomerId) -> StoreResult<Vec<Card>> {
        self.read(|c| {
            Ok(c.query(&sql::cards(), &[&customer.0])
                .ctx("cannot read a member's cards")?
                .iter()
                .map(card_row)
                .collect())
        })
    }

    fn club_member_by_referral(&self, code: &str) -> StoreResult<Option<Member>> {
        self.read(|c| {
            Ok(c.query_opt(&sql::member_by_referral(), &[&code]).ctx("cannot read a member")?.as_ref().map(member_row))
        })
    }

    fn club_ledger(&self, customer: CustomerId) -> StoreResult<Vec<Entry>> {
        self.read(|c| {
            let rows: Vec<Entry> = c
                .query(&sql::ledger(), &[&customer.0])
                .ctx("cannot read the ledger")?
                .iter()
                .filter_map(entry_row)
                .collect();
            Ok(with_draws(rows, draws(c, sql::DRAWS_OF_MEMBER, customer.0)?))
        })
    }

    fn club_entry_by_reference(&self, reference: &str) -> StoreResult<Option<Entry>> {
        self.read(|c| {
            let Some(entry) = c
                .query_opt(&sql::entry_by_reference(), &[&reference])
                .ctx("cannot read the ledger")?
                .as_ref()
                .and_then(entry_row)
            else {
                return Ok(None);
            };
            let d = draws(c, sql::DRAWS_OF_ENTRY, entry.id)?;
            Ok(with_draws(vec![entry], d).pop())
        })
    }

    fn club_balance(&self, customer: CustomerId, on: NaiveDate) -> StoreResult<Balance> {
        let what = "cannot read a member's balance";
        let d = date_day_number(on);
        self.read(|c| {
            let r = c.query_one(sql::BALANCE, &[&customer.0, &d]).ctx(what)?;
            let expiring = c
                .query(sql::EXPIRING, &[&customer.0, &d])
                .ctx(what)?
                .iter()
                .map(|r| (date_of_day(r.get(0)), r.get(1)))
                .collect();
            Ok(Balance { total: r.get(0), available: r.get(1), pending: r.get(2), lapsed: r.get(3), expiring })
        })
    }

    fn club_tier_moves(&self, customer: CustomerId) -> StoreResult<Vec<TierMove>> {
        self.read(|c| {
            Ok(c.query(sql::TIER_MOVES, &[&customer.0])
                .ctx("cannot read a member's tier moves")?
                .iter()
                .map(|r| TierMove {
                    customer: CustomerId(r.get(0)),
                    from: r.get(1),
                    to: r.get(2),
                    day: date_of_day(r.get(3)),
                    at: time(r.get(4)).unwrap_or_default(),
                    reason: r.get(5),
                })
                .collect())
        })
    }

    fn club_last_member(&self) -> StoreResult<i64> {
        self.read(|c| one_i64(c, sql::LAST_MEMBER, &[], "cannot read the members"))
    }

    fn club_figures(&self, since: NaiveDate, on: NaiveDate, currency: &str) -> StoreResult<ClubFigures> {
        let what = "cannot read the club's figures";
        let (start, end) = sql::twelve_months(on);
        let period = (date_day_number(since) * 86_400, end);
        let (since_day, on_day) = (date_day_number(since), date_day_number(on));
        self.read(|c| {
            let mut f = ClubFigures::default();
            let r = c.query_one(sql::MEMBER_COUNTS, &[&start, &end]).ctx(what)?;
            (f.members, f.active_members) = (r.get::<_, i64>(0) as u64, r.get::<_, i64>(1) as u64);
            f.by_tier =
                c.query(sql::BY_TIER, &[]).ctx(what)?.iter().map(|r| (r.get(0), r.get::<_, i64>(1) as u64)).collect();
            f.moves = c
                .query(sql::MOVES_BETWEEN, &[&since_day, &on_day])
                .ctx(what)?
                .iter()
                .map(|r| (r.get(0), r.get(1), r.get::<_, i64>(2) as u64))
                .collect();
            let r = c.query_one(sql::REVENUE, &[&start, &end, &currency]).ctx(what)?;
            (f.revenue_minor, f.member_revenue_minor) = (r.get(0), r.get(1));
            let kinds: Vec<(String, i64)> = c
                .query(sql::POINTS_BY_KIND, &[&period.0, &period.1])
                .ctx(what)?
                .iter()
                .map(|r| (r.get(0), r.get(1)))
                .collect();
            f.add_points(&kinds);
            f.outstanding = one_i64(c, sql::OUTSTANDING, &[], what)?;
            let rates: Vec<(i64, u64, u64)> = c
                .query(sql::REPEAT_RATES, &[])
                .ctx(what)?
                .iter()
                .map(|r| (r.get(0), r.get::<_, i64>(1) as u64, r.get::<_, i64>(2) as u64))
                .collect();
            f.add_rates(&rates);
            let friends = c.query_one(sql::FRIENDS, &[]).ctx(what)?;
            let n = |i| friends.get::<_, i64>(i) as u64;
            (f.friends, f.friends_ordered, f.friends_with_two, f.friends_with_three) = (n(0), n(1), n(2), n(3));
            Ok(f)
        })
    }
}

fn already_written() -> StoreError {
    StoreError::Conflict("a ledger row with this order or reference is written already".to_owned())
}

/// Enrols members from arrays; returns the customers enrolled.
const INSERT_MEMBERS: &str = "INSERT INTO club_members (customer_id, card_number, referral_code, joined_at, earn_from,
            terms_version, terms_evidence, joined_by)
     SELECT * FROM unnest($1::BIGINT[], $2::TEXT[], $3::TEXT[], $4::BIGINT[], $5::BIGINT[], $6::TEXT[], $7::TEXT[],
                          $8::TEXT[])
     ON CONFLICT DO NOTHING RETURNING customer_id";

/// Issues the first cards of members just enrolled.
const INSERT_FIRST_CARDS: &str = "INSERT INTO club_cards (number, customer_id, issued_at)
     SELECT card_number, customer_id, joined_at FROM club_members WHERE customer_id = ANY($1)";

/// Writes lots from arrays, those not written yet.
const INSERT_LOTS: &str = "INSERT INTO club_ledger (customer_id, kind, reason, points, remaining, at, available_on,
            expires_on, order_id, reference, actor, note, unrecovered)
     SELECT c, k, r, p, x, a, av, ex, o, rf, $10, n, 0
     FROM unnest($1::BIGINT[], $2::TEXT[], $3::TEXT[], $4::BIGINT[], $5::BIGINT[], $6::BIGINT[], $7::BIGINT[],
                 $8::BIGINT[], $9::BIGINT[], $11::TEXT[], $12::TEXT[]) AS t (c, k, r, p, x, a, av, ex, o, rf, n)
     ON CONFLICT DO NOTHING RETURNING id, remaining";

/// The expiry rows and draws of lots $1 written spent (out of time when earned); returns the points.
fn expire_spent_lots() -> String {
    format!(
        "WITH e AS ({} RETURNING id, expired_lot, points)
         INSERT INTO club_draws (entry_id, lot_id, points) SELECT id, expired_lot, -points FROM e RETURNING points",
        sql::expiry_rows("-points", "id = ANY($1)")
    )
}

/// Saves tiers from arrays: member, tier, since, below since.
const SET_TIERS: &str = "UPDATE club_members m SET tier = t.tier, tier_since = COALESCE(t.since, m.tier_since),
            below_since = t.below
     FROM unnest($1::BIGINT[], $2::TEXT[], $3::BIGINT[], $4::BIGINT[]) AS t (id, tier, since, below)
     WHERE m.customer_id = t.id";

/// Records tier moves from arrays.
const INSERT_MOVES: &str = "INSERT INTO club_tier_moves (customer_id, from_tier, to_tier, day, at, reason)
     SELECT * FROM unnest($1::BIGINT[], $2::TEXT[], $3::TEXT[], $4::BIGINT[], $5::BIGINT[], $6::TEXT[])";

impl ClubTx for PgTx {
    fn put_club_rules(&mut self, rules: &str, at: DateTime<Utc>) -> StoreResult<()> {
        self.execute(sql::PUT_RULES, &[&rules, &at.timestamp()], "cannot save the club's rules")?;
        Ok(())
    }

    fn lock_club_member(&mut self, customer: CustomerId) -> StoreResult<()> {
        self.query_opt(sql::LOCK_MEMBER, &[&customer.0], "cannot lock a member")?;
        Ok(())
    }

    fn refresh_club_statistics(&mut self) -> StoreResult<()> {
        // Measured: without statistics a balance read combined two indexes and read 200,000 index
        // entries per lookup (seconds each); autovacuum may be off or not have come round yet.
        self.client
            .batch_execute("ANALYZE club_members, club_cards, club_ledger, club_draws, club_tier_moves")
            .ctx("cannot refresh the club's statistics")
    }

    fn lock_club_member_by_card(&mut self, number: &str) -> StoreResult<Option<(Card, Member)>> {
        let row = self.query_opt(&sql::member_by_card_locked(), &[&number], "cannot read a card")?;
        Ok(row.map(|r| (card_row(&r), member_from(&r, 5))))
    }

    fn add_club_member(&mut self, m: &NewMember) -> StoreResult<()> {
        let left = self.add_club_members(std::slice::from_ref(m))?;
        if left.is_empty() {
            Ok(())
        } else {
            Err(StoreError::Conflict("already a member, or the card number is taken".to_owned()))
        }
    }

    fn add_club_members(&mut self, members: &[NewMember]) -> StoreResult<Vec<CustomerId>> {
        let what = "cannot enrol members";
        let ids: Vec<i64> = members.iter().map(|m| m.customer.0).collect();
        let cards: Vec<&str> = members.iter().map(|m| m.card_number.as_str()).collect();
        let codes: Vec<&str> = members.iter().map(|m| m.referral_code.as_str()).collect();
        let joined: Vec<i64> = members.iter().map(|m| m.joined_at.timestamp()).collect();
        let from: Vec<i64> = members.iter().map(|m| date_day_number(m.earn_from)).collect();
        let terms: Vec<&str> = members.iter().map(|m| m.terms_version.as_str()).collect();
        let evidence: Vec<&str> = members.iter().map(|m| m.terms_evidence.as_str()).collect();
        let by: Vec<&str> = members.iter().map(|m| m.joined_by.as_str()).collect();
        let rows = self.query(INSERT_MEMBERS, &[&ids, &cards, &codes, &joined, &from, &terms, &evidence, &by], what)?;
        let enrolled: Vec<i64> = rows.iter().map(|r| r.get(0)).collect();
        self.execute(INSERT_FIRST_CARDS, &[&enrolled], what)?;
        let enrolled: std::collections::HashSet<i64> = enrolled.into_iter().collect();
        Ok(ids.into_iter().filter(|id| !enrolled.contains(id)).map(CustomerId).collect())
    }

    fn link_club_referral(&mut self, customer: CustomerId, referrer: &str) -> StoreResult<bool> {
        Ok(self.execute(sql::LINK_REFERRAL, &[&customer.0, &referrer], "cannot record who brought a customer")? == 1)
    }

    fn club_referrals_to_reward(&mut self, after: i64, until: i64) -> StoreResult<Vec<ReferralToReward>> {
        let rows = self.query(sql::REFERRALS_TO_REWARD, &[&after, &until], "cannot read the referrals to reward")?;
        Ok(rows
            .iter()
            .map(|r| ReferralToReward {
                referrer: CustomerId(r.get(0)),
                order: r.get(1),
                ordered_at: time(r.get(2)).unwrap_or_default(),
            })
            .collect())
    }

    fn club_customers_to_enrol(&mut self, after: i64, limit: u32) -> StoreResult<Vec<CustomerId>> {
        let rows = self.query(sql::TO_ENROL, &[&after, &i64::from(limit)], "cannot read the customers to enrol")?;
        Ok(rows.iter().map(|r| CustomerId(r.get(0))).collect())
    }

    fn replace_club_card(
        &mut self,
        customer: CustomerId,
        number: &str,
        at: DateTime<Utc>,
        reason: &str,
    ) -> StoreResult<()> {
        let what = "cannot replace a card";
        self.execute(sql::BLOCK_CARDS, &[&customer.0, &at.timestamp(), &reason], what)?;
        if self.execute(sql::INSERT_NEW_CARD, &[&number, &customer.0, &at.timestamp()], what)? != 1 {
            return Err(StoreError::Conflict(format!("card number {number} is taken")));
        }
        self.execute(sql::SET_CARD, &[&customer.0, &number], what)?;
        Ok(())
    }

    fn club_lots(&mut self, customer: CustomerId) -> StoreResult<Vec<Lot>> {
        Ok(self.query(sql::LOTS, &[&customer.0], "cannot read a member's points")?.iter().map(lot_row).collect())
    }

    fn club_row_of_reference(&mut self, reference: &str) -> StoreResult<Option<(i64, CustomerId, i64)>> {
        let rows = self.query(sql::ROW_OF_REFERENCE, &[&reference], "cannot read the points ledger")?;
        Ok(rows.first().map(|r| (r.get(0), CustomerId(r.get(1)), r.get(2))))
    }

    fn club_order_lots(&mut self, customer: CustomerId, order: i64) -> StoreResult<Vec<SpentLot>> {
        let rows = self.query(sql::ORDER_LOTS, &[&customer.0, &order], "cannot read an order's points")?;
        Ok(rows.iter().map(|r| SpentLot { lot: lot_row(r), spent: r.get(4) }).collect())
    }

    fn append_club_entry(&mut self, e: &NewEntry) -> StoreResult<i64> {
        let what = "cannot write to the points ledger";
        let remaining = e.points.max(0);
        let (available, expires) = (optional_day_number(e.available_on), optional_day_number(e.expires_on));
        let row = self.query_opt(
            sql::INSERT_ENTRY,
            &[
                &e.customer.0,
                &e.kind.as_str(),
                &e.reason,
                &e.points,
                &remaining,
                &e.at.timestamp(),
                &available,
                &expires,
                &e.order,
                &e.reference,
                &e.actor,
                &e.note,
                &e.unrecovered,
            ],
            what,
        )?;
        let Some(row) = row else { return Err(already_written()) };
        let id: i64 = row.get(0);
        for d in &e.draws {
            if self.execute(sql::DRAW_LOT, &[&d.lot, &d.points], what)? != 1 {
                return Err(StoreError::Conflict(format!(
                    "points lot {} has fewer than {} points left",
                    d.lot, d.points
                )));
            }
            self.execute(sql::INSERT_DRAW, &[&id, &d.lot, &d.points], what)?;
        }
        Ok(id)
    }

    fn earn_club_points(&mut self, lots: &[NewEntry], expired_by: NaiveDate) -> StoreResult<Earned> {
        let what = "cannot write earned points";
        let (mut rows, mut spent) = (0, Vec::new());
        for (actor, group) in group_by_actor(lots) {
            let customers: Vec<i64> = group.iter().map(|l| l.customer.0).collect();
            let kinds: Vec<&str> = group.iter().map(|l| l.kind.as_str()).collect();
            let reasons: Vec<&str> = group.iter().map(|l| l.reason.as_str()).collect();
            let points: Vec<i64> = group.iter().map(|l| l.points).collect();
            let remaining: Vec<i64> = group
                .iter()
                .map(|l| if l.expires_on.is_some_and(|d| d <= expired_by) { 0 } else { l.points.max(0) })
                .collect();
            let at: Vec<i64> = group.iter().map(|l| l.at.timestamp()).collect();
            let available: Vec<Option<i64>> = group.iter().map(|l| optional_day_number(l.available_on)).collect();
            let expires: Vec<Option<i64>> = group.iter().map(|l| optional_day_number(l.expires_on)).collect();
            let orders: Vec<Option<i64>> = group.iter().map(|l| l.order).collect();
            let references: Vec<Option<&str>> = group.iter().map(|l| l.reference.as_deref()).collect();
            let notes: Vec<Option<&str>> = group.iter().map(|l| l.note.as_deref()).collect();
            let written = self.query(
                INSERT_LOTS,
                &[
                    &customers,
                    &kinds,
                    &reasons,
                    &points,
                    &remaining,
                    &at,
                    &available,
                    &expires,
                    &orders,
                    &actor,
                    &references,
                    &notes,
                ],
                what,
            )?;
            rows += written.len() as u64;
            spent.extend(written.iter().filter(|r| r.get::<_, i64>(1) == 0).map(|r| r.get::<_, i64>(0)));
        }
        if spent.is_empty() {
            return Ok(Earned { rows, expired: 0 });
        }
        let expired = self.query(&expire_spent_lots(), &[&spent], what)?;
        Ok(Earned { rows, expired: expired.iter().map(|r| r.get::<_, i64>(0)).fold(0, i64::saturating_add) })
    }

    fn club_orders_to_earn(&mut self, after: i64, until: i64, currency: &str) -> StoreResult<Vec<OrderToEarn>> {
        let rows =
            self.query(sql::ORDERS_TO_EARN, &[&after, &until, &currency], "cannot read the orders to earn points")?;
        Ok(rows
            .iter()
            .map(|r| OrderToEarn {
                order: r.get(0),
                customer: CustomerId(r.get(1)),
                ordered_at: time(r.get(2)).unwrap_or_default(),
                total_minor: r.get(3),
                nth: u32::try_from(r.get::<_, i64>(4)).unwrap_or(u32::MAX),
                birthday: r.get(5),
                tier: r.get(6),
            })
            .collect())
    }

    fn club_order_categories(&mut self, after: i64, until: i64) -> StoreResult<Vec<(i64, Option<String>, i64)>> {
        let rows = self.query(sql::ORDER_CATEGORIES, &[&after, &until], "cannot read the orders' categories")?;
        Ok(rows.iter().map(|r| (r.get(0), r.get(1), r.get(2))).collect())
    }

    fn club_orders_to_reverse(&mut self, customer: Option<CustomerId>) -> StoreResult<Vec<OrderToReverse>> {
        let what = "cannot read the orders to reverse";
        let statement = sql::orders_to_reverse(customer.is_some());
        let rows = match customer {
            Some(c) => self.query(&statement, &[&c.0], what)?,
            None => self.query(&statement, &[], what)?,
        };
        Ok(rows.iter().map(|r| OrderToReverse { customer: CustomerId(r.get(0)), order: r.get(1) }).collect())
    }

    fn expire_club_points(
        &mut self,
        on: NaiveDate,
        customer: Option<CustomerId>,
        _at: DateTime<Utc>,
    ) -> StoreResult<i64> {
        let what = "cannot expire points";
        let d = date_day_number(on);
        let last: i64 = self.query_opt(sql::LAST_ENTRY, &[], what)?.map_or(0, |r| r.get(0));
        let one = customer.is_some();
        match customer {
            Some(m) => {
                self.execute(&sql::expire_rows(one), &[&d, &m.0], what)?;
                self.execute(sql::EXPIRE_DRAWS, &[&last], what)?;
                self.execute(&sql::expire_lots(one), &[&d, &m.0], what)?;
            }
            None => {
                self.execute(&sql::expire_rows(one), &[&d], what)?;
                self.execute(sql::EXPIRE_DRAWS, &[&last], what)?;
                self.execute(&sql::expire_lots(one), &[&d], what)?;
            }
        }
        Ok(self.query_opt(sql::EXPIRED_SINCE, &[&last], what)?.map_or(0, |r| r.get(0)))
    }

    fn club_tier_facts(
        &mut self,
        after: i64,
        until: i64,
        on: NaiveDate,
        currency: &str,
    ) -> StoreResult<Vec<TierFacts>> {
        let (start, end) = sql::twelve_months(on);
        let rows = self.query(
            &sql::tier_facts(true),
            &[&after, &until, &start, &end, &currency],
            "cannot read the members' twelve months",
        )?;
        Ok(rows
            .iter()
            .map(|r| TierFacts {
                customer: CustomerId(r.get(0)),
                tier: r.get(1),
                below_since: day(r.get(2)),
                spend_minor: r.get(3),
                points: r.get(4),
            })
            .collect())
    }

    fn set_club_tiers(&mut self, changes: &[TierChange]) -> StoreResult<()> {
        let what = "cannot save the members' tiers";
        if changes.is_empty() {
            return Ok(());
        }
        let ids: Vec<i64> = changes.iter().map(|c| c.customer.0).collect();
        let tiers: Vec<&str> = changes.iter().map(|c| c.tier.as_str()).collect();
        let since: Vec<Option<i64>> =
            changes.iter().map(|c| c.moved.as_ref().map(|_| date_day_number(c.day))).collect();
        let below: Vec<Option<i64>> = changes.iter().map(|c| optional_day_number(c.below_since)).collect();
        self.execute(SET_TIERS, &[&ids, &tiers, &since, &below], what)?;
        let moved: Vec<&TierChange> = changes.iter().filter(|c| c.moved.is_some()).collect();
        if !moved.is_empty() {
            let ids: Vec<i64> = moved.iter().map(|c| c.customer.0).collect();
            let from: Vec<Option<&str>> =
                moved.iter().map(|c| c.moved.as_ref().and_then(|(f, _)| f.as_deref())).collect();
            let to: Vec<&str> = moved.iter().map(|c| c.tier.as_str()).collect();
            let days: Vec<i64> = moved.iter().map(|c| date_day_number(c.day)).collect();
            let at: Vec<i64> = moved.iter().map(|c| c.at.timestamp()).collect();
            let reasons: Vec<&str> = moved.iter().map(|c| c.moved.as_ref().map_or("", |(_, r)| r.as_str())).collect();
            self.execute(INSERT_MOVES, &[&ids, &from, &to, &days, &at, &reasons], what)?;
        }
        Ok(())
    }

    fn give_club_perks(&mut self, grants: &[PerkGrant]) -> StoreResult<u64> {
        let mut given = 0;
        for g in grants {
            given += self.execute(
                sql::INSERT_PERK_GRANT,
                &[
                    &g.customer.0,
                    &g.perk.as_str(),
                    &date_day_number(g.from),
                    &date_day_number(g.until),
                    &g.reason,
                    &g.reference,
                    &g.actor,
                    &g.at.timestamp(),
                ],
                "cannot give the perks",
            )?;
        }
        Ok(given)
    }
}

/// Lots grouped by who wrote them (the array statement takes one actor).
fn group_by_actor(lots: &[NewEntry]) -> Vec<(&str, Vec<&NewEntry>)> {
    let mut out: Vec<(&str, Vec<&NewEntry>)> = Vec::new();
    for l in lots {
        match out.iter_mut().find(|(a, _)| *a == l.actor) {
            Some((_, group)) => group.push(l),
            None => out.push((l.actor.as_str(), vec![l])),
        }
    }
    out
}
