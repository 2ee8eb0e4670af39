-- A channel's profile contact details come from the directory (its owning
-- unit's functional mailbox, phone and web page) when they are shown, so a
-- directory edit shows at once; the hand-typed copy goes.
alter table channels drop column contact;
