import { referenceRequest, statusUrl } from './backend';
import { Kube } from './cluster';
import { call } from './httpClient';
import { since, summarize, Summary } from './stats';
import { BENCH_APP, BENCH_NAMESPACE } from './workload';

/** Cold and warm latency of one way of answering "how is this DaemonSet doing on every node". */
export interface LatencyResult {
  coldMs: number;
  /** False when the first answer came before the cluster was read (`initialListTimeout`). */
  coldComplete?: boolean;
  warm: Summary;
  /** Size of one answer, bytes. */
  answerBytes: number;
}

/**
 * One timed request; returns its duration and size, and whether the answer was the complete
 * status (`false`: an answer given before the cluster was read, within `initialListTimeout`).
 */
export type TimedCall = () => Promise<{
  ms: number;
  bytes: number;
  complete?: boolean;
}>;

/** Whether a status answer reports every cluster read, with a DaemonSet and its rows. */
function isComplete(body: string): boolean {
  const status = JSON.parse(body);
  return status.clusters.every(
    (c: any) =>
      !c.error && c.daemonSets.length > 0 && c.daemonSets[0].nodes.length > 0,
  );
}

/** This plugin's status request. */
export function pluginCall(base: string): TimedCall {
  return async () => {
    const res = await call(statusUrl(base));
    if (res.status !== 200) throw new Error(`status: ${res.status}`);
    return { ms: res.ms, bytes: res.bytes, complete: isComplete(res.body) };
  };
}

/** Waits until this plugin answers with the complete status (its watches have listed). */
export async function untilComplete(base: string, timeoutMs = 300_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await pluginCall(base)()).complete) {
    if (Date.now() > deadline) throw new Error('status never complete');
    await new Promise(r => setTimeout(r, 500));
  }
}

/** The Kubernetes plugin's entity request (what its tab polls). */
export function referenceCall(base: string): TimedCall {
  const { url, body } = referenceRequest(base);
  return async () => {
    const res = await call(url, 'POST', body);
    if (res.status !== 200) throw new Error(`kubernetes: ${res.status}`);
    return { ms: res.ms, bytes: res.bytes };
  };
}

/** The floor: the raw LISTs the answer needs, in parallel, straight to the API server. */
export function floorCall(kube: Kube): TimedCall {
  const paths = [
    '/api/v1/nodes',
    `/api/v1/namespaces/${BENCH_NAMESPACE}/pods`,
    `/apis/apps/v1/namespaces/${BENCH_NAMESPACE}/daemonsets?labelSelector=backstage.io%2Fkubernetes-id%3D${BENCH_APP}`,
    `/apis/apps/v1/namespaces/${BENCH_NAMESPACE}/controllerrevisions?labelSelector=app%3D${BENCH_APP}`,
  ];
  return async () => {
    const start = performance.now();
    const answers = await Promise.all(
      paths.map(p => kube.request('GET', p, undefined, { gzip: true })),
    );
    const bad = answers.find(a => a.status !== 200);
    if (bad) throw new Error(`floor list: ${bad.status}`);
    return {
      ms: since(start),
      bytes: answers.reduce((n, a) => n + a.body.length, 0),
    };
  };
}

/**
 * Runs `fn` sequentially up to `count` times or until `budgetMs` is spent (at least 10 runs),
 * and summarizes the durations.
 */
export async function warmLatency(
  fn: TimedCall,
  count: number,
  budgetMs: number,
): Promise<{ summary: Summary; bytes: number }> {
  const samples: number[] = [];
  const end = performance.now() + budgetMs;
  let bytes = 0;
  while (
    samples.length < count &&
    (samples.length < 10 || performance.now() < end)
  ) {
    const r = await fn();
    // A warm answer is the complete one; anything else would time an error answer.
    if (r.complete === false)
      throw new Error('incomplete answer in the warm loop');
    samples.push(r.ms);
    bytes = r.bytes;
  }
  return { summary: summarize(samples), bytes };
}
