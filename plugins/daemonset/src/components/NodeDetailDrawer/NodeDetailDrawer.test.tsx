import { useState } from 'react';
import { act, fireEvent, screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { makeRow } from '../../__testUtils__/fixtures';
import { NodeDetailDrawer } from './NodeDetailDrawer';

function Harness() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button onClick={() => setOpen(true)}>open node-3</button>
      <NodeDetailDrawer
        row={open ? makeRow(3, 'failing') : undefined}
        onClose={() => setOpen(false)}
      />
    </>
  );
}

describe('NodeDetailDrawer', () => {
  it('closes with Escape and gives focus back to its opener', async () => {
    await renderInTestApp(<Harness />);
    const opener = screen.getByRole('button', { name: 'open node-3' });
    act(() => opener.focus());
    fireEvent.click(opener);

    const drawer = screen.getByRole('dialog', { name: 'Node node-3' });
    expect(drawer).toHaveAttribute('aria-modal', 'false');
    // Focus stays where the node was chosen; Escape works from there and from inside.
    expect(document.activeElement).toBe(opener);
    act(() => drawer.focus());
    // The details are loaded when a node is first opened.
    expect(
      await screen.findByTestId('daemonset-node-detail'),
    ).toHaveTextContent('CrashLoopBackOff');

    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('closes from its Close button and gives focus back', async () => {
    await renderInTestApp(<Harness />);
    const opener = screen.getByRole('button', { name: 'open node-3' });
    act(() => opener.focus());
    fireEvent.click(opener);
    const close = await screen.findByRole('button', { name: 'Close details' });
    act(() => close.focus());
    fireEvent.click(close);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });
});
