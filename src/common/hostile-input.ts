import { type FieldProblem, InvalidInput } from './errors.js';

/**
 * How deep a JSON body may nest. The deepest body the API takes is three levels (`{locations: [{id, level}]}`);
 * 32 leaves room for growth while stopping a 10,000-deep body before any recursive code (class-transformer,
 * class-validator) walks it and overflows the stack.
 */
export const MAX_JSON_DEPTH = 32;

const NUL = '\u0000';
/** a high surrogate not followed by a low one, or a low one not preceded by a high one */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNPAIRED_SURROGATE = 'must be valid Unicode text (it holds an unpaired surrogate)';

const child = (path: string, key: string | number): string => {
  if (typeof key === 'number') return `${path || 'body'}[${key}]`;
  return path ? `${path}.${key}` : key;
};

/**
 * The first problem in a request part no handler should ever see, or undefined: a NUL character in any string
 * or key (PostgreSQL cannot store one in text, and no field of the API means one), an unpaired surrogate, or nesting deeper than
 * `maxDepth`. The walk is iterative, so a hostile depth cannot overflow it. `root` names a value that is not an
 * object (e.g. `body` for a JSON string body); fields are named as the validation pipe names them
 * (`name`, `locations[0].id`), and a too-deep value by its top-level field, since the full path is the problem.
 */
export function hostileValueProblem(value: unknown, root: string, maxDepth = MAX_JSON_DEPTH): FieldProblem | undefined {
  const stack: Array<{ value: unknown; path: string; depth: number; top: string }> = [{ value, path: '', depth: 0, top: root }];
  while (stack.length > 0) {
    const { value: v, path, depth, top } = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes(NUL)) return { field: path || root, problem: 'must not contain a NUL character' };
      // an unpaired UTF-16 surrogate (JSON allows "\ud800") is no text: stored, mailed or hashed it would be mangled
      if (LONE_SURROGATE.test(v)) return { field: path || root, problem: UNPAIRED_SURROGATE };
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= maxDepth) return { field: top, problem: `nests deeper than ${maxDepth} levels` };
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) {
        const p = child(path, i);
        stack.push({ value: v[i], path: p, depth: depth + 1, top: depth === 0 ? p : top });
      }
      continue;
    }
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i];
      const p = child(path, key);
      if (LONE_SURROGATE.test(key)) return { field: path || root, problem: `is not allowed: a field name ${UNPAIRED_SURROGATE}` };
      if (key.includes(NUL)) return { field: child(path, key.replaceAll(NUL, '\\0')), problem: 'is not allowed: a field name must not contain a NUL character' };
      stack.push({ value: (v as Record<string, unknown>)[key], path: p, depth: depth + 1, top: depth === 0 ? p : top });
    }
  }
  return undefined;
}

interface HookTarget {
  addHook(
    name: 'preValidation',
    hook: (request: { body?: unknown; query?: unknown; params?: unknown }, reply: unknown) => Promise<void>,
  ): unknown;
}

/**
 * Refuses, before any guard, pipe or handler runs, a request whose parsed body, query string or path parameters
 * hold a hostile value (see `hostileValueProblem`): 400 naming the field, in the API's error shape.
 */
export function refuseHostileInput(fastify: HookTarget): void {
  fastify.addHook('preValidation', async (request) => {
    const problem =
      hostileValueProblem(request.params, 'params') ?? hostileValueProblem(request.query, 'query') ?? hostileValueProblem(request.body, 'body');
    // a catch-all route's parameter is called `*` by Fastify: it is the request path
    if (problem) throw new InvalidInput('The request is invalid', [problem.field === '*' ? { ...problem, field: 'path' } : problem]);
  });
}
