import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_HOOK_TIMEOUT, BROWSER_TEST_TIMEOUT, expectAccessible, go, launchBrowser, newPerson, settled, signIn, startWebApp, type WebApp } from '../support/browser.js';

/**
 * Issue 14, item 5: on the audit-log page the secretariat sees who acted by name and exports what the filters
 * select as CSV or XLSX — the file holds the filtered entries, and the export is itself in the log — at 1280 and
 * 360 px, axe-clean. Issue 14, item 6: the action column names each action in Dutch words, the code beneath in small
 * type (what the filter takes, and an auditor searches for); the filter's choices name the codes in words.
 */
describe('web: the secretariat exports the audit log; the own list names regions', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  let web: WebApp;
  let browser: Browser;

  beforeAll(async () => {
    web = await startWebApp();
    browser = await launchBrowser();
  }, BROWSER_HOOK_TIMEOUT);
  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  const fitsPhone = async (page: Page) => expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
  const logins = async () =>
    (await web.db.query(`SELECT seq::text FROM audit_log WHERE action = 'auth.login' ORDER BY seq DESC`)).map((r: { seq: string }) => r.seq);
  const exports = async () => web.db.query(`SELECT details FROM audit_log WHERE action = 'audit.export.read' ORDER BY seq`);

  async function filterOnLogins(page: Page) {
    await go(page, '/secretariat/audit');
    await page.locator('#audit-action').fill('auth.login');
    const filtered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/audit' && new URL(r.url()).searchParams.get('action') === 'auth.login');
    await page.getByRole('button', { name: 'Filteren' }).click();
    expect((await filtered).status()).toBe(200);
    await settled(page);
  }

  /** The filtered rows' action cells: "ingelogd" as their main text, the code `auth.login` only in small type beneath. */
  async function expectActionInWords(page: Page) {
    const cells = page.locator('table tbody tr td:nth-child(3)');
    expect(await cells.count()).toBeGreaterThan(0);
    expect(new Set(await cells.locator('.audit-action').allTextContents())).toEqual(new Set(['ingelogd']));
    expect(new Set(await cells.locator('code').allTextContents())).toEqual(new Set(['auth.login']));
    const main = await cells.first().evaluate((td) => [...td.childNodes].filter((n) => n.nodeName !== 'CODE').map((n) => n.textContent).join('').trim());
    expect(main).toBe('ingelogd');
    expect(main).not.toContain('auth.login');
    // the code is the smaller type
    const [word, code] = await Promise.all(['.audit-action', 'code'].map((sel) => cells.first().locator(sel).evaluate((e) => parseFloat(e.ownerDocument.defaultView!.getComputedStyle(e).fontSize))));
    expect(code).toBeLessThan(word);
    // the filter keeps the code as its value and offers the codes with their Dutch words
    expect(await page.locator('#audit-action').getAttribute('list')).toBe('audit-action-choices');
    const option = page.locator('#audit-action-choices option[value="auth.login"]');
    expect(await option.getAttribute('label')).toBe('ingelogd');
    expect(await page.locator('#audit-action-choices option[value="production-locations.read"]').getAttribute('label')).toBe('productielocatie gelezen');
  }

  it('desktop: names in the Who column; CSV and XLSX downloads hold the filtered entries; each export is logged', async () => {
    const context = await newPerson(browser);
    const page = await signIn(context, web.url, 'secretariaat@demo.ketenkluis.test');
    await filterOnLogins(page);
    const [staff] = await web.db.query(
      `SELECT p.name AS person, o.name AS organisation FROM people p JOIN organisations o ON o.id = p.organisation_id WHERE p.email = 'secretariaat@demo.ketenkluis.test'`,
    );
    await page.getByRole('cell', { name: `${staff.person} · ${staff.organisation}` }).first().waitFor();
    await page.getByRole('heading', { name: 'Deze regels exporteren' }).waitFor();
    await expectActionInWords(page);
    await expectAccessible(page, 'secretariat-audit-export-desktop');

    const before = await exports();
    const expected = await logins();
    const csvDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'CSV', exact: true }).click();
    const csv = await csvDownload;
    expect(csv.suggestedFilename()).toMatch(/^auditlog-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = parse(await readFile((await csv.path())!, 'utf8')) as string[][];
    expect(rows[0].slice(0, 4)).toEqual(['volgnummer', 'tijd (UTC)', 'handeling', 'persoon']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(expected);
    expect(new Set(rows.slice(1).map((r) => r[2]))).toEqual(new Set(['auth.login']));

    const xlsxDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'XLSX (Excel)' }).click();
    const xlsx = await xlsxDownload;
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await xlsx.path())!);
    expect(wb.worksheets[0].rowCount).toBe(expected.length + 1);

    await expect.poll(async () => (await exports()).length).toBe(before.length + 2);
    const [first, second] = (await exports()).slice(before.length).map((r: { details: Record<string, unknown> }) => r.details);
    expect(first).toMatchObject({ format: 'csv', rows: expected.length, filters: { action: 'auth.login' } });
    expect(second).toMatchObject({ format: 'xlsx', rows: expected.length, filters: { action: 'auth.login' } });
    await context.close();
  });

  it('unfiltered: every entry of the newest page names its action in words, none shows a bare code', async () => {
    const context = await newPerson(browser);
    const page = await signIn(context, web.url, 'secretariaat@demo.ketenkluis.test');
    await go(page, '/secretariat/audit');
    const rows = page.locator('table tbody tr');
    await rows.first().waitFor();
    const codes = await rows.locator('td:nth-child(3) code').allTextContents();
    expect(codes.length).toBe(await rows.count());
    expect(new Set(codes).size).toBeGreaterThan(1);
    // a cell without a word shows only the code (and no .audit-action): every row here has its word
    expect(await rows.locator('td:nth-child(3) .audit-action').count()).toBe(codes.length);
    const words = await rows.locator('td:nth-child(3) .audit-action').allTextContents();
    expect(words.filter((w) => /^[a-z-]+(\.[a-z-]+)+$/.test(w))).toEqual([]);
    await expectAccessible(page, 'secretariat-audit-actions-desktop');
    await context.close();
  });

  it('phone (360 px): the export buttons fit, the page is axe-clean', async () => {
    const context = await newPerson(browser, { phone: true });
    const page = await signIn(context, web.url, 'secretariaat@demo.ketenkluis.test');
    await filterOnLogins(page);
    await page.getByRole('button', { name: 'XLSX (Excel)' }).waitFor();
    await expectActionInWords(page);
    await fitsPhone(page);
    await expectAccessible(page, 'secretariat-audit-export-phone');
    await context.close();
  });

  for (const phone of [false, true]) {
    it(`the company's own list shows region names, not codes (${phone ? '360' : '1280'} px), axe-clean`, async () => {
      const context = await newPerson(browser, { phone });
      const page = await signIn(context, web.url, 'staalwerk-twente@demo.ketenkluis.test');
      await go(page, '/company/list');
      const row = page.locator('table tbody tr', { hasText: 'Kivu Cobalt & Tin Mining SARL' }).first();
      await row.waitFor();
      // demo seed: the Kivu mine is in CD-NK, the ISO 3166-2 subdivision Nord-Kivu
      expect(await row.textContent()).toContain('Nord-Kivu');
      const places = await page.locator('table tbody tr td:nth-child(4)').allTextContents();
      expect(places.length).toBeGreaterThan(0);
      expect(places.filter((p) => /\b[A-Z]{2}-[A-Z0-9]{1,3}\b/.test(p))).toEqual([]);
      if (phone) await fitsPhone(page);
      await expectAccessible(page, `company-list-region-names-${phone ? 'phone' : 'desktop'}`);
      await context.close();
    });
  }
});
