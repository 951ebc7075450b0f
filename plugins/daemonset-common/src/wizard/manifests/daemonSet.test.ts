import { parse, parseAllDocuments } from 'yaml';
import { buildDaemonSetManifests } from '.';
import { baseInput, withContainer } from '../testUtils';
import type { DaemonSetManifest } from '../types';

function daemonSetOf(input: unknown): DaemonSetManifest {
  return buildDaemonSetManifests(input).daemonSet;
}

describe('buildDaemonSetManifests: basics', () => {
  it('maps name, namespace, labels and selector', () => {
    const result = buildDaemonSetManifests(baseInput());
    expect(result.objects).toHaveLength(1);
    const ds = result.daemonSet;
    expect(ds.apiVersion).toBe('apps/v1');
    expect(ds.kind).toBe('DaemonSet');
    expect(ds.metadata).toEqual({
      name: 'agent',
      namespace: 'default',
      labels: {
        app: 'agent',
        'backstage.io/kubernetes-id': 'agent',
        'app.kubernetes.io/managed-by': 'daemonsets.dev',
      },
    });
    expect(ds.spec.selector).toEqual({ matchLabels: { app: 'agent' } });
    expect(ds.spec.template.metadata.labels).toEqual(ds.metadata.labels);
    expect(ds.spec.updateStrategy).toEqual({ type: 'RollingUpdate' });
    expect(ds.spec.template.spec.dnsPolicy).toBe('ClusterFirst');
    expect(result.approvalRequired).toBe(false);
    expect(result.approvalReasons).toEqual([]);
  });

  it('uses the given namespace', () => {
    expect(
      daemonSetOf(baseInput({ namespace: 'monitoring' })).metadata.namespace,
    ).toBe('monitoring');
  });

  it('records cluster and description as annotations', () => {
    const ds = daemonSetOf(
      baseInput({ cluster: 'prod-eu', description: 'Log shipper' }),
    );
    expect(ds.metadata.annotations).toEqual({
      description: 'Log shipper',
      'daemonsets.dev/cluster': 'prod-eu',
    });
    expect(ds.spec.template.metadata.annotations).toBeUndefined();
  });

  it('adds extra labels to the objects and the pod template, sorted, after the built-in ones', () => {
    const ds = daemonSetOf(baseInput({ labels: { zone: 'a', team: 'obs' } }));
    expect(Object.entries(ds.spec.template.metadata.labels)).toEqual([
      ['app', 'agent'],
      ['backstage.io/kubernetes-id', 'agent'],
      ['app.kubernetes.io/managed-by', 'daemonsets.dev'],
      ['team', 'obs'],
      ['zone', 'a'],
    ]);
    expect(ds.metadata.labels).toEqual(ds.spec.template.metadata.labels);
    expect(ds.spec.selector.matchLabels).toEqual({ app: 'agent' });
  });

  it('adds annotations to the DaemonSet and the pod template', () => {
    const ds = daemonSetOf(
      baseInput({ annotations: { 'example.com/owner': 'team-a' } }),
    );
    expect(ds.metadata.annotations).toEqual({ 'example.com/owner': 'team-a' });
    expect(ds.spec.template.metadata.annotations).toEqual({
      'example.com/owner': 'team-a',
    });
  });
});

describe('buildDaemonSetManifests: update strategy and timing', () => {
  it('maps a rolling update with maxUnavailable and maxSurge', () => {
    expect(
      daemonSetOf(
        baseInput({ updateStrategy: { maxUnavailable: '10%', maxSurge: 0 } }),
      ).spec.updateStrategy,
    ).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxUnavailable: '10%', maxSurge: 0 },
    });
  });

  it('maps OnDelete', () => {
    expect(
      daemonSetOf(baseInput({ updateStrategy: { type: 'OnDelete' } })).spec
        .updateStrategy,
    ).toEqual({
      type: 'OnDelete',
    });
  });

  it('maps minReadySeconds and terminationGracePeriodSeconds', () => {
    const ds = daemonSetOf(
      baseInput({ minReadySeconds: 10, terminationGracePeriodSeconds: 60 }),
    );
    expect(ds.spec.minReadySeconds).toBe(10);
    expect(ds.spec.template.spec.terminationGracePeriodSeconds).toBe(60);
  });
});

describe('buildDaemonSetManifests: YAML', () => {
  const input = withContainer(
    { ports: [{ name: 'http', containerPort: 8080 }] },
    {
      services: [{ name: 'agent', ports: [{ port: 80, targetPort: 'http' }] }],
    },
  );

  it('is a multi-document stream, DaemonSet first, that parses back to the objects', () => {
    const result = buildDaemonSetManifests(input);
    expect(
      result.yaml.startsWith('---\napiVersion: apps/v1\nkind: DaemonSet\n'),
    ).toBe(true);
    expect(result.yaml.match(/^---$/gm)).toHaveLength(2);
    expect(parseAllDocuments(result.yaml).map(d => d.toJS())).toEqual(
      result.objects,
    );
    expect(parse(result.yaml.split(/^---$/m)[2])).toEqual(result.services[0]);
  });

  it('is deterministic, whatever the key order of maps in the input', () => {
    const a = buildDaemonSetManifests(
      baseInput({
        labels: { a: '1', b: '2' },
        annotations: { 'x/y': '1', 'a/b': '2' },
      }),
    );
    const b = buildDaemonSetManifests(
      baseInput({
        annotations: { 'a/b': '2', 'x/y': '1' },
        labels: { b: '2', a: '1' },
      }),
    );
    expect(b.yaml).toBe(a.yaml);
    expect(buildDaemonSetManifests(input).yaml).toBe(
      buildDaemonSetManifests(input).yaml,
    );
  });

  it('does not mutate its input', () => {
    const copy = JSON.parse(JSON.stringify(input));
    buildDaemonSetManifests(input);
    expect(input).toEqual(copy);
  });
});

describe('buildDaemonSetManifests: README example', () => {
  it('builds the example of the README', () => {
    const result = buildDaemonSetManifests({
      name: 'node-agent',
      namespace: 'monitoring',
      cluster: 'prod-eu',
      timezoneSync: true,
      containers: [
        {
          name: 'agent',
          image: 'ghcr.io/acme/node-agent',
          tag: '1.4.2',
          resources: { limits: { cpu: 0.5, memory: '256Mi' } },
          ports: [{ name: 'metrics', containerPort: 9100 }],
          logPaths: ['/var/log/agent'],
        },
      ],
      services: [
        { name: 'node-agent', ports: [{ port: 9100, targetPort: 'metrics' }] },
      ],
      metrics: { port: 9100 },
    });
    expect(result.approvalRequired).toBe(false);
    expect(result.daemonSet.spec.template.spec.containers[0].resources).toEqual(
      {
        requests: { cpu: '250m', memory: '256Mi' },
        limits: { cpu: '500m', memory: '256Mi' },
      },
    );
    expect(result.objects).toHaveLength(2);
  });
});
