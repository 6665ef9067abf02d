import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '../../config/config.js';
import { demoEmail } from './demo-sector.data.js';
import { DEMO_SHARED_SUPPLIERS } from './production-locations.seed.js';

/**
 * Demo cases (issue 8, "signs in as any demo person can do that person's whole job"): after the demo sector is
 * committed, three cases are opened through the public API, as the demo people themselves would — every policy,
 * state-machine check, timeline event, audit entry and mail applies, nothing is written around them:
 *
 * 1. Kivu Mining Watch asks for the Nord-Kivu cobalt mine sites (art. 22). The four seats approve by consensus
 *    (art. 49); the companies' seat votes although its holders list that mine: an art-22 request is not "about" the
 *    companies sourcing in scope, and recusing them would tell the other seats who sources there (art. 84, 19, 21).
 *    The case now waits for the consent of the three companies concerned (art. 19): Staalwerk Twente, Gieterij De
 *    Hoop and Precisietechniek Delft each have a request to answer.
 * 2. Sindicato Minero de Potosí asks for the Bolivian tin sites. It waits for the Kerngroep: the four seats have a
 *    vote to cast before the vote's deadline (art. 49).
 * 3. Koperwerk Zeeland asks to restrict its Minera Cerro Rico entry to country level (art. 23-24), also waiting for
 *    the Kerngroep.
 *
 * It runs only right after the sector was seeded (one instance does that, under the seed lock), so a restart or a
 * second instance never adds cases again. The deadlines run from the moment of seeding.
 */
export async function seedDemoCases(app: NestFastifyApplication, config: AppConfig): Promise<number> {
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.ready();
  // the answer's shape is the route's response DTO; the caller names the part it reads
  const call = async <T = unknown>(token: string | null, method: 'GET' | 'POST', url: string, payload?: unknown): Promise<T> => {
    const res = await fastify.inject({
      method,
      url,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
    if (res.statusCode >= 300) throw new Error(`demo cases: ${method} ${url} answered ${res.statusCode}: ${res.body}`);
    return res.json<T>();
  };
  const tokens = new Map<string, string>();
  const as = async (slug: string) => {
    if (!tokens.has(slug)) {
      const { accessToken } = await call<{ accessToken: string }>(null, 'POST', '/api/v1/auth/login', { email: demoEmail(slug), password: config.demoPassword });
      tokens.set(slug, accessToken);
    }
    const token = tokens.get(slug)!;
    return {
      get: <T = unknown>(url: string) => call<T>(token, 'GET', url),
      post: <T = unknown>(url: string, body: unknown) => call<T>(token, 'POST', url, body),
    };
  };
  // 1. Approved by the Kerngroep, waiting for the companies' consent.
  const kivu = await (await as('kivu-mining-watch')).post<{ id: string }>('/api/v1/cases', {
    type: 'disclosure',
    grounds:
      'Children were seen digging at artisanal cobalt pits around Goma (Nord-Kivu). To verify this with the ' +
      'communities and report it, we need to know which mine sites supply the member companies.',
    // a region alone narrows to Nord-Kivu (countries and regions are alternatives: a listed country takes all its regions)
    scope: { regions: [DEMO_SHARED_SUPPLIERS.kivu.region], rawMaterials: ['cobalt'] },
  });
  for (const voter of ['metaalbond', 'mensenrechten-monitor', 'branche-metaal', 'staalwerk-twente']) {
    await (await as(voter)).post(`/api/v1/cases/${kivu.id}/votes`, { vote: 'for', reason: voter === 'metaalbond' ? 'Well founded, the scope is narrow.' : undefined });
  }

  // 2. Waiting for the Kerngroep: every seat has a vote to cast before the deadline.
  await (await as('sindicato-potosi')).post('/api/v1/cases', {
    type: 'disclosure',
    grounds: 'Our members report unsafe shafts and mercury exposure at tin mines around Potosí. We ask for the tin sites in Bolivia.',
    scope: { countries: [DEMO_SHARED_SUPPLIERS.cerroRico.country], rawMaterials: ['tin'] },
  });

  // 3. A company's restriction request, waiting for the Kerngroep.
  const koperwerk = await as('koperwerk-zeeland');
  const year = new Date().getUTCFullYear();
  const own = (await koperwerk.get<{ items: Array<{ id: string; supplierName: string }> }>(`/api/v1/production-locations?year=${year}&pageSize=500`)).items;
  const cerroRico = own.find((e) => /cerro\s+rico/i.test(e.supplierName));
  if (!cerroRico) throw new Error('demo cases: Koperwerk Zeeland does not list Minera Cerro Rico');
  await koperwerk.post('/api/v1/cases', {
    type: 'restriction',
    grounds: 'Naming this mine would point at the union representatives who reported the working conditions there.',
    locationIds: [cerroRico.id],
    level: 'country',
  });
  return 3;
}
