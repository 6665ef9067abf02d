import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_HOOK_TIMEOUT, BROWSER_TEST_TIMEOUT, cspViolations, expectAccessible, launchBrowser, newPerson, settled, signIn, startWebApp, type WebApp } from '../support/browser.js';

/**
 * Issue 14: the to-do list first on each home page with its count in the header (item 1), and a reload or a link
 * from a mail that keeps the person signed in while sign-out ends it (item 7) — in Chromium, at desktop and 360 px.
 */
describe('web: the to-do list and staying signed in (issue 14, items 1 and 7)', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  let web: WebApp;
  let browser: Browser;
  let kivu: string;

  beforeAll(async () => {
    // the demo sector with its three demo cases, as on a developer's first start
    web = await startWebApp({ database: 'empty', env: { SEED_DEMO: 'auto' } });
    browser = await launchBrowser();
    [{ id: kivu }] = await web.db.query(
      `SELECT c.id FROM cases c JOIN organisations o ON o.id = c.requester_organisation_id WHERE o.slug = 'kivu-mining-watch'`,
    );
  }, BROWSER_HOOK_TIMEOUT);
  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  const apiTasks = async (email: string) => {
    const token = await web.login(email);
    return (await web.http().get('/api/v1/me/tasks').set('authorization', `Bearer ${token}`)).body.items as Array<{ kind: string; caseId?: string }>;
  };

  it('a company: the to-do list comes first, counted in the header; a reload and a mail link keep the session; sign-out ends it', async () => {
    const email = 'staalwerk-twente@demo.ketenkluis.test';
    const expected = await apiTasks(email);
    expect(expected.map((x) => x.kind)).toContain('consent');
    const context = await newPerson(browser);
    const page = await signIn(context, web.url, email);
    await settled(page);
    expect(new URL(page.url()).pathname).toBe('/company');
    // first on the page, right under its heading: the list, one item per task, in the API's order
    const list = page.locator('main section.tasks');
    await list.getByRole('heading', { name: 'Te doen' }).waitFor();
    await expect(page.locator('main .page > :not(.page-head)').first().getAttribute('class')).resolves.toContain('tasks');
    await expect(list.locator('li').count()).resolves.toBe(expected.length);
    await expect(list.locator('li').first().textContent()).resolves.toContain('Beantwoord het toestemmingsverzoek');
    await expect(page.locator('header .task-count .count').textContent()).resolves.toBe(String(expected.length));
    await expectAccessible(page, 'tasks-company-desktop');

    // a reload: the access token was in memory only, the HttpOnly cookie brings the session back
    await page.reload();
    await page.locator('main section.tasks li').first().waitFor();
    expect(new URL(page.url()).pathname).toBe('/company');
    // a link from a mail, opened in the same browser: straight to the case, no sign-in in between
    await page.goto(`${web.url}/cases/${kivu}`);
    await settled(page);
    expect(new URL(page.url()).pathname).toBe(`/cases/${kivu}`);
    await expect(page.locator('header .who').textContent()).resolves.toContain('Tessa Twente');
    // the page's scripts never see a token: nothing in storage, and the cookie is HttpOnly
    const stored = await page.evaluate('JSON.stringify({ local: Object.keys(localStorage), session: Object.keys(sessionStorage), cookie: document.cookie })');
    expect(JSON.parse(stored as string)).toEqual({ local: [], session: [], cookie: '' });
    const cookies = await context.cookies();
    expect(cookies.map((c) => [c.name, c.path, c.httpOnly, c.sameSite])).toEqual([['ketenkluis_refresh', '/api/v1/auth/refresh', true, 'Strict']]);

    // the task's link leads to where it is done
    await page.goto(`${web.url}/company`);
    await page.locator('main section.tasks li a').first().click();
    await page.waitForURL((u) => u.pathname === `/cases/${kivu}`);

    // sign-out ends it: a reload now lands on the sign-in page
    await page.getByRole('button', { name: 'Afmelden' }).click();
    await page.waitForURL((u) => u.pathname === '/sign-in');
    await page.reload();
    await page.getByRole('heading', { name: 'Aanmelden' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    const [{ live }] = await web.db.query(
      `SELECT count(*)::int AS live FROM sessions s JOIN people p ON p.id = s.person_id WHERE p.email = $1 AND s.revoked_at IS NULL AND s.user_agent LIKE '%Chrome%'`,
      [email],
    );
    expect(live).toBe(0);
    expect(cspViolations(context)).toEqual([]);
    await context.close();
  });

  it('the chair at 360 px: the substitute to appoint first on the Kerngroep page', async () => {
    // Art. 84: no demo case recuses a seat (an art-22 request recuses nobody), so the companies' seat holder asks to
    // restrict one of its own entries: its seat is recused and the chair has a substitute to appoint.
    const staalwerk = `Bearer ${await web.login('staalwerk-twente@demo.ketenkluis.test')}`;
    const own = await web.http().get(`/api/v1/production-locations?year=${new Date().getUTCFullYear()}&pageSize=1`).set('authorization', staalwerk);
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    const filed = await web
      .http()
      .post('/api/v1/cases')
      .set('authorization', staalwerk)
      .send({ type: 'restriction', grounds: 'Naming this site would point at the workers who reported', locationIds: [own.body.items[0].id], level: 'country' });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const email = 'voorzitter@demo.ketenkluis.test';
    const expected = await apiTasks(email);
    expect(expected.map((x) => x.kind)).toEqual(['appoint-substitute']);
    const context = await newPerson(browser, { phone: true });
    const page = await signIn(context, web.url, email);
    await settled(page);
    expect(new URL(page.url()).pathname).toBe('/kerngroep');
    const list = page.locator('main section.tasks');
    await expect(list.locator('li').count()).resolves.toBe(1);
    await expect(list.locator('li').textContent()).resolves.toContain('Wijs een vervanger aan voor de zetel bedrijven');
    await expect(page.locator('header .task-count .count').textContent()).resolves.toBe('1');
    // nothing wider than the phone's screen
    const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'tasks-chair-360');
    await context.close();
  });

  it('the secretariat at 360 px and a person with nothing to do, in English', async () => {
    const secretariat = await newPerson(browser, { phone: true });
    const page = await signIn(secretariat, web.url, 'secretariaat@demo.ketenkluis.test');
    await settled(page);
    const expected = await apiTasks('secretariaat@demo.ketenkluis.test');
    await expect(page.locator('main section.tasks li').count()).resolves.toBe(expected.length);
    await expect(page.locator('main section.tasks li').first().textContent()).resolves.toContain('Sluit de toestemmingsronde');
    await expectAccessible(page, 'tasks-secretariat-360');
    await secretariat.close();

    const context = await newPerson(browser, { locale: 'en-GB' });
    const idle = await signIn(context, web.url, 'kenniscentrum-metalen@demo.ketenkluis.test');
    await settled(idle);
    await idle.getByRole('combobox', { name: 'Taal' }).selectOption('en').catch(() => undefined);
    await idle.getByText(/Nothing waits for you right now|Er wacht nu niets op u/).waitFor();
    await expect(idle.locator('header .task-count .count').textContent()).resolves.toBe('0');
    await expectAccessible(idle, 'tasks-none-desktop');
    await context.close();
  });
});
