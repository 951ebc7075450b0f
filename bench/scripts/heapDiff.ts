/**
 * Compares two V8 heap snapshots of one process (`v8.writeHeapSnapshot()`): self size by
 * category (constructor, or string/array/code kind) in each and of the objects new in the second
 * (by snapshot object id), then the retained sizes (dominator tree, weak edges ignored) of the
 * daemonset plugin's objects in the second and what inside them retains the most.
 *
 *   node --max-old-space-size=6000 --require @backstage/cli-node/config/nodeTransform.cjs \
 *     bench/scripts/heapDiff.ts before.heapsnapshot after.heapsnapshot [--depth 3] [--top 25]
 */
import { readFileSync } from 'node:fs';
import { arg } from '../src/cli';

interface Snapshot {
  nodeFields: number;
  edgeFields: number;
  nodes: number[];
  edges: number[];
  strings: string[];
  nodeTypes: string[];
  edgeTypes: string[];
  count: number;
  firstEdge: Uint32Array;
  ids: Map<number, number>;
}

const depth = Number(arg('depth', '3'));
const top = Number(arg('top', '25'));
const PLUGIN_CLASSES =
  /^(WatchCache|ListWatch|ObservedWatch|DaemonSetGroup|EntityStatusView|StatusViews|ClusterWatches|NodeRowCache)$/;

const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(2);

function load(file: string): Snapshot {
  const raw = JSON.parse(readFileSync(file, 'utf8'));
  const meta = raw.snapshot.meta;
  const nodeFields = meta.node_fields.length;
  const edgeFields = meta.edge_fields.length;
  const nodes: number[] = raw.nodes;
  const count = nodes.length / nodeFields;
  const firstEdge = new Uint32Array(count + 1);
  for (let i = 0, e = 0; i < count; i++) {
    firstEdge[i] = e;
    e += nodes[i * nodeFields + 4] * edgeFields;
    firstEdge[i + 1] = e;
  }
  const ids = new Map<number, number>();
  for (let i = 0; i < count; i++) ids.set(nodes[i * nodeFields + 2], i);
  return {
    nodeFields,
    edgeFields,
    nodes,
    edges: raw.edges,
    strings: raw.strings,
    nodeTypes: meta.node_types[0],
    edgeTypes: meta.edge_types[0],
    count,
    firstEdge,
    ids,
  };
}

const typeOf = (s: Snapshot, i: number) =>
  s.nodeTypes[s.nodes[i * s.nodeFields]];
const nameOf = (s: Snapshot, i: number) =>
  s.strings[s.nodes[i * s.nodeFields + 1]];
const idOf = (s: Snapshot, i: number) => s.nodes[i * s.nodeFields + 2];
const selfOf = (s: Snapshot, i: number) => s.nodes[i * s.nodeFields + 3];

function category(s: Snapshot, i: number): string {
  const type = typeOf(s, i);
  switch (type) {
    case 'object':
    case 'native':
      return nameOf(s, i);
    case 'string':
    case 'concatenated string':
    case 'sliced string':
      return `(${type})`;
    case 'hidden':
    case 'array':
    case 'code':
      return `(${type}) ${nameOf(s, i).slice(0, 40)}`;
    default:
      return `(${type})`;
  }
}

function bySelf(s: Snapshot, only?: (i: number) => boolean) {
  const sums = new Map<string, { size: number; count: number }>();
  let total = 0;
  for (let i = 0; i < s.count; i++) {
    if (only && !only(i)) continue;
    const key = category(s, i);
    const entry = sums.get(key) ?? { size: 0, count: 0 };
    entry.size += selfOf(s, i);
    entry.count++;
    total += selfOf(s, i);
    sums.set(key, entry);
  }
  return { sums, total };
}

function printTable(title: string, rows: Array<[string, number, number]>) {
  console.log(`\n## ${title}`);
  for (const [key, size, n] of rows.slice(0, top)) {
    console.log(
      `${mib(size).padStart(9)} MiB ${String(n).padStart(9)}  ${key.slice(
        0,
        100,
      )}`,
    );
  }
}

/** Immediate dominators (Cooper, Harvey, Kennedy), from the synthetic root, weak edges ignored. */
function dominators(s: Snapshot) {
  const { count, edges, edgeFields, firstEdge } = s;
  const weak = s.edgeTypes.indexOf('weak');
  const order = new Int32Array(count).fill(-1); // postorder number
  const byOrder = new Int32Array(count);
  const stack = new Int32Array(count);
  const cursor = new Uint32Array(count);
  const visited = new Uint8Array(count);
  let n = 0;
  let sp = 0;
  stack[sp++] = 0;
  visited[0] = 1;
  cursor[0] = firstEdge[0];
  while (sp > 0) {
    const v = stack[sp - 1];
    let pushed = false;
    while (cursor[v] < firstEdge[v + 1]) {
      const e = cursor[v];
      cursor[v] += edgeFields;
      if (edges[e] === weak) continue;
      const w = edges[e + 2] / s.nodeFields;
      if (!visited[w]) {
        visited[w] = 1;
        cursor[w] = firstEdge[w];
        stack[sp++] = w;
        pushed = true;
        break;
      }
    }
    if (!pushed && stack[sp - 1] === v) {
      sp--;
      order[v] = n;
      byOrder[n++] = v;
    }
  }
  // Predecessors (reachable, strong edges), CSR by node.
  const predCount = new Uint32Array(count + 1);
  for (let v = 0; v < count; v++) {
    if (!visited[v]) continue;
    for (let e = firstEdge[v]; e < firstEdge[v + 1]; e += edgeFields) {
      if (edges[e] !== weak) predCount[edges[e + 2] / s.nodeFields + 1]++;
    }
  }
  for (let i = 0; i < count; i++) predCount[i + 1] += predCount[i];
  const preds = new Uint32Array(predCount[count]);
  const fill = predCount.slice(0, count);
  for (let v = 0; v < count; v++) {
    if (!visited[v]) continue;
    for (let e = firstEdge[v]; e < firstEdge[v + 1]; e += edgeFields) {
      if (edges[e] !== weak) preds[fill[edges[e + 2] / s.nodeFields]++] = v;
    }
  }
  const idom = new Int32Array(count).fill(-1);
  idom[0] = 0;
  const intersect = (first: number, second: number) => {
    let a = first;
    let b = second;
    while (a !== b) {
      while (order[a] < order[b]) a = idom[a];
      while (order[b] < order[a]) b = idom[b];
    }
    return a;
  };
  for (let changed = true, pass = 0; changed; pass++) {
    changed = false;
    for (let k = n - 2; k >= 0; k--) {
      const v = byOrder[k];
      let next = -1;
      for (let p = predCount[v]; p < predCount[v + 1]; p++) {
        const u = preds[p];
        if (idom[u] === -1) continue;
        next = next === -1 ? u : intersect(u, next);
      }
      if (next !== -1 && idom[v] !== next) {
        idom[v] = next;
        changed = true;
      }
    }
  }
  const retained = new Float64Array(count);
  for (let k = 0; k < n; k++) {
    const v = byOrder[k];
    retained[v] += selfOf(s, v);
    if (v !== 0 && idom[v] >= 0) retained[idom[v]] += retained[v];
  }
  return { idom, retained };
}

function edgeName(s: Snapshot, e: number): string {
  const type = s.edgeTypes[s.edges[e]];
  const nameOrIndex = s.edges[e + 1];
  return type === 'element' || type === 'hidden'
    ? `[${nameOrIndex}]`
    : String(s.strings[nameOrIndex]);
}

/** Prints what `v` dominates through its own edges, biggest first, down to `levels`. */
function printDominated(
  s: Snapshot,
  idom: Int32Array,
  retained: Float64Array,
  v: number,
  levels: number,
  indent: string,
) {
  if (levels === 0) return;
  const children: Array<[string, number]> = [];
  const seen = new Set<number>();
  for (let e = s.firstEdge[v]; e < s.firstEdge[v + 1]; e += s.edgeFields) {
    const w = s.edges[e + 2] / s.nodeFields;
    if (idom[w] === v && !seen.has(w)) {
      seen.add(w);
      children.push([edgeName(s, e), w]);
    }
  }
  children.sort((a, b) => retained[b[1]] - retained[a[1]]);
  let shown = 0;
  for (const [name, w] of children) {
    if (retained[w] < 64 * 1024 || shown++ >= 8) break;
    console.log(
      `${indent}${mib(retained[w]).padStart(8)} MiB  .${name.slice(
        0,
        50,
      )}: ${category(s, w).slice(0, 60)}${
        typeOf(s, w).includes('string') ? '' : ` @${idOf(s, w)}`
      }`,
    );
    printDominated(s, idom, retained, w, levels - 1, `${indent}  `);
  }
}

/** Prints the shortest strong path from the root to the object with snapshot id `id`. */
function printPath(s: Snapshot, id: number) {
  const target = s.ids.get(id);
  if (target === undefined) return;
  const weak = s.edgeTypes.indexOf('weak');
  const parent = new Int32Array(s.count).fill(-1);
  const via = new Int32Array(s.count).fill(-1);
  parent[0] = 0;
  let frontier = [0];
  while (frontier.length > 0 && parent[target] === -1) {
    const next: number[] = [];
    for (const v of frontier) {
      for (let e = s.firstEdge[v]; e < s.firstEdge[v + 1]; e += s.edgeFields) {
        if (s.edges[e] === weak) continue;
        const w = s.edges[e + 2] / s.nodeFields;
        if (parent[w] !== -1) continue;
        parent[w] = v;
        via[w] = e;
        next.push(w);
      }
    }
    frontier = next;
  }
  const steps: string[] = [];
  for (let v = target; v !== 0 && parent[v] !== -1; v = parent[v]) {
    steps.push(
      `  <- .${edgeName(s, via[v]).slice(0, 60)} of ${category(
        s,
        parent[v],
      ).slice(0, 60)} @${idOf(s, parent[v])}`,
    );
  }
  console.log(`\n## path to @${id} (${category(s, target)})`);
  console.log(steps.join('\n'));
}

function main() {
  if (process.argv.includes('--path')) {
    const s = load(process.argv[2]);
    for (const id of arg('path', '').split(',')) printPath(s, Number(id));
    return;
  }
  const [fileA, fileB] = process.argv.slice(2).filter(a => !a.startsWith('--'));
  const a = load(fileA);
  const b = load(fileB);
  const sa = bySelf(a);
  const sb = bySelf(b);
  const isNew = (i: number) => !a.ids.has(idOf(b, i));
  const fresh = bySelf(b, isNew);
  console.log(
    `# ${fileA}: ${mib(sa.total)} MiB; ${fileB}: ${mib(
      sb.total,
    )} MiB; new in the second: ${mib(fresh.total)} MiB`,
  );
  const keys = new Set([...sa.sums.keys(), ...sb.sums.keys()]);
  const diff: Array<[string, number, number]> = [...keys].map(k => [
    k,
    (sb.sums.get(k)?.size ?? 0) - (sa.sums.get(k)?.size ?? 0),
    (sb.sums.get(k)?.count ?? 0) - (sa.sums.get(k)?.count ?? 0),
  ]);
  printTable(
    'self size difference by category (second - first)',
    diff.sort((x, y) => y[1] - x[1]),
  );
  printTable(
    'self size of objects new in the second, by category',
    [...fresh.sums]
      .map(([k, v]): [string, number, number] => [k, v.size, v.count])
      .sort((x, y) => y[1] - x[1]),
  );

  const { idom, retained } = dominators(b);
  // New objects by the nearest plugin object dominating them.
  const owners = new Map<string, number>();
  for (let i = 0; i < b.count; i++) {
    if (!isNew(i) || idom[i] === -1) continue;
    let v = i;
    let owner = '(no plugin object)';
    for (let hops = 0; v !== 0 && hops < 10_000; hops++) {
      if (PLUGIN_CLASSES.test(nameOf(b, v)) && typeOf(b, v) === 'object') {
        owner = `${nameOf(b, v)} @${idOf(b, v)}`;
        break;
      }
      v = idom[v];
    }
    owners.set(owner, (owners.get(owner) ?? 0) + selfOf(b, i));
  }
  printTable(
    'self size of new objects by their nearest dominating plugin object',
    [...owners]
      .map(([k, v]): [string, number, number] => [k, v, 0])
      .sort((x, y) => y[1] - x[1]),
  );

  console.log('\n## plugin objects in the second snapshot, by retained size');
  const plugin: number[] = [];
  for (let i = 0; i < b.count; i++) {
    if (typeOf(b, i) === 'object' && PLUGIN_CLASSES.test(nameOf(b, i)))
      plugin.push(i);
  }
  plugin.sort((x, y) => retained[y] - retained[x]);
  for (const v of plugin.slice(0, top)) {
    console.log(
      `${mib(retained[v]).padStart(9)} MiB  ${nameOf(b, v)} @${idOf(b, v)}${
        isNew(v) ? ' (new)' : ''
      }`,
    );
    printDominated(b, idom, retained, v, depth, '    ');
  }

  console.log(
    '\n## biggest retainers among new objects (not dominated by a new one)',
  );
  const roots: number[] = [];
  for (let i = 0; i < b.count; i++) {
    if (isNew(i) && idom[i] >= 0 && !isNew(idom[i])) roots.push(i);
  }
  roots.sort((x, y) => retained[y] - retained[x]);
  for (const v of roots.slice(0, top)) {
    const d = idom[v];
    console.log(
      `${mib(retained[v]).padStart(9)} MiB  ${category(b, v).slice(
        0,
        60,
      )} @${idOf(b, v)}  under ${category(b, d).slice(0, 40)} @${idOf(b, d)}`,
    );
  }
}

main();
