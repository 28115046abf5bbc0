-- The satisfaction ratings of a period (bench:province, docs/benchmarks-province.md): ratingSummary() (ratings/store.ts,
-- each commune's row of the province dashboard and its public page), satisfactionByOfficer() (ratings/kiosk-store.ts,
-- the commune dashboard) and the commune's public figures filter ratings by created_at and join dossiers by commune.
-- Without an index on created_at each of those reads every rating of the province (a sequential scan, 200 times per
-- province view). With it, the period's ratings are an index-only range (dossier_id and overall included); measured at
-- 1,000,000 dossiers, one commune: month 257 → 11 ms, year 420 → 104 ms.
CREATE INDEX IF NOT EXISTS ratings_created_at ON ratings (created_at) INCLUDE (dossier_id, overall);
