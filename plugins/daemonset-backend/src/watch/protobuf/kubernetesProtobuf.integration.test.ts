import {
  clusterSkipReason,
  createTestNamespace,
  getTestCluster,
  TestCluster,
  TestNamespace,
} from '@daemonsets/local-cluster/testing';
import { CoreV1Api, KubeConfig, V1Pod } from '@kubernetes/client-node';
import { eventually } from '../../__testUtils__/eventually';
import { listCollection, ListRequestError } from '../listCollection';
import {
  CONTROLLER_REVISION_FIELDS,
  NODE_FIELDS,
  podTrim,
  trimTo,
} from '../trim';
import { watchListCollection } from '../watchListCollection';
import {
  controllerRevisionDecoder,
  nodeDecoder,
  podDecoder,
} from './kubernetesMessages';

jest.setTimeout(120_000);

const skipReason = clusterSkipReason();
const describeWithCluster = skipReason ? describe.skip : describe;
const SUITE = `Protobuf lists and WatchLists against the local cluster's API server${
  skipReason ? ` (skipped: ${skipReason})` : ''
}`;

let cluster: TestCluster;
let ns: TestNamespace;
let kubeConfig: KubeConfig;

/** A pod on a node no kubelet serves, its status written here: what the fleet rarely shows. */
const GHOST_NODE = 'itest-protobuf-ghost';

beforeAll(async () => {
  if (skipReason) return;
  cluster = await getTestCluster();
  ns = await createTestNamespace(cluster, 'ds-protobuf');
  kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(cluster.kubeconfigPath);
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const created = await core.createNamespacedPod({
    namespace: ns.name,
    body: {
      metadata: {
        name: 'crashing',
        labels: { app: 'itest-protobuf', 'controller-revision-hash': 'h1' },
      },
      spec: {
        nodeName: GHOST_NODE,
        initContainers: [{ name: 'init', image: 'example.com/init:1' }],
        containers: [{ name: 'agent', image: 'example.com/agent:ü' }],
      },
    },
  });
  const started = new Date(Date.now() - 60_000);
  const finished = new Date(Date.now() - 30_000);
  await core.replaceNamespacedPodStatus({
    namespace: ns.name,
    name: 'crashing',
    body: {
      ...created,
      status: {
        phase: 'Running',
        message: 'Prüfung: the agent restarts',
        reason: 'Crashing',
        startTime: started,
        conditions: [
          { type: 'Initialized', status: 'True', lastTransitionTime: started },
          {
            type: 'Ready',
            status: 'False',
            reason: 'ContainersNotReady',
            message: 'containers with unready status: [agent]',
            lastTransitionTime: finished,
          },
          { type: 'PodScheduled', status: 'True', lastTransitionTime: started },
        ],
        initContainerStatuses: [
          {
            name: 'init',
            image: 'example.com/init:1',
            imageID: 'sha256:1',
            ready: true,
            restartCount: 0,
            state: {
              terminated: {
                exitCode: 0,
                reason: 'Completed',
                startedAt: started,
                finishedAt: started,
              },
            },
          },
        ],
        containerStatuses: [
          {
            name: 'agent',
            image: 'example.com/agent:ü',
            imageID: '',
            ready: false,
            restartCount: 7,
            state: {
              waiting: {
                reason: 'CrashLoopBackOff',
                message: 'back-off 5m0s restarting failed container',
              },
            },
            lastState: {
              terminated: {
                exitCode: -1,
                reason: 'Error',
                message: 'é∑😀',
                startedAt: started,
                finishedAt: finished,
              },
            },
          },
        ],
      },
    } as V1Pod,
  });
  // Pending for good: its target-node affinity names no node (as a DaemonSet pod's does).
  await core.createNamespacedPod({
    namespace: ns.name,
    body: {
      metadata: { name: 'pending', labels: { app: 'itest-protobuf' } },
      spec: {
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                {
                  matchFields: [
                    {
                      key: 'metadata.name',
                      operator: 'In',
                      values: ['itest-no-such-node'],
                    },
                  ],
                },
              ],
            },
          },
        },
        containers: [{ name: 'agent', image: 'example.com/agent:1' }],
      },
    },
  });
  await eventually(
    'the scheduler to mark the pending pod unschedulable',
    async () => {
      const pod = await core.readNamespacedPod({
        namespace: ns.name,
        name: 'pending',
      });
      return (pod.status?.conditions ?? []).some(
        c => c.type === 'PodScheduled' && c.status === 'False',
      );
    },
    30_000,
  );
});

afterAll(async () => {
  await ns?.cleanup();
});

const byName = (items: any[]) =>
  [...items].sort((a, b) =>
    `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(
      `${b.metadata.namespace}/${b.metadata.name}`,
    ),
  );

describeWithCluster(SUITE, () => {
  it.each([
    ['nodes', '/api/v1/nodes', () => trimTo<any>(NODE_FIELDS), nodeDecoder],
    ['pods', '/api/v1/pods', () => podTrim<any>(), podDecoder],
    [
      'controller revisions',
      '/apis/apps/v1/controllerrevisions',
      () => trimTo<any>(CONTROLLER_REVISION_FIELDS),
      controllerRevisionDecoder,
    ],
  ] as const)(
    'decodes every one of the %s as the trim keeps its JSON, at one resource version',
    async (_, path, trimOf, decoderOf) => {
      const signal = new AbortController().signal;
      const parsed = await listCollection<any>(kubeConfig, path, {
        signal,
        trim: trimOf(),
      });
      const resourceVersion = parsed.metadata!.resourceVersion!;
      const decoded = await listCollection<any>(kubeConfig, path, {
        signal,
        trim: trimOf(),
        protobuf: decoderOf(),
        query: { resourceVersion, resourceVersionMatch: 'Exact' },
      });
      expect(decoded.metadata?.resourceVersion).toBe(resourceVersion);
      expect(decoded.items.length).toBeGreaterThan(0);
      expect(decoded.items).toHaveLength(parsed.items.length);
      expect(JSON.stringify(byName(decoded.items))).toBe(
        JSON.stringify(byName(parsed.items)),
      );
    },
  );

  it('decodes the pods this test wrote, every kept field as JSON has it', async () => {
    const signal = new AbortController().signal;
    const path = `/api/v1/namespaces/${ns.name}/pods`;
    const parsed = await listCollection<any>(kubeConfig, path, {
      signal,
      trim: podTrim(),
    });
    const decoded = await listCollection<any>(kubeConfig, path, {
      signal,
      trim: podTrim(),
      protobuf: podDecoder(),
      query: {
        resourceVersion: parsed.metadata!.resourceVersion,
        resourceVersionMatch: 'Exact',
      },
    });
    expect(byName(decoded.items)).toEqual(byName(parsed.items));
    const [crashing, pending] = byName(decoded.items);
    const agent = crashing.status.containerStatuses[0];
    expect(agent.lastState.terminated.exitCode).toBe(-1);
    expect(agent.lastState.terminated.message).toBe('é∑😀');
    expect(agent.state.waiting.reason).toBe('CrashLoopBackOff');
    expect(crashing.status.conditions.map((c: any) => c.type)).toEqual([
      'Ready',
      'PodScheduled',
    ]);
    expect(crashing.spec).not.toHaveProperty('affinity');
    expect(
      pending.spec.affinity.nodeAffinity
        .requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]
        .matchFields[0].values,
    ).toEqual(['itest-no-such-node']);
  });

  it('streams a WatchList in protobuf as it streams it in JSON', async () => {
    const signal = new AbortController().signal;
    const path = `/api/v1/namespaces/${ns.name}/pods`;
    const parsed = await watchListCollection<any>(kubeConfig, path, {
      signal,
      trim: podTrim(),
    });
    const decoded = await watchListCollection<any>(kubeConfig, path, {
      signal,
      trim: podTrim(),
      protobuf: podDecoder(),
    });
    expect(decoded.items).toHaveLength(2);
    expect(byName(decoded.items)).toEqual(byName(parsed.items));
    expect(decoded.metadata?.resourceVersion).toMatch(/^\d+$/);
  });

  it('reads the reason of a refused protobuf list, not its message', async () => {
    // resourceVersionMatch without a resourceVersion is invalid on any cluster, however young.
    const error = await listCollection<any>(
      kubeConfig,
      `/api/v1/namespaces/${ns.name}/pods`,
      {
        signal: new AbortController().signal,
        protobuf: podDecoder(),
        query: { resourceVersionMatch: 'Exact' },
      },
    ).catch(e => e);
    expect(error).toBeInstanceOf(ListRequestError);
    expect(error.statusCode).toBe(422);
    expect(error.reason).toBe('Invalid');
    expect(error.message).toBe('list failed: HTTP 422 Invalid');
  });
});
