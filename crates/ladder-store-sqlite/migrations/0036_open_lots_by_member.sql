-- A member's open lots (what a redemption draws from) read from one index alone: before, every row of
-- the member's ledger was looked up in the table to see whether points were left in it.
CREATE INDEX club_ledger_open_lots ON club_ledger (customer_id, id, remaining, available_on, expires_on)
    WHERE remaining > 0;
