import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_HOOK_TIMEOUT, BROWSER_TEST_TIMEOUT, cspViolations, describeViolations, expectAccessible, launchBrowser, newPerson, screenshot, seriousA11yViolations, signIn, startWebApp, type WebApp } from '../support/browser.js';

/**
 * Issue 8, items 5 and 8 through the browser, on a 360 px wide phone: a company uploads its supplier list; a file
 * with bad rows shows a table of every bad row (row, column, problem) and stores nothing (art. 17, all rows or
 * none); the template downloads; a good file is accepted and the own list shows it, paged on the server; an entry
 * of it goes into a restriction request (art. 23).
 */
describe('web: a company uploads its supplier list', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  let web: WebApp;
  let browser: Browser;
  const year = new Date().getFullYear() + 1; // a year without a demo list
  const header = 'supplier_name,address,postcode,city,country,region,activity_type,raw_materials,tier,volume,contract_notes';

  beforeAll(async () => {
    web = await startWebApp();
    browser = await launchBrowser();
  }, BROWSER_HOOK_TIMEOUT);
  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  const listsOf = async (slug: string) =>
    web.db.query(`SELECT l.year FROM production_location_lists l JOIN organisations o ON o.id = l.organisation_id WHERE o.slug = $1 AND l.year = $2`, [slug, year]);

  it('shows every bad row and stores nothing, then accepts a good file; works at 360 px', async () => {
    const context = await newPerson(browser, { phone: true });
    const page = await signIn(context, web.url, 'gieterij-de-hoop@demo.ketenkluis.test');
    expect(new URL(page.url()).pathname).toBe('/company');
    await expectAccessible(page, 'company-overview-phone');

    await page.getByRole('link', { name: 'Leverancierslijst uploaden' }).click();
    await page.getByLabel('Jaar').fill(String(year));

    // the template, downloaded with the person's token (the page never links the API directly)
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSV-sjabloon' }).click()]);
    const template = await readFile((await download.path())!, 'utf8');
    expect(template.split(/\r?\n/)[0]).toBe('naam_leverancier,adres,postcode,plaats,land,regio,type_activiteit,grondstoffen,schakel,volume,contractnotities,os_id');

    const bad = [
      header,
      'Mina Kolwezi SARL,Route de Likasi 4,0000,Kolwezi,CD,Lualaba,mining,cobalt,2,,',
      'Fundição Norte,Rua A 1,60000-000,Fortaleza,XX,Ceará,smelting,copper,1,,',
      'Raffinerie Sud,Avenue 9,1000,Lubumbashi,CD,Haut-Katanga,dancing,copper,9,,',
    ].join('\n');
    await page.locator('#upload-file').setInputFiles({ name: 'leveranciers.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await page.getByRole('button', { name: 'Wijzigingen bekijken' }).click();
    const table = page.locator('table.problems');
    await table.waitFor();
    const rows = await table.locator('tbody tr').allTextContents();
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows.some((r) => r.startsWith('2') && /country/.test(r))).toBe(true);
    expect(rows.some((r) => r.startsWith('3') && /activity_type/.test(r))).toBe(true);
    expect(rows.some((r) => r.startsWith('3') && /tier/.test(r))).toBe(true);
    await expect(page.getByText('Er is niets opgeslagen').count()).resolves.toBe(1);
    expect(await listsOf('gieterij-de-hoop')).toEqual([]);
    // usable at 360 px: the page itself never scrolls sideways (wide tables scroll in their own box)
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await expectAccessible(page, 'company-upload-errors-phone');

    const good = [header, 'Mina Kolwezi SARL,Route de Likasi 4,0000,Kolwezi,CD,Lualaba,mining,cobalt,2,,', 'Fundição Norte,Rua A 1,60000-000,Fortaleza,BR,Ceará,smelting,copper,1,,'].join('\n');
    await page.locator('#upload-file').setInputFiles({ name: 'leveranciers.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await page.getByRole('button', { name: 'Wijzigingen bekijken' }).click();
    // Issue 14: before anything is stored, what the upload does; only "store" stores it.
    await page.getByText('Dit is de eerste lijst voor', { exact: false }).waitFor();
    expect(await listsOf('gieterij-de-hoop')).toEqual([]);
    await page.getByRole('button', { name: 'De lijst opslaan' }).click();
    await page.getByText('2 regels gecontroleerd en opgeslagen').waitFor();
    expect(await listsOf('gieterij-de-hoop')).toHaveLength(1);

    await page.getByRole('link', { name: 'Onze leverancierslijst' }).click();
    await page.getByLabel('Jaar').fill(String(year));
    await page.getByRole('cell', { name: 'Mina Kolwezi SARL', exact: true }).waitFor();
    await expect(page.getByRole('cell', { name: 'Fundição Norte', exact: true }).count()).resolves.toBe(1);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    expect(describeViolations(await seriousA11yViolations(page))).toBe('');

    // art. 23: ask the Kerngroep to restrict an entry, substantiated without the competition-sensitive details
    await page.getByRole('checkbox', { name: 'Mina Kolwezi SARL kiezen' }).check();
    await page.getByLabel('Gevraagd niveau').selectOption('country');
    await page.getByLabel('Onderbouwing').fill('Lokale partners melden bedreigingen van vakbondsleden; de locatie niet noemen.');
    await screenshot(page, 'company-restriction-phone');
    await page.getByRole('button', { name: 'Verzoek om beperking versturen' }).click();
    await page.getByRole('link', { name: 'Zaak openen' }).click();
    await page.getByText('Art. 23 verzoek om beperking').first().waitFor();
    await page.getByText('wacht op de Kerngroep').first().waitFor();
    const cases = await web.db.query(`SELECT c.type, c.state FROM cases c JOIN organisations o ON o.id = c.requester_organisation_id WHERE o.slug = 'gieterij-de-hoop'`);
    expect(cases).toEqual([{ type: 'restriction', state: 'awaiting_ruling' }]);
    expect(describeViolations(await seriousA11yViolations(page))).toBe('');
    expect(cspViolations(context)).toEqual([]);
    await context.close();
  });
  it('issue 14 item 4: bytes sent, then "rows checked N of M" from the server while it works, then the result (1280 and 360 px)', async () => {
    for (const phone of [false, true]) {
      const context = await newPerson(browser, { phone });
      const page = await signIn(context, web.url, 'metaalbouw-brabant@demo.ketenkluis.test');
      await page.getByRole('link', { name: 'Leverancierslijst uploaden' }).click();
      await page.getByLabel('Jaar').fill(String(year + (phone ? 2 : 1)));
      const rows = Array.from({ length: 600 }, (_, i) => `Leverancier ${i + 1} B.V.,Industrieweg ${i + 1},7500 AA,Enschede,NL,NL-OV,processing,steel,1,,`);
      // The server's answer is held back until the page has shown what the server counted meanwhile: the page
      // learns it only from the progress route (polled), never from the answer.
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      await page.route('**/api/v1/production-locations/uploads/preview?*', async (route) => {
        const response = await route.fetch();
        await released;
        await route.fulfill({ response });
      });
      await page.locator('#upload-file').setInputFiles({ name: 'leveranciers.csv', mimeType: 'text/csv', buffer: Buffer.from([header, ...rows].join('\n')) });
      await page.getByRole('button', { name: 'Wijzigingen bekijken' }).click();
      await page.getByRole('status').getByText('Regels gecontroleerd: 600 van 600').waitFor();
      const name = phone ? 'company-upload-rows-checked-phone' : 'company-upload-rows-checked';
      // judged while the answer is still on the way (on purpose: this is the state being shown)
      expect(describeViolations(await seriousA11yViolations(page, { settle: false }))).toBe('');
      await screenshot(page, name);
      if (phone) expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
      release();
      await page.getByText('Dit is de eerste lijst voor', { exact: false }).waitFor();
      await expect(page.getByText('Regels gecontroleerd:', { exact: false }).count()).resolves.toBe(0);
      await page.unroute('**/api/v1/production-locations/uploads/preview?*');
      await page.getByRole('button', { name: 'De lijst opslaan' }).click();
      await page.getByText('600 regels gecontroleerd en opgeslagen').waitFor();
      await expectAccessible(page, `${name}-stored`);
      expect(cspViolations(context)).toEqual([]);
      await context.close();
    }
  });
});
