import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { parseApprovalPolicy } from '@daemonsets/plugin-daemonset-common';
import { buildDaemonSetManifests } from '@daemonsets/plugin-daemonset-common/kubernetes';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { createDaemonSetRequestApprovalAction } from './requestApproval';

/*
 * Narrow unit tests: input checks, the dry run, and how the action speaks HTTP. A throwaway
 * HTTP server stands in for the backend route here; approvals.integration.test.ts files
 * requests with the real backend plugin.
 */

const policy = parseApprovalPolicy(undefined);

const manifestOf = (extra: object = {}) =>
  buildDaemonSetManifests(
    {
      name: 'log-agent',
      namespace: 'monitoring',
      cluster: 'local',
      containers: [
        {
          name: 'agent',
          image: 'ghcr.io/acme/log-agent',
          tag: '1.0',
          ...extra,
        },
      ],
    } as any,
    policy,
  ).yaml;

const riskyManifest = manifestOf({ privileged: true });
const input = {
  cluster: 'local',
  namespace: 'monitoring',
  name: 'log-agent',
  manifest: riskyManifest,
};

interface Received {
  method?: string;
  url?: string;
  authorization?: string;
  body: any;
}

/** A server that records each request and answers with the given status and body. */
async function startRoute(status: number, answer: object) {
  const received: Received[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    let text = '';
    req.on('data', chunk => {
      text += chunk;
    });
    req.on('end', () => {
      received.push({
        method: req.method,
        url: req.url,
        authorization: req.headers.authorization,
        body: JSON.parse(text),
      });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer));
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    received,
    baseUrl: `http://127.0.0.1:${port}/api/daemonset`,
    close: () => new Promise(resolve => server.close(resolve)),
  };
}

function setup(baseUrl = 'http://127.0.0.1:1/api/daemonset') {
  const discovery = mockServices.discovery.mock({
    getBaseUrl: async () => baseUrl,
  });
  const auth = mockServices.auth();
  const action = createDaemonSetRequestApprovalAction({
    discovery,
    auth,
    policy,
  });
  const logs: string[] = [];
  const run = async (values: object, extra: object = {}) => {
    const record = (message: string) => {
      logs.push(message);
    };
    const logger = { info: record, warn: record, error: record, debug: record };
    const ctx = {
      ...createMockActionContext({ input: values as any }),
      logger,
      ...extra,
    };
    await action.handler(ctx as any);
    return Object.fromEntries((ctx.output as jest.Mock).mock.calls);
  };
  return { action, discovery, logs, run };
}

const errorBody = (name: string, message: string, statusCode: number) => ({
  error: { name, message },
  request: { method: 'POST', url: '/api/daemonset/approvals' },
  response: { statusCode },
});

describe('daemonset:request-approval', () => {
  it.each([
    [{ ...input, namespace: 'Bad_NS' }, 'namespace: must be a namespace name'],
    [{ ...input, name: '' }, 'name: must be a DaemonSet name'],
    [
      { ...input, cluster: 'https://evil.example' },
      'cluster: must be the name of a cluster',
    ],
    [{ ...input, manifest: '' }, 'manifest:'],
    [
      { ...input, requester: 'user:default/someone-else' },
      "unknown input(s) requester; the requester comes from the task's credentials",
    ],
  ])('rejects bad input naming the field: %#', async (values, message) => {
    const { run, discovery } = setup();
    const error = await run(values).catch(e => e);
    expect(error.name).toBe('InputError');
    expect(error.message).toContain(message);
    expect(discovery.getBaseUrl).not.toHaveBeenCalled();
  });

  it('refuses a manifest whose DaemonSet is not the one named', async () => {
    const { run, discovery } = setup();
    await expect(run({ ...input, name: 'other-agent' })).rejects.toThrow(
      'manifest holds DaemonSet monitoring/log-agent, but namespace and name say monitoring/other-agent',
    );
    await expect(
      run({ ...input, manifest: 'kind: Service\nmetadata: {name: x}\n' }),
    ).rejects.toThrow('manifest must hold exactly one DaemonSet, found 0');
    expect(discovery.getBaseUrl).not.toHaveBeenCalled();
  });

  it('says in a dry run what it would file, and files nothing', async () => {
    const { run, discovery, logs } = setup();
    const out = await run(input, { isDryRun: true });
    expect(out).toEqual({
      url: '/daemonset-approvals',
      reasons: [expect.stringContaining('container agent is privileged')],
      requiredApprovals: 1,
    });
    expect(logs.join('\n')).toMatch(
      /Dry run: would file an approval request for DaemonSet monitoring\/log-agent on cluster local \(manifest sha256 [0-9a-f]{64}, 1 approval\(s\) needed\) because: .*privileged.*Nothing was stored\./,
    );
    expect(discovery.getBaseUrl).not.toHaveBeenCalled();
  });

  it('refuses in a dry run a manifest that needs no approval, as the route would', async () => {
    const { run } = setup();
    await expect(
      run({ ...input, manifest: manifestOf() }, { isDryRun: true }),
    ).rejects.toThrow(
      'manifest needs no approval under daemonset.policy; apply it with daemonset:apply',
    );
  });

  it('files the request on behalf of the task initiator and outputs where it waits', async () => {
    const answer = {
      id: '6f1c2c8e-0000-4000-8000-000000000001',
      ...input,
      sha256: 'x',
      reasons: ['privileged (daemonset.policy.privileged: requireApproval)'],
      requiredApprovals: 2,
      requester: 'user:default/mock',
      state: 'pending',
      decisions: [],
    };
    const route = await startRoute(201, answer);
    try {
      const { run, logs } = setup(route.baseUrl);
      const out = await run({
        ...input,
        entityRef: 'component:default/log-agent',
      });
      expect(route.received).toHaveLength(1);
      const [sent] = route.received;
      expect(sent.method).toBe('POST');
      expect(sent.url).toBe('/api/daemonset/approvals');
      expect(sent.body).toEqual({
        ...input,
        entityRef: 'component:default/log-agent',
      });
      // the mock auth service's on-behalf-of token of the initiator, for the daemonset plugin
      const token = mockCredentials.service.token({
        onBehalfOf: mockCredentials.user(),
        targetPluginId: 'daemonset',
      });
      expect(sent.authorization).toBe(`Bearer ${token}`);
      expect(out).toEqual({
        requestId: answer.id,
        url: `/daemonset-approvals/${answer.id}`,
        state: 'pending',
        reasons: answer.reasons,
        requiredApprovals: 2,
      });
      const log = logs.join('\n');
      expect(log).toContain(
        `Waiting for approval: 2 approval(s) from the platform team needed; the request is at /daemonset-approvals/${answer.id}`,
      );
      expect(log).not.toContain(token);
    } finally {
      await route.close();
    }
  });

  it.each([
    [
      400,
      errorBody(
        'InputError',
        'manifest: needs no approval under daemonset.policy',
        400,
      ),
      'InputError',
      'The approvals service refused the request: manifest: needs no approval under daemonset.policy',
    ],
    [
      403,
      errorBody('NotAllowedError', 'only users may request an approval', 403),
      'NotAllowedError',
      'Not allowed to request an approval: only users may request an approval',
    ],
    [
      404,
      errorBody('NotFoundError', 'Not Found', 404),
      'NotFoundError',
      "is the DaemonSet backend plugin (pluginId 'daemonset') installed",
    ],
    [
      500,
      errorBody('Error', 'database is down', 500),
      'Error',
      'The approvals service failed with 500',
    ],
  ])(
    'turns a %s answer into a clear action error',
    async (status, body, name, message) => {
      const route = await startRoute(status, body);
      try {
        const { run, logs } = setup(route.baseUrl);
        const error = await run(input).catch(e => e);
        expect(error.name).toBe(name);
        expect(error.message).toContain(message);
        expect(logs.join('\n')).not.toContain('Waiting for approval');
      } finally {
        await route.close();
      }
    },
  );

  it('names the address when the backend plugin cannot be reached', async () => {
    const route = await startRoute(201, {});
    await route.close();
    const { run } = setup(route.baseUrl);
    await expect(run(input)).rejects.toThrow(
      `Could not reach the approvals service at ${route.baseUrl}/approvals`,
    );
  });
});
