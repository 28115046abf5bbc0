// Kysely table types of petitions (src/db/migrations/011_petitions.sql), joined into Database (src/db/schema.ts).
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export type PetitionChannel = 'portal' | 'counter' | 'phone' | 'mail' | 'forwarded';
export type PetitionEventType = 'received' | 'assigned' | 'refused' | 'asked_more' | 'answered' | 'published' | 'reaction' | 'repeated';
export type Reaction = 'like' | 'dislike';

export interface PetitionsTable {
  id: Generated<string>;
  commune_id: string;
  reference: string;
  procedure_code: string | null;
  dossier_code: string | null;
  dossier_id: string | null;
  about_staff: string | null;
  content: string;
  petitioner_name: string;
  petitioner_contact: string | null;
  channel: PetitionChannel;
  received_at: Timestamp;
  unit_id: number | null;
  assignee_id: number | null;
  refused_at: Timestamp | null;
  refuse_reason: string | null;
  asked_more_at: Timestamp | null;
  answered_at: Timestamp | null;
  answer: string | null;
  published_at: Timestamp | null;
  repeated_dissatisfied: Generated<boolean>;
}

export interface PetitionEventsTable {
  id: Generated<string>;
  petition_id: string;
  type: PetitionEventType;
  at: Timestamp;
  actor_id: number | null;
  note: string | null;
}

export interface PetitionReactionsTable {
  petition_id: string;
  voter_hash: string;
  reaction: Reaction;
  at: Timestamp;
}

export interface PetitionTables {
  petitions: PetitionsTable;
  petition_events: PetitionEventsTable;
  petition_reactions: PetitionReactionsTable;
}
