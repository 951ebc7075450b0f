import { buildDaemonSetManifests } from '.';
import { baseInput } from '../testUtils';
import type { DaemonSetManifest } from '../types';

function daemonSetOf(input: unknown): DaemonSetManifest {
  return buildDaemonSetManifests(input).daemonSet;
}
function podOf(input: unknown) {
  return daemonSetOf(input).spec.template.spec;
}

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
