// The directory module's public surface: other modules import only this.
export { directoryRoutes } from "./routes.ts";
export { registerDirectoryCommands } from "./cli.ts";
export { seedDemoDirectory, demoDirectory } from "./demo-seeder.ts";
export { loadSnapshot } from "./store/versions.ts";
export { searchDirectory } from "./read/search.ts";
export type { DirectoryRuntime } from "./runtime.ts";
export { checkContactValue, type ContactCheck, type ContactVerdict } from "./read/contact-check.ts";
export { DEMO_IDS, type DirectorySnapshot } from "./domain/index.ts";
export { officialContacts, unitContact, type OfficialContacts, type UnitContact } from "./read/official-contacts.ts";
