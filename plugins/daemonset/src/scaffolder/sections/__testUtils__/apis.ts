import type { ApiHolder, ApiRef } from '@backstage/core-plugin-api';
import {
  ApprovalPolicy,
  defaultApprovalPolicy,
} from '@daemonsets/plugin-daemonset-common';
import { DaemonSetApi, daemonSetApiRef } from '../../../api';

/** A DaemonSetApi whose getApprovalPolicy answers `policy` (or fails with `error`). */
export function policyApi(
  policy: ApprovalPolicy = defaultApprovalPolicy,
  error?: Error,
): Partial<DaemonSetApi> {
  return {
    getApprovalPolicy: jest.fn(async () => {
      if (error) {
        throw error;
      }
      return policy;
    }),
  };
}

/** An ApiHolder holding only the DaemonSetApi, as the Stepper passes to validators. */
export function apiHolderWith(api?: Partial<DaemonSetApi>): ApiHolder {
  return {
    get: <T>(ref: ApiRef<T>) =>
      (api && ref.id === daemonSetApiRef.id ? api : undefined) as T | undefined,
  };
}
