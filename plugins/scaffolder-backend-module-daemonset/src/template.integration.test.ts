import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createBackendModule } from '@backstage/backend-plugin-api';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import {
  createTemplateAction,
  scaffolderActionsExtensionPoint,
} from '@backstage/plugin-scaffolder-node';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import request from 'supertest';
import { parse, parseAllDocuments } from 'yaml';
import {
  clusterConfigFor,
  clusterSkipReason,
  getTestCluster,
} from '@daemonsets/local-cluster/testing';
import { scaffolderModuleDaemonSet } from './module';

jest.setTimeout(120_000);

// Decided before any test is declared: under CI a missing cluster fails this file (throws here);
// elsewhere every test is reported as skipped, with the reason in its name.
const skipReason = clusterSkipReason();
const describeWithCluster = skipReason ? describe.skip : describe;
const SUITE = `the DaemonSet template through the scaffolder dry run${
  skipReason ? ` (skipped: ${skipReason})` : ''
}`;

const template = parse(
  readFileSync(
    resolve(__dirname, '../../../examples/templates/daemonset/template.yaml'),
    'utf8',
  ),
);

/**
 * Stands in for publish:github:pull-request, which needs a GitHub forge this test does not
 * have: it only shows which step the template picked and what it passed.
 */
const pullRequestStandIn = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'pull-request-stand-in',
  register(env) {
    env.registerInit({
      deps: { scaffolder: scaffolderActionsExtensionPoint },
      async init({ scaffolder }) {
        scaffolder.addActions(
          createTemplateAction({
            id: 'publish:github:pull-request',
            supportsDryRun: true,
            async handler(ctx) {
              ctx.logger.info(
                `stand-in pull request: ${(ctx.input as any).title}`,
              );
              ctx.output(
                'remoteUrl',
                'https://github.example/acme/platform-deployments/pull/1',
              );
            },
          }),
        );
      },
    });
  },
});

async function startScaffolder(daemonset: object = {}, extra: any[] = []) {
  const cluster = await getTestCluster();
  const { server } = await startTestBackend({
    features: [
      scaffolderPlugin,
      scaffolderModuleDaemonSet,
      ...extra,
      mockServices.rootConfig.factory({
        data: {
          backend: { baseUrl: 'http://localhost:7007' },
          ...clusterConfigFor(cluster),
          daemonset,
        },
      }),
    ],
  });
  return { cluster, server };
}

const dryRun = (server: any, values: object) =>
  request(server)
    .post('/api/scaffolder/v2/dry-run')
    .set('Authorization', mockCredentials.user.header())
    .send({ template, values, secrets: {}, directoryContents: [] });

const logOf = (res: request.Response) =>
  (res.body.log ?? []).map((l: any) => l.body.message).join('\n');

describeWithCluster(SUITE, () => {
  it('runs what the browser form sends for the required fields alone: untouched sections as empty objects and lists', async () => {
    const { server } = await startScaffolder();
    const res = await dryRun(server, {
      name: 'minimal-agent',
      cluster: 'local',
      namespace: 'default',
      owner: 'group:default/platform-team',
      timezoneSync: false,
      serverlessBursting: false,
      hostNetwork: false,
      containers: [
        {
          name: 'agent',
          image: 'ghcr.io/acme/agent',
          tag: '1.0',
          privileged: false,
          resources: { requests: { cpu: 0.25, memory: '512Mi' } },
          command: [],
          args: [],
          lifecycle: {
            postStart: { exec: { command: [] } },
            preStop: { exec: { command: [] } },
          },
          env: [],
          ports: [],
          volumeMounts: [],
          logPaths: [],
        },
      ],
      volumes: [],
      imagePullSecrets: [],
      services: [],
      scheduling: {
        nodeSelector: {},
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [],
          },
        },
        tolerations: [],
      },
      labels: {},
      networkAttachments: [],
      dns: { nameservers: [], searches: [] },
    });
    expect({ status: res.status, log: logOf(res) }).toMatchObject({
      status: 200,
    });
    expect(logOf(res)).toContain(
      'DaemonSet default/minimal-agent created (server dry run)',
    );
  });

  it('generates, server-side dry-runs the apply and links to the catalog entity', async () => {
    const { cluster, server } = await startScaffolder();
    const res = await request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header())
      .send({
        template,
        values: {
          name: 'dry-agent',
          cluster: 'local',
          namespace: 'default',
          owner: 'group:default/platform-team',
          timezoneSync: true,
          serverlessBursting: false,
          hostNetwork: false,
          containers: [
            {
              name: 'agent',
              image: 'ghcr.io/acme/agent',
              tag: '1.0',
              privileged: false,
              resources: { requests: { cpu: 0.25, memory: '512Mi' } },
              ports: [{ name: 'http', containerPort: 8080 }],
            },
          ],
          services: [
            {
              name: 'dry-agent',
              type: 'ClusterIP',
              ports: [{ port: 80, targetPort: 8080 }],
            },
          ],
          updateStrategy: { type: 'RollingUpdate', maxUnavailable: 1 },
          dns: { policy: 'append' },
        },
        secrets: {},
        directoryContents: [],
      });

    const messages = (res.body.log ?? [])
      .map((l: any) => l.body.message)
      .join('\n');
    expect({
      status: res.status,
      body: res.status === 200 ? 'ok' : res.body,
      messages,
    }).toMatchObject({ status: 200 });
    // No catalog-info.yaml: the catalog provider makes the entity from the DaemonSet itself.
    const files = res.body.directoryContents.map(
      (f: { path: string }) => f.path,
    );
    expect(files).toEqual(['manifests/local/default/dry-agent.yaml']);
    const [daemonSet] = parseAllDocuments(
      Buffer.from(
        res.body.directoryContents[0].base64Content,
        'base64',
      ).toString(),
    ).map(d => d.toJS());
    expect(daemonSet.metadata.annotations).toMatchObject({
      'daemonsets.dev/owner': 'group:default/platform-team',
      'daemonsets.dev/entity-name': 'dry-agent.default.local',
    });
    expect(res.body.output.links).toEqual([
      {
        title: 'Open the component',
        icon: 'catalog',
        entityRef: 'component:default/dry-agent.default.local',
      },
    ]);
    for (const step of ['request-approval', 'pull-request']) {
      expect(messages).toContain(
        `Skipping step ${step} because its if condition was false`,
      );
    }
    expect(messages).toContain(
      'DaemonSet default/dry-agent created (server dry run)',
    );
    expect(messages).toContain('Not waiting for the rollout');
    expect(res.body.output.text[0].content).toContain(
      'Deployed default/dry-agent to local',
    );
    expect(res.body.output.text[1].content).toContain('kind: DaemonSet');
    expect(messages).not.toContain(cluster.portalToken);
  });

  const riskyValues = {
    name: 'risky-agent',
    cluster: 'local',
    namespace: 'default',
    owner: 'group:default/platform-team',
    containers: [
      {
        name: 'agent',
        image: 'ghcr.io/acme/agent',
        tag: '1.0',
        privileged: true,
        resources: { requests: { cpu: 0.25, memory: '512Mi' } },
      },
    ],
  };

  it('holds a privileged container for approval in the portal: the request step runs, nothing is applied', async () => {
    const { server } = await startScaffolder();
    const res = await dryRun(server, riskyValues);
    const messages = logOf(res);
    expect({ status: res.status, messages }).toMatchObject({ status: 200 });
    expect(messages).toMatch(
      /Dry run: would file an approval request for DaemonSet default\/risky-agent on cluster local \(manifest sha256 [0-9a-f]{64}, 1 approval\(s\) needed\) because: DaemonSet default\/risky-agent container agent is privileged/,
    );
    for (const step of ['pull-request', 'dry-run', 'deploy']) {
      expect(messages).toContain(
        `Skipping step ${step} because its if condition was false`,
      );
    }
    expect(res.body.output.links).toEqual([
      { title: 'Approval request', url: '/daemonset-approvals' },
    ]);
    expect(res.body.output.text[0].content).toMatch(
      /^Waiting for approval: DaemonSet default\/risky-agent container agent is privileged \(daemonset.policy.privileged: requireApproval\)/,
    );
  });

  it('opens a pull request instead when daemonset.approval.mode is pull-request', async () => {
    const { server } = await startScaffolder(
      { approval: { mode: 'pull-request' } },
      [pullRequestStandIn],
    );
    const res = await dryRun(server, riskyValues);
    const messages = logOf(res);
    expect({ status: res.status, messages }).toMatchObject({ status: 200 });
    for (const step of ['request-approval', 'dry-run', 'deploy']) {
      expect(messages).toContain(
        `Skipping step ${step} because its if condition was false`,
      );
    }
    expect(messages).toContain(
      'stand-in pull request: DaemonSet default/risky-agent on local',
    );
    expect(messages).not.toContain('would file an approval request');
    expect(res.body.output.links).toEqual([
      {
        title: 'Pull request for approval',
        url: 'https://github.example/acme/platform-deployments/pull/1',
      },
    ]);
  });
});
