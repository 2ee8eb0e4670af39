export type { ChannelCredentials, ChannelRuntime, ChannelView, ChannelContact, CredentialName, Platform } from "./types.ts";
export { CREDENTIAL_NAMES, REQUIRED_CREDENTIALS } from "./types.ts";
export { addChannel, type AddChannelInput, type AddChannelResult } from "./add-channel.ts";
export { listChannels, getChannelRuntime, loadPlatformChannels } from "./list-channels.ts";
export { rotateChannelCredentials } from "./rotate-credentials.ts";
export { createChannelCache, type ChannelCache } from "./channel-cache.ts";
export { publishPageRules, loadPageRules, bindChannelPageRules } from "./page-rules.ts";
export { withDirectoryContacts } from "./channel-contacts.ts";
