import { formatToleration, summarisePlacement } from './placement';

describe('summarisePlacement', () => {
  it('lists the node selector, the tolerations as written and a required affinity', () => {
    const placement = summarisePlacement({
      spec: {
        template: {
          spec: {
            nodeSelector: { 'daemonsets.dev/pool': 'gpu' },
            tolerations: [
              { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' },
              { key: 'node-role', operator: 'Exists' },
              { operator: 'Exists' },
            ],
            affinity: {
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
          },
        },
      },
    } as any);
    expect(placement).toEqual({
      nodeSelector: { 'daemonsets.dev/pool': 'gpu' },
      tolerations: ['dedicated=gpu:NoSchedule', 'node-role', '*'],
      requiredNodeAffinity: true,
    });
  });

  it('is empty for a template without placement rules', () => {
    expect(summarisePlacement({})).toEqual({
      nodeSelector: {},
      tolerations: [],
      requiredNodeAffinity: false,
    });
  });

  it('shows comparison operators with their value', () => {
    expect(formatToleration({ key: 'size', operator: 'Gt', value: '3' })).toBe(
      'size Gt 3',
    );
  });
});
