-- An API token may carry an expiry: past it the token lets nobody in.
ALTER TABLE api_tokens ADD COLUMN expires_at INTEGER;
