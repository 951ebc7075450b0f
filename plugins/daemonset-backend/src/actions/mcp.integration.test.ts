import {
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  daemonSetPodLogsReadPermission,
  daemonSetStatusReadPermission,
  EntityDaemonSetStatus,
} from '@daemonsets/plugin-daemonset-common';
import { TestCluster, TestNamespace } from '@daemonsets/local-cluster/testing';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import request from 'supertest';
import {
  clusterNamespace,
  clusterSuite,
  labelledDaemonSet,
} from '../__testUtils__/cluster';
import { eventually, eventuallyValue } from '../__testUtils__/eventually';
import {
  BackendWithCluster,
  componentEntity,
  labelSelectorAnnotations,
  startBackendWithCluster,
} from '../__testUtils__/testBackend';

/*
 * The plugin's actions as an agent sees them: the official MCP TypeScript SDK against a backend
 * running the MCP actions plugin and ours, the real local cluster behind. Three users: ALICE
 * may do everything, CAROL may read status but not logs, BOB may not read DaemonSet status.
 */

jest.setTimeout(180_000);

const suite = clusterSuite('DaemonSet actions over MCP');

const ALICE = 'user:default/alice';
const CAROL = 'user:default/carol';
const BOB = 'user:default/bob';
const APP = 'mcp-agent';
const ENTITY_REF = `component:default/${APP}`;
const TOOLS = [
  'daemonset.explain-failing-node',
  'daemonset.explain-missing-pod',
  'daemonset.get-status',
  'daemonset.validate-input',
];

let cluster: TestCluster;
let ns: TestNamespace;
let backend: BackendWithCluster;
let failingNode: string;
const clients: Client[] = [];

/** The portal's policy in small: who may read status and logs. */
const permissions: PermissionsService = {
  async authorize(requests, { credentials }) {
    const user = (credentials as BackstageCredentials<BackstageUserPrincipal>)
      .principal.userEntityRef;
    return requests.map(({ permission }) => {
      let allowed = user === ALICE || user === CAROL;
      if (permission.name === daemonSetStatusReadPermission.name) {
        allowed = user !== BOB;
      } else if (permission.name === daemonSetPodLogsReadPermission.name) {
        allowed = user === ALICE;
      }
      return {
        result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
      };
    });
  },
  async authorizeConditional(requests, options) {
    return this.authorize(requests as any, options) as any;
  },
};

async function connect(user: string): Promise<Client> {
  const client = new Client({ name: 'daemonset-itest', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(
      new URL(`${backend.baseUrl}/api/mcp-actions/v1`),
      {
        requestInit: {
          headers: { Authorization: mockCredentials.user.header(user) },
        },
      },
    ),
  );
  clients.push(client);
  return client;
}

async function call(
  client: Client,
  name: string,
  args: Record<string, unknown>,
) {
  const result = (await client.callTool({ name, arguments: args })) as {
    isError?: boolean;
    content: Array<{ type: string; text: string }>;
  };
  return {
    isError: result.isError ?? false,
    text: result.content[0]?.text ?? '',
    json: () => JSON.parse(result.content[0].text),
  };
}

async function status(): Promise<EntityDaemonSetStatus> {
  const response = await request(backend.server)
    .get(`/api/daemonset/entity/default/component/${APP}/status`)
    .set('Authorization', mockCredentials.user.header(ALICE));
  expect(response.status).toBe(200);
  return response.body;
}

/** The cluster's DaemonSet controller and kwok take their time on a busy machine. */
const WAIT_MS = 90_000;

suite.describe(suite.title, () => {
  beforeAll(async () => {
    const on = await clusterNamespace('mcp');
    ({ cluster, ns } = on);
    const { apps, core } = on;
    backend = await startBackendWithCluster({
      cluster,
      entities: [componentEntity(APP, labelSelectorAnnotations(APP, ns.name))],
      policy: permissions,
      config: {
        backend: { actions: { pluginSources: ['daemonset'] } },
        daemonset: { initialListTimeout: { seconds: 15 } },
      },
      features: [
        mcpActionsPlugin,
        // A request without a token is anonymous, as in a portal (not the mock user).
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    });

    // One node's pod crash-loops: OnDelete, so the changed template reaches only that node.
    await apps.createNamespacedDaemonSet({
      namespace: ns.name,
      body: labelledDaemonSet(APP, ns.name, 'example.com/agent:1', {
        type: 'OnDelete',
      }),
    });
    const first = await eventuallyValue(
      'pods on every eligible node',
      async () => {
        const ds = (await status()).clusters[0].daemonSets[0];
        return ds?.daemonSet.desired > 0 &&
          ds.nodes.every(n => ['ok', 'notEligible'].includes(n.verdict))
          ? ds
          : undefined;
      },
      WAIT_MS,
    );
    failingNode = first.nodes.find(n => n.verdict === 'ok')!.node.name;
    await apps.patchNamespacedDaemonSet({
      namespace: ns.name,
      name: APP,
      body: [
        {
          op: 'add',
          path: '/spec/template/metadata/annotations',
          value: { 'daemonsets.dev/simulate': 'crashloop' },
        },
      ],
    });
    const pods = await core.listNamespacedPod({
      namespace: ns.name,
      fieldSelector: `spec.nodeName=${failingNode}`,
    });
    await core.deleteNamespacedPod({
      namespace: ns.name,
      name: pods.items[0].metadata!.name!,
      gracePeriodSeconds: 0,
    });
    await eventually(
      'the node failing',
      async () => {
        const ds = (await status()).clusters[0].daemonSets[0];
        const row = ds.nodes.find(n => n.node.name === failingNode);
        return row?.verdict === 'failing' && Boolean(row.pod?.restarts);
      },
      WAIT_MS,
    );
  });

  afterAll(async () => {
    for (const client of clients) await client.close();
    await backend?.stop();
    await ns?.cleanup();
  });

  it('lists the actions as tools, read-only, with input schemas', async () => {
    const alice = await connect(ALICE);
    const { tools } = await alice.listTools();
    const ours = tools.filter(t => t.name.startsWith('daemonset.'));
    expect(ours.map(t => t.name).sort()).toEqual(TOOLS);
    for (const tool of ours) {
      expect(tool.annotations?.readOnlyHint).toBe(true);
      expect(tool.description).toBeTruthy();
      expect(tool.inputSchema.type).toBe('object');
    }
    const failing = ours.find(
      t => t.name === 'daemonset.explain-failing-node',
    )!;
    expect(failing.inputSchema.required).toEqual(['entityRef', 'node']);
  });

  it('summarises the status with the failing node', async () => {
    const alice = await connect(ALICE);
    const result = await call(alice, 'daemonset.get-status', {
      entityRef: ENTITY_REF,
    });
    expect(result.isError).toBe(false);
    const output = result.json();
    expect(output.entityRef).toBe(ENTITY_REF);
    const [ds] = output.clusters[0].daemonSets;
    expect(ds).toMatchObject({ namespace: ns.name, name: APP });
    expect(ds.counts.failing).toBe(1);
    expect(ds.attention).toEqual([
      expect.objectContaining({ node: failingNode, verdict: 'failing' }),
    ]);
  });

  it('explains why a tainted node has no pod', async () => {
    const gpu = cluster.fleet.find(n => n.pool === 'gpu')!;
    const alice = await connect(ALICE);
    const result = await call(alice, 'daemonset.explain-missing-pod', {
      entityRef: ENTITY_REF,
      node: gpu.name,
    });
    expect(result.isError).toBe(false);
    const [answer] = result.json().answers;
    expect(answer).toMatchObject({
      cluster: 'local',
      daemonSet: `${ns.name}/${APP}`,
      verdict: 'notEligible',
      eligible: false,
      hasPod: false,
    });
    expect(answer.explanation).toContain('nvidia.com/gpu');

    const unknown = await call(alice, 'daemonset.explain-missing-pod', {
      entityRef: ENTITY_REF,
      node: 'no-such-node',
    });
    expect(unknown.isError).toBe(true);
    expect(unknown.text).toMatch(/NotFoundError: node 'no-such-node'/);
  });

  it('explains a failing node, with logs only for who may read them', async () => {
    const alice = await connect(ALICE);
    const result = await call(alice, 'daemonset.explain-failing-node', {
      entityRef: ENTITY_REF,
      node: failingNode,
      tailLines: 5,
    });
    expect(result.isError).toBe(false);
    const [diagnosis] = result.json().diagnoses;
    expect(diagnosis).toMatchObject({
      verdict: 'failing',
      pod: {
        ready: false,
        waitingReason: 'CrashLoopBackOff',
        containers: [
          expect.objectContaining({
            name: 'agent',
            lastTerminationReason: 'Error',
            lastExitCode: 1,
          }),
        ],
      },
    });
    expect(diagnosis.pod.restarts).toBeGreaterThan(0);
    expect(diagnosis.eventsError).toBeUndefined();
    expect(Array.isArray(diagnosis.events)).toBe(true);
    expect(diagnosis.logsOmitted ?? '').not.toContain('not permitted');
    // eslint-disable-next-line no-console
    console.log(
      `explain-failing-node: ${
        diagnosis.events.length
      } events (${diagnosis.events
        .map((e: { reason: string }) => e.reason)
        .join(', ')}), logs: ${
        diagnosis.logs
          ? `${diagnosis.logs.lines.length} lines`
          : diagnosis.logsOmitted
      }`,
    );

    const carol = await connect(CAROL);
    const withoutLogs = (
      await call(carol, 'daemonset.explain-failing-node', {
        entityRef: ENTITY_REF,
        node: failingNode,
      })
    ).json().diagnoses[0];
    expect(withoutLogs.logs).toBeUndefined();
    expect(withoutLogs.logsOmitted).toBe(
      'not permitted: the caller lacks daemonset.pod.logs.read',
    );
    expect(withoutLogs.pod.waitingReason).toBe('CrashLoopBackOff');
  });

  it('validates and renders a wizard input', async () => {
    const alice = await connect(ALICE);
    const valid = await call(alice, 'daemonset.validate-input', {
      input: {
        name: 'agent',
        containers: [
          { name: 'agent', image: 'ghcr.io/acme/agent', tag: '1.0' },
        ],
      },
    });
    expect(valid.isError).toBe(false);
    const rendered = valid.json();
    expect(rendered).toMatchObject({ valid: true, problems: [] });
    expect(rendered.yaml).toContain('kind: DaemonSet');
    expect(rendered.yaml).toContain('image: ghcr.io/acme/agent:1.0');

    const invalid = (
      await call(alice, 'daemonset.validate-input', {
        input: { name: 'Not A Name', containers: [] },
      })
    ).json();
    expect(invalid.valid).toBe(false);
    expect(invalid.yaml).toBeUndefined();
    expect(invalid.problems.map((p: { path: string }) => p.path)).toEqual(
      expect.arrayContaining(['name', 'containers']),
    );
  });

  it('refuses the status actions to a caller without the permission', async () => {
    const bob = await connect(BOB);
    for (const [name, args] of [
      ['daemonset.get-status', { entityRef: ENTITY_REF }],
      [
        'daemonset.explain-failing-node',
        { entityRef: ENTITY_REF, node: failingNode },
      ],
      [
        'daemonset.explain-missing-pod',
        { entityRef: ENTITY_REF, node: failingNode },
      ],
    ] as const) {
      const result = await call(bob, name, args);
      expect({ name, isError: result.isError }).toEqual({
        name,
        isError: true,
      });
      expect(result.text).toMatch(
        /^NotAllowedError: Not allowed to read the DaemonSet status/,
      );
      expect(result.text).not.toContain(failingNode);
    }
  });

  it('refuses a caller without a token', async () => {
    const response = await fetch(`${backend.baseUrl}/api/mcp-actions/v1`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/list',
      }),
    });
    expect(response.status).toBe(401);
  });
});
