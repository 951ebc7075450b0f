import {
  isEmptySection,
  isUntouchedSection,
  withoutEmpty,
} from './isEmptySection';

describe('isEmptySection', () => {
  it.each([
    undefined,
    null,
    '',
    [],
    {},
    { postStart: { exec: { command: [] } } },
    { env: [], ports: [{}], lifecycle: { preStop: undefined } },
  ])('treats %j as empty', value => {
    expect(isEmptySection(value)).toBe(true);
  });

  it.each([0, false, 'x', [1], { a: { b: ['c'] } }, { enabled: false }])(
    'treats %j as holding something',
    value => {
      expect(isEmptySection(value)).toBe(false);
    },
  );

  it('keeps only the non-empty parts', () => {
    expect(withoutEmpty({ a: [], b: { c: 1, d: {} }, e: [{}, 'x'] })).toEqual({
      b: { c: 1 },
      e: ['x'],
    });
  });
});

describe('isUntouchedSection', () => {
  it('treats a value equal to the defaults as untouched', () => {
    const defaults = { policy: 'append', nameservers: [] };
    expect(isUntouchedSection({ policy: 'append' }, defaults)).toBe(true);
    expect(
      isUntouchedSection({ policy: 'append', searches: [] }, defaults),
    ).toBe(true);
    expect(isUntouchedSection(undefined, defaults)).toBe(true);
    expect(isUntouchedSection({ policy: 'replace' }, defaults)).toBe(false);
    expect(
      isUntouchedSection(
        { policy: 'append', nameservers: ['1.1.1.1'] },
        defaults,
      ),
    ).toBe(false);
  });
});
