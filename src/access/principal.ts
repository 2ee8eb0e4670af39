// Who is calling: a signed-in person (session) or a machine client (API token).
export const ROLES = ["admin", "editor", "moderator", "registrar", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export interface RoleAssignment {
  role: Role;
  /** null: the whole organisation. */
  unitId: string | null;
}

export interface Principal {
  orgId: string;
  userId: string;
  username: string;
  displayName: string;
  roles: RoleAssignment[];
  via: "session" | "token";
  /** Token scopes; a token can never do more than its user's roles allow. */
  scopes?: string[];
  csrfToken?: string;
}
