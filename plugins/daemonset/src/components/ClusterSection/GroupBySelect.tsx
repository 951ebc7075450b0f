import { useMemo, useState } from 'react';
import MenuItem from '@material-ui/core/MenuItem';
import { NodeRow } from '@daemonsets/plugin-daemonset-common';
import { groupKeyOptions } from '../shared/fleetGrouping';
import { OnDemandSelect } from '../shared/OutlinedField';

let selectCounter = 0;

/**
 * Chooses the node label the map and table are grouped by: the label keys of `rows`, gathered
 * when the field is first used (until then a look-alike of the select is shown, see
 * `OnDemandSelect`) and the menu first opened (every label of every node: a cost the tab's first paint need not
 * pay); until then the chosen key is its only option.
 */
export const GroupBySelect = (props: {
  rows: readonly NodeRow[];
  value: string;
  onChange: (value: string) => void;
}) => {
  const { rows, value, onChange } = props;
  const [id] = useState(() => `daemonset-group-by-${++selectCounter}`);
  const [opened, setOpened] = useState(false);
  const options = useMemo(
    () => (opened ? groupKeyOptions(rows) : []),
    [opened, rows],
  );
  // A key from a shared URL that this fleet lacks is still shown as chosen.
  const known = value === '' || options.includes(value);
  return (
    <OnDemandSelect
      id={id}
      label="Group nodes by"
      value={value}
      text={value}
      onChange={onChange}
      style={{ minWidth: 260 }}
      displayProps={{ 'data-testid': 'daemonset-group-by' }}
      onBuild={() => setOpened(true)}
    >
      <MenuItem value="">No grouping</MenuItem>
      {!known && <MenuItem value={value}>{value}</MenuItem>}
      {options.map(key => (
        <MenuItem key={key} value={key}>
          {key}
        </MenuItem>
      ))}
    </OnDemandSelect>
  );
};
