import { diffLines } from './lineDiff';

describe('diffLines', () => {
  it('reports identical text as unchanged lines', () => {
    expect(diffLines('a\nb', 'a\nb')).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'same', text: 'b' },
    ]);
  });

  it('shows a changed line as removed then added, keeping the common lines', () => {
    expect(
      diffLines(
        'image: agent:1\nprivileged: false\nname: x',
        'image: agent:2\nprivileged: false\nname: x',
      ),
    ).toEqual([
      { kind: 'removed', text: 'image: agent:1' },
      { kind: 'added', text: 'image: agent:2' },
      { kind: 'same', text: 'privileged: false' },
      { kind: 'same', text: 'name: x' },
    ]);
  });

  it('shows everything as added against empty text, apart from the empty line', () => {
    expect(diffLines('', 'a\nb').filter(l => l.kind !== 'same')).toEqual([
      { kind: 'removed', text: '' },
      { kind: 'added', text: 'a' },
      { kind: 'added', text: 'b' },
    ]);
  });

  it('rebuilds both sides from its output', () => {
    const before = 'a\nb\nc\nd\ne';
    const after = 'a\nx\nc\ne\nf';
    const lines = diffLines(before, after);
    const side = (kind: 'added' | 'removed') =>
      lines
        .filter(l => l.kind !== kind)
        .map(l => l.text)
        .join('\n');
    expect(side('added')).toBe(before);
    expect(side('removed')).toBe(after);
    expect(lines.filter(l => l.kind === 'same')).toHaveLength(3);
  });
});
