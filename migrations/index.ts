import { Foundation1764000000000 } from './1764000000000-foundation.js';

/**
 * Every migration, in order. Listed explicitly (not globbed) so the same list works from compiled
 * JavaScript, under the test runner and in the Docker image. Add new migrations at the end.
 */
export const MIGRATIONS = [Foundation1764000000000];
