import { describePath } from './describePath';

describe('describePath', () => {
  it('reads a path in the wizard words, naming items', () => {
    const data = { containers: [{ name: 'agent' }, { name: 'sidecar' }] };
    expect(describePath('containers[1].resources.limits.cpu', data)).toBe(
      'Container 2 (sidecar) › Resources › Limits › CPU',
    );
    expect(describePath('containers[0].env[2].name')).toBe(
      'Container 1 › Variable 3 › Name',
    );
    expect(describePath('labels["app.kubernetes.io/name"]')).toBe(
      'Labels › "app.kubernetes.io/name"',
    );
    expect(
      describePath('containers[0].resources.requests["nvidia.com/gpu"]'),
    ).toBe('Container 1 › Resources › Requests › GPUs');
    expect(describePath('scheduling.tolerations[0].operator')).toBe(
      'Placement › Toleration 1 › Operator',
    );
    expect(describePath('someNewField')).toBe('Some new field');
    expect(describePath('')).toBe('The input as a whole');
  });
});
