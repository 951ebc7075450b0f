import {
  coreServices,
  createBackendModule,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  createDaemonSetApprovalConditionalDecision,
  daemonSetApprovalConditions,
} from '@daemonsets/plugin-daemonset-backend';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  daemonSetDeletePermission,
  daemonSetPodDeletePermission,
  daemonSetPodLogsReadPermission,
  daemonSetUpdatePermission,
  daemonSetRequestApprovePermission,
  daemonSetRequestReadPermission,
  daemonSetStatusReadPermission,
} from '@daemonsets/plugin-daemonset-common';

/** The approvers when `daemonset.approval.approversGroup` is not configured. */
const DEFAULT_APPROVERS_GROUP = 'group:default/platform-team';

/**
 * Members of this group (the local portal's `viewer` identity) may not read cluster state: the
 * portal's example of a denied `daemonset.status.read`, walked by the browser tests.
 */
export const STATUS_DENIED_GROUP = 'group:default/visitors';

/**
 * The local portal's policy: members of the approvers group approve DaemonSet requests and read
 * all of them; everyone else reads only their own and approves none; members of
 * {@link STATUS_DENIED_GROUP} may not read DaemonSet status; everything else is allowed.
 */
export class LocalPortalPermissionPolicy implements PermissionPolicy {
  constructor(
    private readonly options: {
      approversGroup: string;
      userInfo: UserInfoService;
    },
  ) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    if (isPermission(permission, daemonSetStatusReadPermission)) {
      const denied = user && (await this.isMemberOf(user, STATUS_DENIED_GROUP));
      return { result: denied ? AuthorizeResult.DENY : AuthorizeResult.ALLOW };
    }
    if (
      isPermission(permission, daemonSetUpdatePermission) ||
      isPermission(permission, daemonSetDeletePermission) ||
      isPermission(permission, daemonSetPodLogsReadPermission) ||
      isPermission(permission, daemonSetPodDeletePermission)
    ) {
      // Edit, rollback, decommission, pod logs and restarts: the platform group, else the
      // entity's owners only.
      if (user && (await this.isMemberOf(user, this.options.approversGroup))) {
        return { result: AuthorizeResult.ALLOW };
      }
      return createCatalogConditionalDecision(
        permission,
        catalogConditions.isEntityOwner({
          claims: user?.info.ownershipEntityRefs ?? [],
        }),
      );
    }
    const approveOrRead =
      isPermission(permission, daemonSetRequestApprovePermission) ||
      isPermission(permission, daemonSetRequestReadPermission);
    if (!approveOrRead) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (user && (await this.isMemberOf(user, this.options.approversGroup))) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (isPermission(permission, daemonSetRequestReadPermission)) {
      return createDaemonSetApprovalConditionalDecision(
        permission,
        daemonSetApprovalConditions.isRequester(),
      );
    }
    return { result: AuthorizeResult.DENY };
  }

  private async isMemberOf(
    user: PolicyQueryUser,
    group: string,
  ): Promise<boolean> {
    const { ownershipEntityRefs } = await this.options.userInfo.getUserInfo(
      user.credentials,
    );
    return ownershipEntityRefs.includes(group);
  }
}

/**
 * Installs {@link LocalPortalPermissionPolicy}, with the approvers group read from
 * `daemonset.approval.approversGroup` (the group the approval notifications go to).
 */
export const localPortalPermissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'local-portal-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
        userInfo: coreServices.userInfo,
      },
      async init({ policy, config, userInfo }) {
        policy.setPolicy(
          new LocalPortalPermissionPolicy({
            approversGroup:
              config.getOptionalString('daemonset.approval.approversGroup') ??
              DEFAULT_APPROVERS_GROUP,
            userInfo,
          }),
        );
      },
    });
  },
});
