/**
 * A route's own read, folded into the session check's one statement (issue 18: "one round trip per authorized
 * read"): a scalar subquery over the session row's columns answering json, and how that json becomes what the
 * handler shows. Read in the same snapshot as the session and the caller's facts; the guard has decided before the
 * handler sees it, and a refused request never uses it. The SQL is written in the owning module's repository, as
 * with `SqlPart`, and named on the route with `@Policy(…, { reads })`; the handler takes it with
 * `PoliciesService.routeRead`.
 */
export interface RouteRead<T> {
  /** unique among route reads: names the statement's column */
  readonly name: string;
  /** `(SELECT … )` over the session row: `ref.personId`, `ref.organisationId`, `ref.affiliatedTo` are SQL expressions */
  sql(ref: RouteReadRefs): string;
  /**
   * The statement's parameters from the route's (`ref.param(i)` is the i-th), as the guard sees them: before the
   * route's validation pipe, so a value that is not well formed must become one that finds nothing (null), never
   * an SQL error; the route then answers its 400 or 404 as it would.
   */
  params?(route: Record<string, unknown>): unknown[];
  read(json: unknown): T;
}

export interface RouteReadRefs {
  personId: string;
  organisationId: string;
  /** the caller's organisation's `affiliated_to` (null for most) */
  affiliatedTo: string;
  /** the placeholder of the i-th of `params` */
  param(i: number): string;
}
