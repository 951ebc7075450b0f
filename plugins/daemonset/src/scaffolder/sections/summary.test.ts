import { summarizeInput } from './summary';

describe('summarizeInput', () => {
  it('reads partial and untouched data without failing', () => {
    expect(summarizeInput(undefined)).toEqual({
      workload: [
        { label: 'Name', value: '(not set)' },
        { label: 'Cluster', value: '(not set)' },
        { label: 'Namespace', value: 'default' },
      ],
      containers: [],
      pod: [],
    });
    const summary = summarizeInput({
      name: 'agent',
      containers: [
        { name: 'a', lifecycle: { postStart: {} }, env: [] },
        'junk',
      ],
      dns: { policy: undefined },
    });
    expect(summary.containers).toEqual([
      {
        name: 'a',
        image: '(no image)',
        requests: 'defaults',
        limits: undefined,
        sections: [],
      },
    ]);
    expect(summary.pod).toEqual([]);
  });

  it('names the sections that are on, in the wizard words', () => {
    const summary = summarizeInput({
      name: 'agent',
      cluster: 'prod',
      hostNetwork: true,
      containers: [
        {
          name: 'agent',
          image: 'ghcr.io/acme/agent',
          tag: '2.1',
          resources: {
            requests: { cpu: 0.5 },
            limits: { 'nvidia.com/gpu': 1 },
          },
          livenessProbe: { httpGet: { port: 8080 } },
          lifecycle: { preStop: { exec: { command: ['sleep', '5'] } } },
          env: [{ name: 'MODE', value: 'x' }],
          ports: [{ name: 'http', containerPort: 8080 }],
          volumeMounts: [{ name: 'logs', mountPath: '/var/log' }],
        },
      ],
      volumes: [{ name: 'logs', hostPath: { path: '/var/log' } }],
      scheduling: {
        nodeSelector: { 'kubernetes.io/os': 'linux' },
        tolerations: [
          { operator: 'Exists' },
          { key: 'gpu', effect: 'NoSchedule' },
        ],
      },
      dns: { policy: 'replace', nameservers: ['10.0.0.10'] },
    });
    expect(summary.containers[0]).toEqual({
      name: 'agent',
      image: 'ghcr.io/acme/agent:2.1',
      requests: 'CPU 0.5',
      limits: 'GPUs 1',
      sections: [
        'Lifecycle hooks (pre-stop)',
        'Liveness probe (HTTP check)',
        'Environment variables: MODE',
        'Ports: http 8080/TCP',
        'Volume mounts: logs at /var/log',
      ],
    });
    expect(summary.pod).toEqual([
      { label: 'Volumes', value: 'logs (host path /var/log)' },
      { label: 'Runs on nodes labelled', value: 'kubernetes.io/os=linux' },
      { label: 'Tolerates', value: 'every taint, gpu (NoSchedule)' },
      { label: 'Host network', value: "uses the node's network" },
      { label: 'DNS', value: 'policy replace; nameservers 10.0.0.10' },
    ]);
  });
});
