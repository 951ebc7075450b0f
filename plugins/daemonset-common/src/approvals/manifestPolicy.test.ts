import { defaultApprovalPolicy, parseApprovalPolicy } from '../wizard/policy';
import { evaluateManifestPolicy } from './manifestPolicy';

function daemonSet(
  namespace: string,
  pod: Record<string, unknown>,
): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace },
    spec: { template: { spec: pod } },
  };
}

const plainPod = {
  containers: [{ name: 'agent', image: 'ghcr.io/acme/agent:1' }],
};

describe('evaluateManifestPolicy', () => {
  it('finds nothing in a plain DaemonSet', () => {
    const outcome = evaluateManifestPolicy(
      [daemonSet('apps', plainPod)],
      defaultApprovalPolicy,
    );
    expect(outcome).toEqual({
      findings: [],
      denied: [],
      approvalReasons: [],
      requiredApprovals: 0,
    });
  });

  it('tells approval reasons from denials', () => {
    const outcome = evaluateManifestPolicy(
      [
        daemonSet('kube-system', {
          containers: [
            {
              name: 'agent',
              image: 'x',
              securityContext: { privileged: true },
            },
          ],
        }),
      ],
      defaultApprovalPolicy,
    );
    expect(outcome.denied.map(f => f.rule)).toEqual(['protectedNamespaces']);
    expect(outcome.approvalReasons).toEqual([
      {
        rule: 'privileged',
        decision: 'requireApproval',
        message:
          'DaemonSet kube-system/agent container agent is privileged (daemonset.policy.privileged: requireApproval)',
      },
    ]);
    expect(outcome.requiredApprovals).toBe(1);
  });

  it('takes the highest required approvals among the rules met', () => {
    const policy = parseApprovalPolicy({
      requiredApprovals: 1,
      protectedNamespaces: {
        decision: 'requireApproval',
        requiredApprovals: 2,
      },
    });
    expect(
      evaluateManifestPolicy([daemonSet('kube-system', plainPod)], policy)
        .requiredApprovals,
    ).toBe(2);
    expect(
      evaluateManifestPolicy(
        [daemonSet('apps', { ...plainPod, hostNetwork: true })],
        policy,
      ).requiredApprovals,
    ).toBe(1);
    expect(
      evaluateManifestPolicy(
        [daemonSet('apps', { ...plainPod, hostNetwork: true })],
        parseApprovalPolicy({ requiredApprovals: 3 }),
      ).requiredApprovals,
    ).toBe(3);
  });

  it('does not let .. escape an allowed hostPath prefix', () => {
    const pod = (path: string) => ({
      ...plainPod,
      volumes: [{ name: 'logs', hostPath: { path } }],
    });
    const rules = (path: string) =>
      evaluateManifestPolicy(
        [daemonSet('apps', pod(path))],
        defaultApprovalPolicy,
      ).findings.map(f => f.rule);
    expect(rules('/var/log/app')).toEqual([]);
    expect(rules('/var//log/./app/')).toEqual([]);
    expect(rules('/var/log/../../etc/shadow')).toEqual(['hostPath']);
    expect(rules('/var/logs')).toEqual(['hostPath']);
  });

  it('checks images against the allowed registries', () => {
    const policy = parseApprovalPolicy({
      allowedRegistries: { decision: 'deny', registries: ['ghcr.io/acme'] },
    });
    expect(
      evaluateManifestPolicy([daemonSet('apps', plainPod)], policy).findings,
    ).toEqual([]);
    expect(
      evaluateManifestPolicy(
        [
          daemonSet('apps', {
            containers: [{ name: 'agent', image: 'docker.io/evil/agent:1' }],
          }),
        ],
        policy,
      ).denied.map(f => f.rule),
    ).toEqual(['allowedRegistries']);
  });

  it('rejects an invalid requiredApprovals in the policy, naming the key', () => {
    expect(() => parseApprovalPolicy({ requiredApprovals: 0 })).toThrow(
      /daemonset\.policy\.requiredApprovals/,
    );
    expect(() =>
      parseApprovalPolicy({ protectedNamespaces: { requiredApprovals: 1.5 } }),
    ).toThrow(/daemonset\.policy\.protectedNamespaces\.requiredApprovals/);
  });
});
