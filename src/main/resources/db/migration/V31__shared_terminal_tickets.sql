-- Terminal WebSocket tickets in the database, so that a ticket issued by one instance opens a
-- terminal on any other. Only a SHA-256 hash of each ticket is kept; redeeming deletes the row.
CREATE TABLE terminal_ticket (
    ticket_hash VARCHAR(64) NOT NULL PRIMARY KEY,
    token_id    BIGINT      NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT fk_terminal_ticket_token FOREIGN KEY (token_id) REFERENCES api_token (id)
        ON DELETE CASCADE
);

CREATE INDEX ix_terminal_ticket_expires ON terminal_ticket (expires_at);

-- Every instance asks for recently revoked tokens each second (cached checks end at once).
CREATE INDEX ix_api_token_revoked ON api_token (revoked_at);
