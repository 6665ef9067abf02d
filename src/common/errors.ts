/**
 * Domain errors thrown by services; `ApiExceptionFilter` maps them to the API's one error shape
 * (`{statusCode, error, message, details?, missing?}`). Never build a message from confidential values.
 */
export interface FieldProblem {
  field: string;
  problem: string;
  /** for uploads: the 1-based data row */
  row?: number;
  /** `problem` in the language of the request (issue 14, item 6); added by the exception filter */
  message?: string;
}

export abstract class DomainError extends Error {
  abstract readonly statusCode: number;
  details?: FieldProblem[];
  missing?: string[];
  /** for a 403: the policy rules (file, rule id, article) that refused it */
  decidedBy?: Array<{ policy: string; rule: string; article: string }>;
}

/**
 * 404: the object does not exist, or the caller may not know it exists. Both get the identical answer (issue 11,
 * section 2): the message names only the kind of object, never the id asked for, and spells the kind the same way
 * whether a service or the policy layer (`MonitoringResult`, `Plan of action`, `production-location`) threw it, so
 * an unknown id and a not-yours id answer byte for byte the same body.
 */
export class NotFound extends DomainError {
  readonly statusCode = 404;
  /** `_id` is accepted for the callers' convenience and deliberately never shown (ids do not leak existence). */
  constructor(subject: string, _id?: string) {
    super(`${notFoundLabel(subject)} not found`);
  }
}

/** `MonitoringResult`, `monitoring result` and `Monitoring-result` all become `Monitoring result`. */
export function notFoundLabel(subject: string): string {
  const words = subject
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[-_\s]+/g, ' ')
    .trim()
    .toLowerCase()
    .replace(/\bnda\b/g, 'NDA');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** 403: the caller may know the object but not act on it; `missing` names the grants that would allow it. */
export class NotAllowed extends DomainError {
  readonly statusCode = 403;
  constructor(message: string, missing: string[] = [], decidedBy?: Array<{ policy: string; rule: string; article: string }>) {
    super(message);
    this.missing = missing;
    if (decidedBy) this.decidedBy = decidedBy;
  }

  /** The refusal of a policy rule: its message cites the rule and article, `decidedBy` names them (issue 11). */
  static byPolicy(refusal: { message: string; missing: string[]; decidedBy: Array<{ policy: string; rule: string; article: string }> }): NotAllowed {
    return new NotAllowed(refusal.message, refusal.missing, refusal.decidedBy);
  }
}

/** 409: the action does not apply in the object's current state; nothing was changed. */
export class InvalidTransition extends DomainError {
  readonly statusCode = 409;
}

/** 409: a conflict with the current data (duplicate, stale version, outdated text). */
export class Conflict extends DomainError {
  readonly statusCode = 409;
}

/** 400: input that fails validation; `details` names each field and its problem. */
export class InvalidInput extends DomainError {
  readonly statusCode: number = 400;
  constructor(message: string, details: FieldProblem[]) {
    super(message);
    this.details = details;
  }
}

/** 422: a well-formed request whose content cannot be accepted (e.g. an upload with bad rows). */
export class Unprocessable extends InvalidInput {
  override readonly statusCode = 422;
}

export class Unauthenticated extends DomainError {
  readonly statusCode = 401;
}

export class TooManyRequests extends DomainError {
  readonly statusCode = 429;
  constructor(readonly retryAfterSeconds: number) {
    super('Too many requests; try again later');
  }
}
