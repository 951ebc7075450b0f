import { Entity } from '@backstage/catalog-model';
import { useVersionedContext } from '@backstage/version-bridge';

/**
 * The entity of the surrounding entity page, or undefined outside one (`useEntity` throws
 * there), so the row detail also renders where no entity is known.
 */
export function useOptionalEntity(): Entity | undefined {
  const holder = useVersionedContext<{ 1: { entity?: Entity } }>(
    'entity-context',
  );
  return holder?.atVersion(1)?.entity;
}
