import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { defaultWebRoot } from '../../src/web/web-front-end.js';
import type { Bench } from './harness.js';

/**
 * The web front end (issue 8): what a local partner on a slow line downloads first, and how long the case list
 * takes to show on the demo data, in Debian's Chromium (the same browser as the browser tests).
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const gz = (path: string) => (existsSync(`${path}.gz`) ? statSync(`${path}.gz`).size : gzipSync(readFileSync(path), { level: 9 }).length);

export const benches: Bench[] = [
  {
    name: 'web initial bundle',
    async run(ctx) {
      const root = defaultWebRoot();
      const html = readFileSync(join(root, 'index.html'), 'utf8');
      // what index.html loads before anything renders: its module script(s), preloads and stylesheet(s)
      const initial = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
      const initialJs = initial.filter((f) => f.endsWith('.js')).reduce((n, f) => n + gz(join(root, f)), 0);
      const initialCss = initial.filter((f) => f.endsWith('.css')).reduce((n, f) => n + gz(join(root, f)), 0);
      const allJs = readdirSync(join(root, 'assets'))
        .filter((f) => f.endsWith('.js'))
        .reduce((n, f) => n + gz(join(root, 'assets', f)), 0);
      ctx.report('web: initial JS bundle, gzipped', initialJs, 'bytes', { value: initialJs / allJs, to: 'all JS chunks of every user group' });
      ctx.report('web: initial CSS, gzipped', initialCss, 'bytes');
      // Issue 14: main.tsx loads the common catalog of the page's language before the first paint (one chunk per
      // language; French and Spanish load their English fallback after it). With the i18n library in the initial JS,
      // the first paint must stay under 100 kB of gzipped JS.
      const catalog = (language: string) => {
        const file = readdirSync(join(root, 'assets')).find((f) => new RegExp(`^${language}-[\\w-]+\\.js$`).test(f));
        return file ? gz(join(root, 'assets', file)) : 0;
      };
      const budget = 100 * 1024;
      for (const language of ['nl', 'fr']) {
        const firstPaint = initialJs + catalog(language);
        ctx.report(`web: JS before the first paint in ${language} (initial bundle with i18next + the ${language} catalog), gzipped`, firstPaint, 'bytes', {
          value: firstPaint / budget,
          to: 'the 100 kB budget',
        });
      }
    },
  },
  {
    name: 'web case list',
    async run(ctx) {
      const app = await ctx.startApp({ database: 'demo' });
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-dev-shm-usage'],
      });
      try {
        // a realistic list: 30 art-22 requests on the demo sector, filed as a local partner files them
        const partner = await app.login('kivu-mining-watch@demo.ketenkluis.test');
        for (let i = 0; i < 30; i++) {
          const res = await fetch(`${app.url}/api/v1/cases`, {
            method: 'POST',
            headers: { authorization: `Bearer ${partner}`, 'content-type': 'application/json' },
            body: JSON.stringify({ type: 'disclosure', grounds: `Risk report ${i}: unsafe working conditions reported at cobalt pits`, scope: { countries: ['CD'], rawMaterials: ['cobalt'] } }),
          });
          if (res.status !== 201) throw new Error(`creating a case failed: ${res.status} ${await res.text()}`);
        }

        // baseline: the API call the page makes, from Node, warm
        const api = async () => {
          const t0 = performance.now();
          const res = await fetch(`${app.url}/api/v1/cases?page=1&pageSize=25`, { headers: { authorization: `Bearer ${partner}` } });
          await res.json();
          return performance.now() - t0;
        };
        for (let i = 0; i < 3; i++) await api();
        const apiTimes: number[] = [];
        for (let i = 0; i < 10; i++) apiTimes.push(await api());

        // each run: a fresh browser context (empty cache), signed in through the page, then the "Cases" link
        const runs = 5;
        const pageTimes: number[] = [];
        const coldTimes: number[] = [];
        for (let i = 0; i < runs; i++) {
          const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'nl-NL' });
          const page = await context.newPage();
          const c0 = performance.now();
          await page.goto(`${app.url}/sign-in`);
          await page.locator('#email').waitFor();
          coldTimes.push(performance.now() - c0);
          await page.locator('#email').fill('kivu-mining-watch@demo.ketenkluis.test');
          await page.locator('#password').fill('ketenkluis-demo');
          await page.locator('form button[type=submit]').click();
          await page.waitForURL((u) => u.pathname === '/ngo');
          await page.locator('#page-title').waitFor();
          await page.waitForLoadState('networkidle');
          const t0 = performance.now();
          await page.locator('header nav a[href="/cases"]').click();
          await page.locator('main table tbody tr').first().waitFor();
          pageTimes.push(performance.now() - t0);
          await context.close();
        }
        const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
        ctx.report('web: first load to the sign-in form (empty cache)', median(coldTimes), 'ms');
        ctx.report('web: navigation to the case list shown (30 cases, code-split chunk + API)', median(pageTimes), 'ms', {
          value: median(pageTimes) / median(apiTimes),
          to: 'GET /api/v1/cases from Node',
        });
      } finally {
        await browser.close();
        await app.close();
      }
    },
  },
];
