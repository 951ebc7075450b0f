import {
  readFleetView,
  selectedNodeOf,
  selectionKey,
  writeFleetView,
} from './fleetViewParams';

describe('fleet view in the URL', () => {
  it('round-trips filters, sort, grouping, folded groups and selection', () => {
    const view = {
      filters: {
        search: 'cordoned',
        label: 'pool=gpu',
        verdict: 'failing' as const,
        problemsOnly: true,
      },
      sort: { column: 'image' as const, direction: 'desc' as const },
      group: 'daemonsets.dev/pool',
      collapsed: ['general', 'gpu'],
      selected: selectionKey('local', 'demo', 'agent', 'node-7'),
    };
    const params = writeFleetView(new URLSearchParams('tab=x'), view);
    expect(params.get('tab')).toBe('x');
    expect(readFleetView(new URLSearchParams(params.toString()))).toEqual(view);
  });

  it('leaves defaults out of the URL and ignores values it does not know', () => {
    const params = writeFleetView(new URLSearchParams('q=old'), {
      filters: { search: '', label: '', verdict: 'all', problemsOnly: false },
      sort: { column: 'verdict', direction: 'asc' },
    });
    expect(params.toString()).toBe('');
    const view = readFleetView(
      new URLSearchParams('verdict=bogus&sort=nope:sideways'),
    );
    expect(view.filters.verdict).toBe('all');
    expect(view.sort).toEqual({ column: 'verdict', direction: 'asc' });
  });

  it('scopes a selection to one DaemonSet of one cluster', () => {
    const key = selectionKey('local', 'demo', 'agent', 'node-7');
    expect(selectedNodeOf(key, 'local/demo/agent')).toBe('node-7');
    expect(selectedNodeOf(key, 'local/demo/other')).toBeUndefined();
    expect(selectedNodeOf(key, 'local/demo/agen')).toBeUndefined();
  });
});
