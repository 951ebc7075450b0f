import { ConnectionState } from '@daemonsets/plugin-daemonset-common';
import { V1DaemonSet, V1Node, V1Pod } from '@kubernetes/client-node';
import { DaemonSetGroup } from './DaemonSetGroup';
import type { WatchSource } from './WatchSource';

/** A stand-in for a WatchCache whose content the test sets; `synced` false until `set`. */
class FakeCache<T> {
  version = 1;
  lastChangedAt = Date.now();
  stopped = false;
  connection: ConnectionState = {
    state: 'connected',
    since: '2024-01-01T00:00:00Z',
  };
  private readonly listeners = new Set<() => void>();
  constructor(public items: T[], public synced: boolean) {}
  list() {
    return this.items;
  }
  whenSynced() {
    return Promise.resolve(this.synced);
  }
  onChange(listener: () => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  set(items: T[]) {
    this.items = items;
    this.synced = true;
    this.version++;
    this.listeners.forEach(l => l());
  }
}

/** A WatchSource handing out one fake cache per (kind, namespace, selector), in acquire order. */
function fakeSource() {
  const caches = new Map<string, FakeCache<any>>();
  const acquired: string[] = [];
  const source: WatchSource = {
    acquire: ((kind: string, namespace?: string, selector?: string) => {
      const key = [kind, namespace ?? '*', selector ?? ''].join(' ');
      acquired.push(key);
      let cache = caches.get(key);
      if (!cache) {
        cache = new FakeCache([], false);
        caches.set(key, cache);
      }
      return cache;
    }) as any,
    release: cache => {
      (cache as unknown as FakeCache<unknown>).stopped = true;
    },
  };
  return { source, caches, acquired };
}

const ENTITY = 'backstage.io/kubernetes-id=agent';
const NODES = ['n1', 'n2', 'n3'];
const nodes: V1Node[] = NODES.map(name => ({
  metadata: { name, resourceVersion: '1' },
  status: { conditions: [{ type: 'Ready', status: 'True' }] },
}));

function daemonSet(
  name: string,
  templateLabels: Record<string, string>,
): V1DaemonSet {
  return {
    metadata: {
      name,
      namespace: 'ns',
      uid: `uid-${name}`,
      resourceVersion: '1',
      generation: 1,
      labels: { 'backstage.io/kubernetes-id': 'agent' },
    },
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: templateLabels },
        spec: { containers: [{ name: 'c', image: 'img:1' }] },
      },
    },
  };
}

function pod(
  ds: V1DaemonSet,
  node: string,
  namespace = 'ns',
  labels = ds.spec!.template.metadata!.labels!,
): V1Pod {
  return {
    metadata: {
      name: `${ds.metadata!.name}-${node}`,
      namespace,
      uid: `${ds.metadata!.name}-${node}-${namespace}`,
      resourceVersion: '1',
      labels,
      ownerReferences: [
        {
          uid: ds.metadata!.uid!,
          kind: 'DaemonSet',
          name: ds.metadata!.name!,
          apiVersion: 'apps/v1',
          controller: true,
        },
      ],
      creationTimestamp: new Date('2024-01-01T00:00:00Z'),
    },
    spec: { nodeName: node, containers: [{ name: 'c', image: 'img:1' }] },
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: [
        {
          name: 'c',
          image: 'img:1',
          imageID: '',
          ready: true,
          restartCount: 0,
          state: { running: {} },
        },
      ],
    },
  };
}

const okCounts = (group: DaemonSetGroup) =>
  Object.fromEntries(
    group
      .status('c')
      .daemonSets.map(r => [r.daemonSet.name, r.counts.ok] as const),
  );

describe('DaemonSetGroup', () => {
  it('lists the entity’s pods and revisions at once, beside nodes and DaemonSets, and narrows them per DaemonSet', async () => {
    const { source, caches, acquired } = fakeSource();
    const group = new DaemonSetGroup(source, 'ns', ENTITY);
    group.start();
    // Every list of the first answer starts before any DaemonSet is known.
    expect(acquired).toEqual([
      'nodes * ',
      `daemonsets ns ${ENTITY}`,
      `pods ns ${ENTITY},controller-revision-hash`,
      `controllerrevisions ns ${ENTITY}`,
    ]);

    const a = daemonSet('a', {
      app: 'a',
      'backstage.io/kubernetes-id': 'agent',
    });
    const b = daemonSet('b', {
      app: 'b',
      'backstage.io/kubernetes-id': 'agent',
    });
    caches.get('nodes * ')!.set(nodes);
    caches
      .get(`pods ns ${ENTITY},controller-revision-hash`)!
      .set([
        ...NODES.map(n => pod(a, n)),
        ...NODES.slice(0, 2).map(n => pod(b, n)),
      ]);
    caches.get(`controllerrevisions ns ${ENTITY}`)!.set([]);
    caches.get(`daemonsets ns ${ENTITY}`)!.set([a, b]);
    await group.whenSynced(1000);

    // Both served from the one shared pod cache: no cache per DaemonSet selector.
    expect(acquired).toHaveLength(4);
    expect(group.status('c').error).toBeUndefined();
    expect(okCounts(group)).toEqual({ a: 3, b: 2 });
    group.stop();
  });

  it('gives a DaemonSet whose pods lack the entity’s labels caches of its own, by its selector', async () => {
    const { source, caches, acquired } = fakeSource();
    const group = new DaemonSetGroup(source, undefined, ENTITY);
    group.start();
    const labelled = daemonSet('a', {
      app: 'a',
      'backstage.io/kubernetes-id': 'agent',
    });
    // Only the DaemonSet's own metadata carries the entity's label, not its pods.
    const bare = daemonSet('bare', { app: 'bare' });
    caches.get('nodes * ')!.set(nodes);
    caches.get(`pods * ${ENTITY},controller-revision-hash`)!.set([
      ...NODES.map(n => pod(labelled, n)),
      // Same labels in another namespace: not the DaemonSet's pods.
      pod(labelled, 'n1', 'other'),
    ]);
    caches.get(`controllerrevisions * ${ENTITY}`)!.set([]);
    caches.get(`daemonsets * ${ENTITY}`)!.set([labelled, bare]);

    expect(acquired.slice(4)).toEqual([
      'pods ns app=bare,controller-revision-hash',
      'controllerrevisions ns app=bare',
    ]);
    // Its own pods are not read yet: the answer says so and waits for them.
    expect(group.status('c').error?.message).toBe(
      'Pods of ns/bare not read yet: listing',
    );
    caches
      .get('pods ns app=bare,controller-revision-hash')!
      .set(NODES.map(n => pod(bare, n)));
    caches.get('controllerrevisions ns app=bare')!.set([]);
    await group.whenSynced(1000);

    expect(group.status('c').error).toBeUndefined();
    expect(okCounts(group)).toEqual({ a: 3, bare: 3 });

    // The DaemonSet gone, its own caches are released; the shared ones stay for `a`.
    caches.get(`daemonsets * ${ENTITY}`)!.set([labelled]);
    expect(
      caches.get('pods ns app=bare,controller-revision-hash')!.stopped,
    ).toBe(true);
    expect(
      caches.get(`pods * ${ENTITY},controller-revision-hash`)!.stopped,
    ).toBe(false);
    group.stop();
    expect(
      caches.get(`pods * ${ENTITY},controller-revision-hash`)!.stopped,
    ).toBe(true);
  });

  it('releases the shared caches once listed DaemonSets need none, and takes them again when one appears', () => {
    const { source, caches, acquired } = fakeSource();
    const group = new DaemonSetGroup(source, 'ns', ENTITY);
    group.start();
    const bare = daemonSet('bare', { app: 'bare' });
    caches.get(`daemonsets ns ${ENTITY}`)!.set([bare]);
    expect(
      caches.get(`pods ns ${ENTITY},controller-revision-hash`)!.stopped,
    ).toBe(true);
    expect(caches.get(`controllerrevisions ns ${ENTITY}`)!.stopped).toBe(true);

    // The template now carries the entity's label: back to the shared caches.
    const relabelled = daemonSet('bare', {
      app: 'bare',
      'backstage.io/kubernetes-id': 'agent',
    });
    relabelled.metadata!.resourceVersion = '2';
    caches.get(`daemonsets ns ${ENTITY}`)!.set([relabelled]);
    expect(
      acquired.filter(k => k === `pods ns ${ENTITY},controller-revision-hash`),
    ).toHaveLength(2);
    expect(
      caches.get('pods ns app=bare,controller-revision-hash')!.stopped,
    ).toBe(true);
    group.stop();
  });
});
