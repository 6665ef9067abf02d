import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { CaseDeadlinesRepository, type DeadlineKind, type DeadlineRow, openDeadlinesPart } from './case-deadlines.repository.js';

export { DEADLINE_KINDS, type DeadlineKind, type DeadlineRow } from './case-deadlines.repository.js';

/** What happens before (reminder mail) and at (act) a deadline; both run inside the claiming transaction. */
export interface DeadlineHandler {
  remind(m: EntityManager, deadline: DeadlineRow): Promise<void>;
  expire(m: EntityManager, deadline: DeadlineRow): Promise<void>;
}

export type DeadlineStep = 'remind' | 'expire';
type Step = DeadlineStep;

/**
 * Deadlines another module keeps in its own table (e.g. monitoring improvement periods, art. 11), acted on by this
 * scheduler's one loop. The scheduler reaches that module only through the methods given here, which the module
 * exports on its service.
 */
export interface DeadlineSource {
  name: string;
  /** The ids whose `step` is due now (at most `limit`), oldest first. */
  due(step: DeadlineStep, limit: number): Promise<string[]>;
  /**
   * In the scheduler's transaction `m`: locks and claims the row (`FOR UPDATE SKIP LOCKED`), runs the step (mail
   * via the outbox, audit) and marks it done. False when another instance did it or it closed meanwhile.
   */
  run(m: EntityManager, step: DeadlineStep, id: string): Promise<boolean>;
  /** After the step rolled back: count the attempt and back off, so one bad row cannot hog the poller. */
  failed(step: DeadlineStep, id: string, message: string): Promise<void>;
}

/**
 * Deadlines as rows in PostgreSQL (consent deadline, access-window end, improvement period) and a poller that acts
 * on them (issue 6, item 6). Every instance polls every `SCHEDULER_POLL_MS`; a due row is claimed inside a
 * transaction that first locks its case (the same lock order as every case transition, so they cannot deadlock)
 * and then the row with `FOR UPDATE SKIP LOCKED`, and is marked done in that transaction: it runs once however
 * many instances poll, and a restart simply finds the rows still due. Other modules' deadlines (monitoring
 * improvement periods, art. 11: `monitoring-deadlines.ts`) join the same loop as a `DeadlineSource`.
 */
@Injectable()
export class DeadlineScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  /** The case's open deadlines as a part of the case view's one statement (issue 18): what `openDeadlines` reads. */
  readonly openDeadlinesPart = openDeadlinesPart;

  private readonly logger = new Logger('Scheduler');
  private readonly handlers = new Map<DeadlineKind, DeadlineHandler>();
  /** Case deadlines first (table case_deadlines, this module's own), then the sources other modules added. */
  private readonly sources: DeadlineSource[] = [
    {
      name: 'case-deadlines',
      due: (step, limit) => this.dueCaseDeadlines(step, limit),
      run: (m, step, id) => this.runCaseDeadline(m, step, id),
      failed: (step, id, message) => this.caseDeadlineFailed(step, id, message),
    },
  ];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly deadlines: CaseDeadlinesRepository,
  ) {}

  /** Adds another module's deadlines to this scheduler's loop (see `DeadlineSource`). */
  addSource(source: DeadlineSource): void {
    if (this.sources.some((s) => s.name === source.name)) throw new Error(`deadline source ${source.name} added twice`);
    this.sources.push(source);
  }

  register(kind: DeadlineKind, handler: DeadlineHandler): void {
    if (this.handlers.has(kind)) throw new Error(`deadline handler ${kind} registered twice`);
    this.handlers.set(kind, handler);
  }

  /** Adds (or replaces) the open deadline of `kind` for a case, in the caller's transaction. */
  async schedule(m: EntityManager, caseId: string, kind: DeadlineKind, dueAt: Date, remindAt: Date | null): Promise<void> {
    await this.cancel(m, caseId, kind);
    await this.deadlines.insert(m, caseId, kind, dueAt, remindAt);
  }

  /** Cancels the open deadline of `kind` (e.g. every company answered before the consent deadline). */
  async cancel(m: EntityManager, caseId: string, kind: DeadlineKind): Promise<void> {
    await this.deadlines.cancel(m, caseId, kind);
  }

  onApplicationBootstrap(): void {
    if (!this.config.schedulerEnabled) return;
    this.stopped = false;
    this.arm();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  private arm(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.runDue()
        .catch((error: Error) => this.logger.error(`deadline poll failed: ${error.message}`))
        .finally(() => this.arm());
    }, this.config.schedulerPollMs);
    this.timer.unref();
  }

  /** One poll: sends due reminders, then acts on due deadlines, of every source. Returns how many steps ran (for tests and the CLI). */
  async runDue(limit = 50): Promise<number> {
    let done = 0;
    for (const step of ['remind', 'expire'] as Step[]) {
      for (const source of this.sources) {
        for (const id of await source.due(step, limit)) {
          if (this.stopped) return done;
          if (await this.claimAndRun(source, step, id)) done++;
        }
      }
    }
    return done;
  }

  private async claimAndRun(source: DeadlineSource, step: Step, id: string): Promise<boolean> {
    try {
      return await this.db.transaction((m) => source.run(m, step, id));
    } catch (error) {
      // The step rolled back; try again later, backing off so one bad row cannot hog the poller.
      const message = error instanceof Error ? error.message : String(error);
      this.logger.error(`${source.name} ${id} (${step}) failed: ${message}`);
      await source.failed(step, id, message.slice(0, 500)).catch((e: Error) => this.logger.error(`${source.name} ${id}: ${e.message}`));
      return false;
    }
  }

  private async dueCaseDeadlines(step: Step, limit: number): Promise<string[]> {
    return this.deadlines.due(this.db.manager, step, limit);
  }

  private async runCaseDeadline(m: EntityManager, step: Step, id: string): Promise<boolean> {
    if (!(await this.deadlines.lockCaseOf(m, id))) return false;
    const row = await this.deadlines.claim(m, step, id);
    if (!row) return false; // another instance did it, or it was cancelled meanwhile
    const handler = this.handlers.get(row.kind);
    if (!handler) throw new Error(`no handler for deadline kind ${row.kind}`);
    if (step === 'remind') {
      await handler.remind(m, row);
    } else {
      await handler.expire(m, row);
    }
    await this.deadlines.markDone(m, step, id);
    return true;
  }

  private async caseDeadlineFailed(step: Step, id: string, message: string): Promise<void> {
    await this.deadlines.failed(this.db.manager, step, id, message);
  }
}
