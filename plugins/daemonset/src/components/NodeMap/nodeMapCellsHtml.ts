import {
  NodeRow,
  Verdict,
  nodeConditionFlags,
  nodeHealth,
} from '@daemonsets/plugin-daemonset-common';
import { verdictStyle } from '../shared/verdictStyle';

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

/**
 * The accessible name of a node's cell: the node name first, then the verdict, then the node's
 * own abnormal conditions (`node NotReady`, `MemoryPressure`).
 */
export function cellLabel(row: NodeRow): string {
  const flags = nodeConditionFlags(row.node);
  return `${row.node.name}: ${verdictStyle(row.verdict).label}${
    flags.length ? `, node ${flags.join(', ')}` : ''
  }`;
}

/** The cell's `data-health` attribute, empty for a healthy node. */
export function healthAttribute(row: NodeRow): string {
  const health = nodeHealth(row.node);
  return health === 'healthy' ? '' : health;
}

/**
 * The markup of the cells: one `option` per node, in `rows` order. Attributes only (class names
 * computed once per verdict), no inline style, no per-cell listener, no id (only the active cell
 * gets one, for `aria-activedescendant`), no `aria-selected` (only the selected cell has it: in a
 * listbox of single selection the others are unselected without saying so).
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
    const health = healthAttribute(row);
    const start = `<div role="option" data-index="${i}" data-verdict="${escapeHtml(
      String(row.verdict),
    )}"`;
    html += health
      ? `${start} data-health="${health}" aria-label="${escapeHtml(
          cellLabel(row),
        )}" class="${escapeHtml(classFor(row.verdict))}"></div>`
      : `${start} aria-label="${escapeHtml(row.node.name)}${tailOf(
          row.verdict,
        )}`;
  }
  return html;
}
