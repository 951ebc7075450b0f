import { ConfigReader } from '@backstage/config';
import { readApprovalConfig } from './readApprovalConfig';

const read = (approval?: object) =>
  readApprovalConfig(new ConfigReader({ daemonset: { approval } }));

describe('readApprovalConfig', () => {
  it('defaults to portal mode, 7 days, no approvers group', () => {
    expect(read()).toEqual({
      mode: 'portal',
      expireAfterMs: 7 * 24 * 3600 * 1000,
    });
  });

  it('reads a duration string or object and the approvers group', () => {
    expect(
      read({
        mode: 'pull-request',
        expireAfter: '12h',
        approversGroup: 'group:default/platform-team',
      }),
    ).toEqual({
      mode: 'pull-request',
      expireAfterMs: 12 * 3600 * 1000,
      approversGroup: 'group:default/platform-team',
    });
    expect(read({ expireAfter: { days: 2 } }).expireAfterMs).toBe(
      2 * 24 * 3600 * 1000,
    );
  });

  it('names the key of an invalid value', () => {
    expect(() => read({ mode: 'email' })).toThrow(/daemonset\.approval\.mode/);
    expect(() => read({ expireAfter: 'soon' })).toThrow(
      /daemonset\.approval\.expireAfter/,
    );
    expect(() => read({ approversGroup: 'user:default/dev' })).toThrow(
      /daemonset\.approval\.approversGroup/,
    );
  });
});
