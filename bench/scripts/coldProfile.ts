/**
 * Where the time of the first open right after start goes: starts a bench backend (defaults:
 * nodes and DaemonSet pods held from start-up) with the V8 profiler running from before the
 * start until the first complete status, and prints the self time per function, with the idle
 * time (waiting for the API server), the time by part of the work (decoding, building the status,
 * garbage collection…), and the cores each process of the machine used meanwhile.
 *
 *   cd bench && node --require @backstage/cli-node/config/nodeTransform.cjs \
 *     scripts/coldProfile.ts [--watchlist] [--proxy] [--top 40] [--save profile.cpuprofile]
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { startBenchBackend } from '../src/backend';
import { readBenchCluster } from '../src/cluster';
import { pluginCall, untilComplete } from '../src/latency';
import { coresUsed, cpuSnapshot } from '../src/processCpu';
import { CountingProxy } from '../src/proxy';
import { timeByPart } from '../render/profileParts';
import { printProfile } from '../render/profileSummary';
import { arg, flag, runMain } from '../src/cli';

async function main() {
  const watchList = flag('watchlist');
  const top = Number(arg('top', '40'));
  const cluster = readBenchCluster();
  // `--proxy`: through the counting proxy, as before the eleventh session (its TLS work then
  // shows in this process's profile).
  const proxy = flag('proxy') ? await CountingProxy.start(cluster) : undefined;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  const cpuBefore = cpuSnapshot();
  await session.post('Profiler.start');
  const t0 = performance.now();
  const backend = await startBenchBackend(
    cluster,
    proxy?.url ?? cluster.server,
    {
      watchList,
    },
  );
  const started = performance.now() - t0;
  const first = await pluginCall(backend.baseUrl)();
  if (!first.complete) await untilComplete(backend.baseUrl);
  const answered = performance.now() - t0;
  const { profile } = await session.post('Profiler.stop');
  const cpu = coresUsed(cpuBefore, cpuSnapshot(), {
    [process.pid]: proxy
      ? 'bench backend + proxy (node)'
      : 'bench backend (node)',
  });
  console.log(
    JSON.stringify({
      watchList,
      startMs: Math.round(started),
      firstStatusMs: Math.round(first.ms),
      untilCompleteFromStartMs: Math.round(answered),
      requests: proxy?.reset(),
      coresUsed: cpu,
    }),
  );
  const save = arg('save', '');
  if (save) {
    writeFileSync(save, JSON.stringify(profile));
  }
  console.log('time by part:');
  for (const [part, ms] of timeByPart(profile.nodes as any, profile as any)) {
    console.log(`${ms.toFixed(1).padStart(8)} ms  ${part}`);
  }
  printProfile(profile.nodes as any, profile as any, top);
  // The summary names functions by line only: where the busiest anonymous ones live.
  const selfById = new Map<number, number>();
  profile.samples!.forEach((id, i) =>
    selfById.set(
      id,
      (selfById.get(id) ?? 0) + (profile.timeDeltas![i + 1] ?? 0) / 1000,
    ),
  );
  const byPlace = new Map<string, number>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const place = `${functionName || '(anonymous)'} ${url.replace(
      /^.*node_modules\//,
      '',
    )}:${lineNumber + 1}`;
    byPlace.set(
      place,
      (byPlace.get(place) ?? 0) + (selfById.get(node.id) ?? 0),
    );
  }
  console.log('self time by place:');
  for (const [place, ms] of [...byPlace]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 15))
    console.log(`${ms.toFixed(1).padStart(8)} ms  ${place}`);
  await backend.stop();
  await proxy?.stop();
}

runMain(main);
