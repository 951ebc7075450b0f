import { NodeRow, Verdict } from '@daemonsets/plugin-daemonset-common';
import {
  cellLabel,
  healthAttribute,
  nodeMapCellsHtml,
} from './nodeMapCellsHtml';

/** What the map's cells were last built from. */
export interface RenderedCells {
  rows: readonly NodeRow[];
  classFor: (verdict: Verdict) => string;
}

/**
 * Brings the cells in `grid` up to date with `rows`: patches the cells of changed rows in place
 * when the nodes are the same in the same order (a live update), otherwise rebuilds them all at
 * once from markup, which is far cheaper than creating thousands of elements one by one.
 */
export function syncCells(
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
      } else {
        const cell = cells[i];
        const health = healthAttribute(row);
        if (row.verdict !== old.verdict) {
          cell.setAttribute('data-verdict', String(row.verdict));
          cell.className = classFor(row.verdict);
        }
        if (health) cell.setAttribute('data-health', health);
        else cell.removeAttribute('data-health');
        cell.setAttribute('aria-label', cellLabel(row));
      }
    }
    if (patched) return;
  }
  grid.innerHTML = nodeMapCellsHtml(rows, classFor);
}

/** Marks `element` (e.g. as selected) and unmarks the element marked before, if another one. */
export function moveMark(
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
