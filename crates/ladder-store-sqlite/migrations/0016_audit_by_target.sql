-- A customer's page shows the changes made to them (their consents, with who and when): the audit log
-- read by what it is about.
CREATE INDEX audit_log_by_target ON audit_log (target, id);
