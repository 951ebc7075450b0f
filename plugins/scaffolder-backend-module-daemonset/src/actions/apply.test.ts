import { ConfigReader } from '@backstage/config';
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { KubeRequest } from '@daemonsets/plugin-daemonset-node';
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

  it('never puts the token in its errors or outputs', async () => {
    const error = await run({
      cluster: 'nope',
      manifest: stringify(daemonSet),
    }).catch(e => e);
    expect(error.message).not.toContain('very-secret');
  });
});
