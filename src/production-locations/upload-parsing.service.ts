import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Unprocessable } from '../common/errors.js';
import { siblingModule, WorkerOutOfMemory, WorkerPool, WorkerTimedOut } from '../common/workers/worker-pool.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import type { UploadLimits } from './upload-limits.js';
import type { ParsedUpload } from './upload-parser.js';
import type { ParseReply, ParseRequest } from './upload-worker.js';

const limitProblem = (variable: string, problem: string) =>
  new Unprocessable(`The file exceeds the upload limit ${variable}`, [{ row: 0, field: 'file', problem: `${problem} (limit ${variable})` }]);

/**
 * Parses uploaded lists in a pool of worker threads (issue 12), so a large or hostile file never holds up the
 * event loop: `/health` and every other request keep answering while it is read. The limits (UPLOAD_MAX_*) are
 * checked inside the worker as the file streams; the worker's own time and heap limits catch anything else.
 * Every refusal is a 422 in the API's one error shape, naming the limit.
 */
@Injectable()
export class UploadParsingService implements OnModuleDestroy {
  private readonly pool: WorkerPool;
  private readonly limits: UploadLimits;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.limits = { ...config.uploadLimits };
    this.pool = new WorkerPool({
      module: siblingModule(import.meta.url, 'upload-worker'),
      size: config.uploadWorkers.size,
      timeoutMs: config.uploadWorkers.timeoutSeconds * 1000,
      maxHeapMb: config.uploadWorkers.memoryMb,
    });
  }

  async parse(bytes: Buffer): Promise<ParsedUpload> {
    let reply: ParseReply;
    try {
      reply = await this.pool.run<ParseReply>({ bytes, limits: this.limits } satisfies ParseRequest);
    } catch (error) {
      const { timeoutSeconds, memoryMb } = this.config.uploadWorkers;
      if (error instanceof WorkerTimedOut) throw limitProblem('UPLOAD_PARSE_TIMEOUT_SECONDS', `takes longer than ${timeoutSeconds} s to read`);
      if (error instanceof WorkerOutOfMemory) throw limitProblem('UPLOAD_WORKER_MEMORY_MB', `needs more than ${memoryMb} MB to read`);
      throw error;
    }
    if (reply.ok) return reply.parsed;
    if ('rejected' in reply) throw new Unprocessable(reply.rejected.message, reply.rejected.problems);
    throw new Error(`Parsing an upload failed: ${reply.failed}`);
  }

  onModuleDestroy(): Promise<void> {
    return this.pool.close();
  }
}
