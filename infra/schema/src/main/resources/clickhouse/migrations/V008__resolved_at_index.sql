-- The late and at-risk lists ask which episodes hold at an instant: raised by then and not resolved
-- by then. Most episodes ever raised were resolved long ago, and alerts is ordered by dossier id,
-- which in practice starts with the receiving unit and the receipt date, so a granule's episodes
-- were raised and resolved within a few weeks of each other. A min-max index on resolved_at lets
-- such a query skip the granules whose episodes were all resolved before the instant (a third of
-- them over the benchmark's ten million dossiers, more in a province whose old dossiers are closed).
ALTER TABLE alerts ADD INDEX IF NOT EXISTS idx_resolved_at resolved_at TYPE minmax GRANULARITY 1;
ALTER TABLE alerts MATERIALIZE INDEX idx_resolved_at;
