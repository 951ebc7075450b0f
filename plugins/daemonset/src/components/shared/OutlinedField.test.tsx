import { useState } from 'react';
import { fireEvent, render, screen, within } from '@testing-library/react';
import MenuItem from '@material-ui/core/MenuItem';
import { OnDemandSelect, OutlinedTextField } from './OutlinedField';

/** A fruit picker built on demand, as the tab's selects are. */
function Fruit(props: { onBuild?: () => void }) {
  const [value, setValue] = useState('apple');
  return (
    <OnDemandSelect
      id="fruit"
      label="Fruit"
      value={value}
      text={value}
      onChange={setValue}
      displayProps={{ 'data-testid': 'fruit' }}
      onBuild={props.onBuild}
    >
      <MenuItem value="apple">apple</MenuItem>
      <MenuItem value="pear">pear</MenuItem>
    </OnDemandSelect>
  );
}

const options = () =>
  within(screen.getByRole('listbox'))
    .getAllByRole('option')
    .map(o => o.textContent);

describe('OnDemandSelect', () => {
  it('shows its value as a labelled listbox button before the real select is built', () => {
    const onBuild = jest.fn();
    render(<Fruit onBuild={onBuild} />);
    const button = screen.getByRole('button', { name: 'Fruit apple' });
    expect(button).toHaveAttribute('aria-haspopup', 'listbox');
    expect(screen.getByTestId('fruit')).toHaveTextContent('apple');
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
    expect(onBuild).not.toHaveBeenCalled();
  });

  it('opens the real select on a mouse press, and the choice applies', () => {
    const onBuild = jest.fn();
    render(<Fruit onBuild={onBuild} />);
    fireEvent.mouseDown(screen.getByTestId('fruit'));
    expect(onBuild).toHaveBeenCalledTimes(1);
    expect(options()).toEqual(['apple', 'pear']);
    fireEvent.click(screen.getByRole('option', { name: 'pear' }));
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
    expect(screen.getByTestId('fruit')).toHaveTextContent('pear');
    // From now on it is MUI's select, opened as MUI opens it.
    fireEvent.mouseDown(screen.getByTestId('fruit'));
    expect(options()).toEqual(['apple', 'pear']);
    expect(onBuild).toHaveBeenCalledTimes(1);
  });

  it('opens from the keyboard with the focus on the real select, which gets it back on close', () => {
    render(<Fruit />);
    const button = screen.getByRole('button', { name: 'Fruit apple' });
    button.focus();
    fireEvent.keyDown(button, { key: 'Tab' });
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
    fireEvent.keyDown(button, { key: 'ArrowDown' });
    expect(options()).toEqual(['apple', 'pear']);
    const real = screen.getByTestId('fruit');
    expect(real).not.toBe(button);
    fireEvent.keyDown(screen.getByRole('listbox'), { key: 'Escape' });
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
    expect(document.activeElement).toBe(screen.getByTestId('fruit'));
  });
});

describe('OutlinedTextField', () => {
  it('is a native input named by its label, passing its attributes on', () => {
    const onChange = jest.fn();
    render(
      <OutlinedTextField
        id="q"
        label="Search nodes"
        type="search"
        value=""
        placeholder="name"
        onChange={onChange}
        data-testid="q"
      />,
    );
    const input = screen.getByLabelText('Search nodes');
    expect(input).toBe(screen.getByTestId('q'));
    expect(input).toHaveAttribute('type', 'search');
    expect(input).toHaveAttribute('placeholder', 'name');
    fireEvent.change(input, { target: { value: 'node-1' } });
    expect(onChange).toHaveBeenCalledTimes(1);
  });
});
