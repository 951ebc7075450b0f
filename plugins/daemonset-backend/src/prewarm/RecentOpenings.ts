import { LoggerService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const TABLE = 'daemonset_status_view_openings';

/** How often one entity's opening is written at most, per backend instance. */
const WRITE_EVERY_MS = 10 * 60_000;

/**
 * When users last opened each entity's status, in the plugin's database (so it survives
 * restarts and is shared by every instance): what the pre-warm opens first.
 *
 * @internal
 */
export class RecentOpenings {
  private readonly lastWritten = new Map<string, number>();

  constructor(
    private readonly knex: Knex,
    private readonly logger: LoggerService,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Records that a user opened `entityRef`'s status; at most one write per entity per 10 minutes
   * and instance, never awaited by the request (a failure is logged, not thrown).
   */
  opened(entityRef: string): void {
    const now = this.now();
    const last = this.lastWritten.get(entityRef);
    if (last !== undefined && now - last < WRITE_EVERY_MS) return;
    this.lastWritten.set(entityRef, now);
    this.write(entityRef, new Date(now).toISOString()).catch(error => {
      this.lastWritten.delete(entityRef);
      this.logger.warn(
        `Could not record the opening of ${entityRef}: ${
          (error as Error).message
        }`,
      );
    });
  }

  /** The `limit` most recently opened entity refs, newest first. */
  async recent(limit: number): Promise<string[]> {
    const rows = await this.knex(TABLE)
      .select('entity_ref')
      .orderBy([
        { column: 'opened_at', order: 'desc' },
        { column: 'entity_ref', order: 'asc' },
      ])
      .limit(limit);
    return rows.map(r => r.entity_ref);
  }

  /** Records an opening at `at` (ISO 8601 UTC) and waits for it: for tests and the recorder. */
  async write(entityRef: string, at: string): Promise<void> {
    await this.knex(TABLE)
      .insert({ entity_ref: entityRef, opened_at: at })
      .onConflict('entity_ref')
      .merge(['opened_at']);
  }
}
