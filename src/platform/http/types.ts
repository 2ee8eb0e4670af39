// Request decorations and route config shared by every module.
import type { RouteOptions } from "fastify";
import type { Principal } from "../../access/principal.ts";
import type { Permission } from "../../access/policy.ts";
import type { Lang } from "../../web/i18n.ts";

declare module "fastify" {
  interface FastifyRequest {
    principal: Principal | undefined;
    lang: Lang;
  }
  interface FastifyInstance {
    /** Every registered route with its config, for the authorisation test over all endpoints. */
    routeTable: RouteOptions[];
  }
  interface FastifyContextConfig {
    /** The permission this route needs. Every route has this or `public: true` (checked at registration). */
    permission?: Permission;
    /** Open to everyone (public directory data, health, login). Stated per route, never implied by a prefix. */
    public?: boolean;
    /** Serves HTML: unauthenticated GETs redirect to the login page, errors render as a page. */
    html?: boolean;
  }
}

export {};
