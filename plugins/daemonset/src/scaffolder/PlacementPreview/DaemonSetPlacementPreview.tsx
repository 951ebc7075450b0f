import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import type { PlacementPreview } from '@daemonsets/plugin-daemonset-common';
import { chosenTarget, errorMessage, wizardFormData } from '../formContext';
import { describeCost, describeExcluded } from './format';
import { usePlacementPreview } from './usePlacementPreview';

/**
 * The `ui:options` of the `DaemonSetPlacementPreview` field ({@link daemonSetPlacementPreviewOptions}).
 *
 * @public
 */
export interface DaemonSetPlacementPreviewUiOptions {
  /** The top-level form property holding the cluster name. Default `cluster`. */
  clusterField?: string;
}

/** The message of a failed preview: unreachable clusters are named as such. */
export function describePreviewError(cluster: string, error: Error): string {
  const status = (error as { statusCode?: unknown }).statusCode;
  if (status === 502 || status === 503 || status === 504) {
    return `Cluster ${cluster} is unreachable: ${errorMessage(error)}`;
  }
  if (status === 404) {
    return `Cluster ${cluster} is not configured in the portal: ${errorMessage(
      error,
    )}`;
  }
  return `Could not preview the placement on ${cluster}: ${errorMessage(
    error,
  )}`;
}

function PreviewResult({ preview }: { preview: PlacementPreview }) {
  return (
    <>
      <Typography
        variant="body1"
        data-testid="daemonset-placement-summary"
        gutterBottom
      >
        {preview.totalNodes === 0
          ? `${preview.cluster} has no nodes.`
          : `Will run on ${preview.eligibleNodes} of ${preview.totalNodes} nodes`}
      </Typography>
      {preview.excluded.length > 0 && (
        <Box component="ul" aria-label="Excluded nodes" m={0} pl={3}>
          {preview.excluded.map(group => (
            <li
              key={`${group.kind}:${group.reason}`}
              data-testid="daemonset-placement-excluded"
            >
              <Typography variant="body2" component="span">
                {describeExcluded(group)}
              </Typography>
              {group.examples.length > 0 && (
                <Typography
                  variant="caption"
                  color="textSecondary"
                  component="div"
                >
                  e.g. {group.examples.join(', ')}
                  {group.count > group.examples.length ? ', …' : ''}
                </Typography>
              )}
            </li>
          ))}
        </Box>
      )}
      <Typography
        variant="body2"
        data-testid="daemonset-placement-cost"
        style={{ marginTop: 8 }}
      >
        {describeCost(preview)}
      </Typography>
    </>
  );
}

/**
 * Where the DaemonSet would run (`ui:field: DaemonSetPlacementPreview`): renders no input and
 * writes nothing. Put it on a placeholder property of the page with the scheduling fields; it
 * reads the cluster, `scheduling`, `serverlessBursting` and the containers' `resources` and `gpu`
 * from the whole form and asks the backend, debounced, on every change of them.
 *
 * @public
 */
export function DaemonSetPlacementPreview(
  props: FieldExtensionComponentProps<
    unknown,
    DaemonSetPlacementPreviewUiOptions
  >,
) {
  const { formContext, uiSchema, schema } = props;
  const { cluster } = chosenTarget(formContext, uiSchema?.['ui:options']);
  const state = usePlacementPreview(cluster, wizardFormData(formContext));
  const loading = state.status === 'loading';
  let shown: PlacementPreview | undefined;
  if (state.status === 'done') shown = state.preview;
  if (state.status === 'loading') shown = state.previous;

  return (
    <Box
      role="status"
      aria-label="Placement preview"
      aria-busy={loading}
      data-testid="daemonset-placement-preview"
      my={1}
      p={2}
      border={1}
      borderColor="divider"
      borderRadius={4}
    >
      <Typography variant="h6" component="h3">
        {schema?.title ?? 'Placement preview'}
      </Typography>
      {schema?.description && (
        <Typography variant="caption" color="textSecondary" component="p">
          {schema.description}
        </Typography>
      )}
      {loading && (
        <LinearProgress
          aria-label="Updating the placement preview"
          data-testid="daemonset-placement-loading"
        />
      )}
      {!cluster && (
        <Typography variant="body2" data-testid="daemonset-placement-message">
          Choose a cluster to see on which of its nodes the DaemonSet would run.
        </Typography>
      )}
      {cluster && state.status === 'error' && (
        <Typography
          variant="body2"
          color="error"
          data-testid="daemonset-placement-message"
        >
          {describePreviewError(cluster, state.error)}
        </Typography>
      )}
      {cluster && shown && <PreviewResult preview={shown} />}
    </Box>
  );
}
