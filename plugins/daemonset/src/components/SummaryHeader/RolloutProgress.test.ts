import { makeReport, makeRow } from '../../__testUtils__/fixtures';
import { describeRollout, resolveIntOrPercent } from './RolloutProgress';

describe('describeRollout', () => {
  const ds = makeReport([makeRow(1)]).daemonSet;

  it('resolves int-or-percent like the controller (rounding up)', () => {
    expect(resolveIntOrPercent('10%', 50, 1)).toBe(5);
    expect(resolveIntOrPercent('10%', 51, 1)).toBe(6);
    expect(resolveIntOrPercent(3, 50, 1)).toBe(3);
    expect(resolveIntOrPercent('2', 50, 1)).toBe(2);
    expect(resolveIntOrPercent(undefined, 50, 1)).toBe(1);
  });

  it('describes a rolling update in progress', () => {
    expect(
      describeRollout({
        ...ds,
        desired: 50,
        updated: 37,
        unavailable: 3,
        updateStrategy: { type: 'RollingUpdate', maxUnavailable: 5 },
      }),
    ).toMatchObject({
      inProgress: true,
      percent: 74,
      budget: 5,
      text: 'updating: 37/50 updated, 3 unavailable of a budget of 5',
    });
  });

  it('describes a surge rollout, a finished one, a pending generation and OnDelete', () => {
    expect(
      describeRollout({
        ...ds,
        desired: 10,
        updated: 4,
        unavailable: 0,
        updateStrategy: {
          type: 'RollingUpdate',
          maxUnavailable: 0,
          maxSurge: '20%',
        },
      }).text,
    ).toBe('updating: 4/10 updated, 0 unavailable of a budget of 0, surge 2');
    expect(
      describeRollout({ ...ds, desired: 3, updated: 3, unavailable: 0 }).text,
    ).toBe('up to date: 3/3 updated');
    expect(
      describeRollout({
        ...ds,
        desired: 3,
        updated: 3,
        generation: 5,
        observedGeneration: 4,
      }).text,
    ).toBe('updating: waiting for the controller to observe generation 5');
    expect(
      describeRollout({
        ...ds,
        desired: 3,
        updated: 1,
        updateStrategy: { type: 'OnDelete' },
      }).text,
    ).toBe('OnDelete: 1/3 updated, old pods are replaced only when deleted');
  });
});
