import { makeStyles } from '@material-ui/core/styles';

/**
 * The columns of the header and of every row: narrow enough minimums that a 1024 px wide window
 * shows the whole table without scrolling sideways.
 */
const GRID =
  '118px minmax(110px, 1.3fr) minmax(100px, 1.2fr) 52px 68px minmax(120px, 2fr) minmax(100px, 1.2fr) 48px';

/** {@link GRID} with the CPU and memory columns after Restarts (clusters with the metrics API). */
const GRID_WITH_USAGE =
  '118px minmax(110px, 1.3fr) minmax(100px, 1.2fr) 52px 68px 56px 72px minmax(120px, 2fr) minmax(100px, 1.2fr) 48px';

/** The height of a table row in pixels (two lines of reason). */
export const ROW_HEIGHT = 44;

/** The node table's styles, shared by its header and rows. */
export const useNodeTableStyles = makeStyles(theme => ({
  head: {
    // Sticks to the top of the page's own scroll while the rows scroll under it.
    position: 'sticky',
    top: 0,
    zIndex: 2,
    backgroundColor: theme.palette.background.paper,
  },
  header: {
    display: 'grid',
    gridTemplateColumns: GRID,
    alignItems: 'center',
    borderBottom: `1px solid ${theme.palette.divider}`,
    fontWeight: theme.typography.fontWeightMedium as number,
    padding: theme.spacing(0.5, 0),
  },
  headerCell: {
    padding: theme.spacing(0, 1),
    fontSize: theme.typography.body2.fontSize,
  },
  // A native button drawn like MUI's TableSortLabel (which brought a style sheet and a ripple
  // per column to the tab's first open).
  sortLabel: {
    font: 'inherit',
    color: 'inherit',
    background: 'none',
    border: 0,
    padding: 0,
    margin: 0,
    display: 'inline-flex',
    alignItems: 'center',
    flexDirection: 'inherit',
    justifyContent: 'flex-start',
    cursor: 'pointer',
    textAlign: 'left',
    // As Backstage's theme has it: no colour change on hover, the arrow shows instead.
    '&:hover $sortIcon, &:focus $sortIcon': { opacity: 0.5 },
    '&:focus-visible': {
      outline: `2px solid ${theme.palette.primary.main}`,
      outlineOffset: 2,
    },
  },
  sortActive: {
    fontWeight: 'bold',
    '& $sortIcon, &:hover $sortIcon, &:focus $sortIcon': {
      opacity: 1,
      color: theme.palette.text.secondary,
    },
  },
  sortIcon: {
    width: 18,
    height: 18,
    flex: 'none',
    fill: 'currentColor',
    marginLeft: 4,
    marginRight: 4,
    opacity: 0,
    transition: 'opacity 200ms, transform 200ms',
  },
  sortAscending: { transform: 'rotate(180deg)' },
  body: { position: 'relative' },
  row: {
    display: 'grid',
    gridTemplateColumns: GRID,
    alignItems: 'center',
    position: 'absolute',
    left: 0,
    right: 0,
    height: ROW_HEIGHT,
    scrollMarginTop: 48,
    scrollMarginBottom: 8,
    borderBottom: `1px solid ${theme.palette.divider}`,
    cursor: 'pointer',
    '&:hover': { backgroundColor: theme.palette.action.hover },
    '&:focus-visible': {
      outline: `3px solid ${theme.palette.primary.main}`,
      outlineOffset: -3,
    },
  },
  withUsage: { gridTemplateColumns: GRID_WITH_USAGE },
  groupRow: {
    gridTemplateColumns: '1fr',
    backgroundColor: theme.palette.background.default,
    fontWeight: theme.typography.fontWeightMedium as number,
  },
  selected: {
    backgroundColor: theme.palette.action.selected,
    boxShadow: `inset 4px 0 0 ${theme.palette.primary.main}`,
    '&:hover': { backgroundColor: theme.palette.action.selected },
  },
  cell: {
    padding: theme.spacing(0, 1),
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    fontSize: theme.typography.body2.fontSize,
  },
  wrap: {
    whiteSpace: 'normal',
    display: '-webkit-box',
    WebkitLineClamp: 2,
    WebkitBoxOrient: 'vertical',
    lineHeight: 1.25,
    wordBreak: 'break-word',
  },
  flag: {
    display: 'inline-block',
    marginLeft: theme.spacing(0.5),
    padding: '0 4px',
    borderRadius: 3,
    border: `1px solid ${theme.palette.text.secondary}`,
    color: theme.palette.text.primary,
    fontSize: '0.75rem',
    lineHeight: '16px',
  },
  muted: { color: theme.palette.text.secondary },
  footer: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginTop: theme.spacing(1),
  },
}));

/** The class names of {@link useNodeTableStyles}. */
export type NodeTableClasses = ReturnType<typeof useNodeTableStyles>;
