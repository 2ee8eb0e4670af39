// Which unit an entity belongs to, for unit-scoped roles: a unit is governed by
// itself, a contact point by its unit, a service by its owner unit. The
// profile and external actors belong to the whole organisation (null).
import type { DirectorySnapshot } from "../domain/index.ts";
import type { AnyEntity, EntityByKind, EntityKind } from "../store/codecs.ts";

export function unitOf(kind: EntityKind, entity: AnyEntity, snapshot: DirectorySnapshot): string | null {
  switch (kind) {
    case "unit": {
      const u = entity as EntityByKind["unit"];
      // An existing unit: its own scope. A new one: its parent's (null = top level, organisation).
      return snapshot.units.some((x) => x.id === u.id) ? u.id : u.parentId;
    }
    case "contact_point":
      return (entity as EntityByKind["contact_point"]).unitId;
    case "service":
      return (entity as EntityByKind["service"]).ownerUnitId;
    default:
      return null;
  }
}
