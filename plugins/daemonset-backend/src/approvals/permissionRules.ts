import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  ApprovalRequest,
  DAEMONSET_APPROVAL_RESOURCE_TYPE,
} from '@daemonsets/plugin-daemonset-common';

/**
 * An approval request as the permission rules see it: with the caller it is checked for, since
 * rules such as `isRequester` compare the request with whoever asks.
 *
 * @public
 */
export interface ApprovalResource {
  /** The request checked. */
  request: ApprovalRequest;
  /** User entity ref of the caller. */
  callerRef: string;
}

/**
 * A condition of the approval rules translated for the store's query.
 *
 * @public
 */
export type ApprovalQuery = { kind: 'isRequester' };

/**
 * The permission resource of DaemonSet approval requests.
 *
 * @public
 */
export const daemonSetApprovalResourceRef = createPermissionResourceRef<
  ApprovalResource,
  ApprovalQuery
>().with({
  pluginId: 'daemonset',
  resourceType: DAEMONSET_APPROVAL_RESOURCE_TYPE,
});

const isRequester = createPermissionRule({
  name: 'IS_REQUESTER',
  description: 'Allows only the person who filed the approval request',
  resourceRef: daemonSetApprovalResourceRef,
  apply: (resource: ApprovalResource) =>
    resource.request.requester === resource.callerRef,
  toQuery: (): ApprovalQuery => ({ kind: 'isRequester' }),
});

/** Every rule of the approval resource. @internal */
export const approvalPermissionRules = { isRequester };

const { conditions, createConditionalDecision } = createConditionExports({
  resourceRef: daemonSetApprovalResourceRef,
  rules: approvalPermissionRules,
});

/**
 * Conditions of DaemonSet approval requests for permission policies: `isRequester()` matches the
 * requests whose requester is the caller.
 *
 * @public
 */
export const daemonSetApprovalConditions = conditions;

/**
 * Builds a conditional decision on `daemonset.request.read` or `daemonset.request.approve`, like
 * the catalog's `createCatalogConditionalDecision`.
 *
 * @public
 */
export const createDaemonSetApprovalConditionalDecision =
  createConditionalDecision;
