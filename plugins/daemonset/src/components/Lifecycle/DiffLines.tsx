import { makeStyles } from '@material-ui/core/styles';
import { DiffLine } from '../Approvals/lineDiff';

const useStyles = makeStyles({
  code: {
    fontFamily: 'monospace',
    fontSize: 13,
    margin: 0,
    overflowX: 'auto',
    maxHeight: 360,
  },
  added: { backgroundColor: 'rgba(46, 125, 50, 0.18)', whiteSpace: 'pre' },
  removed: { backgroundColor: 'rgba(211, 47, 47, 0.18)', whiteSpace: 'pre' },
  same: { whiteSpace: 'pre' },
});

const marks = { added: '+', removed: '-', same: ' ' } as const;

/** A line diff, changed lines marked and coloured. */
export function DiffLines(props: { lines: DiffLine[]; testId?: string }) {
  const classes = useStyles();
  return (
    <pre className={classes.code} data-testid={props.testId}>
      {props.lines.map((line, index) => (
        <div key={index} className={classes[line.kind]}>
          {marks[line.kind]} {line.text}
        </div>
      ))}
    </pre>
  );
}
