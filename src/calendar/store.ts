// Calendar: SQL edge. The deadline engine reads only the calendar table (domain.md §7.1): rows for the
// national, province and commune scopes, generated from the rules and official schedules for a window of
// years at every start, and editable by an administrator (edited rows are never overwritten; every edit is recorded
// in the admin audit trail).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { generateYear, isSupportedYear } from './core/rules.ts';
import type { CalendarDay } from './core/days.ts';
import { WorkCalendar, DEFAULT_OFFICE_HOURS } from './core/working-time.ts';
import { TtlCache } from '../shared/ttl-cache.ts';
import type { CalendarScope, Principal } from '../identity/core/principal.ts';
import { recordAdminChange } from '../audit/store.ts';

type Db = Kysely<Database>;

/** Years kept generated in the table around the current year. */
export const CALENDAR_WINDOW = { before: 3, after: 5 } as const;

/** Writes the generated national days of the window; rows an administrator edited are left alone. */
export async function seedCalendar(db: Db, now = new Date()): Promise<void> {
  const year = now.getUTCFullYear();
  await db.transaction().execute(async (trx) => {
    for (let y = year - CALENDAR_WINDOW.before; y <= year + CALENDAR_WINDOW.after; y++) {
      const days = generateYear(y).filter((d) => d.scope === 'national');
      if (days.length) {
        await trx
          .insertInto('calendar_days')
          .values(days.map((d) => ({ scope: 'national' as const, scope_id: '', date: d.date, type: d.type, name: d.name, source: d.source })))
          .onConflict((oc) =>
            oc.columns(['scope', 'scope_id', 'date']).doUpdateSet((eb) => ({
              type: eb.ref('excluded.type'),
              name: eb.ref('excluded.name'),
              source: eb.ref('excluded.source'),
            })).where('calendar_days.updated_by', 'is', null),
          )
          .execute();
      }
      let del = trx
        .deleteFrom('calendar_days')
        .where('scope', '=', 'national')
        .where('updated_by', 'is', null)
        .where('date', '>=', `${y}-01-01`)
        .where('date', '<=', `${y}-12-31`);
      if (days.length) del = del.where('date', 'not in', days.map((d) => d.date));
      await del.execute();
    }
  });
}

/** The commune's id and province (the scopes of its calendar's rows); undefined for an unknown commune. */
export async function communeScopes(db: Db, communeId: string) {
  return db.selectFrom('communes').select(['id', 'province']).where('id', '=', communeId).executeTakeFirst();
}

/** The exceptional days that apply to a commune (national + its province + its own), merged by scope. */
export async function calendarDays(db: Db, communeId: string, from?: string, to?: string): Promise<CalendarDay[]> {
  const commune = await db.selectFrom('communes').select(['province']).where('id', '=', communeId).executeTakeFirst();
  let q = db
    .selectFrom('calendar_days')
    .select(['date', 'type', 'name', 'source', 'scope'])
    .where((eb) =>
      eb.or([
        eb('scope', '=', 'national'),
        eb.and([eb('scope', '=', 'province'), eb('scope_id', '=', commune?.province ?? '')]),
        eb.and([eb('scope', '=', 'commune'), eb('scope_id', '=', communeId)]),
      ]),
    );
  if (from) q = q.where('date', '>=', from);
  if (to) q = q.where('date', '<=', to);
  return q.orderBy('date').execute();
}

const calendars = new TtlCache<WorkCalendar>(60_000);

/** The commune's working calendar (its office hours and days), cached for a minute; edits clear it
 *  (forgetCalendars, after their commit). */
export function workCalendarFor(db: Db, communeId: string): Promise<WorkCalendar> {
  return calendars.get(communeId, async () => {
    const commune = await db.selectFrom('communes').select(['office_hours']).where('id', '=', communeId).executeTakeFirst();
    const days = await calendarDays(db, communeId);
    const periods = commune?.office_hours ?? DEFAULT_OFFICE_HOURS.periods;
    const years = new Set(days.map((d) => Number(d.date.slice(0, 4))));
    // Years outside the stored window fall back to the generated rules rather than to "no holidays".
    return new WorkCalendar(days, { ...DEFAULT_OFFICE_HOURS, periods }, (y) => (years.has(y) || !isSupportedYear(y) ? [] : generateYear(y)));
  });
}

export function forgetCalendars() {
  calendars.clear();
}

const AUDIT_SCOPE = { national: 'shared', province: 'province', commune: 'commune' } as const;

/** Sets (adds or replaces) a day of a scope's calendar, marked as edited by `actor` (never overwritten by the
 *  generator), and records it in the admin audit trail in the same transaction. Who may edit which scope is the
 *  caller's check (editableCalendarScopes, identity/core/principal.ts). */
export async function setDay(
  db: Db, actor: Principal,
  v: { scope: CalendarScope; scopeId: string; date: string; type: CalendarDay['type']; name: string; source: string },
) {
  const before = await db
    .selectFrom('calendar_days')
    .select(['type', 'name', 'source'])
    .where('scope', '=', v.scope).where('scope_id', '=', v.scopeId).where('date', '=', v.date)
    .executeTakeFirst();
  await db
    .insertInto('calendar_days')
    .values({ scope: v.scope, scope_id: v.scopeId, date: v.date, type: v.type, name: v.name, source: v.source, updated_by: actor.id })
    .onConflict((oc) =>
      oc.columns(['scope', 'scope_id', 'date']).doUpdateSet({ type: v.type, name: v.name, source: v.source, updated_by: actor.id }),
    )
    .execute();
  const scope = AUDIT_SCOPE[v.scope];
  await recordAdminChange(db, actor, {
    action: 'calendar.set_day', scope, scopeId: scope === 'shared' ? '' : v.scopeId, objectType: 'calendar_day',
    objectId: `${v.scope}:${v.scopeId}:${v.date}`, objectLabel: `Ngày ${v.date.slice(8, 10)}/${v.date.slice(5, 7)}/${v.date.slice(0, 4)}`,
    before: before ?? null, after: { type: v.type, name: v.name, source: v.source },
  });
}
