/** A node of a V8 CPU profile (DevTools protocol `Profiler.ProfileNode`). */
export interface ProfileNode {
  id: number;
  callFrame: {
    functionName: string;
    url: string;
    lineNumber: number;
    columnNumber: number;
  };
  children?: number[];
}

/**
 * The function names on the stack of a profile node, from the node up to the root: what a sample
 * taken in that node was under.
 */
export function stackNames(nodes: ProfileNode[]): (id: number) => string[] {
  const byId = new Map(nodes.map(n => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  return id => {
    const names: string[] = [];
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      names.push(byId.get(n)?.callFrame.functionName ?? '');
    }
    return names;
  };
}

/**
 * Prints where a CPU profile's time goes: self time per function (name and bundle line), the
 * biggest first, and the total sampled time.
 */
export function printProfile(
  nodes: ProfileNode[],
  profile: { samples: number[]; timeDeltas: number[] },
  top: number,
): void {
  const byId = new Map(nodes.map(n => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    // The time of a sample is the delta to the next one.
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    total += dt;
    const f = byId.get(id)?.callFrame;
    const name = f
      ? `${f.functionName || '(anonymous)'} ${
          f.url ? `@${f.lineNumber + 1}` : ''
        }`
      : '?';
    self.set(name, (self.get(name) ?? 0) + dt);
  });
  // Inclusive time: each sample counts once for every function on its stack.
  const stackOf = stackNames(nodes);
  const inclusive = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    for (const name of new Set(stackOf(id))) {
      if (name) inclusive.set(name, (inclusive.get(name) ?? 0) + dt);
    }
  });
  console.log(
    `sampled ${total.toFixed(1)} ms; inclusive time, named functions:`,
  );
  for (const [name, ms] of [...inclusive]
    .filter(([n]) => /^[A-Z_a-z][A-Za-z]{4,}/.test(n))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top))
    console.log(`${ms.toFixed(1).padStart(8)} ms  ${name}`);
  // A timeline: runs of samples between idle ones, with their heaviest named functions.
  console.log('timeline (ms from the profile start, busy runs over 3 ms):');
  let t = 0;
  let gap = 0;
  let run:
    | { start: number; ms: number; names: Map<string, number> }
    | undefined;
  const flush = () => {
    if (run && run.ms > 3) {
      const names = [...run.names]
        .filter(([n]) => /^[A-Z_a-z][A-Za-z0-9]{4,}$/.test(n))
        .sort((a, b) => b[1] - a[1])
        .slice(0, 8)
        .map(([n, ms]) => `${n} ${ms.toFixed(1)}`)
        .join(', ');
      console.log(
        `${run.start.toFixed(1).padStart(8)} +${run.ms
          .toFixed(1)
          .padStart(6)}  ${names}`,
      );
    }
    run = undefined;
  };
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const leaf = byId.get(id)?.callFrame.functionName;
    if (leaf === '(idle)' || leaf === '(program)') {
      gap += dt;
      if (gap > 2) flush();
    } else {
      gap = 0;
      run ??= { start: t, ms: 0, names: new Map() };
      run.ms += dt;
      for (const name of new Set(stackOf(id))) {
        if (name) run.names.set(name, (run.names.get(name) ?? 0) + dt);
      }
    }
    t += dt;
  });
  flush();
  console.log('self time:');
  for (const [name, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`${ms.toFixed(1).padStart(8)} ms  ${name}`);
}

/** A Chromium trace event (`ts`, `dur`: wall time; `tdur`: thread time; µs). */
interface TraceEvent {
  tdur?: number;
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tid: number;
  pid: number;
  args?: { data?: { functionName?: string; url?: string } };
}

/**
 * The page's main-thread events of a trace (the renderer thread with the most layout time), in
 * time order, and the click on the tab among them.
 */
function pageMainThread(events: TraceEvent[]): {
  onMain: TraceEvent[];
  click?: TraceEvent;
} {
  const layoutByThread = new Map<string, number>();
  for (const e of events)
    if (e.name === 'Layout' && e.dur)
      layoutByThread.set(
        `${e.pid}:${e.tid}`,
        (layoutByThread.get(`${e.pid}:${e.tid}`) ?? 0) + e.dur,
      );
  const thread = [...layoutByThread].sort((x, y) => y[1] - x[1])[0]?.[0];
  const onMain = events
    .filter(
      e =>
        `${e.pid}:${e.tid}` === thread && e.ph === 'X' && e.dur !== undefined,
    )
    .sort((x, y) => x.ts - y.ts);
  // The last click dispatched: the page clicks the tab once, after booting.
  const click = [...onMain]
    .reverse()
    .find(
      e =>
        e.name === 'EventDispatch' && (e.args?.data as any)?.type === 'click',
    );
  return { onMain, click };
}

/**
 * Prints a trace's page main-thread time from the click on the tab on, by event name (script,
 * style, layout, paint…), and the top-level events in order.
 */
export function printTrace(events: TraceEvent[]): void {
  const { onMain, click: start } = pageMainThread(events);
  const from = start?.ts ?? 0;
  const window = onMain.filter(e => e.ts >= from);
  // Top level: not inside an earlier event.
  const top: TraceEvent[] = [];
  let end = 0;
  for (const e of window) {
    if (e.ts >= end) {
      top.push(e);
      end = e.ts + e.dur!;
    }
  }
  const interesting = new Set([
    'RunTask',
    'ThreadControllerImpl::RunTask',
    'UpdateLayoutTree',
    'Layout',
    'Paint',
    'PrePaint',
    'Layerize',
    'ParseHTML',
    'FunctionCall',
    'EventDispatch',
    'TimerFire',
    'RunMicrotasks',
    'FireAnimationFrame',
    'Commit',
    'v8.run',
  ]);
  const byName = new Map<string, number>();
  const nested = (name: string) => window.filter(e => e.name === name);
  for (const name of interesting) {
    const ms = nested(name).reduce((s, e) => s + e.dur! / 1000, 0);
    if (ms) byName.set(name, ms);
  }
  console.log('main-thread events (nested included), ms:');
  for (const [name, ms] of [...byName].sort((a, b) => b[1] - a[1]))
    console.log(
      `${ms.toFixed(1).padStart(8)}  ${name} ×${nested(name).length}`,
    );
  console.log('top-level events over 1 ms, in order (ms from start):');
  for (const e of top.filter(x => x.dur! > 1000)) {
    const inner = window
      .filter(
        x =>
          x.ts >= e.ts &&
          x.ts < e.ts + e.dur! &&
          x !== e &&
          ['Layout', 'UpdateLayoutTree', 'ParseHTML'].includes(x.name),
      )
      .map(x => `${x.name} ${(x.dur! / 1000).toFixed(1)}`)
      .join(', ');
    console.log(
      `${((e.ts - from) / 1000).toFixed(1).padStart(8)} +${(e.dur! / 1000)
        .toFixed(1)
        .padStart(6)}  ${e.name}${inner ? `  [${inner}]` : ''}`,
    );
  }
}

/**
 * The page's main-thread CPU time (trace `tdur`, not wall time: what the page itself computed,
 * whatever the machine's load) from the click on the tab for `windowMs` of wall time.
 */
export function mainThreadCpu(
  events: TraceEvent[],
  windowMs: number,
): number | undefined {
  const { onMain, click } = pageMainThread(events);
  if (!click) return undefined;
  const end = click.ts + windowMs * 1000;
  let cpu = 0;
  let covered = 0;
  for (const e of onMain) {
    if (e.tdur === undefined) continue;
    if (e.ts < click.ts || e.ts >= end || e.ts < covered) continue;
    cpu += e.tdur! / 1000;
    covered = e.ts + e.dur!;
  }
  return cpu;
}
