-- Whom a customer brought, on their page: the customers referred by them, found by an index.
CREATE INDEX customers_by_referrer ON customers (referred_by) WHERE referred_by IS NOT NULL;
