import { ConfigReader } from '@backstage/config';
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { KubeRequest } from '@daemonsets/plugin-daemonset-node';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { stringify } from 'yaml';
import { createDaemonSetApplyAction } from './apply';

const config = new ConfigReader({
  kubernetes: {
    clusterLocatorMethods: [
      {
        type: 'config',
        clusters: [
          {
            name: 'local',
            url: 'https://127.0.0.1:6443',
            serviceAccountToken: 'very-secret',
          },
          {
            name: 'staging',
            url: 'https://staging.example:6443',
            serviceAccountToken: 'other',
          },
        ],
      },
    ],
  },
});

const daemonSet = {
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'agent', namespace: 'default' },
  spec: { template: { spec: { containers: [{ name: 'a', image: 'nginx' }] } } },
};

describe('daemonset:apply', () => {
  const workspace = createMockDirectory();
  let calls: KubeRequest[];
  const action = createDaemonSetApplyAction({
    config,
    logger: mockServices.logger.mock(),
    requesterFor: () => async req => {
      calls.push(req);
      if (req.method === 'GET') {
        return req.path.includes('daemonsets') ? undefined : undefined;
      }
      return {
        ...(req.body as object),
        metadata: {
          ...(req.body as any).metadata,
          resourceVersion: '7',
          generation: 1,
        },
      };
    },
  });

  beforeEach(() => {
    calls = [];
    workspace.clear();
  });

  const run = async (input: object, extra: object = {}) => {
    const ctx = {
      ...createMockActionContext({
        input: input as any,
        workspacePath: workspace.path,
      }),
      ...extra,
    };
    await action.handler(ctx as any);
    return ctx as any;
  };

  it('applies a manifest from the input to the named cluster', async () => {
    const ctx = await run({ cluster: 'local', manifest: stringify(daemonSet) });
    expect(calls.map(c => `${c.method} ${c.query?.dryRun ?? ''}`)).toEqual([
      'GET ',
      'PATCH ',
    ]);
    expect(ctx.output).toHaveBeenCalledWith('applied', [
      {
        kind: 'DaemonSet',
        namespace: 'default',
        name: 'agent',
        created: true,
        changed: true,
        generation: 1,
      },
    ]);
  });

  it('applies a manifest file from the workspace', async () => {
    workspace.setContent({ 'm.yaml': `${stringify(daemonSet)}---\n` });
    await run({ cluster: 'local', filePath: 'm.yaml' });
    expect(calls).toHaveLength(2);
  });

  it('only server-side dry-runs in a scaffolder dry run', async () => {
    await run(
      {
        cluster: 'local',
        manifest: stringify(daemonSet),
        waitForRollout: true,
      },
      { isDryRun: true },
    );
    expect(calls.find(c => c.method === 'PATCH')!.query!.dryRun).toBe('All');
    expect(calls.filter(c => c.method === 'GET')).toHaveLength(1);
  });

  it('rejects an unknown cluster, listing the known ones', async () => {
    await expect(
      run({ cluster: 'prod', manifest: stringify(daemonSet) }),
    ).rejects.toThrow(
      "Unknown cluster 'prod'; configured clusters: local, staging",
    );
  });

  it.each([
    [{ cluster: 'https://evil.example:6443', manifest: 'x' }, 'not a URL'],
    [
      { cluster: 'local', manifest: 'x', url: 'https://evil.example' },
      'unknown input(s) url',
    ],
    [
      { cluster: 'local', manifest: 'x', token: 'abc' },
      'unknown input(s) token',
    ],
  ])('rejects cluster coordinates in the input: %j', async (input, message) => {
    const error = await run(input).catch(e => e);
    expect(error.name).toBe('InputError');
    expect(error.message).toContain(message);
    expect(calls).toEqual([]);
  });

  it('rejects kinds other than DaemonSet and Service', async () => {
    const manifest = [
      stringify(daemonSet),
      stringify({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata: { name: 'admin' },
      }),
    ].join('---\n');
    await expect(run({ cluster: 'local', manifest })).rejects.toThrow(
      'object 1 is rbac.authorization.k8s.io/v1 ClusterRoleBinding; only apps/v1 DaemonSet and v1 Service may be applied',
    );
    expect(calls).toEqual([]);
  });

  it('refuses manifests that need an approval', async () => {
    const privileged = {
      ...daemonSet,
      spec: {
        template: {
          spec: {
            hostNetwork: true,
            containers: [
              {
                name: 'a',
                image: 'nginx',
                securityContext: { privileged: true },
              },
            ],
          },
        },
      },
    };
    await expect(
      run({ cluster: 'local', manifest: stringify(privileged) }),
    ).rejects.toThrow(/uses the host network.*container a is privileged/);
  });

  it('rejects a workspace path outside the workspace and needs exactly one source', async () => {
    await expect(
      run({ cluster: 'local', filePath: '../x.yaml' }),
    ).rejects.toThrow("filePath must not contain '..'");
    await expect(run({ cluster: 'local' })).rejects.toThrow(
      'Set exactly one of manifest or filePath',
    );
    await expect(run({ cluster: 'local', manifest: 'a: [' })).rejects.toThrow(
      'manifest is not valid YAML',
    );
  });
});

/**
 * The real HTTP client against an API server that echoes the Authorization header it receives
 * in every answer, as a misconfigured proxy or a verbose error page would.
 */
describe('daemonset:apply never shows the cluster token', () => {
  const TOKEN = 'tok-3f9a1c7e-very-secret';
  let server: Server;
  let respond: (req: IncomingMessage, auth: string) => [number, object];
  let seenAuth: string[];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const auth = req.headers.authorization ?? '';
      seenAuth.push(auth);
      req.resume();
      req.on('end', () => {
        const [status, body] = respond(req, auth);
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(body));
      });
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  });
  afterAll(() => new Promise(r => server.close(r)));
  beforeEach(() => {
    seenAuth = [];
  });

  const echoingStatus = (code: number, auth: string) => ({
    kind: 'Status',
    code,
    message: `request with "Authorization: ${auth}" refused`,
  });

  async function runAgainstServer(input: object) {
    const moduleLogger = mockServices.logger.mock();
    const action = createDaemonSetApplyAction({
      config: new ConfigReader({
        kubernetes: {
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: [
                {
                  name: 'echo',
                  url: `http://127.0.0.1:${
                    (server.address() as AddressInfo).port
                  }`,
                  serviceAccountToken: TOKEN,
                },
              ],
            },
          ],
        },
      }),
      logger: moduleLogger,
    });
    const logger = mockServices.logger.mock();
    const ctx = createMockActionContext({
      input: {
        cluster: 'echo',
        manifest: stringify(daemonSet),
        ...input,
      } as any,
      logger: logger as any,
    });
    const error: Error | undefined = await action.handler(ctx as any).then(
      () => undefined,
      e => e,
    );
    const logged = [moduleLogger, logger, logger.child({})].flatMap(l =>
      [l.info, l.warn, l.error, l.debug].flatMap(fn =>
        (fn as jest.Mock).mock.calls.map(call => JSON.stringify(call)),
      ),
    );
    return {
      error,
      outputs: JSON.stringify((ctx.output as jest.Mock).mock.calls),
      logged: logged.join('\n'),
    };
  }

  it.each([
    [401, 'NotAllowedError'],
    [403, 'NotAllowedError'],
    [500, 'Error'],
    [503, 'ServiceUnavailableError'],
  ])(
    'keeps it out of the error when the server answers %i with the header in its message',
    async (code, name) => {
      respond = (_req, auth) => [code, echoingStatus(code, auth)];
      const { error, outputs, logged } = await runAgainstServer({});
      // The server did receive the token: the error below had it in hand.
      expect(seenAuth).toEqual([`Bearer ${TOKEN}`]);
      expect(error?.name).toBe(name);
      expect(error?.message).toContain(`answered ${code} to GET`);
      expect(`${error?.message} ${error?.stack}`).not.toContain(TOKEN);
      expect(JSON.stringify(error)).not.toContain(TOKEN);
      expect(outputs).not.toContain(TOKEN);
      expect(logged).not.toContain(TOKEN);
    },
  );

  it('keeps it out of the error when the server answers with plain text', async () => {
    respond = (_req, auth) => [500, `upstream saw ${auth}` as any];
    const { error } = await runAgainstServer({});
    expect(error?.message).toContain('answered 500 to GET');
    expect(error?.message).not.toContain(TOKEN);
  });

  it('keeps it out of the outputs and logs of a successful apply and rollout', async () => {
    respond = (req, auth) => {
      if (req.method === 'PATCH' || req.url?.includes('/daemonsets/agent')) {
        const applied = {
          ...daemonSet,
          metadata: {
            ...daemonSet.metadata,
            resourceVersion: '8',
            generation: 1,
            annotations: { 'echo/authorization': auth },
          },
          status: {
            observedGeneration: 1,
            desiredNumberScheduled: 2,
            updatedNumberScheduled: 2,
            numberReady: 2,
            numberAvailable: 2,
            message: auth,
          },
        };
        return [200, applied];
      }
      return [404, echoingStatus(404, auth)];
    };
    const { error, outputs, logged } = await runAgainstServer({
      waitForRollout: true,
      timeoutSeconds: 60,
    });
    expect(error).toBeUndefined();
    expect(seenAuth.length).toBeGreaterThanOrEqual(2);
    expect(seenAuth.every(a => a === `Bearer ${TOKEN}`)).toBe(true);
    expect(outputs).toContain('"applied"');
    expect(outputs).toContain('"rollout"');
    expect(outputs).not.toContain(TOKEN);
    expect(logged).toContain('DaemonSet default/agent');
    expect(logged).not.toContain(TOKEN);
  });
});
