import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_HOOK_TIMEOUT, BROWSER_TEST_TIMEOUT, cspViolations, expectAccessible, go, launchBrowser, newPerson, settled, signIn, startWebApp, type WebApp } from '../support/browser.js';

/**
 * Issue 13, parts 2-3 in the browser: the secretariat's pages for the Kerngroep seats and chair and for the modules,
 * on a 360 px phone and on a desktop. The API's field problems (with the article) are shown and nothing is stored;
 * a good entry is what the API then answers. axe-core finds no serious or critical violation.
 */
describe('web: the secretariat keeps the Kerngroep seats, the chair and the modules', { timeout: BROWSER_TEST_TIMEOUT }, () => {
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
  const count = async (sql: string) => (await web.db.query(sql))[0].n as number;

  it('seats and chair: a date before the agreement is refused at the field with its article; a seat and a chair are recorded', async () => {
    const context = await newPerson(browser, { phone: true });
    const page = await signIn(context, web.url, 'secretariaat@demo.ketenkluis.test');
    await page.getByRole('link', { name: /Zetels en voorzitter van de Kerngroep/ }).click();
    await page.waitForURL((u) => u.pathname === '/secretariat/kerngroep');
    await page.getByRole('heading', { level: 1, name: 'Zetels en voorzitter van de Kerngroep' }).waitFor();
    await settled(page);
    const seatCard = (seat: string) => page.locator(`li[data-seat=${seat}]`);
    await expect.poll(() => page.locator('li[data-seat]').count()).toBe(4);
    expect(await seatCard('unions').textContent()).toContain('Mo Metaal');
    expect(await seatCard('unions').textContent()).toContain('Martin Metaal');
    await fitsPhone(page);
    await expectAccessible(page, 'secretariat-kerngroep-phone');

    const seatForm = page.locator('form[aria-labelledby=assign-title]');
    await seatForm.getByLabel('Zetel', { exact: true }).selectOption({ label: 'Ngo’s' });
    await seatForm.getByLabel('Organisatie', { exact: true }).selectOption({ label: 'Stichting Mensenrechten Monitor' });
    await seatForm.getByLabel('Vaste vertegenwoordiger').locator('option', { hasText: 'Mees Monitor' }).waitFor({ state: 'attached' });
    // Only the seat-holding organisation's own people are offered (art. 47).
    expect(await seatForm.getByLabel('Plaatsvervanger').locator('option').allTextContents()).toEqual(['— kies —', 'Mees Monitor', 'Mira Monitor']);
    await seatForm.getByLabel('Vaste vertegenwoordiger').selectOption({ label: 'Mees Monitor' });
    await seatForm.getByLabel('Plaatsvervanger').selectOption({ label: 'Mira Monitor' });
    await seatForm.getByLabel('Vanaf (datum)').fill('2025-01-01');
    await seatForm.getByLabel('Besluit van de Kerngroep of reden').fill('Kerngroep 4 maart, punt 2: de ngo-vertegenwoordigers wisselen');
    const terms = await count(`SELECT count(*)::int AS n FROM kerngroep_seat_terms`);
    await seatForm.getByRole('button', { name: 'Zetel vastleggen' }).click();
    const problem = seatForm.locator('table.problems tbody tr');
    await problem.first().waitFor();
    expect(await problem.first().textContent()).toContain('effectiveFrom');
    expect(await problem.first().textContent()).toContain('art. 66');
    expect(await count(`SELECT count(*)::int AS n FROM kerngroep_seat_terms`)).toBe(terms);
    await fitsPhone(page);
    await expectAccessible(page, 'secretariat-kerngroep-error-phone');

    const today = (await web.db.query(`SELECT to_char(agreement_today(), 'YYYY-MM-DD') AS d`))[0].d as string;
    await seatForm.getByLabel('Vanaf (datum)').fill(today);
    await seatForm.getByRole('button', { name: 'Zetel vastleggen' }).click();
    await seatForm.getByRole('status').filter({ hasText: 'Vastgelegd' }).waitFor();
    await settled(page);
    await expect.poll(() => seatCard('ngos').locator('dd').nth(1).textContent()).toBe('Mees Monitor');
    const [stored] = await web.db.query(
      `SELECT f.email AS fixed, d.email AS deputy FROM kerngroep_seats s JOIN people f ON f.id = s.fixed_person_id JOIN people d ON d.id = s.deputy_person_id WHERE s.constituency = 'ngos'`,
    );
    expect(stored).toEqual({ fixed: 'mensenrechten-monitor-2@demo.ketenkluis.test', deputy: 'mensenrechten-monitor@demo.ketenkluis.test' });

    const chairForm = page.locator('form[aria-labelledby=chair-title]');
    await chairForm.getByLabel('Organisatie van de voorzitter').selectOption({ label: 'Kenniscentrum Duurzame Metalen' });
    await chairForm.getByLabel('Voorzitter', { exact: true }).locator('option', { hasText: 'Karin Kennis' }).waitFor({ state: 'attached' });
    await chairForm.getByLabel('Voorzitter', { exact: true }).selectOption({ label: 'Karin Kennis' });
    await chairForm.getByLabel('Vanaf (datum)').fill(today);
    await chairForm.getByLabel('Voordracht van de SER').fill('SER-brief van 1 maart');
    await chairForm.getByLabel('Bevestiging door de Kerngroep').fill('Kerngroep 4 maart, punt 1');
    await chairForm.getByRole('button', { name: 'Voorzitter vastleggen' }).click();
    await chairForm.getByRole('status').filter({ hasText: 'Vastgelegd' }).waitFor();
    await settled(page);
    await page.getByText('Karin Kennis (Kenniscentrum Duurzame Metalen)').first().waitFor();
    const [chair] = await web.db.query(`SELECT p.email FROM kerngroep_chair c JOIN people p ON p.id = c.person_id`);
    expect(chair.email).toBe('kenniscentrum-metalen@demo.ketenkluis.test');
    await fitsPhone(page);
    await expectAccessible(page, 'secretariat-kerngroep-recorded-phone');
    expect(cspViolations(context)).toEqual([]);
    await context.close();
  });

  it('modules: enrol and remove an organisation, and a module period outside the agreement is refused', async () => {
    const context = await newPerson(browser);
    const page = await signIn(context, web.url, 'secretariaat@demo.ketenkluis.test');
    await go(page, '/secretariat/modules');
    await page.getByRole('heading', { level: 1, name: 'Modules' }).waitFor();
    const sector = page.locator('li[data-module=sector-metaal]');
    await sector.waitFor();
    expect(await sector.textContent()).toContain('Stichting Groene Keten');
    expect(await sector.textContent()).not.toContain('Eerlijk Erts');
    await expectAccessible(page, 'secretariat-modules');

    const enrol = page.locator('form[aria-labelledby=enrol-title]');
    await enrol.getByLabel('Module').selectOption({ label: 'Sectormodule Metaal' });
    await enrol.getByLabel('Organisatie').selectOption({ label: 'Eerlijk Erts' });
    await enrol.getByRole('button', { name: 'Aanmelden' }).click();
    await enrol.getByRole('status').filter({ hasText: 'Aangemeld' }).waitFor();
    await settled(page);
    await expect.poll(() => sector.textContent()).toContain('Eerlijk Erts');
    const current = `SELECT o.slug FROM current_module_participations m JOIN organisations o ON o.id = m.organisation_id WHERE m.module = 'sector-metaal' ORDER BY o.slug`;
    expect((await web.db.query(current)).map((r: { slug: string }) => r.slug)).toEqual(['eerlijk-erts', 'groene-keten', 'mensenrechten-monitor', 'metaalbond']);

    await page.getByRole('button', { name: 'Afmelden: Stichting Groene Keten, Sectormodule Metaal' }).click();
    await page.getByRole('status').filter({ hasText: 'Afgemeld' }).waitFor();
    await settled(page);
    await expect.poll(() => sector.textContent()).not.toContain('Stichting Groene Keten');
    expect((await web.db.query(current)).map((r: { slug: string }) => r.slug)).toEqual(['eerlijk-erts', 'mensenrechten-monitor', 'metaalbond']);

    const create = page.locator('form[aria-labelledby=create-title]');
    await create.getByLabel('Soort').selectOption({ label: 'kennismodule' });
    await create.getByLabel('Naam', { exact: true }).fill('Kennismodule due diligence');
    await create.getByLabel('Begint op').fill('2030-02-01');
    const modules = await count(`SELECT count(*)::int AS n FROM modules`);
    await create.getByRole('button', { name: 'Module aanmaken' }).click();
    const problem = create.locator('table.problems tbody tr');
    await problem.first().waitFor();
    expect(await problem.first().textContent()).toContain('startsOn');
    expect(await problem.first().textContent()).toContain('art. 67');
    expect(await count(`SELECT count(*)::int AS n FROM modules`)).toBe(modules);
    await expectAccessible(page, 'secretariat-modules-error');
    await create.getByLabel('Begint op').fill('2026-03-01');
    await create.getByRole('button', { name: 'Module aanmaken' }).click();
    await create.getByRole('status').filter({ hasText: 'Aangemaakt' }).waitFor();
    await settled(page);
    await page.locator('li[data-module]', { hasText: 'Kennismodule due diligence' }).waitFor();

    // The same page fits a phone.
    await page.setViewportSize({ width: 360, height: 740 });
    await settled(page);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await expectAccessible(page, 'secretariat-modules-phone');
    expect(cspViolations(context)).toEqual([]);
    await context.close();
  });
});
