import { diffAgainstLive, projectOnto } from './liveDiff';

const manifest = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  namespace: ops
spec:
  template:
    spec:
      containers:
        - name: agent
          image: ghcr.io/acme/agent:2.0
          securityContext:
            privileged: true
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: agent
  namespace: ops
`;

const liveDaemonSet = {
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: {
    name: 'agent',
    namespace: 'ops',
    uid: 'u-1',
    resourceVersion: '42',
  },
  spec: {
    revisionHistoryLimit: 10,
    template: {
      spec: {
        dnsPolicy: 'ClusterFirst',
        containers: [
          {
            name: 'agent',
            image: 'ghcr.io/acme/agent:1.0',
            imagePullPolicy: 'IfNotPresent',
          },
          { name: 'sidecar', image: 'busybox' },
        ],
      },
    },
  },
  status: { numberReady: 3 },
};

describe('projectOnto', () => {
  it('keeps only the fields the request sets, and names of list items it drops', () => {
    expect(
      projectOnto(
        { a: 1, b: { c: 2 }, list: [{ name: 'x', v: 1 }] },
        {
          z: 0,
          b: { c: 3, d: 4 },
          a: 1,
          list: [{ name: 'x', v: 2, w: 0 }, { name: 'y' }],
        },
      ),
    ).toEqual({
      a: 1,
      b: { c: 3 },
      list: [{ name: 'x', v: 2 }, { name: 'y' }],
    });
  });
});

describe('diffAgainstLive', () => {
  it('shows the changed lines of a running object and marks objects that do not exist yet as new', () => {
    const [daemonSet, serviceAccount] = diffAgainstLive(manifest, [
      liveDaemonSet,
    ]);

    expect(daemonSet.title).toBe('DaemonSet ops/agent');
    expect(daemonSet.status).toBe('changed');
    const changes = daemonSet.lines.filter(l => l.kind !== 'same');
    expect(changes).toHaveLength(5);
    expect(changes).toEqual(
      expect.arrayContaining([
        { kind: 'removed', text: '          image: ghcr.io/acme/agent:1.0' },
        { kind: 'added', text: '          image: ghcr.io/acme/agent:2.0' },
        { kind: 'added', text: '          securityContext:' },
        { kind: 'added', text: '            privileged: true' },
        { kind: 'removed', text: '        - name: sidecar' },
      ]),
    );
    expect(daemonSet.lines.map(l => l.text).join('\n')).not.toMatch(
      /resourceVersion|numberReady|dnsPolicy/,
    );

    expect(serviceAccount.title).toBe('ServiceAccount ops/agent');
    expect(serviceAccount.status).toBe('new');
    expect(serviceAccount.lines.every(l => l.kind === 'added')).toBe(true);
  });

  it('reports an object that runs exactly as requested as unchanged', () => {
    const [serviceAccount] = diffAgainstLive(
      'kind: ServiceAccount\nmetadata:\n  name: a\n  namespace: ops\n',
      [
        {
          kind: 'ServiceAccount',
          metadata: { name: 'a', namespace: 'ops', uid: 'x' },
        },
      ],
    );
    expect(serviceAccount.status).toBe('unchanged');
  });
});
