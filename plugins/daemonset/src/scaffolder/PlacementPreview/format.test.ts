import { makePlacement } from '../../__testUtils__/fixtures';
import {
  describeCost,
  describeExcluded,
  formatBytes,
  formatCores,
} from './format';

describe('placement preview formats', () => {
  it('formats bytes in binary units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(512 * 1024 ** 2)).toBe('512 MiB');
    expect(formatBytes(9 * 1024 ** 3)).toBe('9 GiB');
    expect(formatBytes(1.5 * 1024 ** 4)).toBe('1.5 TiB');
    expect(formatBytes(1000)).toBe('1,000 B');
    expect(formatBytes(123.456 * 1024 ** 2)).toBe('123.5 MiB');
  });

  it('formats cores readably', () => {
    expect(formatCores(0.25)).toBe('0.25');
    expect(formatCores(0.1 * 3)).toBe('0.3');
    expect(formatCores(1250)).toBe('1,250');
  });

  it('words the fleet-wide cost with other resources', () => {
    expect(
      describeCost(
        makePlacement({
          eligibleNodes: 1,
          cost: {
            perPod: { cpu: 1, memory: 1024 ** 3, 'nvidia.com/gpu': 2 },
            fleet: { cpu: 1, memory: 1024 ** 3, 'nvidia.com/gpu': 2 },
          },
        }),
      ),
    ).toBe(
      'Reserves 1 CPU, 1 GiB memory and 2 nvidia.com/gpu per pod × 1 node = 1 core, 1 GiB memory and 2 nvidia.com/gpu across the fleet.',
    );
  });

  it('says when no node or no request costs anything', () => {
    expect(describeCost(makePlacement({ eligibleNodes: 0 }))).toBe(
      'Reserves 0.25 CPU and 512 MiB memory per pod, on no node: nothing across the fleet.',
    );
    expect(
      describeCost(makePlacement({ cost: { perPod: {}, fleet: {} } })),
    ).toBe('Reserves no CPU or memory: the containers request none.');
  });

  it('words an excluded group', () => {
    expect(describeExcluded(makePlacement().excluded[0])).toBe(
      '12 nodes: taint dedicated=gpu:NoSchedule not tolerated',
    );
  });
});
