import pg from 'pg';

/** One statement a request sent, as the pg driver got it: its name when prepared, its text and its values. */
export interface SentStatement {
  name?: string;
  text: string;
  values: unknown[];
}

/**
 * The SQL statements sent to PostgreSQL while `run` runs, captured at the pg driver (every pool and connection goes
 * through `Client.prototype.query`, so the statements of the prepared-statement pool and TypeORM's alike). For counting
 * what one request costs (issue 18's benches) and for checking what it reads (hot-path spec); nothing else may run
 * meanwhile. `onStatement` sees each one as it is sent.
 */
export async function statementsDuring<T>(run: () => PromiseLike<T>, onStatement?: (s: SentStatement, n: number) => void): Promise<{ result: T; statements: SentStatement[] }> {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  const statements: SentStatement[] = [];
  proto.query = function (this: unknown, ...args: unknown[]) {
    const q = args[0] as string | { name?: string; text?: string; values?: unknown[] };
    const sent: SentStatement =
      typeof q === 'string' ? { text: q, values: (args[1] as unknown[] | undefined) ?? [] } : { ...(q?.name ? { name: q.name } : {}), text: q?.text ?? '', values: q?.values ?? [] };
    statements.push(sent);
    onStatement?.(sent, statements.length);
    return original.apply(this, args);
  };
  try {
    return { result: await run(), statements };
  } finally {
    proto.query = original;
  }
}
