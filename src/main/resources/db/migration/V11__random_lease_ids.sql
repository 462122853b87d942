-- Lease ids are drawn at random by the service (not guessable, not counting leases): the column
-- no longer generates them. Existing leases keep their ids.
ALTER TABLE lease ALTER COLUMN id DROP IDENTITY;
-- Listings are newest first by grant time now that ids carry no order.
CREATE INDEX ix_lease_granted ON lease (granted_at);
