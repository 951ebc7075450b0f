import { useMemo, useState } from 'react';
import MenuItem from '@material-ui/core/MenuItem';
import { alpha, makeStyles } from '@material-ui/core/styles';
import { NodeRow, Verdict } from '@daemonsets/plugin-daemonset-common';
import { VERDICTS, verdictStyle } from '../shared/verdictStyle';
import { NodeTableFilters } from './nodeTableModel';
import { labelSuggestions } from './rowSearch';
import { OnDemandSelect, OutlinedTextField } from '../shared/OutlinedField';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(1),
  },
  // A native checkbox drawn like MUI's Switch: the Switch brought four style sheets (its own,
  // the switch base's, the icon button's, the form label's) to inject when the tab first opens.
  switchLabel: {
    ...theme.typography.body1,
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(1.5),
    cursor: 'pointer',
  },
  switch: {
    appearance: 'none',
    WebkitAppearance: 'none',
    position: 'relative',
    flex: 'none',
    width: 34,
    height: 14,
    margin: '12px 3px',
    borderRadius: 7,
    cursor: 'pointer',
    backgroundColor: alpha(
      theme.palette.type === 'light'
        ? theme.palette.common.black
        : theme.palette.common.white,
      0.38,
    ),
    '&::before': {
      content: '""',
      position: 'absolute',
      top: -3,
      left: -3,
      width: 20,
      height: 20,
      borderRadius: '50%',
      backgroundColor:
        theme.palette.type === 'light'
          ? theme.palette.common.white
          : theme.palette.grey[400],
      boxShadow: theme.shadows[1],
      transition: 'transform 150ms',
    },
    '&:checked': { backgroundColor: alpha(theme.palette.primary.main, 0.5) },
    '&:checked::before': {
      transform: 'translateX(20px)',
      backgroundColor: theme.palette.primary.main,
    },
    '&:focus-visible': {
      outline: `2px solid ${theme.palette.primary.main}`,
      outlineOffset: 6,
    },
  },
  field: { minWidth: 180 },
  wide: { minWidth: 260 },
  focusable: {
    '& .MuiSelect-select:focus-visible, & [aria-haspopup]:focus-visible': {
      outline: `2px solid ${theme.palette.primary.main}`,
      outlineOffset: 2,
    },
  },
}));

let barCounter = 0;

/** The filter controls of the node table. */
export const NodeTableFilterBar = (props: {
  rows: readonly NodeRow[];
  filters: NodeTableFilters;
  onChange: (filters: NodeTableFilters) => void;
}) => {
  const classes = useStyles();
  const { filters, onChange, rows } = props;
  const [id] = useMemo(() => [`daemonset-filters-${++barCounter}`], []);
  // Counting every label of a large fleet is deferred until the field is first used.
  const [wantSuggestions, setWantSuggestions] = useState(filters.label !== '');
  const suggestions = useMemo(
    () => (wantSuggestions ? labelSuggestions(rows) : []),
    [rows, wantSuggestions],
  );
  return (
    <div className={classes.root} role="search" aria-label="Filter nodes">
      <label className={classes.switchLabel}>
        <input
          type="checkbox"
          className={classes.switch}
          checked={filters.problemsOnly}
          onChange={e =>
            onChange({ ...filters, problemsOnly: e.target.checked })
          }
          data-testid="daemonset-problems-only"
        />
        Problems only
      </label>
      <OnDemandSelect
        id={`${id}-verdict`}
        label="Verdict"
        value={filters.verdict}
        text={
          filters.verdict === 'all'
            ? 'All verdicts'
            : verdictStyle(filters.verdict).label
        }
        onChange={verdict =>
          onChange({ ...filters, verdict: verdict as Verdict | 'all' })
        }
        className={`${classes.field} ${classes.focusable}`}
      >
        <MenuItem value="all">All verdicts</MenuItem>
        {VERDICTS.map(v => (
          <MenuItem key={v} value={v}>
            {verdictStyle(v).label}
          </MenuItem>
        ))}
      </OnDemandSelect>
      <OutlinedTextField
        id={`${id}-label`}
        label="Node label"
        placeholder="pool=gpu, zone or a value"
        className={classes.wide}
        value={filters.label}
        onChange={e => onChange({ ...filters, label: e.target.value })}
        onFocus={() => setWantSuggestions(true)}
        data-testid="daemonset-label-filter"
        list={`${id}-label-suggestions`}
        autoComplete="off"
      />
      <datalist id={`${id}-label-suggestions`}>
        {suggestions.map(s => (
          <option key={s} value={s} />
        ))}
      </datalist>
      <OutlinedTextField
        id={`${id}-search`}
        label="Search nodes"
        type="search"
        placeholder="name, reason, cordoned, label…"
        className={classes.wide}
        value={filters.search}
        onChange={e => onChange({ ...filters, search: e.target.value })}
        data-testid="daemonset-search"
      />
    </div>
  );
};
