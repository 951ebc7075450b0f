/* eslint jest/expect-expect: ["warn", { "assertFunctionNames": ["expect", "expectProblem"] }] */
import { buildDaemonSetManifests } from './manifests';
import { isPathUnder } from './paths';
import { defaultApprovalPolicy, parseApprovalPolicy } from './policy';
import { baseInput, expectProblem, withContainer } from './testUtils';
import { validateDaemonSetInput } from './validate';

describe('parseApprovalPolicy', () => {
  it('returns the defaults when nothing is configured', () => {
    expect(parseApprovalPolicy(undefined)).toEqual(defaultApprovalPolicy);
    expect(parseApprovalPolicy({})).toEqual(defaultApprovalPolicy);
    expect(defaultApprovalPolicy).toEqual({
      privileged: 'requireApproval',
      hostNetwork: 'requireApproval',
      hostPath: {
        decision: 'requireApproval',
        allowedPathPrefixes: ['/etc/localtime', '/var/log'],
      },
      protectedNamespaces: {
        decision: 'deny',
        namespaces: ['kube-system', 'kube-public', 'kube-node-lease'],
      },
      allowedRegistries: { decision: 'deny', registries: [] },
    });
  });

  it('merges configured keys over the defaults', () => {
    const policy = parseApprovalPolicy({
      privileged: 'deny',
      hostPath: { allowedPathPrefixes: ['/var/lib/agent'] },
      allowedRegistries: { registries: ['ghcr.io/acme'] },
    });
    expect(policy.privileged).toBe('deny');
    expect(policy.hostNetwork).toBe('requireApproval');
    expect(policy.hostPath).toEqual({
      decision: 'requireApproval',
      allowedPathPrefixes: ['/var/lib/agent'],
    });
    expect(policy.allowedRegistries).toEqual({
      decision: 'deny',
      registries: ['ghcr.io/acme'],
    });
  });

  it('names every invalid key', () => {
    expect(() =>
      parseApprovalPolicy({
        privileged: 'maybe',
        hostPath: { allowedPathPrefixes: ['var/log'] },
        extra: 1,
      }),
    ).toThrow(
      "Invalid daemonset.policy configuration: daemonset.policy.privileged: must be one of: allow, requireApproval, deny; daemonset.policy.hostPath.allowedPathPrefixes[0]: must be an absolute path (starting with '/') without '..' segments; daemonset.policy.extra: is not a known field of this object",
    );
    expect(() => parseApprovalPolicy('deny')).toThrow(
      'daemonset.policy: must be an object',
    );
  });
});

describe('isPathUnder', () => {
  it('matches whole path segments', () => {
    expect(isPathUnder('/var/log', ['/var/log'])).toBe(true);
    expect(isPathUnder('/var/log/pods/', ['/var/log/'])).toBe(true);
    expect(isPathUnder('/var/logs', ['/var/log'])).toBe(false);
    expect(isPathUnder('//etc//localtime', ['/etc/localtime'])).toBe(true);
    expect(isPathUnder('/anything', ['/'])).toBe(true);
  });
});

describe('approval policy, default', () => {
  it('requires approval for privileged containers, host network and hostPath outside the allow-list', () => {
    const result = buildDaemonSetManifests(
      withContainer(
        { privileged: true },
        {
          hostNetwork: true,
          volumes: [
            { name: 'dev', hostPath: { path: '/dev' } },
            { name: 'logs', hostPath: { path: '/var/log/pods' } },
          ],
        },
      ),
    );
    expect(result.approvalRequired).toBe(true);
    expect(result.approvalReasons).toEqual([
      "hostNetwork: the pods use the node's network, which requires approval (daemonset.policy.hostNetwork)",
      'volumes[0].hostPath.path: volume "dev" mounts the node path /dev, outside the allowed prefixes (/etc/localtime, /var/log), which requires approval (daemonset.policy.hostPath)',
      'containers[0].privileged: container "agent" runs privileged, which requires approval (daemonset.policy.privileged)',
    ]);
  });

  it('needs no approval for time-zone sync or an ordinary workload', () => {
    const result = buildDaemonSetManifests(baseInput({ timezoneSync: true }));
    expect(result.approvalRequired).toBe(false);
    expect(result.approvalReasons).toEqual([]);
  });

  it.each(['kube-system', 'kube-public', 'kube-node-lease'])(
    'denies namespace %s',
    namespace => {
      expectProblem(
        baseInput({ namespace }),
        'namespace',
        `namespace "${namespace}" is protected, which is denied by the platform policy (daemonset.policy.protectedNamespaces)`,
      );
    },
  );

  it('allows every registry', () => {
    expect(
      validateDaemonSetInput(withContainer({ image: 'quay.io/x/y' })),
    ).toEqual([]);
  });
});

describe('approval policy, configured', () => {
  it('denies privileged containers at the field', () => {
    expectProblem(
      withContainer({ privileged: true }),
      'containers[0].privileged',
      'container "agent" runs privileged, which is denied by the platform policy (daemonset.policy.privileged)',
      parseApprovalPolicy({ privileged: 'deny' }),
    );
  });

  it('denies the host network', () => {
    expectProblem(
      baseInput({ hostNetwork: true }),
      'hostNetwork',
      'denied by the platform policy (daemonset.policy.hostNetwork)',
      parseApprovalPolicy({ hostNetwork: 'deny' }),
    );
  });

  it('denies hostPath volumes outside the prefixes, including time-zone sync', () => {
    const policy = parseApprovalPolicy({
      hostPath: { decision: 'deny', allowedPathPrefixes: ['/var/log'] },
    });
    expectProblem(
      baseInput({ volumes: [{ name: 'root', hostPath: { path: '/' } }] }),
      'volumes[0].hostPath.path',
      'volume "root" mounts the node path /, outside the allowed prefixes (/var/log), which is denied by the platform policy (daemonset.policy.hostPath)',
      policy,
    );
    expectProblem(
      baseInput({ timezoneSync: true }),
      'timezoneSync',
      'daemonset.policy.hostPath',
      policy,
    );
  });

  it('applies the registry allow-list per container', () => {
    const policy = parseApprovalPolicy({
      allowedRegistries: {
        registries: ['ghcr.io/acme'],
        decision: 'requireApproval',
      },
    });
    const result = buildDaemonSetManifests(
      baseInput({
        containers: [
          { name: 'a', image: 'ghcr.io/acme/agent' },
          { name: 'b', image: 'busybox' },
        ],
      }),
      policy,
    );
    expect(result.approvalReasons).toEqual([
      'containers[1].image: container "b" uses image docker.io/library/busybox from outside the allowed registries (ghcr.io/acme), which requires approval (daemonset.policy.allowedRegistries)',
    ]);
    expectProblem(
      withContainer({ image: 'busybox' }),
      'containers[0].image',
      'from outside the allowed registries (ghcr.io/acme), which is denied by the platform policy (daemonset.policy.allowedRegistries)',
      parseApprovalPolicy({
        allowedRegistries: { registries: ['ghcr.io/acme'] },
      }),
    );
  });

  it('lets everything through when set to allow', () => {
    const policy = parseApprovalPolicy({
      privileged: 'allow',
      hostNetwork: 'allow',
      hostPath: { decision: 'allow' },
      protectedNamespaces: { decision: 'allow' },
    });
    const result = buildDaemonSetManifests(
      withContainer(
        { privileged: true },
        {
          namespace: 'kube-system',
          hostNetwork: true,
          volumes: [{ name: 'dev', hostPath: { path: '/dev' } }],
        },
      ),
      policy,
    );
    expect(result.approvalRequired).toBe(false);
  });

  it('protects configured namespaces with the configured decision', () => {
    const policy = parseApprovalPolicy({
      protectedNamespaces: {
        namespaces: ['infra'],
        decision: 'requireApproval',
      },
    });
    expect(
      validateDaemonSetInput(baseInput({ namespace: 'kube-system' }), policy),
    ).toEqual([]);
    expect(
      buildDaemonSetManifests(baseInput({ namespace: 'infra' }), policy)
        .approvalReasons,
    ).toEqual([
      'namespace: namespace "infra" is protected, which requires approval (daemonset.policy.protectedNamespaces)',
    ]);
  });
});
