import { PublishAggregatedList } from '../../aggregated-list/publish-list.js';
import type { SeedContext } from './seed.js';

/** The demo's aggregated list of the current year, published as the secretariat does once a year (art. 19). */
export async function seedPublishedList(ctx: SeedContext): Promise<void> {
  await ctx.app.get(PublishAggregatedList, { strict: false }).publishIn(ctx.manager, { year: new Date().getUTCFullYear() }, null);
}
