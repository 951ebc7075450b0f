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
  daemonSetRequestApprovePermission,
  daemonSetRequestReadPermission,
} from '@daemonsets/plugin-daemonset-common';

/** The approvers when `daemonset.approval.approversGroup` is not configured. */
const DEFAULT_APPROVERS_GROUP = 'group:default/platform-team';

/**
 * The local portal's policy: members of the approvers group approve DaemonSet requests and read
 * all of them; everyone else reads only their own and approves none; everything else is allowed.
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
    const approveOrRead =
      isPermission(permission, daemonSetRequestApprovePermission) ||
      isPermission(permission, daemonSetRequestReadPermission);
    if (!approveOrRead) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (user && (await this.isApprover(user))) {
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

  private async isApprover(user: PolicyQueryUser): Promise<boolean> {
    const { ownershipEntityRefs } = await this.options.userInfo.getUserInfo(
      user.credentials,
    );
    return ownershipEntityRefs.includes(this.options.approversGroup);
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
