// A channel's profile contact details are its owning unit's in the directory
// (functional mailbox, phone, web page), looked up when shown, so an edit in
// the directory shows on /kanaler and in the API at once.
import { unitContact, type DirectorySnapshot } from "../../directory/index.ts";
import type { ChannelView } from "./types.ts";

export function withDirectoryContacts<T extends ChannelView>(channels: T[], snapshot: DirectorySnapshot): T[] {
  return channels.map((c) => {
    const contact = c.unitId ? unitContact(snapshot, c.unitId) : undefined;
    return contact ? { ...c, contact } : c;
  });
}
