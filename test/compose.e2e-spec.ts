import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = resolve(import.meta.dirname, '..');
const hasCompose = spawnSync('docker-compose', ['version'], { encoding: 'utf8' }).status === 0;
// CI installs Debian's docker-compose (.ci/run), so there a missing command is a failure, not a skip.
const run = hasCompose || process.env.CI ? describe : describe.skip;

function compose(args: string[], file = join(ROOT, 'docker-compose.yml')) {
  return spawnSync('docker-compose', ['-f', file, '--project-directory', ROOT, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
  });
}

run('docker-compose.yml and the Dockerfile (issue 3, item 1)', () => {
  it('docker-compose config accepts the file', () => {
    const res = compose(['config', '-q']);
    expect(res.error).toBeUndefined();
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
  });

  it('describes PostgreSQL 15, the app built from the Dockerfile with a database URL and SMTP, and a mail catcher', () => {
    const res = compose(['config']);
    expect(res.status).toBe(0);
    const config = parse(res.stdout) as { services: Record<string, Record<string, any>> };
    const { db, app, mail } = config.services;
    expect(db.image).toMatch(/^postgres:15\b/);
    expect(mail.image).toMatch(/^axllent\/mailpit:/);
    expect(app.build.dockerfile).toBe('Dockerfile');
    expect(app.environment.DATABASE_URL).toMatch(/^postgres:\/\/ketenkluis:[^@]+@db:5432\/ketenkluis$/);
    expect(app.environment.SMTP_URL).toBe('smtp://mail:1025');
    expect(app.environment.NODE_ENV).toBe('production');
    // Secrets have no defaults in production: unset in the shell, unset in the container.
    for (const secret of ['JWT_SECRET', 'KETENKLUIS_MASTER_KEY', 'KETENKLUIS_BLIND_INDEX_KEY', 'KETENKLUIS_AUDIT_SIGNING_KEY']) {
      expect(app.environment[secret] ?? null, secret).toBeNull();
    }
    expect(app.depends_on.db.condition).toBe('service_healthy');
  });

  it('the validation does catch a broken file (so the check above can fail)', () => {
    const broken = join(mkdtempSync(join(tmpdir(), 'ketenkluis-compose-')), 'docker-compose.yml');
    writeFileSync(broken, readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8').replace('  db:\n', '  db:\n    restart_policy_typo: always\n'));
    const res = compose(['config', '-q'], broken);
    expect(res.status).not.toBe(0);
    expect(res.stderr).toMatch(/restart_policy_typo/);
  });

  it('the Dockerfile builds in stages on Node 22 with npm ci and npm run build, and runs as a non-root user', () => {
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    const from = [...dockerfile.matchAll(/^FROM\s+(\S+)/gm)].map((m) => m[1]);
    expect(from.length).toBeGreaterThanOrEqual(2);
    for (const image of from) expect(image).toMatch(/^node:22\b/);
    expect(dockerfile).toMatch(/^RUN npm ci\b/m);
    expect(dockerfile).toMatch(/npm run build/);
    expect(dockerfile).toMatch(/^COPY --from=build\b/m);
    const users = [...dockerfile.matchAll(/^USER\s+(\S+)/gm)].map((m) => m[1]);
    expect(users.at(-1)).toBeDefined();
    expect(users.at(-1)).not.toMatch(/^(root|0)$/);
    const ignore = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n');
    for (const entry of ['node_modules', '.data', '.git', '.env']) expect(ignore).toContain(entry);
  });
});
