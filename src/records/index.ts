// Public surface of the records module for other modules. Capture has its own
// (records/capture/index.ts).
export { appendArchiveEntry, ARCHIVE_STREAMS, type ArchiveEntryInput } from "./archive/append-archive-entry.ts";
export { recordCheckpoints } from "./archive/checkpoints.ts";
export { verifyRecords, type VerifyReport, type ChainCheck } from "./archive/verify-records.ts";
export { findPersonalData, maskPersonalData, type PersonalDataSpan } from "./redaction/personal-data.ts";
export { searchRecords, type SearchHit, type SearchRecordsInput } from "./search/search-records.ts";
export { recordsRoutes } from "./routes.ts";
