import fc from 'fast-check';
import { KubeNode, KubePod } from './kubernetes';
import { buildDaemonSetStatusReport } from './report';
import { NodeRowCache } from './rowCache';
import {
  makeDaemonSet,
  makeNode,
  makePod,
  makeRevision,
} from './__fixtures__/kube';

const connection = {
  state: 'connected' as const,
  since: '2025-01-01T00:00:00Z',
};
const revisions = [
  makeRevision('agent-rev1', 1),
  makeRevision('agent-rev2', 2),
];
let versions = 0;

function versioned<T extends KubeNode | KubePod>(object: T): T {
  versions++;
  return {
    ...object,
    metadata: { ...object.metadata, resourceVersion: String(versions) },
  };
}

function fleet(size: number) {
  const nodes = Array.from({ length: size }, (_, i) =>
    versioned(makeNode(`n${i}`, { ready: i % 7 !== 3 })),
  );
  const pods = nodes.map((n, i) =>
    versioned(
      makePod(`agent-${i}`, {
        node: n.metadata!.name,
        ready: i % 5 !== 1,
        revision: i % 3 === 0 ? 'rev1' : 'rev2',
      }),
    ),
  );
  return { nodes, pods };
}

const build = (
  nodes: KubeNode[],
  pods: KubePod[],
  rowCache?: NodeRowCache,
  daemonSet = makeDaemonSet(),
) =>
  buildDaemonSetStatusReport({
    cluster: 'c',
    daemonSet,
    nodes,
    pods,
    revisions,
    connection,
    observedAt: '2025-01-01T00:05:00Z',
    rowCache,
  });

type Change =
  | { kind: 'pod'; index: number; ready: boolean }
  | { kind: 'deletePod'; index: number }
  | { kind: 'node'; index: number; ready: boolean }
  | { kind: 'deleteNode'; index: number }
  | { kind: 'spec'; generation: number };

const changeArbitrary: fc.Arbitrary<Change> = fc.oneof(
  fc.record({
    kind: fc.constant('pod' as const),
    index: fc.nat(19),
    ready: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('deletePod' as const), index: fc.nat(19) }),
  fc.record({
    kind: fc.constant('node' as const),
    index: fc.nat(19),
    ready: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('deleteNode' as const), index: fc.nat(19) }),
  fc.record({
    kind: fc.constant('spec' as const),
    generation: fc.integer({ min: 3, max: 5 }),
  }),
);

describe('NodeRowCache', () => {
  it('gives the same report as a build without cache after any sequence of changes', () => {
    fc.assert(
      fc.property(fc.array(changeArbitrary, { maxLength: 12 }), changes => {
        let { nodes, pods } = fleet(20);
        let daemonSet = makeDaemonSet();
        const cache = new NodeRowCache();
        build(nodes, pods, cache, daemonSet);
        for (const change of changes) {
          if (change.kind === 'pod' && pods[change.index]) {
            const old = pods[change.index];
            pods = pods.map((p, i) =>
              i === change.index
                ? versioned(
                    makePod(old.metadata!.name!, {
                      node: old.spec?.nodeName,
                      ready: change.ready,
                    }),
                  )
                : p,
            );
          } else if (change.kind === 'deletePod') {
            pods = pods.filter((_, i) => i !== change.index);
          } else if (change.kind === 'node' && nodes[change.index]) {
            nodes = nodes.map((n, i) =>
              i === change.index
                ? versioned(
                    makeNode(n.metadata!.name!, { ready: change.ready }),
                  )
                : n,
            );
          } else if (change.kind === 'deleteNode') {
            nodes = nodes.filter((_, i) => i !== change.index);
          } else if (change.kind === 'spec') {
            daemonSet = makeDaemonSet(
              change.generation === 5 ? { nodeSelector: { zone: 'a' } } : {},
            );
            daemonSet.metadata!.generation = change.generation;
          }
          expect(build(nodes, pods, cache, daemonSet)).toEqual(
            build(nodes, pods, undefined, daemonSet),
          );
        }
      }),
      { numRuns: 150 },
    );
  });

  it('recomputes only the row whose pod changed', () => {
    const { nodes, pods } = fleet(50);
    const cache = new NodeRowCache();
    const before = build(nodes, pods, cache);
    const changed = pods.map((p, i) =>
      i === 10
        ? versioned(makePod('agent-10', { node: 'n10', ready: false }))
        : p,
    );
    const after = build(nodes, changed, cache);
    const previous = new Map(before.nodes.map(r => [r.node.name, r]));
    const rebuilt = after.nodes.filter(r => previous.get(r.node.name) !== r);
    expect(rebuilt.map(r => r.node.name)).toEqual(['n10']);
    expect(cache.size).toBe(50);
  });

  it('caches nothing for objects without a resourceVersion', () => {
    const cache = new NodeRowCache();
    build([makeNode('n1')], [makePod('agent-1', { node: 'n1' })], cache);
    expect(cache.size).toBe(0);
  });
});
