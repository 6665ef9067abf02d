import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DomainError, type FieldProblem, TooManyRequests } from './errors.js';
import { answerLanguage, problemMessage } from './problem-messages.js';

interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: FieldProblem[];
  missing?: string[];
  decidedBy?: Array<{ policy: string; rule: string; article: string }>;
}

const reason = (status: number): string => {
  const name = HttpStatus[status];
  if (!name) return 'Error';
  return name
    .toLowerCase()
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ')
    .replace('Unprocessable Entity', 'Unprocessable Entity');
};

/** Fastify's own errors (bad JSON, wrong content type, body too large) carry a code and a status. */
function fastifyBody(err: { code?: string; statusCode?: number; message?: string }): ErrorBody | undefined {
  if (!err.code?.startsWith('FST_') || !err.statusCode || err.statusCode >= 500) return undefined;
  const status = err.statusCode;
  const details: FieldProblem[] = [];
  let message = err.message ?? reason(status);
  if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || /JSON/i.test(message)) {
    message = 'The request body is not valid JSON';
    details.push({ field: 'body', problem: 'is not valid JSON' });
  } else if (err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    message = 'The request body is empty';
    details.push({ field: 'body', problem: 'is empty' });
  } else if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    message = 'The request body is too large';
    details.push({ field: 'body', problem: 'is too large' });
  } else if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    message = 'Unsupported content type';
    details.push({ field: 'content-type', problem: 'is not supported here' });
  }
  return { statusCode: status, error: reason(status), message, ...(details.length ? { details } : {}) };
}

/**
 * Maps every error to the API's one shape (API.md). Domain errors keep their status; Nest's HTTP exceptions
 * keep theirs; anything else is a 500 whose message reveals nothing (the cause goes to the log only).
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = this.toBody(exception);
    const request = host.switchToHttp().getRequest<{ headers?: Record<string, string | string[] | undefined> }>();
    const header = request?.headers?.['accept-language'];
    if (body.details?.length && header) {
      // Each problem also in the language the client asks for (issue 14, item 6; the web sends the page's language).
      // `problem` stays the stable English text; a client that asks for no language gets the shape it always had.
      const language = answerLanguage(Array.isArray(header) ? header[0] : header);
      body.details = body.details.map((d) => ({ ...d, message: problemMessage(d.problem, language) }));
    }
    if (body.statusCode >= 500) {
      const err = exception as Error;
      this.logger.error(`${err?.name ?? 'Error'}: ${err?.message ?? String(exception)}`, err?.stack);
    }
    if (exception instanceof TooManyRequests) reply.header('retry-after', String(exception.retryAfterSeconds));
    void reply.status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
  }

  toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) {
      return {
        statusCode: exception.statusCode,
        error: reason(exception.statusCode),
        message: exception.message,
        ...(exception.details ? { details: exception.details } : {}),
        ...(exception.missing ? { missing: exception.missing } : {}),
        ...(exception.decidedBy ? { decidedBy: exception.decidedBy } : {}),
      };
    }
    if (exception instanceof HttpException) {
      // The Fastify adapter wraps Fastify's own 4xx errors (bad JSON, empty body, wrong content type) in an
      // HttpException whose cause is the original error: answer those with the field that was wrong.
      const wrapped = fastifyBody(exception.cause ?? {});
      if (wrapped) return wrapped;
      const status = exception.getStatus();
      const response = exception.getResponse();
      let message = exception.message;
      if (typeof response === 'object' && response && 'message' in response) {
        const m = response.message;
        message = Array.isArray(m) ? m.join('; ') : String(m);
      }
      if (status === 404 && /^Cannot (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)/.test(message)) message = 'Route not found';
      return { statusCode: status, error: reason(status), message };
    }
    const fastify = fastifyBody(exception ?? {});
    if (fastify) return fastify;
    return { statusCode: 500, error: 'Internal Server Error', message: 'Something went wrong; the error has been logged' };
  }
}
