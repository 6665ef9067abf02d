import { statementsDuring } from '../support/statements.js';
import type { Bench } from './harness.js';

/**
 * The to-do list (issue 14, item 1) for a person with 200 open items: a Kerngroep seat holder (Metaalbond, the
 * unions' fixed seat) with 200 art-22 requests awaiting the vote. Reports the SQL statements one request sends —
 * counted at the driver, every `Client.query`, the audit entry's transaction included — before and after the 200
 * items (the same: bounded), and the latency as a ratio to `GET /api/v1/me` for the same person.
 */
const ITEMS = 200;

export const benches: Bench[] = [
  {
    name: 'tasks to-do list',
    async run(ctx) {
      const app = await ctx.startApp({ database: 'demo', env: { SCHEDULER: 'off' } });
      try {
        const voter = await app.login('metaalbond@demo.ketenkluis.test');
        const get = async (path: string): Promise<any> => {
          const res = await fetch(`${app.url}${path}`, { headers: { authorization: `Bearer ${voter}` } });
          if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
          return res.json();
        };
        // statements per request, counted at the pg driver (nothing else runs: scheduler and mail worker off)
        const count = async (path: string) => (await statementsDuring(() => get(path))).statements.length;
        const fewItems = (await get('/api/v1/me/tasks')).total;
        const fewStatements = await count('/api/v1/me/tasks');

        const partner = await app.login('kivu-mining-watch@demo.ketenkluis.test');
        for (let i = 0; i < ITEMS; i++) {
          const res = await fetch(`${app.url}/api/v1/cases`, {
            method: 'POST',
            headers: { authorization: `Bearer ${partner}`, 'content-type': 'application/json' },
            body: JSON.stringify({ type: 'disclosure', grounds: `Risk report ${i}: unsafe working conditions reported at cobalt pits`, scope: { countries: ['CD'], rawMaterials: ['cobalt'] } }),
          });
          if (res.status !== 201) throw new Error(`creating a case failed: ${res.status} ${await res.text()}`);
        }
        const tasks = await get('/api/v1/me/tasks');
        const votes = tasks.items.filter((x: { kind: string }) => x.kind === 'vote').length;
        if (votes < ITEMS) throw new Error(`expected ${ITEMS} vote tasks, got ${votes}`);

        const tasksStatements = await count('/api/v1/me/tasks');
        const meStatements = await count('/api/v1/me');
        ctx.report(`tasks: SQL statements for GET /me/tasks with ${fewItems} open items`, fewStatements, 'statements', { value: fewStatements / meStatements, to: `GET /me (${meStatements} statements)` });
        ctx.report(`tasks: SQL statements for GET /me/tasks with ${tasks.total} open items`, tasksStatements, 'statements', { value: tasksStatements / meStatements, to: `GET /me (${meStatements} statements)` });

        const time = async (path: string, n: number) => {
          for (let i = 0; i < 3; i++) await get(path);
          const t0 = performance.now();
          for (let i = 0; i < n; i++) await get(path);
          return (performance.now() - t0) / n;
        };
        const me = await time('/api/v1/me', 50);
        const todo = await time('/api/v1/me/tasks', 50);
        ctx.report(`tasks: GET /me/tasks with ${tasks.total} open items, mean latency`, Number(todo.toFixed(2)), 'ms', { value: Number((todo / me).toFixed(2)), to: `GET /me (${me.toFixed(2)} ms)` });
      } finally {
        await app.close();
      }
    },
  },
];
