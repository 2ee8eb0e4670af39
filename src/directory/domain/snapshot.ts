// Lookup tables over a directory snapshot, built once per snapshot object.
import type { ContactPoint, DirectorySnapshot, ExternalActor, Service, Unit, Uuid } from "./types.ts";

export interface SnapshotIndex {
  unitsById: Map<Uuid, Unit>;
  childrenByUnit: Map<Uuid | null, Unit[]>;
  contactPointsByUnit: Map<Uuid, ContactPoint[]>;
  servicesById: Map<Uuid, Service>;
  servicesByUnit: Map<Uuid, Service[]>;
  externalActorsById: Map<Uuid, ExternalActor>;
}

const cache = new WeakMap<DirectorySnapshot, SnapshotIndex>();

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function indexSnapshot(snapshot: DirectorySnapshot): SnapshotIndex {
  const cached = cache.get(snapshot);
  if (cached) return cached;
  const index: SnapshotIndex = {
    unitsById: new Map(snapshot.units.map((u) => [u.id, u])),
    childrenByUnit: new Map(),
    contactPointsByUnit: new Map(),
    servicesById: new Map(snapshot.services.map((s) => [s.id, s])),
    servicesByUnit: new Map(),
    externalActorsById: new Map(snapshot.externalActors.map((a) => [a.id, a])),
  };
  for (const unit of snapshot.units) push(index.childrenByUnit, unit.parentId, unit);
  for (const cp of snapshot.contactPoints) push(index.contactPointsByUnit, cp.unitId, cp);
  for (const service of snapshot.services) push(index.servicesByUnit, service.ownerUnitId, service);
  // Primary contact points first, so callers can take the first of a kind.
  for (const list of index.contactPointsByUnit.values()) list.sort((a, b) => Number(b.primary ?? false) - Number(a.primary ?? false));
  cache.set(snapshot, index);
  return index;
}

/** The unit and its ancestors, nearest first; stops at a cycle or a missing parent. */
export function ancestry(unitId: Uuid, index: SnapshotIndex): Unit[] {
  const out: Unit[] = [];
  const seen = new Set<Uuid>();
  let current = index.unitsById.get(unitId);
  while (current && !seen.has(current.id)) {
    out.push(current);
    seen.add(current.id);
    current = current.parentId ? index.unitsById.get(current.parentId) : undefined;
  }
  return out;
}
