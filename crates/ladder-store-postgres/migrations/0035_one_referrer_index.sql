-- The index of who referred whom was there twice (migrations 1 and 12); one goes.
DROP INDEX customers_by_referrer;
