import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as } from '../support/cases-helpers.js';
import { BROWSER_HOOK_TIMEOUT, BROWSER_TEST_TIMEOUT, expectAccessible, go, launchBrowser, newPerson, screenshot, signIn, startWebApp, type WebApp } from '../support/browser.js';

/**
 * The Kerngroep meetings page (art. 48, 52; issue 15 item 3) in Chromium on a 360 px phone: the secretariat plans a
 * meeting and adds an agenda item; the chair allows a request to attend; a party reads the headline minutes. Every
 * page is axe-clean and fits the phone; the secretariat's page is also saved at 1280 px.
 */
describe('web: Kerngroep meetings — plan, agenda, attendance, headline minutes', { timeout: BROWSER_TEST_TIMEOUT }, () => {
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

  it('the secretariat plans a meeting and adds an agenda item; the progress report shows counts, never below k', async () => {
    const staff = await newPerson(browser, { phone: true });
    const page = await signIn(staff, web.url, 'secretariaat@demo.ketenkluis.test');
    await page.getByRole('link', { name: 'Vergaderingen' }).first().click();
    await page.waitForURL((u) => u.pathname === '/kerngroep/meetings');
    await page.getByRole('heading', { level: 1, name: 'Vergaderingen van de Kerngroep' }).waitFor();
    await page.getByLabel('Datum en tijd').fill('2027-01-20T13:00');
    await page.getByLabel('Plaats').fill('SER, Den Haag');
    await page.getByRole('button', { name: 'Vergadering plannen' }).click();
    await page.getByText('Vergadering gepland.').waitFor();
    const meeting = page.locator('article.meeting').first();
    await meeting.getByRole('heading', { level: 2, name: /Vergadering van 20 jan/ }).waitFor();
    await meeting.getByText('Agenda', { exact: true }).click();
    await meeting.getByText('Geen zaak wacht op een besluit.').or(meeting.getByRole('link', { name: /klacht|art-22|beperking/i }).first()).waitFor();
    await meeting.getByLabel('Titel').fill('Jaarverslag: concept');
    await meeting.getByRole('button', { name: 'Punt toevoegen' }).click();
    await meeting.getByText('Jaarverslag: concept', { exact: true }).waitFor();
    await meeting.getByText('Voortgangsverslag van het secretariaat (art. 52)').click();
    await meeting.getByRole('table', { name: 'Partijen' }).waitFor();
    await fitsPhone(page);
    await expectAccessible(page, 'meetings-secretariat-phone');
    const [row] = await web.db.query(`SELECT count(*)::int AS n FROM kerngroep_agenda_items WHERE title = 'Jaarverslag: concept'`);
    expect(row.n).toBe(1);

    const wide = await newPerson(browser);
    const desk = await signIn(wide, web.url, 'secretariaat@demo.ketenkluis.test');
    await go(desk, '/kerngroep/meetings');
    await desk.locator('article.meeting').first().getByText('Voortgangsverslag van het secretariaat (art. 52)').click();
    await desk.getByRole('table', { name: 'Partijen' }).waitFor();
    await screenshot(desk, 'meetings-secretariat-1280');
  });

  it('art. 48: the chair allows a request to attend with a reason; the requester is told', async () => {
    const [{ id: meetingId }] = await web.db.query(`SELECT id FROM kerngroep_meetings ORDER BY scheduled_at LIMIT 1`);
    const party = await as(web, 'eerlijk-erts');
    const filed = await party.post(`/api/v1/kerngroep/meetings/${meetingId}/attendance-requests`, { motivation: 'Wij brengen het veldrapport over tin in' });
    expect(filed.status).toBe(201);
    const chair = await newPerson(browser, { phone: true });
    const page = await signIn(chair, web.url, 'voorzitter@demo.ketenkluis.test');
    await page.getByRole('link', { name: /Beslis over een verzoek om een Kerngroep-vergadering bij te wonen/ }).first().click();
    await page.waitForURL((u) => u.pathname === '/kerngroep/meetings');
    await page.getByText('Wij brengen het veldrapport over tin in').waitFor();
    await fitsPhone(page);
    await expectAccessible(page, 'meetings-chair-request-phone');
    await page.getByLabel('Reden').fill('Welkom bij het agendapunt over tin');
    await page.getByRole('button', { name: 'Toestaan' }).click();
    await page.getByText('Besluit vastgelegd; de aanvrager krijgt bericht.').or(page.getByText(/toegestaan/).first()).waitFor();
    const [req] = await web.db.query(`SELECT state, decision_reason FROM kerngroep_attendance_requests WHERE id = $1`, [filed.body.id]);
    expect(req).toEqual({ state: 'allowed', decision_reason: 'Welkom bij het agendapunt over tin' });
    const [mail] = await web.db.query(`SELECT count(*)::int AS n FROM outbox WHERE to_address = 'eerlijk-erts@demo.ketenkluis.test' AND template = 'kerngroep.attendance-allowed'`);
    expect(mail.n).toBe(1);
    await expectAccessible(page, 'meetings-chair-decided-phone');
  });

  it('art. 48: a party reads the headline minutes of a meeting held, without votes or reasons', async () => {
    const [{ id: meetingId }] = await web.db.query(`SELECT id FROM kerngroep_meetings ORDER BY scheduled_at LIMIT 1`);
    await web.db.query(`UPDATE kerngroep_meetings SET scheduled_at = now() - interval '1 day' WHERE id = $1`, [meetingId]);
    const staff = await as(web, 'secretariaat');
    const put = await web.http().put(`/api/v1/kerngroep/meetings/${meetingId}/minutes`).set('authorization', `Bearer ${staff.token}`)
      .send({ summary: 'Kwartaalvergadering', decisions: [{ subject: 'Klacht over een deelnemend bedrijf', decision: 'Ontvankelijk; drie maanden om te verbeteren' }] });
    expect(put.status).toBe(200);
    const person = await newPerson(browser, { phone: true });
    const page = await signIn(person, web.url, 'eerlijk-erts@demo.ketenkluis.test');
    await go(page, '/kerngroep/meetings');
    await page.getByText('Ontvankelijk; drie maanden om te verbeteren').waitFor();
    await page.getByText('Kwartaalvergadering').waitFor();
    expect(await page.getByText(/Voortgangsverslag/).count()).toBe(0); // the progress report is the Kerngroep's (art. 52)
    expect(await page.locator('article.meeting').first().innerText()).not.toMatch(/stemde|tegen|onthouding/i);
    await fitsPhone(page);
    await expectAccessible(page, 'meetings-party-minutes-phone');
  });
});
