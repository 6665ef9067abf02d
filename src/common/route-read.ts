/**
 * A route's own read, folded into the session check's one statement (issue 18: "one round trip per authorized
 * read"): a scalar subquery over the session row's columns answering json, and how that json becomes what the
 * handler shows. Read in the same snapshot as the session and the caller's facts; the guard has decided before the
 * handler sees it, and a refused request never uses it. The SQL is written in the owning module's repository, as
 * with `SqlPart`, and named on the route with `@Policy(…, { reads })`; the handler takes it with
 * `AuthService.routeRead`.
 */
export interface RouteRead<T> {
  /** unique among route reads: names the statement's column */
  readonly name: string;
  /** `(SELECT … )` over the session row: `ref.personId`, `ref.organisationId`, `ref.affiliatedTo` are SQL expressions */
  sql(ref: RouteReadRefs): string;
  read(json: unknown): T;
}

export interface RouteReadRefs {
  personId: string;
  organisationId: string;
  /** the caller's organisation's `affiliated_to` (null for most) */
  affiliatedTo: string;
}
