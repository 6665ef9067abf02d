import type { Caller, Constituency } from '../../common/caller.js';
import { PasswordHasher } from '../../crypto/password.js';
import { AGREEMENT_STARTS_ON } from '../../organisations/governance/agreement-term.js';
import { KerngroepGovernanceService } from '../../organisations/governance/kerngroep-governance.service.js';
import { ModulesService } from '../../organisations/modules/modules.service.js';
import { CONSTITUENCY_OF_KIND, DEMO_KERNGROEP, DEMO_MODULES, DEMO_ORGANISATIONS, DEMO_PEOPLE } from './demo-sector.data.js';
import type { SeedContext } from './seed.js';

/**
 * Organisations and people of the demo sector; then the Kerngroep seats, the chair and the modules recorded through
 * the same use cases the secretariat's routes call (KerngroepGovernanceService, ModulesService), as its demo staff
 * member, in the seed's transaction: every rule of the agreement and every audit entry applies. No mail goes to the
 * fictional people.
 */
export async function seedDemoSector({ app, manager, config }: SeedContext): Promise<void> {
  const ids = new Map<string, string>();
  // Parties first, so local partners can point at the party they are affiliated to.
  const ordered = [...DEMO_ORGANISATIONS].sort((a, b) => Number(!!a.affiliatedTo) - Number(!!b.affiliatedTo));
  for (const o of ordered) {
    const isParty = ['company', 'ngo', 'union', 'branch_org'].includes(o.kind);
    const affiliatedTo = o.affiliatedTo ? ids.get(o.affiliatedTo) : null;
    const parent = o.affiliatedTo ? DEMO_ORGANISATIONS.find((p) => p.slug === o.affiliatedTo) : undefined;
    const constituency = CONSTITUENCY_OF_KIND[o.kind] ?? (parent ? CONSTITUENCY_OF_KIND[parent.kind] : null) ?? null;
    const [row] = await manager.query<Array<{ id: string }>>(
      `INSERT INTO organisations (slug, name, kind, is_party, constituency, affiliated_to, country)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [o.slug, o.name, o.kind, isParty, constituency, affiliatedTo, o.country],
    );
    ids.set(o.slug, row.id);
  }
  // Every demo person has the same documented password, so one Argon2id hash serves them all.
  const passwordHash = await app.get(PasswordHasher).hash(config.demoPassword);
  const people = new Map<string, string>();
  for (const p of DEMO_PEOPLE) {
    const [row] = await manager.query<Array<{ id: string }>>(
      `INSERT INTO people (organisation_id, email, name, language, password_hash, roles)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [ids.get(p.organisation), p.email, p.name, p.language, passwordHash, p.roles],
    );
    people.set(p.email, row.id);
  }

  const staffMember = DEMO_PEOPLE.find((p) => p.roles.includes('secretariat_staff'))!;
  const secretariat = DEMO_ORGANISATIONS.find((o) => o.kind === 'secretariat')!;
  const staff: Caller = {
    personId: people.get(staffMember.email)!,
    sessionId: 'demo-seed',
    email: staffMember.email,
    name: staffMember.name,
    language: staffMember.language,
    roles: staffMember.roles,
    isKerngroepChair: false,
    kerngroepSeat: null,
    organisation: { id: ids.get(secretariat.slug)!, slug: secretariat.slug, name: secretariat.name, kind: 'secretariat', isParty: false, constituency: null, affiliatedTo: null },
  };
  const within = { manager, quiet: true };

  const modules = app.get(ModulesService, { strict: false });
  for (const module of DEMO_MODULES) {
    const created = await modules.create(staff, { kind: module.kind, name: module.name, slug: module.slug, startsOn: module.startsOn, endsOn: module.endsOn }, manager);
    for (const o of DEMO_ORGANISATIONS.filter((x) => x.modules?.includes(module.slug))) {
      await modules.enrol(staff, created.id, ids.get(o.slug)!, manager);
    }
  }

  const governance = app.get(KerngroepGovernanceService, { strict: false });
  for (const [constituency, seat] of Object.entries(DEMO_KERNGROEP) as Array<[Constituency, (typeof DEMO_KERNGROEP)[Constituency]]>) {
    await governance.assignSeat(staff, constituency, {
      organisationId: ids.get(seat.organisation)!,
      fixedPersonId: people.get(seat.fixed)!,
      deputyPersonId: people.get(seat.deputy)!,
      effectiveFrom: AGREEMENT_STARTS_ON,
      decision: 'Demo: the Kerngroep as installed at the start of the agreement (art. 45)',
    }, within);
  }
  const chair = DEMO_PEOPLE.find((p) => p.isKerngroepChair)!;
  await governance.appointChair(staff, {
    personId: people.get(chair.email)!,
    effectiveFrom: AGREEMENT_STARTS_ON,
    serProposal: 'Demo: proposed by the SER',
    kerngroepDecision: 'Demo: confirmed by the Kerngroep at its first meeting (art. 54)',
  }, within);
}
