import { applyDecorators } from '@nestjs/common';
import { ApiProduces, ApiResponse } from '@nestjs/swagger';

export const CSV = 'text/csv';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const PDF = 'application/pdf';

/**
 * A route that answers a file (an export, a template, a PDF) rather than JSON: its 200 in the OpenAPI document is
 * the file's bytes under each media type it may have (issue 14, item 8), so the document has no route without a
 * documented answer and the generated web client knows to read a Blob.
 */
export function ApiFileResponse(description: string, ...mediaTypes: string[]): MethodDecorator {
  const schema = { type: 'string' as const, format: 'binary' };
  return applyDecorators(
    ApiProduces(...mediaTypes),
    ApiResponse({ status: 200, description, content: Object.fromEntries(mediaTypes.map((type) => [type, { schema }])) }),
  );
}
