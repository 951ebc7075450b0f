import {
  daemonPodDefaultTolerations,
  effectiveDaemonPodTolerations,
  formatTaint,
  toleratesTaint,
  untoleratedTaints,
} from './tolerations';

const gpuTaint = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' };

describe('toleratesTaint', () => {
  it('matches Equal on key, value and effect', () => {
    expect(
      toleratesTaint(
        {
          key: 'dedicated',
          operator: 'Equal',
          value: 'gpu',
          effect: 'NoSchedule',
        },
        gpuTaint,
      ),
    ).toBe(true);
    expect(
      toleratesTaint(
        {
          key: 'dedicated',
          operator: 'Equal',
          value: 'cpu',
          effect: 'NoSchedule',
        },
        gpuTaint,
      ),
    ).toBe(false);
  });

  it('treats a missing operator as Equal', () => {
    expect(toleratesTaint({ key: 'dedicated', value: 'gpu' }, gpuTaint)).toBe(
      true,
    );
    expect(toleratesTaint({ key: 'dedicated' }, gpuTaint)).toBe(false);
  });

  it('matches any value with Exists', () => {
    expect(
      toleratesTaint({ key: 'dedicated', operator: 'Exists' }, gpuTaint),
    ).toBe(true);
    expect(toleratesTaint({ key: 'other', operator: 'Exists' }, gpuTaint)).toBe(
      false,
    );
  });

  it('matches every taint with an empty key and Exists', () => {
    expect(toleratesTaint({ operator: 'Exists' }, gpuTaint)).toBe(true);
    expect(
      toleratesTaint({ operator: 'Exists' }, { key: 'x', effect: 'NoExecute' }),
    ).toBe(true);
  });

  it('matches every effect with an empty effect, and only its own otherwise', () => {
    expect(
      toleratesTaint(
        { key: 'dedicated', operator: 'Exists', effect: '' },
        gpuTaint,
      ),
    ).toBe(true);
    expect(
      toleratesTaint(
        { key: 'dedicated', operator: 'Exists', effect: 'NoExecute' },
        gpuTaint,
      ),
    ).toBe(false);
  });

  it('ignores Lt and Gt unless comparison operators are enabled', () => {
    const taint = { key: 'level', value: '5', effect: 'NoSchedule' };
    const gt = { key: 'level', operator: 'Gt', value: '3' };
    const lt = { key: 'level', operator: 'Lt', value: '3' };
    expect(toleratesTaint(gt, taint)).toBe(false);
    expect(toleratesTaint(gt, taint, { comparisonOperators: true })).toBe(true);
    expect(toleratesTaint(lt, taint, { comparisonOperators: true })).toBe(
      false,
    );
    expect(
      toleratesTaint(
        gt,
        { ...taint, value: 'high' },
        { comparisonOperators: true },
      ),
    ).toBe(false);
  });

  it('compares only canonical integers with Lt and Gt (no leading zero, no plus sign)', () => {
    const on = { comparisonOperators: true };
    const taint = { key: 'level', value: '5', effect: 'NoSchedule' };
    expect(
      toleratesTaint({ key: 'level', operator: 'Gt', value: '-3' }, taint, on),
    ).toBe(true);
    expect(
      toleratesTaint({ key: 'level', operator: 'Gt', value: '03' }, taint, on),
    ).toBe(false);
    expect(
      toleratesTaint({ key: 'level', operator: 'Gt', value: '+3' }, taint, on),
    ).toBe(false);
    expect(
      toleratesTaint(
        { key: 'level', operator: 'Gt', value: '3' },
        { ...taint, value: '05' },
        on,
      ),
    ).toBe(false);
  });

  it('rejects unknown operators', () => {
    expect(
      toleratesTaint({ key: 'dedicated', operator: 'Like' }, gpuTaint),
    ).toBe(false);
  });
});

describe('untoleratedTaints', () => {
  it('only considers the given effects', () => {
    const taints = [
      gpuTaint,
      { key: 'soft', effect: 'PreferNoSchedule' },
      { key: 'evict', effect: 'NoExecute' },
    ];
    expect(untoleratedTaints(taints, [], ['NoSchedule', 'NoExecute'])).toEqual([
      gpuTaint,
      { key: 'evict', effect: 'NoExecute' },
    ]);
    expect(untoleratedTaints(taints, [], ['NoExecute'])).toEqual([
      { key: 'evict', effect: 'NoExecute' },
    ]);
  });
});

describe('daemon pod default tolerations', () => {
  it('are those of AddOrUpdateDaemonPodTolerations', () => {
    expect(daemonPodDefaultTolerations(false).map(formatTaintLike)).toEqual([
      'node.kubernetes.io/not-ready:NoExecute',
      'node.kubernetes.io/unreachable:NoExecute',
      'node.kubernetes.io/disk-pressure:NoSchedule',
      'node.kubernetes.io/memory-pressure:NoSchedule',
      'node.kubernetes.io/pid-pressure:NoSchedule',
      'node.kubernetes.io/unschedulable:NoSchedule',
    ]);
    expect(daemonPodDefaultTolerations(true).map(formatTaintLike)).toContain(
      'node.kubernetes.io/network-unavailable:NoSchedule',
    );
    expect(
      daemonPodDefaultTolerations(true).every(t => t.operator === 'Exists'),
    ).toBe(true);
  });

  it('come after the template tolerations', () => {
    const own = { key: 'dedicated', operator: 'Exists' };
    const all = effectiveDaemonPodTolerations({ tolerations: [own] });
    expect(all[0]).toBe(own);
    expect(all).toHaveLength(7);
  });
});

describe('formatTaint', () => {
  it('prints like kubectl', () => {
    expect(formatTaint(gpuTaint)).toBe('dedicated=gpu:NoSchedule');
    expect(formatTaint({ key: 'x', effect: 'NoExecute' })).toBe('x:NoExecute');
  });
});

function formatTaintLike(t: { key?: string; effect?: string }): string {
  return `${t.key}:${t.effect}`;
}
