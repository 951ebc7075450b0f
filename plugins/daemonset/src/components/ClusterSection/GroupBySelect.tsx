import { useState } from 'react';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { useReadableLabelStyles } from '../shared/readableLabel';

let selectCounter = 0;

/** Chooses the node label the map and table are grouped by. */
export const GroupBySelect = (props: {
  options: string[];
  value: string;
  onChange: (value: string) => void;
}) => {
  const { options, value, onChange } = props;
  const [id] = useState(() => `daemonset-group-by-${++selectCounter}`);
  const labelClasses = useReadableLabelStyles();
  // A key from a shared URL that this fleet lacks is still shown as chosen.
  const known = value === '' || options.includes(value);
  return (
    <TextField
      select
      id={id}
      size="small"
      variant="outlined"
      label="Group nodes by"
      InputLabelProps={{ className: labelClasses.label }}
      style={{ minWidth: 260 }}
      value={value}
      onChange={e => onChange(e.target.value)}
      SelectProps={{
        SelectDisplayProps: { 'data-testid': 'daemonset-group-by' } as any,
      }}
    >
      <MenuItem value="">No grouping</MenuItem>
      {!known && <MenuItem value={value}>{value}</MenuItem>}
      {options.map(key => (
        <MenuItem key={key} value={key}>
          {key}
        </MenuItem>
      ))}
    </TextField>
  );
};
