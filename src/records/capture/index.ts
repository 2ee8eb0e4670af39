// Public surface of records capture: store every item and version on arrival,
// before any action, in a verifiable per-channel hash chain.
export type { CaptureBatch, CapturedVersion, CaptureEvent, CaptureResult, CaptureSource, ChangeInput, DeliveryInput, ItemKind, Platform } from "./types.ts";
export { PLATFORMS } from "./types.ts";
export { captureBatches, defaultVersionKey } from "./capture-changes.ts";
export { createCaptureWriter, type CaptureWriter } from "./capture-writer.ts";
export { verifyCaptureChain, type CaptureChainReport } from "./verify-capture-chain.ts";
export { listCapturedItems, type CapturedItemView } from "./list-captured-items.ts";
export { canonicalJson, sha256Hex, CAPTURE_GENESIS } from "./hash.ts";
