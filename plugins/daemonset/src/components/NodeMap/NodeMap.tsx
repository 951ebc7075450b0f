import {
  KeyboardEvent,
  MouseEvent,
  useCallback,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import {
  NodeRow,
  Verdict,
  nodeHealth,
} from '@daemonsets/plugin-daemonset-common';
import { PROBLEM_VERDICTS, VERDICTS } from '../shared/verdictStyle';
import { cellSizeFor, useNodeMapStyles } from './nodeMapStyles';
import { cellLabel } from './nodeMapCellsHtml';
import { RenderedCells, moveMark, syncCells } from './syncCells';
import { HealthCounts, NodeMapLegend } from './NodeMapLegend';
import { NodeMapTooltip } from './NodeMapTooltip';

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
  const classes = useNodeMapStyles() as Record<string, string>;
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
  const healthCounts = useMemo(() => {
    const h: HealthCounts = { notReady: 0, pressure: 0 };
    for (const row of rows) {
      const health = nodeHealth(row.node);
      if (health !== 'healthy') h[health]++;
    }
    return h;
  }, [rows]);

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
      (el, on) =>
        on
          ? el.setAttribute('aria-selected', 'true')
          : el.removeAttribute('aria-selected'),
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
      <NodeMapLegend
        classes={classes}
        counts={legendCounts}
        health={healthCounts}
      />
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
        <NodeMapTooltip classes={classes} row={shownRow} anchor={shownEl} />
      )}
    </div>
  );
};
