import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_HOOK_TIMEOUT, BROWSER_TEST_TIMEOUT, expectAccessible, go, launchBrowser, newPerson, screenshot, settled, signIn, startWebApp, type WebApp } from '../support/browser.js';

/**
 * Every main page of every user group on the demo data (issue 8, items 4-9): it shows what the API gives that
 * person, axe-core finds no serious or critical WCAG 2.1 A/AA violation, and each page is saved as a screenshot
 * (test-results/web; with DOCS_SCREENSHOTS=1 the README's pictures in docs/screenshots as well).
 */
describe('web: the main pages of each user group', { timeout: BROWSER_TEST_TIMEOUT }, () => {
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

  const check = async (page: Page, name: string, docs?: string) => {
    await settled(page);
    expect(await page.locator('main [role=alert]').allTextContents(), `${name}: no error shown`).toEqual([]);
    await expectAccessible(page, name, docs);
  };

  it('sign-in page (no session)', async () => {
    const context = await newPerson(browser, { locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${web.url}/secretariat/audit`);
    await page.waitForURL((u) => u.pathname === '/sign-in');
    // no person yet: the browser's language decides
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await check(page, 'sign-in');
    await page.locator('#email').fill('secretariaat@demo.ketenkluis.test');
    await page.locator('#password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Email address or password is not correct').waitFor();
    await context.close();
  });

  it('secretariat: dashboard, organisations and people, NDA texts, monitoring entry, audit log', async () => {
    const context = await newPerson(browser);
    const page = await signIn(context, web.url, 'secretariaat@demo.ketenkluis.test');
    await check(page, 'secretariat-dashboard-demo', 'secretariat');
    await go(page, '/secretariat/organisations');
    await page.getByRole('cell', { name: 'Kivu Mining Watch', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Personen: Kivu Mining Watch' }).click();
    await page.getByRole('cell', { name: 'kivu-mining-watch@demo.ketenkluis.test' }).waitFor();
    await check(page, 'secretariat-organisations');
    await go(page, '/secretariat/ndas');
    // the kind in words, not the API's code (issue 14, item 6)
    await page.getByRole('cell', { name: 'geheimhoudingsovereenkomst voor CSO-monitoring', exact: true }).waitFor();
    expect(await page.getByRole('cell', { name: 'cso-monitoring', exact: true }).count()).toBe(0);
    expect(await page.locator('#nda-kind option').allTextContents()).toContain('geheimhoudingsprotocol voor steunbetuigers');
    await check(page, 'secretariat-ndas');
    // publish a new version of an NDA text: signatures of the old version stop granting (art. 13, annex)
    await page.locator('#nda-kind').selectOption('supporters-protocol');
    await page.locator('#nda-text').fill('Versie 2 van het geheimhoudingsprotocol voor steunbetuigers: vertrouwelijk blijft vertrouwelijk.');
    await page.getByRole('button', { name: 'Nieuwe versie publiceren' }).click();
    await page.getByText('Gepubliceerd.').waitFor();
    const [protocol] = await web.db.query(`SELECT max(version)::int AS version FROM nda_texts WHERE kind = 'supporters-protocol'`);
    expect(protocol.version).toBe(2);

    await go(page, '/secretariat/monitoring');
    await page.locator('#mon-company option', { hasText: 'Precisietechniek Delft B.V.' }).waitFor({ state: 'attached' });
    await check(page, 'secretariat-monitoring');
    await page.locator('#mon-company').selectOption({ label: 'Precisietechniek Delft B.V.' });
    await page.locator('#mon-round').selectOption('year2');
    await page.locator('#mon-score').fill('74');
    await page.locator('#mon-signal').selectOption('green');
    await page.locator('#mon-advice').fill('Duidelijke vooruitgang sinds de nulmeting.');
    for (let i = 0; i < 6; i++) await page.locator(`#sec-advice-${i}`).fill('Voldoende.');
    await page.locator('#sec-score-2').fill('71');
    await page.getByRole('button', { name: 'Resultaat opslaan' }).click();
    await page.getByText('Opgeslagen.').waitFor();
    const [stored] = await web.db.query(
      `SELECT r.final_score::int AS score, r.signal FROM monitoring_results r JOIN organisations o ON o.id = r.company_id WHERE o.slug = 'precisie-delft' AND r.round = 'year2'`,
    );
    expect(stored).toEqual({ score: 74, signal: 'green' });
    await go(page, '/secretariat/audit');
    await page.getByRole('cell', { name: 'auth.login' }).first().waitFor();
    await page.locator('#audit-action').fill('auth.login');
    // the unfiltered rows stay on screen until the filtered answer replaces them: read the rows after that answer
    const filtered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/audit' && new URL(r.url()).searchParams.get('action') === 'auth.login');
    await page.getByRole('button', { name: 'Filteren' }).click();
    expect((await filtered).status()).toBe(200);
    await settled(page);
    // the action in words, its code beneath in small type (issue 14, item 6): every filtered row is a sign-in
    const actions = await page.locator('tbody tr td:nth-child(3) code').allTextContents();
    expect(actions.length).toBeGreaterThan(0);
    expect(new Set(actions)).toEqual(new Set(['auth.login']));
    expect(new Set(await page.locator('tbody tr td:nth-child(3) .audit-action').allTextContents())).toEqual(new Set(['ingelogd']));
    await page.getByRole('button', { name: 'Controleer de keten nu' }).click();
    await page.getByRole('status').filter({ hasText: /^Intact: \d+ regels gecontroleerd/ }).waitFor();
    await check(page, 'secretariat-audit');
    await go(page, '/secretariat/region-requests');
    await check(page, 'secretariat-region-requests');
    await context.close();
  });

  it('company: overview, own list, monitoring and plan of action, aggregated list, CSO expertise', async () => {
    const context = await newPerson(browser);
    const page = await signIn(context, web.url, 'staalwerk-twente@demo.ketenkluis.test');
    await check(page, 'company-overview', 'company');
    await go(page, '/company/list');
    await page.locator('table tbody tr').first().waitFor();
    await check(page, 'company-list');
    await go(page, '/company/monitoring');
    await page.locator('article', { hasText: 'Staalwerk Twente' }).waitFor();
    await check(page, 'company-monitoring');
    // the yearly plan of action (art. 12): measures under an OECD step and a theme
    await page.locator('#plan-year').fill('2027');
    await page.locator('#m-step-0').selectOption('2');
    await page.locator('#m-theme-0').selectOption('risk-assessment');
    await page.locator('#m-desc-0').fill('Risicoanalyse van alle kobaltleveranciers in de tweede schakel.');
    await page.getByRole('button', { name: 'Plan indienen' }).click();
    await page.getByText('Uw plan is ingediend.').waitFor();
    await page.getByRole('cell', { name: /2\. Risicoanalyse van alle kobaltleveranciers in de tweede schakel\. \(risicobeoordeling\)/ }).waitFor();
    await go(page, '/company/aggregated');
    await page.locator('svg.chart').waitFor();
    await check(page, 'company-aggregated');
    await go(page, '/company/expertise');
    await page.locator('table tbody tr').first().waitFor();
    await check(page, 'company-expertise');
    await context.close();
  });

  it('NGO: overview, aggregated list with chart, CSO expertise, company-by-region request, my organisation', async () => {
    const context = await newPerson(browser);
    const page = await signIn(context, web.url, 'groene-keten@demo.ketenkluis.test');
    await check(page, 'ngo-overview-demo', 'ngo');
    await go(page, '/ngo/aggregated');
    await page.locator('svg.chart rect.bar').first().waitFor();
    const table = await page.locator('table').textContent();
    expect(table).not.toMatch(/Staalwerk|Gieterij|Koperwerk|Metaalbouw|Recycling|Precisie/); // not traceable to companies
    await check(page, 'ngo-aggregated', 'aggregated-list');
    await go(page, '/ngo/expertise');
    await page.locator('table tbody tr').first().waitFor();
    await check(page, 'ngo-expertise');
    await go(page, '/ngo/company-regions');
    await check(page, 'ngo-company-regions');
    // art. 21 needs its own confidentiality clause: the refusal names it and links to signing it
    await page.getByLabel('Lijst filteren').fill('Congo');
    await page.locator('input[name=countries][value=CD]').check();
    await page.getByRole('button', { name: 'Vragen' }).click();
    await page.getByRole('link', { name: /geheimhoudingsclausule voor bedrijven-per-regio-antwoorden \(art\. 21\)/ }).waitFor();
    await go(page, '/my');
    await page.getByRole('heading', { name: 'Geldende teksten' }).waitFor();
    await check(page, 'my-organisation');
    await context.close();
  });

  it('local partner on a 360 px phone: overview and the request form fit the screen', async () => {
    const context = await newPerson(browser, { phone: true });
    const page = await signIn(context, web.url, 'kivu-mining-watch@demo.ketenkluis.test');
    await check(page, 'local-partner-phone', 'local-partner-phone');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await go(page, '/ngo/request');
    await page.getByLabel('Motifs : le risque ou la violation que vous avez constaté').waitFor(); // its people read French (demo seed)
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await check(page, 'local-partner-request-phone');
    await context.close();
  });

  it('Kerngroep member: the matters page', async () => {
    const context = await newPerson(browser);
    const page = await signIn(context, web.url, 'metaalbond@demo.ketenkluis.test');
    await go(page, '/kerngroep');
    await page.getByText('U bezet de zetel vakbonden (vast lid).').waitFor();
    await check(page, 'kerngroep-member');
    await context.close();
  });
});
