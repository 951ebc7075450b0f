import type { ApiHolder } from '@backstage/core-plugin-api';
import {
  ApprovalPolicy,
  defaultApprovalPolicy,
} from '@daemonsets/plugin-daemonset-common';
import { daemonSetApiRef } from '../../api';

/** The approval policy the generator will apply, and where it came from. */
export interface LoadedPolicy {
  policy: ApprovalPolicy;
  /** `backend` when read from the daemonset backend, `default` when that was not possible. */
  source: 'backend' | 'default';
  /** Why the backend's policy could not be read. */
  error?: Error;
}

/**
 * Reads the approval policy from the daemonset backend; falls back to
 * `defaultApprovalPolicy` when the API is not registered or the call fails, so validation in
 * the browser still runs (the generator checks again with the real policy).
 */
export async function loadApprovalPolicy(
  apis: ApiHolder | undefined,
): Promise<LoadedPolicy> {
  const api = apis?.get(daemonSetApiRef);
  if (!api) {
    return { policy: defaultApprovalPolicy, source: 'default' };
  }
  try {
    return { policy: await api.getApprovalPolicy(), source: 'backend' };
  } catch (error) {
    return {
      policy: defaultApprovalPolicy,
      source: 'default',
      error: error instanceof Error ? error : new Error(String(error)),
    };
  }
}
