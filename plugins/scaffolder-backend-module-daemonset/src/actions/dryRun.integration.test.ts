import { mockServices } from '@backstage/backend-test-utils';
import { DaemonSetInput } from '@daemonsets/plugin-daemonset-common';
import { buildDaemonSetManifests } from '@daemonsets/plugin-daemonset-common/kubernetes';
import {
  createKubeRequester,
  KubeRequest,
} from '@daemonsets/plugin-daemonset-node';
import { createDaemonSetApplyAction } from './apply';
import {
  clusterConfig,
  container,
  describeWithCluster,
  setUpClusterActions,
  SUITE,
} from './__testUtils__/clusterActions';

jest.setTimeout(180_000);

/** Inputs covering every field group of the wizard. */
function variedInputs(namespace: string): DaemonSetInput[] {
  const base = (
    name: string,
    extra: Partial<DaemonSetInput> = {},
  ): DaemonSetInput =>
    ({
      name,
      namespace,
      cluster: 'local',
      containers: [container()],
      ...extra,
    } as DaemonSetInput);
  return [
    base('minimal'),
    base('described', {
      description: 'A node agent',
      labels: { team: 'platform' },
      annotations: { 'acme.io/owner': 'platform' },
    }),
    base('timezone', { timezoneSync: true }),
    base('bursting', { serverlessBursting: true }),
    base('resources', {
      containers: [
        container({
          resources: {
            requests: { cpu: 0.5, memory: '256Mi' },
            limits: { cpu: '1', memory: '1Gi', 'huawei.com/ascend-310': 1 },
          },
        }),
      ],
    }),
    base('gpu', {
      containers: [container({ gpu: { count: 1, model: 'Tesla-T4' } })],
    }),
    base('privileged', {
      containers: [
        container({
          privileged: true,
          runAsUser: 0,
          imagePullPolicy: 'Always',
        }),
      ],
    }),
    base('command', {
      containers: [container({ command: ['/bin/agent'], args: ['--verbose'] })],
    }),
    base('lifecycle', {
      containers: [
        container({
          ports: [{ name: 'http', containerPort: 8080 }],
          lifecycle: {
            postStart: { exec: { command: ['touch', '/tmp/started'] } },
            preStop: { httpGet: { path: '/stop', port: 'http' } },
          },
        }),
      ],
    }),
    base('probes', {
      containers: [
        container({
          ports: [{ name: 'http', containerPort: 8080 }],
          livenessProbe: {
            httpGet: { path: '/healthz', port: 8080 },
            initialDelaySeconds: 5,
            periodSeconds: 10,
          },
          readinessProbe: { tcpSocket: { port: 'http' }, failureThreshold: 3 },
          startupProbe: { exec: { command: ['cat', '/tmp/ready'] } },
        }),
      ],
    }),
    base('env', {
      containers: [
        container({
          env: [
            { name: 'MODE', value: 'fast' },
            { name: 'TOKEN', secretKeyRef: { name: 'agent', key: 'token' } },
            {
              name: 'LEVEL',
              configMapKeyRef: { name: 'agent', key: 'level', optional: true },
            },
            { name: 'NODE', fieldRef: { fieldPath: 'spec.nodeName' } },
          ],
        }),
      ],
    }),
    base('volumes', {
      volumes: [
        { name: 'logs', hostPath: { path: '/var/log', type: 'Directory' } },
        { name: 'scratch', emptyDir: { sizeLimit: '1Gi' } },
        {
          name: 'conf',
          configMap: { name: 'agent', items: [{ key: 'a', path: 'a.conf' }] },
        },
        { name: 'creds', secret: { secretName: 'agent' } },
        { name: 'data', persistentVolumeClaim: { claimName: 'agent' } },
      ],
      containers: [
        container({
          volumeMounts: [
            { name: 'logs', mountPath: '/host/log', readOnly: true },
            { name: 'scratch', mountPath: '/scratch' },
            { name: 'conf', mountPath: '/etc/agent' },
            { name: 'creds', mountPath: '/creds' },
            { name: 'data', mountPath: '/data' },
          ],
          logPaths: ['/var/log/agent'],
        }),
      ],
      imagePullSecrets: ['registry-creds'],
    }),
    base('services', {
      containers: [
        container({
          ports: [
            { name: 'http', containerPort: 8080 },
            { name: 'dns', containerPort: 5353, protocol: 'UDP' },
          ],
        }),
      ],
      services: [
        {
          name: 'services-cip',
          ports: [{ name: 'http', port: 80, targetPort: 'http' }],
        },
        { name: 'services-np', type: 'NodePort', ports: [{ port: 8080 }] },
        {
          name: 'services-lb',
          type: 'LoadBalancer',
          ports: [{ port: 53, targetPort: 5353, protocol: 'UDP' }],
        },
        {
          name: 'services-headless',
          type: 'Headless',
          ports: [{ port: 8080 }],
        },
      ],
    }),
    base('update', {
      updateStrategy: {
        type: 'RollingUpdate',
        maxUnavailable: '20%',
        maxSurge: 0,
      },
      minReadySeconds: 10,
      terminationGracePeriodSeconds: 60,
    }),
    base('ondelete', { updateStrategy: { type: 'OnDelete' } }),
    base('scheduling', {
      scheduling: {
        nodeSelector: { 'kubernetes.io/os': 'linux' },
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              {
                matchExpressions: [
                  {
                    key: 'node.kubernetes.io/instance-type',
                    operator: 'In',
                    values: ['large'],
                  },
                ],
              },
            ],
          },
          preferredDuringSchedulingIgnoredDuringExecution: [
            {
              weight: 10,
              preference: {
                matchExpressions: [{ key: 'zone', operator: 'Exists' }],
              },
            },
          ],
        },
        podAntiAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            {
              weight: 50,
              podAffinityTerm: {
                labelSelector: { matchLabels: { app: 'other' } },
                topologyKey: 'kubernetes.io/hostname',
              },
            },
          ],
        },
        tolerations: [
          {
            key: 'node-role.kubernetes.io/control-plane',
            operator: 'Exists',
            effect: 'NoSchedule',
          },
          { operator: 'Exists' },
        ],
        priorityClassName: 'system-node-critical',
      },
    }),
    base('hostnet', { hostNetwork: true }),
    base('network', {
      networkAttachments: ['macvlan-conf', 'other/sriov@eth1'],
    }),
    base('dns', {
      dns: {
        policy: 'replace',
        nameservers: ['10.0.0.10'],
        searches: ['svc.cluster.local'],
        timeout: 2,
        ndots: 2,
      },
    }),
    base('dnsinherit', { dns: { policy: 'inherit' } }),
    base('observe', {
      metrics: { port: 9100, path: '/metrics' },
      instrumentation: { language: 'java' },
    }),
    base('multi', {
      containers: [
        container({ name: 'one' }),
        container({
          name: 'two',
          image: 'docker.io/library/busybox',
          tag: '1.36',
        }),
      ],
    }),
  ];
}

describeWithCluster(SUITE, () => {
  const suite = setUpClusterActions('scaffolder-dry-run');
  const { run } = suite;

  it('has every varied generated manifest accepted by a server-side dry run, every field kept', async () => {
    const allowAll = {
      privileged: 'allow',
      hostNetwork: 'allow',
      hostPath: { decision: 'allow' },
    };
    // The real client; the API server's dry-run answers are kept to compare with the manifests.
    const answers: Array<{ req: KubeRequest; answer: any }> = [];
    const apply = createDaemonSetApplyAction({
      config: clusterConfig(suite.cluster, suite.cluster.adminToken, allowAll),
      logger: mockServices.logger.mock(),
      requesterFor: definition => {
        const real = createKubeRequester(definition);
        return async req => {
          const answer = await real(req);
          answers.push({ req, answer });
          return answer;
        };
      },
    });
    const inputs = variedInputs(suite.namespace.name);
    for (const input of inputs) {
      const { yaml, objects } = buildDaemonSetManifests(input);
      answers.length = 0;
      const { outputs } = await run(apply, {
        cluster: 'local',
        manifest: yaml,
        dryRun: true,
      }).catch(error => {
        throw new Error(`${input.name}: ${error.message}`);
      });
      expect(outputs.applied[0]).toMatchObject({
        kind: 'DaemonSet',
        name: input.name,
        created: true,
        changed: true,
      });
      // Each object as the API server would store it holds every field of the manifest, with
      // the same values (the server only adds its defaults): nothing dropped or pruned.
      const patched = answers.filter(a => a.req.method === 'PATCH');
      expect(patched.map(a => a.req.query?.dryRun)).toEqual(
        objects.map(() => 'All'),
      );
      objects.forEach((object, index) => {
        const answer = patched[index].answer;
        expect({ input: input.name, kind: answer.kind }).toEqual({
          input: input.name,
          kind: object.kind,
        });
        expect(answer.metadata).toMatchObject(object.metadata as object);
        expect(answer.spec).toMatchObject((object as any).spec);
      });
    }
  });
});
