//! The club's SQL that both backends share word for word, with `$1`, `$2`, … placeholders (SQLite reads
//! them through [`crate::playbooks_sql::numbered`]). Times are Unix seconds, days are day numbers.

use chrono::NaiveDate;
use ladder_domain::date::{date_day_number, end_of_day};

/// The 12 months ending with `on`, as `[start, end)` in Unix seconds: from the day after the same day a
/// year before to the end of `on`.
pub fn twelve_months(on: NaiveDate) -> (i64, i64) {
    let start = on.checked_sub_months(chrono::Months::new(12)).map_or(0, |d| (date_day_number(d) + 1) * 86_400);
    (start, end_of_day(on))
}

/// Saves the rules.
pub const PUT_RULES: &str = "INSERT INTO club_settings (id, rules, updated_at) VALUES (1, $1, $2)
     ON CONFLICT (id) DO UPDATE SET rules = excluded.rules, updated_at = excluded.updated_at";

/// The rules.
pub const RULES: &str = "SELECT rules FROM club_settings WHERE id = 1";

/// A member's columns, over `club_members m JOIN customers c`.
const MEMBER_COLUMNS: &str = "SELECT m.customer_id, c.external_id, m.card_number, m.referral_code, m.joined_at,
            m.earn_from, m.terms_version, m.terms_evidence, m.joined_by, m.tier, m.tier_since, m.below_since,
            m.blocked_at, c.referred_by,
            CAST(CASE WHEN EXISTS (SELECT 1 FROM club_ledger o WHERE o.customer_id = m.customer_id
                                   AND o.kind = 'earn' AND o.reason = 'order') THEN 1 ELSE 0 END AS BIGINT)
     FROM club_members m JOIN customers c ON c.id = m.customer_id";

/// A member by customer ($1).
pub fn member() -> String {
    format!("{MEMBER_COLUMNS} WHERE m.customer_id = $1")
}

/// A card ($1) with its member: the card's columns, then the member's.
pub fn member_by_card() -> String {
    let member = MEMBER_COLUMNS.trim_start_matches("SELECT ").replace(
        "FROM club_members m JOIN customers c ON c.id = m.customer_id",
        "FROM club_cards k JOIN club_members m ON m.customer_id = k.customer_id JOIN customers c ON c.id = m.customer_id",
    );
    format!("SELECT k.number, k.customer_id, k.issued_at, k.blocked_at, k.blocked_reason, {member} WHERE k.number = $1")
}

/// The card and its member ($1), the member's row locked until the unit of work ends (PostgreSQL).
pub fn member_by_card_locked() -> String {
    format!("{} FOR UPDATE OF m", member_by_card())
}

/// A member by referral code ($1).
pub fn member_by_referral() -> String {
    format!("{MEMBER_COLUMNS} WHERE m.referral_code = $1")
}

/// The customer of business id $1, or of the alias $1 a merge left.
pub const CUSTOMER_ID: &str = "SELECT id FROM customers WHERE external_id = $1
     UNION ALL SELECT c.id FROM customer_aliases a JOIN customers c ON c.external_id = a.external_id WHERE a.alias = $1
     LIMIT 1";

/// Up to $2 customers after id $1 who are not members.
pub const TO_ENROL: &str = "SELECT c.id FROM customers c WHERE c.id > $1
       AND NOT EXISTS (SELECT 1 FROM club_members m WHERE m.customer_id = c.id)
     ORDER BY c.id LIMIT $2";

/// The member who brought customer $1.
pub const REFERRER_OF: &str = "SELECT m.customer_id FROM customers f JOIN customers r ON r.external_id = f.referred_by
     JOIN club_members m ON m.customer_id = r.id WHERE f.id = $1";

/// Records who brought customer $1 ($2, a business id), unless someone is recorded already.
pub const LINK_REFERRAL: &str = "UPDATE customers SET referred_by = $2
     WHERE id = $1 AND (referred_by IS NULL OR referred_by = '') AND external_id <> $2";

/// Friends' first completed orders not yet rewarded, of members in `(after $1, until $2]`: referrer,
/// order, when.
pub const REFERRALS_TO_REWARD: &str = "SELECT m.customer_id, o.id, o.ordered_at
     FROM club_members m JOIN customers r ON r.id = m.customer_id
     JOIN customers f ON f.referred_by = r.external_id
     JOIN orders o ON o.customer_id = f.id AND o.status = 'completed'
     WHERE m.customer_id > $1 AND m.customer_id <= $2 AND m.blocked_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM orders p WHERE p.customer_id = f.id AND p.status = 'completed'
                       AND (p.ordered_at < o.ordered_at OR (p.ordered_at = o.ordered_at AND p.id < o.id)))
       AND NOT EXISTS (SELECT 1 FROM club_ledger l WHERE l.order_id = o.id AND l.customer_id = m.customer_id
                       AND l.kind = 'earn' AND l.reason = 'referral')
     ORDER BY m.customer_id, o.id";

/// Friends brought by members: how many, with an order, with two and three (the last scoring's counts).
pub const FRIENDS: &str = "SELECT CAST(COUNT(*) AS BIGINT),
       CAST(COALESCE(SUM(CASE WHEN s.orders >= 1 THEN 1 ELSE 0 END), 0) AS BIGINT),
       CAST(COALESCE(SUM(CASE WHEN s.orders >= 2 THEN 1 ELSE 0 END), 0) AS BIGINT),
       CAST(COALESCE(SUM(CASE WHEN s.orders >= 3 THEN 1 ELSE 0 END), 0) AS BIGINT)
     FROM customers f JOIN customers r ON r.external_id = f.referred_by
     JOIN club_members m ON m.customer_id = r.id
     LEFT JOIN customer_scores s ON s.customer_id = f.id";

/// Enrols a member, unless they are one, or the card or code is taken.
pub const INSERT_MEMBER: &str = "INSERT INTO club_members (customer_id, card_number, referral_code, joined_at,
            earn_from, terms_version, terms_evidence, joined_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING";

/// Issues a card.
pub const INSERT_CARD: &str = "INSERT INTO club_cards (number, customer_id, issued_at) VALUES ($1, $2, $3)";

/// Issues a card unless its number was ever used (a lost card's new number): nothing written when taken.
pub const INSERT_NEW_CARD: &str =
    "INSERT INTO club_cards (number, customer_id, issued_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING";

/// A card's columns.
const CARD_COLUMNS: &str = "SELECT number, customer_id, issued_at, blocked_at, blocked_reason FROM club_cards";

/// A card by number ($1).
pub fn card() -> String {
    format!("{CARD_COLUMNS} WHERE number = $1")
}

/// A member's cards ($1), newest first.
pub fn cards() -> String {
    format!("{CARD_COLUMNS} WHERE customer_id = $1 ORDER BY issued_at DESC, blocked_at IS NULL DESC, number")
}

/// Blocks a member's ($1) cards in use, at $2, for $3.
pub const BLOCK_CARDS: &str =
    "UPDATE club_cards SET blocked_at = $2, blocked_reason = $3 WHERE customer_id = $1 AND blocked_at IS NULL";

/// Gives a member ($1) the card in use $2.
pub const SET_CARD: &str = "UPDATE club_members SET card_number = $2 WHERE customer_id = $1";

/// A ledger row's columns, over `club_ledger l LEFT JOIN orders o`.
const ENTRY_COLUMNS: &str = "SELECT l.id, l.customer_id, l.kind, l.reason, l.points, l.remaining, l.at,
            l.available_on, l.expires_on, l.order_id, o.external_id, l.reference, l.actor, l.note, l.unrecovered
     FROM club_ledger l LEFT JOIN orders o ON o.id = l.order_id";

/// A member's ($1) ledger, oldest first.
pub fn ledger() -> String {
    format!("{ENTRY_COLUMNS} WHERE l.customer_id = $1 ORDER BY l.at, l.id")
}

/// The row with reference $1.
pub fn entry_by_reference() -> String {
    format!("{ENTRY_COLUMNS} WHERE l.reference = $1")
}

/// The draws of a member's ($1) rows: row, lot, points.
pub const DRAWS_OF_MEMBER: &str = "SELECT d.entry_id, d.lot_id, d.points FROM club_draws d
     JOIN club_ledger l ON l.id = d.entry_id WHERE l.customer_id = $1 ORDER BY d.entry_id, d.lot_id";

/// The draws of one row ($1).
pub const DRAWS_OF_ENTRY: &str = "SELECT entry_id, lot_id, points FROM club_draws WHERE entry_id = $1 ORDER BY lot_id";

/// A member's ($1) points on day $2: total, available, pending, lapsed.
pub const BALANCE: &str = "SELECT CAST(COALESCE(SUM(points), 0) AS BIGINT),
       CAST(COALESCE(SUM(CASE WHEN remaining > 0 AND available_on <= $2 AND (expires_on IS NULL OR expires_on > $2)
                              THEN remaining ELSE 0 END), 0) AS BIGINT),
       CAST(COALESCE(SUM(CASE WHEN remaining > 0 AND available_on > $2 AND (expires_on IS NULL OR expires_on > $2)
                              THEN remaining ELSE 0 END), 0) AS BIGINT),
       CAST(COALESCE(SUM(CASE WHEN remaining > 0 AND expires_on <= $2 THEN remaining ELSE 0 END), 0) AS BIGINT)
     FROM club_ledger WHERE customer_id = $1";

/// A member's ($1) points still to expire after day $2, by day, soonest first.
pub const EXPIRING: &str = "SELECT expires_on, CAST(SUM(remaining) AS BIGINT) FROM club_ledger
     WHERE customer_id = $1 AND remaining > 0 AND expires_on > $2 GROUP BY expires_on ORDER BY expires_on LIMIT 6";

/// A member's ($1) tier moves.
pub const TIER_MOVES: &str = "SELECT customer_id, from_tier, to_tier, day, at, reason FROM club_tier_moves
     WHERE customer_id = $1 ORDER BY at, id";

/// The highest member id.
pub const LAST_MEMBER: &str = "SELECT CAST(COALESCE(MAX(customer_id), 0) AS BIGINT) FROM club_members";

/// A member's ($1) lots with points left.
pub const LOTS: &str = "SELECT id, remaining, available_on, expires_on FROM club_ledger
     WHERE customer_id = $1 AND remaining > 0 ORDER BY id";

/// The lots an order ($2) earned a member ($1), with what redemptions and adjustments drew from each.
pub const ORDER_LOTS: &str = "SELECT l.id, l.remaining, l.available_on, l.expires_on,
       CAST(COALESCE((SELECT SUM(d.points) FROM club_draws d JOIN club_ledger e ON e.id = d.entry_id
                      WHERE d.lot_id = l.id AND e.kind IN ('redeem', 'adjust')), 0) AS BIGINT)
     FROM club_ledger l WHERE l.customer_id = $1 AND l.order_id = $2 AND l.kind = 'earn' ORDER BY l.id";

/// Writes a row, unless its order's row or its reference is written already (then no id returns).
pub const INSERT_ENTRY: &str = "INSERT INTO club_ledger (customer_id, kind, reason, points, remaining, at,
            available_on, expires_on, order_id, reference, actor, note, unrecovered)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT DO NOTHING RETURNING id";

/// Writes a lot unless the order earned it already.
pub const INSERT_LOT_ONCE: &str = "INSERT INTO club_ledger (customer_id, kind, reason, points, remaining, at,
            available_on, expires_on, order_id, reference, actor, note, unrecovered)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT DO NOTHING";

/// Keeps a draw.
pub const INSERT_DRAW: &str = "INSERT INTO club_draws (entry_id, lot_id, points) VALUES ($1, $2, $3)";

/// Draws $2 points from lot $1, only if it has them.
pub const DRAW_LOT: &str = "UPDATE club_ledger SET remaining = remaining - $2 WHERE id = $1 AND remaining >= $2";

/// Completed orders, ranked among the customer's, of members in `(after $1, until $2]` that earned
/// nothing yet, in currency $3, from each member's first earning day.
pub const ORDERS_TO_EARN: &str = "WITH ranked AS (
       SELECT o.id, o.customer_id, o.ordered_at, o.total_minor, o.currency,
              ROW_NUMBER() OVER (PARTITION BY o.customer_id ORDER BY o.ordered_at, o.id) AS nth
       FROM orders o WHERE o.customer_id > $1 AND o.customer_id <= $2 AND o.status = 'completed')
     SELECT r.id, r.customer_id, r.ordered_at, r.total_minor, CAST(r.nth AS BIGINT), c.birthday, m.tier
     FROM ranked r JOIN club_members m ON m.customer_id = r.customer_id JOIN customers c ON c.id = r.customer_id
     WHERE r.currency = $3 AND r.ordered_at >= m.earn_from * 86400 AND m.blocked_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM club_ledger l
                       WHERE l.order_id = r.id AND l.customer_id = r.customer_id AND l.kind = 'earn')
     ORDER BY r.customer_id, r.ordered_at, r.id";

/// The line amounts per category of members' completed orders in `(after $1, until $2]` that earned
/// nothing yet.
pub const ORDER_CATEGORIES: &str = "SELECT l.order_id, p.category, CAST(SUM(l.quantity * l.unit_price_minor) AS BIGINT)
     FROM orders o JOIN club_members m ON m.customer_id = o.customer_id
     JOIN order_lines l ON l.order_id = o.id JOIN products p ON p.id = l.product_id
     WHERE o.customer_id > $1 AND o.customer_id <= $2 AND o.status = 'completed'
       AND NOT EXISTS (SELECT 1 FROM club_ledger e
                       WHERE e.order_id = o.id AND e.customer_id = o.customer_id AND e.kind = 'earn')
     GROUP BY l.order_id, p.category";

/// Orders that earned and are no longer completed, not reversed yet: member, order.
pub fn orders_to_reverse(one_member: bool) -> String {
    let member = if one_member { "AND l.customer_id = $1" } else { "" };
    format!(
        "SELECT DISTINCT l.customer_id, l.order_id FROM club_ledger l JOIN orders o ON o.id = l.order_id
         WHERE l.kind = 'earn' AND o.status <> 'completed' {member}
           AND NOT EXISTS (SELECT 1 FROM club_ledger r
                           WHERE r.order_id = l.order_id AND r.customer_id = l.customer_id AND r.kind = 'reverse')
         ORDER BY l.customer_id, l.order_id"
    )
}

/// The ledger's highest id.
pub const LAST_ENTRY: &str = "SELECT CAST(COALESCE(MAX(id), 0) AS BIGINT) FROM club_ledger";

/// Expiry, first: a row per lot out of time on day $1 (dated its expiry), of one member ($2) or all.
pub fn expire_rows(one_member: bool) -> String {
    let member = if one_member { "AND customer_id = $2" } else { "" };
    expiry_rows("-remaining", &format!("remaining > 0 AND expires_on <= $1 {member}"))
}

/// The expiry rows of the lots just written spent (after id $1) because they were out of time on
/// day $2 when earned: each expires the whole lot.
pub fn expire_new_lots() -> String {
    expiry_rows("-points", "id > $1 AND kind = 'earn' AND remaining = 0 AND expires_on <= $2")
}

/// A row per lot matching `condition` (dated its expiry), taking `amount` points.
pub fn expiry_rows(amount: &str, condition: &str) -> String {
    format!(
        "INSERT INTO club_ledger (customer_id, kind, reason, points, remaining, at, available_on, expires_on,
                 order_id, reference, actor, note, unrecovered, expired_lot)
         SELECT customer_id, 'expire', 'expiry', {amount}, 0, expires_on * 86400, NULL, expires_on,
                NULL, NULL, 'system', NULL, 0, id
         FROM club_ledger WHERE {condition} ORDER BY id"
    )
}

/// Expiry, then: the draws of the rows written after id $1.
pub const EXPIRE_DRAWS: &str = "INSERT INTO club_draws (entry_id, lot_id, points)
     SELECT id, expired_lot, -points FROM club_ledger WHERE id > $1 AND kind = 'expire'";

/// Expiry, last: the lots drawn.
pub fn expire_lots(one_member: bool) -> String {
    let member = if one_member { "AND customer_id = $2" } else { "" };
    format!("UPDATE club_ledger SET remaining = 0 WHERE remaining > 0 AND expires_on <= $1 {member}")
}

/// The points expired by rows after id $1.
pub const EXPIRED_SINCE: &str =
    "SELECT CAST(COALESCE(-SUM(points), 0) AS BIGINT) FROM club_ledger WHERE id > $1 AND kind = 'expire'";

/// Members in `(after $1, until $2]`, with the 12 months `[$3, $4)` (seconds) in currency $5: id, tier,
/// below since, spend, and the points earned when `points` is set.
pub fn tier_facts(points: bool) -> String {
    let points = if points {
        "CAST(COALESCE((SELECT SUM(l.points) FROM club_ledger l WHERE l.customer_id = m.customer_id
                        AND l.kind IN ('earn', 'reverse') AND l.at >= $3 AND l.at < $4), 0) AS BIGINT)"
    } else {
        "CAST(0 AS BIGINT)"
    };
    format!(
        "SELECT m.customer_id, m.tier, m.below_since,
           CAST(COALESCE((SELECT SUM(o.total_minor) FROM orders o WHERE o.customer_id = m.customer_id
                          AND o.status = 'completed' AND o.currency = $5 AND o.ordered_at >= $3
                          AND o.ordered_at < $4), 0) AS BIGINT),
           {points}
         FROM club_members m WHERE m.customer_id > $1 AND m.customer_id <= $2 AND m.blocked_at IS NULL
         ORDER BY m.customer_id"
    )
}

/// A member's ($1) new tier $2 since day $3, below its threshold since $4.
pub const MOVE_TIER: &str =
    "UPDATE club_members SET tier = $2, tier_since = $3, below_since = $4 WHERE customer_id = $1";

/// A member's ($1) grace clock ($2).
pub const SET_BELOW_SINCE: &str = "UPDATE club_members SET below_since = $2 WHERE customer_id = $1";

/// Records a tier move.
pub const INSERT_TIER_MOVE: &str = "INSERT INTO club_tier_moves (customer_id, from_tier, to_tier, day, at, reason)
     VALUES ($1, $2, $3, $4, $5, $6)";

/// Members and active members ($1, $2: the 12 months in seconds).
pub const MEMBER_COUNTS: &str = "SELECT CAST(COUNT(*) AS BIGINT),
       CAST(COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = m.customer_id
                AND o.status = 'completed' AND o.ordered_at >= $1 AND o.ordered_at < $2) THEN 1 ELSE 0 END), 0) AS BIGINT)
     FROM club_members m WHERE m.blocked_at IS NULL";

/// Members per tier.
pub const BY_TIER: &str = "SELECT COALESCE(tier, ''), CAST(COUNT(*) AS BIGINT) FROM club_members
     WHERE blocked_at IS NULL GROUP BY tier ORDER BY tier";

/// Tier moves between days $1 and $2: from, to, how many.
pub const MOVES_BETWEEN: &str = "SELECT from_tier, to_tier, CAST(COUNT(*) AS BIGINT) FROM club_tier_moves
     WHERE day >= $1 AND day <= $2 GROUP BY from_tier, to_tier";

/// Everyone's and members' revenue of the 12 months ($1, $2) in currency $3.
pub const REVENUE: &str = "SELECT CAST(COALESCE(SUM(o.total_minor), 0) AS BIGINT),
       CAST(COALESCE(SUM(CASE WHEN m.customer_id IS NOT NULL THEN o.total_minor ELSE 0 END), 0) AS BIGINT)
     FROM orders o LEFT JOIN club_members m ON m.customer_id = o.customer_id AND m.blocked_at IS NULL
     WHERE o.status = 'completed' AND o.currency = $3 AND o.ordered_at >= $1 AND o.ordered_at < $2";

/// Points by kind of the period ($1, $2 in seconds).
pub const POINTS_BY_KIND: &str = "SELECT kind, CAST(COALESCE(SUM(points), 0) AS BIGINT) FROM club_ledger
     WHERE at >= $1 AND at < $2 GROUP BY kind";

/// Points outstanding.
pub const OUTSTANDING: &str = "SELECT CAST(COALESCE(SUM(remaining), 0) AS BIGINT) FROM club_ledger WHERE remaining > 0";

/// Members and others with two and three completed orders (the last scoring's counts).
pub const REPEAT_RATES: &str = "SELECT CAST(CASE WHEN m.customer_id IS NULL THEN 0 ELSE 1 END AS BIGINT),
       CAST(COALESCE(SUM(CASE WHEN s.orders >= 2 THEN 1 ELSE 0 END), 0) AS BIGINT),
       CAST(COALESCE(SUM(CASE WHEN s.orders >= 3 THEN 1 ELSE 0 END), 0) AS BIGINT)
     FROM customer_scores s LEFT JOIN club_members m ON m.customer_id = s.customer_id AND m.blocked_at IS NULL
     GROUP BY CASE WHEN m.customer_id IS NULL THEN 0 ELSE 1 END";

/// A merge's club part, `$1` kept, `$2` absorbed, `now` the backend's Unix time now: when both are
/// members, the absorbed one's cards are blocked (`merged`) and their ledgers add up under the kept
/// one; when only the absorbed one is, their membership moves over whole. Tier moves follow.
pub fn merge_members(now: &str) -> [String; 6] {
    [
        format!(
            "UPDATE club_cards SET blocked_at = COALESCE(blocked_at, {now}), blocked_reason = COALESCE(blocked_reason, 'merged')
             WHERE customer_id = $2 AND EXISTS (SELECT 1 FROM club_members WHERE customer_id = $1)"
        ),
        "UPDATE club_cards SET customer_id = $1 WHERE customer_id = $2".to_owned(),
        "UPDATE club_members SET customer_id = $1
         WHERE customer_id = $2 AND NOT EXISTS (SELECT 1 FROM club_members k WHERE k.customer_id = $1)"
            .to_owned(),
        "UPDATE club_ledger SET customer_id = $1 WHERE customer_id = $2".to_owned(),
        "UPDATE club_tier_moves SET customer_id = $1 WHERE customer_id = $2".to_owned(),
        "UPDATE club_perk_grants SET customer_id = $1 WHERE customer_id = $2".to_owned(),
    ]
}

/// A member's given perks ($1), newest first.
pub const PERK_GRANTS: &str = "SELECT customer_id, perk, from_day, until_day, reason, reference, actor, at
     FROM club_perk_grants WHERE customer_id = $1 ORDER BY at DESC, id DESC";

/// Locks a member ($1) for the unit of work (PostgreSQL; SQLite's unit of work holds the only writer).
pub const LOCK_MEMBER: &str = "SELECT customer_id FROM club_members WHERE customer_id = $1 FOR UPDATE";

/// The row of a reference ($1): id, member, points.
pub const ROW_OF_REFERENCE: &str = "SELECT id, customer_id, points FROM club_ledger WHERE reference = $1";

/// Gives a perk unless its reference gave it already.
pub const INSERT_PERK_GRANT: &str = "INSERT INTO club_perk_grants (customer_id, perk, from_day, until_day, reason,
       reference, actor, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING";

/// Members not blocked whose points left expire on a day in $1..=$2 (day numbers): member, day.
pub const POINTS_EXPIRING: &str = "SELECT DISTINCT l.customer_id, l.expires_on FROM club_ledger l
     JOIN club_members m ON m.customer_id = l.customer_id AND m.blocked_at IS NULL
     WHERE l.remaining > 0 AND l.expires_on >= $1 AND l.expires_on <= $2
     ORDER BY l.customer_id, l.expires_on";

/// An erasure's club part, `$1` the customer: the membership and its cards are blocked (`erased`) and
/// the evidence of the terms' acceptance (which may hold an address) goes; the ledger stays, anonymous,
/// for the shop's figures.
pub fn erase_member(now: &str) -> [String; 2] {
    [
        format!(
            "UPDATE club_members SET blocked_at = COALESCE(blocked_at, {now}), terms_evidence = '{{}}' WHERE customer_id = $1"
        ),
        format!(
            "UPDATE club_cards SET blocked_at = COALESCE(blocked_at, {now}), blocked_reason = COALESCE(blocked_reason, 'erased')
             WHERE customer_id = $1"
        ),
    ]
}
