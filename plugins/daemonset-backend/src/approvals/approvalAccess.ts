import {
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsRegistryService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  createConditionTransformer,
} from '@backstage/plugin-permission-node';
import {
  ApprovalRequest,
  daemonSetRequestApprovePermission,
  daemonSetRequestReadPermission,
} from '@daemonsets/plugin-daemonset-common';
import { ApprovalAccess } from './ApprovalStore';
import { daemonSetApprovalResourceRef } from './permissionRules';

/** A caller of the approval routes: always a user. @internal */
export type UserCredentials = BackstageCredentials<BackstageUserPrincipal>;

/**
 * Answers the approval permissions for one caller, applying conditional decisions to the store
 * query (lists) or to the loaded request (one request).
 *
 * @internal
 */
export class ApprovalPermissions {
  constructor(
    private readonly permissions: PermissionsService,
    private readonly registry: PermissionsRegistryService,
  ) {}

  /** The read access of a caller for list queries; `undefined` means everything. */
  async readAccess(
    credentials: UserCredentials,
  ): Promise<ApprovalAccess | 'none' | undefined> {
    const [decision] = await this.permissions.authorizeConditional(
      [{ permission: daemonSetRequestReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.CONDITIONAL) {
      return decision.result === AuthorizeResult.ALLOW ? undefined : 'none';
    }
    const transform = createConditionTransformer(
      this.registry.getPermissionRuleset(daemonSetApprovalResourceRef),
    );
    return {
      criteria: transform(decision.conditions),
      callerRef: credentials.principal.userEntityRef,
    };
  }

  canRead(
    credentials: UserCredentials,
    request: ApprovalRequest,
  ): Promise<boolean> {
    return this.allows(daemonSetRequestReadPermission, credentials, request);
  }

  /** @throws NotAllowedError without `daemonset.request.approve` on the request. */
  async assertCanApprove(
    credentials: UserCredentials,
    request: ApprovalRequest,
  ): Promise<void> {
    if (
      !(await this.allows(
        daemonSetRequestApprovePermission,
        credentials,
        request,
      ))
    ) {
      throw new NotAllowedError(
        `${credentials.principal.userEntityRef} lacks the permission daemonset.request.approve on approval request ${request.id}`,
      );
    }
  }

  private async allows(
    permission: ResourcePermission,
    credentials: UserCredentials,
    request: ApprovalRequest,
  ): Promise<boolean> {
    const [decision] = await this.permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.CONDITIONAL) {
      return decision.result === AuthorizeResult.ALLOW;
    }
    const authorize = createConditionAuthorizer(
      this.registry.getPermissionRuleset(daemonSetApprovalResourceRef),
    );
    return authorize(decision, {
      request,
      callerRef: credentials.principal.userEntityRef,
    });
  }
}
