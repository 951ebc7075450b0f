import { currentRevisionOf, revisionHash } from './revisions';
import { makeDaemonSet, makeRevision } from './__fixtures__/kube';

describe('currentRevisionOf', () => {
  const ds = makeDaemonSet();

  it('picks the highest revision owned by the DaemonSet', () => {
    expect(
      currentRevisionOf(ds, [
        makeRevision('agent-5d8f7c9b6', 1),
        makeRevision('agent-7c6b5f4d8', 3),
        makeRevision('agent-6f5d4c8b7', 2),
      ]),
    ).toBe('7c6b5f4d8');
  });

  it('ignores revisions of other DaemonSets', () => {
    expect(
      currentRevisionOf(ds, [
        makeRevision('agent-5d8f7c9b6', 1),
        makeRevision('other-9b8c7d6f5', 9, { ownerUid: 'other-uid' }),
      ]),
    ).toBe('5d8f7c9b6');
  });

  it('prefers the label to the name', () => {
    expect(
      currentRevisionOf(ds, [makeRevision('agent-abc', 1, { hash: 'xyz' })]),
    ).toBe('xyz');
  });

  it('is undefined when the DaemonSet owns no revision', () => {
    expect(currentRevisionOf(ds, [])).toBeUndefined();
    expect(
      currentRevisionOf(ds, [makeRevision('x-1', 1, { ownerUid: 'nope' })]),
    ).toBeUndefined();
  });
});

describe('revisionHash', () => {
  it('falls back to the whole name, as the controller labels unlabelled revisions', () => {
    expect(
      revisionHash(makeRevision('agent-5d8f7c9b6', 1, { hash: null })),
    ).toBe('agent-5d8f7c9b6');
  });
});
