import { makeStyles } from '@material-ui/core/styles';
import { Verdict } from '@daemonsets/plugin-daemonset-common';
import { VERDICTS, verdictStyle } from '../shared/verdictStyle';

const color = (v: Verdict) => verdictStyle(v).color;
const cross =
  'linear-gradient(45deg, transparent 40%, #fff 40%, #fff 60%, transparent 60%), linear-gradient(-45deg, transparent 40%, #fff 40%, #fff 60%, transparent 60%)';

/**
 * One class per verdict (`verdict-ok`, …): a colour and a shape each, so that no verdict rests
 * on colour alone (OK a filled square, Failing a square with a cross, Missing a hollow square, Progressing
 * half filled, Misscheduled a diamond, Not eligible an empty grey frame). Colours have at least
 * 3:1 against the background. The cells carry no inline style.
 */
const verdictRules: Record<string, object> = {
  'verdict-ok': { backgroundColor: color('ok') },
  'verdict-failing': {
    backgroundColor: color('failing'),
    backgroundImage: cross,
  },
  'verdict-missing': {
    backgroundColor: 'transparent',
    boxShadow: `inset 0 0 0 2px ${color('missing')}`,
  },
  'verdict-progressing': {
    backgroundImage: `linear-gradient(to top, ${color(
      'progressing',
    )} 55%, transparent 55%)`,
    boxShadow: `inset 0 0 0 1px ${color('progressing')}`,
  },
  'verdict-misscheduled': {
    backgroundColor: color('misscheduled'),
    transform: 'rotate(45deg) scale(0.75)',
  },
  'verdict-notEligible': {
    backgroundColor: 'transparent',
    boxShadow: `inset 0 0 0 1px ${color('notEligible')}`,
  },
};
VERDICTS.forEach(v => {
  if (!verdictRules[`verdict-${v}`])
    verdictRules[`verdict-${v}`] = { backgroundColor: color(v) };
});

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
  swatch: {
    width: 12,
    height: 12,
    borderRadius: 2,
    display: 'inline-block',
    flex: 'none',
  },
  // Its own layer: thousands of cells are not repainted when something else on the page
  // changes (tab transitions, the table below), only when a cell does. Its width is the page's,
  // never its cells': containment spares the layout of the page an intrinsic-size pass over
  // thousands of grid items.
  grid: {
    display: 'grid',
    outline: 'none',
    willChange: 'transform',
    contain: 'layout style inline-size',
    '&:focus-visible': { boxShadow: `0 0 0 2px ${theme.palette.primary.main}` },
  },
  // Grid items stretch to their track: the cell size comes from the grid's template. Plain
  // squares (no rounded corners): thousands of rounded shapes cost paint and raster time.
  cell: {
    cursor: 'pointer',
    // A node down: a black bar across whatever its verdict's shape is.
    '&[data-health="notReady"]': {
      backgroundImage:
        'linear-gradient(135deg, transparent 38%, #000 38%, #000 62%, transparent 62%)',
    },
    '&[data-health="pressure"]': {
      backgroundImage:
        'radial-gradient(circle at 75% 25%, #000 22%, transparent 24%)',
    },
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
