import { describe, expect, it } from 'vitest';
import { caseTitle } from './case-title.js';

describe('caseTitle: type, scope and subject, never an id (issue 14)', () => {
  it('an art-22 request names what and where, from the approved scope when there is one', () => {
    const t = caseTitle({ type: 'disclosure', scope: { countries: ['CD', 'ZM'], rawMaterials: ['cobalt'] }, approvedScope: { countries: ['CD'], rawMaterials: ['cobalt'], activityTypes: ['mining'], year: 2025 } }, 'en');
    expect(t).toBe('Art. 22 disclosure request: cobalt, mining — Democratic Republic of the Congo (2025)');
    expect(caseTitle({ type: 'disclosure', scope: { countries: ['BO'], rawMaterials: ['tin'] } }, 'nl')).toBe('Art. 22 verzoek om inzage: tin — Bolivia');
    // raw materials in words, as the pages show them (issue 14, item 6): never the English code in a French, Spanish or Dutch title
    expect(caseTitle({ type: 'disclosure', scope: { countries: ['BO'], rawMaterials: ['tin'] } }, 'es')).toBe('Solicitud de acceso (art. 22): estaño — Bolivia');
    expect(caseTitle({ type: 'disclosure', scope: { countries: ['CD'], rawMaterials: ['cobalt', 'copper'] } }, 'fr')).toBe('Demande d’accès (art. 22): cobalt, cuivre — République démocratique du Congo');
    expect(caseTitle({ type: 'disclosure', scope: { countries: ['CD'], rawMaterials: ['cobalt', 'unobtainium'] } }, 'nl')).toBe('Art. 22 verzoek om inzage: kobalt, unobtainium — Democratische Republiek Congo');
    // regions by name, not code (issue 14 item 5); a region that is no subdivision code as written
    expect(caseTitle({ type: 'disclosure', scope: { regions: ['CD-NK', 'Katanga'], rawMaterials: ['tin'] } }, 'en')).toBe('Art. 22 disclosure request: tin — Nord-Kivu, Katanga');
  });

  it('a restriction names its entries, company and level; a complaint its company', () => {
    expect(caseTitle({ type: 'restriction', restriction: { locationIds: ['a', 'b'], level: 'country' }, subjectCompany: { name: 'Acme' } }, 'en')).toBe('Art. 23 restriction request: 2 entries of Acme, country only');
    expect(caseTitle({ type: 'restriction' }, 'en')).toBe('Art. 23 restriction request');
    expect(caseTitle({ type: 'complaint', subjectCompany: { name: 'Acme' } }, 'nl')).toBe('Art. 83 klacht over Acme');
  });
});
