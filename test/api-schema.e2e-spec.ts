import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Issue 14, item 8: one contract between the API and the pages. The web front end's types (web/src/api/schema.d.ts)
 * are generated from the OpenAPI document, and every operation documents what it answers, so a changed route breaks
 * `tsc -p web/tsconfig.json` (run by the web build) instead of a page.
 */
const generate = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['scripts/api-generate.mjs', ...args], { encoding: 'utf8', env: { ...process.env, ...env } });

describe('the generated API types (npm run api:generate)', () => {
  it('web/src/api/schema.d.ts matches the OpenAPI document (run `npm run api:generate` after changing a route or a DTO)', () => {
    const res = generate(['--check']);
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
  });

  it('fails when the checked-in types are stale', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kk-api-schema-'));
    const file = join(dir, 'schema.d.ts');
    // a route the pages use, renamed as if it had moved
    writeFileSync(file, readFileSync('web/src/api/schema.d.ts', 'utf8').replace('"/api/v1/me/tasks"', '"/api/v1/me/todo"'));
    const res = generate(['--check'], { API_SCHEMA_FILE: file });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('run `npm run api:generate`');
  });
});

describe('the OpenAPI document at /docs-json', () => {
  let t: TestApp;
  let document: { paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>> };
  beforeAll(async () => {
    t = await startTestApp();
    const res = await t.http().get('/docs-json');
    expect(res.status).toBe(200);
    document = res.body;
  });
  afterAll(() => t?.close());

  it('documents a 2xx answer with a schema for every operation (204 alone has no body)', () => {
    const operations: string[] = [];
    const problems: string[] = [];
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const name = `${method.toUpperCase()} ${path}`;
        operations.push(name);
        const ok = Object.entries(operation.responses ?? {}).filter(([code]) => /^2\d\d$/.test(code));
        if (!ok.length) problems.push(`${name}: no 2xx response`);
        for (const [code, response] of ok) {
          if (code === '204') continue;
          const media = Object.entries(response.content ?? {});
          if (!media.length) problems.push(`${name}: ${code} has no content`);
          for (const [type, m] of media) if (!m.schema) problems.push(`${name}: ${code} ${type} has no schema`);
        }
      }
    }
    expect(operations.length).toBeGreaterThan(100);
    expect(problems).toEqual([]);
  });

  it('documents every parameter of every path (`{id}` in the path is a path parameter of the operation)', () => {
    const problems: string[] = [];
    for (const [path, item] of Object.entries(document.paths)) {
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const [method, operation] of Object.entries(item) as Array<[string, { parameters?: Array<{ in: string; name: string }> }]>) {
        const documented = (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
        for (const name of names) if (!documented.includes(name)) problems.push(`${method.toUpperCase()} ${path}: {${name}} is not documented`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('describes every answer: no empty schema and no property of unknown shape (an undecorated DTO, `string | null` without a type)', () => {
    type Schema = { type?: string; $ref?: string; properties?: Record<string, Schema>; additionalProperties?: unknown; items?: Schema; allOf?: unknown[]; oneOf?: unknown[]; anyOf?: unknown[]; enum?: unknown[] };
    const schemas = (document as unknown as { components: { schemas: Record<string, Schema> } }).components.schemas;
    const shapeless = (s: Schema): boolean =>
      !s.$ref && !s.allOf && !s.oneOf && !s.anyOf && !s.enum && (s.type === undefined || s.type === 'object') && !s.properties && s.additionalProperties === undefined;
    const problems: string[] = [];
    for (const [name, schema] of Object.entries(schemas)) {
      if (schema.type === 'object' && schema.properties && !Object.keys(schema.properties).length && schema.additionalProperties === undefined) problems.push(`${name} has no documented property`);
      for (const [property, p] of Object.entries(schema.properties ?? {})) {
        if (shapeless(p.type === 'array' && p.items ? p.items : p)) problems.push(`${name}.${property} has no type`);
      }
    }
    expect(Object.keys(schemas).length).toBeGreaterThan(100);
    expect(problems).toEqual([]);
  });

  it('is the document the generator reads (the same routes as the app serves)', async () => {
    const { offlineApiDocument } = await import('../src/common/offline-api-document.js');
    const offline = await offlineApiDocument();
    expect(Object.keys(offline.paths).sort()).toEqual(Object.keys(document.paths).sort());
    expect(JSON.stringify(offline.components)).toBe(JSON.stringify((document as unknown as { components: unknown }).components));
  });
});
