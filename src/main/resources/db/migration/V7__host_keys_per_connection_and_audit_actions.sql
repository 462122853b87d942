-- SSH host keys are pinned per connection definition (they were pinned per host:port): a key
-- follows its definition through renames and goes with it. Existing pins are kept for every ssh
-- definition that points at their endpoint. Audit events are listed by action.
CREATE TABLE connection_host_key (
    connection_id BIGINT       NOT NULL PRIMARY KEY
                  REFERENCES connection_definition (id) ON DELETE CASCADE,
    endpoint      VARCHAR(600) NOT NULL,
    key_type      VARCHAR(100),
    fingerprint   VARCHAR(200) NOT NULL,
    first_seen    TIMESTAMP WITH TIME ZONE NOT NULL
);

INSERT INTO connection_host_key (connection_id, endpoint, key_type, fingerprint, first_seen)
SELECT c.id, k.endpoint, k.key_type, k.fingerprint, k.first_seen
FROM connection_definition c
JOIN known_host_key k
  ON k.endpoint = c.host || ':' || CAST(COALESCE(c.port, 22) AS VARCHAR(10))
WHERE LOWER(c.protocol) = 'ssh';

DROP TABLE known_host_key;

CREATE INDEX ix_audit_action ON audit_event (action, occurred_at);
