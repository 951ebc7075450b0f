import {
  applyStatusPatch,
  ClusterStatus,
  compareNodeRows,
  DaemonSetStatusReport,
  EntityDaemonSetStatus,
  EntityDaemonSetStatusPatch,
  NodeRow,
  VERDICT_SEVERITY_ORDER,
} from '@daemonsets/plugin-daemonset-common';
import fc from 'fast-check';
import { serializePatch, serializeStatus } from './statusSerialization';

const ENTITY = 'component:default/agent';
const CONNECTED = {
  state: 'connected',
  since: '2026-11-28T10:00:00.000Z',
} as const;

function row(node: string, verdict: NodeRow['verdict'], restarts = 0): NodeRow {
  return {
    node: {
      name: node,
      ready: true,
      schedulable: true,
      labels: { 'kubernetes.io/hostname': node },
      taints: [],
      conditions: [],
    },
    eligibility: { eligible: verdict !== 'notEligible', reasons: [] },
    verdict,
    ...(verdict === 'notEligible'
      ? {}
      : {
          pod: {
            name: `agent-${node}`,
            namespace: 'default',
            phase: 'Running',
            ready: verdict === 'ok',
            restarts,
            currentRevision: true,
            deleting: false,
            containers: [],
          },
        }),
  };
}

function report(uid: string, rows: NodeRow[]): DaemonSetStatusReport {
  const nodes = [...rows].sort(compareNodeRows);
  return {
    cluster: 'c',
    daemonSet: {
      name: `ds-${uid}`,
      namespace: 'default',
      uid,
      generation: 1,
      observedGeneration: 1,
      desired: nodes.length,
      current: nodes.length,
      ready: nodes.length,
      updated: nodes.length,
      available: nodes.length,
      unavailable: 0,
      misscheduled: 0,
      updateStrategy: { type: 'RollingUpdate', maxUnavailable: 1 },
      images: ['agent:1'],
    },
    nodes,
    counts: Object.fromEntries(
      VERDICT_SEVERITY_ORDER.map(v => [
        v,
        nodes.filter(r => r.verdict === v).length,
      ]),
    ) as DaemonSetStatusReport['counts'],
    connection: CONNECTED,
    observedAt: '2026-11-28T10:00:00.000Z',
  };
}

const rowArbitrary = fc
  .record({
    node: fc.constantFrom('n1', 'n2', 'n3', 'n4', 'n5', 'n6'),
    verdict: fc.constantFrom(...VERDICT_SEVERITY_ORDER),
    restarts: fc.nat(3),
  })
  .map(r => row(r.node, r.verdict, r.restarts));

const reportArbitrary = fc
  .record({
    uid: fc.constantFrom('u1', 'u2', 'u3'),
    rows: fc.uniqueArray(rowArbitrary, {
      selector: r => r.node.name,
      maxLength: 6,
    }),
  })
  .map(r => report(r.uid, r.rows));

const clusterArbitrary = fc
  .record({
    cluster: fc.constantFrom('a', 'b'),
    reports: fc.uniqueArray(reportArbitrary, {
      selector: r => r.daemonSet.uid,
      maxLength: 3,
    }),
    failed: fc.boolean(),
  })
  .map(
    (c): ClusterStatus => ({
      cluster: c.cluster,
      connection: c.failed
        ? { state: 'failed', since: CONNECTED.since, reason: 'HTTP 401' }
        : CONNECTED,
      daemonSets: c.reports.map(r => ({ ...r, cluster: c.cluster })),
      ...(c.failed ? { error: { message: 'cannot read' } } : {}),
    }),
  );

const statusArbitrary = fc.uniqueArray(clusterArbitrary, {
  selector: c => c.cluster,
  maxLength: 2,
});

/** Every string reachable from `value` through objects, arrays and maps. */
function stringsIn(value: unknown, seen = new Set<unknown>()): string[] {
  if (typeof value === 'string') return [value];
  if (value === null || typeof value !== 'object' || seen.has(value)) return [];
  seen.add(value);
  const children =
    value instanceof Map
      ? [...value.keys(), ...value.values()]
      : Object.values(value);
  return children.flatMap(child => stringsIn(child, seen));
}

describe('serializeStatus', () => {
  it('hashes equal content alike and different content differently', () => {
    fc.assert(
      fc.property(statusArbitrary, statusArbitrary, (a, b) => {
        const hashOf = (clusters: ClusterStatus[]) =>
          serializeStatus(ENTITY, clusters, 'T1').contentHash();
        // Fresh row objects with the same content: hashed from their JSON, not their identity.
        expect(hashOf(structuredClone(a))).toBe(hashOf(a));
        expect(hashOf(a) === hashOf(b)).toBe(
          JSON.stringify(a) === JSON.stringify(b),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('does not count a later observedAt alone as new content', () => {
    const at = (observedAt: string, rows: NodeRow[]): ClusterStatus[] => [
      {
        cluster: 'a',
        connection: CONNECTED,
        daemonSets: [{ ...report('u1', rows), observedAt }],
      },
    ];
    const hashOf = (clusters: ClusterStatus[]) =>
      serializeStatus(ENTITY, clusters, 'T1').contentHash();
    const rows = [row('n1', 'ok'), row('n2', 'ok')];
    const earlier = hashOf(at('2026-12-07T10:00:00.000Z', rows));
    expect(hashOf(at('2026-12-07T10:00:05.000Z', rows))).toBe(earlier);
    expect(
      hashOf(
        at('2026-12-07T10:00:05.000Z', [row('n1', 'ok'), row('n2', 'failing')]),
      ),
    ).not.toBe(earlier);
  });

  it('hashes the rows when the content hash is first asked for, and once', () => {
    let serializedRows = 0;
    const counted = (r: NodeRow): NodeRow =>
      ({
        ...r,
        toJSON() {
          serializedRows++;
          return { ...r };
        },
      } as NodeRow);
    const status = serializeStatus(
      ENTITY,
      [
        {
          cluster: 'a',
          connection: CONNECTED,
          daemonSets: [
            report('u1', [counted(row('n1', 'ok')), counted(row('n2', 'ok'))]),
          ],
        },
      ],
      'T1',
    );
    expect(serializedRows).toBe(0);
    const hash = status.contentHash();
    expect(serializedRows).toBe(2);
    expect(status.contentHash()).toBe(hash);
    expect(serializedRows).toBe(2);
  });

  it('keeps neither the answer nor the rows as JSON', () => {
    const clusters: ClusterStatus[] = [
      {
        cluster: 'a',
        connection: CONNECTED,
        daemonSets: [report('u1', [row('n1', 'ok'), row('n2', 'failing')])],
      },
    ];
    const serialized = serializeStatus(ENTITY, clusters, 'T1');
    const json = serialized.json();
    expect(serialized.json()).toBe(json);
    const kept = stringsIn(serialized);
    expect(kept).not.toContain(json);
    for (const r of clusters[0].daemonSets[0].nodes) {
      expect(kept).not.toContain(JSON.stringify(r));
    }
  });

  it('writes the same content as JSON.stringify', () => {
    fc.assert(
      fc.property(statusArbitrary, clusters => {
        const { json } = serializeStatus(ENTITY, clusters, 'T1');
        expect(JSON.parse(json())).toEqual(
          JSON.parse(
            JSON.stringify({ entityRef: ENTITY, clusters, generatedAt: 'T1' }),
          ),
        );
      }),
    );
  });
});

describe('serializePatch', () => {
  it('turns any status into any other when applied with applyStatusPatch', () => {
    fc.assert(
      fc.property(statusArbitrary, statusArbitrary, (before, after) => {
        const from = serializeStatus(ENTITY, before, 'T1');
        const to = serializeStatus(ENTITY, after, 'T2');
        const patch: EntityDaemonSetStatusPatch = JSON.parse(
          serializePatch({ base: 1, from, version: 2, to }),
        );
        expect(patch).toMatchObject({ base: 1, version: 2 });
        const applied = applyStatusPatch(
          JSON.parse(from.json()) as EntityDaemonSetStatus,
          patch,
        );
        expect(applied).toEqual(JSON.parse(to.json()));
      }),
      { numRuns: 300 },
    );
  });

  it('sends only the rows that changed and the names of the rows that went', () => {
    const before = [
      {
        cluster: 'a',
        connection: CONNECTED,
        daemonSets: [
          report('u1', [row('n1', 'ok'), row('n2', 'ok'), row('n3', 'ok')]),
        ],
      },
    ];
    const after = [
      {
        cluster: 'a',
        connection: CONNECTED,
        daemonSets: [report('u1', [row('n1', 'ok'), row('n2', 'failing', 4)])],
      },
    ];
    const patch: EntityDaemonSetStatusPatch = JSON.parse(
      serializePatch({
        base: 7,
        from: serializeStatus(ENTITY, before, 'T1'),
        version: 8,
        to: serializeStatus(ENTITY, after, 'T2'),
      }),
    );
    const changes = patch.clusters[0].daemonSets[0].nodeChanges;
    expect(changes.upsert.map(r => [r.node.name, r.verdict])).toEqual([
      ['n2', 'failing'],
    ]);
    expect(changes.remove).toEqual(['n3']);
    expect(patch.clusters[0].daemonSets[0]).not.toHaveProperty('nodes');
  });

  it('keeps unchanged rows as the same objects', () => {
    const base = JSON.parse(
      serializeStatus(
        ENTITY,
        [
          {
            cluster: 'a',
            connection: CONNECTED,
            daemonSets: [report('u1', [row('n1', 'ok'), row('n2', 'ok')])],
          },
        ],
        'T1',
      ).json(),
    ) as EntityDaemonSetStatus;
    const from = serializeStatus(ENTITY, base.clusters, 'T1');
    const to = serializeStatus(
      ENTITY,
      [
        {
          cluster: 'a',
          connection: CONNECTED,
          daemonSets: [report('u1', [row('n1', 'ok'), row('n2', 'missing')])],
        },
      ],
      'T2',
    );
    const applied = applyStatusPatch(
      base,
      JSON.parse(serializePatch({ base: 1, from, version: 2, to })),
    );
    const n1Before = base.clusters[0].daemonSets[0].nodes.find(
      r => r.node.name === 'n1',
    );
    const n1After = applied.clusters[0].daemonSets[0].nodes.find(
      r => r.node.name === 'n1',
    );
    expect(n1After).toBe(n1Before);
  });
});
