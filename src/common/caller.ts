import { createParamDecorator, type ExecutionContext } from '@nestjs/common';

export const ORGANISATION_KINDS = ['company', 'ngo', 'union', 'branch_org', 'local_partner', 'secretariat', 'supporter'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** The geleding of art. 45: the four constituencies that hold a Kerngroep seat. */
export const CONSTITUENCIES = ['unions', 'ngos', 'branch_orgs', 'companies'] as const;
export type Constituency = (typeof CONSTITUENCIES)[number];

export const ROLES = ['member', 'org_admin', 'secretariat_staff'] as const;
export type Role = (typeof ROLES)[number];

/** A person's language: of their mail and their pages (issue 14, item 6: French and Spanish for the local partners). */
export const LANGUAGES = ['nl', 'en', 'fr', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * The signed-in person making a request, as loaded from the database for every request (the session row is
 * checked each time, so logout and disabling a person take effect at once). Facts that change per case or
 * NDA (active NDAs, module participation, case grants) are loaded by the policy layer, not here.
 */
export interface Caller {
  personId: string;
  sessionId: string;
  email: string;
  name: string;
  language: Language;
  roles: Role[];
  isKerngroepChair: boolean;
  /** the Kerngroep seat this person holds, if any (art. 45) */
  kerngroepSeat: { constituency: Constituency; position: 'fixed' | 'deputy' } | null;
  /**
   * How this session was authenticated (issue 17): its methods (`password`, `totp`, `recovery`, `passkey`), when its
   * second factor was last verified, and whether the person has a second factor at all. Read with the session.
   */
  authentication?: { methods: string[]; secondFactorAt: Date | null; hasSecondFactor: boolean };
  organisation: {
    id: string;
    slug: string;
    name: string;
    kind: OrganisationKind;
    isParty: boolean;
    constituency: Constituency | null;
    affiliatedTo: string | null;
  };
}

/** Injects the authenticated `Caller` (set on the request by the authentication guard). */
export const CurrentCaller = createParamDecorator((_: unknown, ctx: ExecutionContext): Caller => {
  const request = ctx.switchToHttp().getRequest<{ user?: Caller }>();
  if (!request.user) throw new Error('CurrentCaller used on a route without authentication');
  return request.user;
});
