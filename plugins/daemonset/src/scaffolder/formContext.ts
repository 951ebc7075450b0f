/*
 * Helpers shared by the DaemonSet field extensions: reading the other answers of the wizard.
 *
 * The scaffolder hands every field `formContext.formData`, the data of the whole form so far
 * (all pages), so a field on a later page can read the cluster and namespace chosen earlier.
 */

/** The `ui:options` that say where a field finds the cluster and namespace. @public */
export interface DaemonSetFieldContextOptions {
  /** The top-level form property holding the cluster name. Default `cluster`. */
  clusterField?: string;
  /** The top-level form property holding the namespace. Default `namespace`. */
  namespaceField?: string;
}

/** The whole form's data from a field's `formContext`, or `{}`. */
export function wizardFormData(formContext: unknown): Record<string, unknown> {
  const data = (formContext as { formData?: unknown } | undefined)?.formData;
  return data && typeof data === 'object' && !Array.isArray(data)
    ? (data as Record<string, unknown>)
    : {};
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== ''
    ? value.trim()
    : undefined;
}

/** The cluster and namespace the user chose, from the whole form's data. */
export function chosenTarget(
  formContext: unknown,
  options: DaemonSetFieldContextOptions | undefined,
): { cluster?: string; namespace?: string } {
  const data = wizardFormData(formContext);
  return {
    cluster: nonEmptyString(data[options?.clusterField ?? 'cluster']),
    namespace: nonEmptyString(data[options?.namespaceField ?? 'namespace']),
  };
}

/**
 * A short message of an unknown thrown value. A ResponseError's own message is generic
 * ("Request failed with 503 ..."); the backend's message is its cause.
 */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    return cause instanceof Error && cause.message
      ? cause.message
      : error.message;
  }
  return String(error);
}
