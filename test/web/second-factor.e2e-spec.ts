import { generate } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BROWSER_HOOK_TIMEOUT,
  BROWSER_TEST_TIMEOUT,
  describeViolations,
  ensureWebBuilt,
  seriousA11yViolations, expectAccessible, go, launchBrowser, navigate, newPerson, screenshot, settled } from '../support/browser.js';
import { DEMO_PASSWORD, startTestApp, type TestApp } from '../support/test-app.js';
import { freePort } from '../support/test-config.js';

/**
 * Issue 17 in Chromium, with SECOND_FACTOR_ENFORCEMENT=on and a virtual WebAuthn authenticator (Chrome DevTools
 * Protocol `WebAuthn.addVirtualAuthenticator`, user verification on): the secretariat is led to enrol right after
 * the password, registers a passkey, keeps its recovery codes, adds an authenticator app, signs in with the passkey
 * alone, with password + code (a replayed code refused) and with a recovery code; a company person is asked to
 * step up before its production locations (NAW) are shown. WebAuthn needs a host name, so the page is opened at
 * http://localhost:<port>, the relying party the service is configured with.
 */
const SECRETARIAT = 'secretariaat@demo.ketenkluis.test';
const COMPANY = 'staalwerk-twente@demo.ketenkluis.test';
const codeAt = (secret: string, offset = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + offset * 30 });

describe('web: second factor (issue 17)', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  let t: TestApp;
  let url: string;
  let browser: Browser;

  beforeAll(async () => {
    ensureWebBuilt();
    const port = await freePort();
    url = `http://localhost:${port}`;
    t = await startTestApp({ env: { SECOND_FACTOR_ENFORCEMENT: 'on', WEBAUTHN_RP_ID: 'localhost', WEBAUTHN_ORIGIN: url, PUBLIC_URL: url } });
    await t.app.listen(port, '127.0.0.1');
    browser = await launchBrowser();
  }, BROWSER_HOOK_TIMEOUT);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const passwordStep = async (page: Page, email: string) => {
    await page.goto(`${url}/sign-in`);
    await page.locator('#email').fill(email);
    await page.locator('#password').fill(DEMO_PASSWORD);
    await page.locator('form button[type=submit]').first().click();
  };
  const signOut = async (page: Page) => {
    await page.getByRole('button', { name: 'Afmelden' }).click();
    await page.locator('#email').waitFor();
  };
  const allowStepsAgain = (email: string) =>
    t.db.query(`UPDATE totp_factors SET last_step = last_step - 10 WHERE person_id = (SELECT id FROM people WHERE email = $1)`, [email]);

  it('enrols a passkey and an app at the gate, then signs in with each factor; a replayed code is refused', async () => {
    const context = await newPerson(browser);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
    });

    // the gate: right after the password, only the enrolment page (no menu), naming the rule
    await passwordStep(page, SECRETARIAT);
    await page.getByRole('heading', { name: 'Tweede factor instellen' }).waitFor();
    await settled(page);
    expect(await page.getByRole('navigation').count()).toBe(0);
    await page.getByText(/secretariat-must-use-second-factor/).waitFor();
    await expectAccessible(page, 'second-factor-enrol');
    await page.setViewportSize({ width: 360, height: 740 });
    await screenshot(page, 'second-factor-enrol-360');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await page.setViewportSize({ width: 1280, height: 860 });

    // a passkey, named; ten recovery codes shown once
    await page.locator('#passkey-name').fill('Laptop van Sanne');
    await page.getByRole('button', { name: 'Passkey toevoegen' }).click();
    await page.getByRole('heading', { name: 'Herstelcodes' }).waitFor();
    const codes = await page.locator('.recovery-codes code').allTextContents();
    expect(codes).toHaveLength(10);
    await expectAccessible(page, 'second-factor-recovery-codes');
    await page.getByRole('button', { name: 'Ik heb de codes bewaard' }).click();
    await page.waitForURL((u) => u.pathname === '/secretariat');
    await page.getByRole('navigation').waitFor();

    // the security page: the passkey by name; an authenticator app added with a code computed here
    await go(page, '/security');
    await page.getByText('Laptop van Sanne').waitFor();
    await page.getByRole('button', { name: 'Authenticator-app instellen' }).click();
    await page.getByRole('img', { name: 'QR-code voor uw authenticator-app' }).waitFor();
    const secret = (await page.locator('code.secret').textContent())!.replace(/\s/g, '');
    await page.getByLabel('Code die de app nu toont').fill(await codeAt(secret));
    await page.getByRole('button', { name: 'Bevestigen' }).click();
    // the recovery codes of the passkey stay valid: no new ones
    await page.getByText('Er is een authenticator-app ingesteld.').waitFor();
    await page.getByText('Nog 10 ongebruikte herstelcodes.').waitFor();
    // a passkey is renamed on the same page
    await page.getByRole('button', { name: 'Hernoemen: Laptop van Sanne' }).click();
    await page.getByLabel('Naam van de passkey').first().fill('Werklaptop');
    await page.getByRole('button', { name: 'Naam opslaan' }).click();
    await page.getByText('Werklaptop').waitFor();
    await settled(page);
    await expectAccessible(page, 'second-factor-security');
    await page.setViewportSize({ width: 360, height: 740 });
    await screenshot(page, 'second-factor-security-360');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await page.setViewportSize({ width: 1280, height: 860 });

    // a passkey alone signs in (user verified: two factors)
    await signOut(page);
    await page.getByRole('button', { name: 'Passkey gebruiken' }).click();
    await page.waitForURL((u) => u.pathname === '/security'); // back where the sign-out left (`?next=`)
    await page.getByText('Werklaptop').waitFor();
    const [passkeySession] = await t.db.query(`SELECT auth_methods FROM sessions ORDER BY created_at DESC LIMIT 1`);
    expect(passkeySession.auth_methods).toEqual(['passkey']);

    // password, then a code from the app; the same code again is refused
    await signOut(page);
    await passwordStep(page, SECRETARIAT);
    await page.getByRole('heading', { name: 'Tweede stap' }).waitFor();
    await expectAccessible(page, 'second-factor-step');
    const code = await codeAt(secret, 1);
    await page.getByLabel('Code uit uw app').fill(code);
    await page.getByRole('button', { name: 'Verder' }).click();
    await page.waitForURL((u) => u.pathname === '/secretariat');
    await signOut(page);
    await passwordStep(page, SECRETARIAT);
    await page.getByLabel('Code uit uw app').fill(code);
    await page.getByRole('button', { name: 'Verder' }).click();
    await page.getByText('De code is niet geldig: onjuist, verlopen of al gebruikt.').waitFor();

    // a recovery code instead, once
    await page.getByRole('button', { name: 'Een herstelcode gebruiken' }).click();
    await page.getByLabel('Herstelcode').fill(codes[0]!);
    await page.getByRole('button', { name: 'Verder' }).click();
    await page.waitForURL((u) => u.pathname === '/secretariat');
    await signOut(page);
    await passwordStep(page, SECRETARIAT);
    await page.getByRole('button', { name: 'Een herstelcode gebruiken' }).click();
    await page.getByLabel('Herstelcode').fill(codes[0]!);
    await page.getByRole('button', { name: 'Verder' }).click();
    await page.getByText('De code is niet geldig: onjuist, verlopen of al gebruikt.').waitFor();
    await context.close();
  });

  it('asks for the second factor again before showing production locations (NAW) once it is too old', async () => {
    // the company's person sets up an app through the API (optional for it), then signs in in the browser
    const login = await t.http().post('/api/v1/auth/login').send({ email: COMPANY, password: DEMO_PASSWORD });
    const bearer = { authorization: `Bearer ${login.body.accessToken}` };
    const begun = await t.http().post('/api/v1/me/second-factor/totp').set(bearer).send({});
    expect((await t.http().post('/api/v1/me/second-factor/totp/confirm').set(bearer).send({ code: await codeAt(begun.body.secret) })).status).toBe(200);
    await allowStepsAgain(COMPANY);

    const context = await newPerson(browser, { phone: true });
    const page = await context.newPage();
    await passwordStep(page, COMPANY);
    await page.getByLabel('Code uit uw app').fill(await codeAt(begun.body.secret, 0));
    await page.getByRole('button', { name: 'Verder' }).click();
    await page.waitForURL((u) => u.pathname === '/company');
    // the session's second factor is older than STEP_UP_MAX_AGE_SECONDS (time moved in the database)
    await t.db.query(`UPDATE sessions SET second_factor_at = now() - interval '1 day' WHERE second_factor_at IS NOT NULL`);
    await navigate(page, '/company/list');
    const dialog = page.getByRole('dialog', { name: 'Bevestig dat u het bent' });
    await dialog.waitFor();
    // the list behind it is still waiting for the answer, so axe runs on the open dialog without waiting to settle
    expect(describeViolations(await seriousA11yViolations(page, { settle: false })), 'step-up dialog').toBe('');
    await screenshot(page, 'second-factor-step-up-360');
    await dialog.getByLabel('Code uit uw app').fill(await codeAt(begun.body.secret, 1));
    await dialog.getByRole('button', { name: 'Verder' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await settled(page);
    // the refused request was sent again and the list is shown
    await page.getByRole('table').first().waitFor();
    const [session] = await t.db.query(`SELECT second_factor_at > now() - interval '1 minute' AS fresh FROM sessions ORDER BY created_at DESC LIMIT 1`);
    expect(session.fresh).toBe(true);
    await context.close();
  });
});
