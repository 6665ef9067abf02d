import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admittedComplaint, as, castVotes } from '../support/cases-helpers.js';
import { BROWSER_HOOK_TIMEOUT, BROWSER_TEST_TIMEOUT, expectAccessible, go, launchBrowser, newPerson, signIn, startWebApp, type WebApp } from '../support/browser.js';

/**
 * Issue 11, art. 49: the Kerngroep page shows, per matter to rule on, when its vote closes and which seats have not
 * voted yet; the chair reads whether the vote can be closed (only once every seat voted or the deadline passed). The
 * complaint and two seat votes are set up through the API; the deadline is moved into the past in PostgreSQL.
 */
describe('web: the Kerngroep page shows the vote deadline and the seats that have not voted', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  let web: WebApp;
  let browser: Browser;
  let caseId: string;

  beforeAll(async () => {
    web = await startWebApp();
    browser = await launchBrowser();
    caseId = await admittedComplaint(web, await as(web, 'groene-keten'), 'precisie-delft');
    await castVotes(web, caseId, [['metaalbond', 'for'], ['branche-metaal', 'for']]);
  }, BROWSER_HOOK_TIMEOUT);
  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  it('a seat holder and the chair see the deadline and who has not voted; the chair sees when it can close', async () => {
    const member = await signIn(await newPerson(browser), web.url, 'mensenrechten-monitor@demo.ketenkluis.test');
    await go(member, '/kerngroep');
    const item = member.locator(`li[data-case="${caseId}"]`);
    await item.waitFor();
    await expect(item.textContent()).resolves.toMatch(/stemming sluit: .*nog niet gestemd: ngo’s, bedrijven/);
    await expectAccessible(member, 'kerngroep-vote-status');

    const chair = await signIn(await newPerson(browser), web.url, 'voorzitter@demo.ketenkluis.test');
    await go(chair, '/kerngroep');
    const mine = chair.locator(`li[data-case="${caseId}"]`);
    await mine.waitFor();
    await expect(mine.textContent()).resolves.toContain('u kunt de stemming sluiten zodra elke zetel heeft gestemd of de termijn is verstreken (art. 49)');

    await web.db.query(`UPDATE rulings SET vote_due_at = now() - interval '1 minute' WHERE case_id = $1`, [caseId]);
    await web.db.query(`UPDATE case_deadlines SET due_at = now() - interval '1 minute' WHERE case_id = $1 AND kind = 'vote'`, [caseId]);
    await go(chair, '/cases');
    await go(chair, '/kerngroep');
    const later = chair.locator(`li[data-case="${caseId}"]`);
    await later.getByText(/u kunt de stemming sluiten$/).waitFor();
    await expect(later.textContent()).resolves.not.toContain('zodra');
    await expect(later.textContent()).resolves.toContain('nog niet gestemd: ngo’s, bedrijven');
  });
});
