import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_HOOK_TIMEOUT, BROWSER_TEST_TIMEOUT, expectAccessible, go, launchBrowser, navigate, newPerson, signIn, startWebApp, type WebApp } from '../support/browser.js';
import { as } from '../support/cases-helpers.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';

/**
 * Issue 8, items 2 and 7 through the browser, with real mail: the secretariat invites a person on the
 * organisations page; the mail's link opens the invitation page, which says who it is for and takes the new
 * password; the person signs in. The secretariat then disables the person, and the person's open page leaves the
 * signed-in pages at its next request (the session ended on the server).
 */
describe('web: invite, accept the invitation, sign in, disable', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  let sink: SmtpSink;
  let web: WebApp;
  let browser: Browser;

  beforeAll(async () => {
    sink = await startSmtpSink();
    web = await startWebApp({ env: { SMTP_URL: sink.url } });
    browser = await launchBrowser();
  }, BROWSER_HOOK_TIMEOUT);
  afterAll(async () => {
    await browser?.close();
    await web?.close();
    await sink?.close();
  });

  it('goes from the invitation mail to a signed-in person, and ends when the secretariat disables them', async () => {
    const staff = await newPerson(browser);
    const secretariat = await signIn(staff, web.url, 'secretariaat@demo.ketenkluis.test');
    await go(secretariat, '/secretariat/organisations');
    await secretariat.getByRole('button', { name: 'Personen: Stichting Groene Keten' }).click();
    await secretariat.locator('#inv-name').fill('Nadia Nieuw');
    await secretariat.locator('#inv-email').fill('nadia@groene-keten.example');
    await secretariat.locator('#inv-lang').selectOption('en');
    await secretariat.getByRole('button', { name: 'Uitnodiging versturen' }).click();
    await secretariat.getByText('Uitnodiging verstuurd.').waitFor();
    await secretariat.getByRole('cell', { name: 'nadia@groene-keten.example' }).waitFor();

    const mail = await sink.waitFor((m) => m.to.includes('nadia@groene-keten.example'), 30_000);
    const token = /\/invitation\?token=([A-Za-z0-9_-]+)/.exec(mail.text)![1];

    const newcomer = await newPerson(browser, { locale: 'en-GB' });
    const page = await newcomer.newPage();
    await page.goto(`${web.url}/invitation?token=${token}`);
    await page.getByText('Invitation for Nadia Nieuw (nadia@groene-keten.example) of Stichting Groene Keten').waitFor();
    // the token leaves the address bar (and the history) as soon as the page has it
    expect(new URL(page.url()).search).toBe('');
    await page.getByLabel('New password (at least 12 characters)').fill('een-lang-wachtwoord-2026');
    await page.getByLabel('Repeat the password').fill('een-lang-wachtwoord-2026');
    await expectAccessible(page, 'invitation');
    await page.getByRole('button', { name: 'Activate account' }).click();
    await page.getByText('Your account is active.').waitFor();
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.locator('#email').fill('nadia@groene-keten.example');
    await page.locator('#password').fill('een-lang-wachtwoord-2026');
    await page.locator('form button[type=submit]').click();
    await page.waitForURL((u) => u.pathname === '/ngo');
    // her own language (English) from her profile
    await page.getByRole('heading', { name: 'Overview' }).waitFor();

    await secretariat.getByRole('button', { name: 'Blokkeren: Nadia Nieuw' }).click();
    await secretariat.getByRole('row', { name: /Nadia Nieuw.*geblokkeerd/ }).waitFor();

    // her next request is refused: the page drops her data and asks to sign in (`go` would wait for a URL the page
    // may already have left for /sign-in)
    await navigate(page, '/ngo/expertise');
    await page.waitForURL((u) => u.pathname === '/sign-in');
    await expect(page.getByText('Stichting Groene Keten').count()).resolves.toBe(0);
    await staff.close();
    await newcomer.close();
  });

  it('the secretariat registers a local partner affiliated to a party on the same page (kind and party as the API takes them)', async () => {
    const staff = await newPerson(browser);
    const secretariat = await signIn(staff, web.url, 'secretariaat@demo.ketenkluis.test');
    await go(secretariat, '/secretariat/organisations');
    await secretariat.locator('#org-name').fill('Partenaire Lualaba');
    await secretariat.locator('#org-kind').selectOption('local_partner');
    await secretariat.locator('#org-country').fill('cd');
    await secretariat.locator('#org-affiliated').selectOption({ label: 'Stichting Groene Keten' });
    await secretariat.getByRole('button', { name: 'Organisatie registreren' }).click();
    await secretariat.getByText('Geregistreerd.').waitFor();
    await secretariat.getByRole('cell', { name: 'Partenaire Lualaba', exact: true }).waitFor();
    const orgs = (await (await as(web, 'secretariaat')).get('/api/v1/organisations')).body as Array<{ name: string; kind: string; country: string; affiliatedTo: { name: string; kind: string } | null }>;
    const added = orgs.find((o) => o.name === 'Partenaire Lualaba');
    expect(added).toMatchObject({ kind: 'local_partner', country: 'CD', affiliatedTo: { name: 'Stichting Groene Keten', kind: 'ngo' } });
    await staff.close();
  });
});
