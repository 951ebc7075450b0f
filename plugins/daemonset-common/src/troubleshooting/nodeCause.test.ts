import { isNodeCauseEvent } from './nodeCause';

describe('isNodeCauseEvent', () => {
  it('keeps warnings and the node conditions that explain failing pods', () => {
    expect(isNodeCauseEvent({ type: 'Warning', reason: 'Anything' })).toBe(
      true,
    );
    expect(isNodeCauseEvent({ type: 'Normal', reason: 'NodeNotReady' })).toBe(
      true,
    );
    expect(
      isNodeCauseEvent({ type: 'Normal', reason: 'NodeHasDiskPressure' }),
    ).toBe(true);
  });
  it('drops routine node events', () => {
    expect(isNodeCauseEvent({ type: 'Normal', reason: 'RegisteredNode' })).toBe(
      false,
    );
    expect(isNodeCauseEvent({ type: 'Normal', reason: 'NodeReady' })).toBe(
      false,
    );
  });
});
