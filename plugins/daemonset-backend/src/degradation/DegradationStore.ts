import { createHash } from 'node:crypto';
import { Knex } from 'knex';

const TABLE = 'daemonset_degradation_episodes';

/** One DaemonSet of one entity. @internal */
export interface DaemonSetTarget {
  entityRef: string;
  cluster: string;
  namespace: string;
  name: string;
}

/** The stored episode state of a DaemonSet. @internal */
export interface EpisodeRecord {
  state: 'degraded' | 'healthy';
  episode: number;
  reason?: string;
  startedAt: string;
  recoveredAt?: string;
}

function targetKey(t: DaemonSetTarget): string {
  return createHash('sha256')
    .update(JSON.stringify([t.entityRef, t.cluster, t.namespace, t.name]))
    .digest('hex');
}

/**
 * Degradation episodes in the plugin's database. Every state change is a conditional write
 * (update where the state is the old one, or an insert against the primary key), so when several
 * backend instances see the same change only one write wins, and only its instance notifies.
 *
 * @internal
 */
export class DegradationStore {
  constructor(private readonly knex: Knex) {}

  /**
   * Starts an episode unless one is open. Resolves with the new episode's number when this call
   * started it, undefined when an episode was already open (here or on another instance).
   */
  async startEpisode(
    target: DaemonSetTarget,
    reason: string,
    now: Date,
  ): Promise<number | undefined> {
    const key = targetKey(target);
    const startedAt = now.toISOString();
    const updated = await this.knex(TABLE)
      .where({ target: key, state: 'healthy' })
      .update({
        state: 'degraded',
        episode: this.knex.raw('episode + 1'),
        reason,
        started_at: startedAt,
        recovered_at: null,
      });
    if (updated === 1) {
      return (await this.read(target))?.episode;
    }
    try {
      await this.knex(TABLE).insert({
        target: key,
        entity_ref: target.entityRef,
        cluster: target.cluster,
        namespace: target.namespace,
        name: target.name,
        state: 'degraded',
        episode: 1,
        reason,
        started_at: startedAt,
        recovered_at: null,
      });
      return 1;
    } catch (error) {
      // The primary key refused it: the row exists, so an episode is open (or just opened).
      if (await this.read(target)) return undefined;
      throw error;
    }
  }

  /**
   * Ends the open episode. Resolves with its number when this call ended it, undefined when
   * none was open.
   */
  async endEpisode(
    target: DaemonSetTarget,
    now: Date,
  ): Promise<number | undefined> {
    const key = targetKey(target);
    const open = await this.read(target);
    if (open?.state !== 'degraded') return undefined;
    const updated = await this.knex(TABLE)
      .where({ target: key, state: 'degraded', episode: open.episode })
      .update({ state: 'healthy', recovered_at: now.toISOString() });
    return updated === 1 ? open.episode : undefined;
  }

  /** The stored state of `target`, if any episode was ever recorded. */
  async read(target: DaemonSetTarget): Promise<EpisodeRecord | undefined> {
    const row = await this.knex(TABLE)
      .where({ target: targetKey(target) })
      .first();
    if (!row) return undefined;
    return {
      state: row.state,
      episode: Number(row.episode),
      reason: row.reason ?? undefined,
      startedAt: row.started_at,
      recoveredAt: row.recovered_at ?? undefined,
    };
  }
}
