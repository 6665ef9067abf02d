import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as } from '../support/cases-helpers.js';
import { BROWSER_HOOK_TIMEOUT, BROWSER_TEST_TIMEOUT, expectAccessible, go, launchBrowser, newPerson, settled, signIn, startWebApp, type WebApp } from '../support/browser.js';

/**
 * Issue 14, "Bad input", beyond the art-22 form: on the invitation form, the request to join and the CSO network
 * form a 400's problems appear at the field they name (aria-invalid, aria-describedby pointing at the problem text),
 * in the page's language (Dutch and French: the service words them after Accept-Language), with a banner whose
 * buttons lead to them; nothing is stored; axe-clean at 1280 and 360 px.
 */
describe('web: field problems at the field, in the page language (issue 14, "Bad input")', { timeout: BROWSER_TEST_TIMEOUT }, () => {
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

  /** The control is marked invalid and described by a text that says exactly `problem`. */
  const expectAtField = async (page: Page, control: string, problem: string) => {
    const el = page.locator(control);
    await expect(el.getAttribute('aria-invalid'), control).resolves.toBe('true');
    const describedBy = await el.getAttribute('aria-describedby');
    expect(describedBy, control).toBeTruthy();
    await expect(page.locator(`[id="${describedBy}"]`).textContent(), control).resolves.toBe(problem);
  };
  const count = async (sql: string) => ((await web.db.query(sql))[0] as { n: number }).n;
  const switchTo = async (page: Page, language: string) => {
    await page.locator('header select.language').selectOption(language);
    // a locator, not waitForFunction: a polled string predicate is eval, which the page's CSP (script-src 'self') refuses
    await page.locator(`html[lang="${language}"]`).waitFor({ state: 'attached' });
    await settled(page);
  };

  it('invite a person: an empty name and a bad address at their fields, in Dutch and then in French', async () => {
    const people = await count(`SELECT count(*)::int AS n FROM people`);
    const context = await newPerson(browser, { locale: 'nl-NL' });
    const page = await signIn(context, web.url, 'secretariaat@demo.ketenkluis.test');
    await go(page, '/secretariat/organisations');
    await page.getByRole('button', { name: 'Personen: Kivu Mining Watch' }).click();
    await page.locator('#inv-name').fill('   ');
    await page.locator('#inv-email').fill('geen-adres');
    // French and Spanish are offered for a local partner's people (issue 14, item 6)
    await expect(page.locator('#inv-lang option').evaluateAll((os) => os.map((o) => o.getAttribute('value')))).resolves.toEqual(['nl', 'en', 'fr', 'es']);
    await page.locator('#inv-lang').selectOption('fr');
    await page.getByRole('button', { name: 'Uitnodiging versturen' }).click();
    await page.locator('#inv-name-problem').waitFor();
    await expectAtField(page, '#inv-name', 'mag niet leeg zijn');
    await expectAtField(page, '#inv-email', 'moet een e-mailadres zijn');
    // the banner leads to the field
    const banner = page.locator('form:has(#inv-email) [role=alert]');
    await banner.getByRole('button', { name: 'E-mailadres' }).click();
    await expect(page.evaluate('document.activeElement?.id')).resolves.toBe('inv-email');
    await expectAccessible(page, 'form-errors-invite-nl-desktop');

    await switchTo(page, 'fr');
    // the secretariat's own page words stay Dutch and English; the service's problems follow the page's language
    await page.locator('form:has(#inv-email) button[type=submit]').click();
    await page.locator('#inv-email-problem').filter({ hasText: /^doit être une adresse e-mail$/ }).waitFor();
    await expectAtField(page, '#inv-name', 'ne doit pas être vide');
    await expectAtField(page, '#inv-email', 'doit être une adresse e-mail');
    await page.setViewportSize({ width: 360, height: 740 });
    await expectAccessible(page, 'form-errors-invite-fr-phone');
    expect(await count(`SELECT count(*)::int AS n FROM people`)).toBe(people);
    await context.close();
  });

  it('the request to join: French on a 360 px phone, then Dutch at 1280 px; nothing is stored', async () => {
    const requests = await count(`SELECT count(*)::int AS n FROM accession_requests`);
    const context = await newPerson(browser, { phone: true, locale: 'fr-CD' });
    const page = await context.newPage();
    await page.goto(`${web.url}/join`);
    await page.getByRole('heading', { level: 1, name: 'Adhérer à l’accord' }).waitFor();
    await page.locator('#join-contact').fill('Jean Mukeba');
    await page.locator('#join-email').fill('pas-une-adresse');
    await page.locator('#join-motivation').fill('Nous voulons contribuer aux objectifs de l’accord.');
    await page.getByRole('button', { name: 'Envoyer la demande' }).click();
    await page.locator('#join-name-problem').waitFor();
    await expectAtField(page, '#join-name', 'ne doit pas être vide');
    await expectAtField(page, '#join-email', 'doit être une adresse e-mail');
    await expect(page.locator('#join-contact').getAttribute('aria-invalid')).resolves.toBeNull();
    await expectAccessible(page, 'form-errors-join-fr-phone');

    await switchTo(page, 'nl');
    await page.getByRole('button', { name: 'Verzoek versturen' }).click();
    await page.locator('#join-email-problem').filter({ hasText: /^moet een e-mailadres zijn$/ }).waitFor();
    await expectAtField(page, '#join-name', 'mag niet leeg zijn');
    await page.setViewportSize({ width: 1280, height: 860 });
    await expectAccessible(page, 'form-errors-join-nl-desktop');
    expect(await count(`SELECT count(*)::int AS n FROM accession_requests`)).toBe(requests);
    await context.close();
  });

  it('the CSO network form in French: a new region without country and network is refused at both fields, and the list stays as it was', async () => {
    const entries = async () => web.db.query(`SELECT e.country, e.region, e.description FROM cso_expertise e JOIN organisations o ON o.id = e.organisation_id WHERE o.slug = 'groene-keten' ORDER BY 1, 2`);
    const before = await entries();
    // what the service answers this input with, in French and in its stable English
    const ngo = await as(web, 'groene-keten');
    const organisationId = ((await ngo.get('/api/v1/me')).body as { organisation: { id: string } }).organisation.id;
    const answer = await web.http().put(`/api/v1/cso-expertise/${organisationId}`).set('authorization', `Bearer ${ngo.token}`).set('accept-language', 'fr')
      .send({ entries: [...before.map((e: { country: string; region: string | null; description: string }) => ({ ...e, rawMaterials: [] })), { country: '', region: null, rawMaterials: [], description: '' }] });
    expect(answer.status).toBe(400);
    const at = (field: string) => (answer.body.details as { field: string; problem: string; message: string }[]).filter((d) => new RegExp(`^entries(\\[|\\.)${before.length}(\\]|)\\.${field}$`).test(d.field));
    expect(at('country').length).toBeGreaterThan(0);
    expect(at('description').length).toBeGreaterThan(0);
    for (const d of [...at('country'), ...at('description')]) expect(d.message).not.toBe(d.problem); // French, not English

    const context = await newPerson(browser, { locale: 'fr-FR' });
    const page = await signIn(context, web.url, 'groene-keten@demo.ketenkluis.test');
    await go(page, '/ngo/expertise');
    const form = page.locator('form[aria-labelledby=own-network-title]');
    await form.getByRole('heading', { name: 'Notre réseau' }).waitFor();
    await form.getByRole('button', { name: 'Ajouter une région' }).click();
    await form.getByRole('button', { name: 'Enregistrer notre réseau' }).click();
    await form.getByText('Non enregistré. Corrigez les champs signalés ci-dessous.').waitFor();
    const country = form.locator('select[id^="own-country-"]').last();
    const description = form.locator('textarea[id^="own-description-"]').last();
    await expectAtField(page, `#${await country.getAttribute('id')}`, [...new Set(at('country').map((d) => d.message))].join('; '));
    await expectAtField(page, `#${await description.getAttribute('id')}`, [...new Set(at('description').map((d) => d.message))].join('; '));
    await expectAccessible(page, 'form-errors-network-fr-desktop');
    await page.setViewportSize({ width: 360, height: 740 });
    await expectAccessible(page, 'form-errors-network-fr-phone');
    await expect(entries()).resolves.toEqual(before);
    await context.close();
  });
});
