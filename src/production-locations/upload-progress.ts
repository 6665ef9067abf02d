import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Caller } from '../common/caller.js';
import { Conflict, NotFound } from '../common/errors.js';
import { PoliciesService } from '../policies/policies.service.js';
import { type UploadPhase, UploadProgressRepository } from './upload-progress.repository.js';

/** What the page shows while it waits (GET /production-locations/uploads/progress/:id). */
export interface UploadProgressView {
  id: string;
  kind: 'preview' | 'upload';
  phase: UploadPhase;
  /** data rows checked so far */
  checked: number;
  /** the rows the file declares (an estimate until the end; null when the file does not say) */
  total: number | null;
  updatedAt: string;
}

/** The most often a running upload writes its count (the page polls about twice a second). */
const WRITE_EVERY_MS = 200;

/** Reports one upload's progress; writes are throttled, serialised and never fail the upload itself. */
export interface ProgressTracker {
  checked(checked: number, total: number | null): void;
  phase(phase: UploadPhase): void;
  /** the last write, awaited */
  finish(phase: 'done' | 'refused'): Promise<void>;
}

const NO_TRACKER: ProgressTracker = { checked: () => undefined, phase: () => undefined, finish: async () => undefined };

/**
 * Issue 14 item 4: while the server checks and stores an upload's rows, the page shows "rows checked N of M". The
 * page picks the upload's id (a UUID, `progress=` on the upload or the preview) and polls the progress route; the
 * counts live in PostgreSQL (`upload_progress`), written outside the upload's transaction, so any instance answers
 * the poll. Only the person who uploaded reads it (policies/production-locations.yaml, `progress`).
 */
@Injectable()
export class UploadProgressService {
  private readonly logger = new Logger('UploadProgress');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: UploadProgressRepository,
    private readonly policies: PoliciesService,
  ) {}

  async track(caller: Caller, id: string | undefined, organisationId: string, kind: 'preview' | 'upload'): Promise<ProgressTracker> {
    if (!id) return NO_TRACKER;
    const started = await this.repo.start(this.db.manager, { id: id.toLowerCase(), personId: caller.personId, organisationId, kind });
    if (!started) {
      const e = new Conflict('This progress id is already in use: pick a new one for every upload');
      e.details = [{ field: 'progress', problem: 'is already used by another upload' }];
      throw e;
    }
    let state = { phase: 'checking' as UploadPhase, checked: 0, total: null as number | null };
    let chain = Promise.resolve();
    let last = 0;
    const write = () => {
      const snapshot = { ...state };
      last = Date.now();
      chain = chain.then(() => this.repo.update(this.db.manager, id.toLowerCase(), snapshot)).catch((error: Error) => this.logger.warn(`progress write failed: ${error.message}`));
    };
    return {
      checked: (checked, total) => {
        state = { ...state, checked, total: total ?? state.total };
        if (Date.now() - last >= WRITE_EVERY_MS) write();
      },
      phase: (phase) => {
        state = { ...state, phase };
        write();
      },
      finish: async (phase) => {
        state = { ...state, phase };
        write();
        await chain;
      },
    };
  }

  async read(caller: Caller, id: string): Promise<UploadProgressView> {
    const row = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id) ? await this.repo.find(this.db.manager, id.toLowerCase()) : undefined;
    // Another person's upload is the same 404 as an unknown id (no hint that it exists).
    if (!row || !(await this.policies.can(caller, 'progress', 'ProductionLocation', { organisationId: row.organisation_id, uploadedBy: row.person_id }))) {
      throw new NotFound('upload progress', id);
    }
    return { id: row.id, kind: row.kind, phase: row.phase, checked: row.checked, total: row.total, updatedAt: new Date(row.updated_at).toISOString() };
  }
}
