import type { ApprovalPolicy } from '../policy';
import { buildDaemonSetManifests } from '../manifests';
import { daemonSetInputFromManifests } from './fromManifest';
import { formatFieldPath } from './keptFields';
import { withKeptFields } from './withKeptFields';

/** A DaemonSet written by hand and read back from the API server, with its defaults. */
const handWritten = {
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: {
    name: 'node-exporter',
    namespace: 'monitoring',
    uid: '0f8c5d3e-1111-2222-3333-444455556666',
    resourceVersion: '4242',
    generation: 3,
    creationTimestamp: '2026-01-01T00:00:00Z',
    labels: { app: 'node-exporter', tier: 'infra' },
    annotations: {
      'deprecated.daemonset.template.generation': '3',
      'team.example.com/pager': 'ops',
    },
  },
  spec: {
    revisionHistoryLimit: 5,
    selector: { matchLabels: { app: 'node-exporter' } },
    updateStrategy: {
      type: 'RollingUpdate',
      rollingUpdate: { maxUnavailable: 1, maxSurge: 0 },
    },
    template: {
      metadata: {
        creationTimestamp: null,
        labels: { app: 'node-exporter', tier: 'infra' },
        annotations: { 'team.example.com/pager': 'ops' },
      },
      spec: {
        restartPolicy: 'Always',
        schedulerName: 'default-scheduler',
        securityContext: {},
        dnsPolicy: 'ClusterFirst',
        serviceAccountName: 'node-exporter',
        hostPID: true,
        tolerations: [{ operator: 'Exists' }],
        containers: [
          {
            name: 'exporter',
            image: 'quay.io/prometheus/node-exporter:v1.8.0',
            imagePullPolicy: 'IfNotPresent',
            args: ['--path.rootfs=/host'],
            terminationMessagePath: '/dev/termination-log',
            terminationMessagePolicy: 'File',
            resources: { requests: { cpu: '100m', memory: '64Mi' } },
            securityContext: {
              runAsUser: 65534,
              capabilities: { drop: ['ALL'] },
            },
            env: [
              {
                name: 'LIMIT',
                valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } },
              },
            ],
            volumeMounts: [
              { name: 'root', mountPath: '/host', readOnly: true },
              { name: 'token', mountPath: '/var/run/token' },
            ],
          },
        ],
        volumes: [
          { name: 'root', hostPath: { path: '/', type: '' } },
          {
            name: 'token',
            projected: {
              sources: [{ serviceAccountToken: { path: 'token' } }],
            },
          },
        ],
      },
    },
  },
  status: { desiredNumberScheduled: 20 },
};

const allow = {
  privileged: 'allow',
  hostNetwork: 'allow',
  hostPath: { decision: 'allow', allowedPathPrefixes: [] },
  protectedNamespaces: { decision: 'allow', namespaces: [] },
  allowedRegistries: { decision: 'allow', registries: [] },
} as ApprovalPolicy;

describe('kept fields of a DaemonSet written by hand', () => {
  const result = daemonSetInputFromManifests(handWritten);

  it('opens with what the wizard can express', () => {
    expect(result.problems).toEqual([]);
    expect(result.input).toMatchObject({
      name: 'node-exporter',
      namespace: 'monitoring',
      labels: { tier: 'infra' },
      annotations: { 'team.example.com/pager': 'ops' },
      scheduling: { tolerations: [{ operator: 'Exists' }] },
      volumes: [{ name: 'root', hostPath: { path: '/', type: '' } }],
    });
    expect(result.input.containers[0]).toMatchObject({
      image: 'quay.io/prometheus/node-exporter',
      tag: 'v1.8.0',
      runAsUser: 65534,
      args: ['--path.rootfs=/host'],
      volumeMounts: [{ name: 'root', mountPath: '/host', readOnly: true }],
    });
  });

  it('lists every field it cannot express, and no server-set field', () => {
    const listed = result.keptFields.map(
      f => `${f.object} ${formatFieldPath(f.path)}`,
    );
    expect(listed.sort()).toEqual(
      [
        'DaemonSet spec.revisionHistoryLimit',
        'DaemonSet spec.template.spec.serviceAccountName',
        'DaemonSet spec.template.spec.hostPID',
        'DaemonSet spec.template.spec.containers[0].securityContext.capabilities',
        'DaemonSet spec.template.spec.containers[0].env',
        'DaemonSet spec.template.spec.containers[0].volumeMounts',
        'DaemonSet spec.template.spec.volumes',
      ].sort(),
    );
  });

  it('keeps them: written back onto the generated DaemonSet, each with its live value', () => {
    const built = buildDaemonSetManifests(result.input, allow);
    const [edited] = withKeptFields([built.daemonSet], result.keptFields);
    const at = (object: unknown, path: Array<string | number>) =>
      path.reduce<any>((node, part) => node?.[part], object);
    for (const field of result.keptFields) {
      expect(at(edited, field.path)).toEqual(field.value);
    }
    const container = edited.spec.template.spec.containers[0] as any;
    expect(container.image).toBe('quay.io/prometheus/node-exporter:v1.8.0');
    expect(container.securityContext).toEqual({
      runAsUser: 65534,
      capabilities: { drop: ['ALL'] },
    });
    expect(built.daemonSet.spec.template.spec).not.toHaveProperty('hostPID');
  });
});
