import { render, screen } from '@testing-library/react';
import { PodMetricsNote, PodUsageLine } from './PodMetricsNote';

describe('PodMetricsNote', () => {
  it('says plainly that a cluster without a metrics API shows no CPU or memory', () => {
    render(<PodMetricsNote metrics={{ available: false }} />);
    expect(screen.getByTestId('daemonset-pod-metrics')).toHaveTextContent(
      'This cluster has no metrics API (metrics-server); CPU and memory are not shown',
    );
  });

  it('sums the pods when the metrics API answers', () => {
    render(
      <PodMetricsNote
        metrics={{
          available: true,
          pods: [
            { name: 'a', cpuMillicores: 12, memoryBytes: 30 * 1024 ** 2 },
            { name: 'b', cpuMillicores: 8, memoryBytes: 34 * 1024 ** 2 },
          ],
        }}
      />,
    );
    expect(screen.getByTestId('daemonset-pod-metrics')).toHaveTextContent(
      'Pod CPU and memory (metrics API): 20m CPU and 64 MiB in 2 pods',
    );
  });

  it('keeps its line, empty, while loading, so that what is below does not move', () => {
    const { rerender } = render(<PodMetricsNote loading />);
    const pending = screen.getByTestId('daemonset-pod-metrics-pending');
    expect(pending).toHaveAttribute('aria-hidden', 'true');
    expect(pending.textContent?.trim()).toBe('');
    // The same kind of line as the note that replaces it.
    expect(pending.className).toBe(
      (() => {
        const { container } = render(
          <PodMetricsNote metrics={{ available: false }} />,
        );
        return container.firstElementChild!.className;
      })(),
    );
    rerender(<PodMetricsNote loading={false} metrics={{ available: false }} />);
    expect(
      screen.queryByTestId('daemonset-pod-metrics-pending'),
    ).not.toBeInTheDocument();
  });

  it('shows nothing without a loading read and the reason when the read fails', () => {
    const { container, rerender } = render(<PodMetricsNote />);
    expect(container).toBeEmptyDOMElement();
    rerender(
      <PodMetricsNote error={new Error('the API server answered HTTP 503')} />,
    );
    expect(screen.getByTestId('daemonset-pod-metrics')).toHaveTextContent(
      'CPU and memory could not be read: the API server answered HTTP 503',
    );
  });
});

describe('PodUsageLine', () => {
  const metrics = {
    available: true as const,
    pods: [{ name: 'agent-a', cpuMillicores: 3, memoryBytes: 2 * 1024 ** 3 }],
  };
  it("shows the selected node's pod", () => {
    render(<PodUsageLine metrics={metrics} pod="agent-a" />);
    expect(screen.getByTestId('daemonset-pod-usage')).toHaveTextContent(
      'Pod CPU 3m, memory 2.0 GiB (metrics API)',
    );
  });
  it('shows nothing for a pod without metrics or a cluster without the API', () => {
    const { container, rerender } = render(
      <PodUsageLine metrics={metrics} pod="agent-b" />,
    );
    expect(container).toBeEmptyDOMElement();
    rerender(<PodUsageLine metrics={{ available: false }} pod="agent-a" />);
    expect(container).toBeEmptyDOMElement();
  });
});
