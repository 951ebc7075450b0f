import fc from 'fast-check';
import type { DaemonSetInput } from '../schema';

/*
 * Generators of valid wizard inputs, shared by the property tests.
 */

/** A wizard input. */
export type Input = DaemonSetInput;
type Container = Input['containers'][number];
type Service = NonNullable<Input['services']>[number];
type Scheduling = NonNullable<Input['scheduling']>;

/** fast-check settings for every property. */
export const RUNS = { numRuns: 100 };

const label = fc.stringMatching(/^[a-z]([a-z0-9-]{0,12}[a-z0-9])?$/);
const namespace = label.filter(n => !n.startsWith('kube-'));
const labelVal = fc.stringMatching(
  /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,10}[A-Za-z0-9])?$/,
);
const labelKey = fc
  .tuple(
    fc.option(fc.constantFrom('example.com/', 'team.acme.io/'), {
      nil: undefined,
    }),
    label,
  )
  .map(([prefix, name]) => `${prefix ?? ''}${name}`)
  .filter(k => k !== 'app');

const image = fc.oneof(
  fc.record({
    image: fc.constantFrom(
      'nginx',
      'ghcr.io/acme/agent',
      'localhost:5000/a/b',
      'quay.io/x/y',
    ),
    tag: fc.option(fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,8}$/), {
      nil: undefined,
    }),
  }),
  fc.constantFrom(
    { image: 'grafana/agent:v1.2' },
    { image: `busybox@sha256:${'d'.repeat(64)}` },
  ),
);

const cpu = fc.integer({ min: 1, max: 8000 });
const asCpu = (milli: number) =>
  fc.constantFrom<number | string>(milli / 1000, `${milli}m`);
const memoryMi = fc.integer({ min: 1, max: 65536 });
const asMemory = (mi: number) =>
  fc.constantFrom<number | string>(
    mi * 1024 * 1024,
    `${mi}Mi`,
    `${mi * 1024}Ki`,
  );

/** Requests never above limits; extended resources whole and equal. */
const resources = fc
  .record({
    cpu: fc.option(
      fc.tuple(cpu, cpu).map(([a, b]) => [Math.min(a, b), Math.max(a, b)]),
      { nil: undefined },
    ),
    memory: fc.option(
      fc
        .tuple(memoryMi, memoryMi)
        .map(([a, b]) => [Math.min(a, b), Math.max(a, b)]),
      { nil: undefined },
    ),
    accelerators: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
  })
  .chain(({ cpu: c, memory: m, accelerators }) =>
    fc.record({
      requests: fc.record({
        ...(c ? { cpu: asCpu(c[0]) } : {}),
        ...(m ? { memory: asMemory(m[0]) } : {}),
        ...(accelerators
          ? { 'huawei.com/ascend-310': fc.constant(accelerators) }
          : {}),
      }),
      limits: fc.record({
        ...(c ? { cpu: asCpu(c[1]) } : {}),
        ...(m ? { memory: asMemory(m[1]) } : {}),
        ...(accelerators
          ? { 'huawei.com/ascend-310': fc.constant(String(accelerators)) }
          : {}),
      }),
    }),
  );

const probe = (portName: string | undefined) =>
  fc
    .oneof(
      fc.record({
        exec: fc.constant<{ command: string[] }>({
          command: ['cat', '/tmp/ready'],
        }),
      }),
      fc.record({
        tcpSocket: fc.record({
          port: portName
            ? fc.constantFrom<number | string>(portName, 8080)
            : fc.constant(8080),
        }),
      }),
      fc.record({
        httpGet: fc.record({
          path: fc.constant('/healthz'),
          port: fc.constant<number | string>(portName ?? 8080),
        }),
      }),
      fc.record({
        grpc: fc.record({ port: fc.integer({ min: 1, max: 65535 }) }),
      }),
    )
    .chain(handler =>
      fc
        .record(
          {
            initialDelaySeconds: fc.integer({ min: 0, max: 60 }),
            periodSeconds: fc.integer({ min: 1, max: 60 }),
            timeoutSeconds: fc.integer({ min: 1, max: 10 }),
            failureThreshold: fc.integer({ min: 1, max: 10 }),
          },
          { requiredKeys: [] },
        )
        .map(timing => ({ ...handler, ...timing })),
    );

const envVar = fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,10}$/).chain(name =>
  fc.oneof(
    fc.record({
      name: fc.constant(name),
      value: fc.string({ maxLength: 10 }),
    }),
    fc.record({
      name: fc.constant(name),
      secretKeyRef: fc.record({
        name: label,
        key: fc.stringMatching(/^[a-z.]{1,8}$/),
      }),
    }),
    fc.record({
      name: fc.constant(name),
      configMapKeyRef: fc.record({
        name: label,
        key: fc.constant('config.yaml'),
      }),
    }),
    fc.record({
      name: fc.constant(name),
      fieldRef: fc.record({
        fieldPath: fc.constantFrom(
          'spec.nodeName',
          'status.hostIP',
          "metadata.labels['app']",
        ),
      }),
    }),
  ),
);

const volumeSource = fc.oneof(
  fc.record({
    hostPath: fc.record({
      path: fc.constantFrom('/var/log', '/var/lib/agent', '/etc/agent'),
      type: fc.constantFrom(
        '' as const,
        'Directory' as const,
        'DirectoryOrCreate' as const,
      ),
    }),
  }),
  fc.record({
    emptyDir: fc.record(
      {
        medium: fc.constantFrom('' as const, 'Memory' as const),
        sizeLimit: fc.constantFrom<number | string>('1Gi', 104857600),
      },
      { requiredKeys: [] },
    ),
  }),
  fc.record({ configMap: fc.record({ name: label }) }),
  fc.record({
    secret: fc.record(
      { secretName: label, defaultMode: fc.constant(0o440) },
      { requiredKeys: ['secretName'] },
    ),
  }),
  fc.record({
    persistentVolumeClaim: fc.record({
      claimName: label,
      readOnly: fc.boolean(),
    }),
  }),
);

const toleration = fc.oneof(
  fc.record({
    key: labelKey,
    operator: fc.constant('Exists' as const),
    effect: fc.constantFrom(
      '' as const,
      'NoSchedule' as const,
      'PreferNoSchedule' as const,
    ),
  }),
  fc.record({
    key: labelKey,
    operator: fc.constant('Equal' as const),
    value: labelVal,
    effect: fc.constant('NoExecute' as const),
    tolerationSeconds: fc.integer({ min: 0, max: 3600 }),
  }),
  fc.constant({ operator: 'Exists' as const }),
);

const dns = fc.oneof(
  fc.record(
    {
      policy: fc.constantFrom('append' as const, 'inherit' as const),
      nameservers: fc.array(fc.ipV4(), { maxLength: 3 }),
      searches: fc.array(fc.domain(), { maxLength: 4 }),
      timeout: fc.integer({ min: 1, max: 30 }),
      ndots: fc.integer({ min: 0, max: 15 }),
    },
    { requiredKeys: [] },
  ),
  fc.record({
    policy: fc.constant('replace' as const),
    nameservers: fc.array(fc.oneof(fc.ipV4(), fc.ipV6()), {
      minLength: 1,
      maxLength: 3,
    }),
  }),
);

const updateStrategy = fc.oneof(
  fc.constant({ type: 'OnDelete' as const }),
  fc.record(
    {
      type: fc.constant('RollingUpdate' as const),
      maxUnavailable: fc.oneof(
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 100 }).map(p => `${p}%`),
      ),
      maxSurge: fc.oneof(fc.integer({ min: 0, max: 10 }), fc.constant('0%')),
    },
    { requiredKeys: [] },
  ),
);

/** A valid input: names, ports and mounts are generated so cross-field rules hold. */
/** Any valid wizard input, with containers, volumes, scheduling, DNS and services. */
export const validInput: fc.Arbitrary<Input> = fc
  .record({
    name: label,
    namespace,
    volumeNames: fc.uniqueArray(
      label.map(n => `v-${n}`),
      { maxLength: 4 },
    ),
    containerNames: fc.uniqueArray(label, { minLength: 1, maxLength: 3 }),
  })
  .chain(({ name, namespace: ns, volumeNames, containerNames }) => {
    const containers = fc.tuple(
      ...containerNames.map((containerName, c) =>
        fc
          .record({
            image,
            portCount: fc.integer({ min: 0, max: 2 }),
            resources: fc.option(resources, { nil: undefined }),
            gpu: fc.option(
              fc.record(
                {
                  count: fc.integer({ min: 1, max: 4 }),
                  model: fc.constant('NVIDIA-A100'),
                },
                { requiredKeys: ['count'] },
              ),
              { nil: undefined },
            ),
            mounted: fc.subarray(volumeNames),
            logPaths: fc.uniqueArray(
              label.map(l => `/logs/${l}`),
              { maxLength: 2 },
            ),
            env: fc.uniqueArray(envVar, {
              selector: e => e.name,
              maxLength: 3,
            }),
            privileged: fc.option(fc.boolean(), { nil: undefined }),
            runAsUser: fc.option(fc.nat(65535), { nil: undefined }),
          })
          .chain(base => {
            const ports = Array.from({ length: base.portCount }, (_, p) => ({
              name: `p${c}x${p}`,
              containerPort: 8000 + c * 10 + p,
            }));
            return fc
              .record({
                livenessProbe: fc.option(probe(ports[0]?.name), {
                  nil: undefined,
                }),
                readinessProbe: fc.option(probe(ports[0]?.name), {
                  nil: undefined,
                }),
              })
              .map(
                (probes): Container => ({
                  name: containerName,
                  ...base.image,
                  ...(base.resources ? { resources: base.resources } : {}),
                  ...(base.gpu ? { gpu: base.gpu } : {}),
                  ...(base.privileged !== undefined
                    ? { privileged: base.privileged }
                    : {}),
                  ...(base.runAsUser !== undefined
                    ? { runAsUser: base.runAsUser }
                    : {}),
                  ...(probes.livenessProbe
                    ? { livenessProbe: probes.livenessProbe }
                    : {}),
                  ...(probes.readinessProbe
                    ? { readinessProbe: probes.readinessProbe }
                    : {}),
                  env: base.env,
                  ports,
                  volumeMounts: base.mounted.map(volume => ({
                    name: volume,
                    mountPath: `/mnt/${volume}`,
                    readOnly: true,
                  })),
                  logPaths: base.logPaths,
                }),
              );
          }),
      ),
    );
    return fc.record({
      name: fc.constant(name),
      namespace: fc.constant(ns),
      cluster: fc.option(label, { nil: undefined }),
      description: fc.option(fc.string({ maxLength: 30 }), { nil: undefined }),
      timezoneSync: fc.boolean(),
      serverlessBursting: fc.boolean(),
      hostNetwork: fc.boolean(),
      labels: fc.dictionary(labelKey, labelVal, { maxKeys: 3 }),
      annotations: fc.dictionary(
        labelKey.map(k => `notes.example.com/${k.replace(/.*\//, '')}`),
        fc.string({ maxLength: 20 }),
        { maxKeys: 2 },
      ),
      containers,
      volumes: fc.tuple(
        ...volumeNames.map(v =>
          volumeSource.map(source => ({ name: v, ...source })),
        ),
      ),
      imagePullSecrets: fc.uniqueArray(label, { maxLength: 2 }),
      updateStrategy: fc.option(updateStrategy, { nil: undefined }),
      minReadySeconds: fc.option(fc.nat(600), { nil: undefined }),
      terminationGracePeriodSeconds: fc.option(fc.nat(600), { nil: undefined }),
      scheduling: fc.record(
        {
          nodeSelector: fc.dictionary(
            labelKey.filter(k => k !== 'nvidia.com/gpu.product'),
            labelVal,
            { maxKeys: 2 },
          ),
          tolerations: fc.array(toleration, { maxLength: 3 }),
          priorityClassName: label,
          nodeAffinity: fc.constant<Scheduling['nodeAffinity']>({
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                {
                  matchExpressions: [
                    {
                      key: 'kubernetes.io/os',
                      operator: 'In' as const,
                      values: ['linux'],
                    },
                  ],
                },
              ],
            },
          }),
        },
        { requiredKeys: [] },
      ),
      dns: fc.option(dns, { nil: undefined }),
      networkAttachments: fc.uniqueArray(label, { maxLength: 2 }),
      metrics: fc.option(
        fc.record({
          port: fc.integer({ min: 1, max: 65535 }),
          path: fc.constant('/metrics'),
        }),
        { nil: undefined },
      ),
      instrumentation: fc.option(
        fc.record({
          language: fc.constantFrom(
            'java' as const,
            'nodejs' as const,
            'python' as const,
            'dotnet' as const,
          ),
        }),
        { nil: undefined },
      ),
    });
  })
  .chain(input => {
    const portNames = input.containers.flatMap(c =>
      (c.ports ?? []).map(p => p.name!),
    );
    const service = (s: number) =>
      fc
        .constantFrom(
          'ClusterIP' as const,
          'NodePort' as const,
          'LoadBalancer' as const,
          'Headless' as const,
        )
        .chain(type =>
          fc.record({
            name: fc.constant(`svc-${s}`),
            type: fc.constant(type),
            ports: fc.constant<Service['ports']>([
              {
                name: 'main',
                port: 80,
                targetPort: portNames.length
                  ? portNames[s % portNames.length]
                  : 8080,
                ...(type === 'NodePort' || type === 'LoadBalancer'
                  ? { nodePort: 30000 + s }
                  : {}),
              },
            ]),
          }),
        );
    return fc
      .integer({ min: 0, max: 3 })
      .chain(count =>
        fc.tuple(...Array.from({ length: count }, (_, s) => service(s))),
      )
      .map(services => ({ ...input, services }));
  });
