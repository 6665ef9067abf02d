import type { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { AppConfig } from '../../config/config.js';
import { seedDemoSector } from './demo-sector.seed.js';
import { seedProductionLocations } from './production-locations.seed.js';
import { seedNdasAndMonitoring } from './ndas-monitoring.seed.js';
import { seedPublishedList } from './aggregated-list.seed.js';

export interface SeedContext {
  app: INestApplicationContext;
  manager: EntityManager;
  config: AppConfig;
  // function-valued properties (arrow functions over the step's lookup maps), so a step may destructure them
  /** id of a demo organisation by slug */
  org: (slug: string) => string;
  /** id of a demo person by email */
  person: (email: string) => string;
}

export interface SeedStep {
  name: string;
  run(ctx: SeedContext): Promise<void>;
}

/**
 * The demo data, step by step; each feature adds its own step after the sector exists. All steps run in one
 * transaction, so a failure leaves an empty database that the next start seeds again.
 */
export const SEED_STEPS: SeedStep[] = [{ name: 'sector', run: seedDemoSector }, { name: 'ndas-monitoring', run: seedNdasAndMonitoring }, { name: 'production-locations', run: seedProductionLocations },
  { name: 'aggregated-list', run: seedPublishedList },
];

const SEED_LOCK = 727_002;

/** Seeds the demo sector when the database has no organisations yet. Returns whether it seeded. */
export async function seedDemoIfEmpty(app: INestApplicationContext, config: AppConfig): Promise<boolean> {
  if (!config.seedDemo) return false;
  const dataSource = app.get<DataSource>(getDataSourceToken());
  return dataSource.transaction(async (manager) => {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
    const [{ count }] = await manager.query<Array<{ count: number }>>('SELECT count(*)::int AS count FROM organisations');
    if (count > 0) return false;
    const orgs = new Map<string, string>();
    const people = new Map<string, string>();
    const ctx: SeedContext = {
      app,
      manager,
      config,
      org: (slug) => {
        const id = orgs.get(slug);
        if (!id) throw new Error(`demo organisation ${slug} unknown`);
        return id;
      },
      person: (email) => {
        const id = people.get(email);
        if (!id) throw new Error(`demo person ${email} unknown`);
        return id;
      },
    };
    for (const step of SEED_STEPS) {
      await step.run(ctx);
      // Refresh the lookup tables after each step so later steps see what earlier ones created.
      for (const r of await manager.query<Array<{ slug: string; id: string }>>('SELECT slug, id FROM organisations')) orgs.set(r.slug, r.id);
      for (const r of await manager.query<Array<{ email: string; id: string }>>('SELECT email, id FROM people')) people.set(r.email, r.id);
    }
    return true;
  });
}
