// The exceptional days of the working calendar (migration 001): national, province and commune scopes.
import type { Generated } from 'kysely';


export interface CalendarDaysTable {
  scope: 'national' | 'province' | 'commune';
  scope_id: Generated<string>;
  date: string;
  type: 'WORKDAY' | 'WEEKEND' | 'HOLIDAY' | 'COMPENSATORY_OFF' | 'SWAPPED_WORKDAY';
  name: string;
  source: string;
  updated_by: number | null;
}

export interface CalendarTables {
  calendar_days: CalendarDaysTable;
}
