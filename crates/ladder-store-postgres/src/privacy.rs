//! Merging, deleting and erasing customers; aliases and suppression entries.

use crate::tx::PgTx;
use chrono::{DateTime, Utc};
use ladder_store::{CustomerId, PrivacyTx, StoreError, StoreResult};
use std::collections::HashMap;

/// The profile columns an erasure clears (country and the date the customer became known stay, for
/// the shop's figures).
const PERSONAL: &str = "kind = NULL, first_name = NULL, last_name = NULL, company = NULL, industry = NULL, email = NULL, \
     phone = NULL, address = NULL, city = NULL, region = NULL, birthday = NULL, profession = NULL, income_band = NULL, \
     preferred_language = NULL, preferred_channel = NULL, referred_by = NULL, attributes = NULL";

/// Unix seconds now, as the club's columns keep time.
const UNIX_NOW: &str = "CAST(EXTRACT(EPOCH FROM now()) AS BIGINT)";

impl PgTx {
    fn external_id_of(&mut self, id: CustomerId) -> StoreResult<String> {
        self.query_opt("SELECT external_id FROM customers WHERE id = $1", &[&id.0], "cannot read a customer")?
            .map(|r| r.get(0))
            .ok_or_else(|| StoreError::NotFound(format!("customer #{}", id.0)))
    }
}

impl PrivacyTx for PgTx {
    fn aliases(&mut self) -> StoreResult<HashMap<String, String>> {
        let rows = self.query("SELECT alias, external_id FROM customer_aliases", &[], "cannot read the aliases")?;
        Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
    }

    fn merge_customers(&mut self, kept: CustomerId, absorbed: CustomerId) -> StoreResult<()> {
        let (kept_id, absorbed_id) = (self.external_id_of(kept)?, self.external_id_of(absorbed)?);
        let what = "cannot merge two customers";
        self.execute("UPDATE orders SET customer_id = $1 WHERE customer_id = $2", &[&kept.0, &absorbed.0], what)?;
        for statement in ladder_store::club_sql::merge_members(UNIX_NOW) {
            self.execute(&statement, &[&kept.0, &absorbed.0], what)?;
        }
        // An interaction both had stays once: the absorbed one's copy goes with them.
        self.execute(
            "UPDATE interactions i SET customer_id = $1 WHERE i.customer_id = $2 AND NOT EXISTS (
                 SELECT 1 FROM interactions k WHERE k.customer_id = $1 AND k.at = i.at AND k.kind = i.kind AND k.note = i.note)",
            &[&kept.0, &absorbed.0],
            what,
        )?;
        self.execute(
            "UPDATE ladder_history SET customer_id = $1 WHERE customer_id = $2",
            &[&kept.0, &absorbed.0],
            what,
        )?;
        // Both ledgers are the merged customer's; answers of purposes the merge does not weigh move over
        // where the kept customer has none.
        self.execute(
            "UPDATE consent_events SET customer_id = $1 WHERE customer_id = $2",
            &[&kept.0, &absorbed.0],
            what,
        )?;
        // Messages sent to either are the merged customer's; one cause's message to both on a channel
        // stays once, the kept one's.
        self.execute(
            "UPDATE outbox o SET customer_id = $1 WHERE o.customer_id = $2 AND NOT EXISTS (
                 SELECT 1 FROM outbox k WHERE k.customer_id = $1 AND k.cause = o.cause AND k.channel = o.channel)",
            &[&kept.0, &absorbed.0],
            what,
        )?;
        self.execute(
            "UPDATE consents a SET customer_id = $1 WHERE a.customer_id = $2 AND a.purpose <> 'marketing' AND NOT EXISTS (
                 SELECT 1 FROM consents k WHERE k.customer_id = $1 AND k.channel = a.channel AND k.purpose = a.purpose)",
            &[&kept.0, &absorbed.0],
            what,
        )?;
        self.execute("UPDATE customers SET referred_by = $1 WHERE referred_by = $2", &[&kept_id, &absorbed_id], what)?;
        self.execute(
            "UPDATE customers SET referred_by = NULL WHERE id = $1 AND referred_by = $2",
            &[&kept.0, &kept_id],
            what,
        )?;
        self.execute(
            "UPDATE customer_aliases SET external_id = $1 WHERE external_id = $2",
            &[&kept_id, &absorbed_id],
            what,
        )?;
        self.execute("DELETE FROM interactions WHERE customer_id = $1", &[&absorbed.0], what)?;
        self.execute("DELETE FROM customers WHERE id = $1", &[&absorbed.0], what)?;
        self.execute(
            "INSERT INTO customer_aliases (alias, external_id) VALUES ($1, $2)
             ON CONFLICT (alias) DO UPDATE SET external_id = excluded.external_id",
            &[&absorbed_id, &kept_id],
            what,
        )?;
        self.customers.remove(&absorbed_id);
        Ok(())
    }

    fn delete_customer(&mut self, id: CustomerId) -> StoreResult<()> {
        let external_id = self.external_id_of(id)?;
        let what = "cannot delete a customer";
        self.execute("DELETE FROM orders WHERE customer_id = $1", &[&id.0], what)?;
        self.execute("UPDATE customers SET referred_by = NULL WHERE referred_by = $1", &[&external_id], what)?;
        self.execute("DELETE FROM customer_aliases WHERE external_id = $1", &[&external_id], what)?;
        self.execute("DELETE FROM customers WHERE id = $1", &[&id.0], what)?;
        self.customers.remove(&external_id);
        Ok(())
    }

    fn erase_customer(&mut self, id: CustomerId, anonymous_id: &str) -> StoreResult<()> {
        let external_id = self.external_id_of(id)?;
        let what = "cannot erase a customer";
        for statement in ladder_store::club_sql::erase_member(UNIX_NOW) {
            self.execute(&statement, &[&id.0], what)?;
        }
        self.execute(
            &format!("UPDATE customers SET external_id = $2, {PERSONAL} WHERE id = $1"),
            &[&id.0, &anonymous_id],
            what,
        )?;
        self.execute("DELETE FROM customer_tags WHERE customer_id = $1", &[&id.0], what)?;
        self.execute("DELETE FROM consents WHERE customer_id = $1", &[&id.0], what)?;
        // The ledger's evidence is personal data too; the suppression entry keeps them out of mailings.
        self.execute("DELETE FROM consent_events WHERE customer_id = $1", &[&id.0], what)?;
        // What their messages were rendered with holds their name and purchases.
        self.execute("UPDATE outbox SET merged = NULL WHERE customer_id = $1", &[&id.0], what)?;
        // Notes are the customer's words; the interactions stay without them (one per time and kind).
        self.execute(
            "DELETE FROM interactions i WHERE i.customer_id = $1 AND i.note <> '' AND EXISTS (
                 SELECT 1 FROM interactions k WHERE k.customer_id = $1 AND k.at = i.at AND k.kind = i.kind
                   AND (k.note = '' OR k.id < i.id))",
            &[&id.0],
            what,
        )?;
        self.execute("UPDATE interactions SET note = '' WHERE customer_id = $1", &[&id.0], what)?;
        self.execute(
            "UPDATE customers SET referred_by = $1 WHERE referred_by = $2",
            &[&anonymous_id, &external_id],
            what,
        )?;
        self.execute("DELETE FROM customer_aliases WHERE external_id = $1", &[&external_id], what)?;
        // The audit log keeps that something was done, not to whom nor what the person's data was.
        let mention = format!("\"customer_id\":{}", serde_json::Value::from(external_id.as_str()));
        self.execute(
            "UPDATE audit_log SET target = $1, detail = '{}' WHERE target = $2 OR strpos(detail, $3) > 0",
            &[&format!("customer:{anonymous_id}"), &format!("customer:{external_id}"), &mention],
            what,
        )?;
        self.customers.remove(&external_id);
        Ok(())
    }

    fn add_suppressions(&mut self, hashes: &[String], at: DateTime<Utc>) -> StoreResult<()> {
        self.execute(
            "INSERT INTO suppressions (hash, created_at) SELECT unnest($1::text[]), $2 ON CONFLICT (hash) DO NOTHING",
            &[&hashes, &at.timestamp()],
            "cannot record a suppression",
        )
        .map(drop)
    }

    fn suppressed(&mut self, hashes: &[String]) -> StoreResult<Vec<String>> {
        let rows = self.query(
            "SELECT hash FROM suppressions WHERE hash = ANY($1)",
            &[&hashes],
            "cannot read the suppressions",
        )?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }
}
