import { nodeConditionFlags, nodeHealth } from './nodeHealth';
import { NodeInfo } from './types';

const node = (over: Partial<NodeInfo>): NodeInfo => ({
  name: 'n1',
  ready: true,
  schedulable: true,
  labels: {},
  taints: [],
  conditions: [],
  ...over,
});

describe('nodeHealth', () => {
  it('is healthy for a ready node without abnormal conditions', () => {
    expect(nodeHealth(node({}))).toBe('healthy');
    expect(nodeConditionFlags(node({}))).toEqual([]);
  });

  it('is notReady whenever Ready is not True, even under pressure', () => {
    const down = node({
      ready: false,
      conditions: [
        { type: 'Ready', status: 'Unknown' },
        { type: 'MemoryPressure', status: 'True' },
      ],
    });
    expect(nodeHealth(down)).toBe('notReady');
    expect(nodeConditionFlags(down)).toEqual(['NotReady', 'MemoryPressure']);
  });

  it('is pressure for a ready node with a condition that is not False', () => {
    const squeezed = node({
      conditions: [{ type: 'DiskPressure', status: 'Unknown' }],
    });
    expect(nodeHealth(squeezed)).toBe('pressure');
    expect(nodeConditionFlags(squeezed)).toEqual(['DiskPressure']);
  });
});
