-- Issue 16 (scale): the coarse rollup (052) also keeps, for each commune, month and entry, its sum over every field,
-- under field_code '*' (a code no field may have: catalogue/core/validate.ts). The province's figures read a
-- commune's totals from these rows and only the plan's fields from the others (src/province/figures-store.ts
-- rollupSums): at 1,000,000 dossiers a year of the province is about 49,000 rows over every field against 268,000
-- by field (docs/benchmarks-province.md, "Rows over every field").
--
-- Kept EXACTLY equal, with the by-field rows, to
--   SELECT commune_id, month, kind, coalesce(field_code, '*'), received_month, label, complained, sum(n)
--   FROM indicator_rollup GROUP BY GROUPING SETS ((commune_id, month, kind, field_code, received_month, label, complained),
--                                                 (commune_id, month, kind, received_month, label, complained))
-- by the only writer, src/indicators/rollup-store.ts (the same statement writes both; test/indicators/rollup-commune.db.test.ts).
-- Row security: the table's policy (052) already covers them (a row belongs to its commune).
INSERT INTO indicator_rollup_commune (commune_id, month, kind, field_code, received_month, label, complained, n)
SELECT commune_id, month, kind, '*', received_month, label, complained, sum(n)::int
  FROM indicator_rollup
 GROUP BY commune_id, month, kind, received_month, label, complained;
