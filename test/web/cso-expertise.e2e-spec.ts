import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_HOOK_TIMEOUT, BROWSER_TEST_TIMEOUT, expectAccessible, go, launchBrowser, newPerson, signIn, startWebApp, type WebApp } from '../support/browser.js';

/**
 * "Our network" on the CSO expertise page (issue 8 item 4, issue 5 item 10; art. 22, first sentence): an NGO keeps
 * its own regions and raw materials in the overview, on a 360 px phone and by keyboard; the API's field problems
 * show next to the field; a company reads the overview without any form.
 */
describe('web: CSO expertise, "Our network"', { timeout: BROWSER_TEST_TIMEOUT }, () => {
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

  const stored = async (slug: string) =>
    web.db.query(
      `SELECT e.country, e.region, e.raw_materials AS "rawMaterials", e.description
         FROM cso_expertise e JOIN organisations o ON o.id = e.organisation_id WHERE o.slug = $1 ORDER BY e.country, e.region`,
      [slug],
    );

  it('an NGO adds a region with raw materials and removes one; the overview and the database show it; a company only reads it', async () => {
    const before = await stored('groene-keten');
    expect(before.map((e: { region: string }) => e.region).sort()).toEqual(['BR-PA', 'ID-BB']); // demo seed
    const others = await stored('mensenrechten-monitor');

    const ngo = await newPerson(browser, { phone: true });
    const page = await signIn(ngo, web.url, 'groene-keten@demo.ketenkluis.test');
    await go(page, '/ngo/expertise');
    const form = page.locator('form[aria-labelledby=own-network-title]');
    await form.getByRole('heading', { name: 'Ons netwerk' }).waitFor();
    // only the organisation's own entries are in the form; others' stay in the read-only table
    await form.getByRole('group', { name: 'Netwerk 2', exact: true }).waitFor();
    expect(await form.locator(':scope > fieldset').count()).toBe(2);
    expect(await form.locator('textarea').evaluateAll((t) => t.map((x) => (x as unknown as { value: string }).value))).not.toContain(
      'Network of local human-rights monitors in North Kivu, with Kivu Mining Watch',
    );
    await page.getByRole('cell', { name: /North Kivu/ }).waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await expectAccessible(page, 'ngo-own-network-phone');

    // keyboard: "add a region" moves the focus to the new entry's country
    await form.getByRole('button', { name: 'Regio toevoegen' }).focus();
    await page.keyboard.press('Enter');
    const added = form.getByRole('group', { name: 'Netwerk 3', exact: true });
    await added.waitFor();
    expect(await page.evaluate('document.activeElement?.id')).toMatch(/^own-country-/);

    // saved without a country or a description: the API's problems show at those fields, nothing is written
    await form.getByRole('button', { name: 'Ons netwerk opslaan' }).click();
    await form.getByText('Niet opgeslagen. Verbeter de gemarkeerde velden hieronder.').waitFor();
    await expect.poll(() => added.getByLabel('Uw netwerk daar (verplicht)').getAttribute('aria-invalid'), { timeout: 30_000 }).toBe('true');
    expect(await added.getByLabel('Land', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await added.getByText('moet een landcode van twee hoofdletters zijn (ISO 3166-1, bijv. CD)').waitFor();
    await added.getByText('mag niet leeg zijn').waitFor();
    expect(await form.getByRole('group', { name: 'Netwerk 1', exact: true }).locator('[aria-invalid=true]').count()).toBe(0);
    expect(await stored('groene-keten')).toEqual(before);
    await expectAccessible(page, 'ngo-own-network-errors-phone');

    // fill in the new network: a listed raw material and one typed in (Enter adds it, it does not save)
    await added.getByLabel('Land', { exact: true }).selectOption('CD');
    await added.getByLabel('Regio (niet verplicht, bijv. CD-NK of Noord-Kivu)').fill('CD-SK');
    // the raw materials are named in Dutch, never by the API's code (issue 14, item 6)
    await added.getByRole('checkbox', { name: 'kobalt', exact: true }).check();
    expect(await added.locator('input[type=checkbox][value=cobalt]').isChecked()).toBe(true);
    expect(await added.getByRole('checkbox', { name: 'cobalt', exact: true }).count()).toBe(0);
    await added.getByRole('checkbox', { name: 'wolfraam', exact: true }).waitFor();
    await added.getByLabel('Andere grondstof').fill('Coltan');
    await added.getByLabel('Andere grondstof').press('Enter');
    await expect.poll(() => added.locator('input[type=checkbox][value=coltan]').isChecked(), { timeout: 30_000 }).toBe(true);
    await added.getByLabel('Uw netwerk daar (verplicht)').fill('Vrouwengroepen rond de coltanmijnen in Zuid-Kivu');
    // and drop the Pará network (the form lists the entries in the overview's order: by country)
    expect(await form.getByRole('group', { name: 'Netwerk 1', exact: true }).getByLabel('Regio (niet verplicht, bijv. CD-NK of Noord-Kivu)').inputValue()).toBe('BR-PA');
    await form.getByRole('button', { name: 'Netwerk 1 verwijderen' }).click();
    await form.getByRole('group', { name: 'Netwerk 3', exact: true }).waitFor({ state: 'detached' });
    await form.getByRole('button', { name: 'Ons netwerk opslaan' }).click();
    await form.getByText('Opgeslagen. Het overzicht toont uw gegevens.').waitFor();
    expect(await form.locator('[aria-invalid=true]').count()).toBe(0);

    // the overview shows it
    const row = page.locator('table tbody tr', { hasText: 'CD-SK' });
    await row.waitFor();
    expect(await row.textContent()).toContain('kobalt, coltan');
    // and the database holds it; other organisations' entries are untouched
    expect(await stored('groene-keten')).toEqual([
      { country: 'CD', region: 'CD-SK', rawMaterials: ['cobalt', 'coltan'], description: 'Vrouwengroepen rond de coltanmijnen in Zuid-Kivu' },
      { country: 'ID', region: 'ID-BB', rawMaterials: ['tin'], description: 'Environmental impact of tin dredging on Bangka and Belitung' },
    ]);
    expect(await stored('mensenrechten-monitor')).toEqual(others);
    expect(await page.locator('table tbody tr', { hasText: 'BR-PA' }).count()).toBe(0);
    const [audit] = await web.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'cso-expertise.update'`);
    expect(audit.n).toBe(1);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await expectAccessible(page, 'ngo-own-network-saved-phone');
    await ngo.close();

    // a company reads the overview with the new entry, without any form
    const company = await newPerson(browser);
    const cpage = await signIn(company, web.url, 'staalwerk-twente@demo.ketenkluis.test');
    await go(cpage, '/company/expertise');
    await cpage.locator('table tbody tr', { hasText: 'CD-SK' }).waitFor();
    expect(await cpage.locator('form[aria-labelledby=own-network-title]').count()).toBe(0);
    expect(await cpage.locator('main textarea, main input[type=text], main button').count()).toBe(0);
    await expectAccessible(cpage, 'company-expertise-read-only');
    await company.close();
  }, 180_000);
});
