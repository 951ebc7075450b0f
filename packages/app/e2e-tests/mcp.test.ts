/*
 * The DaemonSet actions as an agent sees them on the local portal: a person signs in, hands
 * their Backstage token to an agent, and the agent (the official MCP TypeScript SDK) lists the
 * tools at /api/mcp-actions/v1 and calls each for the example entity `node-agent`
 * (examples/entities.yaml, namespace daemonset-demo). The answers are checked against the
 * cluster's own API; the `viewer`, whom the portal's policy denies `daemonset.status.read`, is
 * refused.
 */
import { expect, Page, test } from '@playwright/test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { getObject, listNodes, listPods } from './localCluster';
import { backstageToken, PortalIdentity, signIn } from './signIn';
import { KUBERNETES_ID } from './tabFixtures';

const MCP_URL = 'http://localhost:7007/api/mcp-actions/v1';
const ENTITY = 'node-agent';
const ENTITY_REF = `component:default/${ENTITY}`;
const NAMESPACE = 'daemonset-demo';
const TOOLS = [
  'daemonset.explain-failing-node',
  'daemonset.explain-missing-pod',
  'daemonset.get-status',
  'daemonset.validate-input',
];

interface ToolAnswer {
  isError: boolean;
  text: string;
  json: () => any;
}

const clients: Client[] = [];

test.afterEach(async () => {
  for (const client of clients.splice(0)) await client.close();
});

/** Signs in as a person and connects an MCP client with the token they would hand an agent. */
async function agentOf(page: Page, identity: PortalIdentity): Promise<Client> {
  await signIn(page, identity);
  const token = await backstageToken(page);
  const client = new Client({ name: 'daemonset-e2e-agent', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(MCP_URL), {
      requestInit: { headers: { Authorization: `Bearer ${token}` } },
    }),
  );
  clients.push(client);
  return client;
}

async function call(
  client: Client,
  name: string,
  args: Record<string, unknown>,
): Promise<ToolAnswer> {
  const result = (await client.callTool({ name, arguments: args })) as {
    isError?: boolean;
    content: Array<{ type: string; text: string }>;
  };
  const text = result.content[0]?.text ?? '';
  return {
    isError: result.isError ?? false,
    text,
    json: () => JSON.parse(text),
  };
}

/** The example DaemonSet as the cluster's API reports it. */
async function clusterDaemonSet(): Promise<any> {
  return getObject(
    `/apis/apps/v1/namespaces/${NAMESPACE}/daemonsets/${ENTITY}`,
  );
}

/** Lists the tools as a bare HTTP client would, without the browser's cookies. */
async function listToolsStatus(token?: string): Promise<number> {
  const response = await fetch(MCP_URL, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Accept: 'application/json, text/event-stream',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
  });
  await response.body?.cancel();
  return response.status;
}

test('an agent with a developer token lists the DaemonSet actions and calls each on the local cluster', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const agent = await agentOf(page, 'developer');

  const { tools } = await agent.listTools();
  const ours = tools.filter(t => t.name.startsWith('daemonset.'));
  expect(ours.map(t => t.name).sort()).toEqual(TOOLS);
  for (const tool of ours) {
    expect(tool.annotations?.readOnlyHint).toBe(true);
    expect(tool.inputSchema.type).toBe('object');
  }

  // Status: the same counts as the cluster's own node list and DaemonSet status. The portal's
  // watch trails the API server a little, so compare until both agree.
  const nodeCount = (await listNodes()).length;
  await expect(async () => {
    const answer = await call(agent, 'daemonset.get-status', {
      entityRef: ENTITY_REF,
    });
    expect(answer.isError, answer.text).toBe(false);
    const output = answer.json();
    expect(output.entityRef).toBe(ENTITY_REF);
    const [local] = output.clusters;
    expect(local.connection).toBe('connected');
    const ds = local.daemonSets.find(
      (d: { name: string }) => d.name === ENTITY,
    );
    const live = await clusterDaemonSet();
    expect(ds).toMatchObject({
      namespace: NAMESPACE,
      desired: live.status.desiredNumberScheduled,
      ready: live.status.numberReady,
    });
    expect(ds.images).toEqual(
      live.spec.template.spec.containers.map((c: { image: string }) => c.image),
    );
    const counted = Object.values(ds.counts as Record<string, number>).reduce(
      (sum, n) => sum + n,
      0,
    );
    expect(counted).toBe(nodeCount);
  }).toPass({ timeout: 60_000 });

  // Missing pod: the GPU node carries a taint the DaemonSet does not tolerate, and no pod.
  const nodes = await getObject<{ items: any[] }>('/api/v1/nodes');
  const gpu = nodes.items.find(
    n => n.metadata.labels?.['daemonsets.dev/pool'] === 'gpu',
  );
  const gpuTaint = (gpu.spec.taints as { key: string }[])[0].key;
  const pods = await listPods(NAMESPACE, `${KUBERNETES_ID}=${ENTITY}`);
  expect(pods.map(p => p.node)).not.toContain(gpu.metadata.name);
  const missing = await call(agent, 'daemonset.explain-missing-pod', {
    entityRef: ENTITY_REF,
    node: gpu.metadata.name,
  });
  expect(missing.isError, missing.text).toBe(false);
  const [why] = missing.json().answers;
  expect(why).toMatchObject({
    daemonSet: `${NAMESPACE}/${ENTITY}`,
    verdict: 'notEligible',
    eligible: false,
    hasPod: false,
  });
  expect(why.explanation).toContain(gpuTaint);

  const unknown = await call(agent, 'daemonset.explain-missing-pod', {
    entityRef: ENTITY_REF,
    node: 'no-such-node',
  });
  expect(unknown.isError).toBe(true);
  expect(unknown.text).toMatch(/NotFoundError: node 'no-such-node'/);

  // A node's diagnosis names the pod the cluster runs there; the developer does not own
  // node-agent (platform-team does), so its log lines are withheld.
  const running = pods.find(p => p.ready && !p.deleting && p.node)!;
  const diagnosis = await call(agent, 'daemonset.explain-failing-node', {
    entityRef: ENTITY_REF,
    node: running.node,
  });
  expect(diagnosis.isError, diagnosis.text).toBe(false);
  const [diagnosed] = diagnosis.json().diagnoses;
  expect(diagnosed).toMatchObject({
    daemonSet: `${NAMESPACE}/${ENTITY}`,
    pod: { name: running.name, ready: true },
    logsOmitted: 'not permitted: the caller lacks daemonset.pod.logs.read',
  });
  expect(diagnosed.logs).toBeUndefined();

  // Wizard input: rendered when valid, each broken field named when not.
  const valid = await call(agent, 'daemonset.validate-input', {
    input: {
      name: 'mcp-agent',
      containers: [
        { name: 'agent', image: 'registry.example.com/mcp-agent', tag: '2.1' },
      ],
    },
  });
  expect(valid.isError, valid.text).toBe(false);
  const rendered = valid.json();
  expect(rendered).toMatchObject({ valid: true, problems: [] });
  expect(rendered.yaml).toContain('kind: DaemonSet');
  expect(rendered.yaml).toContain('name: mcp-agent');
  expect(rendered.yaml).toContain('image: registry.example.com/mcp-agent:2.1');
  const invalid = (
    await call(agent, 'daemonset.validate-input', {
      input: { name: 'Not A Name', containers: [] },
    })
  ).json();
  expect(invalid.valid).toBe(false);
  expect(invalid.yaml).toBeUndefined();
  expect(invalid.problems.map((p: { path: string }) => p.path)).toEqual(
    expect.arrayContaining(['name', 'containers']),
  );
});

test('an agent with the viewer token is refused the status actions, and no token is refused outright', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const agent = await agentOf(page, 'viewer');
  const { tools } = await agent.listTools();
  expect(tools.map(t => t.name)).toEqual(expect.arrayContaining(TOOLS));

  const [running] = await listPods(NAMESPACE, `${KUBERNETES_ID}=${ENTITY}`);
  for (const [name, args] of [
    ['daemonset.get-status', { entityRef: ENTITY_REF }],
    [
      'daemonset.explain-failing-node',
      { entityRef: ENTITY_REF, node: running.node },
    ],
    [
      'daemonset.explain-missing-pod',
      { entityRef: ENTITY_REF, node: running.node },
    ],
  ] as const) {
    const answer = await call(agent, name, args);
    expect({ name, isError: answer.isError }).toEqual({ name, isError: true });
    expect(answer.text).toMatch(
      /^NotAllowedError: Not allowed to read the DaemonSet status/,
    );
    expect(answer.text).not.toContain(running.name);
  }

  // Validating an input reads no cluster state: the viewer may.
  const valid = await call(agent, 'daemonset.validate-input', {
    input: {
      name: 'viewer-agent',
      containers: [
        { name: 'agent', image: 'registry.example.com/a', tag: '1' },
      ],
    },
  });
  expect(valid.isError, valid.text).toBe(false);
  expect(valid.json().valid).toBe(true);

  expect(await listToolsStatus()).toBe(401);
  expect(await listToolsStatus('not-a-token')).toBe(401);
});
