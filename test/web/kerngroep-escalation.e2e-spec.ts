import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admittedComplaint, as, castVotes } from '../support/cases-helpers.js';
import { BROWSER_HOOK_TIMEOUT, BROWSER_TEST_TIMEOUT, expectAccessible, go, launchBrowser, newPerson, signIn, startWebApp, type WebApp } from '../support/browser.js';

/**
 * Issue 8, item 6: an escalated matter (art. 49: 2-2 in the Kerngroep goes to the assembly of parties). A party that
 * is not in the Kerngroep casts its organisation's vote on the case page (without seeing the deliberation); a
 * Kerngroep member finds the matter under "escalated" and sees each party organisation's vote. The complaint and
 * the four seat votes are set up through the API; the assembly vote and the reading are clicked.
 */
describe('web: an escalated matter and the parties’ votes', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  let web: WebApp;
  let browser: Browser;
  let caseId: string;

  beforeAll(async () => {
    web = await startWebApp();
    browser = await launchBrowser();
    caseId = await admittedComplaint(web, await as(web, 'groene-keten'), 'precisie-delft');
    await castVotes(web, caseId, [['metaalbond', 'for'], ['mensenrechten-monitor', 'against'], ['branche-metaal', 'for'], ['staalwerk-twente', 'against']]);
  }, BROWSER_HOOK_TIMEOUT);
  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  it('a party votes in the assembly; a Kerngroep member sees each party organisation’s vote', async () => {
    const partyContext = await newPerson(browser);
    const party = await signIn(partyContext, web.url, 'eerlijk-erts@demo.ketenkluis.test');
    await go(party, '/cases');
    await party.locator(`a[href="/cases/${caseId}"]`).click();
    await party.getByText('Voorgelegd aan de vergadering van partijen (art. 49)').waitFor();
    await expect(party.getByRole('heading', { name: 'Beraadslaging' }).count()).resolves.toBe(0);
    await party.getByLabel('tegen', { exact: true }).check();
    await party.getByLabel('Toelichting (niet verplicht)').fill('Eerst een gesprek met het secretariaat.');
    await expectAccessible(party, 'case-assembly-vote');
    await party.getByRole('button', { name: 'Stem uitbrengen' }).click();
    await party.getByText('Uw stem is vastgelegd.').waitFor();
    // back on the case later: one vote per party (art. 49), so its vote is shown as cast and no second ballot offered
    await go(party, '/cases');
    await party.locator(`a[href="/cases/${caseId}"]`).click();
    await party.getByText('Uw organisatie heeft in de vergadering gestemd', { exact: false }).waitFor();
    await expect(party.getByRole('button', { name: 'Stem uitbrengen' }).count()).resolves.toBe(0);

    const memberContext = await newPerson(browser);
    const member = await signIn(memberContext, web.url, 'metaalbond@demo.ketenkluis.test');
    await go(member, '/kerngroep');
    const escalated = member.locator('table', { has: member.locator('caption', { hasText: 'Voorgelegd aan de vergadering' }) });
    await escalated.locator(`a[href="/cases/${caseId}"]`).click();
    const votes = member.locator('table', { has: member.locator('caption', { hasText: 'Stemmen' }) });
    await votes.getByRole('row', { name: /Eerlijk Erts.*tegen.*Eerst een gesprek/ }).waitFor();
    await expect(votes.locator('tbody tr').count()).resolves.toBe(5); // four seats and one party so far
    // the timeline names the ruling's steps in words, never as the API's codes (issue 14, item 6)
    const timeline = (await member.locator('.timeline').textContent()) ?? '';
    expect(timeline).toContain('voorgelegd aan de vergadering van partijen');
    expect(timeline).not.toMatch(/ruling\.|brokering\./);
    await expectAccessible(member, 'case-escalated-member');
    await partyContext.close();
    await memberContext.close();
  });
});
