import { useEffect, useMemo, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import type { PlacementPreview } from '@daemonsets/plugin-daemonset-common';
import { daemonSetApiRef } from '../../api';

/** How long the preview waits after the last change before asking the backend. */
export const PLACEMENT_DEBOUNCE_MS = 300;

function pick(
  source: Record<string, unknown>,
  keys: string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    if (source[key] !== undefined) out[key] = source[key];
  }
  return out;
}

/**
 * The part of the form data that decides placement and requests: `scheduling`,
 * `serverlessBursting` and each container's `resources` and `gpu` (with its `name`). Nothing
 * else is sent: env values, commands and the like stay in the browser.
 */
export function placementInput(
  formData: Record<string, unknown>,
): Record<string, unknown> {
  const input = pick(formData, [
    'scheduling',
    'serverlessBursting',
    'hostNetwork',
  ]);
  if (Array.isArray(formData.containers)) {
    input.containers = formData.containers.map(container =>
      container && typeof container === 'object'
        ? pick(container as Record<string, unknown>, [
            'name',
            'resources',
            'gpu',
          ])
        : {},
    );
  }
  return input;
}

/** The state of the preview. */
export type PlacementPreviewState =
  | { status: 'idle' }
  | { status: 'loading'; previous?: PlacementPreview }
  | { status: 'done'; preview: PlacementPreview }
  | { status: 'error'; error: Error };

/**
 * Asks the backend where a DaemonSet with these fields would run: `PLACEMENT_DEBOUNCE_MS` after
 * the last change of the cluster or of {@link placementInput}, aborting the request of an older
 * state when a newer one starts.
 */
export function usePlacementPreview(
  cluster: string | undefined,
  formData: Record<string, unknown>,
): PlacementPreviewState {
  const api = useApi(daemonSetApiRef);
  const input = placementInput(formData);
  const key = JSON.stringify(input);
  // Only a change of the serialized fields starts a new request.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const stableInput = useMemo(() => input, [key]);
  const [state, setState] = useState<PlacementPreviewState>({
    status: 'idle',
  });

  useEffect(() => {
    if (!cluster) {
      setState({ status: 'idle' });
      return undefined;
    }
    const controller = new AbortController();
    setState(current => {
      let previous: PlacementPreview | undefined;
      if (current.status === 'done') previous = current.preview;
      if (current.status === 'loading') previous = current.previous;
      // An answer for another cluster is not shown while this one loads.
      return {
        status: 'loading',
        previous: previous?.cluster === cluster ? previous : undefined,
      };
    });
    const timer = setTimeout(() => {
      api
        .previewPlacement(cluster, stableInput, { signal: controller.signal })
        .then(
          preview => {
            if (!controller.signal.aborted) {
              setState({ status: 'done', preview });
            }
          },
          error => {
            if (!controller.signal.aborted) {
              setState({
                status: 'error',
                error: error instanceof Error ? error : new Error(`${error}`),
              });
            }
          },
        );
    }, PLACEMENT_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [api, cluster, stableInput]);

  return state;
}
