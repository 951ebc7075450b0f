import { makeStyles } from '@material-ui/core/styles';
import { VERDICTS, verdictStyle } from '../shared/verdictStyle';

/** One class per verdict (`verdict-ok`, …) with its colour: the cells carry no inline style. */
const verdictRules = Object.fromEntries(
  VERDICTS.map(v => [
    `verdict-${v}`,
    { backgroundColor: verdictStyle(v).color },
  ]),
);

/** The node map's styles, including one class per verdict named `verdict-<verdict>`. */
export const useNodeMapStyles = makeStyles(theme => ({
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

/** The size of a cell and the gap between cells, smaller as the nodes grow in number. */
export function cellSizeFor(count: number): { size: number; gap: number } {
  if (count > 2000) return { size: 8, gap: 1 };
  if (count > 500) return { size: 10, gap: 2 };
  return { size: 14, gap: 2 };
}
