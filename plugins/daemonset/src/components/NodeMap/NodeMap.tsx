import {
  KeyboardEvent,
  MouseEvent,
  memo,
  useCallback,
  useMemo,
  useRef,
  useState,
} from 'react';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { NodeRow, Verdict } from '@daemonsets/plugin-daemonset-common';
import {
  PROBLEM_VERDICTS,
  VERDICTS,
  verdictStyle,
} from '../shared/verdictStyle';

const useStyles = makeStyles(theme => ({
  root: { position: 'relative' },
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    listStyle: 'none',
    padding: 0,
    margin: theme.spacing(0, 0, 1),
  },
  legendItem: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
  },
  swatch: { width: 12, height: 12, borderRadius: 2, display: 'inline-block' },
  grid: {
    display: 'grid',
    outline: 'none',
    '&:focus-visible': { boxShadow: `0 0 0 2px ${theme.palette.primary.main}` },
  },
  cell: {
    borderRadius: 2,
    cursor: 'pointer',
    '&:hover': { outline: `2px solid ${theme.palette.text.primary}` },
  },
  tooltip: {
    position: 'absolute',
    zIndex: 10,
    pointerEvents: 'none',
    padding: theme.spacing(1),
    maxWidth: 360,
  },
}));

/** Props of {@link NodeMap}. @public */
export interface NodeMapProps {
  rows: NodeRow[];
  /** Counts per verdict for the legend; computed from `rows` when absent. */
  counts?: Partial<Record<Verdict, number>>;
  selectedNode?: string;
  onSelect?: (nodeName: string) => void;
  /** A name for the map, e.g. the DaemonSet's. */
  label?: string;
}

let mapCounter = 0;

function cellSizeFor(count: number): { size: number; gap: number } {
  if (count > 2000) return { size: 8, gap: 1 };
  if (count > 500) return { size: 10, gap: 2 };
  return { size: 14, gap: 2 };
}

/** One cell per node; memoised so hovering does not re-render thousands of cells. */
const Cells = memo(function NodeMapCells(props: {
  rows: NodeRow[];
  size: number;
  idPrefix: string;
  className: string;
}) {
  const { rows, size, idPrefix, className } = props;
  return (
    <>
      {rows.map((row, index) => {
        const style = verdictStyle(row.verdict);
        return (
          <div
            key={row.node.name}
            id={`${idPrefix}-${index}`}
            role="option"
            aria-selected={false}
            data-index={index}
            data-verdict={row.verdict}
            aria-label={`${row.node.name}: ${style.label}`}
            className={className}
            style={{ width: size, height: size, backgroundColor: style.color }}
          />
        );
      })}
    </>
  );
});

/**
 * Every node as a small cell coloured by verdict, with a legend of counts. Hovering shows one
 * shared tooltip; clicking selects the node. Keyboard: focus the map (it starts at the first
 * problem), move with the arrow keys, select with Enter.
 *
 * @public
 */
export const NodeMap = ({
  rows,
  counts,
  selectedNode,
  onSelect,
  label,
}: NodeMapProps) => {
  const classes = useStyles();
  const [idPrefix] = useState(() => `daemonset-node-map-${++mapCounter}`);
  const gridRef = useRef<HTMLDivElement>(null);
  const [hover, setHover] = useState<number | undefined>();
  const [active, setActive] = useState<number | undefined>();
  const { size, gap } = cellSizeFor(rows.length);

  const legendCounts = useMemo(() => {
    if (counts) return counts;
    const c: Partial<Record<Verdict, number>> = {};
    for (const row of rows) c[row.verdict] = (c[row.verdict] ?? 0) + 1;
    return c;
  }, [counts, rows]);

  const indexOf = (target: EventTarget | null): number | undefined => {
    const el = (target as HTMLElement | null)?.closest?.('[data-index]');
    if (!el) return undefined;
    const index = Number(el.getAttribute('data-index'));
    return Number.isFinite(index) ? index : undefined;
  };

  const onMouseOver = useCallback((e: MouseEvent) => {
    setHover(indexOf(e.target));
  }, []);
  const onClick = (e: MouseEvent) => {
    const index = indexOf(e.target);
    if (index !== undefined && rows[index]) {
      setActive(index);
      onSelect?.(rows[index].node.name);
    }
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (rows.length === 0) return;
    const perRow = Math.max(
      1,
      Math.floor((gridRef.current?.clientWidth || 1) / (size + gap)),
    );
    const current = active ?? -1;
    const moves: Record<string, number> = {
      ArrowRight: 1,
      ArrowLeft: -1,
      ArrowDown: perRow,
      ArrowUp: -perRow,
    };
    if (e.key in moves) {
      e.preventDefault();
      const next = Math.min(
        rows.length - 1,
        Math.max(0, current + moves[e.key]),
      );
      setActive(next);
    } else if ((e.key === 'Enter' || e.key === ' ') && active !== undefined) {
      e.preventDefault();
      onSelect?.(rows[active].node.name);
    }
  };

  const firstProblem = useMemo(() => {
    const index = rows.findIndex(r => PROBLEM_VERDICTS.has(r.verdict));
    return index === -1 ? 0 : index;
  }, [rows]);

  const shown = hover ?? active;
  const shownRow = shown !== undefined ? rows[shown] : undefined;
  const shownEl =
    shown !== undefined
      ? (gridRef.current?.querySelector(
          `[data-index="${shown}"]`,
        ) as HTMLElement | null)
      : null;
  const selectedIndex = useMemo(
    () =>
      selectedNode === undefined
        ? -1
        : rows.findIndex(r => r.node.name === selectedNode),
    [rows, selectedNode],
  );

  return (
    <div className={classes.root} data-testid="daemonset-node-map">
      <ul className={classes.legend} aria-label="Verdict legend">
        {VERDICTS.map(verdict => {
          const style = verdictStyle(verdict);
          const count = legendCounts[verdict] ?? 0;
          return (
            <li
              key={verdict}
              className={classes.legendItem}
              title={style.description}
              aria-label={`${style.label}: ${count}`}
            >
              <span
                className={classes.swatch}
                style={{ backgroundColor: style.color }}
              />
              <Typography variant="body2" component="span">
                {style.label} {count}
              </Typography>
            </li>
          );
        })}
      </ul>
      <div
        ref={gridRef}
        role="listbox"
        aria-label={`Node map${label ? ` of ${label}` : ''}: ${
          rows.length
        } nodes`}
        aria-activedescendant={
          active !== undefined ? `${idPrefix}-${active}` : undefined
        }
        tabIndex={0}
        className={classes.grid}
        style={{
          gridTemplateColumns: `repeat(auto-fill, ${size}px)`,
          gap,
        }}
        onMouseOver={onMouseOver}
        onFocus={() => setActive(a => a ?? firstProblem)}
        onMouseLeave={() => setHover(undefined)}
        onClick={onClick}
        onKeyDown={onKeyDown}
        onBlur={() => setActive(undefined)}
      >
        <Cells
          rows={rows}
          size={size}
          idPrefix={idPrefix}
          className={classes.cell}
        />
      </div>
      {selectedIndex >= 0 && (
        <style>{`#${idPrefix}-${selectedIndex}{outline:2px solid currentColor;outline-offset:1px}`}</style>
      )}
      {active !== undefined && (
        <style>{`#${idPrefix}-${active}{outline:2px dashed currentColor}`}</style>
      )}
      {shownRow && (
        <Paper
          className={classes.tooltip}
          elevation={4}
          role="tooltip"
          style={{
            left: Math.max(0, (shownEl?.offsetLeft ?? 0) - 8),
            top: (shownEl?.offsetTop ?? 0) + size + 6,
          }}
        >
          <Typography variant="subtitle2">{shownRow.node.name}</Typography>
          <Typography variant="body2">
            <span style={{ color: verdictStyle(shownRow.verdict).color }}>
              ■
            </span>{' '}
            {verdictStyle(shownRow.verdict).label}
            {shownRow.reason ? ` — ${shownRow.reason}` : ''}
          </Typography>
          {shownRow.pod && (
            <Typography variant="caption" component="div">
              {shownRow.pod.name} · {shownRow.pod.phase} · restarts{' '}
              {shownRow.pod.restarts}
            </Typography>
          )}
          {!shownRow.eligibility.eligible &&
            shownRow.eligibility.reasons.length > 0 && (
              <Typography variant="caption" component="div">
                {shownRow.eligibility.reasons.join('; ')}
              </Typography>
            )}
        </Paper>
      )}
    </div>
  );
};
