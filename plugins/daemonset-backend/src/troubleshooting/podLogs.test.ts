import { InputError } from '@backstage/errors';
import { EntityPod } from './podAccess';
import { logFileName, parseLogQuery } from './podLogs';

const target: EntityPod = {
  ref: { cluster: 'local', namespace: 'ns', pod: 'agent-x' },
  daemonSet: 'agent',
  pod: {
    metadata: { name: 'agent-x', namespace: 'ns', uid: 'u1' },
    spec: {
      containers: [{ name: 'agent' }, { name: 'sidecar' }],
      initContainers: [{ name: 'init' }],
    },
  },
};

describe('parseLogQuery', () => {
  it('defaults to the first container, current instance, capped at the server maximum', () => {
    expect(parseLogQuery({}, target, 1000)).toEqual({
      container: 'agent',
      previous: false,
      follow: false,
      tailLines: undefined,
      limitBytes: 1000,
      download: false,
    });
  });

  it('caps limitBytes at the server maximum whatever the client asks', () => {
    expect(parseLogQuery({ limitBytes: '5000' }, target, 1000).limitBytes).toBe(
      1000,
    );
    expect(parseLogQuery({ limitBytes: '10' }, target, 1000).limitBytes).toBe(
      10,
    );
  });

  it('accepts init containers and the flags', () => {
    expect(
      parseLogQuery(
        {
          container: 'init',
          previous: 'true',
          follow: 'true',
          tailLines: '5',
          download: 'true',
        },
        target,
        1000,
      ),
    ).toMatchObject({
      container: 'init',
      previous: true,
      follow: true,
      tailLines: 5,
      download: true,
    });
  });

  it.each([
    [
      { container: 'nope' },
      /^container: 'nope' is not a container of pod agent-x \(agent, sidecar, init\)$/,
    ],
    [{ tailLines: '-1' }, /^tailLines: must be a whole number$/],
    [{ tailLines: '100001' }, /^tailLines: must be at most 100000$/],
    [{ limitBytes: '0' }, /^limitBytes: must be at least 1$/],
    [{ previous: 'yes' }, /^previous: must be 'true' or 'false'$/],
  ])('rejects %j naming the parameter', (query, message) => {
    expect(() => parseLogQuery(query, target, 1000)).toThrow(InputError);
    expect(() => parseLogQuery(query, target, 1000)).toThrow(message);
  });

  it('names downloads after pod, container and instance', () => {
    const q = parseLogQuery(
      { container: 'sidecar', previous: 'true' },
      target,
      1,
    );
    expect(logFileName(target, q)).toBe('agent-x_sidecar_previous.log');
  });
});
