import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Switch from '@material-ui/core/Switch';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useEffect, useState } from 'react';
import { DaemonSetApi, DaemonSetEntityRef, PodLocator } from '../../api';

/** Props of {@link PodLogsPanel}. @public */
export interface PodLogsPanelProps {
  api: DaemonSetApi;
  entityRef: DaemonSetEntityRef;
  pod: PodLocator;
  /** The pod's containers, the first one shown by default. */
  containers: string[];
}

/** How much of a log the panel keeps on screen while following. */
const MAX_SHOWN_CHARS = 256 * 1024;

/**
 * A container's log: choice of container, current or previous instance, the last N lines,
 * follow (streamed until turned off or the panel closes) and download.
 *
 * @public
 */
export const PodLogsPanel = ({
  api,
  entityRef,
  pod,
  containers,
}: PodLogsPanelProps) => {
  const [container, setContainer] = useState(containers[0] ?? '');
  const [previous, setPrevious] = useState(false);
  const [follow, setFollow] = useState(false);
  const [tailLines, setTailLines] = useState(200);
  const [text, setText] = useState('');
  const [error, setError] = useState<Error>();
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    if (!api.readPodLogs || !container) return undefined;
    const controller = new AbortController();
    setText('');
    setError(undefined);
    setLoading(true);
    api
      .readPodLogs(
        entityRef,
        pod,
        { container, previous, follow: follow && !previous, tailLines },
        chunk => {
          setLoading(false);
          setText(t => (t + chunk).slice(-MAX_SHOWN_CHARS));
        },
        controller.signal,
      )
      .catch(e => {
        if (!controller.signal.aborted) setError(e as Error);
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [
    api,
    entityRef.kind,
    entityRef.namespace,
    entityRef.name,
    pod.cluster,
    pod.namespace,
    pod.name,
    container,
    previous,
    follow,
    tailLines,
  ]);

  const download = async () => {
    if (!api.downloadPodLogs) return;
    try {
      const { blob, fileName } = await api.downloadPodLogs(entityRef, pod, {
        container,
        previous,
        tailLines,
      });
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = fileName;
      a.click();
      URL.revokeObjectURL(url);
    } catch (e) {
      setError(e as Error);
    }
  };

  return (
    <Box>
      <Box
        display="flex"
        flexWrap="wrap"
        alignItems="center"
        style={{ gap: 16 }}
      >
        <TextField
          select
          size="small"
          label="Container"
          value={container}
          onChange={e => setContainer(e.target.value as string)}
          SelectProps={{
            SelectDisplayProps: { 'aria-label': 'Container' } as any,
          }}
        >
          {containers.map(c => (
            <MenuItem key={c} value={c}>
              {c}
            </MenuItem>
          ))}
        </TextField>
        <FormControlLabel
          control={
            <Switch
              checked={previous}
              onChange={e => setPrevious(e.target.checked)}
              inputProps={{ 'aria-label': 'Previous instance' }}
            />
          }
          label="Previous instance"
        />
        <FormControlLabel
          control={
            <Switch
              checked={follow && !previous}
              disabled={previous}
              onChange={e => setFollow(e.target.checked)}
              inputProps={{ 'aria-label': 'Follow' }}
            />
          }
          label="Follow"
        />
        <TextField
          size="small"
          type="number"
          label="Last lines"
          value={tailLines}
          inputProps={{ min: 1, max: 100000 }}
          onChange={e => {
            const n = Number(e.target.value);
            if (Number.isInteger(n) && n >= 1 && n <= 100000) setTailLines(n);
          }}
        />
        <Button size="small" variant="outlined" onClick={download}>
          Download
        </Button>
      </Box>
      {error && (
        <Typography variant="body2" color="error" role="alert">
          The log could not be read: {error.message}
        </Typography>
      )}
      <Box
        component="pre"
        aria-label="Container log"
        tabIndex={0}
        style={{
          maxHeight: 320,
          overflow: 'auto',
          fontSize: 12,
          whiteSpace: 'pre-wrap',
          wordBreak: 'break-all',
        }}
      >
        {loading && !text ? 'Loading…' : text || (error ? '' : '(empty)')}
      </Box>
    </Box>
  );
};
