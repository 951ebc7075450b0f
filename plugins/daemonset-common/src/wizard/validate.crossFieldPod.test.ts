/* eslint jest/expect-expect: ["warn", { "assertFunctionNames": ["expect", "expectProblem"] }] */
import { validateDaemonSetInput } from './validate';
import { baseInput, Case, expectProblem, withContainer } from './testUtils';

function runCases(cases: Case[]): void {
  it.each(cases)('%s', (_description, input, path, message) => {
    expectProblem(input, path, message);
  });
}

describe('cross-field rules: pod, services and strategy', () => {
  const twoContainers = (a: object, b: object, overrides: object = {}) =>
    baseInput({
      containers: [
        { name: 'a', image: 'nginx', ...a },
        { name: 'b', image: 'busybox', ...b },
      ],
      ...overrides,
    });

  runCases([
    [
      'startup successThreshold is 1',
      withContainer({
        startupProbe: { exec: { command: ['x'] }, successThreshold: 3 },
      }),
      'containers[0].startupProbe.successThreshold',
      'must be 1',
    ],
    [
      'hostPort equals containerPort on the host network',
      withContainer(
        { ports: [{ containerPort: 80, hostPort: 8080 }] },
        { hostNetwork: true },
      ),
      'containers[0].ports[0].hostPort',
      'must equal containerPort when hostNetwork is true',
    ],
    [
      'port names are unique in the pod',
      twoContainers(
        { ports: [{ name: 'http', containerPort: 80 }] },
        { ports: [{ name: 'http', containerPort: 81 }] },
      ),
      'containers[1].ports[0].name',
      'must be unique: port name "http"',
    ],
    [
      'container ports are unique in the pod',
      twoContainers(
        { ports: [{ containerPort: 80 }] },
        { ports: [{ containerPort: 80, protocol: 'TCP' }] },
      ),
      'containers[1].ports[0].containerPort',
      'must be unique: port "80/TCP"',
    ],
    [
      'host ports are unique in the pod',
      twoContainers(
        { ports: [{ containerPort: 80, hostPort: 9000 }] },
        { ports: [{ containerPort: 81, hostPort: 9000 }] },
      ),
      'containers[1].ports[0].hostPort',
      'must be unique: host port "9000/TCP"',
    ],
    [
      'volume names are unique',
      baseInput({
        volumes: [
          { name: 'v', emptyDir: {} },
          { name: 'v', emptyDir: {} },
        ],
      }),
      'volumes[1].name',
      'must be unique: volume name "v"',
    ],
    [
      'the timezone volume name is reserved',
      baseInput({
        timezoneSync: true,
        volumes: [{ name: 'host-localtime', emptyDir: {} }],
      }),
      'volumes[0].name',
      'is reserved: the generator adds a volume "host-localtime" for timezoneSync',
    ],
    [
      'log volume names are reserved',
      withContainer(
        { logPaths: ['/logs'] },
        { volumes: [{ name: 'log-path-0', emptyDir: {} }] },
      ),
      'volumes[0].name',
      'is reserved',
    ],
    [
      'instrumented containers exist',
      baseInput({
        instrumentation: { language: 'java', containerNames: ['app'] },
      }),
      'instrumentation.containerNames[0]',
      'must name a container of the pod',
    ],
    [
      'service names are unique',
      baseInput({
        services: [
          { name: 's', ports: [{ port: 80 }] },
          { name: 's', ports: [{ port: 81 }] },
        ],
      }),
      'services[1].name',
      'must be unique: service name "s"',
    ],
    [
      'multi-port services name their ports',
      baseInput({
        services: [
          { name: 's', ports: [{ name: 'a', port: 80 }, { port: 81 }] },
        ],
      }),
      'services[0].ports[1].name',
      'is required when a service has more than one port',
    ],
    [
      'service port names are unique',
      baseInput({
        services: [
          {
            name: 's',
            ports: [
              { name: 'a', port: 80 },
              { name: 'a', port: 81 },
            ],
          },
        ],
      }),
      'services[0].ports[1].name',
      'must be unique: port name "a"',
    ],
    [
      'service ports are unique',
      baseInput({
        services: [
          {
            name: 's',
            ports: [
              { name: 'a', port: 80 },
              { name: 'b', port: 80 },
            ],
          },
        ],
      }),
      'services[0].ports[1].port',
      'must be unique: port "80/TCP"',
    ],
    [
      'nodePort needs NodePort or LoadBalancer',
      baseInput({
        services: [{ name: 's', ports: [{ port: 80, nodePort: 30080 }] }],
      }),
      'services[0].ports[0].nodePort',
      'may only be set for NodePort and LoadBalancer services (type is ClusterIP)',
    ],
    [
      'headless services take no nodePort',
      baseInput({
        services: [
          {
            name: 's',
            type: 'Headless',
            ports: [{ port: 80, nodePort: 30080 }],
          },
        ],
      }),
      'services[0].ports[0].nodePort',
      '(type is Headless)',
    ],
    [
      'nodePorts are unique',
      baseInput({
        services: [
          {
            name: 'a',
            type: 'NodePort',
            ports: [{ port: 80, nodePort: 30080 }],
          },
          {
            name: 'b',
            type: 'LoadBalancer',
            ports: [{ port: 81, nodePort: 30080 }],
          },
        ],
      }),
      'services[1].ports[0].nodePort',
      'must be unique: node port "30080/TCP"',
    ],
    [
      'named targetPorts exist',
      withContainer(
        { ports: [{ name: 'http', containerPort: 80 }] },
        {
          services: [{ name: 's', ports: [{ port: 80, targetPort: 'https' }] }],
        },
      ),
      'services[0].ports[0].targetPort',
      'must name a declared container port; "https" is not declared (http)',
    ],
    [
      'OnDelete takes no maxUnavailable',
      baseInput({ updateStrategy: { type: 'OnDelete', maxUnavailable: 1 } }),
      'updateStrategy.maxUnavailable',
      'may only be set when type is RollingUpdate',
    ],
    [
      'OnDelete takes no maxSurge',
      baseInput({ updateStrategy: { type: 'OnDelete', maxSurge: 1 } }),
      'updateStrategy.maxSurge',
      'may only be set when type is RollingUpdate',
    ],
    [
      'maxUnavailable and maxSurge are not both 0',
      baseInput({ updateStrategy: { maxUnavailable: 0, maxSurge: '0%' } }),
      'updateStrategy.maxUnavailable',
      'maxUnavailable and maxSurge cannot both be 0',
    ],
    [
      'maxUnavailable 0 needs a surge',
      baseInput({ updateStrategy: { maxUnavailable: '0%' } }),
      'updateStrategy.maxUnavailable',
      'cannot both be 0',
    ],
  ]);

  it('accepts maxUnavailable 0 with a surge, and an image carrying the same tag', () => {
    expect(
      validateDaemonSetInput(
        baseInput({ updateStrategy: { maxUnavailable: 0, maxSurge: 1 } }),
      ),
    ).toEqual([]);
    expect(
      validateDaemonSetInput(
        withContainer({ image: 'nginx:1.27', tag: '1.27' }),
      ),
    ).toEqual([]);
  });

  it('accepts requests equal to limits and extended requests equal to limits', () => {
    expect(
      validateDaemonSetInput(
        withContainer({
          resources: {
            requests: {
              cpu: '500m',
              memory: '1Gi',
              'huawei.com/ascend-310': 1,
            },
            limits: {
              cpu: 0.5,
              memory: 1073741824,
              'huawei.com/ascend-310': '1',
            },
          },
        }),
      ),
    ).toEqual([]);
  });
});
