import { Fragment, useEffect, useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { CodeSnippet, Progress } from '@backstage/core-components';
import { useApiHolder } from '@backstage/core-plugin-api';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { loadApprovalPolicy } from './approvalPolicy';
import { describePath } from './describePath';
import { EditDiff } from './EditDiff';
import { reviewInput } from './review';
import { summarizeInput, SummaryLine } from './summary';
import { toWizardInput } from './wizardInput';

const useStyles = makeStyles(theme => ({
  heading: {
    marginTop: theme.spacing(2),
    marginBottom: theme.spacing(1),
  },
  lines: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.5),
    margin: 0,
    '& dt': { color: theme.palette.text.secondary },
    '& dd': { margin: 0, wordBreak: 'break-word' },
  },
  container: {
    marginTop: theme.spacing(1),
    paddingLeft: theme.spacing(2),
    borderLeft: `2px solid ${theme.palette.divider}`,
  },
  approval: {
    padding: theme.spacing(2),
    borderRadius: theme.shape.borderRadius,
    border: `1px solid ${theme.palette.warning.main}`,
    borderLeft: `6px solid ${theme.palette.warning.main}`,
    backgroundColor:
      theme.palette.type === 'dark'
        ? theme.palette.background.paper
        : theme.palette.warning.light,
    color:
      theme.palette.type === 'dark'
        ? theme.palette.text.primary
        : theme.palette.getContrastText(theme.palette.warning.light),
  },
  problems: {
    padding: theme.spacing(2),
    borderRadius: theme.shape.borderRadius,
    borderLeft: `6px solid ${theme.palette.error.main}`,
    backgroundColor: theme.palette.background.paper,
  },
  path: {
    fontFamily: 'monospace',
    color: theme.palette.text.secondary,
  },
}));

function Lines(props: { lines: SummaryLine[]; label: string }) {
  const classes = useStyles();
  return (
    <dl className={classes.lines} aria-label={props.label}>
      {props.lines.map(line => (
        <Fragment key={line.label}>
          <dt>{line.label}</dt>
          <dd>{line.value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

function initialValue(type: unknown): unknown {
  switch (Array.isArray(type) ? type[0] : type) {
    case 'null':
      return null;
    case 'string':
      return 'reviewed';
    case 'object':
      return {};
    default:
      return true;
  }
}

/** The DaemonSet an edit changes: set when the tab's Edit opened the form (a `baseRevision`). */
function editOf(
  formData: unknown,
): { cluster: string; namespace: string; name: string } | undefined {
  const data = (formData ?? {}) as Record<string, unknown>;
  const { baseRevision, cluster, namespace, name } = data;
  if (
    typeof baseRevision !== 'number' ||
    typeof cluster !== 'string' ||
    typeof namespace !== 'string' ||
    typeof name !== 'string'
  ) {
    return undefined;
  }
  return { cluster, namespace, name };
}

/**
 * The last page of the DaemonSet wizard: a summary in the wizard's words, the manifests the
 * generator will create, and whether they need platform approval. Reads the whole form from
 * `formContext.formData`; its own property is a placeholder.
 */
export const DaemonSetReview = (
  props: FieldExtensionComponentProps<unknown>,
) => {
  const classes = useStyles();
  const apiHolder = useApiHolder();
  const { formData: ownValue, onChange, schema } = props;
  const formData = (props.formContext as { formData?: unknown } | undefined)
    ?.formData;

  // The scaffolder only runs a field's validation when its property has a value.
  useEffect(() => {
    if (ownValue === undefined) {
      onChange(initialValue(schema.type));
    }
  }, [ownValue, onChange, schema.type]);

  const policy = useAsync(() => loadApprovalPolicy(apiHolder), [apiHolder]);
  const input = useMemo(() => toWizardInput(formData), [formData]);
  const summary = useMemo(() => summarizeInput(formData), [formData]);
  const outcome = useMemo(
    () =>
      policy.value ? reviewInput(formData, policy.value.policy) : undefined,
    [formData, policy.value],
  );

  return (
    <Box>
      <Typography variant="h6" component="h2" className={classes.heading}>
        Summary
      </Typography>
      <Lines lines={summary.workload} label="Workload" />
      {summary.containers.map((container, i) => (
        <Box key={i} className={classes.container}>
          <Typography variant="subtitle2" component="h3">
            Container {container.name}
          </Typography>
          <Lines
            label={`Container ${container.name}`}
            lines={[
              { label: 'Image', value: container.image },
              { label: 'Requests', value: container.requests },
              ...(container.limits
                ? [{ label: 'Limits', value: container.limits }]
                : []),
              {
                label: 'Optional sections',
                value:
                  container.sections.length > 0
                    ? container.sections.join('; ')
                    : 'none',
              },
            ]}
          />
        </Box>
      ))}
      {summary.pod.length > 0 && (
        <Box mt={1}>
          <Lines lines={summary.pod} label="Pod" />
        </Box>
      )}

      <Typography variant="h6" component="h2" className={classes.heading}>
        Manifests
      </Typography>
      {!outcome && <Progress />}
      {outcome?.valid === true && (
        <div data-testid="daemonset-review-yaml">
          <CodeSnippet
            text={outcome.result.yaml}
            language="yaml"
            showCopyCodeButton
          />
        </div>
      )}
      {outcome?.valid === true && editOf(formData) && (
        <>
          <Typography variant="h6" component="h2" className={classes.heading}>
            Changes to what runs
          </Typography>
          <EditDiff {...editOf(formData)!} manifest={outcome.result.yaml} />
        </>
      )}
      {outcome?.valid === false && (
        <Box
          className={classes.problems}
          role="alert"
          data-testid="daemonset-review-problems"
        >
          <Typography variant="body1">
            The manifests cannot be generated yet. Fix{' '}
            {outcome.problems.length === 1
              ? 'this problem'
              : `these ${outcome.problems.length} problems`}{' '}
            first:
          </Typography>
          <ul>
            {outcome.problems.map((problem, i) => (
              <li key={i}>
                <strong>{describePath(problem.path, input)}</strong>
                {problem.path && (
                  <span className={classes.path}> ({problem.path})</span>
                )}
                : {problem.message}
              </li>
            ))}
          </ul>
        </Box>
      )}

      <Typography variant="h6" component="h2" className={classes.heading}>
        Approval
      </Typography>
      {policy.value?.source === 'default' && (
        <Typography variant="body2" color="textSecondary" paragraph>
          The platform's approval policy could not be read
          {policy.value.error ? ` (${policy.value.error.message})` : ''}; the
          default policy is shown. The generator applies the configured one.
        </Typography>
      )}
      {outcome?.valid === true && outcome.result.approvalRequired && (
        <Box
          className={classes.approval}
          data-testid="daemonset-review-approval"
        >
          <Typography variant="body1">
            <strong>Needs platform approval because:</strong>
          </Typography>
          <ul>
            {outcome.result.approvalReasons.map((reason, i) => (
              <li key={i}>{reason}</li>
            ))}
          </ul>
          <Typography variant="body2">
            Pressing Create files an approval request; the DaemonSet is applied
            once an approver accepts it.
          </Typography>
        </Box>
      )}
      {outcome?.valid === true && !outcome.result.approvalRequired && (
        <Typography variant="body1">
          No approval needed: the DaemonSet is applied when you press Create.
        </Typography>
      )}
      {outcome?.valid === false && (
        <Typography variant="body1">
          Whether approval is needed is known once the problems above are fixed.
        </Typography>
      )}
    </Box>
  );
};
