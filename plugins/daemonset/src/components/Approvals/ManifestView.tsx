import { Box, Typography } from '@material-ui/core';
import { makeStyles } from '@material-ui/core/styles';
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { daemonSetApiRef } from '../../api';
import { findRiskyLines } from './riskyLines';

const useStyles = makeStyles(theme => ({
  code: {
    fontFamily: 'monospace',
    fontSize: 13,
    overflowX: 'auto',
    margin: 0,
  },
  line: { whiteSpace: 'pre', display: 'flex' },
  number: {
    color: theme.palette.text.secondary,
    minWidth: 40,
    textAlign: 'right',
    paddingRight: 12,
    userSelect: 'none',
  },
  risky: {
    backgroundColor: 'rgba(237, 108, 2, 0.18)',
    borderLeft: `3px solid ${theme.palette.warning.main}`,
  },
  reason: {
    marginLeft: 16,
    color: theme.palette.warning.dark,
    fontStyle: 'italic',
  },
}));

/**
 * The exact manifest of a request, line by line, with the lines the approval policy is about
 * marked and labelled (privileged, host network, host path, protected namespace, registry).
 */
export function ManifestView(props: { manifest: string }) {
  const classes = useStyles();
  const api = useApi(daemonSetApiRef);
  const policy = useAsync(() => api.getApprovalPolicy(), [api]);
  const risky = new Map(
    policy.value
      ? findRiskyLines(props.manifest, policy.value).map(r => [
          r.line,
          r.reason,
        ])
      : [],
  );

  return (
    <Box>
      {policy.error && (
        <Typography variant="body2" color="textSecondary">
          Risky lines are not marked: the approval policy could not be read (
          {policy.error.message}).
        </Typography>
      )}
      <pre className={classes.code} data-testid="approval-manifest">
        {props.manifest.split('\n').map((text, index) => {
          const reason = risky.get(index + 1);
          return (
            <div
              key={index}
              className={`${classes.line} ${reason ? classes.risky : ''}`}
              data-testid={reason ? 'risky-line' : undefined}
              aria-label={reason ? `line ${index + 1}: ${reason}` : undefined}
            >
              <span className={classes.number}>{index + 1}</span>
              <span>{text}</span>
              {reason && <span className={classes.reason}>← {reason}</span>}
            </div>
          );
        })}
      </pre>
    </Box>
  );
}
