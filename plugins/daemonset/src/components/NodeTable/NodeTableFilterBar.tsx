import { useMemo, useState } from 'react';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Switch from '@material-ui/core/Switch';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import { useReadableLabelStyles } from '../shared/readableLabel';
import { NodeRow, Verdict } from '@daemonsets/plugin-daemonset-common';
import { VERDICTS, verdictStyle } from '../shared/verdictStyle';
import { NodeTableFilters } from './nodeTableModel';
import { labelSuggestions } from './rowSearch';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(1),
  },
  field: { minWidth: 180 },
  wide: { minWidth: 260 },
  focusable: {
    '& .MuiSelect-select:focus-visible': {
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
  const labelClasses = useReadableLabelStyles();
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
      <FormControlLabel
        control={
          <Switch
            checked={filters.problemsOnly}
            onChange={e =>
              onChange({ ...filters, problemsOnly: e.target.checked })
            }
            color="primary"
            inputProps={
              {
                'data-testid': 'daemonset-problems-only',
              } as React.InputHTMLAttributes<HTMLInputElement>
            }
          />
        }
        label="Problems only"
      />
      <TextField
        select
        id={`${id}-verdict`}
        size="small"
        variant="outlined"
        label="Verdict"
        InputLabelProps={{ className: labelClasses.label }}
        className={`${classes.field} ${classes.focusable}`}
        value={filters.verdict}
        onChange={e =>
          onChange({ ...filters, verdict: e.target.value as Verdict | 'all' })
        }
      >
        <MenuItem value="all">All verdicts</MenuItem>
        {VERDICTS.map(v => (
          <MenuItem key={v} value={v}>
            {verdictStyle(v).label}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        id={`${id}-label`}
        size="small"
        variant="outlined"
        label="Node label"
        InputLabelProps={{ className: labelClasses.label }}
        placeholder="pool=gpu, zone or a value"
        className={classes.wide}
        value={filters.label}
        onChange={e => onChange({ ...filters, label: e.target.value })}
        onFocus={() => setWantSuggestions(true)}
        inputProps={{
          'data-testid': 'daemonset-label-filter',
          list: `${id}-label-suggestions`,
          autoComplete: 'off',
        }}
      />
      <datalist id={`${id}-label-suggestions`}>
        {suggestions.map(s => (
          <option key={s} value={s} />
        ))}
      </datalist>
      <TextField
        id={`${id}-search`}
        size="small"
        variant="outlined"
        label="Search nodes"
        InputLabelProps={{ className: labelClasses.label }}
        type="search"
        placeholder="name, reason, cordoned, label…"
        className={classes.wide}
        value={filters.search}
        onChange={e => onChange({ ...filters, search: e.target.value })}
        inputProps={{ 'data-testid': 'daemonset-search' }}
      />
    </div>
  );
};
