import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { unreachableForPostgresUser } from './embedded-postgres.js';

describe('unreachableForPostgresUser (as root the server runs as the postgres user)', () => {
  const base = mkdtempSync(join(tmpdir(), 'kk-reach-'));
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('names the first directory others may not enter, for existing and not yet created paths', () => {
    chmodSync(base, 0o755);
    const closed = join(base, 'closed');
    mkdirSync(join(closed, 'inner'), { recursive: true });
    chmodSync(closed, 0o700);
    expect(unreachableForPostgresUser([join(closed, 'inner')])).toBe(closed);
    expect(unreachableForPostgresUser([join(closed, 'inner', 'pg', 'not-yet')])).toBe(closed);
    chmodSync(closed, 0o701);
    expect(unreachableForPostgresUser([join(closed, 'inner', 'pg')])).toBeUndefined();
  });

  it('checks every path it is given', () => {
    const open = join(base, 'open');
    const shut = join(base, 'shut');
    mkdirSync(open);
    mkdirSync(shut, { mode: 0o700 });
    chmodSync(shut, 0o700);
    expect(unreachableForPostgresUser([open, join(shut, 'x')])).toBe(shut);
  });
});
