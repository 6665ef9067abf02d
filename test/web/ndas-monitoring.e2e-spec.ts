import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_HOOK_TIMEOUT, BROWSER_TEST_TIMEOUT, cspViolations, expectAccessible, launchBrowser, newPerson, settled, signIn, startWebApp, type WebApp } from '../support/browser.js';

/**
 * Issue 8, items 2-3 and 9 through the browser: an NGO in a module without the art-13 monitoring NDA sees no
 * individual score and a "why" link that names the missing agreement with its article; it signs the full text
 * (SHA-256 shown, name typed, confirmed) and then sees the companies' scores. Sign-out leaves nothing behind.
 */
describe('web: NDA signing unlocks the monitoring score (art. 13)', { timeout: BROWSER_TEST_TIMEOUT }, () => {
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

  it('an NGO without the NDA sees the explain link, signs, and then sees the score', async () => {
    const context = await newPerson(browser);
    const page = await signIn(context, web.url, 'mensenrechten-monitor@demo.ketenkluis.test');
    expect(new URL(page.url()).pathname).toBe('/ngo');
    // the person's own language (Dutch) is where the page starts
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('nl');
    await expectAccessible(page, 'ngo-overview');

    await page.getByRole('link', { name: 'Monitoringresultaten' }).first().click();
    // the page has the API's answer (and offers the why link) before we count what it does not show
    const why = page.getByRole('button', { name: 'Waarom zie ik dit niet?' });
    await why.waitFor();
    await settled(page);
    await expect(page.getByText('Eindscore').count()).resolves.toBe(0);
    await why.click();
    const sign = page.getByRole('link', { name: /geheimhoudingsovereenkomst voor CSO-monitoring \(art\. 13\)/ });
    await sign.waitFor();
    await expectAccessible(page, 'ngo-monitoring-why');

    await sign.click();
    await page.locator('.nda-text').waitFor();
    const sha = (await page.locator('.hash code').textContent())!.trim();
    expect(sha).toMatch(/^[0-9a-f]{64}$/);
    // the browser recomputes the hash of the text it shows and marks it as matching
    await expect(page.locator('.hash').textContent()).resolves.toContain('✓');
    await page.getByLabel(/Typ uw volledige naam/).fill('Mira Monitor');
    await page.getByLabel(/Ik heb de volledige tekst gelezen/).check();
    await expectAccessible(page, 'my-organisation-sign');
    await page.getByRole('button', { name: 'Tekenen', exact: true }).click();
    await page.getByText('Getekend. De overeenkomst geldt vanaf nu.').waitFor();

    const signatures = await web.db.query(
      `SELECT s.signer_name, t.sha256 FROM nda_signatures s JOIN nda_texts t ON t.id = s.text_id JOIN organisations o ON o.id = s.organisation_id WHERE o.slug = 'mensenrechten-monitor'`,
    );
    expect(signatures).toEqual([{ signer_name: 'Mira Monitor', sha256: sha }]);

    await page.getByRole('link', { name: 'Overzicht' }).click();
    await page.getByRole('link', { name: 'Monitoringresultaten' }).first().click();
    await settled(page);
    const card = page.locator('article', { hasText: 'Staalwerk Twente' });
    await card.waitFor();
    await expect(card.textContent()).resolves.toContain('78');
    await expectAccessible(page, 'ngo-monitoring');

    // English on request; the choice is the page's, the person's language stays theirs
    await page.getByRole('combobox', { name: 'Taal' }).selectOption('en');
    await page.getByRole('heading', { name: 'Monitoring results' }).waitFor();

    // sign-out: nothing confidential kept in the page or in the browser's storage
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((u) => u.pathname === '/sign-in');
    await expect(page.getByText('Staalwerk Twente').count()).resolves.toBe(0);
    const stored = await page.evaluate('JSON.stringify({ local: Object.keys(localStorage), session: Object.keys(sessionStorage), cookie: document.cookie })');
    // only the language chosen in the switcher above stays, as a preference of this browser (issue 14, item 6)
    expect(JSON.parse(stored as string)).toEqual({ local: ['ketenkluis.language'], session: [], cookie: '' });
    await expect(page.evaluate(`localStorage.getItem('ketenkluis.language')`)).resolves.toBe('en');
    await page.goBack();
    await page.waitForURL((u) => u.pathname === '/sign-in'); // back in the history, yet no page without a session
    await expect(page.getByText('Staalwerk Twente').count()).resolves.toBe(0);
    expect(cspViolations(context)).toEqual([]);
    await context.close();
  });
});
