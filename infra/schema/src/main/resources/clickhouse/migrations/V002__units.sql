-- The unit catalog, for analysts' joins: ancestors lists every unit above (by parentCode).
CREATE TABLE IF NOT EXISTS units
(
    code           String,
    name           String,
    level          LowCardinality(String),
    parent_code    String,
    valid_from     Nullable(Date),
    valid_to       Nullable(Date),
    successor_code String,
    ancestors      Array(String),
    version        UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY code;
