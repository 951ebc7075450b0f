import type { StatusSnapshot } from '../watch/EntityStatusView';
import { snapshotBytes } from './snapshotBytes';

function snapshot(json: string): StatusSnapshot & { calls: number } {
  const s = {
    calls: 0,
    version: 1,
    entityRef: 'component:default/agent',
    generatedAt: '2026-12-07T10:00:00.000Z',
    contentHash: () => 'h',
    clusters: [],
    json: () => {
      s.calls++;
      return json;
    },
  };
  return s;
}

describe('snapshotBytes', () => {
  it('encodes the JSON as UTF-8, multi-byte characters included', () => {
    const json = '{"message":"Knoten läuft nicht — ✓"}';
    expect(snapshotBytes(snapshot(json)).toString('utf8')).toBe(json);
  });

  it('gives every caller of one snapshot the same buffer, encoded once', () => {
    const s = snapshot('{"a":1}');
    const first = snapshotBytes(s);
    expect(snapshotBytes(s)).toBe(first);
    expect(s.calls).toBe(1);
  });

  it('encodes each snapshot for itself', () => {
    const a = snapshotBytes(snapshot('{"v":1}'));
    const b = snapshotBytes(snapshot('{"v":2}'));
    expect(a).not.toBe(b);
    expect(b.toString()).toBe('{"v":2}');
  });
});
