import type { LoggerService } from '@nestjs/common';
import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Paths pino replaces with "[redacted]" wherever they appear in a log object: credentials, tokens and the
 * supplier NAW fields (DESIGN.md: NAW never appears in logs). Code should not log these at all; this is the net.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  '*.password',
  '*.passwordHash',
  '*.token',
  '*.accessToken',
  '*.secret',
  '*.supplierName',
  '*.address',
  '*.postcode',
  '*.city',
  '*.naw',
  'password',
  'token',
  'accessToken',
  'supplierName',
  'address',
  'postcode',
  'city',
  'naw',
];

export function createRootLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'ketenkluis' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      serializers: {
        // Query strings can carry tokens (invitation links); log the path only.
        req: (req: { method?: string; url?: string; id?: string }) => ({
          id: req.id,
          method: req.method,
          path: typeof req.url === 'string' ? req.url.split('?')[0] : req.url,
        }),
      },
    },
    destination ?? pino.destination({ fd: 1, sync: false }),
  );
}

/** Nest's logger interface on top of pino, so framework and application logs share one structured stream. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly root: Logger) {}
  private child(context?: unknown) {
    return typeof context === 'string' ? this.root.child({ context }) : this.root;
  }
  log(message: unknown, context?: unknown) {
    this.child(context).info(String(message));
  }
  error(message: unknown, trace?: unknown, context?: unknown) {
    this.child(context).error({ trace: typeof trace === 'string' ? trace : undefined }, String(message));
  }
  warn(message: unknown, context?: unknown) {
    this.child(context).warn(String(message));
  }
  debug(message: unknown, context?: unknown) {
    this.child(context).debug(String(message));
  }
  verbose(message: unknown, context?: unknown) {
    this.child(context).trace(String(message));
  }
  fatal(message: unknown, context?: unknown) {
    this.child(context).fatal(String(message));
  }
}
