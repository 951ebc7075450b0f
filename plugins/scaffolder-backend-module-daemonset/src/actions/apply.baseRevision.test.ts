import { ConfigReader } from '@backstage/config';
import { ConflictError, InputError } from '@backstage/errors';
import { mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { KubeRequest } from '@daemonsets/plugin-daemonset-node';
import { stringify } from 'yaml';
import { createDaemonSetApplyAction } from './apply';

/*
 * An edit's apply names the revision it was opened at; a DaemonSet changed since is not
 * overwritten (no lost update). The cluster is a fake requester: the check is what is tested.
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

const manifest = stringify({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'agent', namespace: 'default' },
  spec: {
    template: { spec: { containers: [{ name: 'a', image: 'nginx:2' }] } },
  },
});

function actionAt(generation: number | undefined) {
  const calls: KubeRequest[] = [];
  const action = createDaemonSetApplyAction({
    config,
    logger: mockServices.logger.mock(),
    requesterFor: () => async req => {
      calls.push(req);
      if (req.method === 'GET') {
        return generation === undefined
          ? undefined
          : { metadata: { name: 'agent', namespace: 'default', generation } };
      }
      return {
        ...(req.body as object),
        metadata: { generation: (generation ?? 0) + 1 },
      };
    },
  });
  const run = (input: object) =>
    action.handler(createMockActionContext({ input: input as any }) as any);
  return { run, patches: () => calls.filter(c => c.method === 'PATCH') };
}

describe('daemonset:apply with a base revision', () => {
  it('applies when the DaemonSet is still at the base revision', async () => {
    const { run, patches } = actionAt(4);
    await run({ cluster: 'local', manifest, baseRevision: 4 });
    expect(patches()).toHaveLength(1);
  });

  it('accepts the revision as a numeric string, as form data may carry it', async () => {
    const { run, patches } = actionAt(4);
    await run({ cluster: 'local', manifest, baseRevision: '4' });
    expect(patches()).toHaveLength(1);
  });

  it('refuses with a 409 naming both revisions when the DaemonSet changed since, applying nothing', async () => {
    const { run, patches } = actionAt(5);
    const error = await run({
      cluster: 'local',
      manifest,
      baseRevision: 4,
    }).catch(e => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toContain(
      'the edit is based on revision 4, the DaemonSet is at revision 5',
    );
    expect(patches()).toHaveLength(0);
  });

  it('refuses when the DaemonSet is gone', async () => {
    const { run, patches } = actionAt(undefined);
    const error = await run({
      cluster: 'local',
      manifest,
      baseRevision: 4,
    }).catch(e => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toContain('no longer exists');
    expect(patches()).toHaveLength(0);
  });

  it('refuses a base revision that is not a positive integer, naming the field', async () => {
    const { run, patches } = actionAt(4);
    const error = await run({
      cluster: 'local',
      manifest,
      baseRevision: 'x',
    }).catch(e => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain('baseRevision: must be a positive integer');
    expect(patches()).toHaveLength(0);
  });

  it('checks nothing without a base revision (a creation), also when the template renders it empty', async () => {
    const { run, patches } = actionAt(undefined);
    await run({ cluster: 'local', manifest, baseRevision: '' });
    expect(patches()).toHaveLength(1);
  });
});
