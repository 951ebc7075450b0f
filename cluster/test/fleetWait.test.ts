import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReadyCount } from '../src/fleetWait.ts';
import { waitWhileProgressing } from '../src/fleetWait.ts';
import { ClusterError } from '../src/log.ts';

/** A fake clock that only moves when the wait pauses, and a counter that replays `counts`. */
function fake(counts: Array<ReadyCount | Error>) {
  let t = 0;
  let i = 0;
  const seen: ReadyCount[] = [];
  return {
    seen,
    reads: () => i,
    now: () => t,
    pause: async (ms: number) => {
      t += ms;
    },
    read: async () => {
      const c = counts[Math.min(i++, counts.length - 1)];
      if (c instanceof Error) throw c;
      return c;
    },
    onChange: (c: ReadyCount) => seen.push(c),
  };
}

const base = { what: 'fleet', wantReady: 98, wantTotal: 100 };

test('resolves once enough nodes are Ready, however long a growing fleet takes', async () => {
  // One more Ready node every 50 s: far beyond any fixed deadline, but never stalled for 60 s.
  const counts: ReadyCount[] = [];
  for (let r = 0; r <= 98; r++)
    for (let k = 0; k < 5; k++) counts.push({ ready: r, total: 100 });
  const f = fake(counts);
  const done = await waitWhileProgressing({
    ...base,
    ...f,
    stallMs: 60_000,
    intervalMs: 10_000,
  });
  assert.deepEqual(done, { ready: 98, total: 100 });
  assert.ok(f.now() > 98 * 40_000, `took ${f.now()} ms of fake time`);
  // Only changes are reported, not every read.
  assert.equal(f.seen.length, 99);
});

test('waits for the full total even when enough nodes are Ready', async () => {
  const f = fake([
    { ready: 98, total: 99 },
    { ready: 98, total: 100 },
  ]);
  const done = await waitWhileProgressing({
    ...base,
    ...f,
    stallMs: 60_000,
    intervalMs: 1000,
  });
  assert.equal(done.total, 100);
  assert.equal(f.reads(), 2);
});

test('fails with the count, the stall time and the hint when the Ready count stops growing', async () => {
  const f = fake([
    { ready: 10, total: 100 },
    { ready: 40, total: 100 },
    // Stuck: same count (and a changing total is not progress).
    { ready: 40, total: 100 },
    { ready: 40, total: 99 },
    { ready: 40, total: 100 },
  ]);
  await assert.rejects(
    waitWhileProgressing({
      ...base,
      ...f,
      stallMs: 30_000,
      intervalMs: 1000,
      hint: 'see kwok.log',
    }),
    (e: unknown) => {
      assert.ok(e instanceof ClusterError);
      assert.equal(
        e.message,
        'fleet: no progress for 30s at 40/98 Ready (100/100 nodes); see kwok.log',
      );
      return true;
    },
  );
  // Stalled from the read that saw 40 (t = 1 s) until 30 s later.
  assert.equal(f.now(), 31_000);
});

test('a dropping count is not progress; a later rise past the best is', async () => {
  const f = fake([
    { ready: 50, total: 100 },
    { ready: 20, total: 100 }, // nodes flapped to NotReady
    { ready: 49, total: 100 },
    { ready: 51, total: 100 },
    { ready: 51, total: 100 },
  ]);
  await assert.rejects(
    waitWhileProgressing({ ...base, ...f, stallMs: 3000, intervalMs: 1000 }),
    /no progress for 3s at 51\/98 Ready/,
  );
  // Best was 50 from t=0; the rise to 51 at t=3 s restarted the stall window: fails at t=6 s.
  assert.equal(f.now(), 6000);
});

test('read errors count as no progress and are named in the failure', async () => {
  const f = fake([new Error('connect ECONNREFUSED 127.0.0.1:16443')]);
  await assert.rejects(
    waitWhileProgressing({ ...base, ...f, stallMs: 5000, intervalMs: 1000 }),
    (e: unknown) => {
      assert.match(
        String((e as Error).message),
        /^fleet: no progress for 5s at no count read yet; last error: Error: connect ECONNREFUSED/,
      );
      return true;
    },
  );
  assert.equal(f.reads(), 6);
});
