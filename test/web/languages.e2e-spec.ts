import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as } from '../support/cases-helpers.js';
import { BROWSER_HOOK_TIMEOUT, BROWSER_TEST_TIMEOUT, cspViolations, expectAccessible, go, launchBrowser, newPerson, screenshot, settled, signIn, startWebApp, type WebApp } from '../support/browser.js';

/**
 * Issue 14, item 6 and "Bad input", through the browser: the local partners use their pages in their own language
 * (Kivu Mining Watch in DR Congo in French on a phone, Sindicato Minero de Potosí in Spanish), an art-22 request
 * with thin grounds and no raw material is answered at each field in French, the French NDA text is the one signed
 * (its own SHA-256, its language recorded and audited), and a Dutch page shows no English codes for fixed values.
 */
describe('web: languages (issue 14, item 6)', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  let web: WebApp;
  let browser: Browser;

  beforeAll(async () => {
    web = await startWebApp();
    browser = await launchBrowser();
    // each partner follows a case of its own (filed as the partners file them, through the API)
    const kivu = await as(web, 'kivu-mining-watch');
    const potosi = await as(web, 'sindicato-potosi');
    for (const [who, body] of [
      // the partners write their grounds in their own language, as they read the pages in it
      [kivu, { type: 'disclosure', grounds: 'Des enfants ont été vus creusant dans des puits artisanaux de cobalt autour de Goma (Nord-Kivu).', scope: { countries: ['CD'], rawMaterials: ['cobalt'] } }],
      [potosi, { type: 'disclosure', grounds: 'Nuestros afiliados denuncian pozos inseguros y exposición al mercurio en las minas de estaño de Potosí.', scope: { countries: ['BO'], rawMaterials: ['tin'] } }],
    ] as const) {
      const res = await who.post('/api/v1/cases', body);
      if (res.status !== 201) throw new Error(`filing failed: ${res.status} ${JSON.stringify(res.body)}`);
    }
  }, BROWSER_HOOK_TIMEOUT);
  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  const openFirstCase = async (page: Page) => {
    await page.locator('header nav a[href="/cases"]').click();
    await page.locator('main table tbody tr a, main .card a').first().click();
    await page.waitForURL((u) => /^\/cases\/[0-9a-f-]{36}$/.test(u.pathname));
    await page.locator('#page-title').waitFor();
    await settled(page);
  };

  it('a local partner in DR Congo uses its pages in French on a 360 px phone; the art-22 form answers at each field in French', async () => {
    const context = await newPerson(browser, { phone: true, locale: 'fr-CD' });
    const page = await context.newPage();
    // before sign-in: the browser's language
    await page.goto(`${web.url}/sign-in`);
    await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('fr');
    await expectAccessible(page, 'fr-sign-in-phone');
    await page.close();

    // after sign-in: the person's stored language (the demo seeds Kivu Mining Watch's people in French)
    const home = await signIn(context, web.url, 'kivu-mining-watch@demo.ketenkluis.test');
    await home.getByRole('heading', { name: 'À faire' }).waitFor();
    await settled(home);
    await expect(home.locator('html').getAttribute('lang')).resolves.toBe('fr');
    await expect(home.locator('header').textContent()).resolves.toContain('Se déconnecter');
    await expectAccessible(home, 'fr-partner-home-phone');
    await screenshot(home, 'fr-partner-home-phone');

    // Bad input: thin grounds and no raw material; each problem at its field, in French
    await go(home, '/ngo/request');
    await home.getByRole('heading', { level: 1, name: 'Déposer une demande au titre de l’art. 22' }).waitFor();
    await home.getByLabel('Filtrer la liste').fill('Congo-Kinshasa');
    await home.getByRole('checkbox', { name: /^Congo-Kinshasa/ }).check();
    await home.getByLabel('Motifs : le risque ou la violation que vous avez constaté').fill('Puits dangereux');
    await home.getByRole('button', { name: 'Envoyer au Kerngroep' }).click();
    const groundsProblem = home.locator('#req-grounds-problem');
    await groundsProblem.waitFor();
    await expect(groundsProblem.textContent()).resolves.toBe('doit contenir au moins 50 caractères');
    await expect(home.locator('#req-grounds').getAttribute('aria-describedby')).resolves.toBe('req-grounds-problem');
    await expect(home.locator('fieldset[aria-invalid="true"]').textContent()).resolves.toContain('indiquez au moins une matière première ou un type d’activité');
    await expectAccessible(home, 'fr-art22-bad-input-phone');
    await screenshot(home, 'fr-art22-bad-input-phone');
    await expect(web.db.query(`SELECT count(*)::int AS n FROM cases c JOIN organisations o ON o.id = c.requester_organisation_id WHERE o.slug = 'kivu-mining-watch'`)).resolves.toEqual([{ n: 1 }]);

    // its case in French: the state and the timeline in words
    await openFirstCase(home);
    await expect(home.locator('main').textContent()).resolves.toContain('en attente du Kerngroep');
    await expect(home.locator('.timeline').textContent()).resolves.toContain('déposé');
    await expectAccessible(home, 'fr-partner-case-phone');
    await screenshot(home, 'fr-partner-case-phone');
    expect(cspViolations(context)).toEqual([]);
    await context.close();
  });

  it('the NDA a local partner signs in French: the French text and its own SHA-256 are signed, the signature and the audit record the language', async () => {
    const context = await newPerson(browser, { phone: true, locale: 'fr-CD' });
    const page = await signIn(context, web.url, 'kivu-mining-watch@demo.ketenkluis.test');
    await page.locator('header nav a[href="/my"]').click();
    await page.getByRole('heading', { name: 'Accords de confidentialité' }).waitFor();
    await settled(page);
    await page.getByRole('button', { name: /Lire et signer ?: clause de confidentialité standard/ }).click();
    await page.locator('.nda-text').waitFor();
    await expect(page.locator('.nda-text').getAttribute('lang')).resolves.toBe('fr');
    await expect(page.locator('.nda-text').textContent()).resolves.toContain('le signataire obtient un accès temporaire');
    const sha = (await page.locator('.hash code').textContent())!.trim();
    await expect(page.locator('.hash').textContent()).resolves.toContain('✓');
    await page.getByLabel(/Tapez votre nom complet/).fill('Amani Kivu');
    await page.getByLabel(/J’ai lu le texte intégral/).check();
    await expectAccessible(page, 'fr-nda-sign-phone');
    await screenshot(page, 'fr-nda-sign-phone');
    await page.getByRole('button', { name: 'Signer', exact: true }).click();
    await page.getByText('Signé. L’accord s’applique dès maintenant.').waitFor();

    const [text] = await web.db.query(`SELECT id, sha256, language FROM nda_texts WHERE kind = 'disclosure' AND language = 'fr'`);
    const [dutch] = await web.db.query(`SELECT sha256 FROM nda_texts WHERE kind = 'disclosure' AND language = 'nl'`);
    expect(text.sha256).toBe(sha);
    expect(dutch.sha256).not.toBe(sha);
    const signatures = await web.db.query(
      `SELECT s.id, s.text_id, s.language FROM nda_signatures s JOIN organisations o ON o.id = s.organisation_id WHERE o.slug = 'kivu-mining-watch'`,
    );
    expect(signatures).toEqual([{ id: expect.any(String), text_id: text.id, language: 'fr' }]);
    const [audit] = await web.db.query(`SELECT details FROM audit_log WHERE action = 'ndas.sign' AND object_id = $1`, [signatures[0].id]);
    expect(audit.details).toMatchObject({ kind: 'disclosure', language: 'fr', sha256: sha, version: 1 });
    // the signature table says which language was signed
    await settled(page);
    await expect(page.locator('main table').first().textContent()).resolves.toContain('Français');
    await context.close();
  });

  it('a Bolivian partner uses its pages in Spanish, at 1280 px and at 360 px', async () => {
    for (const phone of [false, true]) {
      const context = await newPerson(browser, { phone, locale: 'es-BO' });
      const page = await signIn(context, web.url, 'sindicato-potosi@demo.ketenkluis.test');
      await page.getByRole('heading', { name: 'Pendiente' }).waitFor();
      await settled(page);
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('es');
      await expectAccessible(page, `es-partner-home${phone ? '-phone' : ''}`);
      await screenshot(page, `es-partner-home${phone ? '-phone' : ''}`);
      await openFirstCase(page);
      await expect(page.locator('main').textContent()).resolves.toContain('a la espera del Kerngroep');
      await expect(page.locator('main').textContent()).resolves.toContain('estaño');
      await expectAccessible(page, `es-partner-case${phone ? '-phone' : ''}`);
      await screenshot(page, `es-partner-case${phone ? '-phone' : ''}`);
      await context.close();
    }
  });

  it('in a Dutch browser the demo partners read their stored language (French, Spanish) on their home, case and NDA pages at 1280 and 360 px: no English or Dutch labels, no codes', async () => {
    const partners = [
      { lang: 'fr', email: 'kivu-mining-watch@demo.ketenkluis.test', todo: 'À faire', labels: ['Se déconnecter', 'Mes dossiers'], columns: ['Statut', 'Demandeur', 'Prochaine échéance'], state: 'en attente du Kerngroep', title: 'Demande d’accès (art. 22): cobalt — Congo-Kinshasa', caseLabels: ['Motifs', 'Étendue demandée', 'Matières premières', 'Échéances', 'Historique', 'Retirer la demande'], annex: 'annexe' },
      { lang: 'es', email: 'sindicato-potosi@demo.ketenkluis.test', todo: 'Pendiente', labels: ['Cerrar sesión', 'Mis casos'], columns: ['Estado', 'Solicitante', 'Próximo plazo'], state: 'a la espera del Kerngroep', title: 'Solicitud de acceso (art. 22): estaño — Bolivia', caseLabels: ['Motivos', 'Alcance solicitado', 'Materias primas', 'Plazos', 'Historial', 'Retirar la solicitud'], annex: 'anexo' },
    ];
    // words the English and Dutch pages show for the same places, and codes of fixed values: none may appear
    const ENGLISH = ['To do', 'Sign out', 'My cases', 'All my cases', 'Overview', 'Requester', 'Next deadline', 'Opened', 'Grounds', 'Requested scope', 'Raw materials', 'Deadlines', 'Timeline', 'Your message', 'Withdraw', 'awaiting', 'Nothing', 'Confidentiality agreements', 'Read and sign', 'annex'];
    const DUTCH = ['Te doen', 'Afmelden', 'Mijn zaken', 'Overzicht', 'Verzoeker', 'Eerstvolgende termijn', 'Onderbouwing', 'Grondstoffen', 'Termijnen', 'Tijdlijn', 'Intrekken', 'wacht', 'Geheimhoudingsovereenkomsten', 'bijlage'];
    const CODES = ['awaiting_ruling', 'awaiting_consent', 'disclosure', 'filed', 'voting', 'tin', 'CD', 'BO', 'ngos', 'unions', 'local_partner', 'cso-monitoring', 'company-region', 'supporters-protocol', 'secretariat-obligation', 'second-factor'];
    const word = (w: string) => new RegExp(`(^|[^\\p{L}_-])${w}([^\\p{L}_-]|$)`, 'u');
    const clean = (text: string, where: string) => {
      for (const w of [...ENGLISH, ...DUTCH, ...CODES]) expect(text, `"${w}" on ${where}`).not.toMatch(word(w));
    };
    for (const p of partners) {
      for (const phone of [false, true]) {
        const size = phone ? '360' : '1280';
        const context = await newPerson(browser, { phone, locale: 'nl-NL' });
        const home = await signIn(context, web.url, p.email);
        await home.getByRole('heading', { name: p.todo }).waitFor();
        await settled(home);
        await expect(home.locator('html').getAttribute('lang')).resolves.toBe(p.lang);
        const homeText = await home.locator('body').innerText();
        for (const label of p.labels) expect(homeText, `${label} on the ${p.lang} home page`).toContain(label);
        // the case table's columns: headers at 1280 px, each card's labels at 360 px
        for (const column of p.columns) {
          if (phone) await expect(home.locator(`main td[data-label="${column}"]`).count(), `${column} on the ${p.lang} cards`).resolves.toBeGreaterThan(0);
          else expect(homeText, `${column} on the ${p.lang} home page`).toContain(column);
        }
        expect(homeText).toContain(p.state);
        expect(homeText).toContain(p.title);
        clean(homeText, `the ${p.lang} home page at ${size} px`);
        await expectAccessible(home, `partner-home-${p.lang}-${size}`);

        await openFirstCase(home);
        const caseText = await home.locator('body').innerText();
        for (const label of p.caseLabels) expect(caseText, `${label} on the ${p.lang} case page`).toContain(label);
        expect(caseText).toContain(p.title);
        clean(caseText, `the ${p.lang} case page at ${size} px`);
        if (phone) expect(await home.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
        await expectAccessible(home, `partner-case-${p.lang}-${size}`);

        await go(home, '/my/ndas');
        const ndaText = await home.locator('main').innerText();
        expect(ndaText).toContain(`(${p.annex}, `); // the supporters' protocol is in the annex, not "art. annex"
        clean(ndaText, `the ${p.lang} NDA page at ${size} px`);
        await expectAccessible(home, `partner-ndas-${p.lang}-${size}`);
        await context.close();
      }
    }
    // the API's case title is in the person's stored language too
    const kivu = await as(web, 'kivu-mining-watch');
    const titles = (await kivu.get('/api/v1/cases')).body.items.map((c: { title: string }) => c.title);
    expect(titles).toContain('Demande d’accès (art. 22): cobalt — République démocratique du Congo');
  });

  it('the switcher offers the four languages and is remembered in this browser', async () => {
    const context = await newPerson(browser, { locale: 'nl-NL' });
    const page = await context.newPage();
    await page.goto(`${web.url}/sign-in`);
    const switcher = page.getByRole('combobox', { name: 'Taal' });
    await switcher.waitFor();
    await expect(switcher.locator('option').allTextContents()).resolves.toEqual(['Nederlands', 'English', 'Français', 'Español']);
    await switcher.selectOption('es');
    await page.getByRole('heading', { level: 1, name: 'Iniciar sesión' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Iniciar sesión' }).waitFor();
    await context.close();
  });

  it('signed in, a choice in the switcher becomes the person\'s language: stored, and the next sign-in elsewhere opens in it', async () => {
    const email = 'eerlijk-erts@demo.ketenkluis.test';
    const language = async () => ((await web.db.query(`SELECT language FROM people WHERE email = $1`, [email])) as Array<{ language: string }>)[0].language;
    const before = await language();
    const first = await newPerson(browser, { locale: 'nl-NL' });
    const page = await signIn(first, web.url, email);
    await page.locator('header select.language').selectOption('fr');
    await page.locator('html[lang="fr"]').waitFor({ state: 'attached' });
    await expect.poll(language, { timeout: 10_000 }).toBe('fr');
    expect(before).not.toBe('fr');
    await first.close();
    // another browser, nothing remembered there: the page follows the stored language once signed in
    const other = await newPerson(browser, { locale: 'nl-NL' });
    const again = await signIn(other, web.url, email);
    await again.locator('html[lang="fr"]').waitFor({ state: 'attached' });
    await expectAccessible(again, 'language-stored');
    await other.close();
  });

  it('a Dutch page shows no English codes for fixed values', async () => {
    const context = await newPerson(browser, { locale: 'nl-NL' });
    // a company reads its own monitoring result (round, signal, OECD steps) and its case pages
    const page = await signIn(context, web.url, 'gieterij-de-hoop@demo.ketenkluis.test');
    await settled(page);
    const shown: string[] = [(await page.locator('body').innerText())];
    // its own list, as if the Kerngroep had restricted its entries to country level: the level in words
    const ownEntries = `organisation_id = (SELECT id FROM organisations WHERE slug = 'gieterij-de-hoop') AND is_current`;
    expect((await web.db.query(`SELECT DISTINCT restriction_level FROM production_locations WHERE ${ownEntries}`)).map((r: { restriction_level: string }) => r.restriction_level)).toEqual(['none']);
    await web.db.query(`UPDATE production_locations SET restriction_level = 'country' WHERE ${ownEntries}`);
    await go(page, '/company/list');
    await page.getByRole('cell', { name: 'alleen op landniveau', exact: true }).first().waitFor();
    shown.push(await page.locator('body').innerText());
    await web.db.query(`UPDATE production_locations SET restriction_level = 'none' WHERE ${ownEntries}`);
    for (const path of ['/company/monitoring', '/company/aggregated', '/my']) {
      await go(page, path);
      await settled(page);
      shown.push(await page.locator('body').innerText());
      if (path === '/company/monitoring') {
        // the plan of action's pickers: OECD steps and themes in words, not numbers and codes
        expect(await page.locator('#m-theme-0 option').allTextContents()).toEqual(['beleid', 'risicobeoordeling', 'leveranciers betrekken', 'audits', 'training', 'klachtenmechanisme', 'herstel', 'samenwerking', 'overig']);
        expect(await page.locator('#m-step-0 option').first().textContent()).toBe('1. IMVO verankeren in beleid en beheer');
        await expectAccessible(page, 'nl-plan-of-action');
        await screenshot(page, 'nl-plan-of-action');
      }
      if (path === '/company/aggregated') {
        // the aggregated list's filters: raw materials and activities in words
        const materials = await page.locator('#agg-material option').allTextContents();
        expect(materials).toContain('kobalt');
        expect(materials).not.toContain('cobalt');
        expect(await page.locator('#agg-activityType option').allTextContents()).toContain('mijnbouw');
      }
    }
    const ngo = await signIn(await newPerson(browser, { locale: 'nl-NL' }), web.url, 'mensenrechten-monitor@demo.ketenkluis.test');
    await settled(ngo);
    shown.push(await ngo.locator('body').innerText());
    await openFirstCase(ngo);
    shown.push(await ngo.locator('body').innerText());
    const text = shown.join('\n');
    expect(text).toContain('oranje');
    for (const code of ['baseline', 'year2', 'orange', 'green', 'mining', 'smelting', 'refining', 'cobalt', 'copper', 'ngo', 'local_partner', 'awaiting_ruling', 'filed', 'received', 'ruling-approved', 'country', 'hidden']) {
      expect(text, `"${code}" on a Dutch page`).not.toMatch(new RegExp(`(^|[^\\p{L}_-])${code}([^\\p{L}_’'-]|$)`, 'u'));
    }
    await context.close();
  });

  it('an API 400 is worded in Dutch for a Dutch page (Accept-Language), with the field and the English problem kept', async () => {
    const context = await newPerson(browser, { locale: 'nl-NL' });
    const page = await signIn(context, web.url, 'mensenrechten-monitor@demo.ketenkluis.test');
    await go(page, '/ngo/request');
    await settled(page);
    await page.locator('#on-behalf').selectOption({ label: 'Kivu Mining Watch' });
    await page.getByLabel('Lijst filteren').fill('Democratische Republiek Congo');
    await page.getByRole('checkbox', { name: /^Democratische Republiek Congo/ }).check();
    await page.getByLabel('Onderbouwing: het risico of de schending die u vond').fill('Kinderarbeid');
    // the form's raw materials are named in Dutch (issue 14, item 6)
    await page.getByRole('checkbox', { name: 'kobalt', exact: true }).waitFor();
    expect(await page.getByRole('checkbox', { name: 'cobalt', exact: true }).count()).toBe(0);
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/cases') && r.request().method() === 'POST');
    await page.getByRole('button', { name: /Kerngroep/ }).click();
    const res = await answer;
    expect(res.status()).toBe(400);
    expect(res.request().headers()['accept-language']).toBe('nl');
    const body = await res.json();
    expect(body.details).toEqual([
      { field: 'grounds', problem: 'must be longer than or equal to 50 characters', message: 'moet minstens 50 tekens lang zijn' },
      { field: 'scope.rawMaterials', problem: expect.stringContaining('raw material'), message: expect.stringContaining('noem minstens één grondstof') },
    ]);
    await expect(page.locator('#req-grounds-problem').textContent()).resolves.toBe('moet minstens 50 tekens lang zijn');
    await expectAccessible(page, 'nl-art22-bad-input');
    await screenshot(page, 'nl-art22-bad-input');
    await context.close();
  });
});
