import { load, loadAll } from 'js-yaml';
import { buildDaemonSetManifests } from './build';
import { baseInput, withContainer } from './testUtils';
import type { ContainerManifest, DaemonSetManifest } from './types';

function daemonSetOf(input: unknown): DaemonSetManifest {
  return buildDaemonSetManifests(input).daemonSet;
}
function podOf(input: unknown) {
  return daemonSetOf(input).spec.template.spec;
}
function containerOf(input: unknown, index = 0): ContainerManifest {
  return podOf(input).containers[index];
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

describe('buildDaemonSetManifests: volumes', () => {
  it('maps every volume source and the mounts', () => {
    const volumes = [
      {
        name: 'varlog',
        hostPath: { path: '/var/log', type: 'Directory' as const },
      },
      {
        name: 'scratch',
        emptyDir: { medium: 'Memory' as const, sizeLimit: 0.5 * 1024 ** 3 },
      },
      {
        name: 'config',
        configMap: {
          name: 'agent-config',
          items: [{ key: 'a', path: 'a.yaml' }],
        },
      },
      {
        name: 'certs',
        secret: { secretName: 'agent-certs', defaultMode: 0o400 },
      },
      {
        name: 'state',
        persistentVolumeClaim: { claimName: 'agent-state', readOnly: true },
      },
    ];
    const input = withContainer(
      {
        volumeMounts: [
          { name: 'varlog', mountPath: '/host/var/log', readOnly: true },
          { name: 'config', mountPath: '/etc/agent', subPath: 'conf' },
        ],
      },
      { volumes },
    );
    const pod = podOf(input);
    expect(pod.volumes).toEqual([
      volumes[0],
      { name: 'scratch', emptyDir: { medium: 'Memory', sizeLimit: '512Mi' } },
      volumes[2],
      volumes[3],
      volumes[4],
    ]);
    expect(pod.containers[0].volumeMounts).toEqual([
      { name: 'varlog', mountPath: '/host/var/log', readOnly: true },
      { name: 'config', mountPath: '/etc/agent', subPath: 'conf' },
    ]);
  });

  it('maps imagePullSecrets', () => {
    expect(
      podOf(baseInput({ imagePullSecrets: ['regcred'] })).imagePullSecrets,
    ).toEqual([{ name: 'regcred' }]);
  });

  it('mounts /etc/localtime read-only into every container for timezoneSync', () => {
    const input = baseInput({
      timezoneSync: true,
      containers: [
        { name: 'a', image: 'nginx' },
        { name: 'b', image: 'busybox' },
      ],
    });
    const pod = podOf(input);
    expect(pod.volumes).toEqual([
      {
        name: 'host-localtime',
        hostPath: { path: '/etc/localtime', type: 'File' },
      },
    ]);
    for (const container of pod.containers) {
      expect(container.volumeMounts).toEqual([
        { name: 'host-localtime', mountPath: '/etc/localtime', readOnly: true },
      ]);
    }
  });

  it('gives each log path an emptyDir mounted there and lists them in an annotation', () => {
    const input = baseInput({
      containers: [
        {
          name: 'a',
          image: 'nginx',
          logPaths: ['/var/log/nginx', '/tmp/logs'],
        },
        { name: 'b', image: 'busybox', logPaths: ['/logs'] },
      ],
    });
    const ds = daemonSetOf(input);
    const pod = ds.spec.template.spec;
    expect(pod.volumes).toEqual([
      { name: 'log-path-0', emptyDir: {} },
      { name: 'log-path-1', emptyDir: {} },
      { name: 'log-path-2', emptyDir: {} },
    ]);
    expect(pod.containers[0].volumeMounts).toEqual([
      { name: 'log-path-0', mountPath: '/var/log/nginx' },
      { name: 'log-path-1', mountPath: '/tmp/logs' },
    ]);
    expect(pod.containers[1].volumeMounts).toEqual([
      { name: 'log-path-2', mountPath: '/logs' },
    ]);
    expect(
      JSON.parse(
        ds.spec.template.metadata.annotations!['daemonsets.dev/log-paths'],
      ),
    ).toEqual([
      { container: 'a', path: '/var/log/nginx', volume: 'log-path-0' },
      { container: 'a', path: '/tmp/logs', volume: 'log-path-1' },
      { container: 'b', path: '/logs', volume: 'log-path-2' },
    ]);
  });
});

describe('buildDaemonSetManifests: services', () => {
  it('builds one Service per entry, selecting the pods', () => {
    const input = withContainer(
      { ports: [{ name: 'http', containerPort: 8080 }] },
      {
        cluster: 'prod',
        services: [
          { name: 'agent', ports: [{ port: 80, targetPort: 'http' }] },
          {
            name: 'agent-np',
            type: 'NodePort',
            ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }],
          },
          {
            name: 'agent-lb',
            type: 'LoadBalancer',
            ports: [{ port: 443, targetPort: 8080 }],
          },
          { name: 'agent-headless', type: 'Headless', ports: [{ port: 8080 }] },
        ],
      },
    );
    const result = buildDaemonSetManifests(input);
    expect(result.objects.map(o => o.kind)).toEqual([
      'DaemonSet',
      'Service',
      'Service',
      'Service',
      'Service',
    ]);
    const [clusterIp, nodePort, lb, headless] = result.services;
    expect(clusterIp).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'agent',
        namespace: 'default',
        labels: result.daemonSet.metadata.labels,
        annotations: { 'daemonsets.dev/cluster': 'prod' },
      },
      spec: {
        type: 'ClusterIP',
        selector: { app: 'agent' },
        ports: [{ port: 80, targetPort: 'http', protocol: 'TCP' }],
      },
    });
    expect(nodePort.spec).toEqual({
      type: 'NodePort',
      selector: { app: 'agent' },
      ports: [{ port: 80, targetPort: 80, protocol: 'TCP', nodePort: 30080 }],
    });
    expect(lb.spec.type).toBe('LoadBalancer');
    expect(lb.spec.ports[0].targetPort).toBe(8080);
    expect(headless.spec).toEqual({
      type: 'ClusterIP',
      clusterIP: 'None',
      selector: { app: 'agent' },
      ports: [{ port: 8080, targetPort: 8080, protocol: 'TCP' }],
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

describe('buildDaemonSetManifests: scheduling', () => {
  const nodeAffinity = {
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
    preferredDuringSchedulingIgnoredDuringExecution: [
      {
        weight: 50,
        preference: {
          matchExpressions: [{ key: 'ssd', operator: 'Exists' as const }],
        },
      },
    ],
  };
  const podAntiAffinity = {
    preferredDuringSchedulingIgnoredDuringExecution: [
      {
        weight: 10,
        podAffinityTerm: {
          labelSelector: { matchLabels: { app: 'other' } },
          topologyKey: 'kubernetes.io/hostname',
        },
      },
    ],
  };
  const podAffinity = {
    requiredDuringSchedulingIgnoredDuringExecution: [
      {
        labelSelector: {
          matchExpressions: [
            { key: 'tier', operator: 'In' as const, values: ['db'] },
          ],
        },
        topologyKey: 'topology.kubernetes.io/zone',
      },
    ],
  };

  it('maps nodeSelector, affinities, tolerations and priorityClassName', () => {
    const tolerations = [
      {
        key: 'node-role.kubernetes.io/control-plane',
        operator: 'Exists' as const,
        effect: 'NoSchedule' as const,
      },
      {
        key: 'dedicated',
        operator: 'Equal' as const,
        value: 'logging',
        effect: 'NoExecute' as const,
        tolerationSeconds: 300,
      },
      { operator: 'Exists' as const },
    ];
    const pod = podOf(
      baseInput({
        scheduling: {
          nodeSelector: { 'kubernetes.io/os': 'linux', disk: 'ssd' },
          nodeAffinity,
          podAffinity,
          podAntiAffinity,
          tolerations,
          priorityClassName: 'system-node-critical',
        },
      }),
    );
    expect(Object.entries(pod.nodeSelector!)).toEqual([
      ['disk', 'ssd'],
      ['kubernetes.io/os', 'linux'],
    ]);
    expect(pod.affinity).toEqual({
      nodeAffinity,
      podAffinity,
      podAntiAffinity,
    });
    expect(pod.tolerations).toEqual(tolerations);
    expect(pod.priorityClassName).toBe('system-node-critical');
  });

  it('adds the virtual-kubelet toleration for serverless bursting, once', () => {
    const toleration = {
      key: 'virtual-kubelet.io/provider',
      operator: 'Exists',
      effect: 'NoSchedule',
    };
    expect(podOf(baseInput({ serverlessBursting: true })).tolerations).toEqual([
      toleration,
    ]);
    expect(
      podOf(
        baseInput({
          serverlessBursting: true,
          scheduling: { tolerations: [toleration as never] },
        }),
      ).tolerations,
    ).toEqual([toleration]);
    expect(podOf(baseInput()).tolerations).toBeUndefined();
  });

  it('maps hostNetwork with ClusterFirstWithHostNet DNS', () => {
    const pod = podOf(baseInput({ hostNetwork: true }));
    expect(pod.hostNetwork).toBe(true);
    expect(pod.dnsPolicy).toBe('ClusterFirstWithHostNet');
    expect(podOf(baseInput()).hostNetwork).toBeUndefined();
  });
});

describe('buildDaemonSetManifests: DNS', () => {
  it('append: ClusterFirst plus dnsConfig', () => {
    const pod = podOf(
      baseInput({
        dns: {
          policy: 'append',
          nameservers: ['10.0.0.10'],
          searches: ['corp.example.com'],
          timeout: 2,
          ndots: 3,
        },
      }),
    );
    expect(pod.dnsPolicy).toBe('ClusterFirst');
    expect(pod.dnsConfig).toEqual({
      nameservers: ['10.0.0.10'],
      searches: ['corp.example.com'],
      options: [
        { name: 'ndots', value: '3' },
        { name: 'timeout', value: '2' },
      ],
    });
  });

  it('append on the host network uses ClusterFirstWithHostNet', () => {
    expect(
      podOf(baseInput({ hostNetwork: true, dns: { ndots: 2 } })).dnsPolicy,
    ).toBe('ClusterFirstWithHostNet');
  });

  it('replace: None plus dnsConfig', () => {
    const pod = podOf(
      baseInput({
        dns: {
          policy: 'replace',
          nameservers: ['1.1.1.1', '2001:4860:4860::8888'],
        },
      }),
    );
    expect(pod.dnsPolicy).toBe('None');
    expect(pod.dnsConfig).toEqual({
      nameservers: ['1.1.1.1', '2001:4860:4860::8888'],
    });
  });

  it('inherit: Default', () => {
    const pod = podOf(baseInput({ dns: { policy: 'inherit' } }));
    expect(pod.dnsPolicy).toBe('Default');
    expect(pod.dnsConfig).toBeUndefined();
  });
});

describe('buildDaemonSetManifests: pod annotations', () => {
  it('maps network attachments, comma-joined', () => {
    const ds = daemonSetOf(
      baseInput({ networkAttachments: ['macvlan-conf', 'infra/sriov@eth1'] }),
    );
    expect(ds.spec.template.metadata.annotations).toEqual({
      'k8s.v1.cni.cncf.io/networks': 'macvlan-conf,infra/sriov@eth1',
    });
  });

  it('maps metrics to Prometheus scrape annotations with defaults', () => {
    expect(
      daemonSetOf(baseInput({ metrics: { port: 9100 } })).spec.template.metadata
        .annotations,
    ).toEqual({
      'prometheus.io/scrape': 'true',
      'prometheus.io/port': '9100',
      'prometheus.io/path': '/metrics',
      'prometheus.io/scheme': 'http',
    });
    expect(
      daemonSetOf(
        baseInput({ metrics: { port: 8443, path: '/stats', scheme: 'https' } }),
      ).spec.template.metadata.annotations,
    ).toMatchObject({
      'prometheus.io/path': '/stats',
      'prometheus.io/scheme': 'https',
    });
  });

  it('maps instrumentation to the OpenTelemetry inject annotation', () => {
    const annotations = (input: unknown) =>
      daemonSetOf(input).spec.template.metadata.annotations;
    expect(
      annotations(baseInput({ instrumentation: { language: 'java' } })),
    ).toEqual({
      'instrumentation.opentelemetry.io/inject-java': 'true',
    });
    expect(
      annotations(
        baseInput({
          instrumentation: {
            language: 'python',
            instrumentation: 'otel/default',
            containerNames: ['agent'],
          },
        }),
      ),
    ).toEqual({
      'instrumentation.opentelemetry.io/inject-python': 'otel/default',
      'instrumentation.opentelemetry.io/container-names': 'agent',
    });
    expect(
      annotations(
        baseInput({
          instrumentation: { language: 'go', goTargetExecutable: '/bin/agent' },
        }),
      ),
    ).toEqual({
      'instrumentation.opentelemetry.io/inject-go': 'true',
      'instrumentation.opentelemetry.io/otel-go-auto-target-exe': '/bin/agent',
    });
  });

  it('puts generated annotations first and user annotations after, sorted', () => {
    const ds = daemonSetOf(
      baseInput({
        metrics: { port: 9100 },
        annotations: { 'z.io/a': '1', 'a.io/b': '2' },
      }),
    );
    expect(Object.keys(ds.spec.template.metadata.annotations!)).toEqual([
      'prometheus.io/scrape',
      'prometheus.io/port',
      'prometheus.io/path',
      'prometheus.io/scheme',
      'a.io/b',
      'z.io/a',
    ]);
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
    expect(loadAll(result.yaml)).toEqual(result.objects);
    expect(load(result.yaml.split(/^---$/m)[2])).toEqual(result.services[0]);
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
