import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { type FieldProblem, InvalidInput } from './errors.js';

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const e of errors) {
    const field = prefix ? (/^\d+$/.test(e.property) ? `${prefix}[${e.property}]` : `${prefix}.${e.property}`) : e.property;
    for (const [constraint, text] of Object.entries(e.constraints ?? {})) {
      const problem = constraint === 'whitelistValidation' ? 'is not allowed' : text.replace(new RegExp(`^${e.property}\\s+`), '');
      out.push({ field, problem });
    }
    if (e.children?.length) out.push(...flatten(e.children, field));
  }
  return out;
}

/**
 * The global validation pipe: DTOs are validated with class-validator; unknown fields are refused
 * (`forbidNonWhitelisted`), and every problem is reported as `{field, problem}`.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    forbidUnknownValues: true,
    exceptionFactory: (errors) => new InvalidInput('The request is invalid', flatten(errors)),
  });
}
