import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, signDisclosureClause } from '../support/cases-helpers.js';
import { BROWSER_HOOK_TIMEOUT, BROWSER_TEST_TIMEOUT, cspViolations, expectAccessible, go, launchBrowser, newPerson, screenshot, settled, signIn, startWebApp, type WebApp } from '../support/browser.js';

/**
 * Issue 16 in the browser: after a report, the secretariat's case page shows the supplier matches to decide, the
 * uncertain ones first with both entries side by side; it confirms one with a reason on a phone (360 px) and
 * rejects the other on a desktop (1280 px). The case up to the report is set up through the API.
 */
const YEAR = 2043;
const HEADER = 'supplier_name,address,postcode,city,country,region,activity_type,raw_materials,tier';

describe('web: the secretariat reviews supplier matches (issue 16)', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  let web: WebApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let caseId = '';

  beforeAll(async () => {
    web = await startWebApp();
    browser = await launchBrowser();
    const up = async (slug: string, rows: string[]) => {
      const who = await as(web, slug);
      const res = await web.http().post(`/api/v1/production-locations/uploads?year=${YEAR}`).set('authorization', `Bearer ${who.token}`)
        .attach('file', Buffer.from([HEADER, ...rows].join('\n') + '\n'), 'list.csv');
      if (res.status !== 201) throw new Error(JSON.stringify(res.body));
      return who;
    };
    const staalwerk = await up('staalwerk-twente', ['Alpha Mine,Pit 1,,Walikale,CD,CD-NK,mining,cobalt,3+']);
    await up('metaalbouw-brabant', ['Alpha Mine Kivu,Site 1,,Walikale,CD,CD-NK,trading,tin,1']);
    await up('precisie-delft', ['Alpha Mine,Pit 9,,Walikale,CD,CD-NK,trading,tin,1']);
    const kivu = await as(web, 'kivu-mining-watch');
    const filed = await kivu.post('/api/v1/cases', { type: 'disclosure', grounds: 'Child labour at cobalt pits, reported by our monitors in the Kolwezi area', scope: { countries: ['CD'], rawMaterials: ['cobalt'], year: YEAR } });
    caseId = filed.body.id;
    for (const s of ['metaalbond', 'mensenrechten-monitor', 'branche-metaal', 'staalwerk-twente']) await (await as(web, s)).post(`/api/v1/cases/${caseId}/votes`, { vote: 'for' });
    await staalwerk.post(`/api/v1/cases/${caseId}/consents`, { decision: 'approve' });
    const secretariat = await as(web, 'secretariaat');
    if ((await secretariat.get(`/api/v1/cases/${caseId}`)).body.state === 'consent') await secretariat.post(`/api/v1/cases/${caseId}/transitions`, { action: 'close-consent' });
    await signDisclosureClause(kivu, 'Amani Kivu');
    await kivu.post(`/api/v1/cases/${caseId}/transitions`, { action: 'open-access' });
    const [entry] = await web.db.query(`SELECT pl.id FROM production_locations pl JOIN organisations o ON o.id = pl.organisation_id WHERE o.slug = 'staalwerk-twente' AND pl.year = $1`, [YEAR]);
    const reported = await kivu.post(`/api/v1/cases/${caseId}/reports`, { locationRefs: [entry.id], description: 'Children at the washing ponds' });
    if (reported.status !== 201) throw new Error(JSON.stringify(reported.body));
  }, BROWSER_HOOK_TIMEOUT);
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await web?.close();
  });

  it('on a phone: both entries side by side, axe-clean; confirming needs a reason and is kept with it', async () => {
    const context = await newPerson(browser, { phone: true });
    contexts.push(context);
    const page = await signIn(context, web.url, 'secretariaat@demo.ketenkluis.test');
    await go(page, `/cases/${caseId}`);
    const queue = page.getByRole('region', { name: /Leveranciersmatches om te beoordelen/ });
    await queue.waitFor();
    const kivuCard = queue.getByRole('article', { name: 'Regel van Metaalbouw Brabant B.V.' });
    await kivuCard.getByText('Alpha Mine Kivu').waitFor();
    expect(await queue.getByRole('article').count()).toBe(2);
    expect(await queue.getByText('te beoordelen', { exact: true }).count()).toBe(2);
    // Both entries are shown: the reported one and the candidate, with their address
    expect(await kivuCard.getByText('Site 1').count()).toBe(1);
    expect(await kivuCard.getByText('Pit 1').count()).toBe(1);
    await expectAccessible(page, 'supplier-match-review-360');
    const confirm = kivuCard.getByRole('button', { name: 'Zelfde leverancier' });
    expect(await confirm.isDisabled()).toBe(true); // no decision without a reason
    await kivuCard.getByLabel('Reden').fill('Site 1 is the local name of pit 1');
    await confirm.click();
    await settled(page);
    await kivuCard.getByText('bevestigd', { exact: true }).waitFor();
    await kivuCard.getByText('Site 1 is the local name of pit 1').waitFor();
    expect(await kivuCard.getByRole('button').count()).toBe(0);
    // no horizontal scrolling at 360 px
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    expect(cspViolations(context)).toEqual([]);
    const [row] = await web.db.query(`SELECT status, reason FROM case_match_candidates WHERE case_id = $1 AND status = 'confirmed'`, [caseId]);
    expect(row).toEqual({ status: 'confirmed', reason: 'Site 1 is the local name of pit 1' });
  });

  it('on a desktop: rejecting the other pit keeps its company off the list', async () => {
    const context = await newPerson(browser);
    contexts.push(context);
    const page = await signIn(context, web.url, 'secretariaat@demo.ketenkluis.test');
    await go(page, `/cases/${caseId}`);
    const queue = page.getByRole('region', { name: /Leveranciersmatches om te beoordelen/ });
    await queue.waitFor();
    // the one decided on the phone shows its reason; the other still waits
    await queue.getByText('Site 1 is the local name of pit 1').waitFor();
    const card = queue.getByRole('article', { name: 'Regel van Precisietechniek Delft B.V.' });
    await card.getByLabel('Reden').fill('Pit 9 is another concession');
    await card.getByRole('button', { name: 'Niet dezelfde' }).click();
    await settled(page);
    await card.getByText('afgewezen', { exact: true }).waitFor();
    await expectAccessible(page, 'supplier-match-review-1280');
    await screenshot(page, 'supplier-match-review-1280-done');
    const names = (await web.db.query(`SELECT o.name FROM case_brokered_companies b JOIN organisations o ON o.id = b.company_id WHERE b.case_id = $1 ORDER BY o.name`, [caseId])).map((r: { name: string }) => r.name);
    expect(names).toEqual(['Metaalbouw Brabant B.V.', 'Staalwerk Twente B.V.']);
  });
});
