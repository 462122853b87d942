-- What a pyATS testbed import needs to export the file faithfully again, one row per testbed:
-- the original key order of its blocks and the secret strings found outside typed secret columns.
CREATE TABLE testbed_file_layout (
    testbed_id   BIGINT PRIMARY KEY REFERENCES testbed (id) ON DELETE CASCADE,
    key_order    VARCHAR,
    secret_marks VARCHAR
);
