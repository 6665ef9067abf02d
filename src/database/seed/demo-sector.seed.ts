import { PasswordHasher } from '../../crypto/password.js';
import { CONSTITUENCY_OF_KIND, DEMO_KERNGROEP, DEMO_ORGANISATIONS, DEMO_PEOPLE } from './demo-sector.data.js';
import type { SeedContext } from './seed.js';

/** Organisations, people, Kerngroep seats and module participation of the demo sector. */
export async function seedDemoSector({ app, manager, config }: SeedContext): Promise<void> {
  const ids = new Map<string, string>();
  // Parties first, so local partners can point at the party they are affiliated to.
  const ordered = [...DEMO_ORGANISATIONS].sort((a, b) => Number(!!a.affiliatedTo) - Number(!!b.affiliatedTo));
  for (const o of ordered) {
    const isParty = ['company', 'ngo', 'union', 'branch_org'].includes(o.kind);
    const affiliatedTo = o.affiliatedTo ? ids.get(o.affiliatedTo) : null;
    const parent = o.affiliatedTo ? DEMO_ORGANISATIONS.find((p) => p.slug === o.affiliatedTo) : undefined;
    const constituency = CONSTITUENCY_OF_KIND[o.kind] ?? (parent ? CONSTITUENCY_OF_KIND[parent.kind] : null) ?? null;
    const [row] = await manager.query(
      `INSERT INTO organisations (slug, name, kind, is_party, constituency, affiliated_to, country)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [o.slug, o.name, o.kind, isParty, constituency, affiliatedTo, o.country],
    );
    ids.set(o.slug, row.id);
    for (const module of o.modules ?? []) {
      await manager.query('INSERT INTO module_participations (organisation_id, module) VALUES ($1, $2)', [row.id, module]);
    }
  }
  // Every demo person has the same documented password, so one Argon2id hash serves them all.
  const passwordHash = await app.get(PasswordHasher).hash(config.demoPassword);
  const people = new Map<string, string>();
  for (const p of DEMO_PEOPLE) {
    const [row] = await manager.query(
      `INSERT INTO people (organisation_id, email, name, language, password_hash, roles, is_kerngroep_chair)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [ids.get(p.organisation), p.email, p.name, p.language, passwordHash, p.roles, !!p.isKerngroepChair],
    );
    people.set(p.email, row.id);
  }
  for (const [constituency, seat] of Object.entries(DEMO_KERNGROEP)) {
    await manager.query(
      'UPDATE kerngroep_seats SET fixed_person_id = $2, deputy_person_id = $3 WHERE constituency = $1',
      [constituency, people.get(seat.fixed), people.get(seat.deputy)],
    );
  }
}
