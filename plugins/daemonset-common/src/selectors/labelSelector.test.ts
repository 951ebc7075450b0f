import {
  formatLabelSelector,
  matchesLabelRequirements,
  parseLabelSelector,
  structuredSelectorToString,
} from './labelSelector';

describe('matchesLabelRequirements', () => {
  it.each([
    ['a=b', { a: 'b' }, true],
    ['a==b', { a: 'c' }, false],
    ['a!=b', {}, true],
    ['a!=b', { a: 'b' }, false],
    ['a in (x, y),b', { a: 'y', b: '' }, true],
    ['a notin (x,y)', { a: 'x' }, false],
    ['!a', { a: '1' }, false],
    ['example.com/tier=node', { 'example.com/tier': 'node' }, true],
    ['cores>4', { cores: '8' }, true],
    ['cores>4', { cores: '4' }, false],
    ['cores<4', { cores: 'many' }, false],
    ['cores<4', {}, false],
  ])('%j on %j is %s', (selector, labels, expected) => {
    expect(matchesLabelRequirements(parseLabelSelector(selector), labels)).toBe(
      expected,
    );
  });
});

describe('parseLabelSelector', () => {
  it('reads every operator and formats canonically', () => {
    const requirements = parseLabelSelector(
      'tier notin (b, a), app=x,!legacy,  env in (prod), example.com/team==t, zone!=z, gpu',
    );
    expect(formatLabelSelector(requirements)).toBe(
      '!legacy,app=x,env=prod,example.com/team=t,gpu,tier notin (a,b),zone!=z',
    );
  });

  it('reads the numeric operators as Kubernetes does (a>1, a<1)', () => {
    expect(parseLabelSelector('a>1, example.com/b < 20')).toEqual([
      { key: 'a', operator: 'Gt', values: ['1'] },
      { key: 'example.com/b', operator: 'Lt', values: ['20'] },
    ]);
    expect(formatLabelSelector(parseLabelSelector('b<20,a > 1'))).toBe(
      'a>1,b<20',
    );
  });

  it.each([
    ['', 'empty'],
    ['a>x', 'must be an integer'],
    ['a<', 'must be an integer'],
    ['a>-1', 'not a valid label value'],
    ['app=x,', 'empty requirement'],
    ['app in (a,b', 'cannot parse'],
    ['app=a b', 'cannot parse'],
    ['-app=x', 'not a valid label key'],
    ['Bad_Prefix/app=x', 'invalid prefix'],
    [`app=${'v'.repeat(64)}`, 'not a valid label value'],
    ['app in ()', 'needs at least one value'],
  ])('rejects %j (%s)', (text, message) => {
    expect(() => parseLabelSelector(text)).toThrow(message);
  });
});

describe('structuredSelectorToString', () => {
  it('turns a DaemonSet selector into the same canonical string', () => {
    expect(
      structuredSelectorToString({
        matchLabels: { app: 'x' },
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['b', 'a'] },
          { key: 'legacy', operator: 'DoesNotExist' },
        ],
      }),
    ).toBe('!legacy,app=x,tier in (a,b)');
    expect(structuredSelectorToString({})).toBeUndefined();
  });
});

describe('label formats', () => {
  const longPrefix = `${'a'.repeat(251)}.io`; // 254 characters: one over the limit
  it.each([
    `${'k'.repeat(63)}=v`,
    `${'a'.repeat(250)}.io/k=v`,
    `k=${'v'.repeat(63)}`,
  ])('accept %j as the wizard schema does', text => {
    expect(parseLabelSelector(text)).toHaveLength(1);
  });
  it.each([
    [`${'k'.repeat(64)}=v`, 'not a valid label key'],
    [`${longPrefix}/k=v`, 'invalid prefix'],
    ['/k=v', 'invalid prefix'],
    ['a/b/c=v', 'not a valid label key'],
    ['k=-v', 'not a valid label value'],
  ])('reject %j as the wizard schema does (%s)', (text, message) => {
    expect(() => parseLabelSelector(text)).toThrow(message);
  });
});
