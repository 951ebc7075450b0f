import { makeStyles } from '@material-ui/core/styles';

/** The columns of the header and of every row. */
const GRID =
  '120px minmax(140px, 1.4fr) minmax(140px, 1.4fr) 64px 76px minmax(160px, 2fr) minmax(100px, 1fr) 56px';

/** The node table's styles, shared by its header and rows. */
export const useNodeTableStyles = makeStyles(theme => ({
  table: { overflowX: 'auto' },
  inner: { minWidth: 960 },
  header: {
    display: 'grid',
    gridTemplateColumns: GRID,
    borderBottom: `1px solid ${theme.palette.divider}`,
    fontWeight: theme.typography.fontWeightMedium as number,
    padding: theme.spacing(0.5, 0),
  },
  row: {
    display: 'grid',
    gridTemplateColumns: GRID,
    alignItems: 'center',
    position: 'absolute',
    left: 0,
    right: 0,
    borderBottom: `1px solid ${theme.palette.divider}`,
    cursor: 'pointer',
    '&:hover': { backgroundColor: theme.palette.action.hover },
    '&:focus-visible': {
      outline: `2px solid ${theme.palette.primary.main}`,
      outlineOffset: -2,
    },
  },
  selected: {
    backgroundColor: theme.palette.action.selected,
    animation: '$flash 1.2s ease-out',
    '&:hover': { backgroundColor: theme.palette.action.selected },
  },
  '@keyframes flash': {
    '0%': { backgroundColor: theme.palette.warning.light },
    '100%': { backgroundColor: theme.palette.action.selected },
  },
  cell: {
    padding: theme.spacing(0, 1),
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    fontSize: theme.typography.body2.fontSize,
  },
  dot: {
    display: 'inline-block',
    width: 10,
    height: 10,
    borderRadius: '50%',
    marginRight: theme.spacing(1),
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
