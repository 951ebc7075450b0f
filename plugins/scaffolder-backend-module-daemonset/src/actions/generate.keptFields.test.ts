import { ConfigReader } from '@backstage/config';
import { ConflictError } from '@backstage/errors';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { KubeRequest } from '@daemonsets/plugin-daemonset-node';
import { parseAllDocuments } from 'yaml';
import { createDaemonSetGenerateAction } from './generate';

/*
 * An edit (baseRevision set) writes the live fields the wizard cannot express into the
 * manifests, read from the cluster (a fake requester here: the merge is what is tested).
 */

const config = new ConfigReader({
  kubernetes: {
    clusterLocatorMethods: [
      {
        type: 'config',
        clusters: [
          {
            name: 'local',
            url: 'https://127.0.0.1:6443',
            serviceAccountToken: 't',
          },
        ],
      },
    ],
  },
});

const input = {
  name: 'log-agent',
  namespace: 'daemonset-demo',
  cluster: 'local',
  owner: 'group:default/app-team',
  containers: [
    { name: 'agent', image: 'ghcr.io/acme/log-agent', tag: '1.4.2' },
  ],
};

const workspace = createMockDirectory();
beforeEach(() => workspace.clear());

async function run(
  action: ReturnType<typeof createDaemonSetGenerateAction>,
  values: object,
) {
  const ctx = createMockActionContext({
    input: values as any,
    workspacePath: workspace.path,
  });
  const info = jest.spyOn(ctx.logger, 'info');
  await action.handler(ctx as any);
  const out = Object.fromEntries((ctx.output as jest.Mock).mock.calls);
  return { out, info };
}

/** The DaemonSet the wizard made, as it runs after someone added fields by hand with kubectl. */
async function handEdited(generation: number) {
  const { out } = await run(createDaemonSetGenerateAction({ config }), input);
  const daemonSet = structuredClone(out.objects[0]);
  daemonSet.metadata.generation = generation;
  daemonSet.spec.revisionHistoryLimit = 4;
  daemonSet.spec.template.spec.containers[0].stdin = true;
  workspace.clear();
  return daemonSet;
}

function actionWithLive(live: unknown) {
  const calls: KubeRequest[] = [];
  const action = createDaemonSetGenerateAction({
    config,
    requesterFor: () => async req => {
      calls.push(req);
      return req.path.includes('/daemonsets/') ? live : undefined;
    },
  });
  return { action, calls };
}

describe('daemonset:generate on an edit', () => {
  it('keeps the live fields the wizard cannot express in the manifests, and says which', async () => {
    const { action, calls } = actionWithLive(await handEdited(3));
    const { out, info } = await run(action, {
      ...input,
      containers: [{ ...input.containers[0], tag: '2.0' }],
      baseRevision: 3,
    });

    const daemonSet = parseAllDocuments(out.manifest)[0].toJS();
    expect(daemonSet.spec.revisionHistoryLimit).toBe(4);
    expect(daemonSet.spec.template.spec.containers[0]).toMatchObject({
      image: 'ghcr.io/acme/log-agent:2.0',
      stdin: true,
    });
    expect(out.objects[0]).toEqual(daemonSet);
    expect(workspace.content()).toEqual({
      manifests: {
        local: { 'daemonset-demo': { 'log-agent.yaml': out.manifest } },
      },
    });
    expect(info).toHaveBeenCalledWith(
      expect.stringContaining('spec.revisionHistoryLimit'),
    );
    expect(calls.every(c => c.method === 'GET')).toBe(true);
  });

  it('refuses a stale edit with a 409 and writes nothing', async () => {
    const { action } = actionWithLive(await handEdited(5));
    await expect(run(action, { ...input, baseRevision: 3 })).rejects.toThrow(
      ConflictError,
    );
    expect(workspace.content()).toEqual({});
  });

  it('reads nothing from the cluster on a creation (no baseRevision, or the empty one a template renders)', async () => {
    for (const extra of [{}, { baseRevision: '' }]) {
      const { action, calls } = actionWithLive(await handEdited(1));
      const { out } = await run(action, { ...input, ...extra });
      expect(calls).toEqual([]);
      expect(out.manifest).not.toContain('revisionHistoryLimit');
    }
  });
});
