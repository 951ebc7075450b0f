import { eligibilityChecker } from '../status/eligibility';
import { KubeDaemonSet, KubeNode, KubeTaint } from '../status/kubernetes';
import { makeNode } from '../status/__fixtures__/kube';
import { buildDaemonSetManifests } from '../wizard/manifests';
import {
  DEFAULT_REQUESTS,
  GPU_PRODUCT_LABEL,
} from '../wizard/manifests/resources';
import { VIRTUAL_KUBELET_TOLERATION } from '../wizard/manifests/podSpec';
import {
  exclusionKindOf,
  MAX_EXCLUSION_GROUPS,
  parsePlacementInput,
  PlacementInput,
  placementPodSpec,
  previewPlacement,
} from './placement';

const MI = 1024 * 1024;

function parse(raw: unknown): PlacementInput {
  const { input, problems } = parsePlacementInput(raw);
  expect(problems).toEqual([]);
  return input!;
}

const gpuTaint: KubeTaint = {
  key: 'nvidia.com/gpu',
  value: 'present',
  effect: 'NoSchedule',
};
const notReadyTaint: KubeTaint = {
  key: 'node.kubernetes.io/not-ready',
  effect: 'NoSchedule',
};

/** A small fleet shaped like the local cluster's. */
function fleet(): KubeNode[] {
  return [
    makeNode('general-1', { labels: { disktype: 'ssd' } }),
    makeNode('general-2', { labels: { disktype: 'hdd' } }),
    makeNode('general-3'),
    makeNode('cordoned', {
      labels: { disktype: 'ssd' },
      unschedulable: true,
      taints: [
        { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' },
      ],
    }),
    makeNode('not-ready', { ready: false, taints: [notReadyTaint] }),
    makeNode('gpu-a100', {
      labels: { [GPU_PRODUCT_LABEL]: 'A100', disktype: 'ssd' },
      taints: [gpuTaint],
    }),
    makeNode('gpu-t4', {
      labels: { [GPU_PRODUCT_LABEL]: 'T4' },
      taints: [gpuTaint],
    }),
    makeNode('virtual', {
      taints: [
        {
          key: 'virtual-kubelet.io/provider',
          value: 'acme',
          effect: 'NoSchedule',
        },
      ],
    }),
  ];
}

describe('parsePlacementInput', () => {
  it('reads an incomplete form, ignoring the fields placement does not need', () => {
    const { input, problems } = parsePlacementInput({
      name: 'Not A Valid Name',
      containers: [{ name: 'agent' /* no image yet */ }],
      services: [{ broken: true }],
      scheduling: {
        priorityClassName: '!!',
        nodeSelector: { disktype: 'ssd' },
      },
    });
    expect(problems).toEqual([]);
    expect(input).toEqual({
      hostNetwork: false,
      serverlessBursting: false,
      scheduling: { nodeSelector: { disktype: 'ssd' } },
      containers: [{}],
    });
  });

  it('treats an empty form and untouched sections as absent', () => {
    expect(parse(undefined)).toEqual(parse({}));
    expect(
      parse({ scheduling: { tolerations: [{}], nodeSelector: {} } }),
    ).toEqual(parse({}));
  });

  it('names the field at fault as the generator does', () => {
    const { input, problems } = parsePlacementInput({
      scheduling: { tolerations: [{ key: 'a', operator: 'Maybe' }] },
      containers: [{ resources: { requests: { cpu: 'lots' } } }],
    });
    expect(input).toBeUndefined();
    expect(problems.map(p => p.path).sort()).toEqual([
      'containers[0].resources.requests.cpu',
      'scheduling.tolerations[0].operator',
    ]);
  });
});

describe('placementPodSpec', () => {
  it('is the scheduling part of the pod template the generator builds', () => {
    const form = {
      name: 'agent',
      serverlessBursting: true,
      hostNetwork: true,
      containers: [
        {
          name: 'agent',
          image: 'ghcr.io/acme/agent:1',
          gpu: { model: 'A100', count: 1 },
        },
      ],
      scheduling: {
        nodeSelector: { disktype: 'ssd' },
        tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists' }],
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              {
                matchExpressions: [
                  { key: 'zone', operator: 'In', values: ['a'] },
                ],
              },
            ],
          },
        },
      },
    };
    const generated = buildDaemonSetManifests(form, {
      ...buildPolicyAllowingAll(),
    }).daemonSet.spec.template.spec;

    const spec = placementPodSpec(parse(form));

    expect(spec.nodeSelector).toEqual(generated.nodeSelector);
    expect(spec.tolerations).toEqual(generated.tolerations);
    expect(spec.affinity).toEqual(generated.affinity);
    expect(spec.hostNetwork).toBe(generated.hostNetwork);
    expect(spec.nodeSelector).toEqual({
      disktype: 'ssd',
      [GPU_PRODUCT_LABEL]: 'A100',
    });
    expect(spec.tolerations).toContainEqual(VIRTUAL_KUBELET_TOLERATION);
  });
});

function buildPolicyAllowingAll() {
  return {
    privileged: 'allow' as const,
    hostNetwork: 'allow' as const,
    hostPath: { decision: 'allow' as const, allowedPathPrefixes: [] },
    protectedNamespaces: { decision: 'allow' as const, namespaces: [] },
    allowedRegistries: { decision: 'allow' as const, registries: [] },
  };
}

describe('previewPlacement', () => {
  it('excludes tainted and NotReady nodes, and keeps a cordoned node eligible', () => {
    const preview = previewPlacement(fleet(), parse({}));

    expect(preview.totalNodes).toBe(8);
    // general-1..3 and the cordoned node: the controller tolerates the cordon taint.
    expect(preview.eligibleNodes).toBe(4);
    expect(preview.excluded).toEqual([
      {
        kind: 'taint',
        reason: 'taint nvidia.com/gpu=present:NoSchedule not tolerated',
        count: 2,
        examples: ['gpu-a100', 'gpu-t4'],
      },
      {
        kind: 'unschedulable',
        reason: 'taint node.kubernetes.io/not-ready:NoSchedule not tolerated',
        count: 1,
        examples: ['not-ready'],
      },
      {
        kind: 'taint',
        reason:
          'taint virtual-kubelet.io/provider=acme:NoSchedule not tolerated',
        count: 1,
        examples: ['virtual'],
      },
    ]);
  });

  it('groups selector-excluded nodes by their full reasons, largest group first', () => {
    const preview = previewPlacement(
      fleet(),
      parse({
        scheduling: {
          nodeSelector: { disktype: 'ssd' },
          tolerations: [{ operator: 'Exists' }],
        },
      }),
    );
    expect(preview.eligibleNodes).toBe(3); // general-1, cordoned, gpu-a100
    expect(preview.excluded).toEqual([
      {
        kind: 'nodeSelector',
        reason:
          'nodeSelector disktype=ssd not matched (node has no disktype label)',
        count: 4,
        examples: ['general-3', 'gpu-t4', 'not-ready', 'virtual'],
      },
      {
        kind: 'nodeSelector',
        reason: 'nodeSelector disktype=ssd not matched (node has disktype=hdd)',
        count: 1,
        examples: ['general-2'],
      },
    ]);
  });

  it('runs only on nodes of the GPU model, once the GPU taint is tolerated', () => {
    const gpu = {
      containers: [{ name: 'agent', gpu: { model: 'A100', count: 2 } }],
    };
    const untolerated = previewPlacement(fleet(), parse(gpu));
    expect(untolerated.eligibleNodes).toBe(0);
    expect(untolerated.excluded[0]).toMatchObject({
      kind: 'nodeSelector',
      reason: `nodeSelector ${GPU_PRODUCT_LABEL}=A100 not matched (node has no ${GPU_PRODUCT_LABEL} label)`,
    });
    const a100 = untolerated.excluded.find(g =>
      g.examples.includes('gpu-a100'),
    );
    expect(a100).toMatchObject({ kind: 'taint', count: 1 });

    const tolerated = previewPlacement(
      fleet(),
      parse({
        ...gpu,
        scheduling: {
          tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists' }],
        },
      }),
    );
    expect(tolerated.eligibleNodes).toBe(1);
    expect(tolerated.cost.perPod).toEqual({
      cpu: 0.25,
      memory: 512 * MI,
      'nvidia.com/gpu': 2,
    });
  });

  it('tolerates virtual-kubelet nodes with serverless bursting', () => {
    const preview = previewPlacement(
      fleet(),
      parse({ serverlessBursting: true }),
    );
    expect(preview.eligibleNodes).toBe(5);
    expect(preview.excluded.map(g => g.examples).flat()).not.toContain(
      'virtual',
    );
  });

  it('classifies a required node affinity', () => {
    const preview = previewPlacement(
      [
        makeNode('a', { labels: { zone: 'a' } }),
        makeNode('b', { labels: { zone: 'b' } }),
      ],
      parse({
        scheduling: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                {
                  matchExpressions: [
                    { key: 'zone', operator: 'In', values: ['a'] },
                  ],
                },
              ],
            },
          },
        },
      }),
    );
    expect(preview.eligibleNodes).toBe(1);
    expect(preview.excluded).toEqual([
      expect.objectContaining({
        kind: 'nodeAffinity',
        count: 1,
        examples: ['b'],
      }),
    ]);
  });

  it('sums container requests, with the defaults where a container gives none, times eligible nodes', () => {
    const preview = previewPlacement(
      [makeNode('n1'), makeNode('n2'), makeNode('n3')],
      parse({
        containers: [
          {
            name: 'a',
            resources: { requests: { cpu: '500m', memory: '1Gi' } },
          },
          { name: 'b' },
          { name: 'c', resources: { limits: { cpu: '100m' } } },
        ],
      }),
    );
    expect(DEFAULT_REQUESTS).toEqual({ cpu: '250m', memory: '512Mi' });
    expect(preview.cost.perPod).toEqual({
      // 500m + the default 250m + 100m: the third container's request defaults to its
      // smaller limit, as the generator does
      cpu: 0.85,
      memory: 1024 * MI + 512 * MI + 512 * MI,
    });
    expect(preview.cost.fleet).toEqual({ cpu: 2.55, memory: 3 * 2048 * MI });
  });

  it('costs nothing without containers or eligible nodes', () => {
    expect(previewPlacement([makeNode('n1')], parse({})).cost).toEqual({
      perPod: {},
      fleet: {},
    });
    const none = previewPlacement([], parse({ containers: [{ name: 'a' }] }));
    expect(none.cost.fleet).toEqual({ cpu: 0, memory: 0 });
    expect(none).toMatchObject({
      totalNodes: 0,
      eligibleNodes: 0,
      excluded: [],
    });
  });

  it('keeps five examples per group, alphabetically first', () => {
    const nodes = ['n9', 'n3', 'n7', 'n1', 'n5', 'n2', 'n8'].map(name =>
      makeNode(name, { taints: [gpuTaint] }),
    );
    const [group] = previewPlacement(nodes, parse({})).excluded;
    expect(group.count).toBe(7);
    expect(group.examples).toEqual(['n1', 'n2', 'n3', 'n5', 'n7']);
  });

  it('merges the smallest groups per kind past the group limit', () => {
    // A selector on a per-node label gives each node its own reason.
    const nodes = Array.from({ length: 40 }, (_, i) =>
      makeNode(`node-${String(i).padStart(2, '0')}`, {
        labels: { rack: `r${i}` },
      }),
    );
    const preview = previewPlacement(
      nodes,
      parse({ scheduling: { nodeSelector: { rack: 'none' } } }),
    );
    expect(preview.excluded).toHaveLength(MAX_EXCLUSION_GROUPS);
    expect(preview.excluded.reduce((n, g) => n + g.count, 0)).toBe(40);
    const merged = preview.excluded[0];
    expect(merged).toMatchObject({ kind: 'nodeSelector', count: 21 });
    expect(merged.reason).toMatch(
      /^21 other reasons, e\.g\. nodeSelector rack=none/,
    );
    expect(merged.examples).toHaveLength(5);
  });

  it('agrees with eligibilityChecker on the DaemonSet the generator builds', () => {
    const form = {
      name: 'agent',
      containers: [{ name: 'agent', image: 'ghcr.io/acme/agent:1' }],
      scheduling: {
        nodeSelector: { disktype: 'ssd' },
        tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists' }],
      },
    };
    const check = eligibilityChecker(
      // The manifest types its affinity loosely (unknown); the check reads it as Kubernetes does.
      buildDaemonSetManifests(form).daemonSet as KubeDaemonSet,
    );
    const nodes = fleet();
    const preview = previewPlacement(nodes, parse(form));
    expect(preview.eligibleNodes).toBe(
      nodes.filter(n => check(n).eligible).length,
    );
    for (const group of preview.excluded) {
      for (const name of group.examples) {
        const node = nodes.find(n => n.metadata?.name === name)!;
        expect(check(node).reasons.join('; ')).toBe(group.reason);
      }
    }
  });
});

describe('exclusionKindOf', () => {
  it.each([
    ['nodeSelector a=b not matched (node has no a label)', 'nodeSelector'],
    [
      'required node affinity not matched: no term matched (...)',
      'nodeAffinity',
    ],
    ['taint dedicated=infra:NoSchedule not tolerated', 'taint'],
    [
      'taint node.kubernetes.io/unreachable:NoSchedule not tolerated',
      'unschedulable',
    ],
    [
      'taint node.cloudprovider.kubernetes.io/uninitialized=true:NoSchedule not tolerated',
      'unschedulable',
    ],
    ['pod template is pinned to node n1', 'other'],
  ])('%s → %s', (reason, kind) => {
    expect(exclusionKindOf(reason)).toBe(kind);
  });
});
