import {
  KeyboardEvent,
  MouseEvent,
  useCallback,
  useLayoutEffect,
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

/** One class per verdict (`verdict-ok`, …) with its colour: the cells carry no inline style. */
const verdictRules = Object.fromEntries(
  VERDICTS.map(v => [
    `verdict-${v}`,
    { backgroundColor: verdictStyle(v).color },
  ]),
);

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
  // Grid items stretch to their track: the cell size comes from the grid's template.
  cell: {
    borderRadius: 2,
    cursor: 'pointer',
    '&:hover': { outline: `2px solid ${theme.palette.text.primary}` },
    '&[aria-selected="true"]': {
      outline: '2px solid currentColor',
      outlineOffset: 1,
    },
  },
  active: {
    '&$cell, &$cell[aria-selected="true"]': {
      outline: '2px dashed currentColor',
      outlineOffset: 0,
    },
  },
  tooltip: {
    position: 'absolute',
    zIndex: 10,
    pointerEvents: 'none',
    padding: theme.spacing(1),
    maxWidth: 360,
  },
  srOnly: {
    position: 'absolute',
    width: 1,
    height: 1,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
  ...verdictRules,
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

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

const NEEDS_ESCAPE = /[&<>"']/;

/** Escapes text for an HTML attribute or text node. */
export function escapeHtml(text: string): string {
  return NEEDS_ESCAPE.test(text)
    ? text.replace(/[&<>"']/g, c => HTML_ESCAPES[c])
    : text;
}

/** The accessible name of a node's cell: the node name first, then the verdict. */
export function cellLabel(row: NodeRow): string {
  return `${row.node.name}: ${verdictStyle(row.verdict).label}`;
}

/**
 * The markup of the cells: one `option` per node, in `rows` order. Attributes only (class names
 * computed once per verdict), no inline style, no per-cell listener, no id (only the active cell
 * gets one, for `aria-activedescendant`).
 */
export function nodeMapCellsHtml(
  rows: readonly NodeRow[],
  classFor: (verdict: Verdict) => string,
): string {
  // What follows the node name, per verdict: the same for thousands of cells.
  const tails = new Map<Verdict, string>();
  const tailOf = (verdict: Verdict) => {
    let tail = tails.get(verdict);
    if (tail === undefined) {
      tail = `: ${escapeHtml(verdictStyle(verdict).label)}" class="${escapeHtml(
        classFor(verdict),
      )}"></div>`;
      tails.set(verdict, tail);
    }
    return tail;
  };
  let html = '';
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    html += `<div role="option" aria-selected="false" data-index="${i}" data-verdict="${escapeHtml(
      String(row.verdict),
    )}" aria-label="${escapeHtml(row.node.name)}${tailOf(row.verdict)}`;
  }
  return html;
}

/** What the map's cells were last built from. */
interface RenderedCells {
  rows: readonly NodeRow[];
  classFor: (verdict: Verdict) => string;
}

/**
 * Brings the cells in `grid` up to date with `rows`: patches the cells of changed rows in place
 * when the nodes are the same in the same order (a live update), otherwise rebuilds them all at
 * once from markup, which is far cheaper than creating thousands of elements one by one.
 */
function syncCells(
  grid: HTMLElement,
  next: RenderedCells,
  previous: RenderedCells | undefined,
): void {
  const { rows, classFor } = next;
  const cells = grid.children;
  const samePlaces =
    previous !== undefined &&
    previous.classFor === classFor &&
    previous.rows.length === rows.length &&
    cells.length === rows.length;
  if (samePlaces) {
    let patched = true;
    for (let i = 0; i < rows.length && patched; i++) {
      const row = rows[i];
      const old = previous.rows[i];
      if (row === old) continue;
      if (row.node.name !== old.node.name) {
        patched = false;
      } else if (row.verdict !== old.verdict) {
        const cell = cells[i];
        cell.setAttribute('data-verdict', String(row.verdict));
        cell.setAttribute('aria-label', cellLabel(row));
        cell.className = classFor(row.verdict);
      }
    }
    if (patched) return;
  }
  grid.innerHTML = nodeMapCellsHtml(rows, classFor);
}

/** Marks `element` (e.g. as selected) and unmarks the element marked before, if another one. */
function moveMark(
  marked: { current: Element | undefined },
  element: Element | undefined,
  apply: (el: Element, on: boolean) => void,
): void {
  if (marked.current === element) {
    if (element) apply(element, true);
    return;
  }
  if (marked.current) apply(marked.current, false);
  if (element) apply(element, true);
  marked.current = element;
}

/**
 * Every node as a small cell coloured by verdict, with a legend of counts. Hovering shows one
 * shared tooltip; clicking selects the node. Keyboard: focus the map (it starts at the first
 * problem), move with the arrow keys, select with Enter.
 *
 * The cells are plain elements kept in step with `rows` outside React's rendering (see
 * `syncCells`): at thousands of nodes, one React element per cell dominated the tab's render
 * time. Events are delegated to the grid.
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
  const classes = useStyles() as Record<string, string>;
  const [idPrefix] = useState(() => `daemonset-node-map-${++mapCounter}`);
  const gridRef = useRef<HTMLDivElement>(null);
  const rendered = useRef<RenderedCells | undefined>(undefined);
  const selectedMark = useRef<Element | undefined>(undefined);
  const activeMark = useRef<Element | undefined>(undefined);
  const [hover, setHover] = useState<number | undefined>();
  const [active, setActive] = useState<number | undefined>();
  const { size, gap } = cellSizeFor(rows.length);

  const cellClass = classes.cell;
  const verdictClasses = VERDICTS.map(v => classes[`verdict-${v}`]).join(' ');
  const classFor = useMemo(() => {
    const names = verdictClasses.split(' ');
    const byVerdict = new Map<Verdict, string>(
      VERDICTS.map((v, i) => [v, `${cellClass} ${names[i]}`]),
    );
    const fallback = byVerdict.get('notEligible')!;
    return (verdict: Verdict) => byVerdict.get(verdict) ?? fallback;
  }, [cellClass, verdictClasses]);

  const legendCounts = useMemo(() => {
    if (counts) return counts;
    const c: Partial<Record<Verdict, number>> = {};
    for (const row of rows) c[row.verdict] = (c[row.verdict] ?? 0) + 1;
    return c;
  }, [counts, rows]);

  const selectedIndex = useMemo(
    () =>
      selectedNode === undefined
        ? -1
        : rows.findIndex(r => r.node.name === selectedNode),
    [rows, selectedNode],
  );

  // The cells, then the marks of the selected and the active cell (after a rebuild too).
  useLayoutEffect(() => {
    const grid = gridRef.current;
    if (!grid) return;
    const next = { rows, classFor };
    syncCells(grid, next, rendered.current);
    rendered.current = next;
  }, [rows, classFor]);
  const activeClass = classes.active;
  useLayoutEffect(() => {
    const cells = gridRef.current?.children;
    moveMark(
      selectedMark,
      selectedIndex >= 0 ? cells?.[selectedIndex] : undefined,
      (el, on) => el.setAttribute('aria-selected', on ? 'true' : 'false'),
    );
    moveMark(
      activeMark,
      active !== undefined ? cells?.[active] : undefined,
      (el, on) => {
        el.classList.toggle(activeClass, on);
        if (on) el.id = `${idPrefix}-${el.getAttribute('data-index')}`;
        else el.removeAttribute('id');
      },
    );
  }, [rows, classFor, idPrefix, selectedIndex, active, activeClass]);

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
    // Columns of `repeat(auto-fill, size)` with `gap` between them.
    const perRow = Math.max(
      1,
      Math.floor(((gridRef.current?.clientWidth || 1) + gap) / (size + gap)),
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
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      setActive(e.key === 'Home' ? 0 : rows.length - 1);
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
  // Read only while a tooltip is shown (hover or keyboard), never during the first render.
  const shownEl =
    shownRow && shown !== undefined
      ? (gridRef.current?.children[shown] as HTMLElement | undefined)
      : undefined;
  const selectedRow = selectedIndex >= 0 ? rows[selectedIndex] : undefined;

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
      {/* The cells are added by syncCells: React renders no children here. */}
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
          gridAutoRows: size,
          gap,
        }}
        onMouseOver={onMouseOver}
        onFocus={() => setActive(a => a ?? firstProblem)}
        onMouseLeave={() => setHover(undefined)}
        onClick={onClick}
        onKeyDown={onKeyDown}
        onBlur={() => setActive(undefined)}
      />
      <div
        className={classes.srOnly}
        aria-live="polite"
        data-testid="daemonset-node-map-selection"
      >
        {selectedRow ? `Selected ${cellLabel(selectedRow)}` : ''}
      </div>
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
