import { Box, Typography } from '@material-ui/core';
import { makeStyles } from '@material-ui/core/styles';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { daemonSetApiRef } from '../../api';
import { diffAgainstLive } from './liveDiff';

const useStyles = makeStyles({
  code: { fontFamily: 'monospace', fontSize: 13, margin: 0, overflowX: 'auto' },
  added: { backgroundColor: 'rgba(46, 125, 50, 0.18)', whiteSpace: 'pre' },
  removed: { backgroundColor: 'rgba(211, 47, 47, 0.18)', whiteSpace: 'pre' },
  same: { whiteSpace: 'pre' },
});

const marks = { added: '+', removed: '-', same: ' ' } as const;

/**
 * What applying the request would change compared with what runs now in the cluster, object by
 * object, limited to the fields the request sets.
 */
export function LiveDiffView(props: { id: string; manifest: string }) {
  const classes = useStyles();
  const api = useApi(daemonSetApiRef);
  const { id, manifest } = props;
  const live = useAsync(() => api.getApprovalLiveObjects(id), [api, id]);

  if (live.loading) return <Progress />;
  if (live.error) return <ResponseErrorPanel error={live.error} />;
  const diffs = diffAgainstLive(manifest, live.value?.objects ?? []);
  if (diffs.every(d => d.status === 'new')) {
    return (
      <Typography variant="body2" data-testid="approval-live-none">
        Nothing of this request runs in the cluster yet: every object is new.
      </Typography>
    );
  }
  return (
    <Box data-testid="approval-live-diff">
      <Typography variant="body2" color="textSecondary" paragraph>
        The fields this request sets, compared with what runs now (− now, +
        after approval).
      </Typography>
      {diffs.map(diff => (
        <Box key={diff.title} mb={2}>
          <Typography variant="subtitle2">
            {diff.title}: {diff.status}
          </Typography>
          {diff.status !== 'unchanged' && (
            <pre className={classes.code}>
              {diff.lines.map((line, index) => (
                <div key={index} className={classes[line.kind]}>
                  {marks[line.kind]} {line.text}
                </div>
              ))}
            </pre>
          )}
        </Box>
      ))}
    </Box>
  );
}
