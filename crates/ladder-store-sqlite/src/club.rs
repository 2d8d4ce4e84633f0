//! The customer club (migration 33), over the statements both backends share.

use crate::tx::SqliteTx;
use crate::{Context, SqliteStore};
use chrono::{DateTime, NaiveDate, Utc};
use ladder_domain::club::{Draw, EntryKind, Lot, Perk};
use ladder_domain::date::{date_day_number, date_of_day, optional_day_number};
use ladder_store::club::{
    Balance, Card, ClubFigures, Earned, Entry, Member, NewEntry, NewMember, OrderToEarn, OrderToReverse, PerkGrant,
    ReferralToReward, SpentLot, TierChange, TierFacts, TierMove, Till,
};
use ladder_store::club_sql as sql;
use ladder_store::playbooks_sql::numbered;
use ladder_store::{ClubStore, ClubTx, CustomerId, StoreError, StoreResult};
use rusqlite::{Connection, OptionalExtension, Row, params};

fn time(t: Option<i64>) -> Option<DateTime<Utc>> {
    t.and_then(|t| DateTime::from_timestamp(t, 0))
}

fn day(d: Option<i64>) -> Option<NaiveDate> {
    d.map(date_of_day)
}

fn perk_grants(c: &Connection, customer: CustomerId) -> StoreResult<Vec<PerkGrant>> {
    let what = "cannot read a member's perks";
    let mut stmt = c.prepare_cached(&numbered(sql::PERK_GRANTS)).ctx(what)?;
    let rows = stmt
        .query_map([customer.0], |r| {
            let perk: String = r.get(1)?;
            Ok(Perk::parse(&perk).map(|perk| PerkGrant {
                customer: CustomerId(r.get(0).unwrap_or_default()),
                perk,
                from: date_of_day(r.get(2).unwrap_or_default()),
                until: date_of_day(r.get(3).unwrap_or_default()),
                reason: r.get(4).unwrap_or_default(),
                reference: r.get(5).unwrap_or_default(),
                actor: r.get(6).unwrap_or_default(),
                at: time(r.get(7).unwrap_or_default()).unwrap_or_default(),
            }))
        })
        .ctx(what)?;
    Ok(rows.collect::<Result<Vec<_>, _>>().ctx(what)?.into_iter().flatten().collect())
}

fn member_row(r: &Row<'_>) -> rusqlite::Result<Member> {
    member_from(r, 0)
}

fn member_from(r: &Row<'_>, o: usize) -> rusqlite::Result<Member> {
    Ok(Member {
        customer: CustomerId(r.get(o)?),
        customer_id: r.get(o + 1)?,
        card_number: r.get(o + 2)?,
        referral_code: r.get(o + 3)?,
        joined_at: time(r.get(o + 4)?).unwrap_or_default(),
        earn_from: date_of_day(r.get(o + 5)?),
        terms_version: r.get(o + 6)?,
        terms_evidence: r.get(o + 7)?,
        joined_by: r.get(o + 8)?,
        tier: r.get(o + 9)?,
        tier_since: day(r.get(o + 10)?),
        below_since: day(r.get(o + 11)?),
        blocked_at: time(r.get(o + 12)?),
        referred_by: r.get(o + 13)?,
        has_ordered: r.get::<_, i64>(o + 14)? == 1,
    })
}

fn card_row(r: &Row<'_>) -> rusqlite::Result<Card> {
    Ok(Card {
        number: r.get(0)?,
        customer: CustomerId(r.get(1)?),
        issued_at: time(r.get(2)?).unwrap_or_default(),
        blocked_at: time(r.get(3)?),
        blocked_reason: r.get(4)?,
    })
}

fn entry_row(r: &Row<'_>) -> rusqlite::Result<Option<Entry>> {
    let kind: String = r.get(2)?;
    let Some(kind) = EntryKind::parse(&kind) else { return Ok(None) };
    Ok(Some(Entry {
        id: r.get(0)?,
        customer: CustomerId(r.get(1)?),
        kind,
        reason: r.get(3)?,
        points: r.get(4)?,
        remaining: r.get(5)?,
        at: time(r.get(6)?).unwrap_or_default(),
        available_on: day(r.get(7)?),
        expires_on: day(r.get(8)?),
        order: r.get(9)?,
        order_id: r.get(10)?,
        reference: r.get(11)?,
        actor: r.get(12)?,
        note: r.get(13)?,
        unrecovered: r.get(14)?,
        draws: Vec::new(),
    }))
}

fn lot_row(r: &Row<'_>) -> rusqlite::Result<Lot> {
    Ok(Lot {
        id: r.get(0)?,
        remaining: r.get(1)?,
        available_on: day(r.get(2)?).unwrap_or_default(),
        expires_on: day(r.get(3)?),
    })
}

fn draws(c: &Connection, sql: &str, key: i64) -> StoreResult<Vec<(i64, Draw)>> {
    let what = "cannot read the ledger's draws";
    let mut stmt = c.prepare_cached(&numbered(sql)).ctx(what)?;
    let rows = stmt.query_map([key], |r| Ok((r.get(0)?, Draw { lot: r.get(1)?, points: r.get(2)? }))).ctx(what)?;
    rows.collect::<Result<Vec<_>, _>>().ctx(what)
}

fn member(c: &Connection, customer: CustomerId) -> StoreResult<Option<Member>> {
    c.prepare_cached(&numbered(&sql::member()))
        .and_then(|mut s| s.query_row([customer.0], member_row).optional())
        .ctx("cannot read a member")
}

fn member_by_card(c: &Connection, number: &str) -> StoreResult<Option<(Card, Member)>> {
    c.prepare_cached(&numbered(&sql::member_by_card()))
        .and_then(|mut s| s.query_row([number], |r| Ok((card_row(r)?, member_from(r, 5)?))).optional())
        .ctx("cannot read a card")
}

fn entries(c: &Connection, statement: &str, key: &dyn rusqlite::ToSql) -> StoreResult<Vec<Entry>> {
    let what = "cannot read the ledger";
    let mut stmt = c.prepare_cached(&numbered(statement)).ctx(what)?;
    let rows = stmt.query_map([key], entry_row).ctx(what)?;
    Ok(rows.collect::<Result<Vec<_>, _>>().ctx(what)?.into_iter().flatten().collect())
}

fn with_draws(mut entries: Vec<Entry>, mut all: Vec<(i64, Draw)>) -> Vec<Entry> {
    all.sort_by_key(|(e, d)| (*e, d.lot));
    for e in &mut entries {
        let from = all.partition_point(|(id, _)| *id < e.id);
        e.draws = all[from..].iter().take_while(|(id, _)| *id == e.id).map(|(_, d)| *d).collect();
    }
    entries
}

fn lots(c: &Connection, customer: CustomerId) -> StoreResult<Vec<Lot>> {
    let what = "cannot read a member's points";
    let mut stmt = c.prepare_cached(&numbered(sql::LOTS)).ctx(what)?;
    let rows = stmt.query_map([customer.0], lot_row).ctx(what)?;
    rows.collect::<Result<Vec<_>, _>>().ctx(what)
}

fn one_i64(c: &Connection, statement: &str, params: impl rusqlite::Params, what: &str) -> StoreResult<i64> {
    c.prepare_cached(&numbered(statement)).and_then(|mut s| s.query_row(params, |r| r.get(0))).ctx(what)
}

impl ClubStore for SqliteStore {
    fn club_rules(&self) -> StoreResult<Option<String>> {
        self.read(|c| c.query_row(sql::RULES, [], |r| r.get(0)).optional().ctx("cannot read the club's rules"))
    }

    fn club_customer_id(&self, external_id: &str) -> StoreResult<Option<CustomerId>> {
        self.read(|c| {
            c.prepare_cached(&numbered(sql::CUSTOMER_ID))
                .and_then(|mut s| s.query_row([external_id], |r| r.get(0)).optional())
                .map(|id| id.map(CustomerId))
                .ctx("cannot read a customer")
        })
    }

    fn club_member(&self, customer: CustomerId) -> StoreResult<Option<Member>> {
        self.read(|c| member(c, customer))
    }

    fn club_referrer_of(&self, customer: CustomerId) -> StoreResult<Option<CustomerId>> {
        self.read(|c| {
            c.prepare_cached(&numbered(sql::REFERRER_OF))
                .and_then(|mut s| s.query_row([customer.0], |r| r.get(0)).optional())
                .map(|id| id.map(CustomerId))
                .ctx("cannot read who brought a customer")
        })
    }

    fn club_card(&self, number: &str) -> StoreResult<Option<Card>> {
        self.read(|c| {
            c.prepare_cached(&numbered(&sql::card()))
                .and_then(|mut s| s.query_row([number], card_row).optional())
                .ctx("cannot read a card")
        })
    }

    fn club_member_by_card(&self, number: &str) -> StoreResult<Option<(Card, Member)>> {
        self.read(|c| member_by_card(c, number))
    }

    fn club_open_lots(&self, customer: CustomerId) -> StoreResult<Vec<Lot>> {
        self.read(|c| lots(c, customer))
    }

    fn club_till(&self, number: &str) -> StoreResult<Option<Till>> {
        self.read(|c| {
            let Some((card, member)) = member_by_card(c, number)? else { return Ok(None) };
            let lots = lots(c, member.customer)?;
            let perks = perk_grants(c, member.customer)?;
            Ok(Some(Till { card, member, lots, perks }))
        })
    }

    fn club_perk_grants(&self, customer: CustomerId) -> StoreResult<Vec<PerkGrant>> {
        self.read(|c| perk_grants(c, customer))
    }

    fn club_points_expiring(&self, from: NaiveDate, to: NaiveDate) -> StoreResult<Vec<(CustomerId, NaiveDate)>> {
        let what = "cannot read the points about to expire";
        self.read(|c| {
            let mut stmt = c.prepare_cached(&numbered(sql::POINTS_EXPIRING)).ctx(what)?;
            let rows = stmt
                .query_map([date_day_number(from), date_day_number(to)], |r| {
                    Ok((CustomerId(r.get(0)?), date_of_day(r.get(1)?)))
                })
                .ctx(what)?;
            rows.collect::<Result<Vec<_>, _>>().ctx(what)
        })
    }

    fn club_cards(&self, customer: CustomerId) -> StoreResult<Vec<Card>> {
        let what = "cannot read a member's cards";
        self.read(|c| {
            let mut stmt = c.prepare_cached(&numbered(&sql::cards())).ctx(what)?;
            let rows = stmt.query_map([customer.0], card_row).ctx(what)?;
            rows.collect::<Result<Vec<_>, _>>().ctx(what)
        })
    }

    fn club_member_by_referral(&self, code: &str) -> StoreResult<Option<Member>> {
        self.read(|c| {
            c.prepare_cached(&numbered(&sql::member_by_referral()))
                .and_then(|mut s| s.query_row([code], member_row).optional())
                .ctx("cannot read a member")
        })
    }

    fn club_ledger(&self, customer: CustomerId) -> StoreResult<Vec<Entry>> {
        self.read(|c| {
            let rows = entries(c, &sql::ledger(), &customer.0)?;
            Ok(with_draws(rows, draws(c, sql::DRAWS_OF_MEMBER, customer.0)?))
        })
    }

    fn club_entry_by_reference(&self, reference: &str) -> StoreResult<Option<Entry>> {
        self.read(|c| {
            let Some(entry) = entries(c, &sql::entry_by_reference(), &reference)?.pop() else { return Ok(None) };
            let d = draws(c, sql::DRAWS_OF_ENTRY, entry.id)?;
            Ok(with_draws(vec![entry], d).pop())
        })
    }

    fn club_balance(&self, customer: CustomerId, on: NaiveDate) -> StoreResult<Balance> {
        let what = "cannot read a member's balance";
        let d = date_day_number(on);
        self.read(|c| {
            let (total, available, pending, lapsed) = c
                .prepare_cached(&numbered(sql::BALANCE))
                .and_then(|mut s| {
                    s.query_row(params![customer.0, d], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                })
                .ctx(what)?;
            let mut stmt = c.prepare_cached(&numbered(sql::EXPIRING)).ctx(what)?;
            let rows = stmt.query_map(params![customer.0, d], |r| Ok((date_of_day(r.get(0)?), r.get(1)?))).ctx(what)?;
            let expiring = rows.collect::<Result<Vec<_>, _>>().ctx(what)?;
            Ok(Balance { total, available, pending, lapsed, expiring })
        })
    }

    fn club_tier_moves(&self, customer: CustomerId) -> StoreResult<Vec<TierMove>> {
        let what = "cannot read a member's tier moves";
        self.read(|c| {
            let mut stmt = c.prepare_cached(&numbered(sql::TIER_MOVES)).ctx(what)?;
            let rows = stmt
                .query_map([customer.0], |r| {
                    Ok(TierMove {
                        customer: CustomerId(r.get(0)?),
                        from: r.get(1)?,
                        to: r.get(2)?,
                        day: date_of_day(r.get(3)?),
                        at: time(r.get(4)?).unwrap_or_default(),
                        reason: r.get(5)?,
                    })
                })
                .ctx(what)?;
            rows.collect::<Result<Vec<_>, _>>().ctx(what)
        })
    }

    fn club_last_member(&self) -> StoreResult<i64> {
        self.read(|c| one_i64(c, sql::LAST_MEMBER, [], "cannot read the members"))
    }

    fn club_figures(&self, since: NaiveDate, on: NaiveDate, currency: &str) -> StoreResult<ClubFigures> {
        let what = "cannot read the club's figures";
        let (start, end) = sql::twelve_months(on);
        let period = (date_day_number(since) * 86_400, end);
        self.read(|c| {
            let mut f = ClubFigures::default();
            let (members, active): (i64, i64) = c
                .prepare_cached(&numbered(sql::MEMBER_COUNTS))
                .and_then(|mut s| s.query_row(params![start, end], |r| Ok((r.get(0)?, r.get(1)?))))
                .ctx(what)?;
            (f.members, f.active_members) = (members as u64, active as u64);
            let mut stmt = c.prepare_cached(sql::BY_TIER).ctx(what)?;
            f.by_tier = stmt
                .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64)))
                .ctx(what)?
                .collect::<Result<_, _>>()
                .ctx(what)?;
            let mut stmt = c.prepare_cached(&numbered(sql::MOVES_BETWEEN)).ctx(what)?;
            f.moves = stmt
                .query_map(params![date_day_number(since), date_day_number(on)], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)? as u64))
                })
                .ctx(what)?
                .collect::<Result<_, _>>()
                .ctx(what)?;
            (f.revenue_minor, f.member_revenue_minor) = c
                .prepare_cached(&numbered(sql::REVENUE))
                .and_then(|mut s| s.query_row(params![start, end, currency], |r| Ok((r.get(0)?, r.get(1)?))))
                .ctx(what)?;
            let mut stmt = c.prepare_cached(&numbered(sql::POINTS_BY_KIND)).ctx(what)?;
            let kinds = stmt
                .query_map(params![period.0, period.1], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))
                .ctx(what)?
                .collect::<Result<Vec<_>, _>>()
                .ctx(what)?;
            f.add_points(&kinds);
            f.outstanding = one_i64(c, sql::OUTSTANDING, [], what)?;
            let mut stmt = c.prepare_cached(sql::REPEAT_RATES).ctx(what)?;
            let rates = stmt
                .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)? as u64, r.get::<_, i64>(2)? as u64)))
                .ctx(what)?
                .collect::<Result<Vec<_>, _>>()
                .ctx(what)?;
            f.add_rates(&rates);
            (f.friends, f.friends_ordered, f.friends_with_two, f.friends_with_three) = c
                .prepare_cached(sql::FRIENDS)
                .and_then(|mut s| {
                    s.query_row([], |r| {
                        let n = |i| r.get::<_, i64>(i).map(|v| v as u64);
                        Ok((n(0)?, n(1)?, n(2)?, n(3)?))
                    })
                })
                .ctx(what)?;
            Ok(f)
        })
    }
}

/// How a row is written: an entry with its draws (refused when written already), or an earned lot
/// (skipped when written already) with what is left of it.
#[derive(Clone, Copy)]
enum Write {
    Entry,
    LotOnce { remaining: i64 },
}

fn insert_entry(c: &Connection, e: &NewEntry, how: Write) -> StoreResult<Option<i64>> {
    let what = "cannot write to the points ledger";
    let remaining = match how {
        Write::LotOnce { remaining } => remaining,
        Write::Entry => e.points.max(0),
    };
    let values = params![
        e.customer.0,
        e.kind.as_str(),
        e.reason,
        e.points,
        remaining,
        e.at.timestamp(),
        optional_day_number(e.available_on),
        optional_day_number(e.expires_on),
        e.order,
        e.reference,
        e.actor,
        e.note,
        e.unrecovered
    ];
    if let Write::LotOnce { .. } = how {
        let n = c.prepare_cached(&numbered(sql::INSERT_LOT_ONCE)).and_then(|mut s| s.execute(values)).ctx(what)?;
        return Ok((n == 1).then(|| c.last_insert_rowid()));
    }
    let id: Option<i64> = c
        .prepare_cached(&numbered(sql::INSERT_ENTRY))
        .and_then(|mut s| s.query_row(values, |r| r.get(0)).optional())
        .ctx(what)?;
    let Some(id) = id else { return Err(already_written()) };
    let mut draw = c.prepare_cached(&numbered(sql::DRAW_LOT)).ctx(what)?;
    let mut keep = c.prepare_cached(&numbered(sql::INSERT_DRAW)).ctx(what)?;
    for d in &e.draws {
        if draw.execute(params![d.lot, d.points]).ctx(what)? != 1 {
            return Err(StoreError::Conflict(format!("points lot {} has fewer than {} points left", d.lot, d.points)));
        }
        keep.execute(params![id, d.lot, d.points]).ctx(what)?;
    }
    Ok(Some(id))
}

fn already_written() -> StoreError {
    StoreError::Conflict("a ledger row with this order or reference is written already".to_owned())
}

impl ClubTx for SqliteTx<'_> {
    fn put_club_rules(&mut self, rules: &str, at: DateTime<Utc>) -> StoreResult<()> {
        self.conn()
            .execute(&numbered(sql::PUT_RULES), params![rules, at.timestamp()])
            .ctx("cannot save the club's rules")?;
        Ok(())
    }

    fn lock_club_member(&mut self, _customer: CustomerId) -> StoreResult<()> {
        // The unit of work holds the only writer: the member is locked already.
        Ok(())
    }

    fn refresh_club_statistics(&mut self) -> StoreResult<()> {
        Ok(())
    }

    fn lock_club_member_by_card(&mut self, number: &str) -> StoreResult<Option<(Card, Member)>> {
        // The writer's page cache is warm: a reader's is emptied by every commit since its last read.
        member_by_card(self.conn(), number)
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
        let c = self.conn();
        let mut member = c.prepare_cached(&numbered(sql::INSERT_MEMBER)).ctx(what)?;
        let mut card = c.prepare_cached(&numbered(sql::INSERT_CARD)).ctx(what)?;
        let mut left = Vec::new();
        for m in members {
            let joined = member
                .execute(params![
                    m.customer.0,
                    m.card_number,
                    m.referral_code,
                    m.joined_at.timestamp(),
                    date_day_number(m.earn_from),
                    m.terms_version,
                    m.terms_evidence,
                    m.joined_by
                ])
                .ctx(what)?;
            if joined == 1 {
                card.execute(params![m.card_number, m.customer.0, m.joined_at.timestamp()]).ctx(what)?;
            } else {
                left.push(m.customer);
            }
        }
        Ok(left)
    }

    fn link_club_referral(&mut self, customer: CustomerId, referrer: &str) -> StoreResult<bool> {
        let n = self
            .conn()
            .execute(&numbered(sql::LINK_REFERRAL), params![customer.0, referrer])
            .ctx("cannot record who brought a customer")?;
        Ok(n == 1)
    }

    fn club_referrals_to_reward(&mut self, after: i64, until: i64) -> StoreResult<Vec<ReferralToReward>> {
        let what = "cannot read the referrals to reward";
        let mut stmt = self.conn().prepare_cached(&numbered(sql::REFERRALS_TO_REWARD)).ctx(what)?;
        let rows = stmt
            .query_map(params![after, until], |r| {
                Ok(ReferralToReward {
                    referrer: CustomerId(r.get(0)?),
                    order: r.get(1)?,
                    ordered_at: time(r.get(2)?).unwrap_or_default(),
                })
            })
            .ctx(what)?;
        rows.collect::<Result<Vec<_>, _>>().ctx(what)
    }

    fn club_customers_to_enrol(&mut self, after: i64, limit: u32) -> StoreResult<Vec<CustomerId>> {
        let what = "cannot read the customers to enrol";
        let mut stmt = self.conn().prepare_cached(&numbered(sql::TO_ENROL)).ctx(what)?;
        let rows = stmt.query_map(params![after, limit], |r| r.get(0).map(CustomerId)).ctx(what)?;
        rows.collect::<Result<Vec<_>, _>>().ctx(what)
    }

    fn replace_club_card(
        &mut self,
        customer: CustomerId,
        number: &str,
        at: DateTime<Utc>,
        reason: &str,
    ) -> StoreResult<()> {
        let what = "cannot replace a card";
        let c = self.conn();
        c.execute(&numbered(sql::BLOCK_CARDS), params![customer.0, at.timestamp(), reason]).ctx(what)?;
        if c.execute(&numbered(sql::INSERT_NEW_CARD), params![number, customer.0, at.timestamp()]).ctx(what)? != 1 {
            return Err(StoreError::Conflict(format!("card number {number} is taken")));
        }
        c.execute(&numbered(sql::SET_CARD), params![customer.0, number]).ctx(what)?;
        Ok(())
    }

    fn club_lots(&mut self, customer: CustomerId) -> StoreResult<Vec<Lot>> {
        lots(self.conn(), customer)
    }

    fn club_row_of_reference(&mut self, reference: &str) -> StoreResult<Option<(i64, CustomerId, i64)>> {
        self.conn()
            .prepare_cached(&numbered(sql::ROW_OF_REFERENCE))
            .and_then(|mut s| {
                s.query_row([reference], |r| Ok((r.get(0)?, CustomerId(r.get(1)?), r.get(2)?))).optional()
            })
            .ctx("cannot read the points ledger")
    }

    fn club_order_lots(&mut self, customer: CustomerId, order: i64) -> StoreResult<Vec<SpentLot>> {
        let what = "cannot read an order's points";
        let mut stmt = self.conn().prepare_cached(&numbered(sql::ORDER_LOTS)).ctx(what)?;
        let rows = stmt
            .query_map(params![customer.0, order], |r| Ok(SpentLot { lot: lot_row(r)?, spent: r.get(4)? }))
            .ctx(what)?;
        rows.collect::<Result<Vec<_>, _>>().ctx(what)
    }

    fn append_club_entry(&mut self, entry: &NewEntry) -> StoreResult<i64> {
        insert_entry(self.conn(), entry, Write::Entry).map(Option::unwrap_or_default)
    }

    fn earn_club_points(&mut self, lots: &[NewEntry], expired_by: NaiveDate) -> StoreResult<Earned> {
        let what = "cannot write earned points";
        let c = self.conn();
        // The writer is this connection alone: the rows after the ledger's last id are this call's.
        let before = one_i64(c, sql::LAST_ENTRY, [], what)?;
        let mut rows = 0;
        for lot in lots {
            let spent = lot.expires_on.is_some_and(|d| d <= expired_by);
            let remaining = if spent { 0 } else { lot.points.max(0) };
            rows += u64::from(insert_entry(c, lot, Write::LotOnce { remaining })?.is_some());
        }
        let written = one_i64(c, sql::LAST_ENTRY, [], what)?;
        c.execute(&numbered(&sql::expire_new_lots()), params![before, date_day_number(expired_by)]).ctx(what)?;
        c.execute(&numbered(sql::EXPIRE_DRAWS), [written]).ctx(what)?;
        Ok(Earned { rows, expired: one_i64(c, sql::EXPIRED_SINCE, [written], what)? })
    }

    fn club_orders_to_earn(&mut self, after: i64, until: i64, currency: &str) -> StoreResult<Vec<OrderToEarn>> {
        let what = "cannot read the orders to earn points";
        let mut stmt = self.conn().prepare_cached(&numbered(sql::ORDERS_TO_EARN)).ctx(what)?;
        let rows = stmt
            .query_map(params![after, until, currency], |r| {
                Ok(OrderToEarn {
                    order: r.get(0)?,
                    customer: CustomerId(r.get(1)?),
                    ordered_at: time(r.get(2)?).unwrap_or_default(),
                    total_minor: r.get(3)?,
                    nth: u32::try_from(r.get::<_, i64>(4)?).unwrap_or(u32::MAX),
                    birthday: r.get(5)?,
                    tier: r.get(6)?,
                })
            })
            .ctx(what)?;
        rows.collect::<Result<Vec<_>, _>>().ctx(what)
    }

    fn club_order_categories(&mut self, after: i64, until: i64) -> StoreResult<Vec<(i64, Option<String>, i64)>> {
        let what = "cannot read the orders' categories";
        let mut stmt = self.conn().prepare_cached(&numbered(sql::ORDER_CATEGORIES)).ctx(what)?;
        let rows = stmt.query_map(params![after, until], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).ctx(what)?;
        rows.collect::<Result<Vec<_>, _>>().ctx(what)
    }

    fn club_orders_to_reverse(&mut self, customer: Option<CustomerId>) -> StoreResult<Vec<OrderToReverse>> {
        let what = "cannot read the orders to reverse";
        let mut stmt = self.conn().prepare_cached(&numbered(&sql::orders_to_reverse(customer.is_some()))).ctx(what)?;
        let map = |r: &Row<'_>| Ok(OrderToReverse { customer: CustomerId(r.get(0)?), order: r.get(1)? });
        let rows = match customer {
            Some(c) => stmt.query_map([c.0], map),
            None => stmt.query_map([], map),
        }
        .ctx(what)?;
        rows.collect::<Result<Vec<_>, _>>().ctx(what)
    }

    fn expire_club_points(
        &mut self,
        on: NaiveDate,
        customer: Option<CustomerId>,
        _at: DateTime<Utc>,
    ) -> StoreResult<i64> {
        let what = "cannot expire points";
        let c = self.conn();
        let d = date_day_number(on);
        let last = one_i64(c, sql::LAST_ENTRY, [], what)?;
        let one = customer.is_some();
        match customer {
            Some(m) => {
                c.execute(&numbered(&sql::expire_rows(one)), params![d, m.0]).ctx(what)?;
                c.execute(&numbered(sql::EXPIRE_DRAWS), [last]).ctx(what)?;
                c.execute(&numbered(&sql::expire_lots(one)), params![d, m.0]).ctx(what)?;
            }
            None => {
                c.execute(&numbered(&sql::expire_rows(one)), [d]).ctx(what)?;
                c.execute(&numbered(sql::EXPIRE_DRAWS), [last]).ctx(what)?;
                c.execute(&numbered(&sql::expire_lots(one)), [d]).ctx(what)?;
            }
        }
        one_i64(c, sql::EXPIRED_SINCE, [last], what)
    }

    fn club_tier_facts(
        &mut self,
        after: i64,
        until: i64,
        on: NaiveDate,
        currency: &str,
    ) -> StoreResult<Vec<TierFacts>> {
        let what = "cannot read the members' twelve months";
        let (start, end) = sql::twelve_months(on);
        let mut stmt = self.conn().prepare_cached(&numbered(&sql::tier_facts(true))).ctx(what)?;
        let rows = stmt
            .query_map(params![after, until, start, end, currency], |r| {
                Ok(TierFacts {
                    customer: CustomerId(r.get(0)?),
                    tier: r.get(1)?,
                    below_since: day(r.get(2)?),
                    spend_minor: r.get(3)?,
                    points: r.get(4)?,
                })
            })
            .ctx(what)?;
        rows.collect::<Result<Vec<_>, _>>().ctx(what)
    }

    fn set_club_tiers(&mut self, changes: &[TierChange]) -> StoreResult<()> {
        let what = "cannot save the members' tiers";
        let c = self.conn();
        let mut moved = c.prepare_cached(&numbered(sql::MOVE_TIER)).ctx(what)?;
        let mut grace = c.prepare_cached(&numbered(sql::SET_BELOW_SINCE)).ctx(what)?;
        let mut record = c.prepare_cached(&numbered(sql::INSERT_TIER_MOVE)).ctx(what)?;
        for ch in changes {
            let below = optional_day_number(ch.below_since);
            match &ch.moved {
                Some((from, reason)) => {
                    let d = date_day_number(ch.day);
                    moved.execute(params![ch.customer.0, ch.tier, d, below]).ctx(what)?;
                    record.execute(params![ch.customer.0, from, ch.tier, d, ch.at.timestamp(), reason]).ctx(what)?;
                }
                None => {
                    grace.execute(params![ch.customer.0, below]).ctx(what)?;
                }
            }
        }
        Ok(())
    }

    fn give_club_perks(&mut self, grants: &[PerkGrant]) -> StoreResult<u64> {
        let what = "cannot give the perks";
        let mut stmt = self.conn().prepare_cached(&numbered(sql::INSERT_PERK_GRANT)).ctx(what)?;
        let mut given = 0u64;
        for g in grants {
            given += stmt
                .execute(params![
                    g.customer.0,
                    g.perk.as_str(),
                    date_day_number(g.from),
                    date_day_number(g.until),
                    g.reason,
                    g.reference,
                    g.actor,
                    g.at.timestamp()
                ])
                .ctx(what)? as u64;
        }
        Ok(given)
    }
}
