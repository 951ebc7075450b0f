import {
  dropUndefinedItemKeys,
  withoutUndefinedItemKeys,
  isInsideArrayItem,
  isOffValue,
  offValueFor,
} from './offValue';

describe('offValue', () => {
  it('tells ids inside array items', () => {
    expect(isInsideArrayItem('root_dns')).toBe(false);
    expect(isInsideArrayItem('root_scheduling_nodeAffinity')).toBe(false);
    expect(isInsideArrayItem('root_containers_0_lifecycle')).toBe(true);
    expect(isInsideArrayItem('root_containers_12_env')).toBe(true);
  });

  it('is undefined at the top level and an empty value inside items', () => {
    const probe = {
      type: 'object',
      properties: { exec: {}, periodSeconds: {} },
    };
    expect(offValueFor(probe, false)).toBeUndefined();
    // rjsf would put its defaults back into an absent key: keep the key, empty.
    expect(offValueFor(probe, true, { periodSeconds: 10 })).toEqual({
      exec: undefined,
      periodSeconds: undefined,
    });
    // Nothing would come back: leave the key out (the section around the array drops it).
    expect(offValueFor(probe, true, {})).toBeUndefined();
    expect(offValueFor(probe, true, undefined)).toBeUndefined();
    expect(
      offValueFor(
        {
          type: 'object',
          properties: { periodSeconds: {} },
          anyOf: [
            { properties: { httpGet: {} } },
            { properties: { exec: {} } },
          ],
        },
        true,
        { httpGet: {} },
      ),
    ).toEqual({
      periodSeconds: undefined,
      httpGet: undefined,
      exec: undefined,
    });
    expect(offValueFor({ type: 'array', items: {} }, true)).toEqual([]);
    expect(offValueFor({ type: ['object', 'null'] }, true)).toBeNull();
  });

  it('recognises the off value as rjsf keeps it', () => {
    const shell = { a: undefined, b: undefined };
    expect(isOffValue({ a: undefined, b: undefined }, shell)).toBe(true);
    expect(isOffValue({ a: undefined }, shell)).toBe(false); // b would be refilled
    expect(isOffValue({ a: 1, b: undefined }, shell)).toBe(false);
    expect(isOffValue([], [])).toBe(true);
    expect(isOffValue([{}], [])).toBe(false);
    expect(isOffValue(undefined, undefined)).toBe(true);
    expect(isOffValue({}, undefined)).toBe(false);
    expect(isOffValue(null, null)).toBe(true);
  });

  it('drops undefined keys of array items only, in place', () => {
    const data: any = {
      dns: undefined,
      containers: [
        {
          name: 'a',
          tag: undefined,
          probe: { period: undefined },
          env: [{ name: 'X', value: undefined }],
        },
      ],
    };
    dropUndefinedItemKeys(data);
    expect(Object.keys(data)).toEqual(['dns', 'containers']);
    expect(Object.keys(data.containers[0])).toEqual(['name', 'probe', 'env']);
    expect(Object.keys(data.containers[0].probe)).toEqual(['period']);
    expect(Object.keys(data.containers[0].env[0])).toEqual(['name']);
  });
});

describe('withoutUndefinedItemKeys', () => {
  it('copies only what changes, dropping undefined keys of array items', () => {
    const clean = { containers: [{ name: 'a', probe: { period: undefined } }] };
    expect(withoutUndefinedItemKeys(clean)).toBe(clean);
    const dirty = {
      top: undefined,
      containers: [{ name: 'a', tag: undefined }, clean.containers[0]],
    };
    const out = withoutUndefinedItemKeys(dirty);
    expect(out).not.toBe(dirty);
    expect(Object.keys(out)).toEqual(['top', 'containers']);
    expect(Object.keys(out.containers[0])).toEqual(['name']);
    expect(out.containers[1]).toBe(clean.containers[0]);
    expect(Object.keys(dirty.containers[0])).toEqual(['name', 'tag']);
  });
});
