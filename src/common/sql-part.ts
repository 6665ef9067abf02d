/**
 * A part another module adds to one of this module's statements (issue 18: one round trip for a view built from
 * several modules' tables): a scalar subquery over an SQL expression (usually the id of the row the statement reads),
 * answering json, and how that json becomes the row shape the owning module's own read returns. The SQL text is
 * written in the owning module's repository and handed out through its service, so SQL stays in `*.repository.ts`.
 */
export interface SqlPart<T> {
  sql: (key: string) => string;
  read: (json: unknown) => T;
}

/** A timestamp PostgreSQL wrote into json (`to_json`), as the Date the pg driver would have parsed (ms precision). */
export function jsonDate(value: unknown): Date {
  return new Date(value as string);
}

/** `jsonDate` for a column that may be null. */
export function jsonDateOrNull(value: unknown): Date | null {
  return value === null || value === undefined ? null : new Date(value as string);
}
