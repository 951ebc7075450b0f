import { makeRow } from '../../__testUtils__/fixtures';
import {
  labelSuggestions,
  labelTermMatches,
  parseLabelTerms,
  rowFlags,
  rowSearchText,
} from './rowSearch';

describe('rowSearch', () => {
  const labels = {
    'daemonsets.dev/pool': 'gpu',
    'node.kubernetes.io/instance-type': 'g5.xlarge',
  };

  it('matches a label by full key, short key or value', () => {
    const [full, short, value, key, wrong] = parseLabelTerms(
      'daemonsets.dev/pool=gpu, pool=gpu, g5.xlarge, instance-type, pool=cpu',
    );
    expect(labelTermMatches(labels, full)).toBe(true);
    expect(labelTermMatches(labels, short)).toBe(true);
    expect(labelTermMatches(labels, value)).toBe(true);
    expect(labelTermMatches(labels, key)).toBe(true);
    expect(labelTermMatches(labels, wrong)).toBe(false);
    // A short key must be a whole segment: "ool" is not "pool".
    expect(labelTermMatches(labels, { key: 'ool', value: 'gpu' })).toBe(false);
  });

  it('searches flags, labels, taints and images, not only names', () => {
    const base = makeRow(1);
    const row = {
      ...base,
      node: {
        ...base.node,
        ready: false,
        schedulable: false,
        labels,
        taints: [
          { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' as const },
        ],
      },
    };
    expect(rowFlags(row)).toEqual(['NotReady', 'cordoned']);
    const text = rowSearchText(row);
    for (const word of [
      'cordoned',
      'notready',
      'g5.xlarge',
      'instance-type',
      'dedicated=gpu:noschedule',
      'node-agent:1.2.3',
    ]) {
      expect(text).toContain(word);
    }
  });

  it('suggests the fleet’s most frequent label pairs first', () => {
    const rows = [makeRow(1), makeRow(2), makeRow(3)];
    expect(labelSuggestions(rows)).toEqual([
      'kubernetes.io/os=linux',
      'topology.kubernetes.io/zone=zone-a',
      'topology.kubernetes.io/zone=zone-b',
    ]);
  });
});
