import { mockServices } from '@backstage/backend-test-utils';
import { V1Pod } from '@kubernetes/client-node';
import { eventually } from '../__testUtils__/eventually';
import {
  FakeApiServer,
  startFakeApiServer,
} from '../__testUtils__/fakeApiServer';
import { ClusterWatches } from './ClusterWatches';
import {
  DAEMONSET_POD_LABEL,
  daemonSetPodsSelector,
  listFromHeldPods,
} from './daemonSetPods';

// Waits below are event-driven with a 15 s ceiling; the test ceiling is above it.
const CEILING_MS = 15_000;
jest.setTimeout(30_000);

function pod(
  name: string,
  namespace: string,
  labels: Record<string, string>,
): V1Pod {
  return { metadata: { name, namespace, labels, resourceVersion: '5' } };
}

const agentInDefault = pod('agent-a', 'default', {
  app: 'agent',
  [DAEMONSET_POD_LABEL]: 'h1',
});
const agentElsewhere = pod('agent-b', 'other', {
  app: 'agent',
  [DAEMONSET_POD_LABEL]: 'h1',
});
const madeByHand = pod('agent-c', 'default', { app: 'agent' });
const otherDaemonSet = pod('logs-a', 'default', {
  app: 'logs',
  [DAEMONSET_POD_LABEL]: 'h2',
});

describe('daemonSetPodsSelector', () => {
  it('requires the label the DaemonSet controller puts on its pods, once', () => {
    expect(daemonSetPodsSelector('app=agent')).toBe(
      'app=agent,controller-revision-hash',
    );
    expect(daemonSetPodsSelector('app=agent,controller-revision-hash')).toBe(
      'app=agent,controller-revision-hash',
    );
    // A requirement on a value of the label is not the same as requiring it: added.
    expect(daemonSetPodsSelector('controller-revision-hash in (h1)')).toBe(
      'controller-revision-hash in (h1),controller-revision-hash',
    );
  });
});

describe('listFromHeldPods', () => {
  const held = {
    contents: (namespace?: string) => ({
      items: [agentInDefault, agentElsewhere, otherDaemonSet].filter(
        p => namespace === undefined || p.metadata?.namespace === namespace,
      ),
      resourceVersion: '42',
    }),
  };

  it('selects the pods of a namespace at the held version', () => {
    const list = listFromHeldPods(
      held,
      'default',
      'app=agent,controller-revision-hash',
    );
    expect(list?.metadata?.resourceVersion).toBe('42');
    expect(list?.items.map(p => p.metadata?.name)).toEqual(['agent-a']);
    expect(
      listFromHeldPods(held, undefined, 'app=agent,controller-revision-hash')
        ?.items.map(p => p.metadata?.name)
        .sort(),
    ).toEqual(['agent-a', 'agent-b']);
  });

  it('answers nothing for a selector that may select pods no DaemonSet made', () => {
    expect(listFromHeldPods(held, 'default', 'app=agent')).toBeUndefined();
  });

  it('answers nothing before the held pods were listed', () => {
    const empty = { contents: () => ({ items: [], resourceVersion: '' }) };
    expect(
      listFromHeldPods(empty, 'default', 'app=agent,controller-revision-hash'),
    ).toBeUndefined();
  });
});

describe('ClusterWatches holding the DaemonSet pods', () => {
  let api: FakeApiServer;
  let watches: ClusterWatches;

  beforeEach(async () => {
    api = await startFakeApiServer();
    api.resourceVersion = '42';
    api.collections.set('/api/v1/pods', [
      agentInDefault,
      agentElsewhere,
      madeByHand,
      otherDaemonSet,
    ]);
    api.collections.set('/api/v1/namespaces/default/pods', [
      agentInDefault,
      madeByHand,
      otherDaemonSet,
    ]);
    watches = new ClusterWatches(
      {
        name: 'fake',
        url: api.url,
        serviceAccountToken: 'x',
        skipTLSVerify: true,
      } as any,
      mockServices.logger.mock(),
      { watchList: false, backoff: { initialMs: 10, maxMs: 20 } },
    );
  });

  afterEach(async () => {
    watches.stopAll();
    await api.close();
  });

  const requestsFor = (path: string) =>
    api.requests.filter(r => r.path === path);
  const isWatch = (r: { query: URLSearchParams }) =>
    r.query.get('watch') === 'true';

  async function heldPodsWatched() {
    watches.holdDaemonSetPods();
    const held = watches.acquire('pods', undefined, DAEMONSET_POD_LABEL);
    try {
      await eventually(
        'the held pods listed and watched',
        () => held.synced && held.connection.state === 'connected',
        CEILING_MS,
      );
    } finally {
      watches.release(held);
    }
  }

  /**
   * Opens the agent's DaemonSet pods in `default`, expects them read and watched; returns the
   * requests for that namespace's pods.
   */
  async function agentPodsRead() {
    const pods = watches.acquire(
      'pods',
      'default',
      daemonSetPodsSelector('app=agent'),
    );
    expect(await pods.whenSynced(CEILING_MS)).toBe(true);
    expect(pods.list().map(p => p.metadata?.name)).toEqual(['agent-a']);
    await eventually(
      'the namespace watched',
      () => requestsFor('/api/v1/namespaces/default/pods').length > 0,
      CEILING_MS,
    );
    return requestsFor('/api/v1/namespaces/default/pods');
  }

  it('gives a later pod cache its first list from memory, then watches from the held version', async () => {
    await heldPodsWatched();
    expect(
      requestsFor('/api/v1/pods').map(r => r.query.get('labelSelector')),
    ).toEqual(['controller-revision-hash', 'controller-revision-hash']);

    const namespaced = await agentPodsRead();
    expect(namespaced.every(isWatch)).toBe(true);
    expect(namespaced[0].query.get('resourceVersion')).toBe('42');
    expect(namespaced[0].query.get('labelSelector')).toBe(
      'app=agent,controller-revision-hash',
    );
  });

  it('waits for the held pods while their first list is in flight instead of listing again', async () => {
    api.listDelays.set('/api/v1/pods', 300);
    watches.holdDaemonSetPods();
    expect((await agentPodsRead()).every(isWatch)).toBe(true);
  });

  it('lists from the API server a selector that does not require DaemonSet pods', async () => {
    await heldPodsWatched();
    const pods = watches.acquire('pods', 'default', 'app=agent');
    expect(await pods.whenSynced(CEILING_MS)).toBe(true);
    expect(
      pods
        .list()
        .map(p => p.metadata?.name)
        .sort(),
    ).toEqual(['agent-a', 'agent-c']);
    expect(
      requestsFor('/api/v1/namespaces/default/pods').some(r => !isWatch(r)),
    ).toBe(true);
  });

  it('lists from the API server once the held pods are refused, without waiting out the refusal', async () => {
    api.failures.set('/api/v1/pods', 403);
    watches.holdDaemonSetPods();
    const held = watches.acquire('pods', undefined, DAEMONSET_POD_LABEL);
    const pods = watches.acquire(
      'pods',
      'default',
      daemonSetPodsSelector('app=agent'),
    );
    try {
      expect(await pods.whenSynced(CEILING_MS)).toBe(true);
      expect(pods.list().map(p => p.metadata?.name)).toEqual(['agent-a']);
      expect(
        requestsFor('/api/v1/namespaces/default/pods').some(r => !isWatch(r)),
      ).toBe(true);
      // Read while the refusal still counts as transient (`deniedGraceMs`, 10 s).
      expect(held.connection).toMatchObject({
        state: 'reconnecting',
        reason: expect.stringContaining('403'),
      });
    } finally {
      watches.release(held);
    }
  });
});
