import { PATH_METADATA, METHOD_METADATA } from '@nestjs/common/constants.js';
import { RequestMethod } from '@nestjs/common';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { POLICY_KEY, PUBLIC_KEY, type RoutePolicy } from '../../src/policies/policy.decorator.js';

export interface AppRoute {
  method: string;
  /** e.g. `/api/v1/ndas/signatures/:id` */
  path: string;
  controller: string;
  handler: string;
  policy?: RoutePolicy;
  isPublic: boolean;
  /** the `:name` parameters in the path */
  params: string[];
}

const join = (...parts: string[]) => `/${parts.flatMap((p) => p.split('/')).filter(Boolean).join('/')}`;

/**
 * Every controller route of the running app, found from Nest's own module container (so routes other areas add
 * later are included), with the @Policy/@Public metadata the global guard reads.
 */
export function appRoutes(app: NestFastifyApplication): AppRoute[] {
  const modules = app.get(ModulesContainer);
  const scanner = new MetadataScanner();
  const out: AppRoute[] = [];
  const seen = new Set<unknown>();
  for (const module of modules.values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => object) | undefined;
      if (!type || seen.has(type)) continue;
      seen.add(type);
      const base = [Reflect.getMetadata(PATH_METADATA, type) ?? ''].flat()[0] as string;
      const classPolicy = Reflect.getMetadata(POLICY_KEY, type) as RoutePolicy | undefined;
      const classPublic = Reflect.getMetadata(PUBLIC_KEY, type) === true;
      for (const name of scanner.getAllMethodNames(type.prototype)) {
        const fn = (type.prototype as Record<string, unknown>)[name];
        const sub = Reflect.getMetadata(PATH_METADATA, fn as object);
        if (sub === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, fn as object) as number];
        for (const p of [sub].flat() as string[]) {
          const path = join(base, p);
          out.push({
            method: method === 'ALL' ? 'GET' : method,
            path,
            controller: type.name,
            handler: name,
            policy: (Reflect.getMetadata(POLICY_KEY, fn as object) as RoutePolicy | undefined) ?? classPolicy,
            isPublic: Reflect.getMetadata(PUBLIC_KEY, fn as object) === true || classPublic,
            params: [...path.matchAll(/:(\w+)/g)].map((m) => m[1]),
          });
        }
      }
    }
  }
  return out.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}
