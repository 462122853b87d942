-- Lease ids are drawn at random by the service (not guessable, not counting leases): the column
-- no longer generates them. Existing leases keep their ids.
ALTER TABLE lease ALTER COLUMN id DROP IDENTITY;
