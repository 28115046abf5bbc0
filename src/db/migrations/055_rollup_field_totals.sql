-- Issue 16 (scale): the coarse rollup (052) also keeps, for each commune, month and entry, its sum over every field,
-- under field_code '*' (a code no field may have: catalogue/core/validate.ts). The province's figures read a
-- commune's totals from these rows and only the plan's fields from the others (src/province/figures-store.ts
-- rollupSums), with the index below: at 10,000,000 dossiers a year of the province's sums reads 118,000 rows instead
-- of the whole table (docs/benchmarks-province.md, "The 10,000,000 run").
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

-- The province's sums read the rows of a few field codes ('*' and the plan's fields) over a span of months for every
-- commune of the province: this index gives exactly those rows (at 10,000,000 dossiers a year's sums 383 → 165 ms;
-- by the primary key, which leads with the commune, PostgreSQL scanned the whole table).
CREATE INDEX indicator_rollup_commune_field_month ON indicator_rollup_commune (field_code, month);
