import FormControlLabel from '@material-ui/core/FormControlLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Switch from '@material-ui/core/Switch';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import { Verdict } from '@daemonsets/plugin-daemonset-common';
import { VERDICTS, verdictStyle } from '../shared/verdictStyle';
import { NodeTableFilters } from './nodeTableModel';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(1),
  },
  field: { minWidth: 180 },
}));

/** The filter controls of the node table. */
export const NodeTableFilterBar = (props: {
  filters: NodeTableFilters;
  onChange: (filters: NodeTableFilters) => void;
}) => {
  const classes = useStyles();
  const { filters, onChange } = props;
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
        size="small"
        variant="outlined"
        label="Verdict"
        className={classes.field}
        value={filters.verdict}
        onChange={e =>
          onChange({ ...filters, verdict: e.target.value as Verdict | 'all' })
        }
        SelectProps={{ SelectDisplayProps: { 'aria-label': 'Verdict' } as any }}
      >
        <MenuItem value="all">All verdicts</MenuItem>
        {VERDICTS.map(v => (
          <MenuItem key={v} value={v}>
            {verdictStyle(v).label}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        size="small"
        variant="outlined"
        label="Node label"
        placeholder="key=value"
        className={classes.field}
        value={filters.label}
        onChange={e => onChange({ ...filters, label: e.target.value })}
        inputProps={{ 'data-testid': 'daemonset-label-filter' }}
      />
      <TextField
        size="small"
        variant="outlined"
        label="Search"
        type="search"
        placeholder="node, pod or reason"
        className={classes.field}
        value={filters.search}
        onChange={e => onChange({ ...filters, search: e.target.value })}
        inputProps={{
          'aria-label': 'Search nodes',
          'data-testid': 'daemonset-search',
        }}
      />
    </div>
  );
};
