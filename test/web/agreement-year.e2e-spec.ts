import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, orgId, uploadList } from '../support/cases-helpers.js';
import { BROWSER_HOOK_TIMEOUT, BROWSER_TEST_TIMEOUT, expectAccessible, go, launchBrowser, newPerson, settled, signIn, startWebApp, type WebApp } from '../support/browser.js';

/**
 * The agreement's year in the web front end (issue 15, items 1-2), at 1280 and 360 px, axe-clean: the company sees
 * its next due dates on its home page and, on its calendar page, the agreement's dates and its art-18 progress as a
 * chart with the table as its text; the secretariat sees who is overdue or due soon and sets a due date.
 * The demo people read Dutch. The clock is moved in PostgreSQL (a deadline's remind_at / due_at), never by waiting.
 */
describe("web: the agreement's year", { timeout: BROWSER_TEST_TIMEOUT }, () => {
  let web: WebApp;
  let browser: Browser;

  beforeAll(async () => {
    web = await startWebApp();
    browser = await launchBrowser();
    const staalwerk = await as(web, 'staalwerk-twente');
    await uploadList(web, staalwerk, 2025, ['Alpha Mine,Pit 1,,Walikale,CD,CD-NK,mining,cobalt,1,,']);
    await uploadList(web, staalwerk, 2027, ['Alpha Mine,Pit 1,,Walikale,CD,CD-NK,mining,cobalt,1,,', 'Delta Refinery,Road 4,,Ganzhou,CN,,refining,cobalt,3+,,']);
    const staalwerkId = await orgId(web, 'staalwerk-twente');
    const gieterijId = await orgId(web, 'gieterij-de-hoop');
    const rows = `SELECT count(*)::int AS n FROM company_deadlines WHERE company_id = $1`;
    for (let i = 0; (await web.db.query(rows, [gieterijId]))[0].n === 0 && i < 200; i++) await new Promise((r) => setTimeout(r, 50));
    // Staalwerk's 2028 list is overdue; Gieterij's year-4 round is due soon.
    await web.db.query(`UPDATE company_deadlines SET remind_at = now() - interval '40 days', due_at = now() - interval '1 day' WHERE company_id = $1 AND kind = 'list' AND period = '2028'`, [staalwerkId]);
    await web.db.query(`UPDATE company_deadlines SET remind_at = now() - interval '1 day', due_at = now() + interval '9 days' WHERE company_id = $1 AND kind = 'monitoring' AND period = 'year4'`, [gieterijId]);
  }, BROWSER_HOOK_TIMEOUT);
  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  const noErrors = async (page: Page, name: string) => {
    await settled(page);
    expect(await page.locator('main [role=alert]').allTextContents(), `${name}: no error shown`).toEqual([]);
  };

  for (const phone of [false, true]) {
    const size = phone ? '360' : '1280';

    it(`an NGO (${size} px): the calendar and the progress only across companies, no company named`, async () => {
      const context = await newPerson(browser, { phone });
      const page = await signIn(context, web.url, 'mensenrechten-monitor@demo.ketenkluis.test');
      await go(page, '/ngo/progress');
      await page.getByRole('heading', { name: 'Het jaar van de overeenkomst', level: 1 }).waitFor();
      await noErrors(page, 'ngo progress');
      const aggregated = page.getByRole('table', { name: 'Voortgang over alle bedrijven' });
      // 2025 and 2027 have one company's list each: below k, not shown; 2026 has the six demo companies
      expect((await aggregated.getByRole('row').allTextContents()).slice(1)).toEqual([expect.stringMatching(/^2026\s*6/)]);
      expect(await page.getByRole('table', { name: 'Voortgang in transparantie (art. 18)' }).count()).toBe(0);
      expect(await page.locator('main').textContent()).not.toMatch(/Staalwerk|Gieterij/);
      await expectAccessible(page, `agreement-year-ngo-progress-${size}`);
      await context.close();
    });

    it(`the company (${size} px): its next due dates at home, the calendar and its progress as chart and table`, async () => {
      const context = await newPerson(browser, { phone });
      const page = await signIn(context, web.url, 'staalwerk-twente@demo.ketenkluis.test');
      const next = page.locator('section[aria-labelledby=next-due-title]');
      await next.getByRole('row', { name: /Lijst 2028.*te laat/ }).waitFor();
      await noErrors(page, 'company home');
      await expectAccessible(page, `agreement-year-company-home-${size}`);

      await go(page, '/company/calendar');
      await page.getByRole('heading', { name: 'Het jaar van de overeenkomst', level: 1 }).waitFor();
      await noErrors(page, 'company calendar');
      await page.getByRole('table', { name: 'Jaren van de overeenkomst' }).getByRole('row', { name: /Jaar 4/ }).waitFor();
      // the chart is an image with a name; the table holds the same figures
      await expect(page.getByRole('img', { name: /Leveranciers per jaar/ }).count()).resolves.toBe(1);
      const progress = page.getByRole('table', { name: 'Voortgang in transparantie (art. 18)' });
      expect(await progress.getByRole('row').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/^2025\s*1\s*1\s*1/), expect.stringMatching(/^2027\s*2.*1\s*3/)]));
      // the sector's progress, only across companies
      await page.getByRole('heading', { name: 'Voortgang over alle bedrijven' }).waitFor();
      await expectAccessible(page, `agreement-year-company-calendar-${size}`);
      await context.close();
    });

    it(`the secretariat (${size} px): who is overdue or due soon, and a due date set inside the period`, async () => {
      const context = await newPerson(browser, { phone });
      const page = await signIn(context, web.url, 'secretariaat@demo.ketenkluis.test');
      const board = page.locator('section[aria-labelledby=deadline-dashboard-title]');
      await board.getByRole('row', { name: /Staalwerk Twente.*Lijst 2028.*te laat/ }).waitFor();
      await board.getByRole('row', { name: /Gieterij De Hoop.*Ronde jaar 4.*binnenkort/ }).waitFor();
      await noErrors(page, 'secretariat home');
      await expectAccessible(page, `agreement-year-secretariat-home-${size}`);

      await go(page, '/secretariat/calendar');
      await page.getByRole('heading', { name: 'Het jaar van de overeenkomst', level: 1 }).waitFor();
      await noErrors(page, 'secretariat calendar');
      await page.getByRole('table', { name: 'Voortgang in transparantie (art. 18)' }).waitFor();
      const form = page.locator('form[aria-labelledby=set-due-title]');
      await form.getByLabel('Wat').selectOption({ label: 'Lijst 2029' });
      await form.getByLabel('Nieuwe uiterste datum').fill(phone ? '2029-04-30' : '2029-03-31');
      await form.getByRole('button', { name: 'Opslaan' }).click();
      await form.getByText('De uiterste datum is opgeslagen').waitFor();
      await page.getByRole('table', { name: 'Productielocatielijsten' }).getByRole('row', { name: /Lijst 2029.*vastgesteld door het secretariaat/ }).waitFor();
      await noErrors(page, 'secretariat calendar after saving');
      await expectAccessible(page, `agreement-year-secretariat-calendar-${size}`);
      await context.close();
    });
  }
});
