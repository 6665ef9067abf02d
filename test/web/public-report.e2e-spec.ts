import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as } from '../support/cases-helpers.js';
import { BROWSER_HOOK_TIMEOUT, BROWSER_TEST_TIMEOUT, expectAccessible, go, launchBrowser, newPerson, screenshot, settled, signIn, startWebApp, type WebApp } from '../support/browser.js';

/**
 * Issue 15, item 5: the published yearly report is a public page — fetched in Chromium with no sign-in and no
 * token, at 360 px and at 1280 px, axe-clean, with SVG charts and its PDF and CSV downloads.
 */
describe('web: the public yearly report', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  let web: WebApp;
  let browser: Browser;
  const year = new Date().getUTCFullYear();

  beforeAll(async () => {
    web = await startWebApp();
    browser = await launchBrowser();
    const sec = await as(web, 'secretariaat');
    expect((await sec.post('/api/v1/yearly-reports', { year })).status).toBe(201);
    const submitted = await sec.post(`/api/v1/yearly-reports/${year}/submit`, {});
    expect(submitted.status).toBe(201);
    for (const slug of ['metaalbond', 'mensenrechten-monitor', 'branche-metaal', 'staalwerk-twente'])
      expect((await (await as(web, slug)).post(`/api/v1/cases/${submitted.body.caseId}/votes`, { vote: 'for' })).status).toBe(201);
  }, BROWSER_HOOK_TIMEOUT);
  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  const fitsPhone = async (page: Page) => expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);

  it('anyone reads it without signing in, on a phone: charts, no sign-in redirect, PDF and CSV download without a token', async () => {
    const context = await newPerson(browser, { phone: true });
    const page = await context.newPage();
    const sent: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/') && r.headers().authorization) sent.push(r.url());
    });
    await page.goto(`${web.url}/report`);
    await page.getByRole('heading', { level: 1, name: `Jaarverslag ${year}` }).waitFor();
    await settled(page);
    expect(new URL(page.url()).pathname).toBe('/report');
    await page.getByRole('heading', { level: 2, name: 'Monitoringsignalen per ronde' }).waitFor();
    expect(await page.locator('svg.chart[role=img]').count()).toBeGreaterThanOrEqual(6);
    await page.getByRole('img', { name: /Geaggregeerde lijst: productielocaties per land/ }).waitFor();
    await fitsPhone(page);
    await expectAccessible(page, 'public-report-phone');
    expect(sent).toEqual([]);

    const pdfHref = await page.getByRole('link', { name: 'Pdf' }).getAttribute('href');
    const csvHref = await page.getByRole('link', { name: /Csv/ }).getAttribute('href');
    const pdf = await context.request.get(`${web.url}${pdfHref}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const csv = await context.request.get(`${web.url}${csvHref}`);
    expect(csv.status()).toBe(200);
    expect((await csv.text()).split('\r\n')[0]).toBe('section,group,item,value,note');
    await context.close();
  });

  it('a party filters the published aggregated list on a phone: region names, only the chosen country', async () => {
    const context = await newPerson(browser, { phone: true });
    const page = await signIn(context, web.url, 'groene-keten@demo.ketenkluis.test');
    await go(page, '/ngo/aggregated');
    await page.locator('svg.chart rect.bar').first().waitFor();
    await page.locator('#agg-country').selectOption('CD');
    await settled(page);
    const countries = await page.locator('table tbody tr td:first-child').allTextContents();
    expect(countries.length).toBeGreaterThan(0);
    expect(new Set(countries)).toEqual(new Set(['Democratische Republiek Congo']));
    await page.getByRole('cell', { name: 'Nord-Kivu' }).first().waitFor();
    await fitsPhone(page);
    await expectAccessible(page, 'aggregated-list-filtered-phone');
    await context.close();
  });

  it('the secretariat sees its yearly publications on a phone: the list published, the report published', async () => {
    const context = await newPerson(browser, { phone: true });
    const page = await signIn(context, web.url, 'secretariaat@demo.ketenkluis.test');
    await go(page, '/secretariat/publications');
    await page.getByRole('heading', { level: 1, name: 'Jaarlijkse publicaties' }).waitFor();
    await settled(page);
    await page.getByText(/Gepubliceerd op .*; SHA-256/).waitFor();
    await page.getByRole('link', { name: 'De openbare pagina' }).waitFor();
    await fitsPhone(page);
    await expectAccessible(page, 'secretariat-publications-phone');
    await context.close();
  });

  it('at 1280 px in English, with the same figures as the API', async () => {
    const context = await newPerson(browser, { locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${web.url}/report/${year}`);
    // the language switcher (issue 14, item 6) is a select of the four languages
    await page.locator('select.language').waitFor();
    if (await page.getByRole('heading', { level: 1, name: `Jaarverslag ${year}` }).count()) await page.locator('select.language').selectOption('en');
    await page.getByRole('heading', { level: 1, name: `Yearly report ${year}` }).waitFor();
    await settled(page);
    const api = (await web.http().get(`/api/v1/public/yearly-reports/${year}`)).body;
    await page.getByText(`${api.content.plan.companiesSubmitted} companies submitted a plan of action`).waitFor();
    await expectAccessible(page, 'public-report-desktop');
    await screenshot(page, 'public-report-desktop-full');
    await context.close();
  });

  it('the secretariat generates the previous year\'s draft on its page and puts it before the Kerngroep (the buttons send through the generated client)', async () => {
    const earlier = year - 1;
    const context = await newPerson(browser);
    const page = await signIn(context, web.url, 'secretariaat@demo.ketenkluis.test');
    await go(page, '/secretariat/publications');
    await page.locator('#pub-year').fill(String(earlier));
    await page.getByText('Nog geen concept voor dit jaar.').waitFor();
    await page.getByRole('button', { name: 'Concept uit de gegevens maken' }).click();
    await page.getByRole('button', { name: 'Concept aan de Kerngroep voorleggen' }).waitFor();
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Concept aan de Kerngroep voorleggen' }).click();
    await page.getByRole('button', { name: 'Concept aan de Kerngroep voorleggen' }).waitFor({ state: 'detached' });
    const stored = await (await as(web, 'secretariaat')).get(`/api/v1/yearly-reports/${earlier}`);
    expect(stored.status).toBe(200);
    const report = stored.body as { status: string; caseId: string | null };
    expect(report.status).toBe('awaiting_ruling');
    expect(report.caseId).toEqual(expect.any(String));
    await context.close();
  });
});
