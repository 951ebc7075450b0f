import { computeEligibility } from './eligibility';
import { affinity, makeDaemonSet, makeNode } from './__fixtures__/kube';

describe('computeEligibility', () => {
  describe('nodeSelector', () => {
    const ds = makeDaemonSet({ nodeSelector: { disktype: 'ssd' } });

    it('is eligible when every label matches', () => {
      expect(
        computeEligibility(makeNode('n1', { labels: { disktype: 'ssd' } }), ds),
      ).toEqual({ eligible: true, reasons: [], shouldContinueRunning: true });
    });

    it('explains a different value', () => {
      expect(
        computeEligibility(makeNode('n1', { labels: { disktype: 'hdd' } }), ds),
      ).toEqual({
        eligible: false,
        reasons: [
          'nodeSelector disktype=ssd not matched (node has disktype=hdd)',
        ],
        shouldContinueRunning: false,
      });
    });

    it('explains a missing label', () => {
      expect(computeEligibility(makeNode('n1'), ds).reasons).toEqual([
        'nodeSelector disktype=ssd not matched (node has no disktype label)',
      ]);
    });

    it('gives one reason per label', () => {
      const two = makeDaemonSet({
        nodeSelector: { disktype: 'ssd', pool: 'gpu' },
      });
      expect(computeEligibility(makeNode('n1'), two).reasons).toHaveLength(2);
    });
  });

  describe('required node affinity', () => {
    const zone = 'topology.kubernetes.io/zone';
    const eligible = (
      labels: Record<string, string>,
      ...terms: Parameters<typeof affinity>
    ): boolean =>
      computeEligibility(
        makeNode('n1', { labels }),
        makeDaemonSet(affinity(...terms)),
      ).eligible;

    it('In', () => {
      const term = {
        matchExpressions: [{ key: zone, operator: 'In', values: ['a', 'b'] }],
      };
      expect(eligible({ [zone]: 'a' }, term)).toBe(true);
      expect(eligible({ [zone]: 'c' }, term)).toBe(false);
      expect(eligible({}, term)).toBe(false);
    });

    it('NotIn, which a missing label satisfies', () => {
      const term = {
        matchExpressions: [{ key: zone, operator: 'NotIn', values: ['a'] }],
      };
      expect(eligible({ [zone]: 'a' }, term)).toBe(false);
      expect(eligible({ [zone]: 'b' }, term)).toBe(true);
      expect(eligible({}, term)).toBe(true);
    });

    it('Exists and DoesNotExist', () => {
      const exists = { matchExpressions: [{ key: 'gpu', operator: 'Exists' }] };
      const absent = {
        matchExpressions: [{ key: 'gpu', operator: 'DoesNotExist' }],
      };
      expect(eligible({ gpu: '' }, exists)).toBe(true);
      expect(eligible({}, exists)).toBe(false);
      expect(eligible({}, absent)).toBe(true);
      expect(eligible({ gpu: 'a100' }, absent)).toBe(false);
    });

    it('Gt and Lt compare integers', () => {
      const gt = {
        matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['4'] }],
      };
      const lt = {
        matchExpressions: [{ key: 'cores', operator: 'Lt', values: ['4'] }],
      };
      expect(eligible({ cores: '8' }, gt)).toBe(true);
      expect(eligible({ cores: '4' }, gt)).toBe(false);
      expect(eligible({ cores: '2' }, lt)).toBe(true);
      expect(eligible({ cores: '10' }, lt)).toBe(false);
      expect(eligible({ cores: 'many' }, gt)).toBe(false);
      expect(eligible({}, gt)).toBe(false);
    });

    it('never matches an invalid term', () => {
      const twoValues = {
        matchExpressions: [
          { key: 'cores', operator: 'Gt', values: ['1', '2'] },
        ],
      };
      expect(eligible({ cores: '8' }, twoValues)).toBe(false);
      const result = computeEligibility(
        makeNode('n1', { labels: { cores: '8' } }),
        makeDaemonSet(affinity(twoValues)),
      );
      expect(result.reasons[0]).toContain(
        'invalid, ignored: Gt needs exactly one integer value',
      );
    });

    it('never matches a term holding an invalid label key or value, as the scheduler', () => {
      const badValue = {
        matchExpressions: [
          { key: 'zone', operator: 'NotIn', values: ['not a label value!'] },
        ],
      };
      // NotIn would match a node without that value; the invalid term matches nothing instead.
      expect(eligible({ zone: 'a' }, badValue)).toBe(false);
      const badKey = {
        matchExpressions: [{ key: 'bad key', operator: 'DoesNotExist' }],
      };
      expect(eligible({}, badKey)).toBe(false);
      expect(
        computeEligibility(
          makeNode('n1', { labels: { zone: 'a' } }),
          makeDaemonSet(affinity(badValue)),
        ).reasons[0],
      ).toContain(
        "invalid, ignored: 'not a label value!' is not a valid label value",
      );
      // Gt/Lt stay as lenient as the scheduler's strconv.ParseInt: a leading zero is fine.
      const gt = {
        matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['04'] }],
      };
      expect(eligible({ cores: '8' }, gt)).toBe(true);
    });

    it('matchFields on metadata.name', () => {
      const inTerm = {
        matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }],
      };
      const notInTerm = {
        matchFields: [
          { key: 'metadata.name', operator: 'NotIn', values: ['n1'] },
        ],
      };
      expect(eligible({}, inTerm)).toBe(true);
      expect(eligible({}, notInTerm)).toBe(false);
      expect(
        computeEligibility(makeNode('n2'), makeDaemonSet(affinity(inTerm)))
          .reasons,
      ).toEqual([
        'required node affinity not matched: no term matched (term 1: metadata.name In [n1] — node is n2)',
      ]);
    });

    it('ANDs the expressions of a term', () => {
      const term = {
        matchExpressions: [
          { key: zone, operator: 'In', values: ['a'] },
          { key: 'gpu', operator: 'Exists' },
        ],
      };
      expect(eligible({ [zone]: 'a', gpu: 'x' }, term)).toBe(true);
      expect(eligible({ [zone]: 'a' }, term)).toBe(false);
    });

    it('ORs the terms and explains each', () => {
      const zoneTerm = {
        matchExpressions: [{ key: zone, operator: 'In', values: ['a', 'b'] }],
      };
      const gpuTerm = {
        matchExpressions: [{ key: 'gpu', operator: 'Exists' }],
      };
      expect(eligible({ [zone]: 'c', gpu: 'x' }, zoneTerm, gpuTerm)).toBe(true);
      expect(eligible({ [zone]: 'a' }, zoneTerm, gpuTerm)).toBe(true);
      expect(
        computeEligibility(
          makeNode('n1', { labels: { [zone]: 'c' } }),
          makeDaemonSet(affinity(zoneTerm, gpuTerm)),
        ).reasons,
      ).toEqual([
        `required node affinity not matched: no term matched (term 1: ${zone} In [a, b] — node has ${zone}=c; term 2: gpu Exists — node has no gpu label)`,
      ]);
    });

    it('ignores empty terms, and matches nothing with only empty terms', () => {
      const gpuTerm = {
        matchExpressions: [{ key: 'gpu', operator: 'Exists' }],
      };
      expect(eligible({ gpu: 'x' }, {}, gpuTerm)).toBe(true);
      expect(eligible({ gpu: 'x' }, {})).toBe(false);
    });

    it('requires nodeSelector and affinity both', () => {
      const ds = makeDaemonSet({
        nodeSelector: { disktype: 'ssd' },
        ...affinity({ matchExpressions: [{ key: 'gpu', operator: 'Exists' }] }),
      });
      expect(
        computeEligibility(makeNode('n1', { labels: { gpu: 'x' } }), ds)
          .eligible,
      ).toBe(false);
      expect(
        computeEligibility(
          makeNode('n1', { labels: { gpu: 'x', disktype: 'ssd' } }),
          ds,
        ).eligible,
      ).toBe(true);
    });
  });

  it('requires a template nodeName to be the node', () => {
    const ds = makeDaemonSet({ nodeName: 'n1' });
    expect(computeEligibility(makeNode('n1'), ds).eligible).toBe(true);
    expect(computeEligibility(makeNode('n2'), ds)).toEqual({
      eligible: false,
      reasons: ['pod template is pinned to node n1'],
      shouldContinueRunning: false,
    });
  });

  describe('taints', () => {
    it('rejects untolerated NoSchedule taints, but lets existing pods continue', () => {
      const node = makeNode('n1', {
        taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }],
      });
      expect(computeEligibility(node, makeDaemonSet())).toEqual({
        eligible: false,
        reasons: ['taint dedicated=gpu:NoSchedule not tolerated'],
        shouldContinueRunning: true,
      });
    });

    it('rejects untolerated NoExecute taints, and existing pods too', () => {
      const node = makeNode('n1', {
        taints: [{ key: 'maintenance', effect: 'NoExecute' }],
      });
      expect(computeEligibility(node, makeDaemonSet())).toEqual({
        eligible: false,
        reasons: ['taint maintenance:NoExecute not tolerated'],
        shouldContinueRunning: false,
      });
    });

    it('ignores PreferNoSchedule taints', () => {
      const node = makeNode('n1', {
        taints: [{ key: 'soft', effect: 'PreferNoSchedule' }],
      });
      expect(computeEligibility(node, makeDaemonSet()).eligible).toBe(true);
    });

    it('accepts tolerated taints', () => {
      const node = makeNode('n1', {
        taints: [
          { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' },
          { key: 'maintenance', effect: 'NoExecute' },
        ],
      });
      const ds = makeDaemonSet({
        tolerations: [
          {
            key: 'dedicated',
            operator: 'Equal',
            value: 'gpu',
            effect: 'NoSchedule',
          },
          { key: 'maintenance', operator: 'Exists' },
        ],
      });
      expect(computeEligibility(node, ds).eligible).toBe(true);
    });

    it('accepts every taint with an empty-key Exists toleration', () => {
      const node = makeNode('n1', {
        taints: [
          { key: 'a', effect: 'NoSchedule' },
          { key: 'b', value: 'c', effect: 'NoExecute' },
        ],
      });
      expect(
        computeEligibility(
          node,
          makeDaemonSet({ tolerations: [{ operator: 'Exists' }] }),
        ).eligible,
      ).toBe(true);
    });

    it('gives one reason per untolerated taint, after placement reasons', () => {
      const node = makeNode('n1', {
        taints: [
          { key: 'a', effect: 'NoSchedule' },
          { key: 'b', effect: 'NoExecute' },
        ],
      });
      expect(
        computeEligibility(node, makeDaemonSet({ nodeSelector: { pool: 'x' } }))
          .reasons,
      ).toEqual([
        'nodeSelector pool=x not matched (node has no pool label)',
        'taint a:NoSchedule not tolerated',
        'taint b:NoExecute not tolerated',
      ]);
    });
  });

  describe("the controller's own tolerations", () => {
    it.each([
      ['node.kubernetes.io/not-ready', 'NoExecute'],
      ['node.kubernetes.io/unreachable', 'NoExecute'],
      ['node.kubernetes.io/disk-pressure', 'NoSchedule'],
      ['node.kubernetes.io/memory-pressure', 'NoSchedule'],
      ['node.kubernetes.io/pid-pressure', 'NoSchedule'],
      ['node.kubernetes.io/unschedulable', 'NoSchedule'],
    ])('tolerate %s:%s', (key, effect) => {
      const node = makeNode('n1', { taints: [{ key, effect }] });
      expect(computeEligibility(node, makeDaemonSet()).eligible).toBe(true);
    });

    it('keep a NotReady node eligible while it only has the NoExecute taint', () => {
      const node = makeNode('n1', {
        ready: false,
        taints: [
          { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' },
          { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' },
        ],
      });
      // The node lifecycle controller's NoSchedule variant is not tolerated (upstream too): no
      // new pod, but the existing one stays.
      expect(computeEligibility(node, makeDaemonSet())).toEqual({
        eligible: false,
        reasons: [
          'taint node.kubernetes.io/not-ready:NoSchedule not tolerated',
        ],
        shouldContinueRunning: true,
      });
      const nodeExecuteOnly = makeNode('n1', {
        ready: false,
        taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }],
      });
      expect(
        computeEligibility(nodeExecuteOnly, makeDaemonSet()).eligible,
      ).toBe(true);
    });

    it('keep a cordoned node eligible', () => {
      const node = makeNode('n1', {
        unschedulable: true,
        taints: [
          { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' },
        ],
      });
      expect(computeEligibility(node, makeDaemonSet()).eligible).toBe(true);
    });

    it('tolerate network-unavailable only with hostNetwork', () => {
      const node = makeNode('n1', {
        taints: [
          {
            key: 'node.kubernetes.io/network-unavailable',
            effect: 'NoSchedule',
          },
        ],
      });
      expect(computeEligibility(node, makeDaemonSet()).reasons).toEqual([
        'taint node.kubernetes.io/network-unavailable:NoSchedule not tolerated',
      ]);
      expect(
        computeEligibility(node, makeDaemonSet({ hostNetwork: true })).eligible,
      ).toBe(true);
    });
  });
});
