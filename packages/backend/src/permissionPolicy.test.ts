import { mockCredentials } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import {
  daemonSetDeletePermission,
  daemonSetUpdatePermission,
  daemonSetPodDeletePermission,
  daemonSetPodLogsReadPermission,
  daemonSetRequestApprovePermission,
  daemonSetRequestReadPermission,
  daemonSetStatusReadPermission,
} from '@daemonsets/plugin-daemonset-common';
import { LocalPortalPermissionPolicy } from './permissionPolicy';

const groups: Record<string, string[]> = {
  'user:default/platform': [
    'user:default/platform',
    'group:default/platform-team',
  ],
  'user:default/dev': ['user:default/dev', 'group:default/app-team'],
  'user:default/viewer': ['user:default/viewer', 'group:default/visitors'],
};

const policy = new LocalPortalPermissionPolicy({
  approversGroup: 'group:default/platform-team',
  userInfo: {
    async getUserInfo(credentials: any) {
      const userEntityRef = credentials.principal.userEntityRef;
      return { userEntityRef, ownershipEntityRefs: groups[userEntityRef] };
    },
  },
});

const as = (userEntityRef: string) => ({
  credentials: mockCredentials.user(userEntityRef),
  info: { userEntityRef, ownershipEntityRefs: groups[userEntityRef] },
});

describe('LocalPortalPermissionPolicy', () => {
  it('lets members of the approvers group approve and read every request', async () => {
    for (const permission of [
      daemonSetRequestApprovePermission,
      daemonSetRequestReadPermission,
    ]) {
      await expect(
        policy.handle({ permission }, as('user:default/platform')),
      ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    }
  });

  it('denies approval to everyone else, and lets them read only their own requests', async () => {
    await expect(
      policy.handle(
        { permission: daemonSetRequestApprovePermission },
        as('user:default/dev'),
      ),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
    await expect(
      policy.handle(
        { permission: daemonSetRequestReadPermission },
        as('user:default/dev'),
      ),
    ).resolves.toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'daemonset',
      resourceType: 'daemonset-approval-request',
      conditions: expect.objectContaining({ rule: 'IS_REQUESTER' }),
    });
  });

  it('denies approval without a user', async () => {
    await expect(
      policy.handle({ permission: daemonSetRequestApprovePermission }),
    ).resolves.toMatchObject({ result: AuthorizeResult.DENY });
  });

  it('denies DaemonSet status to members of the visitors group only', async () => {
    await expect(
      policy.handle(
        { permission: daemonSetStatusReadPermission },
        as('user:default/viewer'),
      ),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
    for (const user of ['user:default/dev', 'user:default/platform']) {
      await expect(
        policy.handle({ permission: daemonSetStatusReadPermission }, as(user)),
      ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    }
  });

  it('lets the platform group read pod logs and restart pods, and owners only otherwise', async () => {
    for (const permission of [
      daemonSetPodLogsReadPermission,
      daemonSetPodDeletePermission,
    ]) {
      await expect(
        policy.handle({ permission }, as('user:default/platform')),
      ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
      await expect(
        policy.handle({ permission }, as('user:default/dev')),
      ).resolves.toMatchObject({
        result: AuthorizeResult.CONDITIONAL,
        conditions: {
          rule: 'IS_ENTITY_OWNER',
          params: {
            claims: ['user:default/dev', 'group:default/app-team'],
          },
        },
      });
    }
  });

  it('allows every other permission', async () => {
    const other = createPermission({
      name: 'catalog.entity.read',
      attributes: {},
    });
    await expect(
      policy.handle({ permission: other }, as('user:default/dev')),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });
});

describe('LocalPortalPermissionPolicy: edit, rollback and decommission', () => {
  it('lets the platform group update and delete any DaemonSet, and others only what they own', async () => {
    for (const permission of [
      daemonSetUpdatePermission,
      daemonSetDeletePermission,
    ]) {
      await expect(
        policy.handle({ permission }, as('user:default/platform')),
      ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
      await expect(
        policy.handle({ permission }, as('user:default/viewer')),
      ).resolves.toEqual({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'catalog',
        resourceType: 'catalog-entity',
        conditions: {
          rule: 'IS_ENTITY_OWNER',
          resourceType: 'catalog-entity',
          params: {
            claims: ['user:default/viewer', 'group:default/visitors'],
          },
        },
      });
    }
  });
});
