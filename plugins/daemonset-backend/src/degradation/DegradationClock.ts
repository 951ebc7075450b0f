import type { DaemonSetHealth } from './assessDaemonSet';

/** What the monitor concludes about one DaemonSet at one evaluation. @internal */
export type DegradationVerdict =
  | { state: 'degraded'; reason: string }
  | { state: 'healthy' }
  /** A condition holds but not yet for the grace period: neither start nor end an episode. */
  | { state: 'pending' };

interface Conditions {
  lowShareSince?: number;
  failingSince: Map<string, number>;
  seenAt: number;
}

function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds < 120 ? `${seconds}s` : `${Math.round(seconds / 60)}m`;
}

/**
 * Remembers since when each DaemonSet's conditions hold, so that a degradation counts only
 * once it has lasted the grace period. In memory: each backend instance keeps its own, and the
 * database decides which instance tells the owner.
 *
 * @internal
 */
export class DegradationClock {
  private readonly conditions = new Map<string, Conditions>();

  constructor(
    private readonly options: { readyShare: number; gracePeriodMs: number },
  ) {}

  observe(
    key: string,
    health: DaemonSetHealth,
    now: number,
  ): DegradationVerdict {
    const previous = this.conditions.get(key);
    const belowShare =
      health.desired > 0 &&
      health.ready < this.options.readyShare * health.desired;
    // A rollout within its budget is not a degradation, nor a recovery yet.
    const lowShare = belowShare && !health.rollingWithinBudget;
    const failingSince = new Map<string, number>();
    for (const node of health.failingNodes) {
      failingSince.set(node, previous?.failingSince.get(node) ?? now);
    }
    const current: Conditions = {
      lowShareSince: lowShare ? previous?.lowShareSince ?? now : undefined,
      failingSince,
      seenAt: now,
    };
    this.conditions.set(key, current);

    if (!belowShare && failingSince.size === 0) return { state: 'healthy' };
    const grace = this.options.gracePeriodMs;
    const reasons: string[] = [];
    if (
      current.lowShareSince !== undefined &&
      now - current.lowShareSince >= grace
    ) {
      reasons.push(
        `${health.ready} of ${health.desired} pods ready (below ${Math.round(
          this.options.readyShare * 100,
        )}%)`,
      );
    }
    const late = [...failingSince].filter(([, since]) => now - since >= grace);
    if (late.length > 0) {
      const longest = Math.max(...late.map(([, since]) => now - since));
      const names = late.slice(0, 5).map(([node]) => node);
      const more =
        late.length > names.length ? ` and ${late.length - 5} more` : '';
      reasons.push(
        `${late.length === 1 ? 'node' : 'nodes'} ${names.join(
          ', ',
        )}${more} failing for ${formatDuration(longest)}`,
      );
    }
    return reasons.length > 0
      ? { state: 'degraded', reason: reasons.join('; ') }
      : { state: 'pending' };
  }

  /** Forgets DaemonSets not observed since `before` (deleted, or no longer in an entity). */
  forgetOlderThan(before: number): void {
    for (const [key, c] of this.conditions) {
      if (c.seenAt < before) this.conditions.delete(key);
    }
  }
}
