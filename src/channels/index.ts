// Public surface of the channels module: the city's accounts, webhooks,
// polling, imports and the outbox that acts on the platforms.
// Registers the demo seeder (demo accounts on the local emulators).
import "./demo/seed.ts";

export { channelsRoutes, type ChannelsRoutesOptions } from "./routes.ts";
export { createChannelsRuntime, type ChannelsRuntime, type ChannelsRuntimeOptions } from "./runtime.ts";
export { enqueuePlatformAction, type EnqueuePlatformActionInput, type EnqueuedAction } from "./outbox/enqueue-platform-action.ts";
export { enqueuePlatformActions, type PlatformActionJob } from "./outbox/enqueue-platform-actions.ts";
export { PLATFORM_ACTIONS, type PlatformActionKind } from "./outbox/types.ts";
export * from "./registry/index.ts";
