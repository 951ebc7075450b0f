import { WizardCluster } from '@daemonsets/plugin-daemonset-common';
import type { KubeConfig } from '@kubernetes/client-node';
import type { ClientRequest } from 'node:http';
import { prepareApiServerGet } from '../watch/apiServerGet';
import { describeError } from '../watch/describeError';

/** A cluster's connection as the wizard shows it. @internal */
export type WizardConnection = WizardCluster['connection'];

/** Timing of a {@link ClusterProbe}. @internal */
export interface ProbeTiming {
  /** A check's answer is reused for this long. */
  ttlMs: number;
  /** A check without an answer after this long counts as failed. */
  timeoutMs: number;
}

/** @internal */
export const DEFAULT_PROBE_TIMING: ProbeTiming = {
  ttlMs: 10_000,
  timeoutMs: 3_000,
};

/**
 * One authenticated `GET /api` (the API discovery document: small, and readable by every
 * authenticated account, so it also proves the token) with the cluster's kubeconfig.
 *
 * @returns nothing when the server answers 2xx; a short reason in words otherwise, built from
 *   status and error codes only, never from what the server or the network says.
 */
async function probeOnce(
  kubeConfig: KubeConfig,
  timeoutMs: number,
): Promise<string | undefined> {
  let send: () => ClientRequest;
  try {
    send = await prepareApiServerGet(
      kubeConfig,
      '/api',
      {},
      { Accept: 'application/json' },
    );
  } catch (error) {
    return describeError(error);
  }
  return new Promise(resolve => {
    const req = send();
    const timer = setTimeout(() => {
      resolve(`no answer within ${timeoutMs / 1000} s`);
      req.destroy();
    }, timeoutMs);
    const done = (reason: string | undefined) => {
      clearTimeout(timer);
      resolve(reason);
    };
    req.on('response', res => {
      res.resume();
      const status = res.statusCode ?? 0;
      if (status >= 200 && status < 300) {
        done(undefined);
      } else if (status === 403) {
        done('HTTP 403: the service account may not read the API server');
      } else {
        done(describeError({ statusCode: status }));
      }
    });
    req.on('error', error => done(describeError(error)));
    req.end();
  });
}

interface Entry {
  connection?: WizardConnection;
  checkedAt: number;
  pending?: Promise<WizardConnection>;
}

/**
 * Whether each configured cluster's API server answers, checked at most once per
 * `ttlMs` per cluster however many pickers ask (concurrent callers share one check), each check
 * bounded by `timeoutMs`.
 *
 * @internal
 */
export class ClusterProbe {
  private readonly entries = new Map<string, Entry>();
  private readonly timing: ProbeTiming;

  constructor(
    private readonly kubeConfigs: ReadonlyMap<string, KubeConfig>,
    timing: Partial<ProbeTiming> = {},
  ) {
    this.timing = { ...DEFAULT_PROBE_TIMING, ...timing };
  }

  /** The connection of cluster `name`, from the cache when fresh enough. */
  async check(name: string): Promise<WizardConnection> {
    const kubeConfig = this.kubeConfigs.get(name);
    if (!kubeConfig) {
      throw new Error(`cluster ${name} is not configured`);
    }
    const entry = this.entries.get(name);
    if (entry?.pending) {
      return entry.pending;
    }
    if (entry?.connection && Date.now() - entry.checkedAt < this.timing.ttlMs) {
      return entry.connection;
    }
    const next: Entry = { ...entry, checkedAt: entry?.checkedAt ?? 0 };
    next.pending = probeOnce(kubeConfig, this.timing.timeoutMs).then(reason => {
      const connection: WizardConnection = reason
        ? {
            state: 'failed',
            message: reason,
            checkedAt: new Date().toISOString(),
          }
        : { state: 'connected', checkedAt: new Date().toISOString() };
      this.entries.set(name, { connection, checkedAt: Date.now() });
      return connection;
    });
    this.entries.set(name, next);
    return next.pending;
  }
}
