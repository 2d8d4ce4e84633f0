//! Merging, deleting and erasing customers; aliases and suppression entries.

use crate::Context;
use crate::tx::SqliteTx;
use chrono::{DateTime, Utc};
use ladder_store::{CustomerId, PrivacyTx, StoreError, StoreResult};
use rusqlite::{OptionalExtension, params};
use std::collections::HashMap;

/// The profile columns an erasure clears (country and the date the customer became known stay, for
/// the shop's figures).
const PERSONAL: &str = "kind = NULL, first_name = NULL, last_name = NULL, company = NULL, industry = NULL, email = NULL, \
     phone = NULL, address = NULL, city = NULL, region = NULL, birthday = NULL, profession = NULL, income_band = NULL, \
     preferred_language = NULL, preferred_channel = NULL, referred_by = NULL, attributes = NULL";

/// How an audit entry's detail names a customer (`"customer_id":"C17"`).
pub(crate) fn audit_mention(external_id: &str) -> String {
    format!("\"customer_id\":{}", serde_json::Value::from(external_id))
}

impl SqliteTx<'_> {
    fn external_id_of(&self, id: CustomerId) -> StoreResult<String> {
        self.conn()
            .query_row("SELECT external_id FROM customers WHERE id = ?1", [id.0], |r| r.get(0))
            .optional()
            .ctx("cannot read a customer")?
            .ok_or_else(|| StoreError::NotFound(format!("customer #{}", id.0)))
    }
}

impl PrivacyTx for SqliteTx<'_> {
    fn aliases(&mut self) -> StoreResult<HashMap<String, String>> {
        let what = "cannot read the aliases";
        let mut stmt = self.conn().prepare_cached("SELECT alias, external_id FROM customer_aliases").ctx(what)?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).ctx(what)?;
        rows.collect::<Result<_, _>>().ctx(what)
    }

    fn merge_customers(&mut self, kept: CustomerId, absorbed: CustomerId) -> StoreResult<()> {
        let (kept_id, absorbed_id) = (self.external_id_of(kept)?, self.external_id_of(absorbed)?);
        let what = "cannot merge two customers";
        let c = self.conn();
        c.execute("UPDATE orders SET customer_id = ?1 WHERE customer_id = ?2", [kept.0, absorbed.0]).ctx(what)?;
        for statement in ladder_store::club_sql::merge_members("unixepoch()") {
            c.execute(&ladder_store::playbooks_sql::numbered(&statement), [kept.0, absorbed.0]).ctx(what)?;
        }
        c.execute("UPDATE OR IGNORE interactions SET customer_id = ?1 WHERE customer_id = ?2", [kept.0, absorbed.0])
            .ctx(what)?;
        c.execute("UPDATE ladder_history SET customer_id = ?1 WHERE customer_id = ?2", [kept.0, absorbed.0])
            .ctx(what)?;
        // Both ledgers are the merged customer's; answers of purposes the merge does not weigh move over
        // where the kept customer has none.
        c.execute("UPDATE consent_events SET customer_id = ?1 WHERE customer_id = ?2", [kept.0, absorbed.0])
            .ctx(what)?;
        // Messages sent to either are the merged customer's; one cause's message to both on a channel
        // stays once, the kept one's.
        c.execute("UPDATE OR IGNORE outbox SET customer_id = ?1 WHERE customer_id = ?2", [kept.0, absorbed.0])
            .ctx(what)?;
        c.execute(
            "UPDATE OR IGNORE consents SET customer_id = ?1 WHERE customer_id = ?2 AND purpose <> 'marketing'",
            [kept.0, absorbed.0],
        )
        .ctx(what)?;
        c.execute("UPDATE customers SET referred_by = ?1 WHERE referred_by = ?2", [&kept_id, &absorbed_id])
            .ctx(what)?;
        c.execute(
            "UPDATE customers SET referred_by = NULL WHERE id = ?1 AND referred_by = ?2",
            params![kept.0, kept_id],
        )
        .ctx(what)?;
        c.execute("UPDATE customer_aliases SET external_id = ?1 WHERE external_id = ?2", [&kept_id, &absorbed_id])
            .ctx(what)?;
        // What is left of the absorbed customer (an interaction both had, their score, tags, consents).
        c.execute("DELETE FROM customers WHERE id = ?1", [absorbed.0]).ctx(what)?;
        c.execute(
            "INSERT INTO customer_aliases (alias, external_id) VALUES (?1, ?2)
             ON CONFLICT (alias) DO UPDATE SET external_id = excluded.external_id",
            [&absorbed_id, &kept_id],
        )
        .ctx(what)?;
        self.customers.remove(&absorbed_id);
        Ok(())
    }

    fn delete_customer(&mut self, id: CustomerId) -> StoreResult<()> {
        let external_id = self.external_id_of(id)?;
        let what = "cannot delete a customer";
        let c = self.conn();
        c.execute("DELETE FROM orders WHERE customer_id = ?1", [id.0]).ctx(what)?;
        c.execute("UPDATE customers SET referred_by = NULL WHERE referred_by = ?1", [&external_id]).ctx(what)?;
        c.execute("DELETE FROM customer_aliases WHERE external_id = ?1", [&external_id]).ctx(what)?;
        c.execute("DELETE FROM customers WHERE id = ?1", [id.0]).ctx(what)?;
        self.customers.remove(&external_id);
        Ok(())
    }

    fn erase_customer(&mut self, id: CustomerId, anonymous_id: &str) -> StoreResult<()> {
        let external_id = self.external_id_of(id)?;
        let what = "cannot erase a customer";
        let c = self.conn();
        for statement in ladder_store::club_sql::erase_member("unixepoch()") {
            c.execute(&ladder_store::playbooks_sql::numbered(&statement), [id.0]).ctx(what)?;
        }
        c.execute(
            &format!("UPDATE customers SET external_id = ?2, {PERSONAL} WHERE id = ?1"),
            params![id.0, anonymous_id],
        )
        .ctx(what)?;
        c.execute("DELETE FROM customer_tags WHERE customer_id = ?1", [id.0]).ctx(what)?;
        c.execute("DELETE FROM consents WHERE customer_id = ?1", [id.0]).ctx(what)?;
        // The ledger's evidence is personal data too; the suppression entry keeps them out of mailings.
        c.execute("DELETE FROM consent_events WHERE customer_id = ?1", [id.0]).ctx(what)?;
        // What their messages were rendered with holds their name and purchases.
        c.execute("UPDATE outbox SET merged = NULL WHERE customer_id = ?1", [id.0]).ctx(what)?;
        // Notes are the customer's words; the interactions stay without them (one per time and kind).
        c.execute("UPDATE OR IGNORE interactions SET note = '' WHERE customer_id = ?1", [id.0]).ctx(what)?;
        c.execute("DELETE FROM interactions WHERE customer_id = ?1 AND note <> ''", [id.0]).ctx(what)?;
        c.execute("UPDATE customers SET referred_by = ?1 WHERE referred_by = ?2", [anonymous_id, &external_id])
            .ctx(what)?;
        c.execute("DELETE FROM customer_aliases WHERE external_id = ?1", [&external_id]).ctx(what)?;
        // The audit log keeps that something was done, not to whom nor what the person's data was.
        c.execute(
            "UPDATE audit_log SET target = ?1, detail = '{}' WHERE target = ?2 OR instr(detail, ?3) > 0",
            params![format!("customer:{anonymous_id}"), format!("customer:{external_id}"), audit_mention(&external_id)],
        )
        .ctx(what)?;
        self.customers.remove(&external_id);
        Ok(())
    }

    fn add_suppressions(&mut self, hashes: &[String], at: DateTime<Utc>) -> StoreResult<()> {
        let mut stmt = self
            .conn()
            .prepare_cached("INSERT OR IGNORE INTO suppressions (hash, created_at) VALUES (?1, ?2)")
            .ctx("cannot record a suppression")?;
        for hash in hashes {
            stmt.execute(params![hash, at.timestamp()]).ctx("cannot record a suppression")?;
        }
        Ok(())
    }

    fn suppressed(&mut self, hashes: &[String]) -> StoreResult<Vec<String>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT hash FROM suppressions WHERE hash = ?1")
            .ctx("cannot read the suppressions")?;
        let mut found = Vec::new();
        for hash in hashes {
            if stmt.exists([hash]).ctx("cannot read the suppressions")? {
                found.push(hash.clone());
            }
        }
        Ok(found)
    }
}
