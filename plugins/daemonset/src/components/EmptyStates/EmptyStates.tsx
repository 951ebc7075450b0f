import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { CodeSnippet, EmptyState } from '@backstage/core-components';
import { Entity } from '@backstage/catalog-model';
import {
  KUBERNETES_ID_ANNOTATION,
  KUBERNETES_LABEL_SELECTOR_ANNOTATION,
} from '../../annotations';

function annotationSnippet(entity: Entity): string {
  return `apiVersion: ${entity.apiVersion}
kind: ${entity.kind}
metadata:
  name: ${entity.metadata.name}
  annotations:
    ${KUBERNETES_ID_ANNOTATION}: ${entity.metadata.name}
    # or select the pods' labels directly:
    # ${KUBERNETES_LABEL_SELECTOR_ANNOTATION}: 'app.kubernetes.io/name=${entity.metadata.name}'`;
}

/**
 * Explains which annotation to add for the tab to find the entity's DaemonSets.
 *
 * @public
 */
export const MissingAnnotationState = (props: { entity: Entity }) => (
  <div data-testid="daemonset-missing-annotation">
    <EmptyState
      missing="field"
      title="No DaemonSet annotation on this entity"
      description={`Add the ${KUBERNETES_ID_ANNOTATION} annotation (the value of the backstage.io/kubernetes-id label on your DaemonSet's pods) or ${KUBERNETES_LABEL_SELECTOR_ANNOTATION} (a label selector) to the entity's catalog-info.yaml.`}
      action={
        <Box maxWidth={720}>
          <CodeSnippet
            language="yaml"
            text={annotationSnippet(props.entity)}
            showCopyCodeButton
          />
        </Box>
      }
    />
  </div>
);

/**
 * Shown when no cluster has a DaemonSet matching the entity: the lookup the entity asks for and
 * the clusters searched.
 *
 * @public
 */
export const NoDaemonSetFoundState = (props: {
  entity: Entity;
  clusters: string[];
}) => {
  const annotations = Object.entries(props.entity.metadata.annotations ?? {})
    .filter(([key]) => key.startsWith('backstage.io/kubernetes'))
    .map(([key, value]) => `${key}: ${value}`);
  return (
    <div data-testid="daemonset-none-found">
      <EmptyState
        missing="data"
        title="No DaemonSet found for this entity"
        description={
          props.clusters.length === 0
            ? 'The daemonset backend has no clusters configured. Ask your Backstage admin to add clusters under kubernetes.clusterLocatorMethods (type config) in app-config.'
            : `No DaemonSet in ${props.clusters.join(
                ', ',
              )} matches this entity. Check that the DaemonSet's pods carry the label the annotation names and that the DaemonSet is in a namespace the backend reads.`
        }
        action={
          annotations.length > 0 ? (
            <Box maxWidth={720}>
              <Typography variant="body2" gutterBottom>
                The entity's Kubernetes annotations:
              </Typography>
              <CodeSnippet language="yaml" text={annotations.join('\n')} />
            </Box>
          ) : undefined
        }
      />
    </div>
  );
};

/** How a failure to read the status is explained. */
export function describeError(error: Error): {
  title: string;
  description: string;
  kind: 'auth' | 'permission' | 'notFound' | 'badRequest' | 'unreachable';
} {
  const status = (error as Error & { statusCode?: number }).statusCode;
  // A ResponseError's own message is generic; the backend's message is its cause.
  const cause = (error as Error & { cause?: unknown }).cause;
  const message =
    cause instanceof Error && cause.message ? cause.message : error.message;
  switch (status) {
    case 401:
      return {
        kind: 'auth',
        title: 'Sign-in required',
        description:
          'Your session is missing or has expired. Sign in again and reload the page.',
      };
    case 403:
      return {
        kind: 'permission',
        title: 'No permission',
        description:
          "You don't have permission to view DaemonSet status (daemonset.status.read). Ask your Backstage admin.",
      };
    case 404:
      return {
        kind: 'notFound',
        title: 'Entity not found',
        description:
          'The daemonset backend could not find this entity, or you are not allowed to see it. It may have been renamed or removed from the catalog; refresh the catalog entry. If every entity shows this, check that the daemonset backend plugin is installed.',
      };
    case 400:
      return {
        kind: 'badRequest',
        title: 'Invalid DaemonSet annotation',
        description: `${message}. Fix the annotation in the entity's catalog-info.yaml.`,
      };
    default:
      return {
        kind: 'unreachable',
        title: 'DaemonSet backend unreachable',
        description: `Could not read DaemonSet status: ${message}. Check that the backend is running with the daemonset plugin installed; the tab keeps retrying.`,
      };
  }
}

/**
 * Explains a failure to read the status and what to do about it.
 *
 * @public
 */
export const StatusErrorState = (props: { error: Error }) => {
  const { title, description, kind } = describeError(props.error);
  return (
    <div data-testid="daemonset-error" data-error-kind={kind} role="alert">
      <EmptyState
        missing={
          kind === 'notFound' || kind === 'badRequest' ? 'field' : 'info'
        }
        title={title}
        description={description}
      />
    </div>
  );
};
