import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** The one query of the health check: does the database answer. */
@Injectable()
export class HealthRepository {
  async ping(m: EntityManager): Promise<void> {
    await m.query('SELECT 1');
  }
}
