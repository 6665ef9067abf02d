import type { Constituency, Language, OrganisationKind, Role } from '../../common/caller.js';

/**
 * The fictional demo sector (issue 3, item 8). Development only, never seeded in production mode.
 * Every organisation's first person logs in as `<slug>@demo.ketenkluis.test`; every demo password is
 * `ketenkluis-demo` (or DEMO_PASSWORD). Other seed steps refer to organisations by slug.
 */
export const DEMO_DOMAIN = 'demo.ketenkluis.test';

/** A demo login: `<slug>@demo.ketenkluis.test` (the chair's slug is `voorzitter`). */
export const demoEmail = (slug: string): string => `${slug}@${DEMO_DOMAIN}`;

export interface DemoOrganisation {
  slug: string;
  name: string;
  kind: OrganisationKind;
  country: string;
  /** for local partners: the slug of the NGO or union party they are affiliated to (art. 22) */
  affiliatedTo?: string;
  /** module participation (art. 13, footnote 4: sector, risk, knowledge and practice modules), by module slug */
  modules?: string[];
}

export interface DemoPerson {
  email: string;
  name: string;
  organisation: string;
  roles: Role[];
  language: Language;
  isKerngroepChair?: boolean;
}

export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  { slug: 'secretariaat', name: 'Secretariaat Sectorovereenkomst Metaal', kind: 'secretariat', country: 'NL' },
  // Art. 54: the chair is proposed by the SER and is not part of the secretariat. Of the seven kinds only a
  // non-party without decision rights fits; the chair's powers come from the chair flag, never from the kind.
  { slug: 'ser-voorzitter', name: 'SER — onafhankelijk voorzitter Kerngroep', kind: 'supporter', country: 'NL' },
  { slug: 'staalwerk-twente', name: 'Staalwerk Twente B.V.', kind: 'company', country: 'NL' },
  { slug: 'gieterij-de-hoop', name: 'Gieterij De Hoop B.V.', kind: 'company', country: 'NL' },
  { slug: 'metaalbouw-brabant', name: 'Metaalbouw Brabant B.V.', kind: 'company', country: 'NL' },
  { slug: 'recycling-rijnmond', name: 'Recycling Rijnmond B.V.', kind: 'company', country: 'NL' },
  { slug: 'precisie-delft', name: 'Precisietechniek Delft B.V.', kind: 'company', country: 'NL' },
  { slug: 'koperwerk-zeeland', name: 'Koperwerk Zeeland B.V.', kind: 'company', country: 'NL' },
  { slug: 'mensenrechten-monitor', name: 'Stichting Mensenrechten Monitor', kind: 'ngo', country: 'NL', modules: ['sector-metaal', 'risico-mijnbouw'] },
  { slug: 'groene-keten', name: 'Stichting Groene Keten', kind: 'ngo', country: 'NL', modules: ['sector-metaal'] },
  { slug: 'eerlijk-erts', name: 'Eerlijk Erts', kind: 'ngo', country: 'NL' },
  { slug: 'metaalbond', name: 'Metaalbond', kind: 'union', country: 'NL', modules: ['sector-metaal'] },
  { slug: 'vakbond-industrie', name: 'Vakbond Industrie & Techniek', kind: 'union', country: 'NL' },
  { slug: 'branche-metaal', name: 'Branchevereniging Metaal Nederland', kind: 'branch_org', country: 'NL' },
  { slug: 'kivu-mining-watch', name: 'Kivu Mining Watch', kind: 'local_partner', country: 'CD', affiliatedTo: 'mensenrechten-monitor' },
  { slug: 'sindicato-potosi', name: 'Sindicato Minero de Potosí', kind: 'local_partner', country: 'BO', affiliatedTo: 'metaalbond' },
  { slug: 'kenniscentrum-metalen', name: 'Kenniscentrum Duurzame Metalen', kind: 'supporter', country: 'NL' },
];

/** The constituency (geleding, art. 45-46) of each party kind. */
export const CONSTITUENCY_OF_KIND: Partial<Record<OrganisationKind, Constituency>> = {
  company: 'companies',
  ngo: 'ngos',
  union: 'unions',
  branch_org: 'branch_orgs',
};

const person = (slug: string, name: string, roles: Role[] = ['member', 'org_admin'], language: Language = 'nl'): DemoPerson => ({
  email: demoEmail(slug),
  name,
  organisation: slug,
  roles,
  language,
});

export const DEMO_PEOPLE: DemoPerson[] = [
  { ...person('secretariaat', 'Sanne de Secretaris', ['member', 'org_admin', 'secretariat_staff']) },
  { ...person('ser-voorzitter', 'Victor Voorzitter', ['member']), email: demoEmail('voorzitter'), isKerngroepChair: true },
  person('staalwerk-twente', 'Tessa Twente'),
  person('gieterij-de-hoop', 'Gerrit de Hoop'),
  person('metaalbouw-brabant', 'Bram Brabant'),
  person('recycling-rijnmond', 'Rik Rijnmond'),
  person('precisie-delft', 'Daan Delft'),
  person('koperwerk-zeeland', 'Zoë Zeeland'),
  person('mensenrechten-monitor', 'Mira Monitor'),
  person('groene-keten', 'Gijs Groen'),
  person('eerlijk-erts', 'Eva Erts'),
  person('metaalbond', 'Mo Metaal'),
  person('vakbond-industrie', 'Ilse Industrie'),
  person('branche-metaal', 'Bert Branche'),
  { ...person('branche-metaal', 'Babette Branche', ['member']), email: `branche-metaal-2@${DEMO_DOMAIN}` },
  // Art. 47: each seat-holding organisation appoints its deputy from its own people.
  { ...person('metaalbond', 'Martin Metaal', ['member']), email: `metaalbond-2@${DEMO_DOMAIN}` },
  { ...person('mensenrechten-monitor', 'Mees Monitor', ['member']), email: `mensenrechten-monitor-2@${DEMO_DOMAIN}` },
  { ...person('staalwerk-twente', 'Tijmen Twente', ['member']), email: `staalwerk-twente-2@${DEMO_DOMAIN}` },
  // the local partners read their pages and mail in their own language (issue 14, item 6): DR Congo French, Bolivia Spanish
  person('kivu-mining-watch', 'Amani Kivu', ['member', 'org_admin'], 'fr'),
  person('sindicato-potosi', 'Lucía Potosí', ['member', 'org_admin'], 'es'),
  person('kenniscentrum-metalen', 'Karin Kennis'),
];

/**
 * Art. 46-47: one seat per constituency, held by a party organisation of that constituency, whose own people are the
 * fixed and the deputy representative (by email). Recorded through KerngroepGovernanceService, as the secretariat
 * would, from the start of the agreement's term (art. 66).
 */
export const DEMO_KERNGROEP: Record<Constituency, { organisation: string; fixed: string; deputy: string }> = {
  unions: { organisation: 'metaalbond', fixed: `metaalbond@${DEMO_DOMAIN}`, deputy: `metaalbond-2@${DEMO_DOMAIN}` },
  ngos: { organisation: 'mensenrechten-monitor', fixed: `mensenrechten-monitor@${DEMO_DOMAIN}`, deputy: `mensenrechten-monitor-2@${DEMO_DOMAIN}` },
  branch_orgs: { organisation: 'branche-metaal', fixed: `branche-metaal@${DEMO_DOMAIN}`, deputy: `branche-metaal-2@${DEMO_DOMAIN}` },
  companies: { organisation: 'staalwerk-twente', fixed: `staalwerk-twente@${DEMO_DOMAIN}`, deputy: `staalwerk-twente-2@${DEMO_DOMAIN}` },
};

/** Art. 13 footnote 4: the demo's modules, created through ModulesService. */
export const DEMO_MODULES: Array<{ slug: string; kind: 'sector' | 'knowledge' | 'practice' | 'risk'; name: string; startsOn: string; endsOn?: string }> = [
  { slug: 'sector-metaal', kind: 'sector', name: 'Sectormodule Metaal', startsOn: '2025-10-16', endsOn: '2029-12-31' },
  { slug: 'risico-mijnbouw', kind: 'risk', name: 'Risicomodule mijnbouw', startsOn: '2025-10-16', endsOn: '2029-12-31' },
];
