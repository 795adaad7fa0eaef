-- A dossier (and each of its alert episodes) is listed under the unit that received it and the unit
-- holding it now. The lists asked "unit_code IN units OR current_unit_code IN units", and ClickHouse
-- combines two set indexes for such a disjunction slowly (about 40 ms a query over 10 million
-- dossiers). listed_units holds both codes in one column: a single bloom filter per granule answers
-- hasAny(listed_units, units) in one pass. MATERIALIZED: computed by ClickHouse on insert, so the
-- writers do not change, and left out of SELECT *.
ALTER TABLE dossiers ADD COLUMN IF NOT EXISTS listed_units Array(LowCardinality(String))
    MATERIALIZED arrayDistinct([unit_code, current_unit_code]);
ALTER TABLE dossiers ADD INDEX IF NOT EXISTS idx_listed_units listed_units TYPE bloom_filter(0.01) GRANULARITY 1;
ALTER TABLE dossiers MATERIALIZE COLUMN listed_units;
ALTER TABLE dossiers MATERIALIZE INDEX idx_listed_units;
ALTER TABLE alerts ADD COLUMN IF NOT EXISTS listed_units Array(LowCardinality(String))
    MATERIALIZED arrayDistinct([unit_code, current_unit_code]);
ALTER TABLE alerts ADD INDEX IF NOT EXISTS idx_listed_units listed_units TYPE bloom_filter(0.01) GRANULARITY 1;
ALTER TABLE alerts MATERIALIZE COLUMN listed_units;
ALTER TABLE alerts MATERIALIZE INDEX idx_listed_units;
