// The default rule set as seeded by src/db/migrations/015_kpi.sql (read from the migration, so tests and data agree).
import fs from 'node:fs';
import { parseRules, type KpiRules } from '../../src/kpi/core/rules.ts';

const sqlText = fs.readFileSync(new URL('../../src/db/migrations/015_kpi.sql', import.meta.url), 'utf8');
const json = /\$json\$([\s\S]*?)\$json\$/.exec(sqlText)![1]!;

export const SEEDED: KpiRules = parseRules(JSON.parse(json));
export const rules = (over: Partial<KpiRules> = {}): KpiRules => ({ ...structuredClone(SEEDED), ...over });
