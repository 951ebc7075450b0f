import { ConfigReader } from '@backstage/config';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { parseAllDocuments } from 'yaml';
import { createDaemonSetGenerateAction } from './generate';

const input = {
  name: 'log-agent',
  namespace: 'daemonset-demo',
  cluster: 'local',
  containers: [
    {
      name: 'agent',
      image: 'ghcr.io/acme/log-agent',
      tag: '1.4.2',
    },
  ],
  services: [{ name: 'log-agent', ports: [{ port: 8080 }] }],
};

describe('daemonset:generate', () => {
  const workspace = createMockDirectory();
  const action = createDaemonSetGenerateAction({
    config: new ConfigReader({}),
  });

  beforeEach(() => workspace.clear());

  const run = async (values: object, extra: object = {}) => {
    const ctx = {
      ...createMockActionContext({
        input: values as any,
        workspacePath: workspace.path,
      }),
      ...extra,
    };
    await action.handler(ctx as any);
    return ctx;
  };
  const outputs = (ctx: { output: jest.Mock }) =>
    Object.fromEntries(ctx.output.mock.calls);

  it('writes the manifests to the default path and outputs them', async () => {
    const ctx = await run(input);
    const out = outputs(ctx as any);
    expect(out.filePath).toBe('manifests/local/daemonset-demo/log-agent.yaml');
    expect(out.approvalRequired).toBe(false);
    expect(out.approvalReasons).toEqual([]);
    expect(out.objects.map((o: any) => o.kind)).toEqual([
      'DaemonSet',
      'Service',
    ]);
    expect(workspace.content()).toEqual({
      manifests: {
        local: { 'daemonset-demo': { 'log-agent.yaml': out.manifest } },
      },
    });
    const documents = parseAllDocuments(out.manifest).map(d => d.toJS());
    expect(documents[0]).toMatchObject({
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'log-agent', namespace: 'daemonset-demo' },
      spec: {
        template: {
          metadata: { labels: { 'backstage.io/kubernetes-id': 'log-agent' } },
          spec: { containers: [{ image: 'ghcr.io/acme/log-agent:1.4.2' }] },
        },
      },
    });
  });

  it('writes in a scaffolder dry run too, since the workspace is a throwaway directory', async () => {
    await run(input, { isDryRun: true });
    expect(Object.keys(workspace.content() as object)).toEqual(['manifests']);
  });

  it('names the file from the input the generator checks: untouched sections count as absent', async () => {
    const ctx = await run({ ...input, namespace: {}, cluster: [] });
    const out = outputs(ctx as any);
    expect(out.filePath).toBe('manifests/default/default/log-agent.yaml');
    expect(out.objects[0].metadata.namespace).toBe('default');
  });

  it('writes to a chosen relative path', async () => {
    const ctx = await run({ ...input, filePath: 'deploy/agent.yaml' });
    expect(outputs(ctx as any).filePath).toBe('deploy/agent.yaml');
    expect(workspace.content()).toEqual({
      deploy: { 'agent.yaml': expect.stringContaining('kind: DaemonSet') },
    });
  });

  it('reports approval for risky choices', async () => {
    const ctx = await run({
      ...input,
      containers: [{ ...input.containers[0], privileged: true }],
    });
    const out = outputs(ctx as any);
    expect(out.approvalRequired).toBe(true);
    expect(out.approvalReasons).toEqual([
      expect.stringContaining('containers[0].privileged'),
    ]);
  });

  it('says how approval is asked for: daemonset.approval.mode, portal by default', async () => {
    expect(outputs((await run(input)) as any).approvalMode).toBe('portal');
    const gitOps = createDaemonSetGenerateAction({
      config: new ConfigReader({
        daemonset: { approval: { mode: 'pull-request' } },
      }),
    });
    const ctx = createMockActionContext({
      input: input as any,
      workspacePath: workspace.path,
    });
    await gitOps.handler(ctx as any);
    expect(outputs(ctx as any).approvalMode).toBe('pull-request');
  });

  it('outputs the catalog entity the DaemonSet becomes when it has an owner and a cluster', async () => {
    const owned = outputs(
      (await run({ ...input, owner: 'group:default/platform-team' })) as any,
    );
    expect(owned.entityRef).toBe(
      'component:default/log-agent.daemonset-demo.local',
    );
    expect(owned.objects[0].metadata.annotations).toMatchObject({
      'daemonsets.dev/owner': 'group:default/platform-team',
      'daemonsets.dev/entity-name': 'log-agent.daemonset-demo.local',
    });
    expect(outputs((await run(input)) as any)).not.toHaveProperty('entityRef');
    const { cluster: _cluster, ...noCluster } = input;
    expect(
      outputs(
        (await run({
          ...noCluster,
          owner: 'group:default/platform-team',
        })) as any,
      ),
    ).not.toHaveProperty('entityRef');
  });

  it('fails at creation when daemonset.approval.mode is not a known mode', () => {
    expect(() =>
      createDaemonSetGenerateAction({
        config: new ConfigReader({
          daemonset: { approval: { mode: 'email' } },
        }),
      }),
    ).toThrow("Invalid daemonset.approval.mode 'email'");
  });

  it('rejects invalid input listing every problem with its path, writing nothing', async () => {
    const error = await run({
      ...input,
      name: 'Log_Agent',
      containers: [
        {
          name: 'agent',
          image: 'ghcr.io/acme/log-agent',
          tag: '-bad',
          runAsUser: -1,
        },
      ],
    }).catch(e => e);
    expect(error.name).toBe('InputError');
    expect(error.message).toContain('name:');
    expect(error.message).toContain('containers[0].tag:');
    expect(error.message).toContain('containers[0].runAsUser:');
    expect(workspace.content()).toEqual({});
  });

  it('rejects what the policy denies', async () => {
    await expect(run({ ...input, namespace: 'kube-system' })).rejects.toThrow(
      /namespace: .*denied by the platform policy/,
    );
  });

  it.each([
    ['/etc/passwd', 'must be a relative path'],
    ['../outside.yaml', "must not contain '..'"],
    ['manifests/../../outside.yaml', "must not contain '..'"],
  ])('rejects filePath %s', async (filePath, message) => {
    const error = await run({ ...input, filePath }).catch(e => e);
    expect(error.name).toBe('InputError');
    expect(error.message).toContain('filePath');
    expect(error.message).toContain(message);
    expect(workspace.content()).toEqual({});
  });

  it('fails at creation when the policy configuration is invalid', () => {
    expect(() =>
      createDaemonSetGenerateAction({
        config: new ConfigReader({
          daemonset: { policy: { privileged: 'sometimes' } },
        }),
      }),
    ).toThrow('daemonset.policy.privileged');
  });

  it('describes its input with the wizard schema', () => {
    const schema = action.schema?.input as any;
    expect(schema.properties.containers.type).toBe('array');
    expect(schema.properties.filePath.type).toBe('string');
    expect(schema.required).toEqual(
      expect.arrayContaining(['name', 'containers']),
    );
  });
});
