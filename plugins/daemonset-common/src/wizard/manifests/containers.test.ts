import { buildDaemonSetManifests } from '.';
import { baseInput, withContainer } from '../testUtils';
import type { ContainerManifest, DaemonSetManifest } from '../types';

function daemonSetOf(input: unknown): DaemonSetManifest {
  return buildDaemonSetManifests(input).daemonSet;
}
function podOf(input: unknown) {
  return daemonSetOf(input).spec.template.spec;
}
function containerOf(input: unknown, index = 0): ContainerManifest {
  return podOf(input).containers[index];
}

describe('buildDaemonSetManifests: containers', () => {
  it('joins image and tag, and keeps an image that already carries the same tag', () => {
    expect(
      containerOf(withContainer({ image: 'nginx', tag: '1.27' })).image,
    ).toBe('nginx:1.27');
    expect(
      containerOf(withContainer({ image: 'nginx:1.27', tag: '1.27' })).image,
    ).toBe('nginx:1.27');
    expect(
      containerOf(withContainer({ image: 'nginx', tag: undefined })).image,
    ).toBe('nginx');
    const digest = `busybox@sha256:${'a'.repeat(64)}`;
    expect(
      containerOf(withContainer({ image: digest, tag: undefined })).image,
    ).toBe(digest);
  });

  it('maps imagePullPolicy, command and args', () => {
    const c = containerOf(
      withContainer({
        imagePullPolicy: 'Always',
        command: ['/bin/agent'],
        args: ['--v=2'],
      }),
    );
    expect(c.imagePullPolicy).toBe('Always');
    expect(c.command).toEqual(['/bin/agent']);
    expect(c.args).toEqual(['--v=2']);
  });

  it('maps privileged and runAsUser to securityContext', () => {
    expect(
      containerOf(withContainer({ privileged: true, runAsUser: 0 }))
        .securityContext,
    ).toEqual({
      privileged: true,
      runAsUser: 0,
    });
    expect(
      containerOf(withContainer({ runAsUser: 1000 })).securityContext,
    ).toEqual({
      runAsUser: 1000,
    });
    expect(containerOf(baseInput()).securityContext).toBeUndefined();
  });

  it('defaults requests to 250m CPU and 512Mi memory', () => {
    expect(containerOf(baseInput()).resources).toEqual({
      requests: { cpu: '250m', memory: '512Mi' },
    });
  });

  it('normalises numbers and strings to canonical quantities', () => {
    const c = containerOf(
      withContainer({
        resources: {
          requests: { cpu: 0.5, memory: 268435456 },
          limits: { cpu: '1000m', memory: '1.5Gi', 'ephemeral-storage': '2G' },
        },
      }),
    );
    expect(c.resources).toEqual({
      requests: { cpu: '500m', memory: '256Mi' },
      limits: { cpu: '1', memory: '1536Mi', 'ephemeral-storage': '2G' },
    });
  });

  it('defaults a request to a smaller limit rather than exceeding it', () => {
    const c = containerOf(
      withContainer({ resources: { limits: { cpu: '100m', memory: '1Gi' } } }),
    );
    expect(c.resources.requests).toEqual({ cpu: '100m', memory: '512Mi' });
  });

  it('maps extended resources as integers, after cpu and memory', () => {
    const c = containerOf(
      withContainer({
        resources: { limits: { 'huawei.com/ascend-310': 2, cpu: 2 } },
      }),
    );
    expect(Object.keys(c.resources.limits!)).toEqual([
      'cpu',
      'huawei.com/ascend-310',
    ]);
    expect(c.resources.limits!['huawei.com/ascend-310']).toBe('2');
  });

  it('maps gpu to an nvidia.com/gpu limit and a node selector on the model', () => {
    const input = withContainer({
      gpu: { model: 'NVIDIA-A100-SXM4-40GB', count: 2 },
    });
    expect(containerOf(input).resources.limits).toEqual({
      'nvidia.com/gpu': '2',
    });
    expect(podOf(input).nodeSelector).toEqual({
      'nvidia.com/gpu.product': 'NVIDIA-A100-SXM4-40GB',
    });
    expect(
      podOf(withContainer({ gpu: { count: 1 } })).nodeSelector,
    ).toBeUndefined();
  });

  it('maps lifecycle hooks', () => {
    const lifecycle = {
      postStart: { exec: { command: ['sh', '-c', 'echo started'] } },
      preStop: {
        httpGet: { path: '/drain', port: 8080, scheme: 'HTTP' as const },
      },
    };
    expect(containerOf(withContainer({ lifecycle })).lifecycle).toEqual(
      lifecycle,
    );
  });

  it('maps liveness, readiness and startup probes in Kubernetes shape', () => {
    const input = withContainer({
      ports: [{ name: 'http', containerPort: 8080 }],
      livenessProbe: {
        httpGet: { path: '/healthz', port: 'http' },
        periodSeconds: 10,
      },
      readinessProbe: {
        tcpSocket: { port: 8080 },
        initialDelaySeconds: 5,
        successThreshold: 2,
      },
      startupProbe: {
        exec: { command: ['cat', '/ready'] },
        failureThreshold: 30,
      },
    });
    const c = containerOf(input);
    expect(c.livenessProbe).toEqual({
      httpGet: { path: '/healthz', port: 'http' },
      periodSeconds: 10,
    });
    expect(c.readinessProbe).toEqual({
      tcpSocket: { port: 8080 },
      initialDelaySeconds: 5,
      successThreshold: 2,
    });
    expect(c.startupProbe).toEqual({
      exec: { command: ['cat', '/ready'] },
      failureThreshold: 30,
    });
    expect(
      containerOf(
        withContainer({
          livenessProbe: { grpc: { port: 9090 }, timeoutSeconds: 2 },
        }),
      ).livenessProbe,
    ).toEqual({ grpc: { port: 9090 }, timeoutSeconds: 2 });
  });

  it('maps env values and references', () => {
    const c = containerOf(
      withContainer({
        env: [
          { name: 'LEVEL', value: 'debug' },
          {
            name: 'TOKEN',
            secretKeyRef: { name: 'agent-token', key: 'token' },
          },
          {
            name: 'MODE',
            configMapKeyRef: {
              name: 'agent-config',
              key: 'mode',
              optional: true,
            },
          },
          { name: 'NODE_NAME', fieldRef: { fieldPath: 'spec.nodeName' } },
        ],
      }),
    );
    expect(c.env).toEqual([
      { name: 'LEVEL', value: 'debug' },
      {
        name: 'TOKEN',
        valueFrom: { secretKeyRef: { name: 'agent-token', key: 'token' } },
      },
      {
        name: 'MODE',
        valueFrom: {
          configMapKeyRef: {
            name: 'agent-config',
            key: 'mode',
            optional: true,
          },
        },
      },
      {
        name: 'NODE_NAME',
        valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } },
      },
    ]);
  });

  it('maps ports with TCP as the default protocol', () => {
    const c = containerOf(
      withContainer({
        ports: [
          { name: 'metrics', containerPort: 9100, hostPort: 9100 },
          { containerPort: 8125, protocol: 'UDP' },
        ],
      }),
    );
    expect(c.ports).toEqual([
      { name: 'metrics', containerPort: 9100, protocol: 'TCP', hostPort: 9100 },
      { containerPort: 8125, protocol: 'UDP' },
    ]);
  });
});
